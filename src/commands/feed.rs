//! `diptych feed`: list the entries of an RSS, Atom or JSON feed, or add some or all of them to
//! a story folder the way `diptych add` does.

use super::add::{self, Target};
use super::{print, say};
use crate::cli::SaveArgs;
use crate::fetch;
use anyhow::{bail, Result};
use std::process::ExitCode;

pub fn run(url: String, all: bool, picks: Vec<usize>, save: SaveArgs) -> Result<ExitCode> {
    let target = Target::new(save)?;
    let parsed = fetch::parse_url(&url)?;
    let page = fetch::get(&parsed, &target.limits)?;
    let feed =
        fetch::feed::parse(&page.bytes, &page.url).map_err(|e| anyhow::anyhow!("{parsed}: {e}"))?;
    let outlet = feed.title.clone().unwrap_or_else(|| {
        page.url
            .host_str()
            .unwrap_or("")
            .trim_start_matches("www.")
            .to_string()
    });
    let n = feed.entries.len();
    if !all && picks.is_empty() {
        if n == 0 {
            say(&format!("diptych: {parsed}: the feed has no entries"));
        }
        let mut out = String::new();
        for (i, e) in feed.entries.iter().enumerate() {
            out.push_str(&format!(
                "{:>3}  {:<10}  {} — {}\n     {}\n",
                i + 1,
                e.date.as_deref().unwrap_or("-"),
                outlet,
                e.title,
                e.link.as_deref().unwrap_or("(no link)")
            ));
        }
        print(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let chosen: Vec<usize> = if all {
        (1..=n).collect()
    } else {
        for &k in &picks {
            if k == 0 || k > n {
                bail!("no entry {k} in this feed (it has {n})");
            }
        }
        picks
    };
    let mut failed = 0;
    for k in chosen {
        let e = &feed.entries[k - 1];
        match &e.link {
            Some(link) => {
                if !add::add_and_report(link, &target)? {
                    failed += 1;
                }
            }
            None => {
                say(&format!(
                    "diptych: error: entry {k} ({}) has no link",
                    e.title
                ));
                failed += 1;
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
