//! Quantity frames of one sentence: tokenises it, finds each value (`value`), builds a frame
//! around it (`frame`), and gathers the sentence's context words and names. Digits that name
//! or date things (URLs, ids, years, dates, times, "Covid-19", "Article 5") are not
//! quantities.

use super::frame::frame;
use super::value::value_at;
use super::words::{is_month, predicate_class};
use super::{Frame, Unit, WordList};
use crate::align::tokenize::MONTHS;
use crate::align::tokenize::{folded, is_stop, number_value, with_stem, words};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

/// Does this sentence hold anything that could be a quantity? Cheap, before any tokenising.
pub(crate) fn may_hold(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    // number words: look for their stems only
    const CUES: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "teen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "dozen", "hundred", "thousand", "million", "billion", "half", "third", "quarter", "scores",
        "aged", "minute", "hour",
    ];
    let lower = s.to_ascii_lowercase();
    CUES.iter().any(|c| lower.contains(c))
}

pub(super) struct Tok<'a> {
    pub(super) at: Range<usize>,
    pub(super) raw: &'a str,
    /// Folded (lower case, no diacritics), borrowed when `raw` is folded already.
    pub(super) low: Cow<'a, str>,
    /// The predicate class of the word, looked up once and only when asked.
    pred: OnceCell<Option<&'static str>>,
}

impl Tok<'_> {
    pub(super) fn pred(&self) -> Option<&'static str> {
        *self.pred.get_or_init(|| predicate_class(&self.low))
    }
}

/// The quantity frames of one sentence, spans in bytes of the sentence, paragraph 0.
pub(crate) fn sentence(s: &str) -> Vec<Frame> {
    if !may_hold(s) {
        return Vec::new();
    }
    let toks: Vec<Tok> = words(s)
        .into_iter()
        .map(|(at, raw)| Tok {
            at,
            raw,
            low: folded(raw),
            pred: OnceCell::new(),
        })
        .collect();
    // the sentence's context words, names and date, read at its first value: most sentences
    // have none
    let mut around: Option<(WordList, WordList, Option<String>)> = None;
    let mut out: Vec<Frame> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        match value_at(s, &toks, k) {
            Some(v) => {
                let next = v.end.max(k + 1);
                let (ctx, names, when) = around.get_or_insert_with(|| {
                    (context(&toks), WordList::new(&names(&toks)), earlier(&toks))
                });
                if let Some(mut f) = frame(s, &toks, v, &out, ctx, names) {
                    // an age is the person's as the sentence is written ("a 60-year-old
                    // woman charged with killing two in 1967")
                    if f.quantity.unit != Unit::Age {
                        f.earlier.clone_from(when);
                    }
                    out.push(f);
                }
                k = next;
            }
            None => k += 1,
        }
    }
    out
}

pub(super) fn gap<'a>(s: &'a str, toks: &[Tok], a: usize, b: usize) -> &'a str {
    &s[toks[a].at.end..toks[b].at.start]
}

pub(super) fn is_cap(raw: &str) -> bool {
    raw.chars().next().is_some_and(char::is_uppercase)
}

/// Stems of the content words of a sentence, sorted and unique.
fn context(toks: &[Tok]) -> WordList {
    // the stems side by side in one buffer, not one allocation each
    let mut buf = String::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    for t in toks
        .iter()
        .filter(|t| t.low.len() > 2 && !is_stop(&t.low) && number_value(t.raw).is_none())
    {
        with_stem(&t.low, |st| {
            let at = buf.len();
            buf.push_str(st);
            spans.push(at..buf.len());
        });
    }
    spans.sort_by(|x, y| buf[x.clone()].cmp(&buf[y.clone()]));
    spans.dedup_by(|x, y| buf[x.clone()] == buf[y.clone()]);
    WordList::of_sorted(spans.iter().map(|r| &buf[r.clone()]))
}

/// Capitalised words that are not the sentence's first word, folded.
fn names(toks: &[Tok]) -> Vec<String> {
    let mut out: Vec<String> = toks
        .iter()
        .enumerate()
        .filter(|(i, t)| is_cap(t.raw) && (*i > 0 || !is_stop(&t.low)) && !is_month(t.low.as_ref()))
        .map(|(_, t)| t.low.to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Does the sentence date what it tells to before the news? News tells its own event by the
/// day ("on Sunday", "on December 6, 2008"); a year with no day ("in 2003", "the 2003
/// quake"), a month with no day ("In February,"), "last year" and "years ago" tell an earlier
/// one, quoted as background. The year or month named, or empty; `None` when not dated so.
/// A year after "by", "until", "through" or "since" is a target or a span, not a date.
fn earlier(toks: &[Tok]) -> Option<String> {
    let day = |t: &Tok| number_value(t.raw).is_some_and(|v| (1.0..=31.0).contains(&v));
    for (i, t) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| toks[p].low.as_ref());
        let next = toks.get(i + 1).map(|n| n.low.as_ref());
        let year = t.raw.len() == 4
            && t.raw.bytes().all(|b| b.is_ascii_digit())
            && number_value(t.raw).is_some_and(|v| (1900.0..=2100.0).contains(&v));
        if year {
            let full_date = i > 0 && day(&toks[i - 1]);
            let not_a_date = matches!(prev, Some("by" | "until" | "through" | "since" | "to"));
            if !full_date && !not_a_date {
                return Some(t.low.to_string());
            }
        }
        if MONTHS.contains(&t.low.as_ref())
            && is_cap(t.raw)
            && prev == Some("in")
            && toks.get(i + 1).is_none_or(|n| !day(n))
        {
            return Some(t.low.to_string());
        }
        let years = matches!(t.low.as_ref(), "year" | "years" | "decade" | "decades");
        if (years && next == Some("ago")) || (t.low == "year" && prev == Some("last")) {
            return Some(String::new());
        }
    }
    None
}
