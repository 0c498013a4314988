//! The layout marks of an extracted article's markup: its subheadings and the cells of its data
//! tables, so that the classifier does not take them for menu crumbs or stray headlines.
//! Linear in the markup. Depends only on the store's `Layout`.

use super::lex::{is_one_of, Lexer, Piece};
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

/// The subheadings and data-table cells of an article's markup.
pub(super) fn read(content: &str) -> Layout {
    let mut layout = Layout::default();
    let mut tables: Vec<Table> = Vec::new();
    let mut heading: Option<Heading> = None;
    let mut links = 0usize;
    let mut hidden = 0usize;
    for piece in Lexer::new(content) {
        match piece {
            Piece::Open {
                name, self_closing, ..
            } => {
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
                    if let Some(t) = tables.last_mut().filter(|t| t.in_cell) {
                        t.pieces.push(String::new());
                        t.start_cell(false);
                    }
                }
            }
            Piece::Close(name) => {
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
