//! Sentence similarity and pair evidence: how much two sentences say the same thing, the score of
//! a paragraph pair from its best sentence pair, the named features learned models weigh, and
//! the best-matching sentence of an article for a passage.

use super::corpus::{Bag, Corpus, Para, SentVec, NO_KEY};
use super::learned;
use super::tokenize::TermKind;
use super::weights::PARAMS;
use crate::store::Article;
use std::ops::Range;

/// Number of pair features.
pub const N_FEATURES: usize = 11;
/// What each pair feature measures (of the best-matching sentence pair).
pub const FEATURES: [&str; N_FEATURES] = [
    "best-match similarity",
    "coverage of the less covered side",
    "coverage of the better covered side",
    "length ratio",
    "numbers only one side has",
    "word pairs shared",
    "weight left unmatched (less covered side, log)",
    "weight left unmatched (better covered side, log)",
    "letter 4-grams shared (Dice)",
    "names only one side has (share of name weight)",
    "negation on one side only",
];

/// Whether a sentence negates: "not", "no", "never", "n't" and the like.
fn negates(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .any(|w| {
            let w = w.to_lowercase();
            matches!(
                w.as_str(),
                "not"
                    | "no"
                    | "never"
                    | "neither"
                    | "nor"
                    | "none"
                    | "nobody"
                    | "nothing"
                    | "without"
            ) || w.ends_with("n't")
                || w.ends_with("n’t")
        })
}

/// Dice overlap of the distinct letter 4-grams of two texts (lowercase, letters and digits,
/// words joined by one space): surface likeness, whatever the words' forms.
fn letter_grams_dice(a: &str, b: &str) -> f32 {
    let grams = |t: &str| {
        let mut c: Vec<char> = Vec::with_capacity(t.len());
        for w in t
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if !c.is_empty() {
                c.push(' ');
            }
            c.extend(w.chars().flat_map(char::to_lowercase));
        }
        let mut g: Vec<[char; 4]> = c.windows(4).map(|w| [w[0], w[1], w[2], w[3]]).collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    let shared = ga.iter().filter(|g| gb.binary_search(g).is_ok()).count();
    2.0 * shared as f32 / (ga.len() + gb.len()) as f32
}

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

/// Harmonic mean of two coverages, 0 when both are 0.
fn harmonic(x: f32, y: f32) -> f32 {
    if x + y > 0.0 {
        2.0 * x * y / (x + y)
    } else {
        0.0
    }
}

/// Which sentences of one paragraph use each term and each prefix key, as bits (sentence `k`
/// is bit `k`), so that scoring the sentence pairs of two paragraphs looks terms up instead of
/// searching for them. All zero between uses.
#[derive(Default)]
struct Marks {
    ids: Vec<u64>,
    keys: Vec<u64>,
    /// Scratch: coverages of each sentence against each of the other paragraph's.
    cover: Vec<f32>,
}

impl Marks {
    /// Paragraphs with more sentences are scored by search.
    const MAX_SENTS: usize = 64;

    /// Marks the terms and keys of `sents`; `n_terms` is the size of the vocabulary (prefix
    /// keys are fewer than terms).
    fn set(&mut self, sents: &[SentVec<'_>], n_terms: usize) {
        if self.ids.len() < n_terms {
            self.ids.resize(n_terms, 0);
            self.keys.resize(n_terms, 0);
        }
        for (k, s) in sents.iter().enumerate() {
            let bit = 1u64 << k;
            for &t in &s.bag.ids {
                self.ids[t as usize] |= bit;
            }
            for &key in &s.bag.keys {
                self.keys[key as usize] |= bit;
            }
        }
    }

    /// Back to all zero after `set(sents)`.
    fn clear(&mut self, sents: &[SentVec<'_>]) {
        for s in sents {
            for &t in &s.bag.ids {
                self.ids[t as usize] = 0;
            }
            for &key in &s.bag.keys {
                self.keys[key as usize] = 0;
            }
        }
    }
}

thread_local! {
    /// Scratch marks of the two paragraphs of a pair being scored, one pair per thread.
    static MARKS: std::cell::RefCell<(Marks, Marks)> = std::cell::RefCell::default();
}

/// Sentences `0..n` as bits.
fn all_bits(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// The sentences (bit numbers) of `bits`, lowest first.
fn each_bit(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let k = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            k
        })
    })
}

impl Corpus<'_> {
    /// Score of paragraph i of doc a against paragraph j of doc b (0 if either is empty).
    pub fn score(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        if self.docs[a].get(i).is_none() || self.docs[b].get(j).is_none() {
            return 0.0;
        }
        self.pair_score(a, i, b, j)
    }

    /// Score of paragraph `i` of doc `a` against paragraph `j` of doc `b`: the best-match
    /// similarity of the paragraphs as wholes, mixed with that of their best sentence pair.
    pub(super) fn pair_score(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        self.pair_score_by(a, i, b, j, |_| true)
    }

    /// `pair_score` of paragraph `i` of doc `a` against each paragraph `js` of doc `b`, in
    /// order, into `scores`: the left paragraph is marked once for all of them.
    pub(super) fn pair_scores(
        &self,
        a: usize,
        i: usize,
        b: usize,
        js: &[usize],
        scores: &mut Vec<f32>,
    ) {
        scores.clear();
        let pa = &self.docs[a][i];
        if pa.sents.len() > Marks::MAX_SENTS {
            scores.extend(js.iter().map(|&j| self.pair_score(a, i, b, j)));
            return;
        }
        MARKS.with(|m| {
            let (ma, mb) = &mut *m.borrow_mut();
            ma.set(&pa.sents, self.weight.len());
            for &j in js {
                let pb = &self.docs[b][j];
                scores.push(if pb.sents.len() <= Marks::MAX_SENTS {
                    self.pair_score_marked(pa, pb, ma, mb, |_| true)
                } else {
                    self.pair_score_searched(pa, pb, |_| true)
                });
            }
            ma.clear(&pa.sents);
        });
    }

    /// The pair score when the names the whole story uses are left out: what else the two
    /// passages share.
    pub(super) fn score_beyond_story_names(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        self.pair_score_by(a, i, b, j, |t| !self.story_wide[t as usize])
    }

    /// Whether either paragraph uses a name the whole story uses: if not,
    /// `score_beyond_story_names` is their `pair_score`.
    pub(super) fn uses_story_names(&self, a: usize, i: usize, b: usize, j: usize) -> bool {
        let uses = |p: &Para| p.bag.ids.iter().any(|&t| self.story_wide[t as usize]);
        uses(&self.docs[a][i]) || uses(&self.docs[b][j])
    }

    /// The pair score counting only the terms `keep` accepts.
    fn pair_score_by(
        &self,
        a: usize,
        i: usize,
        b: usize,
        j: usize,
        keep: impl Fn(u32) -> bool + Copy,
    ) -> f32 {
        let (pa, pb) = (&self.docs[a][i], &self.docs[b][j]);
        if pa.sents.len() <= Marks::MAX_SENTS && pb.sents.len() <= Marks::MAX_SENTS {
            return MARKS.with(|m| {
                let (ma, mb) = &mut *m.borrow_mut();
                ma.set(&pa.sents, self.weight.len());
                let s = self.pair_score_marked(pa, pb, ma, mb, keep);
                ma.clear(&pa.sents);
                s
            });
        }
        self.pair_score_searched(pa, pb, keep)
    }

    /// `pair_score_by` of paragraphs too long to mark: every membership test a search.
    fn pair_score_searched(&self, pa: &Para, pb: &Para, keep: impl Fn(u32) -> bool + Copy) -> f32 {
        let mut best = 0.0f32;
        for sa in &pa.sents {
            for sb in &pb.sents {
                best = best.max(self.best_match_by(&sa.bag, &sb.bag, keep));
            }
        }
        let whole = (pa.sents.len() + pb.sents.len() > 2)
            .then(|| self.best_match_by(&pa.bag, &pb.bag, keep));
        self.mix(whole, best)
    }

    /// A paragraph pair's score from the similarity of the paragraphs as wholes (`None` for
    /// two one-sentence paragraphs: the same as their best pair) and of their best sentence pair.
    fn mix(&self, whole: Option<f32>, best: f32) -> f32 {
        let w = self.params.para_weight;
        (w * whole.unwrap_or(best) + (1.0 - w) * best).clamp(0.0, 1.0)
    }

    /// `pair_score_by` with every membership test a lookup in `ma` (marked with `pa`'s
    /// sentences) and `mb` (all zero, and left so).
    fn pair_score_marked(
        &self,
        pa: &Para,
        pb: &Para,
        ma: &mut Marks,
        mb: &mut Marks,
        keep: impl Fn(u32) -> bool + Copy,
    ) -> f32 {
        mb.set(&pb.sents, self.weight.len());
        let (na, nb) = (pa.sents.len(), pb.sents.len());
        // the coverage of each sentence against each sentence of the other side, read in one
        // pass over its terms: [ka][kb] and [kb][ka]
        let mut x = std::mem::take(&mut ma.cover);
        let mut y = std::mem::take(&mut mb.cover);
        x.clear();
        y.clear();
        for sa in &pa.sents {
            self.coverages_marked(&sa.bag, mb, nb, keep, &mut x);
        }
        for sb in &pb.sents {
            self.coverages_marked(&sb.bag, ma, na, keep, &mut y);
        }
        let mut best = 0.0f32;
        for ka in 0..na {
            for kb in 0..nb {
                best = best.max(harmonic(x[ka * nb + kb], y[kb * na + ka]));
            }
        }
        ma.cover = x;
        mb.cover = y;
        // a paragraph's bag is the union of its sentences' bags: any bit
        let whole = (pa.sents.len() + pb.sents.len() > 2).then(|| {
            let x = self.coverage_marked(&pa.bag, mb, u64::MAX, keep);
            let y = self.coverage_marked(&pb.bag, ma, u64::MAX, keep);
            harmonic(x, y)
        });
        mb.clear(&pb.sents);
        self.mix(whole, best)
    }

    /// `coverage_by` of `a` against each of the `n` sentences `other` marks, appended to `out`
    /// in sentence order: one pass over `a`'s terms for all of them, adding in the same order
    /// as `coverage_with` does for each.
    fn coverages_marked(
        &self,
        a: &Bag,
        other: &Marks,
        n: usize,
        keep: impl Fn(u32) -> bool,
        out: &mut Vec<f32>,
    ) {
        let all = all_bits(n);
        let at = out.len();
        out.resize(at + n, 0.0);
        let found = &mut out[at..];
        let mut total = 0.0f32;
        let mut lexical = [0.0f32; Marks::MAX_SENTS];
        for &t in a.ids.iter().filter(|t| keep(**t)) {
            let w = self.weight[t as usize];
            total += w;
            let same = other.ids[t as usize] & all;
            for kb in each_bit(same) {
                found[kb] += w;
            }
            let k = self.key[t as usize];
            let family = if k != NO_KEY {
                other.keys[k as usize] & all & !same
            } else {
                0
            };
            for kb in each_bit(family) {
                found[kb] += w * self.params.prefix_match;
            }
            let rest = all & !same & !family;
            if rest == 0 {
                continue;
            }
            let Some(related) = self.related.get(t as usize).filter(|r| !r.is_empty()) else {
                continue;
            };
            let mut reached = 0u64;
            for &(u, m) in related {
                let bits = other.ids[u as usize] & rest;
                for kb in each_bit(bits) {
                    lexical[kb] = lexical[kb].max(m);
                }
                reached |= bits;
            }
            for kb in each_bit(reached) {
                found[kb] += w * lexical[kb];
                lexical[kb] = 0.0;
            }
        }
        for f in found.iter_mut() {
            *f = if total > 0.0 { *f / total } else { 0.0 };
        }
    }

    /// `coverage_by` of `a` against the sentences `other` marks with any bit of `bits`.
    fn coverage_marked(
        &self,
        a: &Bag,
        other: &Marks,
        bits: u64,
        keep: impl Fn(u32) -> bool,
    ) -> f32 {
        self.coverage_with(
            a,
            keep,
            |t| other.ids[t as usize] & bits != 0,
            |k| other.keys[k as usize] & bits != 0,
        )
    }

    /// Similarity of two sentences (see `best_match`).
    pub(super) fn sentence_similarity(&self, a: &SentVec, b: &SentVec) -> f32 {
        self.best_match(&a.bag, &b.bag)
    }

    /// Best-match similarity of two passages: each word takes its best counterpart in the other
    /// passage, weighted by how informative it is; the two directions' coverage combine by
    /// harmonic mean, so a short passage inside a long one is not a match by itself.
    pub(super) fn best_match(&self, a: &Bag, b: &Bag) -> f32 {
        self.best_match_by(a, b, |_| true)
    }

    fn best_match_by(&self, a: &Bag, b: &Bag, keep: impl Fn(u32) -> bool + Copy) -> f32 {
        harmonic(self.coverage_by(a, b, keep), self.coverage_by(b, a, keep))
    }

    /// Share of `a`'s term weight that finds a counterpart in `b`: the same term counts fully,
    /// a word of the same family (shared prefix) counts `prefix_match`.
    pub(super) fn coverage(&self, a: &Bag, b: &Bag) -> f32 {
        self.coverage_by(a, b, |_| true)
    }

    fn coverage_by(&self, a: &Bag, b: &Bag, keep: impl Fn(u32) -> bool) -> f32 {
        self.coverage_with(
            a,
            keep,
            |t| b.ids.binary_search(&t).is_ok(),
            |k| b.keys.binary_search(&k).is_ok(),
        )
    }

    /// Share of `a`'s kept term weight with a counterpart on the other side, which `has`
    /// (terms) and `has_key` (prefix keys) answer for: the same term counts fully, a word of
    /// the same family `prefix_match`, a word the lexicon relates what `related_terms` says.
    fn coverage_with(
        &self,
        a: &Bag,
        keep: impl Fn(u32) -> bool,
        has: impl Fn(u32) -> bool,
        has_key: impl Fn(u32) -> bool,
    ) -> f32 {
        let (mut found, mut total) = (0.0f32, 0.0f32);
        for &t in a.ids.iter().filter(|t| keep(**t)) {
            let w = self.weight[t as usize];
            total += w;
            let k = self.key[t as usize];
            if has(t) {
                found += w;
            } else if k != NO_KEY && has_key(k) {
                found += w * self.params.prefix_match;
            } else {
                let lexical = self.related.get(t as usize).map_or(0.0, |r| {
                    r.iter()
                        .filter(|(u, _)| has(*u))
                        .map(|(_, m)| *m)
                        .fold(0.0, f32::max)
                });
                found += w * lexical;
            }
        }
        if total > 0.0 {
            found / total
        } else {
            0.0
        }
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
        let (x, y) = (
            self.coverage(&sa.bag, &sb.bag),
            self.coverage(&sb.bag, &sa.bag),
        );
        let mass = |b: &Bag| b.ids.iter().map(|t| self.weight[*t as usize]).sum::<f32>();
        let (ua, ub) = ((1.0 - x) * mass(&sa.bag), (1.0 - y) * mass(&sb.bag));
        let (la, lb) = (sa.bag.ids.len() as f32, sb.bag.ids.len() as f32);
        let is_number = |t: &u32| self.kinds[*t as usize] == TermKind::Number;
        let lone_numbers = |p: &Bag, q: &Bag| {
            p.ids
                .iter()
                .filter(|t| is_number(t) && q.ids.binary_search(t).is_err())
                .count()
        };
        let lone = lone_numbers(&sa.bag, &sb.bag) + lone_numbers(&sb.bag, &sa.bag);
        let is_name = |t: &u32| self.kinds[*t as usize] == TermKind::Name;
        let (mut name_all, mut name_lone) = (0.0f32, 0.0f32);
        for (p, q) in [(&sa.bag, &sb.bag), (&sb.bag, &sa.bag)] {
            for t in p.ids.iter().filter(|t| is_name(t)) {
                let w = self.weight[*t as usize];
                name_all += w;
                if q.ids.binary_search(t).is_err() {
                    name_lone += w;
                }
            }
        }
        [
            sim,
            x.min(y),
            x.max(y),
            if la.max(lb) > 0.0 {
                la.min(lb) / la.max(lb)
            } else {
                0.0
            },
            (lone as f32).min(3.0),
            bigram_overlap(&sa.seq, &sb.seq),
            (if x <= y { ua } else { ub }).ln_1p(),
            (if x <= y { ub } else { ua }).ln_1p(),
            letter_grams_dice(sa.text, sb.text),
            if name_all > 0.0 {
                name_lone / name_all
            } else {
                0.0
            },
            f32::from(u8::from(negates(sa.text) != negates(sb.text))),
        ]
    }

    /// Probability that two passages, judged on their own, say the same thing (a paraphrase):
    /// the link decision for a pair without alternatives.
    pub fn judge(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        learned::Models::builtin()
            .judge
            .probability(&self.features(a, i, b, j))
    }
}

/// The sentence of `article` most likely to report what `passage` reports, among the sentences
/// similar enough to be linked at all; `None` when there is none. Returns the sentence's char
/// range in the article's text.
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
    for j in 0..ranges.len() {
        let m = corpus.score(0, 0, 1, j);
        // as for links: similar enough, and on more than the names both articles use
        if m >= PARAMS.min_mutual
            && best.is_none_or(|b| m > b.0)
            && corpus.score_beyond_story_names(0, 0, 1, j) >= PARAMS.min_beyond_names
        {
            best = Some((m, j));
        }
    }
    best.map(|(_, j)| ranges[j].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> f32 {
        Corpus::from_texts(&[a, b], PARAMS).score(0, 0, 1, 0)
    }

    #[test]
    fn best_match_counts_every_word_once_and_both_ways() {
        let s = "Rescue teams evacuated residents from the flooded valley.";
        assert!((sim(s, s) - 1.0).abs() < 1e-5);
        assert_eq!(sim(s, "Parliament approved the budget on Tuesday."), 0.0);
        // a short passage inside a long one covers little of the long one
        let long = "Rescue teams evacuated residents from the flooded valley, while engineers \
                    inspected the dam gates and ministers argued about compensation.";
        let short = "Residents evacuated.";
        assert!(sim(short, long) < 0.5, "{}", sim(short, long));
        assert!(sim(s, long) > sim(short, long));
    }

    #[test]
    fn the_judge_tells_a_statement_from_its_denial() {
        let judge = |a: &str, b: &str| Corpus::from_texts(&[a, b], PARAMS).judge(0, 0, 1, 0);
        let a = "The ministry said the border crossing would reopen to lorries on Monday.";
        let same = "The border crossing would reopen to lorries on Monday, the ministry said.";
        let denied = "The ministry said the border crossing would not reopen to lorries on Monday.";
        let logit = |p: f32| (p / (1.0 - p)).ln();
        let (same, denied) = (judge(a, same), judge(a, denied));
        assert!(same >= 0.5, "{same}");
        // a denial is weaker evidence of a paraphrase than the word "not" alone would make it
        assert!(logit(same) - logit(denied) > 1.0, "{denied} vs {same}");
        assert!(
            negates("They haven’t left.")
                && negates("No one came.")
                && !negates("Nobel laureates met.")
        );
    }

    #[test]
    fn a_word_and_what_it_is_a_kind_of_count_partly() {
        // a ferry is a kind of boat; a crane is not
        let kind_of = sim("The ferry sank.", "The boat sank.");
        let unrelated = sim("The ferry sank.", "The crane sank.");
        assert!(kind_of > unrelated, "{kind_of} vs {unrelated}");
        assert!(kind_of < 0.99, "partly, less than the same word: {kind_of}");
        assert!(sim("The ferry.", "The boat.") > 0.0);
        assert_eq!(sim("The ferry.", "The crane."), 0.0);
    }

    #[test]
    fn words_of_one_family_count_partly() {
        let a = "The negotiators met in Geneva.";
        let same_family = "The negotiations were held in Geneva.";
        let other = "The fishermen were held in Geneva.";
        assert!(
            sim(a, same_family) > sim(a, other),
            "{} vs {}",
            sim(a, same_family),
            sim(a, other)
        );
    }

    #[test]
    fn lemmas_and_synonyms_count_through_the_lexicon() {
        let a = "The storm struck the coast at night.";
        // an irregular form of the same lemma counts like the same word
        assert!((sim(a, "The storm strikes the coast at night.") - 1.0).abs() < 1e-5);
        // a derived word counts partly, more than an unrelated one
        let b = "Officials ordered the evacuation of the town.";
        let derived = sim(b, "Officials ordered people to evacuate the town.");
        let unrelated = sim(b, "Officials ordered people to paint the town.");
        assert!(derived > unrelated, "{derived} vs {unrelated}");
        // a synonym too
        let c = "Doctors treated the wounded soldiers.";
        let synonym = sim(c, "Physicians treated the wounded soldiers.");
        let other = sim(c, "Bakers treated the wounded soldiers.");
        assert!(synonym > other, "{synonym} vs {other}");
        // the lexicon's relations agree with the precomputed ones
        let lex = crate::align::lexicon::Lexicon::builtin();
        assert!(lex.related("doctor", "physician").is_some());
    }

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        let a = "Officials said the spillway failed.";
        assert!(
            sim(a, "An engineer said the spillway failed.")
                > sim(a, "Officials said the report failed.")
        );
    }

    #[test]
    fn story_wide_names_alone_do_not_link() {
        let c = Corpus::from_sentence_docs(
            &[
                vec![
                    "Presidents Halvorsen and Okonjo discussed grain exports at the summit.",
                    "Halvorsen and Okonjo later visited a flooded hospital in the north.",
                ],
                vec![
                    "Okonjo and Halvorsen signed a ceasefire for the border region.",
                    "Halvorsen and Okonjo discussed grain exports and shipping quotas.",
                ],
                vec!["Halvorsen praised Okonjo for the talks."],
            ],
            PARAMS,
        );
        // the names make these two look alike, but nothing else is shared
        assert!(
            c.score(0, 1, 1, 0) >= PARAMS.min_mutual,
            "{}",
            c.score(0, 1, 1, 0)
        );
        assert!(c.score_beyond_story_names(0, 1, 1, 0) < PARAMS.min_beyond_names);
        // the same names with the same report beside them do link
        assert!(c.score_beyond_story_names(0, 0, 1, 1) >= PARAMS.min_beyond_names);
        let links = c.select_links(0, 1);
        assert!(links.iter().any(|l| (l.0, l.1) == (0, 1)), "{links:?}");
        assert!(!links.iter().any(|l| (l.0, l.1) == (1, 0)), "{links:?}");
    }
}
