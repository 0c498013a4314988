//! `diptych align`: the alignment of two articles, as text or JSON.

use super::{print, report_load};
use crate::align::StoryAlignment;
use crate::cli::OutFormat;
use crate::output;
use crate::store::{LoadOptions, Story};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(
    left: PathBuf,
    right: PathBuf,
    format: OutFormat,
    min_score: Option<f32>,
    max_size: u64,
) -> Result<ExitCode> {
    let opts = LoadOptions {
        max_bytes: max_size,
    };
    let mut articles = Vec::new();
    for p in [&left, &right] {
        let story = Story::load_paths(std::slice::from_ref(p), &opts)?;
        report_load(&story);
        let Some(a) = story.articles.into_iter().next() else {
            anyhow::bail!("{}: no article", p.display());
        };
        articles.push(a);
    }
    let story = Story {
        name: "comparison".into(),
        root: None,
        articles,
        skipped: vec![],
        builtin: false,
    };
    let al = if min_score.is_some() {
        StoryAlignment::build_ranked(&story.articles, |_, _| {})
    } else {
        StoryAlignment::build(&story.articles, |_, _| {})
    };
    match format {
        OutFormat::Json => print(&output::json_text(&output::align_json(
            &story, &al, min_score,
        )))?,
        OutFormat::Text => print(&output::align_text(&story, &al, min_score))?,
    }
    Ok(ExitCode::SUCCESS)
}
