//! The HTML loader: article extraction with dom_smoothie, behind a linear pre-scan of the markup.
//! Markup shaped so that parsing or extraction would take superlinear time (nesting thousands of
//! levels deep, runaway formatting elements, huge element counts) is read with a plain-text
//! extraction instead, with a warning, so every page loads in bounded time.
//! Depends only on the rest of the store.

mod layout;
mod lex;
mod meta;
mod text;

pub use text::decode_entities_str as decode_entities;

use super::loaders::{clean_meta, one, one_with_layout};
use super::{canon, Article, Format, Meta, StoreError};
use lex::{is_one_of, Lexer, Piece};
use std::collections::HashMap;
use std::path::PathBuf;

/// Deepest element nesting handed to the extractor. Real pages stay far below (news pages
/// measure 20–60); the parser's and extractor's work grows with depth times element count.
pub const MAX_DEPTH: usize = 256;
/// Formatting elements (`b`, `i`, `font` …) left open, which the parser re-creates inside every
/// following block; real pages leave a handful open.
pub const MAX_OPEN_FORMATTING: usize = 64;
/// Elements in one page; large real pages have around ten thousand.
pub const MAX_ELEMENTS: usize = 40_000;
/// Page size in bytes; real pages stay under a few megabytes, and extraction runs at roughly
/// ten megabytes a second.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// Load one HTML page as an article.
pub(super) fn load(raw: &str, path: Option<PathBuf>, label: &str) -> Result<Article, StoreError> {
    match Shape::scan(raw).too_complex() {
        None => extract(raw, path, label),
        Some(why) => {
            let (title, body) = text::plain_text(raw);
            let page = meta::page_meta(raw);
            let source = clean_meta(page.source);
            let title = clean_meta(title.or(page.title)).map(|t| without_site(t, &source));
            let text = with_title(&title, canon::canonicalize(&body));
            let meta = Meta {
                title,
                source,
                url: None,
                published: clean_meta(page.published),
                byline: clean_meta(page.byline),
            };
            let mut a = one(text, meta, path, label, Format::Html)?;
            a.warnings.push(format!(
                "{label}: {why}; read as plain text without article extraction"
            ));
            Ok(a)
        }
    }
}

/// The title leads the text, as on the page.
fn with_title(title: &Option<String>, text: String) -> String {
    match title {
        Some(t) if !text.trim_start().starts_with(t.as_str()) => format!("{t}\n\n{}", text.trim()),
        _ => text.trim().to_string(),
    }
}

/// The title without the site's name around it, or other furniture when the name is unknown.
fn without_site(title: String, source: &Option<String>) -> String {
    let t = match source {
        Some(s) => meta::strip_site_name(&title, s),
        None => title,
    };
    meta::strip_title_furniture(&t)
}

fn extract(raw: &str, path: Option<PathBuf>, label: &str) -> Result<Article, StoreError> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        // class names say which blocks are captions and credits
        keep_classes: true,
        ..Default::default()
    };
    let mut r =
        dom_smoothie::Readability::new(raw, None, Some(cfg)).map_err(|e| StoreError::Parse {
            path: label.into(),
            msg: format!("HTML: {e}"),
        })?;
    let art = r.parse().map_err(|e| StoreError::Parse {
        path: label.into(),
        msg: format!("no readable article in this page ({e})"),
    })?;
    let text = canon::canonicalize(&art.text_content);
    // Formatted text separates paragraphs with blank lines; make sure the title leads.
    // What the page states about itself fills what the extractor left empty.
    let page = meta::page_meta(raw);
    let source = clean_meta(art.site_name.clone()).or_else(|| clean_meta(page.source));
    let title = clean_meta(Some(art.title.to_string()))
        .or_else(|| clean_meta(page.title))
        .map(|t| without_site(t, &source));
    // Captions, navigation and link lists the extractor joined to a paragraph stand apart.
    let layout = layout::read(&art.content);
    let text = with_title(&title, layout.split_furniture(&text));
    let meta = Meta {
        title,
        source,
        url: clean_meta(art.url.clone()),
        published: clean_meta(art.published_time.clone()).or_else(|| clean_meta(page.published)),
        byline: clean_meta(art.byline.clone()).or_else(|| clean_meta(page.byline)),
    };
    one_with_layout(text, meta, path, label, Format::Html, &layout)
}

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];
/// Elements whose end tag is optional: a parser closes them when a sibling starts, so counting
/// them as nesting would make ordinary pages look deep. Their nesting is bounded by the counted
/// elements around them.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup", "rp",
    "rt", "colgroup", "caption",
];
/// Formatting elements the parser keeps in its list of active formatting elements.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// How deep and how large a page is, as a browser's parser would build it (closely enough to
/// bound the work, not to reproduce the tree).
#[derive(Debug, Default, PartialEq)]
pub struct Shape {
    pub max_depth: usize,
    pub max_open_formatting: usize,
    pub elements: usize,
    pub bytes: usize,
}

impl Shape {
    /// Measure `raw` in one pass; stops early once a budget is passed.
    pub fn scan(raw: &str) -> Shape {
        let mut shape = Shape {
            bytes: raw.len(),
            ..Shape::default()
        };
        let mut open = OpenElements::default();
        // active formatting elements by their tag source (identical tags are kept at most three
        // times, like the parser's "Noah's Ark" rule), in order
        let mut active: Vec<&str> = Vec::new();
        for piece in Lexer::new(raw) {
            match piece {
                Piece::Open {
                    name,
                    self_closing,
                    source,
                } => {
                    shape.elements += 1;
                    if is_one_of(name, FORMATTING) {
                        if name.eq_ignore_ascii_case("a") {
                            active.retain(|t| !tag_is(t, "a"));
                        }
                        let same = active.iter().filter(|t| **t == source).count();
                        if same >= 3 {
                            if let Some(p) = active.iter().position(|t| *t == source) {
                                active.remove(p);
                            }
                        }
                        active.push(source);
                        shape.max_open_formatting = shape.max_open_formatting.max(active.len());
                    }
                    let foreign = open.is_open("svg") || open.is_open("math");
                    if is_one_of(name, VOID) || (self_closing && foreign) {
                        continue;
                    }
                    let key = name.to_ascii_lowercase();
                    // A link inside an open link closes the first one.
                    if key == "a" && open.is_open("a") {
                        open.close("a");
                    }
                    let counted = !is_one_of(&key, OPTIONAL_END);
                    open.push(key, counted);
                    shape.max_depth = shape.max_depth.max(open.depth);
                }
                Piece::Close(name) => {
                    if is_one_of(name, FORMATTING) {
                        if let Some(p) = active.iter().rposition(|t| tag_is(t, name)) {
                            active.remove(p);
                        }
                    }
                    let key = name.to_ascii_lowercase();
                    if open.is_open(&key) {
                        open.close(&key);
                    }
                }
                Piece::Text(_) | Piece::Other => {}
            }
            if shape.too_complex().is_some() {
                break;
            }
        }
        shape
    }

    /// Why this page is too complex for article extraction, if it is.
    pub fn too_complex(&self) -> Option<String> {
        if self.max_depth > MAX_DEPTH {
            Some(format!("HTML nested over {MAX_DEPTH} elements deep"))
        } else if self.max_open_formatting > MAX_OPEN_FORMATTING {
            Some(format!(
                "HTML leaves over {MAX_OPEN_FORMATTING} formatting elements open"
            ))
        } else if self.elements > MAX_ELEMENTS {
            Some(format!("HTML has over {MAX_ELEMENTS} elements"))
        } else if self.bytes > MAX_BYTES {
            Some(format!("HTML page over {} MB", MAX_BYTES >> 20))
        } else {
            None
        }
    }
}

/// The parser's stack of open elements, as far as the scan models it. Elements with optional
/// end tags (`p`, `li`, `td` …) stay on the stack, so their end tags close what was opened
/// inside them, but do not count as depth: a parser closes them when a sibling starts.
#[derive(Default)]
struct OpenElements {
    stack: Vec<(String, bool)>,
    count: HashMap<String, usize>,
    depth: usize,
}

impl OpenElements {
    fn is_open(&self, name: &str) -> bool {
        self.count.get(name).is_some_and(|n| *n > 0)
    }

    fn push(&mut self, name: String, counted: bool) {
        *self.count.entry(name.clone()).or_default() += 1;
        self.depth += usize::from(counted);
        self.stack.push((name, counted));
    }

    /// Close open elements up to and including the innermost `name`.
    fn close(&mut self, name: &str) {
        while let Some((top, counted)) = self.stack.pop() {
            if let Some(n) = self.count.get_mut(&top) {
                *n = n.saturating_sub(1);
            }
            self.depth -= usize::from(counted);
            if top == name {
                break;
            }
        }
    }
}

/// True when the opening tag `source` ("<b class=x>") is a `name` element.
fn tag_is(source: &str, name: &str) -> bool {
    let n = source
        .trim_start_matches('<')
        .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or("");
    n.eq_ignore_ascii_case(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{load_bytes, Kind, LoadOptions};

    fn load(s: &str) -> Article {
        let mut a = load_bytes(
            s.as_bytes(),
            Format::Html,
            None,
            "t.html",
            &LoadOptions::default(),
        )
        .expect("loads");
        a.remove(0)
    }

    #[test]
    fn shape_of_pages() {
        let s = Shape::scan(
            "<html><body><div><p>a<p>b<ul><li>x<li>y</ul></div><img><br></body></html>",
        );
        assert_eq!(s.max_depth, 4);
        // unclosed <p>, <li> and svg's self-closing children do not count as nesting
        let page = format!(
            "<div>{}</div><svg>{}</svg>",
            "<p>para".repeat(1000),
            "<path d='M0'/>".repeat(1000)
        );
        assert!(Shape::scan(&page).max_depth <= 3);
        // a link opened inside an open link closes the first
        assert_eq!(Shape::scan(&"<a href=x>y".repeat(1000)).max_depth, 1);
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        assert!(Shape::scan(&deep).too_complex().is_some());
        // identical unclosed formatting tags are kept at most three times
        let bold = "<p><b>x</p>".repeat(500);
        assert!(Shape::scan(&bold).too_complex().is_none());
        // distinct ones pile up, and would be re-created in every block
        let piles: String = (0..500)
            .map(|i| format!("<div><b id={i}>x</div>"))
            .collect();
        assert!(Shape::scan(&piles).too_complex().is_some());
        let siblings = "<p>x</p>".repeat(MAX_ELEMENTS + 1);
        assert!(Shape::scan(&siblings).too_complex().is_some());
        let big = format!("<p>{}</p>", "x".repeat(MAX_BYTES));
        assert!(Shape::scan(&big).too_complex().is_some());
    }

    #[test]
    fn deep_nesting_loads_quickly_as_plain_text() {
        let n = 50_000;
        let page = format!(
            "<html><head><title>Deep</title></head><body>{}<p>The river rose in the night.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let t = std::time::Instant::now();
        let a = load(&page);
        assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
        assert!(
            a.text.contains("The river rose in the night."),
            "{}",
            a.text
        );
        assert_eq!(a.title, "Deep");
        assert!(
            a.warnings
                .iter()
                .any(|w| w.starts_with("t.html:") && w.contains("nested")),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn captions_navigation_and_link_lists_are_boilerplate() {
        let page = "<html><head><title>Floods close the highway</title></head><body>\
            <nav><a href=/>Home</a> <a href=/world>World</a></nav><h1>Floods close the highway</h1>\
            <p>Heavy rain closed the northern highway on Tuesday after rivers rose over their banks in three districts, officials said.</p>\
            <figure><img src=a.jpg><figcaption>Water covers the road near the river on Tuesday. Photo: Jane Doe</figcaption></figure>\
            <p>About 400 residents were moved to schools and sports halls overnight, the regional government said in a statement.</p>\
            <p>Engineers expect the water to fall by Thursday, but more rain is forecast for the weekend across the region.</p>\
            <h2>Top Stories</h2><ul><li><a href=/1>Minister resigns after budget row</a></li>\
            <li><a href=/2>Storm damages church roof</a></li></ul></body></html>";
        let a = load(page);
        let kind_of = |words: &str| {
            a.paragraphs
                .iter()
                .find(|p| a.text[p.bytes.clone()].contains(words))
                .map(|p| p.kind)
        };
        assert_eq!(kind_of("Home World"), Some(Kind::Boilerplate));
        assert_eq!(kind_of("Water covers the road"), Some(Kind::Boilerplate));
        assert_eq!(kind_of("Minister resigns"), Some(Kind::Boilerplate));
        assert_eq!(kind_of("Heavy rain closed"), Some(Kind::Body));
        // the caption stands apart from the paragraph after it
        assert_eq!(kind_of("About 400 residents"), Some(Kind::Body));
    }

    #[test]
    fn ordinary_pages_get_no_warning() {
        let page = "<html><head><title>Storm</title></head><body><article><h1>Storm</h1>\
            <p>The storm hit the town at dawn on Tuesday, flooding the lower streets and cutting power to thousands of homes along the river.</p>\
            <p>Emergency crews worked through the night to reach families stranded on the upper floors of their houses, officials said.</p>\
            </article></body></html>";
        let a = load(page);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }
}
