//! The value of a figure as written: digits or number words, multipliers, ranges, vague
//! amounts, fractions, bounds and qualifiers, and the unit after or before it (percent,
//! currency, age). Digits that name or date things are refused here.

use super::extract::{gap, is_cap, Tok};
use super::measures::{self, measure};
use super::words::*;
use super::{Qualifier, Quantity, Unit};
use crate::align::tokenize::number_value;
use std::ops::Range;

/// A value found at a token: where it starts (qualifiers included) and ends (after the unit).
pub(super) struct Val {
    pub(super) quantity: Quantity,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Where the counted noun phrase may start.
    pub(super) noun: usize,
    /// "of its"/"of their" between the value and the noun.
    pub(super) possessive: bool,
}

/// The whitespace-delimited chunk of text a token sits in.
fn chunk<'a>(s: &'a str, at: &Range<usize>) -> &'a str {
    let start = s[..at.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let end = s[at.end..]
        .find(char::is_whitespace)
        .map_or(s.len(), |i| at.end + i);
    &s[start..end]
}

/// Digits in a link, a path, a file name, an id or a handle.
fn in_identifier(ch: &str) -> bool {
    if ch.contains([
        '/', '\\', '_', '=', '@', '#', '|', '<', '>', '[', ']', '{', '}',
    ]) {
        return true;
    }
    let t = ch.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '”', '’']);
    // "img.jpg", "www.site.com", "v2.1.3": a dot followed by a letter, or two dots
    let b = t.as_bytes();
    b.windows(2)
        .any(|w| w[0] == b'.' && w[1].is_ascii_alphabetic())
        || t.matches('.').count() > 1
        || t.contains(':')
}

/// The digits and a suffix glued to them: "3bn" → (3, "bn"), "62-year-old" → (62, "-year-old").
pub(super) fn split_glued(raw: &str) -> Option<(f64, &str)> {
    let end = raw
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map(|(i, _)| i)?;
    if end == 0 {
        return None;
    }
    let v = number_value(&raw[..end])?;
    Some((v, &raw[end..]))
}

pub(super) fn value_at(s: &str, toks: &[Tok], k: usize) -> Option<Val> {
    let t = &toks[k];
    let low = t.low.as_ref();
    let first_digit = t.raw.starts_with(|c: char| c.is_ascii_digit());
    let mut unit = Unit::Count;
    let mut end = k + 1;
    let (mut lo, mut hi, mut step);
    let mut qualifier = Qualifier::Exact;
    // the value starts at an "a" before it ("a hundred")
    let mut article = false;
    if first_digit {
        let ch = chunk(s, &t.at);
        if in_identifier(ch) {
            return None;
        }
        let before = s[..t.at.start].chars().next_back();
        if before == Some('+')
            || s[..t.at.start].ends_with(['-', '–']) && k > 0 && gap(s, toks, k - 1, k).is_empty()
        {
            return None;
        }
        if let Some(v) = number_value(t.raw) {
            let digits = t.raw.chars().filter(char::is_ascii_digit).count();
            // an id, a phone number, a number split in groups: not a figure
            if (!t.raw.contains([',', '.']) && digits >= 7)
                || toks.get(k + 1).is_some_and(|n| {
                    n.raw.starts_with(|c: char| c.is_ascii_digit())
                        && gap(s, toks, k, k + 1).trim().is_empty()
                })
                || (k > 0
                    && toks[k - 1].raw.starts_with(|c: char| c.is_ascii_digit())
                    && gap(s, toks, k - 1, k).trim().is_empty())
            {
                return None;
            }
            lo = v;
            hi = v;
            step = written_step(t.raw);
        } else if let Some((v, suffix)) = split_glued(t.raw) {
            let suffix = suffix.to_ascii_lowercase();
            let number = &t.raw[..t.raw.len() - suffix.len()];
            // "60km", "600m" down a gully, "a 6.1-magnitude quake", "a 10-metre boat"
            if let Some((kind, size)) = measures::glued(s, toks, k, &suffix) {
                lo = v * size;
                hi = lo;
                step = written_step(number).max(measures::rounding(number)) * size;
                unit = Unit::Measure(kind);
            // "3bn", and "$137-million" as some papers hyphenate it
            } else if let Some(m) = multiplier(suffix.strip_prefix('-').unwrap_or(&suffix)) {
                lo = v * m;
                hi = lo;
                step = written_step(&t.raw[..t.raw.len() - suffix.len()]) * m;
            } else if matches!(
                suffix.as_str(),
                "-year-old" | "-years-old" | "-yr-old" | "-year" | "-years"
            ) && (suffix.ends_with("old")
                || toks.get(k + 1).is_some_and(|n| n.low == "old"))
            {
                lo = v;
                hi = v;
                step = 1.0;
                unit = Unit::Age;
                if toks.get(k + 1).is_some_and(|n| n.low == "old") {
                    end += 1;
                }
            } else {
                // "1st", "24-hour", "Covid-19" and the like
                return None;
            }
        } else {
            return None;
        }
    } else if let Some(v) = word_age(low) {
        // "Sixty-year-old", "twenty-year-old"
        lo = v;
        hi = v;
        step = 1.0;
        unit = Unit::Age;
    } else if let Some(v) = number_value(t.raw) {
        // "one" is mostly a pronoun ("one of the", "no one"), but "one minute" is a duration
        if v == 1.0 && toks.get(k + 1).is_none_or(|n| measure(&n.low).is_none()) {
            return None;
        }
        lo = v;
        hi = v;
        step = 1.0;
        if low == "dozen" && k > 0 && toks[k - 1].low == "a" {
            qualifier = Qualifier::About;
        }
    } else if let Some(m) =
        multiplier(low).filter(|_| low.len() > 2 && k > 0 && toks[k - 1].low == "a" && !first_digit)
    {
        // "a hundred", "a thousand": the article is the number one
        lo = m;
        hi = m;
        step = written_step(&format!("{m:.0}"));
        article = true;
    } else if let Some((a, b)) = vague(low) {
        lo = a;
        hi = b;
        step = 1.0;
        qualifier = Qualifier::Vague;
        // "tens of thousands", "hundreds of thousands"
        if toks.get(k + 1).is_some_and(|n| n.low == "of") {
            if let Some(m) = toks.get(k + 2).and_then(|n| vague(&n.low)).filter(|_| true) {
                lo *= m.0 / 2.0;
                hi = (hi + 1.0) * m.0 / 2.0 - 1.0;
                end = k + 3;
            }
        }
    } else if low == "tens" && toks.get(k + 1).is_some_and(|n| n.low == "of") {
        let (a, _) = toks.get(k + 2).and_then(|n| vague(&n.low))?;
        lo = a * 5.0;
        hi = a * 50.0 - 1.0;
        step = 1.0;
        qualifier = Qualifier::Vague;
        end = k + 3;
    } else if let Some((a, b)) = fraction(low).or_else(|| {
        // "a third", "a quarter" (plural "thirds" only with a number word, handled above)
        (k > 0 && toks[k - 1].low == "a")
            .then(|| fraction(low))
            .flatten()
    }) {
        if low != "half" && !low.contains('-') && !(k > 0 && toks[k - 1].low == "a") {
            return None;
        }
        if toks.get(k + 1).is_none_or(|n| n.low != "of") {
            return None;
        }
        lo = a;
        hi = b;
        step = 1.0;
        unit = Unit::Percent;
        qualifier = Qualifier::Vague;
    } else {
        return None;
    }
    // multipliers: "12 million", "two hundred thousand"
    while let Some(m) = toks.get(end).and_then(|n| multiplier(&n.low)) {
        if toks[end].low.len() == 1 && !gap(s, toks, end - 1, end).is_empty() {
            break;
        }
        if qualifier == Qualifier::Vague && unit == Unit::Count {
            break;
        }
        lo *= m;
        hi *= m;
        step *= m;
        end += 1;
    }
    // range: "10 to 15", "between 10 and 15", "10-15"
    let mut start = if article { k - 1 } else { k };
    if unit == Unit::Count && qualifier == Qualifier::Exact && !article {
        let joiner = toks.get(end).map(|n| n.low.as_ref());
        let between = k > 0 && toks[k - 1].low == "between";
        if (joiner == Some("to") || (between && joiner == Some("and")))
            && toks.get(end + 1).is_some_and(|n| {
                n.raw.starts_with(|c: char| c.is_ascii_digit()) || number_value(n.raw).is_some()
            })
        {
            if let Some(v2) = toks.get(end + 1).and_then(|n| number_value(n.raw)) {
                let mut v2 = v2;
                let mut e = end + 2;
                while let Some(m) = toks.get(e).and_then(|n| multiplier(&n.low)) {
                    v2 *= m;
                    e += 1;
                }
                if lo < 10.0 && v2 > 1000.0 {
                    // "5 to 10,000": the first one is scaled like the second
                } else if v2 > lo {
                    hi = v2;
                    qualifier = Qualifier::Range;
                    end = e;
                    if between {
                        start = k - 1;
                    }
                }
            }
        }
    }
    // what follows: a percent sign or word, a currency word, "years old", another unit
    let tail = &s[toks[end - 1].at.end..];
    if tail.starts_with('%') {
        unit = Unit::Percent;
    } else if let Some(n) = toks.get(end) {
        let nl = n.low.as_ref();
        if nl == "percent"
            || nl == "pct"
            || (nl == "per" && toks.get(end + 1).is_some_and(|m| m.low == "cent"))
        {
            unit = Unit::Percent;
            end += if nl == "per" { 2 } else { 1 };
        } else if let Some((_, code)) = CURRENCY_WORDS.iter().find(|(w, _)| *w == nl) {
            if !(nl == "pounds" && unit != Unit::Count) {
                unit = Unit::Money(code);
                end += 1;
            }
        } else if (nl == "years" || nl == "year")
            && toks.get(end + 1).is_some_and(|m| m.low == "old")
        {
            unit = Unit::Age;
            end += 2;
        } else if let Some((kind, size)) = measure(nl).filter(|_| unit == Unit::Count) {
            lo *= size;
            hi *= size;
            step = step.max(measures::rounding(t.raw)) * size;
            unit = Unit::Measure(measures::kind_after(kind, toks, end + 1)?);
            end += 1;
        } else if unit == Unit::Count && OTHER_UNITS.contains(&nl) {
            return None;
        }
    }
    // before: a currency sign or code, "aged", a month, a name
    let head_text = &s[..toks[start].at.start];
    let sym = head_text
        .trim_end_matches([' ', '\u{a0}'])
        .chars()
        .next_back();
    if let Some(code) = sym.and_then(currency_symbol) {
        if head_text.ends_with(|c: char| currency_symbol(c).is_some())
            || head_text.trim_end().len() + 1 >= head_text.len()
        {
            unit = Unit::Money(code);
        }
    }
    if start > 0 {
        let p = &toks[start - 1];
        let pl = p.low.as_ref();
        if unit == Unit::Count {
            if let Some((_, code)) = CURRENCY_WORDS
                .iter()
                .find(|(w, _)| *w == pl && w.len() == 3)
            {
                unit = Unit::Money(code);
            } else if pl == "us" && sym == Some('$') {
                unit = Unit::Money("USD");
            }
        }
        // "magnitude 6.1", "a magnitude of 5.9", "put the magnitude at 6.1"
        let named = toks[start.saturating_sub(3)..start]
            .iter()
            .any(|t| t.low == "magnitude");
        if named && unit == Unit::Count {
            unit = Unit::Measure("magnitude");
        }
        if (pl == "aged" || pl == "age") && unit == Unit::Count {
            unit = Unit::Age;
            start -= 1;
        }
        if is_month(pl) || NAME_WORDS.contains(&pl) {
            return None;
        }
        let first_word = start == 1;
        if first_digit
            && unit == Unit::Count
            && is_cap(p.raw)
            && !first_word
            && !QUALIFIERS.iter().any(|(q, _)| q.len() == 1 && q[0] == pl)
            // a headline capitalises its verbs: "Quake Kills 10"
            && p.pred().is_none()
            && gap(s, toks, start - 1, start).trim().is_empty()
        {
            // "Article 5", "Apollo 11", "Windows 10": a number that is part of a name
            return None;
        }
    }
    if toks
        .get(end)
        .is_some_and(|n| is_month(n.low.as_ref()) && is_cap(n.raw))
    {
        return None;
    }
    // "registering 6.1 on the Richter scale"
    if unit == Unit::Count
        && toks[end..(end + 3).min(toks.len())]
            .iter()
            .any(|t| t.low == "richter")
    {
        unit = Unit::Measure("magnitude");
    }
    // time of day: "10:30", "at eleven"
    if !first_digit && start > 0 && toks[start - 1].low == "at" && unit == Unit::Count {
        return None;
    }
    // time of day: "10:30", "10.30 am"
    if first_digit && (s[t.at.end..].starts_with(':') || s[..t.at.start].ends_with(':')) {
        return None;
    }
    // a year
    if first_digit
        && unit == Unit::Count
        && qualifier == Qualifier::Exact
        && (1800.0..=2100.0).contains(&lo)
        && lo.fract() == 0.0
        && !t.raw.contains(',')
        && end == k + 1
    {
        return None;
    }
    // "Smith, 62, was": an age in apposition to a name
    if unit == Unit::Count
        && qualifier == Qualifier::Exact
        && first_digit
        && (1.0..=110.0).contains(&lo)
        && start > 0
        && is_cap(toks[start - 1].raw)
        && gap(s, toks, start - 1, start).trim() == ","
        && toks
            .get(end)
            .is_none_or(|_| gap(s, toks, end - 1, end).trim_start().starts_with(','))
    {
        unit = Unit::Age;
    }
    // "a hundred people" is a count; "a hundred billion dollars" a manner of speaking
    if article && unit != Unit::Count {
        return None;
    }
    if unit == Unit::Count && lo == 1.0 && hi == 1.0 {
        return None;
    }
    // qualifiers before the value
    if qualifier == Qualifier::Exact || (qualifier == Qualifier::About && toks[k].low == "dozen") {
        if qualifier == Qualifier::About {
            start = k - 1;
        }
        let mut st = start;
        // a currency sign between qualifier and number is part of the value
        for (words_q, q) in QUALIFIERS {
            let n = words_q.len();
            if st >= n && (0..n).all(|i| toks[st - n + i].low == words_q[i]) {
                qualifier = *q;
                st -= n;
                break;
            }
        }
        start = st;
    }
    // "60 metres (200 feet)": one figure given twice
    if let Unit::Measure(kind) = unit {
        if measures::restated(s, toks, start, kind) {
            return None;
        }
    }
    if toks.get(end).is_some_and(|n| n.low == "or")
        && toks.get(end + 1).is_some_and(|n| n.low == "more")
    {
        qualifier = Qualifier::AtLeast;
        end += 2;
    }
    let mut noun = end;
    let mut possessive = false;
    // "$108 million worth of jewels" counts the jewels
    if matches!(unit, Unit::Money(_))
        && toks.get(noun).is_some_and(|n| n.low == "worth")
        && toks.get(noun + 1).is_some_and(|n| n.low == "of")
    {
        noun += 1;
    }
    if toks.get(noun).is_some_and(|n| n.low == "of")
        && gap(s, toks, noun - 1, noun).trim().is_empty()
    {
        noun += 1;
        if let Some(n) = toks.get(noun) {
            if matches!(n.low.as_ref(), "its" | "their" | "his" | "her" | "our") {
                possessive = true;
                noun += 1;
            } else if matches!(n.low.as_ref(), "the" | "them" | "those" | "these" | "whom") {
                noun += 1;
            }
        }
    }
    Some(Val {
        quantity: Quantity {
            low: lo.min(hi),
            high: hi.max(lo),
            qualifier,
            unit,
            step,
        },
        start,
        end,
        noun,
        possessive,
    })
}

/// The rounding unit a number is written to: "12,000" → 1000, "2.49" → 0.01, "35" → 1.
pub(super) fn written_step(raw: &str) -> f64 {
    let t = raw.trim_end_matches('%');
    if let Some((_, dec)) = t.split_once('.') {
        return 10f64.powi(-(dec.len() as i32));
    }
    let digits: Vec<char> = t.chars().filter(char::is_ascii_digit).collect();
    let zeros = digits.iter().rev().take_while(|c| **c == '0').count();
    // only round thousands and more read as rounded: "40" is forty, "12,000" is about
    if zeros >= 3 && zeros < digits.len() {
        10f64.powi(zeros as i32)
    } else {
        1.0
    }
}

/// An age written in words and glued to "-year-old": "sixty-year-old" → 60.
fn word_age(low: &str) -> Option<f64> {
    let number = low
        .strip_suffix("-year-old")
        .or_else(|| low.strip_suffix("-years-old"))?;
    number_value(number).filter(|v| (1.0..=110.0).contains(v))
}
