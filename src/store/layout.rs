//! What a page's markup says about some of its blocks beyond their text: which are the page's
//! own subheadings and which are cells of a data table. Plain text carries no such marks, so
//! this is empty for it. Blocks are recognised by their words, so the marks survive the text
//! being canonicalised. Depends on nothing else in the crate.

use std::collections::HashSet;

/// Subheadings and table cells of a page, by their words.
#[derive(Debug, Default, Clone)]
pub struct Layout {
    headings: HashSet<String>,
    cells: HashSet<String>,
}

/// Lowercase words of `s`, one space apart: what a block and a mark are compared by.
fn key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Layout {
    pub fn add_heading(&mut self, text: &str) {
        let k = key(text);
        if !k.is_empty() {
            self.headings.insert(k);
        }
    }

    pub fn add_cell(&mut self, text: &str) {
        let k = key(text);
        if !k.is_empty() {
            self.cells.insert(k);
        }
    }

    /// The block is one of the page's subheadings (`h1`–`h6` in HTML).
    pub fn is_heading(&self, block: &str) -> bool {
        !self.headings.is_empty() && self.headings.contains(&key(block))
    }

    /// The block is (part of) a cell of a data table.
    pub fn is_cell(&self, block: &str) -> bool {
        !self.cells.is_empty() && self.cells.contains(&key(block))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_match_marks_by_their_words() {
        let mut l = Layout::default();
        l.add_heading("Release  histories");
        l.add_cell("71.1\u{a0}MB");
        l.add_heading("  ");
        assert!(l.is_heading("Release histories"));
        assert!(l.is_heading("release histories:"));
        assert!(!l.is_heading("Release history"));
        assert!(l.is_cell("71.1 MB"));
        assert!(!l.is_cell(""));
        assert!(!Layout::default().is_heading("Release histories"));
    }
}
