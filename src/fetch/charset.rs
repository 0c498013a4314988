//! Which character encoding a fetched page is in, and its text as UTF-8: a byte-order mark, the
//! Content-Type header, the page's own `<meta charset>` or `http-equiv`, else UTF-8 when valid,
//! else windows-1252 (what browsers assume for unlabelled Western pages).

use encoding_rs::Encoding;

/// A body turned into text.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding used, by its WHATWG name.
    pub encoding: &'static str,
    /// Some bytes were not valid in that encoding and were replaced.
    pub lossy: bool,
}

/// Decode `bytes` by the first encoding declared: BOM, header, then meta tag.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    let declared = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| content_type.and_then(from_content_type))
        .or_else(|| from_meta(bytes));
    let enc = declared.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            encoding_rs::WINDOWS_1252
        }
    });
    let (text, used, lossy) = enc.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: used.name(),
        lossy,
    }
}

/// The `charset` parameter of a Content-Type value.
pub fn from_content_type(ct: &str) -> Option<&'static Encoding> {
    ct.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(v.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

/// A charset declared by a `<meta>` tag near the start of the page: `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
pub fn from_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    // Declarations must come early; browsers look at the first kilobyte, we are more lenient.
    let head = &bytes[..bytes.len().min(4096)];
    let low: Vec<u8> = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = find(&low[at..], b"<meta") {
        let start = at + i + 5;
        let end = find(&low[start..], b">").map_or(low.len(), |j| start + j);
        let tag = &low[start..end];
        if let Some(k) = find(tag, b"charset") {
            let rest = &tag[k + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|c| {
                        matches!(c, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')
                            || c.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if let Some(e) = Encoding::for_label(&rest[..len]) {
                    // A page cannot really be in UTF-16 if its ASCII tag is readable.
                    return Some(
                        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                            encoding_rs::UTF_8
                        } else {
                            e
                        },
                    );
                }
            }
        }
        at = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_charset_decides_header_first() {
        let latin = b"<meta charset=\"utf-8\"><p>caf\xe9</p>";
        let d = decode(latin, Some("text/html; charset=ISO-8859-1"));
        assert!(d.text.contains("café"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
        assert!(!d.lossy);
    }

    #[test]
    fn meta_tags_declare_the_charset_in_both_forms() {
        let cases: [&[u8]; 3] = [
            b"<html><head><meta charset=windows-1252><p>na\xefve</p>",
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>na\xefve",
            b"<META CHARSET='latin1'><p>na\xefve",
        ];
        for c in cases {
            let d = decode(c, Some("text/html"));
            assert!(d.text.contains("naïve"), "{}", d.text);
        }
    }

    #[test]
    fn undeclared_pages_are_utf8_when_valid_else_windows_1252() {
        assert_eq!(decode("señal".as_bytes(), None).text, "señal");
        assert_eq!(decode(b"se\xf1al", None).text, "señal");
        assert_eq!(
            decode(b"\xef\xbb\xbfhi", Some("text/html; charset=latin1")).text,
            "hi"
        );
    }
}
