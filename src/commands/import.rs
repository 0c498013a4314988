//! `diptych import`: annotations from W3C Web Annotation or Hypothesis JSON into the sidecars.

use super::{count, print, say};
use crate::store::{LoadOptions, Story};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(file: PathBuf, paths: Vec<PathBuf>, dry_run: bool, max_size: u64) -> Result<ExitCode> {
    let text =
        std::fs::read_to_string(&file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let doc: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: invalid JSON: {e}", file.display()))?;
    // No folder given: the files the annotations name (`file://` sources that exist), else
    // the current folder.
    let paths = if paths.is_empty() {
        let named = crate::annotate::import::source_files(&doc);
        if named.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            named
        }
    } else {
        paths
    };
    let story = Story::load_paths(
        &paths,
        &LoadOptions {
            max_bytes: max_size,
        },
    )?;
    let (mut notes, sidecars, problems) = crate::annotate::sidecar::load_story(&story);
    notes.iter_mut().for_each(|n| n.clean_for_display());
    for p in &problems {
        say(&format!("diptych: warning: {p}"));
    }
    let report = crate::annotate::import::import(&doc, &story, &mut notes, &crate::tui::now_utc())
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut failed = false;
    if !dry_run {
        for &i in &report.touched {
            let Some(Some(path)) = sidecars.get(i) else {
                continue;
            };
            if let Err(e) = crate::annotate::sidecar::save(path, &story.articles[i], &notes[i]) {
                say(&format!("diptych: error: {e}"));
                failed = true;
            }
        }
    }
    let verb = if dry_run { "would import" } else { "imported" };
    print(&format!(
        "{verb} {} into {}; {} skipped; {} not anchored (kept as orphans); {} not matched\n",
        count(report.added, "annotation"),
        count(report.touched.len(), "article"),
        count(report.duplicates, "duplicate"),
        report.orphans.len(),
        report.unmatched.len()
    ))?;
    for o in &report.orphans {
        say(&format!("diptych: orphan: {o}"));
    }
    for u in &report.unmatched {
        say(&format!("diptych: not imported: {u}"));
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
