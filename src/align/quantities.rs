//! Figures of a story as quantity frames: every value a sentence states (counts, bounds,
//! ranges, vague amounts, percentages, ages, money), what it counts, the predicate and whose it
//! is; frames matched across each pair into conflicting figures (`Discrepancy`) and across the
//! story into one row per counted thing (`FigureRow`). Pure; depends on the store's types and
//! the tokenizer only.

mod extract;
mod frame;
mod matching;
mod measures;
mod value;
mod words;

use crate::align::par::par_map;
use crate::store::Article;
use serde::Serialize;
use std::ops::Range;

pub use matching::pair_matches;
use words::participle;

/// How a value is qualified in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "35"
    Exact,
    /// "some 12,000", "about", "an estimated"
    About,
    /// "at least 40", "40 or more"
    AtLeast,
    /// "more than 1,000", "over 200"
    MoreThan,
    /// "up to 300", "as many as"
    AtMost,
    /// "fewer than 10", "under"
    LessThan,
    /// "nearly 300", "almost"
    Nearly,
    /// "10 to 15", "between 10 and 15"
    Range,
    /// "dozens", "tens of thousands", "half"
    Vague,
}

/// What a value measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    Percent,
    /// A person's age in years.
    Age,
    /// Money in a currency (ISO code).
    Money(&'static str),
    /// A measure of one kind ("distance" in metres, "duration" in seconds, "magnitude"),
    /// converted from the unit written; measures of different kinds are never compared.
    Measure(&'static str),
}

/// A value as the text states it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quantity {
    pub low: f64,
    /// Equal to `low` except for ranges and vague amounts.
    pub high: f64,
    pub qualifier: Qualifier,
    pub unit: Unit,
    /// The rounding unit of the number as written ("12,000" → 1000, "2.49 million" → 10,000).
    pub step: f64,
}

impl Quantity {
    /// The values the text allows, as a closed interval. A bound stands for a value near it:
    /// nobody writes "more than 50" of two hundred, so "over 50" allows up to 100.
    pub fn interval(&self) -> (f64, f64) {
        let (lo, hi) = (self.low, self.high);
        // just under half the rounding unit: neighbouring whole numbers do not touch
        let half = self.step * 0.499;
        let eps = 1e-9 * lo.abs().max(1.0);
        match self.qualifier {
            Qualifier::Exact | Qualifier::Range => (lo - half, hi + half),
            Qualifier::About => (lo * 0.9 - half, hi * 1.1 + half),
            // the bound itself is exact; only the far side is loose
            Qualifier::AtLeast => (lo, hi * 2.0 + half),
            Qualifier::MoreThan => (lo + eps, hi * 2.0 + half),
            // "as many as 80" is a high estimate, not any number up to 80: "50 were injured"
            // disagrees with it
            Qualifier::AtMost => (lo * 0.7 - half, hi),
            Qualifier::LessThan => (lo * 0.5 - half, hi - eps),
            // "nearly N" is a bit under N: 15% under, or half a rounding unit when that is
            // less ("almost three hours" is not two)
            Qualifier::Nearly => ((lo * 0.85).min(lo - half), hi - eps),
            Qualifier::Vague => (lo, hi),
        }
    }

    /// Can both values be true of the same thing? A lower bound leaves the value open above
    /// it when the other side states the value: "at least 3 killed" is an early count that
    /// "10 killed" may follow. Two lower bounds far apart still disagree in what they suggest.
    pub fn compatible(&self, other: &Quantity) -> bool {
        if self.unit != other.unit {
            return false;
        }
        let floor = |q: &Quantity| matches!(q.qualifier, Qualifier::AtLeast | Qualifier::MoreThan);
        let open = |q: &Quantity, against: &Quantity| {
            let (lo, hi) = q.interval();
            if floor(q) && !floor(against) {
                (lo, f64::INFINITY)
            } else {
                (lo, hi)
            }
        };
        let (a0, a1) = open(self, other);
        let (b0, b1) = open(other, self);
        a0.max(b0) <= a1.min(b1)
    }
}

/// Words of a sentence, sorted and distinct, in one allocation: every figure keeps its
/// sentence's names and context words, and a long article has tens of thousands of figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordList(Box<str>);

impl WordList {
    /// Each word is followed by a line break; words are tokens, which hold none.
    const END: char = '\n';

    /// The list of `words`, which are sorted and distinct.
    pub fn new(words: &[String]) -> WordList {
        WordList::of_sorted(words.iter().map(String::as_str))
    }

    /// The list of `words`, which are sorted and distinct.
    pub fn of_sorted<'w>(words: impl Iterator<Item = &'w str> + Clone) -> WordList {
        let mut s = String::with_capacity(words.clone().map(|w| w.len() + 1).sum());
        for w in words {
            s.push_str(w);
            s.push(Self::END);
        }
        WordList(s.into_boxed_str())
    }

    /// The words, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split_terminator(Self::END)
    }

    pub fn first(&self) -> Option<&str> {
        self.iter().next()
    }

    pub fn contains(&self, w: &str) -> bool {
        self.iter().any(|x| x == w)
    }

    /// How many words the two lists share.
    pub fn shared(&self, other: &WordList) -> usize {
        let (mut a, mut b) = (self.iter().peekable(), other.iter().peekable());
        let mut n = 0;
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    n += 1;
                    a.next();
                    b.next();
                }
            }
        }
        n
    }
}

/// A figure of an article: a value, what it counts and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub para: usize,
    /// Char span in the article text of the value and what it counts ("over 200 Syrian
    /// military targets"); while a sentence is read, bytes of the sentence.
    pub span: Range<usize>,
    /// Char span of the value alone ("over 200").
    pub value_span: Range<usize>,
    pub phrase: String,
    pub value_text: String,
    pub quantity: Quantity,
    /// What is counted, as written ("Syrian military targets"); empty when implicit.
    pub counted: String,
    /// Lemma of the counted noun ("target").
    pub head: String,
    pub implicit: bool,
    /// Predicate class ("kill", "strike") and the word as written.
    pub predicate: Option<(&'static str, String)>,
    /// Names and nationalities the counted things belong to (folded).
    pub owners: Vec<String>,
    pub places: Vec<String>,
    pub names: WordList,
    pub context: WordList,
    /// The sentence dates what it tells to before the news ("in December 2003", "In
    /// February,", "two years ago"): the year or month it names, empty when it names none.
    /// `None` for the news itself.
    pub earlier: Option<String>,
}

impl Frame {
    /// A readable name of the counted thing: "Turkish troops killed", "share of voters".
    pub fn label(&self) -> String {
        let counted = if self.counted.is_empty() {
            self.head.clone()
        } else {
            self.counted.clone()
        };
        let verb = self.predicate.as_ref().map(|(c, _)| participle(c));
        match self.quantity.unit {
            Unit::Age => match self.names.first() {
                Some(n) if self.counted.is_empty() => format!("age of {}", title_case(n)),
                _ => format!(
                    "age of {}",
                    if counted.is_empty() {
                        "person".into()
                    } else {
                        counted
                    }
                ),
            },
            Unit::Percent => match verb {
                Some(v) if counted.is_empty() => format!("share {v}"),
                Some(v) => format!("share of {counted} {v}"),
                None if counted.is_empty() => "share".into(),
                None => format!("share of {counted}"),
            },
            // what follows a measure is seldom what it measures ("24 hours, elements …")
            Unit::Measure(m) => m.to_string(),
            Unit::Money(_) => match verb {
                Some(v) if counted.is_empty() => format!("money {v}"),
                Some(v) => format!("{counted} {v}"),
                None => counted,
            },
            Unit::Count => match verb {
                Some(v) if counted.is_empty() || counted == "person" => format!("people {v}"),
                Some(v) => format!("{counted} {v}"),
                None => counted,
            },
        }
    }
}

/// Two figures about the same thing that differ, with their char spans in each article's text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Discrepancy {
    pub left: usize,
    pub right: usize,
    pub what: String,
    pub left_text: String,
    pub right_text: String,
    pub left_span: Range<usize>,
    pub right_span: Range<usize>,
    /// Why the two figures were taken to count the same thing ("both: Turkish troops killed").
    pub reason: String,
}

/// One article's figure in a story-wide row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureCell {
    /// The value as written ("over 200").
    pub value_text: String,
    /// The value and what it counts ("over 200 Syrian military targets").
    pub phrase: String,
    pub para: usize,
    /// Char span of `phrase` in the article text.
    pub span: Range<usize>,
}

/// One counted thing of the story and the figure each article gives for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRow {
    /// "Turkish troops killed"
    pub label: String,
    /// The articles that give a figure, by article index (sorted), with their figure: as many
    /// entries as sources, however many articles the story has.
    pub cells: Vec<(usize, FigureCell)>,
    /// Two of the figures cannot both be true.
    pub conflict: bool,
    /// Why the figures were put in one row (empty for a figure only one article gives).
    pub reason: String,
}

impl FigureRow {
    /// How many articles give a figure.
    pub fn sources(&self) -> usize {
        self.cells.len()
    }

    /// The figure article `a` gives, if any.
    pub fn cell(&self, a: usize) -> Option<&FigureCell> {
        self.cells
            .binary_search_by_key(&a, |(i, _)| *i)
            .ok()
            .map(|k| &self.cells[k].1)
    }
}

/// The frames of every article and their matches: what `StoryAlignment` keeps of figures.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub frames: Vec<Vec<Frame>>,
    pub rows: Vec<FigureRow>,
    /// Matches of each pair (a < b): (frame of a, frame of b, score, conflict, reason).
    matches: std::collections::HashMap<(usize, usize), Vec<matching::Match>>,
}

/// The frames of one sentence of plain text, spans in bytes of `text`, paragraph 0.
pub fn sentence_frames(text: &str) -> Vec<Frame> {
    extract::sentence(text)
}

/// The frames of every article of a story, each article's in reading order. Paragraphs are
/// read a batch at a time over every core, and each batch's frames are moved into their
/// article's list before the next is read, so the frames are held once, not twice.
pub fn story_frames(articles: &[Article]) -> Vec<Vec<Frame>> {
    /// Paragraphs read at once.
    const BATCH: usize = 16_384;
    let paras: Vec<(usize, usize)> = articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| (0..art.paragraphs.len()).map(move |p| (a, p)))
        .collect();
    let mut frames: Vec<Vec<Frame>> = vec![Vec::new(); articles.len()];
    for batch in paras.chunks(BATCH) {
        let found = par_map(batch, |&(a, p)| paragraph_frames(&articles[a], p));
        for ((a, _), f) in batch.iter().zip(found) {
            frames[*a].extend(f);
        }
    }
    for f in &mut frames {
        f.shrink_to_fit();
    }
    frames
}

/// The frames of one paragraph of an article.
pub fn paragraph_frames(article: &Article, para: usize) -> Vec<Frame> {
    let Some(p) = article.paragraphs.get(para) else {
        return Vec::new();
    };
    if !p.kind.is_content() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in p.sentences.iter().filter(|s| !s.boilerplate) {
        let Some(text) = article.text.get(s.bytes.clone()) else {
            continue;
        };
        let found = extract::sentence(text);
        if found.is_empty() {
            continue;
        }
        // byte offsets in the sentence → char offsets in the article
        let chars_at = |b: usize| s.chars.start + text[..b].chars().count();
        for mut f in found {
            f.para = para;
            f.span = chars_at(f.span.start)..chars_at(f.span.end);
            f.value_span = chars_at(f.value_span.start)..chars_at(f.value_span.end);
            out.push(f);
        }
    }
    out
}

impl Figures {
    /// Match the frames of every pair and gather them into story-wide rows.
    pub fn build(frames: Vec<Vec<Frame>>) -> Figures {
        let n = frames.len();
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect();
        Figures::build_for(frames, &pairs)
    }

    /// Figures matched across the given pairs of articles only (`a < b`): a big story compares
    /// each article with its closest, not with every other.
    pub fn build_for(frames: Vec<Vec<Frame>>, pairs: &[(usize, usize)]) -> Figures {
        let mut matches = std::collections::HashMap::new();
        for &(a, b) in pairs {
            if frames[a].is_empty() || frames[b].is_empty() {
                continue;
            }
            let found = pair_matches(&frames[a], &frames[b]);
            if !found.is_empty() {
                matches.insert((a, b), found);
            }
        }
        let rows = matching::rows(&frames, &matches);
        Figures {
            frames,
            rows,
            matches,
        }
    }

    /// Conflicting figures of articles `a` < `b`, `a` on the left.
    pub fn discrepancies(&self, a: usize, b: usize) -> Vec<Discrepancy> {
        let Some(ms) = self.matches.get(&(a, b)) else {
            return Vec::new();
        };
        let mut out: Vec<Discrepancy> = ms
            .iter()
            .filter(|m| m.conflict)
            .map(|m| {
                let (l, r) = (&self.frames[a][m.left], &self.frames[b][m.right]);
                Discrepancy {
                    left: l.para,
                    right: r.para,
                    what: matching::label_of(l, r),
                    left_text: l.phrase.clone(),
                    right_text: r.phrase.clone(),
                    left_span: l.span.clone(),
                    right_span: r.span.clone(),
                    reason: m.reason.clone(),
                }
            })
            .collect();
        out.sort_by(|x, y| {
            (x.left, x.right, x.left_span.start).cmp(&(y.left, y.right, y.left_span.start))
        });
        out
    }
}

fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
