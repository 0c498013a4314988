//! Saving articles into a story folder: Markdown with YAML front matter under a readable file
//! name, and the raw page beside it. Every write goes through a temporary file with an
//! unpredictable name created exclusively in the target folder, synced, then renamed into
//! place, so a failure leaves nothing half-written and no link in the folder redirects a write.

use super::{is_own_file, load_path, Article, Format, Kind, LoadOptions};
use serde::Serialize;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The hidden folder, inside a story folder, that keeps the pages articles were taken from.
pub const PAGES_DIR: &str = ".diptych-pages";

/// The front matter of a saved article, in the order it is written.
#[derive(Debug, Serialize)]
pub struct FrontMatter<'a> {
    pub title: &'a str,
    pub source: &'a str,
    pub url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<&'a str>,
    pub fetched: &'a str,
}

/// The article as Markdown: front matter, the title as a heading, then one paragraph per
/// block. Paragraphs the loader judged boilerplate (menus, share buttons) are left out.
pub fn to_markdown(article: &Article, front: &FrontMatter) -> String {
    let yaml = serde_yaml_ng::to_string(front).unwrap_or_default();
    let mut out = format!("---\n{yaml}---\n\n");
    let has_title = article
        .paragraphs
        .first()
        .is_some_and(|p| p.kind == Kind::Title);
    if !has_title {
        out.push_str(&format!(
            "# {}\n\n",
            escape_markdown(&one_line(front.title))
        ));
    }
    for (i, p) in article.paragraphs.iter().enumerate() {
        let text = article.para_text(i).trim();
        if p.kind == Kind::Boilerplate || text.is_empty() {
            continue;
        }
        if p.kind == Kind::Title {
            out.push_str("# ");
            out.push_str(&escape_markdown(&one_line(text)));
        } else {
            out.push_str(&escape_markdown(text));
        }
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Text with a backslash before every character the Markdown reader would take as markup
/// (emphasis, link brackets, a backslash, a heading or quote mark opening a line), so the
/// saved article reads back exactly as it was extracted.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        if body.starts_with('#') || body.starts_with('>') {
            out.push('\\');
        }
        for c in body.chars() {
            if matches!(c, '\\' | '*' | '_' | '[' | ']') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A readable file stem: `<date>-<outlet>-<title>`, lower case, words joined by hyphens.
pub fn file_stem(date: &str, outlet: &str, title: &str) -> String {
    let parts = [slug(date, 10), slug(outlet, 30), slug(title, 60)];
    let stem = parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "article".to_string()
    } else {
        stem
    }
}

/// Letters and digits kept (lower case), everything else one hyphen; at most `max` chars, cut
/// at a word boundary when there is one.
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').to_string();
    if out.chars().count() > max {
        let cut: String = out.chars().take(max).collect();
        out = match cut.rfind('-') {
            Some(i) if i > max / 2 => cut[..i].to_string(),
            _ => cut.trim_end_matches('-').to_string(),
        };
    }
    out
}

/// The saved articles of a folder by their `url` front matter field: (url, file).
pub fn saved_urls(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let opts = LoadOptions::default();
    let mut out = Vec::new();
    for p in rd.filter_map(|e| e.ok().map(|e| e.path())) {
        if !p.is_file() || is_own_file(&p) || Format::from_extension(&p) != Some(Format::Markdown) {
            continue;
        }
        if let Ok(arts) = load_path(&p, &opts) {
            for a in arts {
                if let Some(u) = a.url {
                    out.push((u, p.clone()));
                }
            }
        }
    }
    out.sort();
    out
}

/// Write `bytes` to a new file `<stem>.<ext>` in `dir`, or `<stem>-2.<ext>`, `-3` … when the
/// name is taken. Returns the path written.
pub fn write_new(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let tmp = temp_with(dir, bytes)?;
    let mut tmp = Some(tmp);
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let target = dir.join(name);
        if fs::symlink_metadata(&target).is_ok() {
            continue;
        }
        match tmp
            .take()
            .expect("temporary file")
            .persist_noclobber(&target)
        {
            Ok(_) => {
                sync_dir(dir);
                return Ok(target);
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = Some(e.file),
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::other("no free file name"))
}

/// Replace the regular file at `path` with `bytes`. A link or anything but a regular file
/// there is refused.
pub fn write_over(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => {
            return Err(io::Error::other(format!(
                "{} is not a regular file; not overwriting it",
                path.display()
            )))
        }
        _ => {}
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = temp_with(dir, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// The folder of raw pages inside `dir`, created when missing; refused when it is a link.
pub fn pages_dir(dir: &Path) -> io::Result<PathBuf> {
    let p = dir.join(PAGES_DIR);
    match fs::symlink_metadata(&p) {
        Ok(m) if m.file_type().is_dir() => Ok(p),
        Ok(_) => Err(io::Error::other(format!("{} is not a folder", p.display()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir(&p)?;
            Ok(p)
        }
        Err(e) => Err(e),
    }
}

fn temp_with(dir: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(".diptych-").suffix(".tmp");
    // Saved articles are ordinary documents, readable like the files around them.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o644));
    }
    let mut tmp = b.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_bytes;

    fn load(text: &str, fmt: Format) -> Article {
        load_bytes(text.as_bytes(), fmt, None, "t", &LoadOptions::default())
            .unwrap()
            .remove(0)
    }

    /// The article saved as Markdown with `fm`, loaded back; and the Markdown.
    fn reload(a: &Article, fm: &FrontMatter) -> (Article, String) {
        let md = to_markdown(a, fm);
        (load(&md, Format::Markdown), md)
    }

    #[test]
    fn slugs_are_readable_and_bounded() {
        assert_eq!(slug("The Tern Gazette", 30), "the-tern-gazette");
        assert_eq!(
            slug("  Ferry: fares up 12% — again!  ", 60),
            "ferry-fares-up-12-again"
        );
        assert_eq!(slug("Café Ωmega", 30), "café-ωmega");
        assert_eq!(slug("one two three four", 10), "one-two");
        assert_eq!(file_stem("2030-06-04", "", "???"), "2030-06-04");
        assert_eq!(file_stem("", "", ""), "article");
    }

    #[test]
    fn saved_markdown_loads_back_with_its_metadata() {
        let html = "<html><head><title>Orchard fair opens</title></head><body><article>\
            <h1>Orchard fair opens</h1><p>The orchard fair in Moss Valley opened on Saturday \
            with forty stalls.</p><p>Organisers expect 3,000 visitors by Sunday evening.</p>\
            </article></body></html>";
        let a = load(html, Format::Html);
        let fm = FrontMatter {
            title: "Orchard fair: opens",
            source: "Moss Valley Post",
            url: "http://news.example/orchard",
            published: Some("2030-06-05"),
            author: None,
            fetched: "2030-06-06T10:00:00Z",
        };
        let (b, md) = reload(&a, &fm);
        assert_eq!(b.title, "Orchard fair: opens");
        assert_eq!(b.source, "Moss Valley Post");
        assert_eq!(b.url.as_deref(), Some("http://news.example/orchard"));
        assert!(b.text.contains("3,000 visitors"), "{}", b.text);
        assert!(!md.contains("author:"), "{md}");
    }

    #[test]
    fn text_with_markdown_characters_loads_back_unchanged() {
        let paras = [
            "Prices rose 5*3 times, said the C:\\temp report [sic].",
            "The __init__ file and *stars* and _one_ underscore stay.",
            "#1 seed: the team ranked first.",
            "> not a quote: a figure above 40",
            "A link-like [text](not a link) stays as written.",
            "Back\\slash before a star \\* stays too.",
        ];
        let body = paras.join("\n\n");
        let a = load(&body, Format::Text);
        let fm = FrontMatter {
            title: "Stars *and* [brackets]",
            source: "Post",
            url: "http://news.example/x",
            published: None,
            author: None,
            fetched: "2030-06-06T10:00:00Z",
        };
        let (b, md) = reload(&a, &fm);
        let texts = |x: &Article| {
            (0..x.paragraphs.len())
                .map(|i| x.para_text(i).to_string())
                .collect::<Vec<_>>()
        };
        let (ta, tb) = (texts(&a), texts(&b));
        for p in &ta {
            assert!(tb.contains(p), "{p:?} lost in {tb:?}\n{md}");
        }
    }

    #[test]
    fn new_files_take_the_next_free_name_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let a = write_new(dir.path(), "x", "md", b"1").unwrap();
        let b = write_new(dir.path(), "x", "md", b"2").unwrap();
        assert_eq!(a.file_name().unwrap(), "x.md");
        assert_eq!(b.file_name().unwrap(), "x-2.md");
        write_over(&a, b"3").unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"3");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
