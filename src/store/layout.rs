//! What a page's markup says about some of its blocks beyond their text: which are the page's
//! own subheadings, which are cells of a data table, and which lines are page furniture (figure
//! captions and credits, navigation, lists of links). Plain text carries no such marks, so
//! this is empty for it. Blocks are recognised by their words, so the marks survive the text
//! being canonicalised. Depends on nothing else in the crate.

use std::collections::HashSet;

/// Subheadings, table cells and furniture lines of a page, by their words.
#[derive(Debug, Default, Clone)]
pub struct Layout {
    headings: HashSet<String>,
    cells: HashSet<String>,
    furniture: HashSet<String>,
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

    /// A line of page furniture: a figure's caption or credit, a navigation line, an item of
    /// a list of links to other pages.
    pub fn add_furniture(&mut self, text: &str) {
        for line in text.lines() {
            let k = key(line);
            if !k.is_empty() {
                self.furniture.insert(k);
            }
        }
    }

    fn is_furniture_line(&self, line: &str) -> bool {
        let k = key(line);
        k.is_empty() || self.furniture.contains(&k)
    }

    /// Every line of the block is page furniture.
    pub fn is_furniture(&self, block: &str) -> bool {
        !self.furniture.is_empty()
            && block.chars().any(char::is_alphanumeric)
            && block.lines().all(|l| self.is_furniture_line(l))
    }

    /// `text` (blocks separated by blank lines) with runs of furniture lines inside a block set
    /// apart as blocks of their own, so that a caption joined to the paragraph after it, or a
    /// navigation line before the first paragraph, can be told from the text. Other text is
    /// returned as it is.
    pub fn split_furniture(&self, text: &str) -> String {
        if self.furniture.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 64);
        let mut prev: Option<bool> = None;
        for line in text.split('\n') {
            if line.trim().is_empty() {
                prev = None;
            } else {
                let f = self.furniture.contains(&key(line));
                if prev.is_some_and(|p| p != f) {
                    out.push('\n');
                }
                prev = Some(f);
            }
            out.push_str(line);
            out.push('\n');
        }
        out.pop();
        out
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

    #[test]
    fn furniture_lines_are_set_apart_from_the_text_they_touch() {
        let mut l = Layout::default();
        assert_eq!(l.split_furniture("a\nb"), "a\nb");
        l.add_furniture("Water covers the road. Photo: J. Doe");
        l.add_furniture("Home\nWorld");
        let text = "Title\n\nHome\nWorld\nThe river rose.\n\nWater covers the road. Photo: J. Doe \nAbout 400 left.\n\nEnd.";
        let split = l.split_furniture(text);
        assert_eq!(
            split,
            "Title\n\nHome\nWorld\n\nThe river rose.\n\nWater covers the road. Photo: J. Doe \n\nAbout 400 left.\n\nEnd."
        );
        let blocks: Vec<&str> = split.split("\n\n").collect();
        assert!(l.is_furniture(blocks[1]));
        assert!(!l.is_furniture(blocks[2]));
        assert!(l.is_furniture(blocks[3]));
        assert!(!l.is_furniture("Home\nThe river rose."));
        assert!(!l.is_furniture("  "));
    }
}
