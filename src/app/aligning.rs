//! The reader before its alignment lands: the text shows at once, progress comes in as events,
//! actions that need links or topics say so, and the finished alignment fills in the gutter,
//! topics, discrepancies and coverage without moving the panes. No terminal, no threads.

use super::{Action, AppState};
use crate::align::StoryAlignment;
use std::sync::Arc;

/// A finished alignment on its way to `update`. Shared, so the event stays cheap to clone;
/// two are equal when they are the same alignment.
#[derive(Clone)]
pub struct Aligned(pub Arc<StoryAlignment>);

impl Aligned {
    pub fn new(alignment: StoryAlignment) -> Aligned {
        Aligned(Arc::new(alignment))
    }
}

impl std::fmt::Debug for Aligned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Aligned({} articles, {} topics)",
            self.0.n_articles,
            self.0.topics.len()
        )
    }
}

impl PartialEq for Aligned {
    fn eq(&self, other: &Aligned) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

const STILL: &str = "still aligning…";

/// Actions that have nothing to work on until the alignment is there.
pub(super) fn needs_alignment(a: Action) -> bool {
    use Action::*;
    matches!(
        a,
        NextTopic
            | PrevTopic
            | NextUnique
            | PrevUnique
            | NextDiscrepancy
            | PrevDiscrepancy
            | Coverage
            | Realign
    )
}

/// "still aligning… 3/10 pairs", or None once aligned.
pub fn progress(s: &AppState) -> Option<String> {
    s.aligning.map(|(done, total)| {
        if total == 0 {
            STILL.to_string()
        } else {
            format!("{STILL} {done}/{total} pairs")
        }
    })
}

/// Say in the status line that an action waits for the alignment (instead of doing nothing).
pub(super) fn say_still_aligning(s: &mut AppState) {
    s.message = progress(s);
}

pub(super) fn progressed(s: &mut AppState, done: usize, total: usize) {
    // progress after the alignment landed (or failed) is stale
    if s.aligning.is_some() {
        s.aligning = Some((done, total));
        if s.message.as_deref().is_some_and(|m| m.starts_with(STILL)) {
            s.message = progress(s);
        }
    }
}

pub(super) fn landed(s: &mut AppState, al: Aligned) {
    // an alignment of the story from before an article was added: its successor is on the way
    if s.aligning.is_some() && al.0.n_articles < s.story.articles.len() {
        return;
    }
    if al.0.n_articles != s.story.articles.len() {
        s.error = Some("the alignment does not fit this story; showing text only".into());
        s.aligning = None;
        return;
    }
    s.alignment = al.0;
    s.aligning = None;
    // the panes stay where the reader put them; only the pair's marks and colors change
    s.refresh_pair();
    if s.message.as_deref().is_none_or(|m| m.starts_with(STILL)) {
        s.message = Some(format!("aligned: {} topics", s.alignment.topics.len()));
    }
}

pub(super) fn failed(s: &mut AppState, why: String) {
    s.aligning = None;
    s.error = Some(format!("alignment failed ({why}); showing text only"));
}
