//! The document store: articles, paragraphs and sentences over one canonical text, loaded from
//! plain text, Markdown, HTML, JSON/JSONL or stdin, and stories (folders of articles).
//! Must not depend on align, annotate, app, ui, ratatui or crossterm.

pub mod canon;
pub mod classify;
pub mod html;
pub mod layout;
pub mod loaders;
pub mod save;
pub mod segment;

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use layout::Layout;
pub use loaders::{load_bytes, load_path, load_stdin, Format, LoadOptions};

/// The role a paragraph plays in its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Title,
    Standfirst,
    Dateline,
    Body,
    Boilerplate,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Title => "title",
            Kind::Standfirst => "standfirst",
            Kind::Dateline => "dateline",
            Kind::Body => "body",
            Kind::Boilerplate => "boilerplate",
        }
    }
    /// Paragraphs that carry the article's content and take part in alignment.
    pub fn is_content(self) -> bool {
        matches!(self, Kind::Title | Kind::Standfirst | Kind::Body)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub chars: Range<usize>,
    pub bytes: Range<usize>,
    /// A line inside a block that looks like a stray headline or credit, left out of alignment.
    pub boilerplate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub index: usize,
    pub kind: Kind,
    pub chars: Range<usize>,
    pub bytes: Range<usize>,
    pub sentences: Vec<Sentence>,
}

/// Metadata a loader found (front matter, HTML meta tags, JSON fields).
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub byline: Option<String>,
}

/// Where the outlet name came from, so the UI can say how sure it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceEvidence {
    Metadata,
    Dateline,
    Credit,
    FileName,
}

#[derive(Debug, Clone)]
pub struct Article {
    /// Short content hash of the canonical text (stable across runs and machines).
    pub id: String,
    /// Full blake3 hash of the canonical text.
    pub text_hash: String,
    /// The file it came from; None for stdin and the built-in demo.
    pub path: Option<PathBuf>,
    /// How to name it to the user: a path, "-", or "demo/…".
    pub label: String,
    pub format: Format,
    pub title: String,
    pub source: String,
    pub source_evidence: SourceEvidence,
    pub url: Option<String>,
    pub published: Option<String>,
    pub byline: Option<String>,
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub warnings: Vec<String>,
}

/// Byte ranges of the non-empty blocks of `text`: blank-line separated, or one per line when the
/// text has no blank line. Ranges are trimmed of surrounding whitespace.
pub fn split_blocks(text: &str) -> Vec<Range<usize>> {
    let has_blank = text
        .split('\n')
        .collect::<Vec<_>>()
        .windows(3)
        .any(|w| w[1].trim().is_empty() && !w[0].trim().is_empty() && !w[2].trim().is_empty())
        || {
            // a blank line between two non-empty lines anywhere (windows misses runs of blanks)
            let mut seen_text = false;
            let mut blank_after_text = false;
            let mut found = false;
            for line in text.split('\n') {
                if line.trim().is_empty() {
                    if seen_text {
                        blank_after_text = true;
                    }
                } else {
                    if blank_after_text {
                        found = true;
                        break;
                    }
                    seen_text = true;
                }
            }
            found
        };
    let mut out = Vec::new();
    let mut pos = 0;
    let mut block_start: Option<usize> = None;
    let mut block_end = 0;
    for line in text.split_inclusive('\n') {
        let content_end = pos + line.trim_end_matches('\n').len();
        let blank = line.trim().is_empty();
        if has_blank {
            if blank {
                if let Some(s) = block_start.take() {
                    out.push(s..block_end);
                }
            } else {
                if block_start.is_none() {
                    block_start = Some(pos);
                }
                block_end = content_end;
            }
        } else if !blank {
            out.push(pos..content_end);
        }
        pos += line.len();
    }
    if let Some(s) = block_start {
        out.push(s..block_end);
    }
    out.into_iter()
        .filter_map(|r| {
            let piece = &text[r.clone()];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            (lead + trail < piece.len()).then(|| r.start + lead..r.end - trail)
        })
        .collect()
}

/// Converts byte offsets to char offsets, for offsets given in increasing order.
pub(crate) struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }
    pub fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

impl Article {
    /// Build an article from canonical text and metadata: blocks, kinds, sentences, outlet.
    pub fn build(
        text: String,
        meta: Meta,
        path: Option<PathBuf>,
        label: String,
        format: Format,
    ) -> Article {
        Article::build_with_layout(text, meta, path, label, format, &Layout::default())
    }

    /// [`Article::build`] for text whose markup marked some blocks as subheadings or table cells.
    pub fn build_with_layout(
        text: String,
        meta: Meta,
        path: Option<PathBuf>,
        label: String,
        format: Format,
        layout: &Layout,
    ) -> Article {
        let blocks = split_blocks(&text);
        let block_strs: Vec<&str> = blocks.iter().map(|r| &text[r.clone()]).collect();
        let kinds = classify::classify(&block_strs, meta.title.as_deref(), layout);
        let mut counter = CharCounter::new(&text);
        let mut paragraphs = Vec::with_capacity(blocks.len());
        let mut seen_body = false;
        for (index, (r, kind)) in blocks.iter().zip(&kinds).enumerate() {
            let block = &text[r.clone()];
            let cs = counter.at(r.start);
            let para_start = cs;
            let sent_ranges = segment::sentences(block);
            let nsent = sent_ranges.len();
            let mut sentences = Vec::with_capacity(nsent);
            for (si, sr) in sent_ranges.into_iter().enumerate() {
                let s = &block[sr.clone()];
                // A headline-shaped line standing alone in a body block (a related story pasted
                // with the text), or a lone outlet credit line.
                // Extracted HTML already has its layout; plain text keeps pasted lines.
                let own_line = block[sr.end..].starts_with('\n')
                    || (format != Format::Html
                        && sr.end == block.len()
                        && block[..sr.start].ends_with('\n'));
                // A table row is a line of its own too, and no stray.
                let stray = *kind == Kind::Body
                    && nsent > 1
                    && own_line
                    && !layout.is_cell(s)
                    && ((classify::is_headline(s)
                        && classify::capital_ratio(s) >= 0.6
                        && seen_body)
                        || (classify::is_crumb(s) && si > 0));
                let b = r.start + sr.start..r.start + sr.end;
                let cs = counter.at(b.start);
                let ce = counter.at(b.end);
                sentences.push(Sentence {
                    chars: cs..ce,
                    bytes: b,
                    boilerplate: stray,
                });
            }
            let ce = counter.at(r.end);
            let cs = para_start;
            if *kind == Kind::Body {
                seen_body = true;
            }
            paragraphs.push(Paragraph {
                index,
                kind: *kind,
                chars: cs..ce,
                bytes: r.clone(),
                sentences,
            });
        }
        let title = meta
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .or_else(|| {
                kinds
                    .iter()
                    .position(|k| *k == Kind::Title)
                    .map(|i| block_strs[i].to_string())
            })
            .or_else(|| {
                // first content sentence, shortened
                paragraphs
                    .iter()
                    .find(|p| p.kind == Kind::Body)
                    .and_then(|p| {
                        p.sentences
                            .first()
                            .map(|s| shorten(&text[s.bytes.clone()], 80))
                    })
            })
            .unwrap_or_else(|| "(untitled)".to_string());
        let (source, evidence) = match meta.source.clone().filter(|s| !s.trim().is_empty()) {
            Some(s) => (s, SourceEvidence::Metadata),
            None => match classify::infer_outlet(&block_strs, &kinds) {
                Some(o) => {
                    let from_dateline = block_strs.iter().any(|b| {
                        classify::dateline_match(b).and_then(|d| d.1).as_deref() == Some(o.as_str())
                    });
                    (
                        o,
                        if from_dateline {
                            SourceEvidence::Dateline
                        } else {
                            SourceEvidence::Credit
                        },
                    )
                }
                None => {
                    let stem = path
                        .as_deref()
                        .and_then(Path::file_stem)
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| label.clone());
                    (
                        classify::outlet_from_file_name(&stem),
                        SourceEvidence::FileName,
                    )
                }
            },
        };
        let hash = blake3::hash(text.as_bytes()).to_hex().to_string();
        // Names and metadata are shown on one line and exported: no escape sequence from a file
        // name or a meta tag survives into them.
        Article {
            id: hash[..16].to_string(),
            text_hash: hash,
            path,
            label: one_line(label),
            format,
            title: one_line(title),
            source: one_line(source),
            source_evidence: evidence,
            url: meta.url.map(one_line),
            published: meta.published.map(one_line),
            byline: meta.byline.map(one_line),
            text,
            paragraphs,
            warnings: Vec::new(),
        }
    }

    pub fn para_text(&self, i: usize) -> &str {
        self.paragraphs
            .get(i)
            .map(|p| &self.text[p.bytes.clone()])
            .unwrap_or("")
    }

    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text[s.bytes.clone()]
    }
}

/// A name or a metadata value for one line of display (see [`canon::display_line`]).
pub fn one_line(s: String) -> String {
    match canon::display_line(&s) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(o) => o,
    }
}

pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A story: several articles about one event, usually one folder.
#[derive(Debug, Clone)]
pub struct Story {
    pub name: String,
    pub root: Option<PathBuf>,
    pub articles: Vec<Article>,
    /// Files that were skipped, with the reason (binary, unreadable …).
    pub skipped: Vec<String>,
    /// True for the demo compiled into the binary.
    pub builtin: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {err}")]
    Io { path: String, err: std::io::Error },
    #[error(
        "{path}: file is {size} bytes, over the {limit}-byte limit (raise it with --max-size)"
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: looks like a binary file, not an article")]
    Binary { path: String },
    #[error("{path}: no text in this file")]
    Empty { path: String },
    #[error("{path}: no articles found (looked for .txt, .md, .html, .json, .jsonl files)")]
    NoArticles { path: String },
    #[error("{path}: {msg}")]
    Parse { path: String, msg: String },
}

/// Files that belong to diptych itself and are never articles.
pub fn is_own_file(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with(".diptych.json")
        || name.ends_with(".bak")
        || name.ends_with(".tmp")
        || name.starts_with('.')
}

impl Story {
    /// The article a name picks: an outlet named exactly, else the first whose file name or
    /// outlet contains it; case-insensitive.
    pub fn find_source(&self, want: &str) -> Option<usize> {
        let w = want.to_lowercase();
        self.articles
            .iter()
            .position(|a| a.source.to_lowercase() == w)
            .or_else(|| {
                self.articles.iter().position(|a| {
                    a.label.to_lowercase().contains(&w) || a.source.to_lowercase().contains(&w)
                })
            })
    }

    /// Load every article file directly in `dir`, sorted by file name. Unreadable or binary files
    /// are skipped and listed in `skipped`; a folder with no article is an error.
    pub fn load_dir(dir: &Path, opts: &LoadOptions) -> Result<Story, StoreError> {
        let rd = std::fs::read_dir(dir).map_err(|e| StoreError::Io {
            path: dir.display().to_string(),
            err: e,
        })?;
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && !is_own_file(p) && Format::from_extension(p).is_some())
            .collect();
        files.sort();
        let mut articles = Vec::new();
        let mut skipped = Vec::new();
        for f in files {
            match load_path(&f, opts) {
                Ok(mut arts) => articles.append(&mut arts),
                Err(e) => skipped.push(e.to_string()),
            }
        }
        if articles.is_empty() {
            return Err(StoreError::NoArticles {
                path: dir.display().to_string(),
            });
        }
        let name = dir
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .map(one_line)
            .unwrap_or_else(|| one_line(dir.display().to_string()));
        Ok(Story {
            name,
            root: Some(dir.to_path_buf()),
            articles,
            skipped,
            builtin: false,
        })
    }

    /// Load files and folders given on the command line into one story.
    pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Result<Story, StoreError> {
        if paths.len() == 1 && paths[0].is_dir() {
            return Story::load_dir(&paths[0], opts);
        }
        let mut articles = Vec::new();
        let mut skipped = Vec::new();
        let mut binary = None;
        for p in paths {
            if p.as_os_str() == "-" {
                articles.append(&mut load_stdin(opts)?);
            } else if p.is_dir() {
                let s = Story::load_dir(p, opts)?;
                articles.extend(s.articles);
                skipped.extend(s.skipped);
            } else {
                match load_path(p, opts) {
                    Ok(mut a) => articles.append(&mut a),
                    Err(e @ StoreError::Binary { .. }) => {
                        skipped.push(e.to_string());
                        binary.get_or_insert(e);
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        // Nothing but binary files named: say so, not "no articles found".
        if let (true, Some(e)) = (articles.is_empty(), binary) {
            return Err(e);
        }
        if articles.is_empty() {
            let path = paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(StoreError::NoArticles { path });
        }
        let name = match paths {
            [one] => one
                .file_stem()
                .map(|s| one_line(s.to_string_lossy().into_owned()))
                .unwrap_or_default(),
            _ => "comparison".to_string(),
        };
        Ok(Story {
            name,
            root: None,
            articles,
            skipped,
            builtin: false,
        })
    }

    /// The demo story compiled into the binary.
    pub fn builtin_demo() -> Story {
        let opts = LoadOptions::default();
        let mut articles = Vec::new();
        for (name, body) in crate::demo::FILES {
            let fmt = Format::from_extension(Path::new(name)).unwrap_or(Format::Text);
            if let Ok(mut a) =
                load_bytes(body.as_bytes(), fmt, None, &format!("demo/{name}"), &opts)
            {
                articles.append(&mut a);
            }
        }
        Story {
            name: "demo".to_string(),
            root: None,
            articles,
            skipped: Vec::new(),
            builtin: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_blank_lines_and_lines() {
        let t = "A\n\nB line1\nB line2\n\n\n  C  \n";
        let b: Vec<&str> = split_blocks(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(b, vec!["A", "B line1\nB line2", "C"]);
        let t = "one\ntwo\n\nthree";
        assert_eq!(split_blocks(t).len(), 2);
        let t = "one\ntwo\n three\n";
        let b: Vec<&str> = split_blocks(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(b, vec!["one", "two", "three"]);
        assert!(split_blocks("\n\n  \n").is_empty());
    }

    #[test]
    fn char_and_byte_ranges_agree() {
        let text = "Überschrift\n\nCafé “quoted” text. Second ü sentence.".to_string();
        let a = Article::build(text, Meta::default(), None, "x".into(), Format::Text);
        for p in &a.paragraphs {
            let by_chars: String = a
                .text
                .chars()
                .skip(p.chars.start)
                .take(p.chars.len())
                .collect();
            assert_eq!(by_chars, &a.text[p.bytes.clone()]);
            for s in &p.sentences {
                let by_chars: String = a
                    .text
                    .chars()
                    .skip(s.chars.start)
                    .take(s.chars.len())
                    .collect();
                assert_eq!(by_chars, &a.text[s.bytes.clone()]);
            }
        }
        assert_eq!(a.paragraphs[1].sentences.len(), 2);
    }

    #[test]
    fn headline_line_inside_a_block_is_stray() {
        let text = "Storm Closes the Coast Road\n\nThe storm hit the town at dawn. Crews worked all night.\n\n\
            The mayor spoke at noon. She promised new barriers.\nCouncil Votes On New Harbour Budget\n\n\
            Mayor Orders New Flood Barriers After Storm\nShe said work starts in May. It will take a year."
            .to_string();
        let a = Article::build(text, Meta::default(), None, "x".into(), Format::Text);
        let stray: Vec<&str> = a
            .paragraphs
            .iter()
            .flat_map(|p| &p.sentences)
            .filter(|s| s.boilerplate)
            .map(|s| a.sentence_text(s))
            .collect();
        assert_eq!(
            stray,
            vec![
                "Council Votes On New Harbour Budget",
                "Mayor Orders New Flood Barriers After Storm"
            ]
        );
    }

    #[test]
    fn table_rows_inside_a_block_are_not_stray() {
        let text = "Release Figures\n\nThe project shipped often. Most work came from a few.\n\n\\
            Most commits came from three people:\nHerbert Dürr 63 16.6%\nJürgen Schmidt 56 14.7%\nAll others 50 13.0%\n\n\\
            That pace held all year."
            .to_string();
        let stray = |layout: &Layout| {
            let a = Article::build_with_layout(
                text.clone(),
                Meta::default(),
                None,
                "x".into(),
                Format::Html,
                layout,
            );
            a.paragraphs
                .iter()
                .flat_map(|p| &p.sentences)
                .filter(|s| s.boilerplate)
                .map(|s| a.sentence_text(s).to_string())
                .collect::<Vec<_>>()
        };
        // without the marks the rows read as pasted headlines and crumbs
        assert!(stray(&Layout::default()).len() >= 2);
        let mut layout = Layout::default();
        layout.add_cell("Herbert Dürr 63 16.6%");
        layout.add_cell("Jürgen Schmidt 56 14.7%");
        layout.add_cell("All others 50 13.0%");
        assert_eq!(stray(&layout), Vec::<String>::new());
    }
}
