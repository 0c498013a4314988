//! Sentence segmentation tuned for news text: abbreviations ("Gen.", "Feb. 5", "U.S."),
//! initials, quotes and line breaks inside a block. Pure functions over &str.

/// Abbreviations after which a period does not end a sentence (compared lowercase, no dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "cmdr",
    "adm", "sen", "rep", "gov", "pres", "st", "sr", "jr", "rev", "hon", "amb", "supt", "insp",
    "det", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "est", "approx", "fig",
    "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mt", "ft", "ave", "blvd", "e.g", "i.e", "al", "ca", "cf",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if w.is_empty() {
        return false;
    }
    // Single letters are initials ("J. Smith"); dotted forms are acronyms ("U.S", "a.m").
    if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
        return true;
    }
    if w.contains('.') {
        return true;
    }
    ABBREVIATIONS.contains(&w.as_str())
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Split `text` into sentences; returns byte ranges (trimmed, non-empty) in order.
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    // Line breaks inside a block separate sentences (a headline line, a credit line).
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<std::ops::Range<usize>>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(start + lead..end - trail);
    }
}

/// Byte offset of the first '.', '!', '?' or '…' in `s`: a byte search, as these are rare
/// among the bytes of a line ('…' is the only one of more than one byte).
fn next_terminator(s: &str) -> Option<usize> {
    const ELLIPSIS: &[u8] = "…".as_bytes();
    let b = s.as_bytes();
    let plain = memchr::memchr3(b'.', b'!', b'?', b);
    // an ellipsis before the first plain terminator comes first
    let limit = plain.unwrap_or(b.len());
    let mut from = 0;
    while let Some(off) = memchr::memchr(ELLIPSIS[0], &b[from..limit]) {
        let at = from + off;
        if b[at..].starts_with(ELLIPSIS) {
            return Some(at);
        }
        from = at + 1;
    }
    plain
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<std::ops::Range<usize>>) {
    let line = &text[start..end];
    let mut sent_start = 0usize;
    // byte offsets into `line`; only terminators need a closer look
    let mut pos = 0usize;
    while let Some(off) = next_terminator(&line[pos..]) {
        let i = pos + off;
        let Some(c) = line[i..].chars().next() else {
            break;
        };
        // extend over repeated terminators and closing quotes/brackets
        let mut j = i + c.len_utf8();
        for ch in line[j..].chars() {
            if matches!(ch, '.' | '!' | '?') || is_closing(ch) {
                j += ch.len_utf8();
            } else {
                break;
            }
        }
        // need whitespace after
        if line[j..]
            .chars()
            .next()
            .is_some_and(|ch| !ch.is_whitespace())
        {
            pos = j;
            continue;
        }
        let k = j + (line[j..].len() - line[j..].trim_start().len());
        let Some(next) = line[k..].chars().next() else {
            break;
        };
        let split = if c == '.' {
            // word before the period
            let word_end = i;
            // The opener may be multibyte ("“"), so step over it by its own length.
            let word_start = line[..word_end]
                .char_indices()
                .rev()
                .find(|&(_, ch)| ch.is_whitespace() || ch == '(' || ch == '"' || ch == '“')
                .map(|(p, ch)| p + ch.len_utf8())
                .unwrap_or(0);
            let word = &line[word_start..word_end];
            let next_is_lower = next.is_lowercase();
            let next_is_digit = next.is_ascii_digit();
            if next_is_lower {
                false
            } else if is_abbreviation(word) {
                // "U.S. officials" stays; a month before a day number stays.
                // An acronym at a sentence end followed by a capitalised word is ambiguous;
                // news text keeps them inside more often than not.
                false
            } else {
                !(next_is_digit && word.chars().all(|ch| ch.is_ascii_digit()))
            }
        } else {
            !next.is_lowercase()
        };
        if split {
            push_trimmed(text, start + sent_start, start + j, out);
            sent_start = k;
        }
        pos = k.max(j);
    }
    push_trimmed(text, start + sent_start, end, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_byte_search_finds_the_first_terminator(s in "[a-z .!?…’“é—\n]{0,60}") {
            prop_assert_eq!(next_terminator(&s), s.find(['.', '!', '?', '…']));
        }
    }

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn news_sentences() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            (
                "The U.S. Army said so. Gen. Smith agreed.",
                &["The U.S. Army said so.", "Gen. Smith agreed."],
            ),
            (
                "It happened on Feb. 5 in Idlib. Then more.",
                &["It happened on Feb. 5 in Idlib.", "Then more."],
            ),
            (
                "J. R. Smith spoke. He left.",
                &["J. R. Smith spoke.", "He left."],
            ),
            (
                "\"We reject this,\" he said. \"It is obvious.\" Peskov added.",
                &[
                    "\"We reject this,\" he said.",
                    "\"It is obvious.\"",
                    "Peskov added.",
                ],
            ),
            (
                "Headline line\nBody starts here. Ends.",
                &["Headline line", "Body starts here.", "Ends."],
            ),
            (
                "Prices rose 3.5 percent. Wow!",
                &["Prices rose 3.5 percent.", "Wow!"],
            ),
            ("Is it? yes it is.", &["Is it? yes it is."]),
            ("", &[]),
            (
                "He wrote “POST”. Then left.",
                &["He wrote “POST”.", "Then left."],
            ),
            ("Said “Gen. Smith” today.", &["Said “Gen. Smith” today."]),
            (
                "Wait\u{3000}“U.S.” Army. Next one.",
                &["Wait\u{3000}“U.S.” Army.", "Next one."],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(split(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn multibyte_openers_and_terminators_never_split_a_char() {
        let inputs = [
            "“POST”. Next",
            "“A. B",
            "(“x”). Y",
            "\u{3000}“é”. É… Ü? ü! “ő”.",
            "“”. “",
            "…. A",
        ];
        for s in inputs {
            for r in sentences(s) {
                assert!(
                    s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
                    "{s:?}"
                );
            }
        }
    }
}
