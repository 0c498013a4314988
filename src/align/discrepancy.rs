//! Conflicting figures inside linked paragraphs: the same kind of thing counted differently
//! ("at least 40 people were killed" / "Thirty people died"). Numbers in digits or words; years,
//! dates and times are not counts and are left out.

use super::tokenize::{fold, is_stop, number_value, stem, words};
use crate::store::Article;
use std::ops::Range;

/// A count found in a paragraph, with the words around it.
#[derive(Debug, Clone)]
pub struct Mention {
    pub value: f64,
    /// Byte range of the phrase to show ("At least 40 people").
    pub phrase: Range<usize>,
    /// Stems of the noun phrase after the number ("peopl") — what is counted.
    pub head: Vec<String>,
    /// Stems of content words near the number (verbs like "kill", "evacu").
    pub context: Vec<String>,
    /// The words as written (lowercase), for each stem of `head` and `context`.
    pub words: std::collections::HashMap<String, String>,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const QUALIFIERS: &[&str] = &[
    "least",
    "some",
    "about",
    "nearly",
    "almost",
    "around",
    "over",
    "than",
    "up",
    "roughly",
    "approximately",
    "only",
    "just",
];
const PHRASE_STOPS: &[&str] = &[
    "were", "was", "had", "have", "has", "are", "is", "in", "on", "at", "and", "who", "which",
    "that", "when", "while", "after", "before", "since", "by", "from", "to", "for", "with", "as",
    "but", "or", "during", "into", "where", "would", "will", "said",
];
const UNITS_NOT_COUNTS: &[&str] = &[
    "percent",
    "per",
    "hours",
    "hour",
    "minutes",
    "days",
    "day",
    "weeks",
    "years",
    "year",
    "months",
    "month",
    "o'clock",
    "am",
    "pm",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
];

/// Words on each side of a number that count as its context.
const WINDOW: usize = 6;

/// Counts in `text` (a paragraph).
pub fn mentions(text: &str) -> Vec<Mention> {
    let ws = words(text);
    // most paragraphs state no number at all: stop before folding every word
    if !ws.iter().any(|(_, w)| number_value(w).is_some()) {
        return Vec::new();
    }
    // fold only the words near a number: the rest are never looked at
    let mut near = vec![false; ws.len()];
    for (k, (_, w)) in ws.iter().enumerate() {
        if number_value(w).is_some() {
            let lo = k.saturating_sub(WINDOW);
            let hi = (k + WINDOW + 6).min(ws.len());
            near[lo..hi].iter_mut().for_each(|n| *n = true);
        }
    }
    let lw: Vec<String> = ws
        .iter()
        .zip(&near)
        .map(|((_, w), n)| if *n { fold(w) } else { String::new() })
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let Some(mut value) = number_value(ws[k].1) else {
            k += 1;
            continue;
        };
        let num_at = k;
        let mut after = k + 1;
        if let Some(m) = lw.get(after).and_then(|w| match w.as_str() {
            "hundred" => Some(100.0),
            "thousand" => Some(1e3),
            "million" => Some(1e6),
            "billion" => Some(1e9),
            _ => None,
        }) {
            value *= m;
            after += 1;
        }
        // not a count: a year, a day of a month, a time, a share, a unit of time or distance
        let prev = num_at.checked_sub(1).map(|p| lw[p].as_str()).unwrap_or("");
        let next = lw.get(after).map(String::as_str).unwrap_or("");
        let is_year = (1800.0..=2100.0).contains(&value)
            && value.fract() == 0.0
            && !ws[num_at].1.contains(',');
        let is_date = MONTHS.contains(&prev) || MONTHS.contains(&next);
        let is_time = text[ws[num_at].0.end..].starts_with(':');
        let is_unit = UNITS_NOT_COUNTS.contains(&next) || text[ws[num_at].0.end..].starts_with('%');
        let is_ordinal = ws[num_at].1.ends_with("th")
            || ws[num_at].1.ends_with("st")
            || ws[num_at].1.ends_with("nd");
        if is_year || is_date || is_time || is_unit || is_ordinal || value == 1.0 {
            k = after;
            continue;
        }
        // phrase: qualifiers before, up to four words after (stopping at verbs/prepositions)
        let mut start = num_at;
        while start > 0 && QUALIFIERS.contains(&lw[start - 1].as_str()) && num_at - start < 3 {
            start -= 1;
        }
        if start < num_at && lw[start] == "than" && start > 0 && lw[start - 1] == "more" {
            start -= 1;
        }
        if start > 0 && lw[start - 1] == "at" && lw[start] == "least" {
            start -= 1;
        }
        let mut end = after;
        let mut head = Vec::new();
        let mut words = std::collections::HashMap::new();
        while end < ws.len() && end - after < 4 {
            let w = lw[end].as_str();
            let gap = &text[ws[end - 1].0.end..ws[end].0.start];
            if gap.contains([',', '.', ';', ':', '(', ')', '“', '”', '"'])
                || PHRASE_STOPS.contains(&w)
                || number_value(w).is_some()
            {
                break;
            }
            if !is_stop(w) {
                let st = stem(w);
                words.entry(st.clone()).or_insert_with(|| w.to_string());
                head.push(st);
            }
            end += 1;
        }
        let phrase_end = if end > after {
            ws[end - 1].0.end
        } else {
            ws[after - 1].0.end
        };
        let mut context = Vec::new();
        let lo = num_at.saturating_sub(WINDOW);
        let hi = (end + WINDOW).min(ws.len());
        for (j, w) in lw.iter().enumerate().take(hi).skip(lo) {
            if (j < num_at || j >= end)
                && !is_stop(w)
                && number_value(w).is_none()
                && w.chars().count() > 2
            {
                let st = stem(w);
                words.entry(st.clone()).or_insert_with(|| w.clone());
                context.push(st);
            }
        }
        out.push(Mention {
            value,
            phrase: ws[start].0.start..phrase_end,
            head,
            context,
            words,
        });
        k = end.max(after);
    }
    out
}

fn overlap(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.contains(x)).count()
}

/// Pairs of mentions that count the same thing with different values. Each mention is used at
/// most once; a value that the other side also states is not a conflict.
pub fn conflicts(left: &[Mention], right: &[Mention]) -> Vec<(usize, usize, String)> {
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for (i, l) in left.iter().enumerate() {
        if right.iter().any(|r| close(r.value, l.value)) {
            continue;
        }
        for (j, r) in right.iter().enumerate() {
            if left.iter().any(|x| close(x.value, r.value)) {
                continue;
            }
            let heads = overlap(&l.head, &r.head);
            let ctx = overlap(&l.context, &r.context)
                + overlap(&l.head, &r.context)
                + overlap(&r.head, &l.context);
            // same counted noun, or the same event verb close to both numbers
            let ratio = l.value.max(r.value) / l.value.min(r.value).max(1e-9);
            if heads > 0 || ctx >= 2 || (ctx >= 1 && ratio <= 3.0) {
                cands.push((heads * 3 + ctx, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_l = vec![false; left.len()];
    let mut used_r = vec![false; right.len()];
    let mut out = Vec::new();
    for (_, i, j) in cands {
        if used_l[i] || used_r[j] {
            continue;
        }
        used_l[i] = true;
        used_r[j] = true;
        let what = describe(&left[i], &right[j]);
        out.push((i, j, what));
    }
    out.sort();
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A short name for what the two figures count: shared head noun, plus a shared context verb.
fn describe(l: &Mention, r: &Mention) -> String {
    let mut parts: Vec<String> = l
        .head
        .iter()
        .filter(|h| r.head.contains(h))
        .cloned()
        .collect();
    if let Some(c) = l
        .context
        .iter()
        .find(|c| r.context.contains(c) && !parts.contains(c))
    {
        parts.push(c.clone());
    }
    if parts.is_empty() {
        parts = l.head.iter().take(2).cloned().collect();
    }
    parts.truncate(3);
    // say it in the words of the text, not as stems
    parts
        .iter()
        .map(|p| {
            l.words
                .get(p)
                .or_else(|| r.words.get(p))
                .cloned()
                .unwrap_or_else(|| p.clone())
        })
        .collect::<Vec<_>>()
        .join(" ")
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
}

/// The conflicting figures of two linked paragraphs, with char spans in each article's text.
pub(super) fn discrepancies_between(
    la: &Article,
    i: usize,
    ml: &[Mention],
    rb: &Article,
    j: usize,
    mr: &[Mention],
) -> Vec<Discrepancy> {
    let (pl, pr) = (&la.paragraphs[i], &rb.paragraphs[j]);
    let (tl, tr) = (la.para_text(i), rb.para_text(j));
    conflicts(ml, mr)
        .into_iter()
        .map(|(x, y, what)| {
            let (bl, br) = (ml[x].phrase.clone(), mr[y].phrase.clone());
            let cs = |text: &str, base: usize, r: &Range<usize>| {
                let s = base + text[..r.start].chars().count();
                s..s + text[r.clone()].chars().count()
            };
            Discrepancy {
                left: i,
                right: j,
                what,
                left_text: tl[bl.clone()].to_string(),
                right_text: tr[br.clone()].to_string(),
                left_span: cs(tl, pl.chars.start, &bl),
                right_span: cs(tr, pr.chars.start, &br),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str) -> Vec<&str> {
        mentions(text)
            .into_iter()
            .map(|m| &text[m.phrase])
            .collect()
    }

    #[test]
    fn finds_counts_not_dates() {
        assert_eq!(
            phrase("At least 40 people were killed on February 21 in 2031."),
            ["At least 40 people"]
        );
        assert_eq!(
            phrase("Thirty people died in the town."),
            ["Thirty people died"]
        );
        assert_eq!(
            phrase("Turkey stated that 33 of its military officers had been killed."),
            ["33 of its military officers"]
        );
        assert_eq!(
            phrase("a notice of 48 hours and 70 percent of reeds"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn conflicting_figures() {
        let l = mentions("At least 40 people were killed when the gates opened.");
        let r = mentions("Thirty people died in the town, according to the ministry.");
        let c = conflicts(&l, &r);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].2, "people");
        let l = mentions(
            "deadly clashes this week that saw government shelling kill 35 Turkish troops.",
        );
        let r = mentions(
            "Turkey stated that 33 of its military officers had been killed in an attack.",
        );
        assert_eq!(conflicts(&l, &r).len(), 1);
        // the same figure on both sides is no conflict
        let l = mentions("12,000 residents were evacuated and 3,000 remain in schools.");
        let r = mentions("Some 12,000 residents were evacuated from the valley.");
        assert!(conflicts(&l, &r).is_empty());
    }
}
