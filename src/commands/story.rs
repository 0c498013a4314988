//! `diptych story`: a folder's articles, their topics and what each outlet reports alone;
//! with `--figures`, the figures each outlet gives for every counted thing.

use super::{print, report_load};
use crate::align::StoryAlignment;
use crate::cli::OutFormat;
use crate::output;
use crate::store::{LoadOptions, Story};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(folder: PathBuf, format: OutFormat, figures: bool, max_size: u64) -> Result<ExitCode> {
    if !folder.is_dir() {
        anyhow::bail!("{}: not a folder", folder.display());
    }
    let story = Story::load_dir(
        &folder,
        &LoadOptions {
            max_bytes: max_size,
        },
    )?;
    report_load(&story);
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    match (format, figures) {
        (OutFormat::Json, true) => print(&output::json_text(&output::figures_json(&story, &al)))?,
        (OutFormat::Text, true) => print(&output::figures_text(&story, &al))?,
        (OutFormat::Json, false) => print(&output::json_text(&output::story_json(&story, &al)))?,
        (OutFormat::Text, false) => print(&output::story_text(&story, &al))?,
    }
    Ok(ExitCode::SUCCESS)
}
