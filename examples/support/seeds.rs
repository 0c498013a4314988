//! Scores the engine on the hand labels of the five seed articles (`tests/labels/`): paragraph
//! alignment precision/recall/F1 over all ten pairs, with the labels' paragraphs (blank-line
//! blocks of the file, from 1) mapped onto the store's paragraphs by their text.

use diptych::align::StoryAlignment;
use diptych::store::{canon, Article, LoadOptions, Story};
use std::collections::BTreeSet;
use std::path::Path;

/// Words of `s`, lower case, for comparing texts that differ in spacing and quotes.
fn norm(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// For each paragraph of `art`, the number (from 1) of the blank-line block of `raw` it comes
/// from, if it can be found.
fn blocks_of(art: &Article, raw: &str) -> Vec<Option<usize>> {
    let mut blocks: Vec<String> = Vec::new();
    let mut cur = String::new();
    for line in raw.lines() {
        if line.trim().is_empty() {
            if !cur.trim().is_empty() {
                blocks.push(norm(&canon::canonicalize(&cur)));
            }
            cur.clear();
        } else {
            cur.push_str(line);
            cur.push('\n');
        }
    }
    if !cur.trim().is_empty() {
        blocks.push(norm(&canon::canonicalize(&cur)));
    }
    (0..art.paragraphs.len())
        .map(|p| {
            let t = norm(art.para_text(p));
            let head: String = t.chars().take(60).collect();
            if head.is_empty() {
                return None;
            }
            blocks.iter().position(|b| b.contains(&head)).map(|b| b + 1)
        })
        .collect()
}

pub struct SeedScore {
    pub gold: usize,
    pub found: usize,
    pub right: usize,
}

impl SeedScore {
    pub fn precision(&self) -> f64 {
        self.right as f64 / self.found.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.right as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Align the seed story and compare its links, as block pairs, with the labelled pairs.
pub fn seed_alignment(seeds: &Path, labels: &Path) -> anyhow::Result<SeedScore> {
    let story = Story::load_dir(seeds, &LoadOptions::default())?;
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let name = |a: &Article| {
        a.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let maps: Vec<Vec<Option<usize>>> = story
        .articles
        .iter()
        .map(|a| {
            let raw = a
                .path
                .as_ref()
                .and_then(|p| std::fs::read_to_string(p).ok())
                .unwrap_or_default();
            blocks_of(a, &raw)
        })
        .collect();
    // (file a, block a, file b, block b) with file a < file b
    let key = |fa: String, pa: usize, fb: String, pb: usize| {
        if fa <= fb {
            (fa, pa, fb, pb)
        } else {
            (fb, pb, fa, pa)
        }
    };
    let mut gold: BTreeSet<(String, usize, String, usize)> = BTreeSet::new();
    for line in std::fs::read_to_string(labels)?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || f.len() < 4 || f[0] == "file_a" {
            continue;
        }
        if let (Ok(pa), Ok(pb)) = (f[1].parse(), f[3].parse()) {
            gold.insert(key(f[0].into(), pa, f[2].into(), pb));
        }
    }
    let mut found: BTreeSet<(String, usize, String, usize)> = BTreeSet::new();
    for a in 0..story.articles.len() {
        for b in a + 1..story.articles.len() {
            for l in al.pair(a, b).links {
                if let (Some(Some(pa)), Some(Some(pb))) =
                    (maps[a].get(l.left), maps[b].get(l.right))
                {
                    found.insert(key(
                        name(&story.articles[a]),
                        *pa,
                        name(&story.articles[b]),
                        *pb,
                    ));
                }
            }
        }
    }
    if std::env::var("SEEDS_VERBOSE").is_ok() {
        for f in found.difference(&gold) {
            println!("extra   {f:?}");
        }
        for g in gold.difference(&found) {
            println!("missed  {g:?}");
        }
    }
    Ok(SeedScore {
        gold: gold.len(),
        found: found.len(),
        right: found.intersection(&gold).count(),
    })
}
