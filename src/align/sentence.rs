//! Sentence similarity and pair evidence: how much two sentences say the same thing, the score of
//! a paragraph pair from its best sentence pair, the named features learned models weigh, and
//! the best-matching sentence of an article for a passage.

use super::corpus::{dot, Corpus, SentVec};
use super::learned;
use super::tokenize::TermKind;
use super::weights::PARAMS;
use crate::store::Article;
use std::ops::Range;

/// Pair features from weighted terms; surface features follow them.
const N_TERM_FEATURES: usize = 14;
/// Number of pair features.
pub const N_FEATURES: usize = N_TERM_FEATURES + learned::N_SURFACE;
/// What each pair feature measures.
pub const FEATURES: [&str; N_FEATURES] = [
    "similarity",
    "paragraph cosine",
    "sentence cosine",
    "shared weight (smaller side)",
    "shared weight (larger side)",
    "length ratio",
    "unmatched numbers",
    "shared numbers",
    "unmatched names",
    "shared word pairs",
    "common subsequence",
    "length difference (log)",
    "rarest shared term (weight)",
    "shared names",
    "words shared (smaller share)",
    "words shared (larger share)",
    "word pairs shared (smaller share)",
    "word pairs shared (larger share)",
    "word triples shared (smaller share)",
    "word triples shared (larger share)",
    "word 4-grams shared (smaller share)",
    "word 4-grams shared (larger share)",
    "character 3-grams (Jaccard)",
    "character 4-grams (Jaccard)",
    "character 5-grams (Jaccard)",
    "same numbers",
    "numbers differ",
    "word count difference (relative)",
];

/// Share of the smaller side's adjacent term pairs found in the other.
fn bigram_overlap(a: &[u32], b: &[u32]) -> f32 {
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let mut bb: Vec<(u32, u32)> = b.windows(2).map(|w| (w[0], w[1])).collect();
    bb.sort_unstable();
    let found = a
        .windows(2)
        .filter(|w| bb.binary_search(&(w[0], w[1])).is_ok())
        .count();
    found as f32 / (a.len().min(b.len()) - 1) as f32
}

/// Length of the longest common subsequence of two term sequences (sentences are short).
fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (k, y) in b.iter().enumerate() {
            let up = row[k + 1];
            row[k + 1] = if x == y { diag + 1 } else { up.max(row[k]) };
            diag = up;
        }
    }
    row[b.len()]
}

impl Corpus {
    /// Score of paragraph i of doc a against paragraph j of doc b (0 if either is empty).
    pub fn score(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        let (Some(pa), Some(pb)) = (self.docs[a].get(i), self.docs[b].get(j)) else {
            return 0.0;
        };
        let cos = dot(&pa.vec, &pb.vec);
        self.pair_score(a, i, b, j, cos)
    }

    /// Score of paragraph `i` of doc `a` against paragraph `j` of doc `b`, given the paragraph
    /// cosine: a mix of the paragraph cosine and the best sentence-pair cosine.
    pub(super) fn pair_score(&self, a: usize, i: usize, b: usize, j: usize, cos: f32) -> f32 {
        let (pa, pb) = (&self.docs[a][i], &self.docs[b][j]);
        let mut best = 0.0f32;
        for sa in &pa.sents {
            for sb in &pb.sents {
                best = best.max(self.sentence_similarity(sa, sb));
            }
        }
        let w = self.params.para_weight;
        (w * cos + (1.0 - w) * best).clamp(0.0, 1.0)
    }

    /// Similarity of two sentences: cosine, blended with how much of their weight they share
    /// (Dice on raw weights, which rewards pairs that say the same and little else).
    pub(super) fn sentence_similarity(&self, a: &SentVec, b: &SentVec) -> f32 {
        let p = &self.params;
        let (mut i, mut j) = (0, 0);
        let (mut cos, mut shared) = (0.0f32, 0.0f32);
        while i < a.vec.len() && j < b.vec.len() {
            match a.vec[i].0.cmp(&b.vec[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let (wa, wb) = (a.vec[i].1, b.vec[j].1);
                    cos += wa * wb;
                    shared += (wa * a.norm).min(wb * b.norm);
                    i += 1;
                    j += 1;
                }
            }
        }
        let dice = if a.mass + b.mass > 0.0 {
            2.0 * shared / (a.mass + b.mass)
        } else {
            0.0
        };
        ((1.0 - p.dice_weight) * cos + p.dice_weight * dice).clamp(0.0, 1.0)
    }

    /// Features of the best-matching sentence pair of two paragraphs (see `FEATURES`).
    pub fn features(&self, a: usize, i: usize, b: usize, j: usize) -> [f32; N_FEATURES] {
        let (Some(pa), Some(pb)) = (self.docs[a].get(i), self.docs[b].get(j)) else {
            return [0.0; N_FEATURES];
        };
        let mut best: Option<(&SentVec, &SentVec, f32)> = None;
        for sa in &pa.sents {
            for sb in &pb.sents {
                let s = self.sentence_similarity(sa, sb);
                if best.is_none_or(|b| s > b.2) {
                    best = Some((sa, sb, s));
                }
            }
        }
        let Some((sa, sb, sim)) = best else {
            return [0.0; N_FEATURES];
        };
        let mut f = [0.0f32; N_FEATURES];
        f[0] = sim;
        f[1] = dot(&pa.vec, &pb.vec);
        // shared raw weight, as a share of each side
        let (mut x, mut y, mut shared, mut cos) = (0, 0, 0.0f32, 0.0f32);
        let (mut num_shared, mut num_a, mut num_b, mut names_a, mut names_b) = (0, 0, 0, 0, 0);
        let (mut rarest, mut names_shared) = (0.0f32, 0usize);
        let is = |id: u32, k: TermKind| self.kinds[id as usize] == k;
        while x < sa.vec.len() || y < sb.vec.len() {
            let ia = sa.vec.get(x).map(|t| t.0);
            let ib = sb.vec.get(y).map(|t| t.0);
            match (ia, ib) {
                (Some(p), Some(q)) if p == q => {
                    let (wa, wb) = (sa.vec[x].1, sb.vec[y].1);
                    cos += wa * wb;
                    let w = (wa * sa.norm).min(wb * sb.norm);
                    shared += w;
                    rarest = rarest.max(w);
                    names_shared += usize::from(is(p, TermKind::Name));
                    if is(p, TermKind::Number) {
                        num_shared += 1;
                    }
                    x += 1;
                    y += 1;
                }
                (Some(p), q) if q.is_none_or(|q| p < q) => {
                    num_a += usize::from(is(p, TermKind::Number));
                    names_a += usize::from(is(p, TermKind::Name));
                    x += 1;
                }
                (_, Some(q)) => {
                    num_b += usize::from(is(q, TermKind::Number));
                    names_b += usize::from(is(q, TermKind::Name));
                    y += 1;
                }
                _ => break,
            }
        }
        let (ca, cb) = (shared / sa.mass.max(1e-6), shared / sb.mass.max(1e-6));
        f[2] = cos;
        f[3] = ca.min(cb).min(1.0);
        f[4] = ca.max(cb).min(1.0);
        let (la, lb) = (sa.seq.len() as f32, sb.seq.len() as f32);
        f[5] = if la.max(lb) > 0.0 {
            la.min(lb) / la.max(lb)
        } else {
            0.0
        };
        f[6] = ((num_a + num_b) as f32).min(3.0);
        f[7] = (num_shared as f32).min(3.0);
        f[8] = ((names_a + names_b) as f32).min(5.0);
        f[9] = bigram_overlap(&sa.seq, &sb.seq);
        f[10] = if la.min(lb) > 0.0 {
            lcs_len(&sa.seq, &sb.seq) as f32 / la.min(lb)
        } else {
            0.0
        };
        f[11] = (la.max(lb) - la.min(lb)).ln_1p();
        f[12] = rarest;
        f[13] = (names_shared as f32).min(5.0);
        learned::surface_features(sa.profile(), sb.profile(), &mut f[N_TERM_FEATURES..]);
        f
    }

    /// Probability that two passages, judged on their own, say the same thing (a paraphrase):
    /// the link decision for a pair without alternatives.
    pub fn judge(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        learned::Models::builtin()
            .judge
            .probability(&self.features(a, i, b, j))
    }

    /// How likely two passages report the same event, for ranking the passages of one article
    /// against one passage of another (calibrated to [0, 1]).
    pub fn match_score(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        learned::Models::builtin()
            .matching
            .probability(&self.features(a, i, b, j))
    }
}

/// The sentence of `article` most likely to report what `passage` reports, ranked by the
/// matching model among the sentences similar enough to be linked at all; `None` when there is
/// none. Returns the
/// sentence's char range in the article's text.
pub fn best_matching_sentence(passage: &str, article: &Article) -> Option<Range<usize>> {
    let mut ranges = Vec::new();
    let mut texts = Vec::new();
    for p in article.paragraphs.iter().filter(|p| p.kind.is_content()) {
        for s in p.sentences.iter().filter(|s| !s.boilerplate) {
            if let Some(t) = article.text.get(s.bytes.clone()) {
                ranges.push(s.chars.clone());
                texts.push(t);
            }
        }
    }
    let corpus = Corpus::from_sentence_docs(&[vec![passage], texts], PARAMS);
    let mut best: Option<(f32, usize)> = None;
    for (j, _) in ranges.iter().enumerate() {
        // the ranking model orders candidates; it does not decide whether any is a match
        if corpus.score(0, 0, 1, j) < PARAMS.min_mutual {
            continue;
        }
        let m = corpus.match_score(0, 0, 1, j);
        if best.is_none_or(|b| m > b.0) {
            best = Some((m, j));
        }
    }
    best.map(|(_, j)| ranges[j].clone())
}
