//! Anchors: where an annotation sits in an article, stored so that it survives edits. Position
//! (code points) plus the quote with 32 code points of context, the paragraph and a short hash.
//! Re-anchoring: exact position, else the exact quote nearest the old place, else a fuzzy match
//! with a bounded edit distance on a few bounded windows (a long quote by its head and tail),
//! else an orphan. The work of one resolution is bounded. Pure functions.

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
        self.resolve_counted(ix, text_hash, &mut Work::default())
    }

    /// [`Anchor::resolve`], adding up the work of the approximate search.
    pub fn resolve_counted(
        &self,
        ix: &CharIndex<'_>,
        text_hash: &str,
        work: &mut Work,
    ) -> (Option<Range<usize>>, Status) {
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
        match self.fuzzy(ix, work) {
            Some((r, score)) => (Some(r), Status::Fuzzy(score)),
            None => (None, Status::Orphan),
        }
    }

    /// Approximate match. A quote of up to [`WHOLE_MAX`] code points is compared whole; a longer
    /// one by its head and tail, with short probes from its middle for the score.
    fn fuzzy(&self, ix: &CharIndex<'_>, work: &mut Work) -> Option<(Range<usize>, f32)> {
        let q: Vec<char> = self.quote.chars().collect();
        if q.len() < 8 {
            return None;
        }
        if q.len() <= WHOLE_MAX {
            let all = 0..ix.len();
            let found = locate(ix, &q, all, self.start, &self.prefix, &self.suffix, work)?;
            return (found.1 >= MIN_SCORE).then_some(found);
        }
        self.fuzzy_long(ix, &q, work)
    }

    /// A long quote: its head and its tail found approximately, about the quote's length apart;
    /// the span between them is scored by how many probes from the quote's middle it holds.
    fn fuzzy_long(
        &self,
        ix: &CharIndex<'_>,
        q: &[char],
        work: &mut Work,
    ) -> Option<(Range<usize>, f32)> {
        let n = q.len();
        let slack = n / 5;
        let head = &q[..END];
        let tail = &q[n - END..];
        // context of each end inside the quote helps to place it
        let after_head: String = q[END..END + CONTEXT].iter().collect();
        let before_tail: String = q[n - END - CONTEXT..n - END].iter().collect();
        let all = 0..ix.len();
        let tail_hint = self.start + n - END;
        let mut span = None;
        // head first, then the tail near where the head says it is; else the other way round
        if let Some((h, _)) = locate(
            ix,
            head,
            all.clone(),
            self.start,
            &self.prefix,
            &after_head,
            work,
        ) {
            let near =
                (h.start + n - END).saturating_sub(slack)..(h.start + n + slack).min(ix.len());
            if let Some((t, _)) =
                locate(ix, tail, near, tail_hint, &before_tail, &self.suffix, work)
            {
                span = Some(h.start..t.end);
            }
        }
        if span.is_none() {
            let (t, _) = locate(ix, tail, all, tail_hint, &before_tail, &self.suffix, work)?;
            let near = t.end.saturating_sub(n + slack)
                ..(t.end + END + slack).saturating_sub(n).min(ix.len());
            let (h, _) = locate(ix, head, near, self.start, &self.prefix, &after_head, work)?;
            span = Some(h.start..t.end);
        }
        let r = span?;
        if r.end <= r.start || r.len().abs_diff(n) > slack {
            return None;
        }
        // probes from the middle, each looked for near where it should be
        let found_len = r.len();
        let mut hits = 0;
        for k in 0..PROBES {
            let off = END + (n - 2 * END - PROBE) * k / (PROBES - 1).max(1);
            let probe: String = q[off..off + PROBE].iter().collect();
            let expect = r.start + off * found_len / n;
            let lo = floor_boundary(ix.text, ix.byte(expect.saturating_sub(slack).max(r.start)));
            let hi = ceil_boundary(ix.text, ix.byte((expect + PROBE + slack).min(r.end)));
            if lo < hi {
                work.scanned += (hi - lo) as u64;
                if ix.text[lo..hi].contains(&probe) {
                    hits += 1;
                }
            }
        }
        let mid = hits as f32 / PROBES as f32;
        let ends = 2 * END;
        let sim = (ends as f32 + mid * (n - ends) as f32) / n as f32;
        let sim = sim * (1.0 - found_len.abs_diff(n) as f32 / n as f32);
        let score = (0.85 * sim + 0.15 * self.context_agreement(ix, &r)).clamp(0.0, 1.0);
        (score >= MIN_SCORE).then_some((r, score))
    }

    fn context_agreement(&self, ix: &CharIndex<'_>, r: &Range<usize>) -> f32 {
        context_agreement(ix, r, &self.prefix, &self.suffix)
    }
}

/// Quotes up to this many code points are compared whole by edit distance; longer ones by pieces.
pub const WHOLE_MAX: usize = 1000;
/// Length of the head and the tail of a long quote that are matched approximately.
const END: usize = 200;
/// Probes from the middle of a long quote, and their length.
const PROBES: usize = 16;
const PROBE: usize = 12;
/// Exact pieces of a quote looked up to find candidate places, and hits kept per piece.
const MAX_PIECES: usize = 16;
const MAX_HITS: usize = 64;
/// Candidate places compared by edit distance, at most, and the cells of all those comparisons.
const MAX_CANDIDATES: usize = 32;
pub const MAX_CELLS: u64 = 8 << 20;
const MIN_SCORE: f32 = 0.7;

/// Work done by one resolution: edit-distance cells evaluated and bytes of text searched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    pub cells: u64,
    pub scanned: u64,
}

/// Context agreement of a found range with the stored prefix and suffix, in [0, 1].
fn context_agreement(ix: &CharIndex<'_>, r: &Range<usize>, prefix: &str, suffix: &str) -> f32 {
    let pre = ix.slice(r.start.saturating_sub(CONTEXT)..r.start);
    let suf = ix.slice(r.end..(r.end + CONTEXT).min(ix.len()));
    (common_suffix(pre, prefix) + common_prefix(suf, suffix)) as f32 / (2 * CONTEXT) as f32
}

/// Find `q` approximately (at most a fifth of it wrong) inside `region` (code points) of the
/// text. Candidate places come from exact pieces of the quote, the stored context and the old
/// position; the places most pieces agree on are compared by edit distance, within
/// [`MAX_CANDIDATES`] and [`MAX_CELLS`]. Returns the best range and its score (similarity,
/// with some weight on context agreement, ties to the place nearest `hint`).
fn locate(
    ix: &CharIndex<'_>,
    q: &[char],
    region: Range<usize>,
    hint: usize,
    prefix: &str,
    suffix: &str,
    work: &mut Work,
) -> Option<(Range<usize>, f32)> {
    let n = q.len();
    if n < 8 || region.end <= region.start {
        return None;
    }
    let max_err = (n / 5).max(1);
    let lo = floor_boundary(ix.text, ix.byte(region.start));
    let hi = ceil_boundary(ix.text, ix.byte(region.end));
    let hay = &ix.text[lo..hi];
    // (candidate start, votes)
    let mut cands: Vec<(usize, usize)> = Vec::new();
    let mut find_all = |needle: &str, shift: isize, votes: usize, work: &mut Work| {
        let mut from = 0;
        let mut hits = 0;
        while hits < MAX_HITS {
            let Some(off) = hay[from..].find(needle) else {
                work.scanned += (hay.len() - from) as u64;
                break;
            };
            work.scanned += (off + needle.len()) as u64;
            let b = lo + from + off;
            let c = ix.char_at_byte(b) as isize + shift;
            cands.push((c.max(0) as usize, votes));
            from += off + needle.len().max(1);
            hits += 1;
            if from >= hay.len() {
                break;
            }
        }
    };
    let pieces = (max_err + 1).min(MAX_PIECES).min(n / 4).max(1);
    let plen = n / pieces;
    for k in 0..pieces {
        let piece: String = q[k * plen..(k * plen + plen).min(n)].iter().collect();
        if piece.trim().chars().count() < 3 {
            continue;
        }
        find_all(&piece, -((k * plen) as isize), 1, work);
    }
    // the stored context, where it is long enough to say something
    let pre: String = last_chars(prefix, 16);
    if pre.trim().chars().count() >= 8 {
        find_all(&pre, pre.chars().count() as isize, 2, work);
    }
    let suf: String = suffix.chars().take(16).collect();
    if suf.trim().chars().count() >= 8 {
        find_all(&suf, -(n as isize), 2, work);
    }
    if region.contains(&hint) {
        cands.push((hint, 1));
    }
    if cands.is_empty() {
        return None;
    }
    // group places within the error bound of each other; most votes first, then nearest
    cands.sort_unstable();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut first = usize::MAX;
    for (c, v) in cands {
        match groups.last_mut() {
            Some(g) if c - first <= max_err => g.1 += v,
            _ => {
                first = c;
                groups.push((c, v));
            }
        }
    }
    groups.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.abs_diff(hint).cmp(&b.0.abs_diff(hint)))
    });
    let mut best: Option<(Range<usize>, f32, usize)> = None;
    for (c, _) in groups.into_iter().take(MAX_CANDIDATES) {
        let ws = c.saturating_sub(max_err).max(region.start);
        let we = (c + n + max_err).min(region.end);
        if we <= ws {
            continue;
        }
        let cells = (n * (we - ws)) as u64;
        if work.cells + cells > MAX_CELLS {
            break;
        }
        let window: Vec<char> = ix.slice(ws..we).chars().collect();
        let Some((dist, s, e)) = semi_global(q, &window, max_err, work) else {
            continue;
        };
        let r = ws + s..ws + e;
        let sim = 1.0 - dist as f32 / n as f32;
        // context agreement breaks ties between similar places
        let ctx = context_agreement(ix, &r, prefix, suffix);
        let score = (0.85 * sim + 0.15 * ctx).clamp(0.0, 1.0);
        let dpos = r.start.abs_diff(hint);
        let better = match &best {
            None => true,
            Some((_, bs, bd)) => score > *bs + 1e-6 || ((score - *bs).abs() <= 1e-6 && dpos < *bd),
        };
        if better {
            best = Some((r, score, dpos));
        }
    }
    best.map(|b| (b.0, b.1))
}

fn last_chars(s: &str, k: usize) -> String {
    let n = s.chars().count();
    s.chars().skip(n.saturating_sub(k)).collect()
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

/// Edit distance of `q` against the best substring of `w` (free start and end in `w`), when it
/// is at most `max_err`: returns (distance, start, end) in `w`. Stops as soon as every cell of a
/// row is over the bound (the row minimum never decreases).
fn semi_global(
    q: &[char],
    w: &[char],
    max_err: usize,
    work: &mut Work,
) -> Option<(usize, usize, usize)> {
    let (n, m) = (q.len(), w.len());
    // distance and start position per column of w
    let mut prev: Vec<(usize, usize)> = (0..=m).map(|j| (0, j)).collect();
    let mut cur = vec![(0usize, 0usize); m + 1];
    for i in 1..=n {
        cur[0] = (i, 0);
        let mut row_min = i;
        for j in 1..=m {
            let mut c = (
                prev[j - 1].0 + usize::from(q[i - 1] != w[j - 1]),
                prev[j - 1].1,
            );
            if prev[j].0 + 1 < c.0 {
                c = (prev[j].0 + 1, prev[j].1);
            }
            if cur[j - 1].0 + 1 < c.0 {
                c = (cur[j - 1].0 + 1, cur[j - 1].1);
            }
            cur[j] = c;
            row_min = row_min.min(c.0);
        }
        work.cells += m as u64;
        std::mem::swap(&mut prev, &mut cur);
        if row_min > max_err {
            return None;
        }
    }
    let (mut best, mut end) = (usize::MAX, 0);
    for (j, c) in prev.iter().enumerate() {
        if c.0 < best {
            best = c.0;
            end = j;
        }
    }
    (best <= max_err).then(|| (best, prev[end].1, end))
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
        let mut work = Work::default();
        assert_eq!(semi_global(&q, &w, 2, &mut work), Some((1, 2, 8)));
        assert_eq!(semi_global(&q, &w, 0, &mut work), None);
    }

    /// Text of `words` words from a small vocabulary, so that short pieces of one text are
    /// everywhere in another.
    fn words(words: usize, seed: u64) -> String {
        let vocab = [
            "flood", "dam", "minister", "talks", "river", "report", "storm",
        ];
        let mut x = seed;
        let mut s = String::new();
        for i in 0..words {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push_str(vocab[(x >> 33) as usize % vocab.len()]);
            s.push_str(&format!("{} ", (x >> 40) % 97));
            if i % 90 == 89 {
                s.push_str("\n\n");
            }
        }
        s
    }

    #[test]
    fn a_long_orphan_costs_bounded_work() {
        // a 200,000-character quote from one text, looked for in another of the same words
        let old = article(&words(25_000, 1));
        let n = old.text.chars().count();
        let anc = Anchor::new(&old, (n - 200_000) / 2..(n + 200_000) / 2);
        assert_eq!(anc.quote.chars().count(), 200_000);
        let new = article(&words(25_000, 2));
        let ix = CharIndex::new(&new.text);
        let mut work = Work::default();
        assert_eq!(
            anc.resolve_counted(&ix, &new.text_hash, &mut work),
            (None, Status::Orphan)
        );
        assert!(work.cells <= MAX_CELLS, "{work:?}");
        // a few dozen passes over the text at most, not one per piece of the quote
        assert!(work.scanned <= 64 * new.text.len() as u64, "{work:?}");
    }

    #[test]
    fn a_short_orphan_costs_bounded_work() {
        // a whole-compared quote whose pieces are everywhere: candidates are capped
        let old = article(&words(2_000, 3));
        let anc = Anchor::new(&old, 100..100 + WHOLE_MAX);
        let new = article(&words(2_000, 4));
        let ix = CharIndex::new(&new.text);
        let mut work = Work::default();
        let (_, st) = anc.resolve_counted(&ix, &new.text_hash, &mut work);
        assert_eq!(st, Status::Orphan);
        assert!(work.cells <= MAX_CELLS, "{work:?}");
        assert!(work.scanned <= 64 * new.text.len() as u64, "{work:?}");
    }

    #[test]
    fn long_quotes_survive_small_edits() {
        let text = words(30_000, 5);
        let a = article(&text);
        let anc = Anchor::new(&a, 5_000..105_000);
        // words changed inside the quote, and text inserted before it
        let mut edited = String::from("An editor's note.\n\n");
        let cut = a.text.char_indices().nth(40_000).map(|x| x.0).unwrap_or(0);
        edited.push_str(&a.text[..cut]);
        edited.push_str(" a correction ");
        edited.push_str(&a.text[cut..].replacen("storm", "tempest", 20));
        let b = article(&edited);
        let ix = CharIndex::new(&b.text);
        let mut work = Work::default();
        let (r, st) = anc.resolve_counted(&ix, &b.text_hash, &mut work);
        assert!(matches!(st, Status::Fuzzy(s) if s > 0.9), "{st:?}");
        let r = r.expect("range");
        assert_eq!(
            ix.slice(r.clone()).chars().take(40).collect::<String>(),
            anc.quote.chars().take(40).collect::<String>()
        );
        assert!(ix.slice(r).ends_with(&last_chars(&anc.quote, 40)));
        assert!(work.cells <= MAX_CELLS, "{work:?}");
    }

    #[test]
    fn small_edits_inside_a_paragraph_quote_stay_fuzzy() {
        let text = words(400, 6);
        let a = article(&text);
        let anc = Anchor::new(&a, 300..1_100);
        let q = anc.quote.clone();
        // three words changed inside the quote
        let changed = q.replacen("dam", "weir", 3);
        assert_ne!(changed, q);
        let b = article(&text.replacen(&q, &changed, 1));
        let ix = CharIndex::new(&b.text);
        let (r, st) = anc.resolve(&ix, &b.text_hash);
        assert!(matches!(st, Status::Fuzzy(s) if s > 0.95), "{st:?}");
        assert_eq!(ix.slice(r.expect("range")), changed);
    }
}
