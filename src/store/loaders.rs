//! One loader per input format. Each turns bytes into canonical text plus metadata and hands it
//! to `Article::build`. Loaders never panic on input: bad data becomes a `StoreError`.

use super::{canon, Article, Layout, Meta, StoreError};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Jsonl,
}

impl Format {
    pub fn from_extension(p: &Path) -> Option<Format> {
        let ext = p.extension()?.to_string_lossy().to_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            _ => return None,
        })
    }

    /// Guess from content when the name says nothing (stdin, unknown extension).
    pub fn sniff(text: &str) -> Format {
        let t = text.trim_start_matches('\u{feff}').trim_start();
        let low: String = t.chars().take(512).collect::<String>().to_lowercase();
        if low.starts_with("<!doctype html")
            || low.starts_with("<html")
            || (low.starts_with('<') && low.contains("<body"))
        {
            Format::Html
        } else if t.starts_with('{') || t.starts_with('[') {
            let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
            if lines.len() > 1
                && lines.iter().all(|l| l.trim_start().starts_with('{'))
                && serde_json::from_str::<Value>(t).is_err()
            {
                Format::Jsonl
            } else {
                Format::Json
            }
        } else if t.starts_with("---\n") || t.starts_with("---\r\n") || t.starts_with("+++\n") {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this are refused.
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: 50 * 1024 * 1024,
        }
    }
}

/// Load a file: one article, or several for JSON arrays and JSONL.
pub fn load_path(path: &Path, opts: &LoadOptions) -> Result<Vec<Article>, StoreError> {
    let label = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| StoreError::Io {
        path: label.clone(),
        err: e,
    })?;
    if meta.is_dir() {
        return Err(StoreError::Parse {
            path: label,
            msg: "is a folder; open it as a story".into(),
        });
    }
    if meta.len() > opts.max_bytes {
        return Err(StoreError::TooLarge {
            path: label,
            size: meta.len(),
            limit: opts.max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| StoreError::Io {
        path: label.clone(),
        err: e,
    })?;
    let fmt = Format::from_extension(path).unwrap_or_else(|| {
        Format::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]))
    });
    load_bytes(&bytes, fmt, Some(path.to_path_buf()), &label, opts)
}

/// Read all of stdin as one input (format sniffed).
pub fn load_stdin(opts: &LoadOptions) -> Result<Vec<Article>, StoreError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(opts.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::Io {
            path: "-".into(),
            err: e,
        })?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(StoreError::TooLarge {
            path: "-".into(),
            size: bytes.len() as u64,
            limit: opts.max_bytes,
        });
    }
    let fmt = Format::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]));
    let mut arts = load_bytes(&bytes, fmt, None, "-", opts)?;
    // Text piped in names no outlet of its own: say where it came from.
    for a in &mut arts {
        if a.source.trim().is_empty() {
            a.source = "stdin".into();
        }
    }
    Ok(arts)
}

/// Load from bytes already in memory.
pub fn load_bytes(
    bytes: &[u8],
    fmt: Format,
    path: Option<PathBuf>,
    label: &str,
    opts: &LoadOptions,
) -> Result<Vec<Article>, StoreError> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(StoreError::TooLarge {
            path: label.into(),
            size: bytes.len() as u64,
            limit: opts.max_bytes,
        });
    }
    if canon::looks_binary(bytes) {
        return Err(StoreError::Binary { path: label.into() });
    }
    let (raw, lossy) = canon::decode(bytes);
    let mut arts = match fmt {
        Format::Text => vec![one(
            canon::canonicalize(&raw),
            Meta::default(),
            path,
            label,
            fmt,
        )?],
        Format::Markdown => {
            let (meta, body) = front_matter(&raw, label)?;
            vec![one(
                canon::canonicalize(strip_markdown(body).trim()),
                meta,
                path,
                label,
                fmt,
            )?]
        }
        Format::Html => vec![super::html::load(&raw, path, label)?],
        Format::Json => {
            let v: Value = serde_json::from_str(&raw).map_err(|e| StoreError::Parse {
                path: label.into(),
                msg: format!("invalid JSON: {e}"),
            })?;
            let records: Vec<Value> = match v {
                Value::Array(a) => a,
                Value::Object(_) => vec![v],
                _ => {
                    return Err(StoreError::Parse {
                        path: label.into(),
                        msg: "expected a JSON object or an array of objects".into(),
                    })
                }
            };
            let n = records.len();
            let mut out = Vec::new();
            for (i, r) in records.iter().enumerate() {
                let l = if n > 1 {
                    format!("{label}#{}", i + 1)
                } else {
                    label.to_string()
                };
                out.push(json_record(r, path.clone(), &l)?);
            }
            out
        }
        Format::Jsonl => {
            let mut out = Vec::new();
            for (i, line) in raw.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let l = format!("{label}:{}", i + 1);
                let v: Value = serde_json::from_str(line).map_err(|e| StoreError::Parse {
                    path: l.clone(),
                    msg: format!("invalid JSON: {e}"),
                })?;
                out.push(json_record(&v, path.clone(), &l)?);
            }
            out
        }
    };
    if arts.is_empty() {
        return Err(StoreError::Empty { path: label.into() });
    }
    if lossy {
        for a in &mut arts {
            a.warnings.push(format!(
                "{label}: invalid UTF-8, decoded with replacement characters"
            ));
        }
    }
    Ok(arts)
}

pub(super) fn one(
    text: String,
    meta: Meta,
    path: Option<PathBuf>,
    label: &str,
    fmt: Format,
) -> Result<Article, StoreError> {
    one_with_layout(text, meta, path, label, fmt, &Layout::default())
}

/// [`one`] for text whose markup marked some blocks as subheadings or table cells.
pub(super) fn one_with_layout(
    text: String,
    meta: Meta,
    path: Option<PathBuf>,
    label: &str,
    fmt: Format,
    layout: &Layout,
) -> Result<Article, StoreError> {
    if text.trim().is_empty() {
        return Err(StoreError::Empty { path: label.into() });
    }
    Ok(Article::build_with_layout(
        text,
        meta,
        path,
        label.to_string(),
        fmt,
        layout,
    ))
}

pub(super) fn clean_meta(s: Option<String>) -> Option<String> {
    s.map(|v| {
        canon::canonicalize(&v)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    })
    .filter(|v| !v.is_empty())
}

/// YAML (`---`) or TOML (`+++`) front matter, then the body.
fn front_matter<'a>(raw: &'a str, label: &str) -> Result<(Meta, &'a str), StoreError> {
    let s = raw.trim_start_matches('\u{feff}');
    let (fence, is_toml) = if s.starts_with("---") {
        ("---", false)
    } else if s.starts_with("+++") {
        ("+++", true)
    } else {
        return Ok((Meta::default(), s));
    };
    let after = match s[3..].find('\n') {
        Some(i) => &s[3 + i + 1..],
        None => return Ok((Meta::default(), s)),
    };
    let mut end = None;
    let mut pos = 0;
    for line in after.split_inclusive('\n') {
        if line.trim_end() == fence {
            end = Some((pos, pos + line.len()));
            break;
        }
        pos += line.len();
    }
    let Some((fm_end, body_start)) = end else {
        return Ok((Meta::default(), s));
    };
    let fm = &after[..fm_end];
    let body = &after[body_start..];
    let v: Value = if is_toml {
        let t: toml::Value = toml::from_str(fm).map_err(|e| StoreError::Parse {
            path: label.into(),
            msg: format!("bad TOML front matter: {e}"),
        })?;
        serde_json::to_value(t).unwrap_or(Value::Null)
    } else {
        serde_yaml_ng::from_str(fm).map_err(|e| StoreError::Parse {
            path: label.into(),
            msg: format!("bad YAML front matter: {e}"),
        })?
    };
    Ok((meta_from_json(&v), body))
}

fn field(v: &Value, names: &[&str]) -> Option<String> {
    for n in names {
        match v.get(*n) {
            Some(Value::String(s)) => return Some(s.clone()),
            Some(Value::Number(x)) => return Some(x.to_string()),
            Some(Value::Object(o)) => {
                if let Some(Value::String(s)) = o.get("name") {
                    return Some(s.clone());
                }
            }
            Some(Value::Array(a)) => {
                let parts: Vec<String> = a
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect();
                if !parts.is_empty() {
                    return Some(parts.join(", "));
                }
            }
            _ => {}
        }
    }
    None
}

fn meta_from_json(v: &Value) -> Meta {
    Meta {
        title: clean_meta(field(v, &["title", "headline"])),
        source: clean_meta(field(
            v,
            &[
                "source",
                "outlet",
                "publisher",
                "site",
                "site_name",
                "siteName",
            ],
        )),
        url: clean_meta(field(v, &["url", "link", "canonical"])),
        published: clean_meta(field(
            v,
            &[
                "published",
                "date",
                "published_at",
                "publishedAt",
                "datePublished",
                "pubDate",
            ],
        )),
        byline: clean_meta(field(v, &["author", "byline", "authors"])),
    }
}

fn json_record(v: &Value, path: Option<PathBuf>, label: &str) -> Result<Article, StoreError> {
    if !v.is_object() {
        return Err(StoreError::Parse {
            path: label.into(),
            msg: "record is not a JSON object".into(),
        });
    }
    let meta = meta_from_json(v);
    let body = if let Some(Value::Array(ps)) = v.get("paragraphs") {
        ps.iter()
            .filter_map(|p| {
                p.as_str()
                    .map(str::to_string)
                    .or_else(|| p.get("text").and_then(Value::as_str).map(str::to_string))
            })
            .map(|p| p.trim().replace("\n\n", "\n"))
            .collect::<Vec<_>>()
            .join("\n\n")
    } else if let Some(t) = field(v, &["text", "content", "body", "article"]) {
        t
    } else {
        return Err(StoreError::Parse {
            path: label.into(),
            msg: "record has no \"text\" or \"paragraphs\" field".into(),
        });
    };
    let mut text = canon::canonicalize(&body);
    // Records that carry the title separately get it as the first block, as a page would.
    if let Some(t) = &meta.title {
        if !text.trim_start().starts_with(t.as_str()) {
            text = format!("{t}\n\n{text}");
        }
    }
    one(text, meta, path, label, Format::Json)
}

/// Markdown to reading text: heading marks, emphasis and link targets go; text stays. A
/// backslash before ASCII punctuation makes it plain text (`\*` is a star), as in CommonMark.
fn strip_markdown(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        let t = if t.starts_with('#') {
            t.trim_start_matches('#').trim_start()
        } else if let Some(rest) = t.strip_prefix("> ") {
            rest
        } else {
            line
        };
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                    out.extend(chars.next());
                }
                '*' => {}
                '_' if chars.peek() == Some(&c) => {
                    chars.next();
                }
                '[' => {
                    // [text](url) → text
                    let mut inner = String::new();
                    let mut closed = false;
                    for d in chars.by_ref() {
                        if d == ']' {
                            closed = true;
                            break;
                        }
                        inner.push(d);
                    }
                    out.push_str(&inner);
                    if closed && chars.peek() == Some(&'(') {
                        for d in chars.by_ref() {
                            if d == ')' {
                                break;
                            }
                        }
                    } else if !closed {
                        out.insert(out.len() - inner.len(), '[');
                    }
                }
                _ => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(s: &str, fmt: Format) -> Vec<Article> {
        load_bytes(s.as_bytes(), fmt, None, "t", &LoadOptions::default()).expect("loads")
    }

    #[test]
    fn markdown_front_matter() {
        let a = &load("---\ntitle: Flood Talks\nsource: The Ledger\nurl: https://x.test/a\npublished: 2031-04-02\n---\n# Flood Talks\n\nBody **one** with [a link](http://x).\n\nBody two.\n", Format::Markdown)[0];
        assert_eq!(a.title, "Flood Talks");
        assert_eq!(a.source, "The Ledger");
        assert_eq!(a.published.as_deref(), Some("2031-04-02"));
        assert_eq!(a.para_text(1), "Body one with a link.");
        let a = &load(
            "+++\ntitle = \"T\"\nsource = \"S\"\n+++\nText here.\n",
            Format::Markdown,
        )[0];
        assert_eq!(a.source, "S");
    }

    #[test]
    fn json_and_jsonl_records() {
        let a = load(
            r#"[{"title":"A","source":"S1","paragraphs":["p1.","p2."]},{"title":"B","text":"x.\n\ny."}]"#,
            Format::Json,
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].paragraphs.len(), 3);
        assert_eq!(a[0].source, "S1");
        let a = load(
            "{\"title\":\"A\",\"text\":\"one\"}\n\n{\"title\":\"B\",\"text\":\"two\"}\n",
            Format::Jsonl,
        );
        assert_eq!(a.len(), 2);
        let e = load_bytes(
            b"{\"title\": 3}",
            Format::Json,
            None,
            "bad.json",
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("no \"text\""), "{e}");
    }

    #[test]
    fn html_page() {
        let page = r#"<!doctype html><html><head><title>Storm Hits Town | Ledger</title>
<meta property="og:site_name" content="The Ledger"><meta property="article:published_time" content="2031-04-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Storm Hits Town</h1>
<p>PORTVILLE (Ledger) - The storm hit the town at dawn on Tuesday, flooding the lower streets and cutting power to thousands of homes along the river.</p>
<p>Emergency crews worked through the night to reach families stranded on the upper floors of their houses, officials said in a statement.</p>
<p>The mayor said the flood barriers built last year had held in the north of the town but failed near the old harbour.</p></article>
<footer>© The Ledger. All rights reserved.</footer></body></html>"#;
        let a = &load(page, Format::Html)[0];
        assert_eq!(a.source, "The Ledger");
        assert!(a.text.contains("Emergency crews"));
        assert!(!a.text.contains("Home World"));
        assert!(a.paragraphs.len() >= 3, "{:?}", a.paragraphs);
    }

    #[test]
    fn bad_input() {
        let o = LoadOptions::default();
        assert!(matches!(
            load_bytes(b"\x00\x01\x02binary", Format::Text, None, "b", &o),
            Err(StoreError::Binary { .. })
        ));
        assert!(matches!(
            load_bytes(b"  \n\n ", Format::Text, None, "e", &o),
            Err(StoreError::Empty { .. })
        ));
        let a = load_bytes(b"caf\xe9 ok", Format::Text, None, "l", &o).expect("lossy");
        assert_eq!(a[0].warnings.len(), 1);
        let small = LoadOptions { max_bytes: 3 };
        assert!(matches!(
            load_bytes(b"four", Format::Text, None, "big", &small),
            Err(StoreError::TooLarge { .. })
        ));
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff("{\"a\":1}\n{\"a\":2}"), Format::Jsonl);
        assert_eq!(Format::sniff("[{\"a\":1}]"), Format::Json);
        assert_eq!(Format::sniff("---\ntitle: x\n---\n"), Format::Markdown);
        assert_eq!(Format::sniff("Just text"), Format::Text);
    }
}
