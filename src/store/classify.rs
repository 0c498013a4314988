//! Paragraph roles by general rules: titles, standfirsts, datelines/bylines, boilerplate
//! (navigation crumbs, "Read more" lists, page counters, share crumbs, disclaimers, stray related
//! headlines), and outlet inference from datelines and credits. Never deletes text.

use super::layout::Layout;
use super::Kind;
use aho_corasick::AhoCorasick;
use regex_lite::Regex;
use std::sync::OnceLock;

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Han ideographs and kana: scripts written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff)
}

/// How many words `s` holds. Chinese and Japanese put no spaces between words, so a run of
/// their characters counts as one word for every two characters (the usual length of a word);
/// otherwise a whole sentence in those scripts would count as one word and read as a crumb.
#[cfg(test)]
fn word_count(s: &str) -> usize {
    word_count_upto(s, usize::MAX)
}

/// `word_count`, counting no further than `cap`: thresholds on long paragraphs need not read
/// them to the end.
fn word_count_upto(s: &str, cap: usize) -> usize {
    // ASCII text (most of it) counts word starts byte by byte; any other byte hands over to
    // the full count below
    let mut n = 0usize;
    let mut in_word = false;
    for &b in s.as_bytes() {
        if b >= 0x80 {
            return word_count_unicode(s, cap);
        }
        let space = matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
        if !space && !in_word {
            n += 1;
            if n >= cap {
                return cap;
            }
        }
        in_word = !space;
    }
    n
}

fn word_count_unicode(s: &str, cap: usize) -> usize {
    let mut n = 0usize;
    for w in s.split_whitespace() {
        n += if w.is_ascii() {
            1
        } else {
            let unspaced = w.chars().filter(|c| is_unspaced_script(*c)).count();
            if unspaced == 0 {
                1
            } else {
                unspaced.div_ceil(2)
            }
        };
        if n >= cap {
            return cap;
        }
    }
    n
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ' ', '」', '』', '）']);
    t.ends_with(['.', '!', '?', '…', ';', '。', '！', '？', '；'])
}

/// A short line of few words, with no sentence punctuation: menu items, crumbs, buttons.
pub fn is_crumb(s: &str) -> bool {
    if s.len() > 96 {
        return false;
    }
    let n = word_count_upto(s, 4);
    n > 0 && n <= 3 && s.chars().count() <= 32 && !ends_sentence(s) && !s.contains(',')
}

/// Headings news pages put over a list of links to other stories.
const LIST_HEADINGS: &[&str] = &[
    "top stories",
    "related",
    "related stories",
    "related articles",
    "related coverage",
    "related topics",
    "related content",
    "more on this story",
    "more stories",
    "more from",
    "most read",
    "most popular",
    "most viewed",
    "latest news",
    "latest stories",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "trending",
    "trending now",
    "see also",
    "read more",
    "also read",
    "read next",
    "editor's picks",
];

/// "Read more:", "Related:", "See also", "Top Stories" — a short label that introduces a list of
/// links.
pub fn is_list_label(s: &str) -> bool {
    if s.len() > 96 {
        return false;
    }
    let n = word_count_upto(s, 5);
    let t = s.trim_end();
    let bare = t.trim_end_matches([':', '»', '›']).trim().to_lowercase();
    n > 0
        && n <= 4
        && (t.ends_with(':') || t.ends_with('»') || LIST_HEADINGS.contains(&bare.as_str()))
}

/// A photo or video credit or a caption label standing alone: "Photo: Reuters", "Image
/// caption", "(AP Photo/Jo Roe)", "Getty Images".
pub fn is_media_credit(s: &str) -> bool {
    if s.len() > 160 || word_count_upto(s, 16) > 15 {
        return false;
    }
    let low = s.trim().trim_start_matches(['(', '[']).to_lowercase();
    const OPENS: &[&str] = &[
        "photo:",
        "photos:",
        "photo by",
        "photograph:",
        "picture:",
        "image:",
        "image caption",
        "image copyright",
        "image source",
        "media caption",
        "video caption",
        "caption:",
        "credit:",
        "file photo",
        "ap photo",
        "afp photo",
    ];
    const HOLDS: &[&str] = &[
        "getty images",
        "ap photo/",
        "/afp",
        "/ afp",
        "reuters/",
        "photo credit",
    ];
    OPENS.iter().any(|o| low.starts_with(o)) || HOLDS.iter().any(|h| low.contains(h))
}

/// "205/219", "Page 2 of 5", "3 / 10", "(1/4)".
pub fn is_page_counter(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i)^[\(\[]?\s*(?:[a-z]+\.?\s+)?\d{1,5}\s*(?:/|of|из|de|von)\s*\d{1,5}\s*[\)\]]?$",
        )
        .expect("static regex")
    });
    let t = s.trim();
    // the pattern needs a digit and a short line; most blocks are neither
    t.len() <= 64 && t.bytes().any(|b| b.is_ascii_digit()) && re.is_match(t)
}

/// Headline shape: a handful of words, no final period, most content words capitalised or a
/// colon-led label ("Al-Assad: No hostility ..."). Used for titles and stray related headlines.
pub fn is_headline(s: &str) -> bool {
    if s.len() > 400 {
        return false;
    }
    let n = word_count_upto(s, 23);
    if !(3..=22).contains(&n) || s.contains('\n') || ends_sentence(s) {
        return false;
    }
    true
}

/// Share of words of four or more letters that start with a capital. Words in scripts without
/// capitals or spaces (Chinese, Japanese) do not count: a Latin name opening a run of them says
/// nothing about its case.
pub fn capital_ratio(s: &str) -> f64 {
    let long: Vec<&str> = words(s)
        .into_iter()
        .filter(|w| !w.chars().any(is_unspaced_script))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    if long.is_empty() {
        return 0.0;
    }
    let caps = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    caps as f64 / long.len() as f64
}

const DISCLAIMER_CUES: &[&str] = &[
    "verified",
    "responsibility",
    "responsible",
    "views",
    "opinions",
    "reflect",
    "author",
    "copyright",
    "rights reserved",
    "reproduc",
    "editorial",
    "disclaimer",
    "translated",
    "this article",
    "this story",
    "content",
    "not necessarily",
    "lies entirely",
    "published by",
    "subscribe",
    "newsletter",
    "cookies",
];

/// Publisher disclaimers and credit footers: several distinct cue words of that register.
pub fn is_disclaimer(s: &str) -> bool {
    if s.len() > 2000 {
        return false;
    }
    // every cue in one pass over the text, in any case, without a lowered copy
    static CUES: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let Some(ac) = CUES.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(DISCLAIMER_CUES)
            .ok()
    }) else {
        return false;
    };
    let mut seen = [false; DISCLAIMER_CUES.len()];
    for m in ac.find_overlapping_iter(s) {
        seen[m.pattern().as_usize()] = true;
    }
    let cues = seen.iter().filter(|x| **x).count();
    cues >= 4 || (cues >= 2 && s.contains('©'))
}

/// What a byline line opens with, in the languages `is_byline` knows.
const BYLINE_OPENERS: &[&str] = &[
    "by",
    "from",
    "reporting by",
    "written by",
    "updated",
    "posted",
    "published",
    "por",
    "par",
    "von",
    "door",
];

/// A paragraph that is only a byline or a dateline: "By Jane Roe" (or "Por", "Par", "Von", "Door"
/// Jane Roe in Spanish, Portuguese, French, German, Dutch), "Sputnik",
/// "MOSCOW, March 3 (Reuters)", "Updated 12:04 GMT".
pub fn is_byline(s: &str) -> bool {
    if s.len() > 200 {
        return false;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(r"(?i)^({})\b.{{0,80}}$", BYLINE_OPENERS.join("|")))
            .expect("static regex")
    });
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    let credit = CREDIT.get_or_init(|| {
        Regex::new(r"(?i)\b(reported from|reporting from|contributed (to this )?report(ing)?|additional reporting)\b")
            .expect("static regex")
    });
    let t = s.trim();
    // cheap tests first: each pattern needs a word the line can be searched for directly
    let mentions_report = t
        .as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"report"));
    if mentions_report && word_count_upto(t, 15) <= 14 && credit.is_match(t) {
        return true;
    }
    let first = t
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let opens = BYLINE_OPENERS
        .iter()
        .any(|o| o.split(' ').next() == Some(first.as_str()));
    (opens && re.is_match(t) && word_count_upto(t, 13) <= 12 && !ends_sentence(t))
        || leading_dateline(t).map(|d| d.len()) == Some(t.len())
}

/// A dateline at the start of a paragraph and the outlet it names, if any:
/// "MOSCOW, February 28. /TASS/.", "ANKARA (Sputnik) -", "Iran Press/Europe:", "BEIRUT —".
pub fn leading_dateline(s: &str) -> Option<&str> {
    dateline_match(s).map(|(end, _)| &s[..end])
}

/// (byte end of the dateline, outlet named in it)
pub fn dateline_match(s: &str) -> Option<(usize, Option<String>)> {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        let city = r"[A-Z][A-Z'\.\-]+(?:\s+[A-Z][A-Z'\.\-]+){0,3}";
        [
            // MOSCOW, February 28. /TASS/.
            format!(r"^{city}(?:,\s*[A-Z][a-z]+\.?\s+\d{{1,2}})?\.?\s*/(?P<o>[A-Za-z][^/\n]{{0,30}})/\.?\s*"),
            // ANKARA (Sputnik) - / BEIRUT (AP) —
            format!(r"^{city}(?:,\s*[A-Z][a-z]+\.?\s+\d{{1,2}})?\s*\((?P<o>[A-Za-z][^)\n]{{0,30}})\)\s*[-–—:]\s*"),
            // Iran Press/Europe: / Reuters/London:
            r"^(?P<o>[A-Z][^\s/:]*(?:\s+[A-Z][^\s/:]*){0,3})\s*/\s*(?P<p>[A-Z][^\s:]+(?:\s+[A-Z][^\s:]+)?):\s*".to_string(),
            // BEIRUT — / CAIRO, March 3 -
            format!(r"^{city}(?:,\s*[A-Z][a-z]+\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\s*[–—-]\s+"),
        ]
        .iter()
        .map(|p| Regex::new(p).expect("static regex"))
        .collect()
    });
    // Every pattern opens with a capital; those with a city in capitals need a second one, and
    // the outlet-and-place pattern needs a slash and a colon. Most paragraphs fail these at once.
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let city = b
        .get(1)
        .is_some_and(|c| c.is_ascii_uppercase() || matches!(c, b'\'' | b'.' | b'-'));
    let slash_colon = || s.contains('/') && s.contains(':');
    for (i, re) in res.iter().enumerate() {
        if (i == 2 && !slash_colon()) || (i != 2 && !city) {
            continue;
        }
        if let Some(c) = re.captures(s) {
            let m = c.get(0)?;
            // the patterns take any character where a name goes (cheap to build); a name holds
            // only word characters, dots, hyphens and spaces
            let wordy = |g: &str| {
                c.name(g).is_none_or(|o| {
                    o.as_str()
                        .chars()
                        .all(|ch| is_word_char(ch) || matches!(ch, '.' | '-' | ' '))
                })
            };
            if !wordy("o") || !wordy("p") {
                continue;
            }
            // a city in capitals must be a real all-caps word, not "A" or "I"
            let head: String = s[..m.end()].chars().take(3).collect();
            if i != 2 && head.chars().filter(|c| c.is_uppercase()).count() < 2 {
                continue;
            }
            let outlet = c.name("o").map(|o| o.as_str().trim().to_string());
            return Some((m.end(), outlet));
        }
    }
    None
}

/// An outlet credit anywhere in the text: "(QNA)" closing an article, "translated and edited by
/// The Syrian Observer", "— Reuters".
pub fn credit_outlet(s: &str) -> Option<String> {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        [
            r"\((?P<o>[A-Z][A-Za-z]{1,12}(?:\s[A-Z][A-Za-z]{1,12})?)\)\s*$",
            r"(?i:translated|edited|reported|compiled|written|produced)(?:\s+and\s+(?i:translated|edited|reported))?\s+by\s+(?P<o>(?:The\s+)?[A-Z][^\s,.;:]+(?:\s+[A-Z][^\s,.;:]+){0,3})",
            r"[—–-]\s*(?P<o>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)\s*$",
        ]
        .iter()
        .map(|p| Regex::new(p).expect("static regex"))
        .collect()
    });
    for re in res {
        if let Some(c) = re.captures(s.trim_end()) {
            if let Some(o) = c.name("o") {
                let name = leading_words(o.as_str());
                if !name.is_empty() {
                    return Some(name.trim().to_string());
                }
            }
        }
    }
    None
}

/// A letter, digit or underscore (what `\w` matches in a Unicode pattern).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The capitalised words `s` opens with, each cut at its first character that is not a word
/// character, stopping at the first word so cut or not capitalised after the first ("The
/// Syrian Observer's team" → "The Syrian Observer").
fn leading_words(s: &str) -> &str {
    let mut end = 0;
    for (k, w) in s.split(' ').enumerate() {
        let start = w.as_ptr() as usize - s.as_ptr() as usize;
        let cut = w.find(|c: char| !is_word_char(c)).unwrap_or(w.len());
        if cut < 2 || (k > 0 && !w.starts_with(|c: char| c.is_uppercase())) {
            break;
        }
        end = start + cut;
        if cut < w.len() {
            break;
        }
    }
    &s[..end]
}

/// Assign a kind to every block. `meta_title` is the title the metadata already supplied, so the
/// first block is a title only if it equals it; `layout` marks the blocks the markup showed to be
/// subheadings or table cells.
pub fn classify(blocks: &[&str], meta_title: Option<&str>, layout: &Layout) -> Vec<Kind> {
    let n = blocks.len();
    let mut kinds = vec![Kind::Body; n];
    // 1. structural boilerplate by shape, and a short block the page shows more than once (a
    //    video caption shown twice, a pull quote): every copy, the first too
    let keys: Vec<Option<String>> = blocks
        .iter()
        .map(|b| {
            (4..=20).contains(&word_count_upto(b, 21)).then(|| {
                let mut k = String::with_capacity(b.len());
                for w in b.split_whitespace() {
                    if !k.is_empty() {
                        k.push(' ');
                    }
                    if w.is_ascii() {
                        k.extend(w.bytes().map(|c| char::from(c.to_ascii_lowercase())));
                    } else {
                        k.extend(w.chars().flat_map(char::to_lowercase));
                    }
                }
                k
            })
        })
        .collect();
    let mut copies: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for k in keys.iter().flatten() {
        *copies.entry(k.as_str()).or_default() += 1;
    }
    for (i, b) in blocks.iter().enumerate() {
        let repeated = keys[i]
            .as_deref()
            .is_some_and(|k| copies.get(k).is_some_and(|&c| c > 1));
        if is_page_counter(b)
            || is_disclaimer(b)
            || is_media_credit(b)
            || repeated
            || layout.is_furniture(b)
        {
            kinds[i] = Kind::Boilerplate;
        }
    }
    // The page's own subheadings over some text, and the cells of its data tables, are text
    // whatever their shape; a heading over a list of links ("Related stories") is not.
    let heading = |i: usize| layout.is_heading(blocks[i]) && !is_list_label(blocks[i]);
    // text_after[i]: a body block that is not a heading comes after block i
    let mut text_after = vec![false; n + 1];
    for j in (0..n).rev() {
        text_after[j] =
            text_after[j + 1] || kinds[j] == Kind::Body && !layout.is_heading(blocks[j]);
    }
    let marked: Vec<bool> = (0..n)
        .map(|i| layout.is_cell(blocks[i]) || (heading(i) && text_after[i + 1]))
        .collect();
    // 2. "Read more:" and the headline list under it, up to the next subheading
    let mut i = 0;
    while i < n {
        if is_list_label(blocks[i]) {
            kinds[i] = Kind::Boilerplate;
            let mut j = i + 1;
            while j < n && !heading(j) && (is_headline(blocks[j]) || is_crumb(blocks[j])) {
                kinds[j] = Kind::Boilerplate;
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // 3. title: the first block that is not a crumb, if it has headline shape
    let first = (0..n).find(|&i| kinds[i] == Kind::Body && !is_crumb(blocks[i]));
    let mut title_at = None;
    if let Some(f) = first {
        let same_as_meta = meta_title.is_some_and(|t| norm_eq(t, blocks[f]));
        if same_as_meta || (meta_title.is_none() && is_headline(blocks[f]) && f + 1 < n) {
            kinds[f] = Kind::Title;
            title_at = Some(f);
        }
    }
    // 4. crumbs (before the body or at the end) and bylines/datelines
    let mut crumbs = Vec::new();
    for i in 0..n {
        if kinds[i] != Kind::Body {
            continue;
        }
        if is_byline(blocks[i]) {
            kinds[i] = Kind::Dateline;
        } else if is_crumb(blocks[i]) && !marked[i] {
            kinds[i] = Kind::Boilerplate;
            crumbs.push(i);
        }
    }
    // 5. standfirst: body blocks between the title and the first dateline-led paragraph,
    //    or one unpunctuated summary line right after the title
    if let Some(t) = title_at {
        let dl = (t + 1..n).find(|&i| {
            (kinds[i] == Kind::Body && dateline_match(blocks[i]).is_some())
                || kinds[i] == Kind::Dateline
        });
        match dl {
            Some(d) if d > t + 1 && d - t <= 3 => {
                for k in kinds.iter_mut().take(d).skip(t + 1) {
                    if *k == Kind::Body {
                        *k = Kind::Standfirst;
                    }
                }
            }
            _ => {
                if let Some(s) = (t + 1..n).find(|&i| kinds[i] == Kind::Body) {
                    if !ends_sentence(blocks[s]) && word_count_upto(blocks[s], 6) >= 6 && s + 1 < n
                    {
                        kinds[s] = Kind::Standfirst;
                    }
                }
            }
        }
    }
    // 6. a related headline standing alone between body paragraphs
    let mut body_before = kinds.first() == Some(&Kind::Body);
    for i in 1..n.saturating_sub(1) {
        if kinds[i] == Kind::Body
            && body_before
            && !marked[i]
            && is_headline(blocks[i])
            && capital_ratio(blocks[i]) >= 0.6
            && kinds[i - 1] != Kind::Title
        {
            kinds[i] = Kind::Boilerplate;
        }
        body_before |= kinds[i] == Kind::Body;
    }
    // 7. a text made only of short lines (a note, a list, a test page) is its own body: crumbs
    //    are boilerplate only beside prose
    if !kinds.contains(&Kind::Body) {
        for i in crumbs {
            if !meta_title.is_some_and(|t| norm_eq(t, blocks[i])) {
                kinds[i] = Kind::Body;
            }
        }
    }
    kinds
}

fn norm_eq(a: &str, b: &str) -> bool {
    let f = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    f(a) == f(b)
}

/// Outlet from the text: a dateline credit first, then a closing credit; None if neither.
pub fn infer_outlet(blocks: &[&str], kinds: &[Kind]) -> Option<String> {
    for (b, k) in blocks.iter().zip(kinds) {
        if matches!(k, Kind::Body | Kind::Dateline | Kind::Standfirst) {
            if let Some((_, Some(o))) = dateline_match(b) {
                return Some(o);
            }
        }
    }
    for b in blocks.iter().rev().take(4) {
        if let Some(o) = credit_outlet(b) {
            return Some(o);
        }
    }
    None
}

/// A readable outlet name from a file stem: "the-daily_post" → "The Daily Post".
pub fn outlet_from_file_name(stem: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c == '_' || c == '-' || c == '.' {
                ' '
            } else {
                c
            }
        })
        .collect();
    cleaned
        .split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_name_outlets() {
        let cases = [
            (
                "MOSCOW, February 28. /TASS/. Russian President",
                Some("TASS"),
            ),
            (
                "ANKARA (Sputnik) - Russia and Turkey held talks",
                Some("Sputnik"),
            ),
            (
                "Iran Press/Europe: During the event on Thursday",
                Some("Iran Press"),
            ),
            ("BEIRUT — Fighting resumed", None),
            ("A quiet morning in the valley", None),
            (
                "ISTANBUL (Anadolu Ajansı) - Talks began",
                Some("Anadolu Ajansı"),
            ),
            // a name holds word characters only
            ("ANKARA (see map, below) - Talks began", None),
            ("MOSCOW, March 5. /TASS, RIA/. Talks", None),
        ];
        for (s, want) in cases {
            let got = dateline_match(s).and_then(|(_, o)| o);
            assert_eq!(got.as_deref(), want, "{s}");
        }
        assert!(dateline_match("BEIRUT — Fighting resumed").is_some());
        assert!(dateline_match("A quiet morning in the valley").is_none());
    }

    #[test]
    fn credits_name_outlets() {
        assert_eq!(
            credit_outlet("demilitarized zone. (QNA)").as_deref(),
            Some("QNA")
        );
        assert_eq!(
            credit_outlet(
                "This article was translated and edited by The Syrian Observer. The rest."
            )
            .as_deref(),
            Some("The Syrian Observer")
        );
        assert_eq!(
            credit_outlet("Edited by The Valley Courier's night desk.").as_deref(),
            Some("The Valley Courier")
        );
        assert_eq!(credit_outlet("Written by X' and others"), None);
    }

    #[test]
    fn link_lists_credits_and_repeats_are_boilerplate() {
        assert!(is_list_label("Top Stories"));
        assert!(is_list_label("More on this story"));
        assert!(!is_list_label("Top officials resign"));
        assert!(is_media_credit("Photo: Ila Brenn / Reuters"));
        assert!(is_media_credit("(AP Photo/Tom Reed)"));
        assert!(is_media_credit("Image caption The bridge after the flood"));
        assert!(!is_media_credit(
            "The photo showed the bridge after the flood, officials said."
        ));
        let blocks = [
            "Bridge reopens after repairs",
            "The old stone bridge reopened on Monday after eight months of work.",
            "Watch: the bridge opens to traffic again",
            "Engineers replaced forty stones and added a drainage channel.",
            "Watch: the bridge opens to traffic again",
            "Top Stories",
            "Ferry Fares Rise Again",
            "Council Votes On Harbour Plan",
            "Photo: Ila Brenn",
        ];
        let kinds = classify(&blocks, None, &Layout::default());
        assert_eq!(kinds[1], Kind::Body);
        assert_eq!(kinds[4], Kind::Boilerplate, "a repeated caption");
        assert_eq!(kinds[2], Kind::Boilerplate, "its first copy too");
        assert_eq!(kinds[3], Kind::Body);
        assert!(
            kinds[5..].iter().all(|k| *k == Kind::Boilerplate),
            "{kinds:?}"
        );
    }

    #[test]
    fn shapes() {
        assert!(is_page_counter("205/219"));
        assert!(is_page_counter("Page 2 of 5"));
        assert!(!is_page_counter("In 2019/2020 the budget"));
        assert!(is_crumb("All news"));
        for b in [
            "By Jane Roe",
            "Por Josh Max",
            "Par Sébastien Farcis",
            "Von Anna Roth",
        ] {
            assert!(is_byline(b), "{b}");
        }
        assert!(!is_byline("Paris Fashion Week"));
        assert!(!is_byline("Por fin llegó la lluvia a la ciudad."));
        assert!(is_crumb("Discuss"));
        assert!(!is_crumb("He left."));
        assert!(is_list_label("Read More:"));
        assert!(is_disclaimer("This article was translated and edited by The Syrian Observer. The Syrian Observer has not verified the content of this story. Responsibility for the information and views set out in this article lies entirely with the author."));
    }

    #[test]
    fn unspaced_scripts_count_words_by_characters() {
        // a line of Chinese prose is no crumb, a two-character menu item is
        assert!(!is_crumb(
            "來到現場已是落葉飄飄堆疊滿地 不時隨著風吹雨襲而葉落垂地"
        ));
        assert!(!is_crumb(
            "雨水洗塵後的枝頭固然掉落些葉片是否也洗去塵勞憂傷"
        ));
        assert!(is_crumb("首页"));
        assert!(is_crumb("ニュース"));
        // a full stop in these scripts ends a sentence, so prose naming people in Latin
        // letters is no headline
        let prose = "前NASA宇航员巴兹·奥尔德林(Buzz Aldrin)在采访中表示，他和尼尔·阿姆斯特朗(Neil Armstrong)喝了少量葡萄酒。";
        assert!(!is_headline(prose));
        let blocks = [
            "宇航员在太空中喝酒会怎么样",
            "第一段：宇航员在飞行前十二小时是严禁饮酒的，因为他们需要充分的思维能力。",
            prose,
            "结论：太空中人体对酒精的反应仍然没有人真正了解。",
        ];
        assert_eq!(classify(&blocks, None, &Layout::default())[2], Kind::Body);
        // nor is prose that opens with a Latin name and closes on a bracket
        let closing = "DeepMind希望DNC可以推动计算行业实现更多突破。DeepMind已将其研究结果发表在科学刊物上。（编译/林靖东）";
        assert_eq!(capital_ratio(closing), 0.0);
        let blocks = [blocks[0], blocks[1], closing, blocks[3]];
        assert_eq!(classify(&blocks, None, &Layout::default())[2], Kind::Body);
        // Korean puts spaces between words and counts as written
        assert_eq!(word_count("서울 시내 버스"), 3);
    }

    #[test]
    fn counting_words_stops_at_the_cap() {
        let long = "word ".repeat(500);
        assert_eq!(word_count_upto(&long, 21), 21);
        assert_eq!(word_count_upto("three short words", 21), 3);
        assert_eq!(word_count_upto("三つの言葉です", 2), 2);
        assert_eq!(word_count(&long), 500);
        // the ASCII count agrees with the full one, whatever the spacing
        for t in [
            "",
            "   ",
            " lead and trail ",
            "tabs\tand\nnew\r\nlines",
            "vertical\x0btab\x0cfeed",
            "one",
            "a  b   c",
            "ends with é",
            "\u{a0}no-break\u{a0}spaces",
        ] {
            for cap in [1, 2, 3, usize::MAX] {
                assert_eq!(
                    word_count_upto(t, cap),
                    word_count_unicode(t, cap),
                    "{t:?} {cap}"
                );
            }
        }
    }

    #[test]
    fn a_text_of_short_lines_keeps_them() {
        let kinds = classify(
            &["Test case one", "abc", "def"],
            Some("A page"),
            &Layout::default(),
        );
        assert!(kinds.iter().all(|k| *k == Kind::Body), "{kinds:?}");
        // the title among them stays out of the text
        let kinds = classify(&["A page", "abc"], Some("A page"), &Layout::default());
        assert_eq!(kinds, [Kind::Boilerplate, Kind::Body]);
        // beside prose they are crumbs
        let kinds = classify(
            &[
                "Share",
                "The ferry left the harbour at noon with forty passengers aboard.",
                "Print",
            ],
            None,
            &Layout::default(),
        );
        assert_eq!(kinds[0], Kind::Boilerplate);
        assert_eq!(kinds[2], Kind::Boilerplate);
    }

    #[test]
    fn subheadings_and_table_cells_stay_text() {
        let blocks = [
            "Bridge reopens after repairs",
            "The old stone bridge reopened on Monday after eight months of work.",
            "Here be data",
            "Engineers replaced forty stones and added a drainage channel.",
            "Cost Of The Works By Year",
            "Year",
            "Cost",
            "2031",
            "4.2 MB",
            "Related stories",
            "Ferry Fares Rise Again",
            "Council Votes On Harbour Plan",
            "Comments",
        ];
        let mut layout = Layout::default();
        for h in [
            "Here be data",
            "Cost Of The Works By Year",
            "Related stories",
            "Comments",
        ] {
            layout.add_heading(h);
        }
        for c in ["Year", "Cost", "2031", "4.2 MB"] {
            layout.add_cell(c);
        }
        let kinds = classify(&blocks, Some("Bridge reopens after repairs"), &layout);
        use Kind::*;
        assert_eq!(
            kinds,
            [
                Title,
                Body,
                Body,
                Body,
                Body,
                Body,
                Body,
                Body,
                Body,
                Boilerplate,
                Boilerplate,
                Boilerplate,
                // a heading over nothing
                Boilerplate
            ]
        );
        // without the marks, the same blocks read as crumbs and a stray headline
        let plain = classify(
            &blocks,
            Some("Bridge reopens after repairs"),
            &Layout::default(),
        );
        assert_eq!(plain[2], Boilerplate);
        assert_eq!(plain[4], Boilerplate);
        assert_eq!(plain[5], Boilerplate);
    }

    #[test]
    fn classify_blocks() {
        let blocks = [
            "World",
            "Big Storm Hits Coast Town",
            "A summary line of the storm for readers today",
            "PORTVILLE (Wire) - The storm hit at dawn.",
            "More text here about the damage.",
            "Mayor Orders New Flood Barriers After Storm",
            "The mayor spoke later.",
            "Read more:",
            "Another Headline About Weather",
            "Share",
        ];
        let k = classify(&blocks, None, &Layout::default());
        use Kind::*;
        assert_eq!(
            k,
            vec![
                Boilerplate,
                Title,
                Standfirst,
                Body,
                Body,
                Boilerplate,
                Body,
                Boilerplate,
                Boilerplate,
                Boilerplate
            ]
        );
    }
}
