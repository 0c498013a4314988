//! Plain-text reading of HTML for pages too complex for article extraction.
//! Depends on nothing else in the crate.

use super::lex::{is_one_of, Lexer, Piece};

/// Elements that start a new block of text.
pub(super) const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
];
/// Elements whose content is not reading text.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "iframe",
];

/// Plain-text reading of a page: tags stripped, blocks separated by blank lines, entities
/// decoded, scripts and styles dropped. Returns the `<title>` too. Linear in the input.
pub(super) fn plain_text(raw: &str) -> (Option<String>, String) {
    let mut out = String::with_capacity(raw.len() / 2);
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut hidden = 0usize;
    let block_break = |out: &mut String| {
        let t = out.trim_end_matches(' ').len();
        out.truncate(t);
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
    };
    for piece in Lexer::new(raw) {
        match piece {
            Piece::Open {
                name, self_closing, ..
            } => {
                if name.eq_ignore_ascii_case("title") {
                    in_title = true;
                } else if is_one_of(name, HIDDEN) && !self_closing {
                    hidden += 1;
                } else if name.eq_ignore_ascii_case("br") {
                    let t = out.trim_end_matches(' ').len();
                    out.truncate(t);
                    out.push('\n');
                } else if is_one_of(name, BLOCK) {
                    block_break(&mut out);
                } else if is_one_of(name, &["td", "th", "img"]) && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            Piece::Close(name) => {
                if name.eq_ignore_ascii_case("title") {
                    in_title = false;
                } else if is_one_of(name, HIDDEN) {
                    hidden = hidden.saturating_sub(1);
                } else if is_one_of(name, BLOCK) {
                    block_break(&mut out);
                }
            }
            Piece::Text(t) if in_title => {
                if title.is_none() {
                    let mut s = String::new();
                    decode_entities(t, &mut s);
                    title = Some(s);
                }
            }
            Piece::Text(t) if hidden == 0 => {
                let mut s = String::new();
                decode_entities(t, &mut s);
                let space = |c: char| c.is_ascii_whitespace();
                let lead = s.starts_with(space);
                let words = s.split(space).filter(|w| !w.is_empty());
                for (i, w) in words.enumerate() {
                    if (i > 0 || lead) && !out.is_empty() && !out.ends_with(['\n', ' ']) {
                        out.push(' ');
                    }
                    out.push_str(w);
                }
                if s.ends_with(space) && !out.is_empty() && !out.ends_with(['\n', ' ']) {
                    out.push(' ');
                }
            }
            Piece::Text(_) | Piece::Other => {}
        }
    }
    (title, out)
}

/// A few named entities news pages use; numeric references cover the rest.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("middot", '·'),
    ("bull", '•'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("shy", '\u{ad}'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("auml", 'ä'),
    ("szlig", 'ß'),
    ("ccedil", 'ç'),
    ("ntilde", 'ñ'),
];

/// `s` with character references decoded; unknown ones stay as written.
pub fn decode_entities_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    decode_entities(s, &mut out);
    out
}

/// Append `s` to `out` with character references decoded; unknown ones stay as written.
fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        // '&' is one byte, so p + 1 is a char boundary
        let after = &rest[p + 1..];
        match entity(after) {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// The character a reference starting just after '&' stands for, and how many bytes it used.
fn entity(after: &str) -> Option<(char, usize)> {
    let semi = |n: usize| usize::from(after.as_bytes().get(n) == Some(&b';'));
    if let Some(num) = after.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, num),
        };
        let len = digits
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], if hex { 16 } else { 10 }).ok();
        let c = value
            .filter(|v| *v != 0)
            .and_then(char::from_u32)
            .unwrap_or('\u{fffd}');
        let used = 1 + usize::from(hex) + len;
        return Some((c, used + semi(used)));
    }
    let len = after
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .take(10)
        .count();
    let name = &after[..len];
    let c = ENTITIES.iter().find(|(n, _)| *n == name)?.1;
    Some((c, len + semi(len)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_reading() {
        let (title, text) = plain_text(
            "<html><head><title>Flood &amp; Storm</title><style>p{}</style></head><body>\
             <h1>Flood</h1><p>Water rose&nbsp;3&#160;m at <b>dawn</b>.<br>Crews came.</p>\
             <script>var x = '<p>';</script><div>Next &#x201C;block&#8221; &bogus; &#0;</div></body></html>",
        );
        assert_eq!(title.as_deref(), Some("Flood & Storm"));
        assert_eq!(
            text.trim(),
            "Flood\n\nWater rose\u{a0}3\u{a0}m at dawn.\nCrews came.\n\nNext “block” &bogus; \u{fffd}"
        );
    }
}
