//! Command-line interface (clap derive): the reader and its subcommands.

pub use crate::config::ThemeName;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "diptych",
    version,
    about = "Read news coverage of one event from different outlets side by side",
    long_about = "diptych opens a story (a folder of articles about one event) or two article files \
side by side, aligns their paragraphs by topic, marks what only one outlet reports and where their \
figures disagree, and keeps your highlights and notes in sidecar files.\n\n\
With no argument it opens the demo story built into the binary.",
    after_help = "Examples:\n  diptych                                  the demo story built into the binary\n  diptych assets/demo                      browse a story folder\n  diptych a.txt b.html                     compare two articles\n  diptych assets/demo --left KPA --right 'The Harbour Ledger'\n  diptych align a.txt b.md --format json   the alignment as JSON\n  diptych export assets/demo -f html -o report.html\n\nInside the reader press ? for every key."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ReadArgs {
    /// A story folder, or article files (.txt .md .html .json .jsonl, `-` for stdin)
    pub paths: Vec<PathBuf>,
    /// Outlet or file name to show in the left pane
    #[arg(long, value_name = "SOURCE")]
    pub left: Option<String>,
    /// Outlet or file name to show in the right pane
    #[arg(long, value_name = "SOURCE")]
    pub right: Option<String>,
    /// When to use colors
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Color theme (overrides the config file)
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,
    /// Refuse article files, pages and feeds larger than this: bytes, or with K, M or G
    /// (1024-based: 100M)
    #[arg(long, global = true, value_name = "SIZE", default_value = "50M", value_parser = parse_size)]
    pub max_size: u64,
}

/// A size as a user writes it: bytes ("52428800"), or a number with K, M or G, 1024-based,
/// with or without a B ("100M", "1.5G", "512KiB").
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let not_a_size =
        || format!("'{t}' is not a size: give bytes, or a number with K, M or G (100M)");
    let lower = t.to_ascii_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = lower[digits.len()..]
        .trim_end_matches('b')
        .trim_end_matches('i');
    let scale: u64 = match unit {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        _ => return Err(not_a_size()),
    };
    let value: f64 = digits.trim().parse().map_err(|_| not_a_size())?;
    let bytes = value * scale as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes >= u64::MAX as f64 {
        return Err(format!("'{t}' is not a size diptych can use"));
    }
    Ok(bytes as u64)
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum OutFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print each article's metadata and its paragraphs with kind and char ranges
    Inspect {
        /// Article files or story folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
    },
    /// Align two articles: linked paragraphs, unique passages, topics, conflicting figures
    Align {
        /// The article shown on the left
        left: PathBuf,
        /// The article shown on the right
        right: PathBuf,
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
        /// List every candidate pair scoring at least S (0 ranks all) instead of the chosen links
        #[arg(long, value_name = "S")]
        min_score: Option<f32>,
    },
    /// Topics of a story folder, their labels, and which outlets cover each
    Story {
        /// A folder of articles about one event
        folder: PathBuf,
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
        /// Show the story's figures instead: one row per counted thing, the value each
        /// outlet gives, conflicts first
        #[arg(long)]
        figures: bool,
    },
    /// Export the annotations of articles or a story: Markdown, W3C Web Annotation, CSV or an HTML report
    Export {
        /// Article files or a story folder
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format
        #[arg(long, short, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite the output file if it exists
        #[arg(long)]
        force: bool,
        /// Outlet or file name for the left side of the HTML report
        #[arg(long, value_name = "SOURCE")]
        left: Option<String>,
        /// Outlet or file name for the right side of the HTML report
        #[arg(long, value_name = "SOURCE")]
        right: Option<String>,
    },
    /// Import W3C Web Annotations (diptych's own export, or a Hypothesis JSON export) into sidecars
    Import {
        /// A JSON-LD AnnotationCollection, AnnotationPage, or a JSON list of annotations
        file: PathBuf,
        /// Article files or story folders to match annotations to (default: the current folder)
        paths: Vec<PathBuf>,
        /// Report what would be imported without writing sidecars
        #[arg(long)]
        dry_run: bool,
    },
    /// Fetch web pages, take out the article and save it as Markdown in a story folder
    Add {
        /// Web addresses (http or https) of article pages
        #[arg(required = true, value_name = "URL")]
        urls: Vec<String>,
        #[command(flatten)]
        save: SaveArgs,
    },
    /// List the entries of an RSS, Atom or JSON feed, or add them to a story folder
    Feed {
        /// Web address of the feed
        url: String,
        /// Add every entry
        #[arg(long, conflicts_with = "add")]
        all: bool,
        /// Add the entries with these numbers (as listed)
        #[arg(long, value_name = "N", num_args = 1..)]
        add: Vec<usize>,
        #[command(flatten)]
        save: SaveArgs,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output
    Man,
    /// Show where the config file is and check it
    Config,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// Markdown with YAML front matter (Obsidian, Logseq)
    Md,
    /// W3C Web Annotation JSON-LD AnnotationCollection
    W3c,
    /// CSV for highlight services
    Csv,
    /// A self-contained side-by-side HTML report
    Html,
}

impl ExportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::W3c => "w3c",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
        }
    }
}

/// Where and how `add` and `feed` save fetched pages.
#[derive(Debug, Args)]
pub struct SaveArgs {
    /// The story folder to save into (default: the current folder)
    #[arg(long, value_name = "FOLDER")]
    pub to: Option<PathBuf>,
    /// Fetch an address already saved in the folder again and write over its file
    #[arg(long)]
    pub update: bool,
    /// Give up on a page after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
    /// The global `--max-size`, set by `run` (pages and feeds larger than this are refused).
    #[arg(skip)]
    pub max_size: u64,
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_in_bytes_or_with_a_unit() {
        assert_eq!(parse_size("52428800"), Ok(52_428_800));
        assert_eq!(parse_size("50M"), Ok(50 << 20));
        assert_eq!(parse_size("50mb"), Ok(50 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert_eq!(parse_size(" 2k "), Ok(2048));
        for bad in ["", "M", "-1", "0", "10Q", "ten", "1e400"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
