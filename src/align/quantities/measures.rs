//! Measures: distances, durations and earthquake magnitudes. The unit words, their conversion
//! to one unit per kind (metres, seconds), the glued forms ("600m", "60km", "a 10-metre
//! boat"), and when two measures of two articles are of the same thing. Data and small
//! decisions only; the value is read in `value`, the pair scored in `matching`.

use super::extract::{gap, Tok};
use super::words::{currency_symbol, CURRENCY_WORDS};
use super::{Frame, Unit};
use crate::align::tokenize::stem;

/// Distances in metres.
pub(super) const DISTANCE: &str = "distance";
/// Durations in seconds, written in seconds, minutes or hours.
pub(super) const DURATION: &str = "duration";
/// Durations in seconds, written in days or weeks: a span of the calendar ("over four days")
/// is not the time something took ("40 hours"), so the two are not compared.
pub(super) const DAYS: &str = "span of days";
/// How long ago something happened, in seconds ("12 weeks ago"): a date, not a duration.
pub(super) const AGO: &str = "time ago";
/// Earthquake magnitudes, on their own scale.
pub(super) const MAGNITUDE: &str = "magnitude";

/// Unit words of measures compared between articles, as (word, kind, size in the kind's
/// unit). Years and months are left out: they date things more often than they measure them;
/// so are "day" and "week" in the singular ("one day, he …").
const MEASURES: &[(&str, &str, f64)] = &[
    ("km", DISTANCE, 1000.0),
    ("kms", DISTANCE, 1000.0),
    ("kilometres", DISTANCE, 1000.0),
    ("kilometers", DISTANCE, 1000.0),
    ("kilometre", DISTANCE, 1000.0),
    ("kilometer", DISTANCE, 1000.0),
    ("mile", DISTANCE, 1609.344),
    ("miles", DISTANCE, 1609.344),
    ("metre", DISTANCE, 1.0),
    ("metres", DISTANCE, 1.0),
    ("meter", DISTANCE, 1.0),
    ("meters", DISTANCE, 1.0),
    ("feet", DISTANCE, 0.3048),
    ("foot", DISTANCE, 0.3048),
    ("ft", DISTANCE, 0.3048),
    ("magnitude", MAGNITUDE, 1.0),
    ("second", DURATION, 1.0),
    ("seconds", DURATION, 1.0),
    ("minute", DURATION, 60.0),
    ("minutes", DURATION, 60.0),
    ("hour", DURATION, 3600.0),
    ("hours", DURATION, 3600.0),
    ("days", DAYS, 86_400.0),
    ("weeks", DAYS, 604_800.0),
];

/// The kind of measure a unit word names and its size: "feet" → ("distance", 0.3048).
pub(super) fn measure(w: &str) -> Option<(&'static str, f64)> {
    MEASURES
        .iter()
        .find(|(m, _, _)| *m == w)
        .map(|(_, kind, size)| (*kind, *size))
}

/// A unit glued to its number: "60km", "200ft", "600m" (metres, when no currency makes it
/// millions), and hyphenated before a noun: "a 10-metre boat", "a 6.1-magnitude quake". A
/// hyphenated duration ("a 24-hour strike") names the thing and is not read.
pub(super) fn glued(s: &str, toks: &[Tok], k: usize, suffix: &str) -> Option<(&'static str, f64)> {
    if let Some(word) = suffix.strip_prefix('-') {
        return measure(word).filter(|(kind, _)| !matches!(*kind, DURATION | DAYS));
    }
    match suffix {
        "km" | "kms" | "ft" => measure(suffix),
        "m" if metres_here(s, toks, k) => Some((DISTANCE, 1.0)),
        _ => None,
    }
}

/// Does "600m" at token `k` mean metres? Not beside a currency ("£5m", "5m euros"); only when
/// the next word is one a distance is followed by ("fell 600m down", "60m from the ridge",
/// "200m high"): after a noun ("5m people") it is millions.
fn metres_here(s: &str, toks: &[Tok], k: usize) -> bool {
    const AFTER_DISTANCE: &[&str] = &[
        "down", "up", "high", "tall", "long", "deep", "wide", "away", "below", "above", "from",
        "off", "into", "onto", "while", "before", "after", "across", "along", "through", "towards",
        "toward", "to",
    ];
    let before = s[..toks[k].at.start].trim_end().chars().next_back();
    if before.and_then(currency_symbol).is_some() {
        return false;
    }
    let currency =
        |t: Option<&Tok>| t.is_some_and(|t| CURRENCY_WORDS.iter().any(|(w, _)| *w == t.low));
    if currency(k.checked_sub(1).map(|p| &toks[p])) || currency(toks.get(k + 1)) {
        return false;
    }
    toks.get(k + 1).is_some_and(|n| {
        AFTER_DISTANCE.contains(&n.low.as_ref()) && gap(s, toks, k, k + 1).trim().is_empty()
    })
}

/// The kind of measure a token names, as a word or glued to a number ("metres", "600m").
fn kind_of(t: &Tok) -> Option<&'static str> {
    if let Some((kind, _)) = measure(&t.low) {
        return Some(kind);
    }
    let suffix = t
        .low
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    if suffix.len() == t.low.len() {
        return None;
    }
    match suffix {
        "m" => Some(DISTANCE),
        other => measure(other.strip_prefix('-').unwrap_or(other)).map(|(kind, _)| kind),
    }
}

/// How far a measure is rounded beyond how it is written, in its own unit (0 when it is not):
/// a count is counted, but a distance or a time is measured and rounded, so a whole number of
/// 50 or more that ends in zero is read to the nearest ten ("60km" is 55 to 65 km, and may be
/// "35 miles" converted); under 50 that would be too loose ("a 10-metre boat" is not 30 feet).
/// Larger rounding ("2,000 feet") is `value::written_step`'s.
pub(super) fn rounding(raw: &str) -> f64 {
    let digits: String = raw.chars().filter(|c| *c != ',').collect();
    let whole = digits.bytes().all(|b| b.is_ascii_digit());
    let big = digits.parse::<u64>().is_ok_and(|v| v >= 50);
    if whole && big && digits.ends_with('0') {
        10.0
    } else {
        0.0
    }
}

/// A measure in parentheses right after a measure of the same kind is the same figure in
/// another unit: "60 metres (200 feet)", "1,150 kilometers (700 miles)". `start` is the
/// value's first token.
pub(super) fn restated(s: &str, toks: &[Tok], start: usize, kind: &str) -> bool {
    start > 0
        && gap(s, toks, start - 1, start).trim() == "("
        && kind_of(&toks[start - 1]) == Some(kind)
}

/// The kind of a measure as the words after its unit make it (`end` is the token after the
/// unit): a duration followed by "ago" is a date ("12 weeks ago"); a speed ("60 miles an
/// hour", "per hour") is no measure compared.
pub(super) fn kind_after(kind: &'static str, toks: &[Tok], end: usize) -> Option<&'static str> {
    let word = |i: usize| toks.get(i).map(|t| t.low.as_ref());
    match word(end) {
        Some("ago") if matches!(kind, DURATION | DAYS) => Some(AGO),
        Some("per") => None,
        Some("an" | "a") if matches!(word(end + 1), Some("hour" | "minute" | "second")) => None,
        _ => Some(kind),
    }
}

/// Words of a measure itself besides its unit: directions and scales.
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northern",
    "southern",
    "eastern",
    "western",
    "away",
    "magnitude",
    "scale",
    "richter",
];

/// A word of a measure itself (a unit or a direction): sharing it says nothing of whether
/// two measures are of the same thing ("15 miles north" and "50 miles north").
fn measure_word(w: &str) -> bool {
    DIRECTIONS.contains(&w) || measure(w).is_some()
}

/// Context words two measures share, their own units and directions left out.
fn shared_context(l: &Frame, r: &Frame, ctx: usize) -> usize {
    let mut own: Vec<String> = MEASURES
        .iter()
        .map(|(w, _, _)| *w)
        .chain(DIRECTIONS.iter().copied())
        .map(stem)
        .collect();
    own.sort();
    own.dedup();
    let both = own
        .iter()
        .filter(|w| l.context.contains(w) && r.context.contains(w))
        .count();
    ctx.saturating_sub(both)
}

/// Two measures of one kind taken to be of the same thing: a score to add and the reason.
/// A measure seldom names what it measures, so the sentences must share their context: less
/// of it when the same thing is named or the same happened on both sides, least for a
/// magnitude (a story has one quake). What the text names ("a 10-metre dhow") must agree;
/// a noun borrowed from elsewhere in the sentence is only a guess and is not compared. A story
/// is full of times ("two weeks after the flood", "two days before opening the gates"), so two
/// times must also say what took that long (the same thing named or the same predicate), or
/// be the same figure repeated ("48 hours' notice", "at least 48 hours before"), which
/// joins them in one row and can never make a conflict.
pub(super) fn same_measure(l: &Frame, r: &Frame, ctx: usize) -> Option<(f32, String)> {
    let Unit::Measure(kind) = l.quantity.unit else {
        return None;
    };
    let pred = match (&l.predicate, &r.predicate) {
        (Some(p), Some(q)) if p.0 == q.0 => Some(p.0),
        (Some(_), Some(_)) => return None,
        _ => None,
    };
    // two reports of one quake differ by tenths; a magnitude a whole point apart is another
    // quake (a foreshock, an aftershock)
    if kind == MAGNITUDE && (l.quantity.low - r.quantity.low).abs() > 1.0 {
        return None;
    }
    let ctx = shared_context(l, r, ctx);
    fn named(f: &Frame) -> Option<&str> {
        (!f.implicit && !f.head.is_empty() && !measure_word(&f.head)).then_some(f.head.as_str())
    }
    let mut why = Vec::new();
    let mut score = 3.0;
    let mut need: usize = if kind == MAGNITUDE { 1 } else { 3 };
    match (named(l), named(r)) {
        (Some(a), Some(_)) if super::matching::heads(l, r).is_some() => {
            why.push(format!("both of '{a}'"));
            score += 1.0;
            need = need.saturating_sub(1);
        }
        (Some(_), Some(_)) => return None,
        // what one side names is in the other's sentence ("30 hours of deliberation" and
        // "deliberated for 40 hours")
        (Some(a), None) | (None, Some(a)) => {
            let other = if named(l).is_some() { r } else { l };
            if other.context.contains(&stem(a)) {
                why.push(format!("'{a}' on both sides"));
                score += 0.5;
                need = need.saturating_sub(1);
            }
        }
        (None, None) => {}
    }
    // a distance from the same place ("south of Tehran")
    if let Some(p) = l
        .places
        .iter()
        .find(|p| kind == DISTANCE && r.places.contains(p))
    {
        why.push(format!("both at {}", super::title_case(p)));
        need = need.saturating_sub(1);
    }
    if let Some(p) = pred {
        why.push(format!("same predicate '{p}'"));
        score += 0.5;
        need = need.saturating_sub(1);
    }
    let time = matches!(kind, DURATION | DAYS | AGO);
    let repeated = l.quantity.low == r.quantity.low;
    if ctx < need.max(1) || time && why.is_empty() && !repeated {
        return None;
    }
    why.push(format!("{ctx} words of context shared"));
    Some((score, format!("{kind}: {}", why.join(", "))))
}
