//! `diptych inspect`: what the store reads from files — articles, paragraphs, kinds, warnings.

use super::{print, report_load};
use crate::cli::OutFormat;
use crate::output;
use crate::store::{LoadOptions, Story};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(paths: Vec<PathBuf>, format: OutFormat, max_size: u64) -> Result<ExitCode> {
    let story = Story::load_paths(
        &paths,
        &LoadOptions {
            max_bytes: max_size,
        },
    )?;
    report_load(&story);
    match format {
        OutFormat::Json => print(&output::json_text(&output::inspect_json(&story)))?,
        OutFormat::Text => print(&output::inspect_text(&story))?,
    }
    Ok(ExitCode::SUCCESS)
}
