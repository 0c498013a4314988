//! The layout marks of an extracted article's markup: its subheadings and the cells of its data
//! tables, so that the classifier does not take them for menu crumbs or stray headlines; and its
//! furniture (figures with their captions and credits, navigation, lists of links to other
//! pages), so that it does not pass for the article's text.
//! Linear in the markup. Depends only on the store's `Layout`.

use super::lex::{is_one_of, Lexer, Piece};
use super::meta::attr;
use super::text::{decode_entities_str, BLOCK};
use crate::store::layout::Layout;

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript"];

/// Elements that end a piece of text inside a table cell, as they end a block in the text.
fn breaks(name: &str) -> bool {
    is_one_of(name, BLOCK) || name.eq_ignore_ascii_case("br")
}

/// One table being read: whether another table sits inside it (then it lays out the page
/// rather than holding data), the text pieces of its cells and the text of its rows.
#[derive(Default)]
struct Table {
    nested: bool,
    pieces: Vec<String>,
    rows: Vec<String>,
    in_cell: bool,
}

impl Table {
    /// A row, or a cell, starts: cells of a row are read as one line of text.
    fn start_cell(&mut self, new_row: bool) {
        if new_row || self.rows.is_empty() {
            self.rows.push(String::new());
        } else if let Some(r) = self.rows.last_mut() {
            r.push(' ');
        }
    }
}

/// A heading being read: its text, and whether any of it stands outside a link (a heading
/// that is all link is a link to another story).
#[derive(Default)]
struct Heading {
    text: String,
    unlinked: bool,
}

/// Elements whose whole text is furniture: a figure holds media with its caption and credit.
const FURNITURE: &[&str] = &["figure", "figcaption", "nav"];

/// Words in class and id names that mark a caption or a credit ("wp-caption-text",
/// "photo-credit", "imageCaption").
const FURNITURE_NAMES: &[&str] = &["caption", "credit", "credits"];
/// Words before one of those that deny it ("no-caption", "has_caption").
const NOT_FURNITURE: &[&str] = &["no", "has", "with", "without"];

/// The opening tag's class or id names it a caption or a credit: a name made of words joined
/// by `-`, `_` or a change of case, one of which is "caption" or "credit" (not "no-caption").
fn names_furniture(source: &str) -> bool {
    ["class", "id"].iter().any(|key| {
        attr(source, key).is_some_and(|v| {
            v.split_ascii_whitespace().any(|name| {
                let words = name_words(name);
                words.iter().enumerate().any(|(i, w)| {
                    // "thumbcaption", "photocredit" run the words together
                    let named = FURNITURE_NAMES.iter().any(|n| w.ends_with(n))
                        && !NOT_FURNITURE
                            .iter()
                            .any(|no| w.starts_with(no) && !FURNITURE_NAMES.contains(&w.as_str()));
                    named && !(i > 0 && NOT_FURNITURE.contains(&words[i - 1].as_str()))
                })
            })
        })
    })
}

/// The words of a class name, lower-cased: "wp-caption-text" → wp, caption, text;
/// "imageCaption" → image, caption.
fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if (c == '-' || c == '_' || (c.is_uppercase() && prev_lower)) && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if c != '-' && c != '_' {
            cur.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Words a figure, caption, credit or navigation element holds at most.
const MAX_FURNITURE_WORDS: usize = 150;

/// An open furniture element: its name, how many elements of that name are open inside it,
/// and its text so far (a line per block), or that it holds more than furniture does.
struct Furniture {
    name: String,
    nested: usize,
    text: String,
    too_long: bool,
}

impl Furniture {
    fn new(name: &str) -> Furniture {
        Furniture {
            name: name.to_ascii_lowercase(),
            nested: 0,
            text: String::new(),
            too_long: false,
        }
    }

    fn push(&mut self, s: &str) {
        if self.too_long {
            return;
        }
        self.text.push_str(s);
        // a cheap bound first (no word is shorter than a byte), then the count
        if self.text.len() > MAX_FURNITURE_WORDS
            && self
                .text
                .split_whitespace()
                .nth(MAX_FURNITURE_WORDS)
                .is_some()
        {
            self.too_long = true;
            self.text = String::new();
        }
    }
}

/// A list being read: each item's text, and whether all of it sits inside links.
#[derive(Default)]
struct List {
    items: Vec<(String, bool)>,
}

impl List {
    /// At least two items, each a link and nothing else: links to other pages.
    fn is_link_list(&self) -> bool {
        self.items.len() >= 2
            && self
                .items
                .iter()
                .all(|(t, all_link)| *all_link && t.chars().any(char::is_alphanumeric))
    }
}

/// The subheadings, data-table cells and furniture of an article's markup.
pub(super) fn read(content: &str) -> Layout {
    let mut layout = Layout::default();
    let mut tables: Vec<Table> = Vec::new();
    let mut heading: Option<Heading> = None;
    let mut links = 0usize;
    let mut hidden = 0usize;
    // the open furniture elements, outermost first
    let mut furniture: Vec<Furniture> = Vec::new();
    let mut lists: Vec<List> = Vec::new();
    for piece in Lexer::new(content) {
        match piece {
            Piece::Open {
                name,
                self_closing,
                source,
            } => {
                if !self_closing {
                    for f in furniture
                        .iter_mut()
                        .filter(|f| f.name.eq_ignore_ascii_case(name))
                    {
                        f.nested += 1;
                    }
                    if is_one_of(name, FURNITURE) || names_furniture(source) {
                        furniture.push(Furniture::new(name));
                    }
                    if is_one_of(name, &["ul", "ol"]) {
                        lists.push(List::default());
                    } else if name.eq_ignore_ascii_case("li") {
                        if let Some(l) = lists.last_mut() {
                            l.items.push((String::new(), true));
                        }
                    }
                }
                if is_one_of(name, HIDDEN) && !self_closing {
                    hidden += 1;
                } else if name.eq_ignore_ascii_case("a") && !self_closing {
                    links += 1;
                } else if name.eq_ignore_ascii_case("table") {
                    if let Some(t) = tables.last_mut() {
                        t.nested = true;
                    }
                    tables.push(Table::default());
                } else if is_one_of(name, &["td", "th"]) {
                    if let Some(t) = tables.last_mut() {
                        t.start_cell(false);
                        t.in_cell = true;
                        t.pieces.push(String::new());
                    }
                } else if is_one_of(name, &["tr"]) {
                    if let Some(t) = tables.last_mut() {
                        t.start_cell(true);
                        t.in_cell = false;
                    }
                }
                if is_one_of(name, HEADINGS) {
                    heading = Some(Heading::default());
                }
                if breaks(name) {
                    for f in &mut furniture {
                        f.push("\n");
                    }
                    if let Some(t) = tables.last_mut().filter(|t| t.in_cell) {
                        t.pieces.push(String::new());
                        t.start_cell(false);
                    }
                }
            }
            Piece::Close(name) => {
                if breaks(name) {
                    for f in &mut furniture {
                        f.push("\n");
                    }
                }
                // the innermost open element of this name closes: a furniture element whose
                // own end this is, or one nested inside those of its name
                let own_end = furniture
                    .iter()
                    .rposition(|f| f.name.eq_ignore_ascii_case(name))
                    .filter(|&k| furniture[k].nested == 0);
                if let Some(k) = own_end {
                    // captions, credits and menus are short; an element holding more is a
                    // wrapper whose name mentions a caption, with the article inside it
                    for f in furniture.drain(k..).filter(|f| !f.too_long) {
                        layout.add_furniture(&f.text);
                    }
                }
                for f in furniture
                    .iter_mut()
                    .filter(|f| f.name.eq_ignore_ascii_case(name))
                {
                    f.nested = f.nested.saturating_sub(1);
                }
                if is_one_of(name, &["ul", "ol"]) {
                    if let Some(l) = lists.pop() {
                        if l.is_link_list() {
                            for (t, _) in &l.items {
                                layout.add_furniture(t);
                            }
                        }
                    }
                }
                if is_one_of(name, HIDDEN) {
                    hidden = hidden.saturating_sub(1);
                } else if name.eq_ignore_ascii_case("a") {
                    links = links.saturating_sub(1);
                } else if name.eq_ignore_ascii_case("table") {
                    if let Some(t) = tables.pop() {
                        if !t.nested {
                            for p in t.pieces.iter().chain(&t.rows) {
                                layout.add_cell(p);
                            }
                        }
                    }
                } else if is_one_of(name, &["td", "th", "tr"]) {
                    if let Some(t) = tables.last_mut() {
                        t.in_cell = false;
                    }
                }
                if is_one_of(name, HEADINGS) {
                    if let Some(h) = heading.take().filter(|h| h.unlinked) {
                        layout.add_heading(&h.text);
                    }
                }
                if breaks(name) {
                    if let Some(t) = tables.last_mut().filter(|t| t.in_cell) {
                        t.pieces.push(String::new());
                        t.start_cell(false);
                    }
                }
            }
            Piece::Text(t) if hidden == 0 => {
                let text = decode_entities_str(t);
                for f in &mut furniture {
                    f.push(&text);
                }
                if let Some((item, all_link)) = lists.last_mut().and_then(|l| l.items.last_mut()) {
                    *all_link &= links > 0 || !text.chars().any(char::is_alphanumeric);
                    item.push_str(&text);
                }
                if let Some(h) = heading.as_mut() {
                    h.unlinked |= links == 0 && text.chars().any(char::is_alphanumeric);
                    h.text.push_str(&text);
                }
                if let Some(t) = tables.last_mut().filter(|t| t.in_cell) {
                    if let Some(p) = t.pieces.last_mut() {
                        p.push_str(&text);
                    }
                    if let Some(r) = t.rows.last_mut() {
                        r.push_str(&text);
                    }
                }
            }
            Piece::Text(_) | Piece::Other => {}
        }
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_navigation_and_link_lists_are_furniture() {
        let l = read(
            "<div><nav><a href=/>Home</a> <a href=/w>World</a></nav>\
             <p>The river rose in the night, and <a href=/x>the bridge</a> closed.</p>\
             <figure><img src=a.jpg><figcaption>Water on the road. <span>Photo: J. Doe</span></figcaption></figure>\
             <figure><figure><p>Inner</p></figure><p>Still the figure</p></figure>\
             <h2>Top Stories</h2><ul><li><a href=/1>Minister resigns</a></li><li><a href=/2>Storm hits Trier</a></li></ul>\
             <ul><li><a href=/3>Ferry plan</a> approved by council</li><li><a href=/4>Tolls</a></li></ul>\
             <ul><li><a href=/5>Only one link</a></li></ul></div>",
        );
        assert!(l.is_furniture("Home World"));
        assert!(l.is_furniture("Water on the road. Photo: J. Doe"));
        assert!(l.is_furniture("Inner\nStill the figure"));
        assert!(l.is_furniture("Minister resigns\nStorm hits Trier"));
        assert!(!l.is_furniture("The river rose in the night, and the bridge closed."));
        assert!(!l.is_furniture("Top Stories"));
        // a list whose items carry text of their own, and a single link, are content
        assert!(!l.is_furniture("Ferry plan approved by council"));
        assert!(!l.is_furniture("Tolls"));
        assert!(!l.is_furniture("Only one link"));
        // a wrapper whose class mentions captions holds the article: not furniture
        let body = "The ferry service resumed on Monday after a week of storms. ".repeat(20);
        let l = read(&format!(
            "<div class=\"story caption-enabled\"><p>{body}</p><p class=wp-caption-text>A ferry at dawn.</p></div>"
        ));
        assert!(!l.is_furniture(body.trim()));
        assert!(l.is_furniture("A ferry at dawn."));
    }

    #[test]
    fn class_names_of_captions_and_credits() {
        assert!(names_furniture(r#"<div class="wp-caption aligncenter">"#));
        assert!(names_furniture(r#"<span class='pb-caption'>"#));
        assert!(names_furniture(r#"<p class="imageCaption">"#));
        assert!(names_furniture(r#"<small id="photo_credit">"#));
        assert!(names_furniture(r#"<div class="thumbcaption">"#));
        assert!(!names_furniture(r#"<div class="nocaption">"#));
        assert!(!names_furniture(r#"<div class="item no_caption">"#));
        assert!(!names_furniture(r#"<div class="buzz_attr_no_caption">"#));
        assert!(!names_furniture(r#"<div class="captioned-story">"#));
        assert!(!names_furniture(r#"<p class="story-body">"#));
        assert_eq!(name_words("wp-caption-text"), ["wp", "caption", "text"]);
        assert_eq!(name_words("imageCaption"), ["image", "caption"]);
    }

    #[test]
    fn headings_and_data_cells() {
        let l = read(
            "<div><h2>Release <span>histories</span></h2><p>Text.</p>\
             <h3><a href=/x>Another story entirely</a></h3>\
             <table><tr><td><p>Application</p></td><td><p>71.1&nbsp;MB</p><p>(-81%)</p></td></tr></table>\
             <table><tr><td><table><tr><td>Menu</td></tr></table></td><td>Home</td></tr></table>\
             <script>var h = '<h2>Not a heading</h2>';</script></div>",
        );
        assert!(l.is_heading("Release histories"));
        assert!(
            !l.is_heading("Another story entirely"),
            "a heading that is all link"
        );
        assert!(l.is_cell("Application"));
        assert!(l.is_cell("71.1 MB"));
        assert!(l.is_cell("(-81%)"));
        // a row read as one line
        assert!(l.is_cell("Application 71.1 MB (-81%)"));
        // an inner table of a layout table holds data; the layout table itself does not
        assert!(l.is_cell("Menu"));
        assert!(!l.is_cell("Home"));
        assert!(!l.is_heading("Not a heading"));
    }
}
