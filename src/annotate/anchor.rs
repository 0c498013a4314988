//! Anchors: where an annotation sits in an article, stored so that it survives edits. Position
//! (code points) plus the quote with 32 code points of context, the paragraph and a short hash.
//! Re-anchoring: exact position, else the exact quote nearest the old place, else a fuzzy match
//! with a bounded edit distance, else an orphan. Pure functions.

use crate::store::Article;
use serde::{Deserialize, Serialize};
use std::ops::Range;

pub const CONTEXT: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Code point offsets into the canonical text.
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub paragraph: usize,
    /// Short hash of the paragraph's text when the anchor was made.
    pub paragraph_hash: String,
    /// Short content hash of the whole canonical text when the anchor was made (the article id).
    pub text_hash: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "status", content = "score")]
pub enum Status {
    /// Found at its stored position.
    Exact,
    /// The same quote, found elsewhere (text before it changed).
    Moved,
    /// Found approximately; the score is the similarity in [0, 1].
    Fuzzy(f32),
    /// Not found: kept, shown apart, can be re-attached.
    Orphan,
}

impl Status {
    pub fn label(self) -> String {
        match self {
            Status::Exact => "anchored".into(),
            Status::Moved => "moved".into(),
            Status::Fuzzy(s) => format!("fuzzy {:.0}%", s * 100.0),
            Status::Orphan => "orphan".into(),
        }
    }
}

pub fn short_hash(s: &str) -> String {
    blake3::hash(s.as_bytes()).to_hex()[..12].to_string()
}

/// Char index ↔ byte index for one text.
pub struct CharIndex<'a> {
    pub text: &'a str,
    /// Byte offset of every char, plus the text length at the end.
    starts: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        CharIndex { text, starts }
    }
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn byte(&self, ch: usize) -> usize {
        self.starts[ch.min(self.starts.len() - 1)]
    }
    pub fn char_at_byte(&self, b: usize) -> usize {
        self.starts.partition_point(|&x| x < b)
    }
    pub fn slice(&self, r: Range<usize>) -> &'a str {
        &self.text[self.byte(r.start)..self.byte(r.end.max(r.start))]
    }
}

impl Anchor {
    /// An anchor for a char range of an article (clamped to the text).
    pub fn new(article: &Article, range: Range<usize>) -> Anchor {
        let ix = CharIndex::new(&article.text);
        let n = ix.len();
        let start = range.start.min(n);
        let end = range.end.clamp(start, n);
        let paragraph = article
            .paragraphs
            .iter()
            .position(|p| p.chars.end > start)
            .unwrap_or(article.paragraphs.len().saturating_sub(1));
        let paragraph_hash = short_hash(article.para_text(paragraph));
        Anchor {
            start,
            end,
            quote: ix.slice(start..end).to_string(),
            prefix: ix.slice(start.saturating_sub(CONTEXT)..start).to_string(),
            suffix: ix.slice(end..(end + CONTEXT).min(n)).to_string(),
            paragraph,
            paragraph_hash,
            text_hash: article.id.clone(),
        }
    }

    /// Find this anchor in (possibly edited) text. Returns the char range and how it was found.
    pub fn resolve(&self, ix: &CharIndex<'_>, text_hash: &str) -> (Option<Range<usize>>, Status) {
        let qlen = self.quote.chars().count();
        if qlen == 0 {
            return (None, Status::Orphan);
        }
        let _ = text_hash; // the quote check below is what proves the position
        if self.end <= ix.len() && ix.slice(self.start..self.end) == self.quote {
            return (Some(self.start..self.end), Status::Exact);
        }
        // exact quote, nearest to the old position (ties: the earlier one); look near the old
        // place first and widen, so an edit elsewhere costs little on a long article
        let center = ix.byte(self.start.min(ix.len()));
        let mut radius = 4096usize;
        loop {
            let lo = floor_boundary(ix.text, center.saturating_sub(radius));
            let hi = ceil_boundary(
                ix.text,
                (center + radius + self.quote.len()).min(ix.text.len()),
            );
            let mut best: Option<usize> = None;
            let mut from = lo;
            while let Some(off) = ix.text[from..hi].find(&self.quote) {
                let b = from + off;
                if best.is_none_or(|x: usize| b.abs_diff(center) < x.abs_diff(center)) {
                    best = Some(b);
                }
                from = b + self.quote.len().max(1);
                if from >= hi {
                    break;
                }
            }
            if let Some(b) = best {
                // nearest within the window is nearest overall once the window covers its distance
                if b.abs_diff(center) <= radius || (lo == 0 && hi == ix.text.len()) {
                    let c = ix.char_at_byte(b);
                    return (Some(c..c + qlen), Status::Moved);
                }
            }
            if lo == 0 && hi == ix.text.len() {
                break;
            }
            radius = radius.saturating_mul(8);
        }
        match self.fuzzy(ix) {
            Some((r, score)) => (Some(r), Status::Fuzzy(score)),
            None => (None, Status::Orphan),
        }
    }

    /// Approximate match: pieces of the quote that survived exactly point at candidate places;
    /// each place is scored by edit distance (bounded to a fifth of the quote) and context.
    fn fuzzy(&self, ix: &CharIndex<'_>) -> Option<(Range<usize>, f32)> {
        let q: Vec<char> = self.quote.chars().collect();
        let n = q.len();
        if n < 8 {
            return None;
        }
        let max_err = (n / 5).max(1);
        let pieces = (max_err + 1).min(n / 4).max(1);
        let plen = n / pieces;
        let mut cands: Vec<usize> = Vec::new();
        for k in 0..pieces {
            let piece: String = q[k * plen..(k * plen + plen).min(n)].iter().collect();
            if piece.trim().chars().count() < 3 {
                continue;
            }
            let mut from = 0;
            let mut hits = 0;
            while let Some(off) = ix.text[from..].find(&piece) {
                let b = from + off;
                let c = ix.char_at_byte(b);
                cands.push(c.saturating_sub(k * plen));
                from = b + piece.len();
                hits += 1;
                if hits > 64 {
                    break;
                }
            }
        }
        cands.sort_unstable();
        cands.dedup_by(|a, b| a.abs_diff(*b) <= max_err);
        let mut best: Option<(Range<usize>, f32, usize)> = None;
        for c in cands {
            let ws = c.saturating_sub(max_err);
            let we = (c + n + max_err).min(ix.len());
            let window: Vec<char> = ix.slice(ws..we).chars().collect();
            let (dist, s, e) = semi_global(&q, &window);
            if dist > max_err {
                continue;
            }
            let r = ws + s..ws + e;
            let mut score = 1.0 - dist as f32 / n as f32;
            // context agreement breaks ties between similar places
            let pre = ix.slice(r.start.saturating_sub(CONTEXT)..r.start);
            let suf = ix.slice(r.end..(r.end + CONTEXT).min(ix.len()));
            let ctx = (common_suffix(pre, &self.prefix) + common_prefix(suf, &self.suffix)) as f32
                / (2 * CONTEXT) as f32;
            score = (0.85 * score + 0.15 * ctx).clamp(0.0, 1.0);
            let dpos = r.start.abs_diff(self.start);
            let better = match &best {
                None => true,
                Some((_, bs, bd)) => {
                    score > *bs + 1e-6 || ((score - *bs).abs() <= 1e-6 && dpos < *bd)
                }
            };
            if better {
                best = Some((r, score, dpos));
            }
        }
        best.filter(|b| b.1 >= 0.7).map(|b| (b.0, b.1))
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Edit distance of `q` against the best substring of `w` (free start and end in `w`).
/// Returns (distance, start, end) in `w`.
fn semi_global(q: &[char], w: &[char]) -> (usize, usize, usize) {
    let (n, m) = (q.len(), w.len());
    // dp over w columns; start positions tracked alongside
    let mut prev: Vec<(usize, usize)> = (0..=m).map(|j| (0, j)).collect();
    let mut cur = vec![(0usize, 0usize); m + 1];
    for i in 1..=n {
        cur[0] = (i, 0);
        for j in 1..=m {
            let sub = (
                prev[j - 1].0 + usize::from(q[i - 1] != w[j - 1]),
                prev[j - 1].1,
            );
            let del = (prev[j].0 + 1, prev[j].1);
            let ins = (cur[j - 1].0 + 1, cur[j - 1].1);
            cur[j] = *[sub, del, ins].iter().min_by_key(|x| x.0).unwrap_or(&sub);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (mut best, mut end) = (usize::MAX, 0);
    for (j, c) in prev.iter().enumerate() {
        if c.0 < best {
            best = c.0;
            end = j;
        }
    }
    (best, prev[end].1, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Format, Meta};

    fn article(text: &str) -> Article {
        Article::build(
            text.to_string(),
            Meta::default(),
            None,
            "t".into(),
            Format::Text,
        )
    }

    #[test]
    fn exact_moved_fuzzy_orphan() {
        let a = article(
            "The storm hit the town at dawn.\n\nCrews worked through the night to reach families.",
        );
        let start = a
            .text
            .find("Crews")
            .map(|b| a.text[..b].chars().count())
            .unwrap_or(0);
        let anc = Anchor::new(&a, start..start + 28);
        assert_eq!(anc.quote, "Crews worked through the nig");
        let ix = CharIndex::new(&a.text);
        assert_eq!(anc.resolve(&ix, &a.text_hash).1, Status::Exact);

        let b = article("A new first line.\n\nThe storm hit the town at dawn.\n\nCrews worked through the night to reach families.");
        let ix = CharIndex::new(&b.text);
        let (r, st) = anc.resolve(&ix, &b.text_hash);
        assert_eq!(st, Status::Moved);
        assert_eq!(ix.slice(r.expect("range")), anc.quote);

        let c = article("The storm hit the town at dawn.\n\nCrews worked throughout the night to reach families.");
        let ix = CharIndex::new(&c.text);
        let (r, st) = anc.resolve(&ix, &c.text_hash);
        assert!(matches!(st, Status::Fuzzy(s) if s > 0.7), "{st:?}");
        assert!(ix
            .slice(r.expect("range"))
            .starts_with("Crews worked through"));

        let d = article("Completely different text about something else entirely, nothing shared.");
        let ix = CharIndex::new(&d.text);
        assert_eq!(anc.resolve(&ix, &d.text_hash), (None, Status::Orphan));
    }

    #[test]
    fn nearest_occurrence_wins() {
        let a = article("alpha beta gamma. alpha beta gamma. alpha beta gamma.");
        let anc = Anchor::new(&a, 18..34);
        let b = article("x alpha beta gamma. alpha beta gamma. alpha beta gamma.");
        let ix = CharIndex::new(&b.text);
        let (r, st) = anc.resolve(&ix, &b.text_hash);
        assert_eq!(st, Status::Moved);
        assert_eq!(r, Some(20..36));
    }

    #[test]
    fn semi_global_distance() {
        let q: Vec<char> = "abcdef".chars().collect();
        let w: Vec<char> = "xxabXdefyy".chars().collect();
        assert_eq!(semi_global(&q, &w), (1, 2, 8));
    }
}
