//! Words to terms: lowercase, diacritics folded, stop words dropped, English stemming, hyphenated
//! compounds joined ("cease-fire" → "ceasefire"), Arabic article prefixes dropped ("al-Assad" →
//! "assad"), numbers in digits or words read as values. Pure and deterministic.

use rust_stemmers::{Algorithm, Stemmer};
use std::ops::Range;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    Word,
    /// A capitalised word inside a sentence: names of people, places, organisations.
    Name,
    Number,
}

impl Token {
    /// Lowercased surface form, used for labels and key terms. `text` is what was tokenised.
    pub fn surface(&self, text: &str) -> String {
        match &self.surface_override {
            Some(s) => s.clone(),
            None => text.get(self.bytes.clone()).map(fold).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Token {
    /// The term used for matching (a stem, a folded name, or "#<value>").
    pub term: String,
    pub kind: TermKind,
    /// Lowercased surface form when it differs from the text at `bytes` (joined compounds);
    /// otherwise see [`Token::surface`].
    pub surface_override: Option<String>,
    /// Byte range in the text that was tokenised.
    pub bytes: Range<usize>,
    /// Numeric value for numbers.
    pub value: Option<f64>,
}

const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "said",
    "says",
    "say",
    "told",
    "according",
    "added",
    "s",
    "t",
    "also",
    "however",
    "yet",
    "still",
    "even",
    "well",
    "mr",
    "mrs",
    "ms",
    "per",
    "one's",
    "via",
    "whether",
    "within",
    "without",
    "among",
    "amid",
    "since",
    "though",
    "although",
];

/// Month names, lower case.
pub const MONTHS: &[&str] = &[
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
];

/// Days, months and relative days (lower case): when something happened, not what.
pub fn is_calendar(w: &str) -> bool {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
    ];
    DAYS.contains(&w) || MONTHS.contains(&w)
}

pub fn is_stop(w: &str) -> bool {
    static SET: OnceLock<super::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP.iter().copied().collect())
        .contains(w)
}

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// English stem of a lowercase word. Stems are cached per thread: news text repeats its words,
/// and stemming is the most expensive step of tokenising.
pub fn stem(w: &str) -> String {
    with_stem(w, str::to_string)
}

/// `f` of the English stem of a lowercase word, without copying the stem out of the cache.
pub fn with_stem<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static CACHE: std::cell::RefCell<super::HashMap<String, String>> =
            std::cell::RefCell::new(super::HashMap::default());
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(s) = c.get(w) {
            return f(s);
        }
        let s = stemmer().stem(w).into_owned();
        if c.len() > 200_000 {
            c.clear();
        }
        let r = f(&s);
        c.insert(w.to_string(), s);
        r
    })
}

/// Lowercase and strip diacritics ("Erdoğan" → "erdogan").
pub fn fold(w: &str) -> String {
    folded(w).into_owned()
}

/// `fold`, borrowing `w` when it is folded already (plain lower-case ASCII, most words).
pub fn folded(w: &str) -> std::borrow::Cow<'_, str> {
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return std::borrow::Cow::Borrowed(w);
        }
        let mut s = w.to_string();
        s.make_ascii_lowercase();
        return std::borrow::Cow::Owned(s);
    }
    std::borrow::Cow::Owned(
        w.nfkd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mln" | "m" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        _ => return None,
    })
}

/// The value of a word written as a number: "40", "12,000", "3.5", "forty-eight", "thirty".
pub fn number_value(w: &str) -> Option<f64> {
    let first = w.chars().next()?;
    if first.is_ascii_digit() {
        let t = w.trim_end_matches('%');
        let v = if t.contains(',') {
            t.chars()
                .filter(|c| *c != ',')
                .collect::<String>()
                .parse::<f64>()
        } else {
            t.parse::<f64>()
        };
        return v.ok().filter(|v| v.is_finite());
    }
    if w.is_ascii() {
        // Fast exit for the common case: words that cannot be numbers, without allocating.
        if w.len() > 14
            || !matches!(
                first.to_ascii_lowercase(),
                'z' | 'o' | 't' | 'f' | 's' | 'e' | 'n' | 'd'
            )
        {
            return None;
        }
        let mut buf = [0u8; 14];
        for (b, c) in buf.iter_mut().zip(w.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        let lw = std::str::from_utf8(&buf[..w.len()]).ok()?;
        return word_number(lw);
    }
    // other scripts' digits and letters: fold first ("４０" → "40")
    let lw = fold(w);
    if lw.is_ascii() && lw != w {
        return number_value(&lw);
    }
    None
}

/// "thirty", "forty-eight", "dozen" (lowercase).
fn word_number(lw: &str) -> Option<f64> {
    if let Some((a, b)) = lw.split_once('-') {
        if let (Some(x), Some(y)) = (small_number(a), small_number(b)) {
            if x >= 20.0 && y < 10.0 {
                return Some(x + y);
            }
        }
    }
    small_number(lw)
}

/// Split text into words with byte ranges: letters/digits plus inner apostrophes, hyphens,
/// and digit separators ("12,000", "3.5", "cease-fire", "Syria's").
pub fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|p| p.1);
        let inner = |c: char| match c {
            '\'' | '’' | '-' => {
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)
            }
            ',' | '.' => {
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            }
            _ => false,
        };
        if c.is_alphanumeric() || (start.is_some() && inner(c)) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s..i, &text[s..i]));
        }
        prev = Some(c);
    }
    if let Some(s) = start {
        out.push((s..text.len(), &text[s..]));
    }
    out
}

/// Tokenise a sentence or paragraph into matching terms.
pub fn tokenize(text: &str) -> Vec<Token> {
    read_tokens(text, true)
}

/// The byte range of each token `tokenize` finds in `text`, in the same order, without
/// stemming: where its terms were read.
pub fn token_ranges(text: &str) -> Vec<Range<usize>> {
    read_tokens(text, false)
        .into_iter()
        .map(|t| t.bytes)
        .collect()
}

/// The tokens of `text`; their terms are left empty unless `terms`.
fn read_tokens(text: &str, terms: bool) -> Vec<Token> {
    let ws = words(text);
    let mut out = Vec::with_capacity(ws.len());
    let mut k = 0;
    let mut sentence_start = true;
    while k < ws.len() {
        let (r, w) = (ws[k].0.clone(), ws[k].1);
        // sentence boundary before this word?
        if k > 0 {
            let between = &text[ws[k - 1].0.end..r.start];
            if between.contains(['.', '!', '?', '\n', ':', '“', '"']) {
                sentence_start = true;
            }
        }
        let initial = sentence_start;
        sentence_start = false;
        // numbers, possibly with a multiplier word ("2 million", "two thousand")
        if let Some(mut v) = number_value(w) {
            let mut end = r.end;
            if let Some((r2, w2)) = ws.get(k + 1) {
                if let Some(m) = multiplier(&folded(w2)) {
                    v *= m;
                    end = r2.end;
                    k += 1;
                }
            }
            out.push(Token {
                term: if terms {
                    format!("#{}", fmt_value(v))
                } else {
                    String::new()
                },
                kind: TermKind::Number,
                surface_override: None,
                bytes: r.start..end,
                value: Some(v),
            });
            k += 1;
            continue;
        }
        let folded_w = folded(w);
        let mut lw: &str = &folded_w;
        let mut start = r.start;
        // al-Assad → assad; Syria's → syria
        for pre in ["al-", "el-", "ad-", "as-", "ash-", "an-"] {
            if lw.len() > pre.len() + 2 && lw.starts_with(pre) {
                lw = &lw[pre.len()..];
                // Folding may change byte lengths ("ǎš-" is 5 bytes, "as-" 3), so find the
                // hyphen in the original word rather than counting the folded prefix.
                start += w.find('-').map_or(0, |h| h + 1);
                break;
            }
        }
        for suf in ["'s", "’s"] {
            if let Some(x) = lw.strip_suffix(suf) {
                lw = x;
            }
        }
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let name = capital && !initial && !is_stop(lw);
        if lw.contains('-') {
            let joined: String = lw.chars().filter(|c| *c != '-').collect();
            let parts: Vec<String> = lw
                .split('-')
                .filter(|p| !p.is_empty() && !is_stop(p))
                .map(str::to_string)
                .collect();
            for p in &parts {
                if p.chars().count() > 1 {
                    let mut t = word_token(p, name, start..r.end, terms);
                    t.surface_override = Some(p.clone());
                    out.push(t);
                }
            }
            if parts.len() > 1 {
                let mut t = word_token(&joined, name, start..r.end, terms);
                t.surface_override = Some(lw.to_string());
                out.push(t);
            }
        } else if !is_stop(lw) && lw.chars().count() > 1 {
            let mut t = word_token(lw, name, start..r.end, terms);
            if lw.len() != r.end - start {
                t.surface_override = Some(lw.to_string());
            }
            out.push(t);
        }
        k += 1;
    }
    out
}

fn word_token(lw: &str, name: bool, bytes: Range<usize>, terms: bool) -> Token {
    let term = if terms { stem(lw) } else { String::new() };
    Token {
        term,
        kind: if name { TermKind::Name } else { TermKind::Word },
        surface_override: None,
        bytes,
        value: None,
    }
}

pub fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn stop_words() {
        for w in ["will", "the", "said", "would", "also"] {
            assert!(is_stop(w), "{w}");
        }
        assert!(!is_stop("ceasefire"));
    }

    #[test]
    fn prefix_ranges_stay_on_char_boundaries() {
        let text = "President ǎš-Šaraf spoke";
        let toks = tokenize(text);
        for t in &toks {
            assert!(text.get(t.bytes.clone()).is_some(), "{:?}", t.bytes);
        }
        assert!(
            toks.iter().any(|t| &text[t.bytes.clone()] == "Šaraf"),
            "{toks:?}"
        );
    }

    #[test]
    fn terms_fold_variants() {
        assert_eq!(terms("a cease-fire"), ["ceas", "fire", "ceasefir"]);
        assert!(terms("the ceasefire").contains(&"ceasefir".to_string()));
        assert_eq!(terms("President al-Assad"), ["presid", "assad"]);
        assert_eq!(terms("with Assad"), ["assad"]);
        assert_eq!(terms("At least 40 people"), ["least", "#40", "peopl"]);
        assert_eq!(terms("Thirty people"), ["#30", "peopl"]);
        assert_eq!(terms("12,000 residents"), ["#12000", "resid"]);
        assert_eq!(terms("forty-eight hours"), ["#48", "hour"]);
        assert_eq!(terms("2 million crowns"), ["#2000000", "crown"]);
        assert_eq!(terms("Syria's Idlib"), ["syria", "idlib"]);
        assert_eq!(terms("Erdoğan spoke"), ["erdogan", "spoke"]);
    }

    #[test]
    fn numbers_in_digits_words_and_other_forms() {
        assert_eq!(number_value("40"), Some(40.0));
        assert_eq!(number_value("12,000"), Some(12000.0));
        assert_eq!(number_value("3.5"), Some(3.5));
        assert_eq!(number_value("70%"), Some(70.0));
        assert_eq!(number_value("Thirty"), Some(30.0));
        assert_eq!(number_value("FORTY-EIGHT"), Some(48.0));
        assert_eq!(number_value("dozen"), Some(12.0));
        assert_eq!(number_value("４０"), Some(40.0));
        for w in [
            "40th",
            "often",
            "seventeenths",
            "Idlib",
            "",
            "ninety-ninety",
            "twenty-",
        ] {
            assert_eq!(number_value(w), None, "{w}");
        }
    }
}
