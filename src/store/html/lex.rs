//! A linear, never-failing HTML tokenizer: enough to measure a page's shape and to strip its
//! tags. Depends on nothing else in the crate.

/// One piece of markup, as a tolerant tokenizer sees it.
#[derive(Debug, PartialEq)]
pub(super) enum Piece<'a> {
    Text(&'a str),
    /// An opening tag: its name, whether it ends in `/>`, and its whole source text.
    Open {
        name: &'a str,
        self_closing: bool,
        source: &'a str,
    },
    Close(&'a str),
    /// Comments, doctypes, processing instructions, tags cut off by the end of the input.
    Other,
}

/// Elements whose content is raw text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];
pub(super) fn is_one_of(name: &str, set: &[&str]) -> bool {
    set.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// A linear, never-failing HTML tokenizer, precise enough to measure a page's shape and to
/// strip its tags.
pub(super) struct Lexer<'a> {
    s: &'a str,
    pos: usize,
    /// Inside a raw-text element: its name.
    raw: Option<&'static str>,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(s: &'a str) -> Self {
        Lexer {
            s,
            pos: 0,
            raw: None,
        }
    }
}

fn find_bytes(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Start of `</name` (ASCII case-insensitive, followed by a delimiter or the end) at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(p) = find_bytes(b, at, b"</") {
        let n = p + 2;
        let end = n + name.len();
        if b.get(n..end)
            .is_some_and(|x| x.eq_ignore_ascii_case(name.as_bytes()))
            && b.get(end)
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        {
            return Some(p);
        }
        at = n;
    }
    None
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let (s, b) = (self.s, self.s.as_bytes());
        let start = self.pos;
        if start >= b.len() {
            return None;
        }
        if let Some(name) = self.raw.take() {
            let end = find_end_tag(b, start, name).unwrap_or(b.len());
            if end > start {
                self.pos = end;
                return Some(Piece::Text(&s[start..end]));
            }
        }
        if b[start] != b'<' {
            let end = b[start..]
                .iter()
                .position(|&c| c == b'<')
                .map_or(b.len(), |p| start + p);
            self.pos = end;
            return Some(Piece::Text(&s[start..end]));
        }
        let rest = &b[start..];
        let to_gt = |from: usize| {
            b[from..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |p| from + p + 1)
        };
        if rest.starts_with(b"<!--") {
            self.pos = find_bytes(b, start + 4, b"-->").map_or(b.len(), |p| p + 3);
            return Some(Piece::Other);
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            self.pos = to_gt(start + 2);
            return Some(Piece::Other);
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if closing {
                // "</" without a name is a bogus comment up to '>'
                self.pos = to_gt(name_start);
                return Some(Piece::Other);
            }
            self.pos = start + 1;
            return Some(Piece::Text(&s[start..start + 1]));
        }
        let mut i = name_start;
        while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'/' || b[i] == b'>') {
            i += 1;
        }
        // Every byte that ends a name is ASCII, so both ends are char boundaries.
        let name = &s[name_start..i];
        // Attributes up to '>'; a quote opens a value only right after '='.
        let mut quote: Option<u8> = None;
        let mut last = 0u8;
        let mut end = None;
        while i < b.len() {
            let c = b[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if (c == b'"' || c == b'\'') && last == b'=' => quote = Some(c),
                None if c == b'>' => {
                    end = Some(i + 1);
                    break;
                }
                None => {}
            }
            if !c.is_ascii_whitespace() {
                last = c;
            }
            i += 1;
        }
        let Some(end) = end else {
            // a tag cut off by the end of the input is dropped, as a browser does
            self.pos = b.len();
            return Some(Piece::Other);
        };
        self.pos = end;
        if closing {
            return Some(Piece::Close(name));
        }
        if let Some(r) = RAW_TEXT.iter().find(|r| r.eq_ignore_ascii_case(name)) {
            self.raw = Some(*r);
        }
        Some(Piece::Open {
            name,
            self_closing: last == b'/',
            source: &s[start..end],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexer_pieces() {
        let p: Vec<Piece> =
            Lexer::new("a<b class=\"x>y\">c</B><!-- <i> --><br/>&<3<script>1<2</script>").collect();
        assert_eq!(
            p,
            [
                Piece::Text("a"),
                Piece::Open {
                    name: "b",
                    self_closing: false,
                    source: "<b class=\"x>y\">"
                },
                Piece::Text("c"),
                Piece::Close("B"),
                Piece::Other,
                Piece::Open {
                    name: "br",
                    self_closing: true,
                    source: "<br/>"
                },
                Piece::Text("&"),
                Piece::Text("<"),
                Piece::Text("3"),
                Piece::Open {
                    name: "script",
                    self_closing: false,
                    source: "<script>"
                },
                Piece::Text("1<2"),
                Piece::Close("script"),
            ]
        );
        // cut-off input never panics and ends
        for s in [
            "<",
            "</",
            "<a",
            "<a b='",
            "<!--",
            "<!",
            "<script>x",
            "ü<é",
            "<ü>",
        ] {
            let _ = Lexer::new(s).count();
        }
    }
}
