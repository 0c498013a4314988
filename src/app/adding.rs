//! `:add URL` in the reader: the command asks the runtime to fetch a page into the story's
//! folder; the article that comes back joins the story, shows in the focused pane, and the
//! story is aligned again in the background. No I/O and no threads here.

use super::{AppState, Effect};
use crate::align::StoryAlignment;
use crate::annotate::ArticleNotes;
use crate::store::{one_line, Article};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An article the runtime saved (or found already saved) in the story's folder, loaded back
/// from its file. Two are equal when they name the same file with the same text.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub article: Box<Article>,
    pub path: PathBuf,
    /// The address was already in the folder, as this file.
    pub existed: bool,
    /// Something to tell about the fetch (bytes not valid in the page's charset).
    pub warning: Option<String>,
}

impl PartialEq for Fetched {
    fn eq(&self, other: &Fetched) -> bool {
        self.path == other.path
            && self.existed == other.existed
            && self.warning == other.warning
            && self.article.text_hash == other.article.text_hash
    }
}

/// `:add URL`: ask the runtime to fetch the page into the story's folder.
pub(super) fn start(s: &mut AppState, url: &str) -> Vec<Effect> {
    let folder = s.story.root.clone().filter(|_| !s.story.builtin);
    let Some(folder) = folder else {
        s.error =
            Some("this story has no folder to add to (open a folder to add articles to it)".into());
        return Vec::new();
    };
    s.message = Some(one_line(format!("fetching {url}…")));
    vec![Effect::AddUrl {
        url: url.to_string(),
        folder,
    }]
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// The article came back: open it in the focused pane, joining it to the story first unless
/// it is already there. A new article makes the alignment stale, so the story is aligned again.
pub(super) fn landed(s: &mut AppState, f: Fetched) -> Vec<Effect> {
    let file = file_name(&f.path);
    let known = s.story.articles.iter().position(|a| {
        a.path
            .as_deref()
            .is_some_and(|p| p == f.path || (p.parent() == f.path.parent() && file_name(p) == file))
    });
    if let Some(i) = known {
        s.set_source(s.focus, i);
        s.message = Some(one_line(format!("already in this story: {file}")));
        return Vec::new();
    }
    Arc::make_mut(&mut s.story).articles.push(*f.article);
    s.notes.push(ArticleNotes::default());
    let n = s.story.articles.len();
    s.alignment = Arc::new(StoryAlignment::empty(n));
    s.aligning = Some((0, n * (n - 1) / 2));
    s.set_source(s.focus, n - 1);
    s.message = Some(one_line(if f.existed {
        format!("already in this story: {file}")
    } else {
        format!("added {file}")
    }));
    if let Some(w) = f.warning {
        s.error = Some(one_line(w));
    }
    vec![Effect::AlignStory]
}

pub(super) fn failed(s: &mut AppState, why: String) {
    s.error = Some(one_line(format!("not added: {why}")));
}
