//! Text canonicalisation: the one place raw bytes become the text every offset refers to.
//! Depends on nothing else in the crate.

use unicode_normalization::UnicodeNormalization;

/// Decode bytes as UTF-8; invalid sequences are replaced and reported.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
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

/// Remove terminal escape sequences (CSI, OSC, DCS, two-byte ESC forms, and 8-bit C1 forms).
fn strip_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\u{1b}' => match it.peek().copied() {
                Some('[') => {
                    it.next();
                    // parameters and intermediates, then one final byte 0x40..=0x7e
                    for d in it.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&d) {
                            break;
                        }
                    }
                }
                Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
                    it.next();
                    // string until BEL or ST (ESC \)
                    while let Some(d) = it.next() {
                        if d == '\u{7}' || d == '\u{9c}' {
                            break;
                        }
                        if d == '\u{1b}' {
                            if it.peek() == Some(&'\\') {
                                it.next();
                            }
                            break;
                        }
                    }
                }
                Some(_) => {
                    it.next();
                }
                None => {}
            },
            '\u{9b}' => {
                for d in it.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&d) {
                        break;
                    }
                }
            }
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                for d in it.by_ref() {
                    if d == '\u{7}' || d == '\u{9c}' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Characters dropped outright: controls, bidi controls, zero-width spaces, BOM.
fn is_dropped(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
                | '\u{061c}'
                | '\u{2060}'
                | '\u{00ad}'
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

/// Canonical text: escapes stripped, CRLF/CR → LF, `\'`/`\"` unescaped, spaces normalised,
/// controls removed, trailing spaces trimmed per line, NFC. Deterministic, so offsets are stable.
pub fn canonicalize(raw: &str) -> String {
    let s = strip_escapes(raw);
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\r' => {
                if it.peek() == Some(&'\n') {
                    it.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\\' if matches!(it.peek(), Some('\'') | Some('"')) => {
                if let Some(q) = it.next() {
                    out.push(q);
                }
            }
            c if is_space_like(c) => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    let nfc: String = out.nfc().collect();
    let mut trimmed = String::with_capacity(nfc.len());
    for (i, line) in nfc.split('\n').enumerate() {
        if i > 0 {
            trimmed.push('\n');
        }
        trimmed.push_str(line.trim_end_matches(' '));
    }
    trimmed
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
            ("tab\there   \nnext", "tab here\nnext"),
            ("bell\u{7}x\u{9b}2Jy", "bellxy"),
        ];
        for (input, want) in cases {
            assert_eq!(canonicalize(input), want, "input {input:?}");
        }
    }

    #[test]
    fn binary_sniff() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0"));
        assert!(!looks_binary("plain text\nwith lines".as_bytes()));
    }
}
