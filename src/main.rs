//! Entry point: parse the command line, run the chosen job, map errors to one clear line and a
//! non-zero exit code.
#![forbid(unsafe_code)]

use anyhow::Result;
use clap::Parser;
use diptych::align::StoryAlignment;
use diptych::cli::{Cli, ColorChoice, Command, OutFormat, ThemeName};
use diptych::output;
use diptych::store::{canon, LoadOptions, Story};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            // one clear line instead of a usage block
            let text = e.render().to_string();
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let mut first = lines
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ")
                .to_string();
            if first.ends_with(':') {
                if let Some(next) = lines.next() {
                    first = format!("{first} {next}");
                }
            }
            say(&format!("diptych: error: {first} (see diptych --help)"));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let msg = format!("{e:#}");
            say(&format!("diptych: error: {msg}"));
            ExitCode::from(1)
        }
    }
}

/// One line on standard error. Messages carry file names, outlets and imported text, so the
/// whole line passes the sanitiser.
fn say(line: &str) {
    eprintln!("{}", canon::display(line));
}

/// Write to standard output, the text made safe for a terminal first.
fn print(s: &str) -> Result<()> {
    let s = canon::display(s);
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
                    say(&format!("diptych: warning: {w}"));
                }
            }
            for s in &story.skipped {
                say(&format!("diptych: skipped: {s}"));
            }
            match format {
                OutFormat::Json => print(&output::json_text(&output::inspect_json(&story)))?,
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
                OutFormat::Json => print(&output::json_text(&output::align_json(
                    &story, &al, min_score,
                )))?,
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
                OutFormat::Json => print(&output::json_text(&output::story_json(&story, &al)))?,
                OutFormat::Text => print(&output::story_text(&story, &al))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            paths,
            format,
            output,
            force,
            left,
            right,
            max_size,
        }) => {
            let story = Story::load_paths(
                &paths,
                &LoadOptions {
                    max_bytes: max_size,
                },
            )?;
            let al = StoryAlignment::build(&story.articles, |_, _| {});
            let (mut notes, _, problems) = diptych::annotate::sidecar::load_story(&story);
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
            let (bl, br) = diptych::app::best_pair(&al, story.articles.len());
            let pair = choose_pair((bl, br), l, r, story.articles.len());
            match output {
                Some(path) => {
                    let msg = diptych::annotate::export::export_to_file(
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
                    let inp = diptych::annotate::export::Input {
                        story: &story,
                        al: &al,
                        notes: &notes,
                        pair,
                        by_topic: story.root.is_some() && story.articles.len() > 2,
                        now: diptych::tui::now_utc(),
                    };
                    print(
                        &diptych::annotate::export::render(&inp, format.name())
                            .map_err(|e| anyhow::anyhow!(e))?,
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import {
            file,
            paths,
            dry_run,
            max_size,
        }) => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let doc: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| anyhow::anyhow!("{}: invalid JSON: {e}", file.display()))?;
            let paths = if paths.is_empty() {
                vec![std::path::PathBuf::from(".")]
            } else {
                paths
            };
            let story = Story::load_paths(
                &paths,
                &LoadOptions {
                    max_bytes: max_size,
                },
            )?;
            let (mut notes, sidecars, problems) = diptych::annotate::sidecar::load_story(&story);
            notes.iter_mut().for_each(|n| n.clean_for_display());
            for p in &problems {
                say(&format!("diptych: warning: {p}"));
            }
            let report = diptych::annotate::import::import(
                &doc,
                &story,
                &mut notes,
                &diptych::tui::now_utc(),
            )
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let mut failed = false;
            if !dry_run {
                for &i in &report.touched {
                    let Some(Some(path)) = sidecars.get(i) else {
                        continue;
                    };
                    if let Err(e) =
                        diptych::annotate::sidecar::save(path, &story.articles[i], &notes[i])
                    {
                        say(&format!("diptych: error: {e}"));
                        failed = true;
                    }
                }
            }
            let verb = if dry_run { "would import" } else { "imported" };
            print(&format!(
                "{verb} {} annotations into {} articles; {} duplicates skipped; {} not anchored (kept as orphans); {} not matched\n",
                report.added,
                report.touched.len(),
                report.duplicates,
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
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "diptych", &mut buf);
            print(&String::from_utf8_lossy(&buf))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config) => {
            let Some(path) = diptych::config::config_path() else {
                anyhow::bail!("no config directory on this system");
            };
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    diptych::config::parse(&text, &path.display().to_string())
                        .map_err(|e| anyhow::anyhow!(e))?;
                    print(&format!("{}: ok\n", path.display()))?;
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => print(&format!(
                    "{}: not present (defaults are used)\n",
                    path.display()
                ))?,
                Err(e) => anyhow::bail!("{}: {e}", path.display()),
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut buf)?;
            print(&String::from_utf8_lossy(&buf))?;
            Ok(ExitCode::SUCCESS)
        }
        None => read(cli.read),
    }
}

/// Which article a `--left`/`--right` value names: outlet or file name, case-insensitive.
fn find_source(story: &Story, want: &str) -> Result<usize> {
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
fn choose_pair(
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

/// Remembers the last pair viewed per story, in the platform data dir.
fn state_file() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", "diptych").map(|d| d.data_dir().join("last-pairs.json"))
}

fn story_key(story: &Story) -> String {
    match &story.root {
        Some(r) => r.canonicalize().unwrap_or(r.clone()).display().to_string(),
        None => story
            .articles
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>()
            .join("+"),
    }
}

fn last_pair(story: &Story) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(state_file()?).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let ids = v.get(story_key(story))?.as_array()?;
    let find = |i: usize| {
        story
            .articles
            .iter()
            .position(|a| Some(a.id.as_str()) == ids.get(i).and_then(|x| x.as_str()))
    };
    Some((find(0)?, find(1)?))
}

/// Remember (key, left id, right id) for the next time this story is opened.
fn save_last_pair(key: String, left: &str, right: &str) {
    let Some(path) = state_file() else { return };
    let mut v: serde_json::Value = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| serde_json::json!({}));
    if let Some(obj) = v.as_object_mut() {
        obj.insert(key, serde_json::json!([left, right]));
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(&path, v.to_string());
    }
}

fn read(args: diptych::cli::ReadArgs) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let story = if args.paths.is_empty() {
        Story::builtin_demo()
    } else {
        for p in &args.paths {
            if p.as_os_str() != "-" && !p.exists() {
                anyhow::bail!("{}: no such file or folder", p.display());
            }
        }
        Story::load_paths(
            &args.paths,
            &LoadOptions {
                max_bytes: args.max_size,
            },
        )?
    };
    if story.articles.len() < 2 {
        anyhow::bail!(
            "{}: the reader needs two articles to compare; found one (try `diptych inspect`)",
            story.name
        );
    }
    let left = args
        .left
        .as_deref()
        .map(|w| find_source(&story, w))
        .transpose()?;
    let right = args
        .right
        .as_deref()
        .map(|w| find_source(&story, w))
        .transpose()?;
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("the reader needs a terminal; for text output use `diptych inspect`, `align` or `story`");
    }
    let (cfg, keymap, warning) = diptych::config::load();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let dark = args.theme.or(cfg.theme).unwrap_or(ThemeName::Dark) == ThemeName::Dark;
    let remembered = last_pair(&story);
    let opts = diptych::tui::Options {
        theme: diptych::ui::Theme::new(color, dark),
        sync: cfg.sync.unwrap_or(true),
        keymap,
        warning,
        pick: Box::new(move |story, al| {
            let (bl, br) =
                remembered.unwrap_or_else(|| diptych::app::best_pair(al, story.articles.len()));
            choose_pair((bl, br), left, right, story.articles.len())
        }),
    };
    let key = story_key(&story);
    let ids: Vec<String> = story.articles.iter().map(|a| a.id.clone()).collect();
    let (l, r) = diptych::tui::run(story, opts)?;
    if l != r {
        if let (Some(a), Some(b)) = (ids.get(l), ids.get(r)) {
            save_last_pair(key, a, b);
        }
    }
    Ok(ExitCode::SUCCESS)
}
