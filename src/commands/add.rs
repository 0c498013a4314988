//! `diptych add`: fetch web pages, take the article out of each, and save it as Markdown in a
//! story folder, the raw page kept beside it in a hidden folder.

use super::{print, say};
use crate::cli::SaveArgs;
use crate::fetch::{self, Limits};
use crate::store::save::{self, FrontMatter};
use crate::store::{load_bytes, Format, LoadOptions, SourceEvidence, StoreError};
use anyhow::{anyhow, bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// Where and how articles are added.
#[derive(Debug, Clone)]
pub struct Target {
    pub dir: PathBuf,
    pub update: bool,
    pub limits: Limits,
}

impl Target {
    /// Check the folder and the limits given on the command line.
    pub fn new(save: SaveArgs) -> Result<Target> {
        let SaveArgs {
            to,
            update,
            timeout,
            max_size,
        } = save;
        let dir = to.unwrap_or_else(|| PathBuf::from("."));
        if !dir.is_dir() {
            bail!("{}: not a folder", dir.display());
        }
        if !(timeout.is_finite() && timeout > 0.0 && timeout < 1e6) {
            bail!("--timeout must be a positive number of seconds");
        }
        Ok(Target {
            dir,
            update,
            limits: Limits {
                timeout: Duration::from_secs_f64(timeout),
                max_bytes: max_size,
                ..Limits::default()
            },
        })
    }
}

/// What became of one address.
#[derive(Debug)]
pub enum Outcome {
    Saved(PathBuf),
    Updated(PathBuf),
    /// Already in the folder, in this file.
    Skipped(PathBuf),
}

pub fn run(urls: Vec<String>, save: SaveArgs) -> Result<ExitCode> {
    let target = Target::new(save)?;
    let mut failed = 0;
    for u in &urls {
        if !add_and_report(u, &target)? {
            failed += 1;
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Add one address and tell the user; false when it failed.
pub fn add_and_report(url: &str, target: &Target) -> Result<bool> {
    match add(url, target, &mut |w| say(&format!("diptych: warning: {w}"))) {
        Ok(Outcome::Saved(p)) | Ok(Outcome::Updated(p)) => {
            print(&format!("{}\n", shown(&p).display()))?;
            Ok(true)
        }
        Ok(Outcome::Skipped(p)) => {
            say(&format!(
                "diptych: {url}: already saved as {}; skipped (--update fetches it again)",
                shown(&p).display()
            ));
            Ok(true)
        }
        Err(e) => {
            say(&format!("diptych: error: {e:#}"));
            Ok(false)
        }
    }
}

/// A path as the user would write it: no leading `./`.
fn shown(p: &Path) -> &Path {
    p.strip_prefix(".").unwrap_or(p)
}

/// Fetch `url`, extract its article and save it in the target folder. Warnings go to `warn`
/// (the command prints them; the reader, whose screen is the terminal, shows them itself).
pub fn add(url: &str, target: &Target, warn: &mut dyn FnMut(String)) -> Result<Outcome> {
    let parsed = fetch::parse_url(url)?;
    let saved = save::saved_urls(&target.dir);
    let find = |u: &str| {
        saved
            .iter()
            .find(|(s, _)| s == u || s.trim_end_matches('/') == u.trim_end_matches('/'))
            .map(|(_, p)| p.clone())
    };
    let mut existing = find(parsed.as_str()).or_else(|| find(url.trim()));
    if let (Some(p), false) = (&existing, target.update) {
        return Ok(Outcome::Skipped(p.clone()));
    }
    let page = fetch::get(&parsed, &target.limits)?;
    if let Some(what) = fetch::not_html(&page) {
        bail!("{parsed}: {what}");
    }
    if existing.is_none() && page.url != parsed {
        existing = find(page.url.as_str());
        if let (Some(p), false) = (&existing, target.update) {
            return Ok(Outcome::Skipped(p.clone()));
        }
    }
    let decoded = page.text();
    if decoded.lossy {
        warn(format!(
            "{parsed}: bytes not valid in {}, replaced",
            decoded.encoding
        ));
    }
    // The body was held to the size limit; decoding may have grown it (one byte of Latin-1 can
    // take three in UTF-8), which must not refuse it a second time.
    let opts = LoadOptions {
        max_bytes: (decoded.text.len() as u64).max(target.limits.max_bytes),
    };
    let article = load_bytes(
        decoded.text.as_bytes(),
        Format::Html,
        None,
        parsed.as_str(),
        &opts,
    )
    .map_err(|e| match e {
        StoreError::Empty { .. } => anyhow!("{parsed}: no article text found on the page"),
        e => anyhow!(e),
    })?
    .into_iter()
    .next()
    .ok_or_else(|| anyhow!("{parsed}: no article text found on the page"))?;

    let now = time::OffsetDateTime::now_utc();
    let fetched = now
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .context("formatting the time")?;
    let host = page
        .url
        .host_str()
        .unwrap_or("")
        .trim_start_matches("www.")
        .to_string();
    let outlet =
        if article.source_evidence == SourceEvidence::Metadata && !article.source.is_empty() {
            article.source.clone()
        } else {
            host
        };
    let title = if article.title.trim().is_empty() {
        "(untitled)".to_string()
    } else {
        article.title.clone()
    };
    let front = FrontMatter {
        title: &title,
        source: &outlet,
        // Where the page was found after redirects: the article's own address.
        url: page.url.as_str(),
        published: article.published.as_deref(),
        author: article.byline.as_deref(),
        fetched: &fetched,
    };
    let md = save::to_markdown(&article, &front);
    let date = article
        .published
        .as_deref()
        .and_then(day_of)
        .unwrap_or_else(|| fetched[..10].to_string());

    match existing {
        Some(path) => {
            save_page(&target.dir, &path, &page.bytes)?;
            save::write_over(&path, md.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            Ok(Outcome::Updated(path))
        }
        None => {
            let stem = save::file_stem(&date, &outlet, &title);
            let path = save::write_new(&target.dir, &stem, "md", md.as_bytes())
                .with_context(|| format!("writing into {}", target.dir.display()))?;
            if let Err(e) = save_page(&target.dir, &path, &page.bytes) {
                // The article without its page would be half of what `add` promises.
                let _ = std::fs::remove_file(&path);
                return Err(e);
            }
            Ok(Outcome::Saved(path))
        }
    }
}

/// Keep the raw page as `.diptych-pages/<article stem>.html`.
fn save_page(dir: &Path, article: &Path, bytes: &[u8]) -> Result<()> {
    let pages = save::pages_dir(dir).with_context(|| format!("creating {}", save::PAGES_DIR))?;
    let stem = article
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "page".into());
    let path = pages.join(format!("{stem}.html"));
    save::write_over(&path, bytes).with_context(|| format!("writing {}", path.display()))
}

/// `YYYY-MM-DD` of a publication date written as ISO 8601 or RFC 2822.
fn day_of(published: &str) -> Option<String> {
    let p = published.trim();
    let iso = p.get(..10).filter(|d| {
        let b = d.as_bytes();
        b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
    });
    if let Some(d) = iso {
        return Some(d.to_string());
    }
    let t = time::OffsetDateTime::parse(p, &time::format_description::well_known::Rfc2822).ok()?;
    Some(t.date().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_days_are_read_from_common_forms() {
        assert_eq!(
            day_of("2030-06-04T08:00:00Z").as_deref(),
            Some("2030-06-04")
        );
        assert_eq!(day_of("2030-06-04").as_deref(), Some("2030-06-04"));
        assert_eq!(
            day_of("Tue, 04 Jun 2030 08:00:00 +0000").as_deref(),
            Some("2030-06-04")
        );
        assert_eq!(day_of("last Tuesday"), None);
    }
}
