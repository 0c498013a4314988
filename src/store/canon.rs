//! Text canonicalisation: the one place raw bytes become the text every offset refers to.
//! Depends on nothing else in the crate.

use unicode_normalization::UnicodeNormalization;

/// Decode bytes as UTF-8; invalid sequences are replaced and reported.
pub fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    }
}

/// True when the bytes look like a binary file rather than text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    // Many C0 controls other than whitespace and ESC also mean binary.
    let odd = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c))
        .count();
    !head.is_empty() && odd * 20 > head.len()
}

/// Characters a terminal or another program may act on instead of showing: C0 controls other
/// than newline and tab, DEL, C1 controls, and the bidi marks, embeddings, overrides and isolates
/// that reorder what is shown.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}'
        )
}

/// Characters dropped outright from article text: unsafe ones, zero-width spaces, BOM.
/// The zero-width joiner goes too: terminals disagree on its width (and on the width of the
/// emoji sequences it builds), so keeping it would let the screen and the wrapping drift apart.
fn is_dropped(c: char) -> bool {
    (is_unsafe(c) || c == '\t')
        || matches!(
            c,
            '\u{200b}' | '\u{200d}' | '\u{feff}' | '\u{2060}' | '\u{00ad}'
        )
}

/// Spaces that become a plain space.
fn is_space_like(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{0b}' | '\u{0c}'
    )
}

/// Skip a terminal escape sequence whose introducer was just read. `c` is ESC or an 8-bit C1
/// introducer; consumes the rest of the sequence from `it`.
fn skip_escape(c: char, it: &mut std::str::Chars<'_>) {
    let csi = |it: &mut std::str::Chars<'_>| {
        for d in it.by_ref() {
            if ('\u{40}'..='\u{7e}').contains(&d) {
                break;
            }
        }
    };
    let string = |it: &mut std::str::Chars<'_>| {
        while let Some(d) = it.next() {
            if d == '\u{7}' || d == '\u{9c}' {
                break;
            }
            if d == '\u{1b}' {
                if it.clone().next() == Some('\\') {
                    it.next();
                }
                break;
            }
        }
    };
    match c {
        '\u{9b}' => csi(it),
        '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => string(it),
        _ => match it.clone().next() {
            Some('[') => {
                it.next();
                csi(it)
            }
            Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
                it.next();
                string(it)
            }
            Some(_) => {
                it.next();
            }
            None => {}
        },
    }
}

/// Canonical text: escape sequences stripped, CRLF/CR → LF, `\'`/`\"` unescaped, spaces
/// normalised, controls removed, trailing spaces trimmed per line, NFC. One pass (plus NFC only
/// when the text is not already NFC), so offsets are deterministic and loading stays linear.
pub fn canonicalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let bytes = raw.as_bytes();
    let mut i = 0;
    let trim_line = |out: &mut String| {
        let keep = out.trim_end_matches(' ').len();
        out.truncate(keep);
    };
    while i < bytes.len() {
        // Copy runs of plain printable ASCII at once; only the rest goes char by char.
        let run = bytes[i..]
            .iter()
            .position(|&b| !(0x20..0x7f).contains(&b) || b == b'\\')
            .unwrap_or(bytes.len() - i);
        out.push_str(&raw[i..i + run]);
        i += run;
        if i >= bytes.len() {
            break;
        }
        let mut it = raw[i..].chars();
        let Some(c) = it.next() else { break };
        match c {
            '\u{1b}' | '\u{9b}' | '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                skip_escape(c, &mut it)
            }
            '\r' => {
                if it.clone().next() == Some('\n') {
                    it.next();
                }
                trim_line(&mut out);
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                trim_line(&mut out);
                out.push('\n');
            }
            '\\' if matches!(it.clone().next(), Some('\'') | Some('"')) => {
                if let Some(q) = it.next() {
                    out.push(q);
                }
            }
            c if is_space_like(c) => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
        // Position after what the iterator consumed.
        i = bytes.len() - it.as_str().len();
    }
    trim_line(&mut out);
    if unicode_normalization::is_nfc_quick(out.chars()) == unicode_normalization::IsNormalized::Yes
    {
        out
    } else {
        out.nfc().collect()
    }
}

/// A string for the terminal or a text export (file names, titles, notes, tags, messages):
/// escape sequences removed with their payload, CR LF and lone CR and NEL become LF, other
/// unsafe characters (see [`is_unsafe`]) dropped; newlines and tabs are kept, everything else
/// is left as it is. Borrows when there is nothing to remove.
pub fn display(s: &str) -> std::borrow::Cow<'_, str> {
    clean(s, false)
}

/// [`display`] for a one-line place (a header, a list row, a file name): newlines and tabs
/// become spaces as well.
pub fn display_line(s: &str) -> std::borrow::Cow<'_, str> {
    clean(s, true)
}

fn clean(s: &str, one_line: bool) -> std::borrow::Cow<'_, str> {
    let special = |c: char| is_unsafe(c) || (one_line && (c == '\n' || c == '\t'));
    if !s.chars().any(special) {
        return std::borrow::Cow::Borrowed(s);
    }
    let newline = if one_line { ' ' } else { '\n' };
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        match c {
            '\u{1b}' | '\u{9b}' | '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                skip_escape(c, &mut it)
            }
            '\r' => {
                if it.clone().next() == Some('\n') {
                    it.next();
                }
                out.push(newline);
            }
            '\n' | '\u{85}' => out.push(newline),
            '\t' if one_line => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Serialised JSON made safe for a terminal without losing anything: every unsafe character
/// (they can only occur inside strings) is written as a `\uXXXX` escape, which JSON readers
/// turn back into the same character.
pub fn escape_json(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            // all unsafe characters are in the Basic Multilingual Plane
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        let cases = [
            ("a\r\nb\rc", "a\nb\nc"),
            ("Syria\\'s \\\"x\\\"", "Syria's \"x\""),
            ("5\u{a0}March", "5 March"),
            ("\u{feff}Title", "Title"),
            ("red\u{1b}[31mtext\u{1b}[0m", "redtext"),
            (
                "link\u{1b}]8;;http://x\u{7}here\u{1b}]8;;\u{1b}\\",
                "linkhere",
            ),
            ("bidi\u{202e}evil", "bidievil"),
            ("e\u{301}", "é"),
            ("zero\u{200b}width", "zerowidth"),
            ("joi\u{200d}ner", "joiner"),
            (
                "family \u{1f468}\u{200d}\u{1f469}",
                "family \u{1f468}\u{1f469}",
            ),
            ("tab\there   \nnext", "tab here\nnext"),
            ("bell\u{7}x\u{9b}2Jy", "bellxy"),
        ];
        for (input, want) in cases {
            assert_eq!(canonicalize(input), want, "input {input:?}");
        }
    }

    #[test]
    fn display_forms() {
        let cases = [
            ("plain\ttext\nnext", "plain\ttext\nnext", "plain text next"),
            ("a\u{1b}]2;pwned\u{7}b", "ab", "ab"),
            ("a\u{1b}]52;c;aGk=\u{1b}\\b", "ab", "ab"),
            ("red\u{1b}[31mx\u{9b}2Jy", "redxy", "redxy"),
            (
                "bidi\u{202e}evil\u{2066}x\u{2069}",
                "bidievilx",
                "bidievilx",
            ),
            ("c1\u{80}\u{8f}x\u{85}y", "c1x\ny", "c1x y"),
            ("cr\r\nlf\rx\u{7f}\u{0}", "cr\nlf\nx", "cr lf x"),
            (
                "keeps \\' \u{200b} é \u{a0}",
                "keeps \\' \u{200b} é \u{a0}",
                "keeps \\' \u{200b} é \u{a0}",
            ),
        ];
        for (input, multi, one) in cases {
            assert_eq!(display(input), multi, "input {input:?}");
            assert_eq!(display_line(input), one, "input {input:?}");
        }
        assert!(matches!(display("clean"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_round_trip() {
        let raw = "x\u{9b}y\u{202e}z\u{7f}";
        let json = serde_json::to_string(&raw).expect("json");
        let safe = escape_json(&json);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: String = serde_json::from_str(&safe).expect("valid");
        assert_eq!(back, raw);
    }

    #[test]
    fn binary_sniff() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0"));
        assert!(!looks_binary("plain text\nwith lines".as_bytes()));
    }
}
