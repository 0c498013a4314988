//! Topic labels: a short phrase taken from the text of a topic's paragraphs ("military officers
//! had been killed", "ceasefire talks in Moscow") rather than a bag of stems: the run of words,
//! inside one sentence, that carries most of the topic's weight for its length. Pure and
//! deterministic.

use super::tokenize::{folded, is_calendar, is_stop, number_value, words};
use super::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;

/// Longest run of words a label is taken from.
const MAX_RUN: usize = 7;
/// What each word of a label costs, as a share of the topic's heaviest word.
const WORD_COST: f32 = 0.12;
/// Longest label, in characters.
const MAX_CHARS: usize = 48;

/// A sentence of a topic with the weight in the topic of each of its terms.
pub struct Weighed<'a> {
    pub article: usize,
    pub text: &'a str,
    /// Byte range of each term in `text`, in order of their start, with its weight (0 for
    /// terms that do not count) and its term id (one id per stem).
    pub terms: Vec<(std::ops::Range<usize>, f32, u32)>,
}

impl Weighed<'_> {
    /// Weight and term id of each of `words` (in order): its heaviest term inside the word,
    /// the first of equals; weight 0 when no term lies inside it. One walk over both lists.
    fn word_terms(&self, words: &Words) -> Vec<(f32, u32)> {
        let mut at = 0;
        words
            .iter()
            .map(|(r, _)| {
                while at < self.terms.len() && self.terms[at].0.start < r.start {
                    at += 1;
                }
                let mut best = (0.0, u32::MAX);
                for (t, w, id) in self.terms[at..]
                    .iter()
                    .take_while(|(t, _, _)| t.start < r.end)
                {
                    if t.end <= r.end && (*w > best.0 || best.1 == u32::MAX) {
                        best = (best.0.max(*w), *id);
                    }
                }
                best
            })
            .collect()
    }
}

/// The best label that `accept` takes: runs of words inside one sentence (no punctuation
/// between them) that open and close on a weighted word. A run is worth the weight of its
/// distinct words less a cost for every word it holds, so it grows only while the words it
/// takes in carry the topic. None when no word has weight.
#[cfg(test)]
pub fn phrase_labels(sentences: &[Weighed], accept: impl Fn(&str) -> bool) -> Option<String> {
    Phrases::of(sentences)?.best(accept)
}

/// The words of a sentence: byte range and folded form.
type Words<'a> = Vec<(std::ops::Range<usize>, Cow<'a, str>)>;

/// A sentence's words, as read for labels.
struct Sent<'a> {
    text: &'a str,
    ws: Words<'a>,
    /// Per word that may open a run: an ordinary word (a stop word, or written in lower case
    /// somewhere in the topic), lowered when it opens the sentence.
    common: Vec<bool>,
}

/// A candidate run: words `i..=j` of sentence `sent`.
struct Run {
    sent: usize,
    i: usize,
    j: usize,
}

/// The candidate labels of a topic: what `phrase_labels` chooses from, read once
/// so that the choice against the labels already taken is quick.
pub struct Phrases<'a> {
    sents: Vec<Sent<'a>>,
    /// Every run with its value, in order of first occurrence.
    runs: Vec<(f32, Run)>,
}

impl<'a> Phrases<'a> {
    /// The runs of `sentences`; None when no word has weight.
    pub fn of(sentences: &[Weighed<'a>]) -> Option<Phrases<'a>> {
        /// A run as found, with the articles using its words.
        struct Found {
            value: f32,
            run: Run,
            articles: Articles,
        }
        // per sentence: its words, the term id (its stem) and the weight of each
        let read: Vec<(Words<'a>, Vec<u32>, Vec<f32>)> = sentences
            .iter()
            .map(|s| {
                let ws: Words<'a> = words(s.text)
                    .into_iter()
                    .map(|(r, w)| (r, folded(w)))
                    .collect();
                let (weights, stems) = s
                    .word_terms(&ws)
                    .into_iter()
                    .zip(&ws)
                    .map(|((w, id), (_, f))| (if opens(f) { w } else { 0.0 }, id))
                    .unzip();
                (ws, stems, weights)
            })
            .collect();
        let top = read
            .iter()
            .flat_map(|(_, _, w)| w.iter().copied())
            .fold(0.0, f32::max);
        if top <= 0.0 {
            return None;
        }
        let cost = top * WORD_COST;
        // words written in lower case somewhere: ordinary words, even when opening a sentence
        let lower: HashSet<&str> = sentences
            .iter()
            .zip(&read)
            .flat_map(|(sent, (ws, _, _))| {
                ws.iter()
                    .filter(|(r, _)| sent.text[r.clone()].starts_with(char::is_lowercase))
                    .map(|(_, f)| f.as_ref())
            })
            .collect();
        let mut runs: Vec<Found> = Vec::new();
        // The distinct stems of a run, in order, identify it: as a path in a trie of stems,
        // whose nodes know the run's first occurrence.
        let mut child: HashMap<(u32, u32), u32> = HashMap::new();
        let mut node_run: Vec<Option<usize>> = vec![None];
        let mut key: Vec<u32> = Vec::new();
        for (k, (sent, (ws, stems, weights))) in sentences.iter().zip(&read).enumerate() {
            for i in 0..ws.len() {
                if weights[i] <= 0.0 {
                    continue;
                }
                key.clear();
                let mut node = 0u32;
                let mut mass = 0.0;
                for j in i..ws.len().min(i + MAX_RUN) {
                    if j > i && !plain_gap(&sent.text[ws[j - 1].0.end..ws[j].0.start]) {
                        break;
                    }
                    if weights[j] <= 0.0 {
                        continue;
                    }
                    if !key.contains(&stems[j]) {
                        key.push(stems[j]);
                        mass += weights[j];
                        let next = node_run.len() as u32;
                        node = *child.entry((node, stems[j])).or_insert(next);
                        if node == next {
                            node_run.push(None);
                        }
                    }
                    match node_run[node as usize] {
                        Some(r) => runs[r].articles.add(sent.article),
                        None => {
                            let chars = sent.text[ws[i].0.start..ws[j].0.end].chars().count();
                            if chars <= MAX_CHARS {
                                node_run[node as usize] = Some(runs.len());
                                runs.push(Found {
                                    value: mass - cost * (j - i + 1) as f32,
                                    run: Run { sent: k, i, j },
                                    articles: Articles {
                                        first: sent.article,
                                        more: Vec::new(),
                                    },
                                });
                            }
                        }
                    }
                }
            }
        }
        // words that several articles use together name the topic better
        let runs = runs
            .into_iter()
            .map(|f| (f.value + cost * f.articles.more.len() as f32, f.run))
            .collect();
        let common: Vec<Vec<bool>> = read
            .iter()
            .map(|(ws, _, weights)| {
                ws.iter()
                    .zip(weights)
                    .map(|((_, f), w)| *w > 0.0 && (is_stop(f) || lower.contains(f.as_ref())))
                    .collect()
            })
            .collect();
        let sents = sentences
            .iter()
            .zip(read)
            .zip(common)
            .map(|((sent, (ws, _, _)), common)| Sent {
                text: sent.text,
                ws,
                common,
            })
            .collect();
        Some(Phrases { sents, runs })
    }

    /// The best run that `accept` takes, as shown. Runs are ranked by value, then by first
    /// occurrence; a heap yields them in that order without sorting the many never reached.
    pub fn best(&self, accept: impl Fn(&str) -> bool) -> Option<String> {
        let mut ranked: std::collections::BinaryHeap<Ranked> = self
            .runs
            .iter()
            .enumerate()
            .map(|(k, (value, _))| Ranked(*value, k))
            .collect();
        std::iter::from_fn(|| ranked.pop()).find_map(|Ranked(_, k)| {
            let r = &self.runs[k].1;
            let shown = shown_run(&self.sents[r.sent], r.i, r.j);
            accept(&shown).then_some(shown)
        })
    }
}

/// A run's value and its place among the runs: greater is better (higher value, then earlier).
struct Ranked(f32, usize);

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0).then(other.1.cmp(&self.1))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ranked {}

/// The articles using a run's words: the first without allocating, as most runs have one.
struct Articles {
    first: usize,
    more: Vec<usize>,
}

impl Articles {
    fn add(&mut self, a: usize) {
        if a != self.first && !self.more.contains(&a) {
            self.more.push(a);
        }
    }
}

/// Words `i..=j` as written; a capitalised ordinary word opening the sentence is lowered, and a
/// shouted (all-capitals) run is lowered.
fn shown_run(sent: &Sent, i: usize, j: usize) -> String {
    let (text, ws) = (sent.text, &sent.ws);
    let raw = &text[ws[i].0.start..ws[j].0.end];
    let letters = || raw.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 4 && letters().all(char::is_uppercase) {
        return raw.to_lowercase();
    }
    let first = &text[ws[i].0.clone()];
    let mut cs = first.chars();
    if i == 0 && cs.clone().skip(1).all(|c| !c.is_uppercase()) && sent.common[i] {
        if let Some(c) = cs.next() {
            return c
                .to_lowercase()
                .chain(raw[c.len_utf8()..].chars())
                .collect();
        }
    }
    raw.to_string()
}

/// A word a label may open or close on: not a stop word, not a number, two letters or more.
fn opens(w: &str) -> bool {
    !is_stop(w) && number_value(w).is_none() && w.chars().count() > 1 && !is_calendar(w)
}

/// Only spaces between two words (no comma, quote, bracket or full stop).
fn plain_gap(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace) && !gap.contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::tokenize::{fold, with_stem};

    /// Sentences whose words weigh as `pairs` says (by lower-case word).
    fn label(sents: &[(usize, &str)], pairs: &[(&str, f32)]) -> Option<String> {
        let m: HashMap<String, f32> = pairs.iter().map(|(w, x)| (w.to_string(), *x)).collect();
        // one id per stem, as the corpus gives its terms
        let ids: std::cell::RefCell<HashMap<String, u32>> = Default::default();
        let weighed: Vec<Weighed> = sents
            .iter()
            .map(|&(article, text)| Weighed {
                article,
                text,
                terms: words(text)
                    .into_iter()
                    .map(|(r, w)| {
                        let f = fold(w);
                        let id = with_stem(&f, |st| {
                            let n = ids.borrow().len() as u32;
                            *ids.borrow_mut().entry(st.to_string()).or_insert(n)
                        });
                        (r, m.get(&f).copied().unwrap_or(0.0), id)
                    })
                    .collect(),
            })
            .collect();
        phrase_labels(&weighed, |_| true)
    }

    #[test]
    fn a_run_of_words_that_carries_the_topic() {
        let sents = [
            (
                0,
                "Officials said 35 Turkish troops were killed in an air strike on Thursday.",
            ),
            (
                1,
                "Ankara said Turkish troops came under fire near the town.",
            ),
            (2, "The ministry said the Turkish troops had been attacked."),
        ];
        let w = [
            ("turkish", 2.0),
            ("troops", 2.5),
            ("killed", 1.0),
            ("strike", 0.8),
        ];
        // the words all three articles use together
        assert_eq!(label(&sents, &w).as_deref(), Some("Turkish troops"));
        let w = [("turkish", 2.0), ("troops", 2.5), ("killed", 1.5)];
        // a run goes through small words while the words it reaches carry the topic
        assert_eq!(
            label(&sents[..1], &w).as_deref(),
            Some("Turkish troops were killed")
        );
    }

    #[test]
    fn connectors_may_sit_inside_but_punctuation_breaks() {
        let sents = [
            (0, "Ceasefire talks in Moscow began on Thursday."),
            (1, "The ceasefire talks in Moscow lasted six hours."),
        ];
        let w = [("ceasefire", 2.0), ("talks", 1.5), ("moscow", 1.5)];
        assert_eq!(
            label(&sents, &w).as_deref(),
            Some("ceasefire talks in Moscow")
        );
        let broken = [(0, "Ceasefire talks, Moscow said."), (1, "Talks. Moscow.")];
        let got = label(&broken, &w).unwrap_or_default();
        assert!(!got.contains(','), "{got}");
    }

    #[test]
    fn numbers_stop_words_and_dates_are_left_out() {
        let sents = [(0, "About 40 engineers of the company left on Monday.")];
        let w = [
            ("engineers", 2.0),
            ("company", 1.0),
            ("40", 5.0),
            ("monday", 3.0),
        ];
        let got = label(&sents, &w).unwrap_or_default();
        assert_eq!(got, "engineers of the company");
    }

    #[test]
    fn nothing_weighted_gives_no_label() {
        assert_eq!(label(&[(0, "It was so.")], &[]), None);
        assert!(phrase_labels(&[], |_| true).is_none());
    }

    #[test]
    fn names_keep_their_capital_at_the_start_of_a_sentence() {
        let w = [("dovland's", 2.0), ("minister", 2.0)];
        assert_eq!(
            label(&[(0, "Dovland's minister left early.")], &w).as_deref(),
            Some("Dovland's minister")
        );
    }

    #[test]
    fn shouted_and_sentence_initial_words_are_lowered() {
        let w = [("flooding", 2.0), ("closes", 1.0), ("roads", 2.0)];
        assert_eq!(
            label(&[(0, "FLOODING CLOSES ROADS")], &w).as_deref(),
            Some("flooding closes roads")
        );
    }
}
