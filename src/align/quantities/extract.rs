//! Quantity frames of one sentence: the value as written (bounds, ranges, vague amounts,
//! percentages, ages, money), what it counts, the predicate, and whose or where it is.
//! Digits that name or date things (URLs, ids, years, dates, times, "Covid-19", "Article 5")
//! are not quantities.

use super::{lemma, predicate_class, Frame, Qualifier, Quantity, Unit};
use crate::align::tokenize::{fold, is_stop, number_value, stem, words};
use std::ops::Range;

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

/// Units that make a number a duration, a distance, a weight or a clock time: not figures
/// this stage compares.
const OTHER_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "o'clock",
    "am",
    "pm",
    "gmt",
    "utc",
    "km",
    "kms",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "mile",
    "miles",
    "metre",
    "metres",
    "meter",
    "meters",
    "m2",
    "feet",
    "foot",
    "ft",
    "inch",
    "inches",
    "cm",
    "mm",
    "kg",
    "kilograms",
    "kilos",
    "tonnes",
    "tons",
    "tonne",
    "ton",
    "pounds",
    "lbs",
    "degrees",
    "mph",
    "kmh",
    "knots",
    "acres",
    "hectares",
    "square",
    "litres",
    "liters",
    "gallons",
    "barrels",
    "times",
    "mw",
    "gw",
    "kw",
    "nautical",
    "points",
    "goals",
    "runs",
    "st",
    "nd",
    "rd",
    "th",
];

/// Lowercase words before a number that make it a name or an index ("article 5").
const NAME_WORDS: &[&str] = &[
    "article",
    "chapter",
    "section",
    "no",
    "number",
    "flight",
    "route",
    "room",
    "page",
    "version",
    "phase",
    "level",
    "grade",
    "category",
    "resolution",
    "paragraph",
    "clause",
    "platform",
    "gate",
    "line",
    "channel",
    "covid",
    "size",
    "model",
    "class",
    "type",
    "team",
    "vol",
    "p",
    "pp",
    "figure",
    "table",
    "step",
    "season",
    "episode",
    "game",
    "round",
    "stage",
    "term",
    "week",
];

const PHRASE_STOPS: &[&str] = &[
    "were",
    "was",
    "had",
    "have",
    "has",
    "are",
    "is",
    "be",
    "been",
    "in",
    "on",
    "at",
    "and",
    "who",
    "which",
    "that",
    "when",
    "while",
    "after",
    "before",
    "since",
    "by",
    "from",
    "to",
    "for",
    "with",
    "as",
    "but",
    "or",
    "during",
    "into",
    "where",
    "would",
    "will",
    "said",
    "than",
    "this",
    "these",
    "those",
    "across",
    "near",
    "per",
    "each",
    "including",
    "among",
    "against",
    "amid",
    "over",
    "under",
    "more",
    "less",
    "whom",
    "whose",
    "could",
    "can",
    "may",
    "might",
    "also",
    "had",
    "not",
    "did",
    "do",
    "does",
    "according",
    "about",
    "around",
    "so",
    "if",
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "its",
    "their",
    "his",
    "her",
    "our",
];

/// Words of time and manner that end a counted phrase ("50 targets overnight").
const ADVERBS: &[&str] = &[
    "overnight",
    "today",
    "yesterday",
    "tonight",
    "earlier",
    "later",
    "ago",
    "now",
    "last",
    "next",
    "early",
    "late",
    "already",
    "still",
    "instead",
    "too",
    "again",
    "alone",
    "apiece",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "there",
    "here",
    "then",
    "altogether",
    "total",
    "respectively",
    "daily",
    "so",
    "far",
    "since",
];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("usd", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("eur", "EUR"),
    ("pound", "GBP"),
    ("sterling", "GBP"),
    ("gbp", "GBP"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("yen", "JPY"),
    ("rupees", "INR"),
    ("rupee", "INR"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("lira", "TRY"),
    ("liras", "TRY"),
    ("francs", "CHF"),
];

fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        '₽' => "RUB",
        '₺' => "TRY",
        _ => return None,
    })
}

fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" | "k" => 1e3,
        "million" | "mln" | "m" | "mn" => 1e6,
        "billion" | "bln" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// Amounts written as words: (low, high) of what people mean by them.
fn vague(w: &str) -> Option<(f64, f64)> {
    Some(match w {
        "dozens" => (20.0, 99.0),
        "scores" => (40.0, 199.0),
        "hundreds" => (200.0, 999.0),
        "thousands" => (2e3, 9_999.0),
        "millions" => (2e6, 999e6),
        "billions" => (2e9, 999e9),
        _ => return None,
    })
}

/// Shares written as words ("half", "a third", "two-thirds"), as percent (low, high).
fn fraction(w: &str) -> Option<(f64, f64)> {
    Some(match w {
        "half" => (45.0, 55.0),
        "third" => (30.0, 36.0),
        "quarter" => (22.0, 28.0),
        "two-thirds" => (63.0, 70.0),
        "three-quarters" => (72.0, 78.0),
        _ => return None,
    })
}

/// Qualifier words before a value, longest first.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["at", "least"], Qualifier::AtLeast),
    (&["more", "than"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["just", "under"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["up", "to"], Qualifier::AtMost),
    (&["at", "most"], Qualifier::AtMost),
    (&["an", "estimated"], Qualifier::About),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["some"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["circa"], Qualifier::About),
];

/// Does this sentence hold anything that could be a quantity? Cheap, before any tokenising.
pub(crate) fn may_hold(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    // number words: look for their stems only
    const CUES: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "teen", "ty", "dozen", "hundred", "thousand", "million", "billion", "half", "third",
        "quarter", "scores", "aged",
    ];
    let lower = s.to_ascii_lowercase();
    CUES.iter().any(|c| lower.contains(c))
}

struct Tok<'a> {
    at: Range<usize>,
    raw: &'a str,
    low: String,
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
            low: fold(raw),
        })
        .collect();
    let ctx = context(&toks);
    let names = names(&toks);
    let mut out: Vec<Frame> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        match value_at(s, &toks, k) {
            Some(v) => {
                let next = v.end.max(k + 1);
                if let Some(f) = frame(s, &toks, v, &out, &ctx, &names) {
                    out.push(f);
                }
                k = next;
            }
            None => k += 1,
        }
    }
    out
}

/// A value found at a token: where it starts (qualifiers included) and ends (after the unit).
struct Val {
    quantity: Quantity,
    start: usize,
    end: usize,
    /// Where the counted noun phrase may start.
    noun: usize,
    /// "of its"/"of their" between the value and the noun.
    possessive: bool,
}

fn gap<'a>(s: &'a str, toks: &[Tok], a: usize, b: usize) -> &'a str {
    &s[toks[a].at.end..toks[b].at.start]
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

fn is_cap(raw: &str) -> bool {
    raw.chars().next().is_some_and(char::is_uppercase)
}

/// The digits and a suffix glued to them: "3bn" → (3, "bn"), "62-year-old" → (62, "-year-old").
fn split_glued(raw: &str) -> Option<(f64, &str)> {
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

fn value_at(s: &str, toks: &[Tok], k: usize) -> Option<Val> {
    let t = &toks[k];
    let low = t.low.as_str();
    let first_digit = t.raw.starts_with(|c: char| c.is_ascii_digit());
    let mut unit = Unit::Count;
    let mut end = k + 1;
    let (mut lo, mut hi, mut step);
    let mut qualifier = Qualifier::Exact;
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
            if let Some(m) = multiplier(&suffix) {
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
    } else if let Some(v) = number_value(t.raw) {
        // "one" is mostly a pronoun ("one of the", "no one")
        if v == 1.0 {
            return None;
        }
        lo = v;
        hi = v;
        step = 1.0;
        if low == "dozen" && k > 0 && toks[k - 1].low == "a" {
            qualifier = Qualifier::About;
        }
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
    let mut start = k;
    if unit == Unit::Count && qualifier == Qualifier::Exact {
        let joiner = toks.get(end).map(|n| n.low.as_str());
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
        let nl = n.low.as_str();
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
        let pl = p.low.as_str();
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
        if (pl == "aged" || pl == "age") && unit == Unit::Count {
            unit = Unit::Age;
            start -= 1;
        }
        if MONTHS.contains(&pl) || NAME_WORDS.contains(&pl) {
            return None;
        }
        let first_word = start == 1;
        if first_digit
            && unit == Unit::Count
            && is_cap(p.raw)
            && !first_word
            && !QUALIFIERS.iter().any(|(q, _)| q.len() == 1 && q[0] == pl)
            && gap(s, toks, start - 1, start).trim().is_empty()
        {
            // "Article 5", "Apollo 11", "Windows 10": a number that is part of a name
            return None;
        }
    }
    if toks
        .get(end)
        .is_some_and(|n| MONTHS.contains(&n.low.as_str()) && is_cap(n.raw))
    {
        return None;
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
    if toks.get(end).is_some_and(|n| n.low == "or")
        && toks.get(end + 1).is_some_and(|n| n.low == "more")
    {
        qualifier = Qualifier::AtLeast;
        end += 2;
    }
    let mut noun = end;
    let mut possessive = false;
    if toks.get(noun).is_some_and(|n| n.low == "of")
        && gap(s, toks, noun - 1, noun).trim().is_empty()
    {
        noun += 1;
        if let Some(n) = toks.get(noun) {
            if matches!(n.low.as_str(), "its" | "their" | "his" | "her" | "our") {
                possessive = true;
                noun += 1;
            } else if matches!(n.low.as_str(), "the" | "them" | "those" | "these" | "whom") {
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
fn written_step(raw: &str) -> f64 {
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

/// Stems of the content words of a sentence, sorted and unique.
fn context(toks: &[Tok]) -> Vec<String> {
    let mut out: Vec<String> = toks
        .iter()
        .filter(|t| t.low.len() > 2 && !is_stop(&t.low) && number_value(t.raw).is_none())
        .map(|t| stem(&t.low))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Capitalised words that are not the sentence's first word, folded.
fn names(toks: &[Tok]) -> Vec<String> {
    let mut out: Vec<String> = toks
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            is_cap(t.raw) && (*i > 0 || !is_stop(&t.low)) && !MONTHS.contains(&t.low.as_str())
        })
        .map(|(_, t)| t.low.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn frame(
    s: &str,
    toks: &[Tok],
    v: Val,
    earlier: &[Frame],
    ctx: &[String],
    names: &[String],
) -> Option<Frame> {
    // the counted noun phrase: up to four words, to a verb, a preposition or punctuation
    let mut e = v.noun;
    while e < toks.len() && e - v.noun < 4 {
        let w = toks[e].low.as_str();
        if e > v.noun
            && !gap(s, toks, e - 1, e).trim().is_empty()
            && gap(s, toks, e - 1, e).trim() != "-"
        {
            break;
        }
        if e == v.noun
            && e > 0
            && gap(s, toks, e - 1, e).contains([',', '.', ';', ':', '(', ')', '"', '“', '”'])
        {
            break;
        }
        if PHRASE_STOPS.contains(&w)
            || ADVERBS.contains(&w)
            || MONTHS.contains(&w)
            || (w.ends_with("ly") && w.len() > 4)
            || is_stop(w) && e > v.noun
            || number_value(toks[e].raw).is_some()
        {
            break;
        }
        if predicate_class(w).is_some()
            && (w.ends_with("ed") || w.ends_with("ing") || is_verb_form(w))
        {
            break;
        }
        e += 1;
    }
    // a verb after the noun is not part of it ("300 people stood", "seven named by")
    while e > v.noun {
        let w = toks[e - 1].low.as_str();
        let verbish = PAST_VERBS.contains(&w)
            || (w.len() > 4
                && (w.ends_with("ed") || w.ends_with("ing"))
                && !is_eventive_noun("kill", w));
        if !verbish {
            break;
        }
        e -= 1;
    }
    // "the", "a" as the first word is not part of a counted thing
    let mut b = v.noun;
    while b < e && is_stop(&toks[b].low) {
        b += 1;
    }
    let np = &toks[b.min(e)..e];
    let (counted, mut head, implicit) = if let Some(last) = np.last() {
        (
            s[np[0].at.start..last.at.end].to_string(),
            lemma(&last.low),
            false,
        )
    } else {
        let prev = earlier
            .last()
            .filter(|f| !f.head.is_empty() && f.quantity.unit == v.quantity.unit)
            .map(|f| f.head.clone());
        let h = prev.or_else(|| {
            // the nearest plural noun before the value in the sentence
            toks[..v.start]
                .iter()
                .rev()
                .take(10)
                .find(|t| {
                    t.low.len() > 3
                        && t.low.ends_with('s')
                        && !is_stop(&t.low)
                        && !is_cap(t.raw)
                        && predicate_class(&t.low).is_none()
                })
                .map(|t| lemma(&t.low))
        });
        (String::new(), h.unwrap_or_default(), true)
    };
    // the predicate: the nearest predicate word around the figure, inside the sentence
    let mut predicate: Option<(&'static str, String, usize)> = None;
    if let Some(last) = np.last() {
        if let Some(c) = predicate_class(&last.low).filter(|c| is_eventive_noun(c, &last.low)) {
            predicate = Some((c, last.low.clone(), 0));
            head = "person".into();
        }
    }
    if predicate.is_none() {
        let lo = v.start.saturating_sub(10);
        let hi = (e + 10).min(toks.len());
        for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
            if i >= v.start && i < e {
                continue;
            }
            let Some(c) = predicate_class(&t.low) else {
                continue;
            };
            // before the value: the verb whose object it is ("struck over 50"); after: more
            // words may come between ("15 civilians were martyred")
            let d = if i < v.start {
                (v.start - i) * 2 - 1
            } else {
                (i + 1 - e) * 2
            };
            if predicate.as_ref().is_none_or(|p| d < p.2) {
                predicate = Some((c, t.low.clone(), d));
            }
        }
    }
    // owners: names and nationalities in the phrase, or what "its"/"their" refers to
    let mut owners: Vec<String> = np
        .iter()
        .filter(|t| is_cap(t.raw))
        .map(|t| t.low.clone())
        .collect();
    if v.possessive {
        if let Some(t) = toks[..v.start]
            .iter()
            .rev()
            .find(|t| is_cap(t.raw) && !is_stop(&t.low))
        {
            owners.push(t.low.clone());
        }
    }
    // an age belongs to the name beside it ("Marta Lind, 62,")
    if v.quantity.unit == Unit::Age && owners.is_empty() {
        let mut i = v.start;
        while i > 0 && is_cap(toks[i - 1].raw) && !is_stop(&toks[i - 1].low) {
            owners.push(toks[i - 1].low.clone());
            i -= 1;
        }
    }
    if v.start > 0 && toks[v.start - 1].low.ends_with("'s") && is_cap(toks[v.start - 1].raw) {
        owners.push(toks[v.start - 1].low.trim_end_matches("'s").to_string());
    }
    // places: capitalised words after "in"/"near"/"at" following the figure
    let mut places = Vec::new();
    let mut i = e;
    while i + 1 < toks.len() && i < e + 8 {
        if matches!(toks[i].low.as_str(), "in" | "near" | "at" | "outside")
            && is_cap(toks[i + 1].raw)
        {
            places.push(toks[i + 1].low.clone());
        }
        i += 1;
    }
    let value_end = toks[v.end - 1].at.end
        + if s[toks[v.end - 1].at.end..].starts_with('%') {
            1
        } else {
            0
        };
    let mut value_start = toks[v.start].at.start;
    if let Some(c) = s[..value_start].chars().next_back() {
        if currency_symbol(c).is_some() {
            value_start -= c.len_utf8();
            if s[..value_start].ends_with("US") {
                value_start -= 2;
            }
        }
    }
    let phrase_end = if e > v.noun {
        toks[e - 1].at.end
    } else {
        value_end
    };
    let phrase = value_start..phrase_end.max(value_end);
    Some(Frame {
        para: 0,
        phrase: s[phrase.clone()].to_string(),
        value_text: s[value_start..value_end].to_string(),
        span: phrase,
        value_span: value_start..value_end,
        quantity: v.quantity,
        counted,
        head,
        implicit,
        predicate: predicate.map(|(c, w, _)| (c, w)),
        owners,
        places,
        names: names.to_vec(),
        context: ctx.to_vec(),
    })
}

/// Irregular past forms that follow a counted noun as its verb.
const PAST_VERBS: &[&str] = &[
    "stood", "said", "told", "left", "went", "came", "held", "lost", "took", "made", "gave", "saw",
    "met", "ran", "became", "got", "sat", "fell", "rose", "began", "knew", "thought", "found",
    "kept", "brought", "sought", "fought", "won", "spent", "paid", "fled",
];

/// Verb forms that end a counted phrase even without -ed ("struck", "hit", "fled").
fn is_verb_form(w: &str) -> bool {
    matches!(
        w,
        "struck"
            | "hit"
            | "fled"
            | "died"
            | "shot"
            | "slain"
            | "hurt"
            | "kill"
            | "kills"
            | "die"
            | "dies"
            | "won"
            | "spent"
            | "paid"
            | "went"
            | "were"
    )
}

/// Nouns that say both what is counted and what happened ("35 deaths", "20 injuries").
fn is_eventive_noun(class: &str, w: &str) -> bool {
    matches!(class, "kill" | "wound" | "casualty" | "arrest")
        && matches!(
            w,
            "deaths"
                | "dead"
                | "fatalities"
                | "casualties"
                | "injuries"
                | "injured"
                | "wounded"
                | "arrests"
                | "killed"
                | "victims"
        )
}
