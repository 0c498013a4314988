//! The reader: opens a story (or the built-in demo) in the terminal, starting on the pair
//! asked for, else the pair viewed last time, else the best-aligned pair.

use super::{choose_pair, find_source, load_summary};
use crate::cli::{ColorChoice, ReadArgs, ThemeName};
use crate::store::{LoadOptions, Story};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: ReadArgs) -> Result<ExitCode> {
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
    let (cfg, keymap, warning) = crate::config::load();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let dark = args.theme.or(cfg.theme).unwrap_or(ThemeName::Dark) == ThemeName::Dark;
    let remembered = last_pair(&story);
    let opts = crate::tui::Options {
        theme: crate::ui::Theme::new(color, dark),
        sync: cfg.sync.unwrap_or(true),
        keymap,
        // a config problem first, else what loading skipped or changed
        warning: warning.or_else(|| load_summary(&story)),
        pick: Box::new(move |story, al| {
            let (bl, br) =
                remembered.unwrap_or_else(|| crate::app::best_pair(al, story.articles.len()));
            choose_pair((bl, br), left, right, story.articles.len())
        }),
    };
    let key = story_key(&story);
    let ids: Vec<String> = story.articles.iter().map(|a| a.id.clone()).collect();
    let (l, r) = crate::tui::run(story, opts)?;
    if l != r {
        if let (Some(a), Some(b)) = (ids.get(l), ids.get(r)) {
            save_last_pair(key, a, b);
        }
    }
    Ok(ExitCode::SUCCESS)
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
