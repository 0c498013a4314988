//! Quality of HTML article extraction on the Mozilla Readability test pages: every
//! `pages/*/source.html` goes through the real loader and its body is scored against
//! `expected.html` with word-level recall and precision; metadata is compared with
//! `expected-metadata.json`.
//!
//!     cargo run --release --example readability -- ../shared/bench/readability
//!
//! `READABILITY_PAGES=1` prints every page's figures (otherwise only those below 0.8);
//! `READABILITY_META=1` prints each metadata mismatch.
//!
//! The article body is every paragraph that is neither the title nor boilerplate, less the
//! lines inside them marked as stray. Words are lowercased runs of letters and digits; each CJK
//! character counts as one word. Pages whose folder name starts with a known news or publishing
//! site (`bbc`, `nytimes`, `guardian` …) are also averaged on their own as real-site pages.

use diptych::store::{load_bytes, Format, Kind, LoadOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Folder-name prefixes of pages saved from real news and publishing sites; the other pages are
/// small constructed cases or non-news sites.
const REAL_SITES: &[&str] = &[
    "aclu",
    "aktualne",
    "ars",
    "bbc",
    "breitbart",
    "buzzfeed",
    "citylab",
    "cnet",
    "cnn",
    "engadget",
    "folha",
    "gmw",
    "guardian",
    "heise",
    "herald-sun",
    "la-nacion",
    "lemonde",
    "liberation",
    "lifehacker",
    "lwn",
    "medicalnewstoday",
    "msn",
    "nytimes",
    "pixnet",
    "qq",
    "quanta",
    "salon",
    "seattletimes",
    "telegraph",
    "theverge",
    "tmz",
    "wapo",
    "webmd",
    "yahoo",
];

fn is_real_site(name: &str) -> bool {
    REAL_SITES.iter().any(|s| {
        name == *s
            || name
                .strip_prefix(s)
                .is_some_and(|r| r.starts_with('-') && r[1..].chars().all(|c| c.is_ascii_digit()))
    })
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Text of an HTML fragment: tags dropped, character references decoded, whitespace collapsed.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(p) = rest.find('<') {
        out.push_str(&diptych::store::html::decode_entities(&rest[..p]));
        out.push(' ');
        let after = &rest[p..];
        rest = match after.find('>') {
            Some(e) => &after[e + 1..],
            None => "",
        };
    }
    out.push_str(&diptych::store::html::decode_entities(rest));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (matched, extracted, expected) word counts, as multisets.
fn overlap(got: &[String], want: &[String]) -> (usize, usize, usize) {
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for w in want {
        *bag.entry(w).or_default() += 1;
    }
    let mut matched = 0;
    for w in got {
        if let Some(n) = bag.get_mut(w.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            matched += 1;
        }
    }
    (matched, got.len(), want.len())
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct Tally {
    hit: usize,
    of: usize,
}

#[derive(Default)]
struct Avg {
    recall: f64,
    precision: f64,
    n: usize,
}

impl Avg {
    fn add(&mut self, r: f64, p: f64) {
        self.recall += r;
        self.precision += p;
        self.n += 1;
    }
    fn line(&self, what: &str) -> String {
        let n = self.n.max(1) as f64;
        format!(
            "{what} ({} pages): body recall {:.3}  precision {:.3}",
            self.n,
            self.recall / n,
            self.precision / n
        )
    }
}

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/bench/readability".into()),
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root.join("pages"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    pages.sort();
    let (mut all, mut real) = (Avg::default(), Avg::default());
    let fields = [
        ("titles", "title"),
        ("site names", "siteName"),
        ("bylines", "byline"),
        ("dates", "publishedTime"),
    ];
    let mut tallies: Vec<Tally> = fields.iter().map(|_| Tally::default()).collect();
    let mut titles_less_site = 0;
    let show_meta = std::env::var_os("READABILITY_META").is_some();
    let show_all = std::env::var_os("READABILITY_PAGES").is_some();
    for dir in &pages {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (r, p, got) = score(dir)?;
        all.add(r, p);
        if is_real_site(&name) {
            real.add(r, p);
        }
        if show_all || r < 0.8 || p < 0.8 {
            println!("{name:<48} recall {r:.2}  precision {p:.2}");
        }
        let meta_path = dir.join("expected-metadata.json");
        let want: serde_json::Value = match std::fs::read_to_string(&meta_path) {
            Ok(s) => serde_json::from_str(&s)?,
            Err(_) => continue,
        };
        for (i, (_, key)) in fields.iter().enumerate() {
            let Some(w) = want.get(key).and_then(|v| v.as_str()) else {
                continue;
            };
            if norm(w).is_empty() {
                continue;
            }
            tallies[i].of += 1;
            let g = got[i].as_deref().unwrap_or("");
            // The reference keeps what trails the headline behind a separator (the site's name,
            // an author); the loader cuts it off.
            let trailing_furniture = i == 0
                && !g.trim().is_empty()
                && w.trim() != g.trim()
                && w.trim().strip_prefix(g.trim()).is_some_and(|rest| {
                    [" | ", " - ", " – ", " — ", " · ", " :: ", " » "]
                        .iter()
                        .any(|sep| rest.starts_with(sep) || rest.starts_with(sep.trim_start()))
                });
            if trailing_furniture {
                titles_less_site += 1;
            }
            if norm(g) == norm(w) {
                tallies[i].hit += 1;
            } else if show_meta {
                println!("  {name} {key}: got {g:?}, want {w:?}");
            }
        }
    }
    println!("{}", all.line("all pages"));
    println!(
        "{}",
        real.line("real-site pages (folder named after a news or publishing site)")
    );
    let meta: Vec<String> = fields
        .iter()
        .zip(&tallies)
        .map(|((what, _), t)| format!("{what} {}/{}", t.hit, t.of))
        .collect();
    println!("metadata: {}", meta.join(", "));
    println!(
        "titles that are the reference's less a trailing segment (site name, author): {titles_less_site}"
    );
    Ok(())
}

/// Recall, precision and the metadata found (title, outlet, byline, date) for one page.
fn score(dir: &Path) -> anyhow::Result<(f64, f64, [Option<String>; 4])> {
    let want = words(&html_text(&std::fs::read_to_string(
        dir.join("expected.html"),
    )?));
    let bytes = std::fs::read(dir.join("source.html"))?;
    let art = match load_bytes(
        &bytes,
        Format::Html,
        None,
        "source.html",
        &LoadOptions::default(),
    ) {
        Ok(mut a) if !a.is_empty() => a.remove(0),
        _ => return Ok((0.0, 0.0, [None, None, None, None])),
    };
    let mut body = String::new();
    for p in &art.paragraphs {
        if matches!(p.kind, Kind::Title | Kind::Boilerplate) {
            continue;
        }
        for s in p.sentences.iter().filter(|s| !s.boilerplate) {
            body.push_str(art.sentence_text(s));
            body.push(' ');
        }
    }
    let got = words(&body);
    let (m, g, w) = overlap(&got, &want);
    let recall = if w == 0 { 1.0 } else { m as f64 / w as f64 };
    let precision = if g == 0 {
        f64::from(u8::from(w == 0))
    } else {
        m as f64 / g as f64
    };
    // The file-name guess is no outlet the page named.
    let source = (art.source_evidence != diptych::store::SourceEvidence::FileName)
        .then(|| art.source.clone());
    Ok((
        recall,
        precision,
        [Some(art.title.clone()), source, art.byline, art.published],
    ))
}
