//! `diptych export`: annotations and the alignment as Markdown, W3C Web Annotation, CSV or HTML.

use super::say;
use super::{choose_pair, find_source};
use crate::align::StoryAlignment;
use crate::cli::ExportFormat;
use crate::store::{LoadOptions, Story};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(
    paths: Vec<PathBuf>,
    format: ExportFormat,
    output: Option<PathBuf>,
    force: bool,
    left: Option<String>,
    right: Option<String>,
    max_size: u64,
) -> Result<ExitCode> {
    // refuse before the work: a big story takes seconds to align
    if let Some(path) = output.as_deref() {
        crate::annotate::export::refuse_existing(path, force).map_err(|e| anyhow::anyhow!(e))?;
    }
    let story = Story::load_paths(
        &paths,
        &LoadOptions {
            max_bytes: max_size,
        },
    )?;
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let (mut notes, _, problems) = crate::annotate::sidecar::load_story(&story);
    notes.iter_mut().for_each(|n| n.clean_for_display());
    for p in &problems {
        say(&format!("diptych: warning: {p}"));
    }
    let l = left
        .as_deref()
        .map(|w| find_source(&story, w))
        .transpose()?;
    let r = right
        .as_deref()
        .map(|w| find_source(&story, w))
        .transpose()?;
    let (bl, br) = crate::app::best_pair(&al, story.articles.len());
    let pair = choose_pair((bl, br), l, r, story.articles.len());
    match output {
        Some(path) => {
            let msg = crate::annotate::export::export_to_file(
                &story,
                &al,
                &notes,
                Some(pair),
                format.name(),
                &path,
                force,
            )
            .map_err(|e| anyhow::anyhow!(e))?;
            say(&msg);
        }
        None => {
            let inp = crate::annotate::export::Input {
                story: &story,
                al: &al,
                notes: &notes,
                pair,
                by_topic: story.root.is_some() && story.articles.len() > 2,
                now: crate::tui::now_utc(),
            };
            // written as it is made: a long article's report is never held whole
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            match crate::annotate::export::render_to(&inp, format.name(), &mut out) {
                Ok(()) => {}
                // a closed pipe (`| head`) is not an error worth reporting
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => anyhow::bail!("{e}"),
                Err(e) => anyhow::bail!("writing the export: {e}"),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
