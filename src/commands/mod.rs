//! One module per subcommand; `run` dispatches the parsed command line. Everything printed
//! passes the sanitiser: file names, outlets, notes and error messages come from outside.

pub mod add;
pub mod align;
pub mod completions;
pub mod config;
pub mod export;
pub mod feed;
pub mod import;
pub mod inspect;
pub mod man;
pub mod read;
pub mod story;

use crate::cli::{Cli, Command};
use crate::store::{canon, Story};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

/// Run the command the user asked for; the reader when there is none.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // `--max-size` is one option for every command, given before or after its name
    let max_size = cli.read.max_size;
    match cli.command {
        Some(Command::Inspect { paths, format }) => inspect::run(paths, format, max_size),
        Some(Command::Align {
            left,
            right,
            format,
            min_score,
        }) => align::run(left, right, format, min_score, max_size),
        Some(Command::Story {
            folder,
            format,
            figures,
        }) => story::run(folder, format, figures, max_size),
        Some(Command::Export {
            paths,
            format,
            output,
            force,
            left,
            right,
        }) => export::run(paths, format, output, force, left, right, max_size),
        Some(Command::Import {
            file,
            paths,
            dry_run,
        }) => import::run(file, paths, dry_run, max_size),
        Some(Command::Add { urls, mut save }) => {
            save.max_size = max_size;
            add::run(urls, save)
        }
        Some(Command::Feed {
            url,
            all,
            add,
            mut save,
        }) => {
            save.max_size = max_size;
            feed::run(url, all, add, save)
        }
        Some(Command::Completions { shell }) => completions::run(shell),
        Some(Command::Config) => config::run(),
        Some(Command::Man) => man::run(),
        None => read::run(cli.read),
    }
}

/// One line on standard error. Messages carry file names, outlets and imported text, so the
/// whole line passes the sanitiser.
pub fn say(line: &str) {
    eprintln!("{}", canon::display(line));
}

/// Write to standard output, the text made safe for a terminal first.
pub fn print(s: &str) -> Result<()> {
    let s = canon::display(s);
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

/// "1 article", "2 articles": a count with its noun, singular for one.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Tell what loading left out or changed: files skipped (binary, unreadable, too large) and
/// per-article warnings (text decoded lossily, extraction fell back …), on standard error.
pub fn report_load(story: &Story) {
    for a in &story.articles {
        for w in &a.warnings {
            say(&format!("diptych: warning: {w}"));
        }
    }
    for s in &story.skipped {
        say(&format!("diptych: skipped: {s}"));
    }
}

/// The same in one line for the reader's status line, or `None` when loading was clean.
pub fn load_summary(story: &Story) -> Option<String> {
    let warned = story
        .articles
        .iter()
        .filter(|a| !a.warnings.is_empty())
        .count();
    let skipped = story.skipped.len();
    let mut parts = Vec::new();
    if skipped > 0 {
        let first = story.skipped.first().map(String::as_str).unwrap_or("");
        parts.push(match skipped {
            1 => format!("skipped {first}"),
            n => format!("{n} files skipped ({first} …)"),
        });
    }
    if warned > 0 {
        let first = story
            .articles
            .iter()
            .find_map(|a| a.warnings.first())
            .map(String::as_str)
            .unwrap_or("");
        parts.push(match warned {
            1 => first.to_string(),
            n => format!("{n} articles with warnings ({first} …)"),
        });
    }
    (!parts.is_empty()).then(|| format!("{}; see `diptych inspect`", parts.join("; ")))
}

/// Which article a `--left`/`--right` value names: outlet or file name, case-insensitive.
pub(crate) fn find_source(story: &Story, want: &str) -> Result<usize> {
    story.find_source(want).ok_or_else(|| {
        let names: Vec<&str> = story.articles.iter().map(|a| a.source.as_str()).collect();
        anyhow::anyhow!(
            "no source \"{want}\" in this story (sources: {})",
            names.join(", ")
        )
    })
}

/// The pair to show: the sources asked for, the rest filled from the default pair so that the
/// two sides differ whenever the story has two articles.
pub(crate) fn choose_pair(
    default: (usize, usize),
    left: Option<usize>,
    right: Option<usize>,
    n: usize,
) -> (usize, usize) {
    let (bl, br) = default;
    // the first of the preferred two that is not `x`, else the next article
    let pick = |x: usize, first: usize, second: usize| {
        if first != x {
            first
        } else if second != x {
            second
        } else {
            (x + 1) % n.max(1)
        }
    };
    match (left, right) {
        (Some(l), Some(r)) => (l, r),
        (Some(l), None) => (l, pick(l, br, bl)),
        (None, Some(r)) => (pick(r, bl, br), r),
        (None, None) => (bl, br),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_is_told_what_loading_skipped_or_changed() {
        let mut story = Story::builtin_demo();
        assert_eq!(load_summary(&story), None);
        story
            .skipped
            .push("x.bin: looks like a binary file, not an article".into());
        story.articles[1]
            .warnings
            .push("y.txt: not valid UTF-8; invalid bytes replaced".into());
        let s = load_summary(&story).expect("summary");
        assert!(s.contains("skipped x.bin"), "{s}");
        assert!(s.contains("y.txt: not valid UTF-8"), "{s}");
        assert!(s.ends_with("see `diptych inspect`"), "{s}");
        assert_eq!(count(1, "article"), "1 article");
        assert_eq!(count(0, "article"), "0 articles");
    }
}
