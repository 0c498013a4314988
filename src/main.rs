//! Entry point: parse the command line, run the chosen job, map errors to one clear line and a
//! non-zero exit code.
#![forbid(unsafe_code)]

use anyhow::Result;
use clap::Parser;
use diptych::align::StoryAlignment;
use diptych::cli::{Cli, Command, OutFormat};
use diptych::output;
use diptych::store::{LoadOptions, Story};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let msg = format!("{e:#}");
            eprintln!("diptych: error: {msg}");
            ExitCode::from(1)
        }
    }
}

fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Inspect {
            paths,
            format,
            max_size,
        }) => {
            let story = Story::load_paths(
                &paths,
                &LoadOptions {
                    max_bytes: max_size,
                },
            )?;
            for a in &story.articles {
                for w in &a.warnings {
                    eprintln!("diptych: warning: {w}");
                }
            }
            for s in &story.skipped {
                eprintln!("diptych: skipped: {s}");
            }
            match format {
                OutFormat::Json => {
                    print(&(serde_json::to_string_pretty(&output::inspect_json(&story))? + "\n"))?
                }
                OutFormat::Text => print(&output::inspect_text(&story))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Align {
            left,
            right,
            format,
            min_score,
            max_size,
        }) => {
            let opts = LoadOptions {
                max_bytes: max_size,
            };
            let mut articles = Vec::new();
            for p in [&left, &right] {
                let story = Story::load_paths(std::slice::from_ref(p), &opts)?;
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
            let al = StoryAlignment::build(&story.articles, |_, _| {});
            match format {
                OutFormat::Json => print(
                    &(serde_json::to_string_pretty(&output::align_json(&story, &al, min_score))?
                        + "\n"),
                )?,
                OutFormat::Text => print(&output::align_text(&story, &al, min_score))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Story {
            folder,
            format,
            max_size,
        }) => {
            if !folder.is_dir() {
                anyhow::bail!("{}: not a folder", folder.display());
            }
            let story = Story::load_dir(
                &folder,
                &LoadOptions {
                    max_bytes: max_size,
                },
            )?;
            let al = StoryAlignment::build(&story.articles, |_, _| {});
            match format {
                OutFormat::Json => print(
                    &(serde_json::to_string_pretty(&output::story_json(&story, &al))? + "\n"),
                )?,
                OutFormat::Text => print(&output::story_text(&story, &al))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let story = if cli.read.paths.is_empty() {
                Story::builtin_demo()
            } else {
                Story::load_paths(
                    &cli.read.paths,
                    &LoadOptions {
                        max_bytes: cli.read.max_size,
                    },
                )?
            };
            print(&output::inspect_text(&story))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
