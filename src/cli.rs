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
    /// Refuse article files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
    pub max_size: u64,
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
        /// Refuse article files larger than this many bytes
        #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
        max_size: u64,
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
        /// Refuse article files larger than this many bytes
        #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
        max_size: u64,
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
        /// Refuse article files larger than this many bytes
        #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
        max_size: u64,
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
        /// Refuse article files larger than this many bytes
        #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
        max_size: u64,
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
        /// Refuse article files larger than this many bytes
        #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
        max_size: u64,
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
    /// Refuse pages and feeds larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
    pub max_size: u64,
}
