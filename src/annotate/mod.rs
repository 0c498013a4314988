//! Annotations: highlights, notes, tags and links between passages of two articles, their
//! anchors, the sidecar file format, merging two writers, and undo. No terminal types.

pub mod anchor;
pub mod export;
pub mod import;
pub mod sidecar;
pub mod times;

use anchor::{Anchor, CharIndex, Status};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::ops::Range;

pub const COLORS: usize = 5;
pub const COLOR_NAMES: [&str; COLORS] = ["yellow", "green", "blue", "pink", "orange"];

/// A relation between two passages of two articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    Contradicts,
    Agrees,
    AddsContext,
    SameFact,
}

impl Relation {
    pub const ALL: [Relation; 4] = [
        Relation::Contradicts,
        Relation::Agrees,
        Relation::AddsContext,
        Relation::SameFact,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Relation::Contradicts => "contradicts",
            Relation::Agrees => "agrees",
            Relation::AddsContext => "adds context",
            Relation::SameFact => "same fact",
        }
    }
}

/// The other end of a cross-article link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkRef {
    pub relation: Relation,
    /// Content id of the other article.
    pub article: String,
    /// Path or label of the other article when the link was made (a hint for people).
    pub article_label: String,
    /// Id of the annotation at the other end.
    pub annotation: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: String,
    pub created: String,
    pub modified: String,
    /// 1..=5
    pub color: u8,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub links: Vec<LinkRef>,
    pub target: Anchor,
    /// A deletion, kept so that merging with another writer does not bring it back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Hash of the article text in which the target was last looked for in vain: while the text
    /// is the same, the search is not repeated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orphaned_in: Option<String>,
    /// Fields written by newer versions, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Annotation {
    /// Remove escape sequences and other unsafe characters from what is shown and exported: the
    /// note, the tags and the labels of links. The quote is left alone: it anchors the
    /// annotation in canonical text, which holds no such characters, and it is cleaned where
    /// it is shown.
    pub fn clean_for_display(&mut self) {
        use crate::store::{canon, one_line};
        if let std::borrow::Cow::Owned(n) = canon::display(&self.note) {
            self.note = n;
        }
        for t in &mut self.tags {
            *t = one_line(std::mem::take(t));
        }
        for l in &mut self.links {
            l.article_label = one_line(std::mem::take(&mut l.article_label));
        }
    }

    pub fn new(id: String, now: &str, color: u8, target: Anchor) -> Annotation {
        Annotation {
            id,
            created: now.to_string(),
            modified: now.to_string(),
            color: color.clamp(1, COLORS as u8),
            tags: Vec::new(),
            note: String::new(),
            links: Vec::new(),
            target,
            deleted: false,
            orphaned_in: None,
            extra: Map::new(),
        }
    }

    /// Re-anchor the target in a text, remembering a failure against that text. With
    /// `trust_memo`, a target that already failed against this very text is an orphan at once
    /// (unless it sits at its stored position, which costs one comparison).
    fn resolve_in(&mut self, ix: &CharIndex<'_>, text_hash: &str, trust_memo: bool) -> Resolved {
        let t = &self.target;
        if trust_memo && self.orphaned_in.as_deref() == Some(text_hash) {
            let at = t.start..t.end;
            if t.end <= ix.len() && !t.quote.is_empty() && ix.slice(at.clone()) == t.quote {
                self.orphaned_in = None;
                return (Some(at), Status::Exact);
            }
            return (None, Status::Orphan);
        }
        let r = t.resolve(ix, text_hash);
        self.orphaned_in = (r.1 == Status::Orphan).then(|| text_hash.to_string());
        r
    }
}

/// What identifies one version of a sidecar file on disk: size, modification time, inode and
/// change time (the last two read where the platform has them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    pub modified: std::time::SystemTime,
    pub inode: u64,
    pub changed: (i64, i64),
}

/// Where an annotation was found in the current text, and how.
pub type Resolved = (Option<Range<usize>>, Status);

/// One article's annotations in memory: every entry (tombstones too), where each one resolved
/// in the current text, and entries of a newer format kept verbatim.
#[derive(Debug, Clone, Default)]
pub struct ArticleNotes {
    pub items: Vec<Annotation>,
    /// Same order as `items`: the resolved char range and status.
    pub resolved: Vec<Resolved>,
    /// Entries this version does not understand, kept on save.
    pub foreign: Vec<Value>,
    /// Top-level fields of the sidecar this version does not know.
    pub extra: Map<String, Value>,
    /// Why the annotations of this article cannot be changed (corrupt sidecar …).
    pub read_only: Option<String>,
    /// Size and modification time of the sidecar as last read or written: when the file still
    /// matches, no other writer touched it and a save need not read it back.
    pub disk_stamp: Option<crate::annotate::DiskStamp>,
}

impl ArticleNotes {
    /// Clean the shown fields of every annotation (see [`Annotation::clean_for_display`]), for
    /// annotations read from a file someone else may have written.
    pub fn clean_for_display(&mut self) {
        for a in &mut self.items {
            a.clean_for_display();
        }
    }

    /// Re-anchor every annotation against the article's current text. A target that already
    /// failed against this same text (see [`Annotation::orphaned_in`]) is not searched again.
    pub fn resolve_all(&mut self, text: &str, text_hash: &str) {
        // an article with no notes needs no index of its text (a long one costs a second)
        if self.items.is_empty() {
            self.resolved.clear();
            return;
        }
        let ix = CharIndex::new(text);
        self.resolved = self
            .items
            .iter_mut()
            .map(|a| a.resolve_in(&ix, text_hash, true))
            .collect();
    }

    pub fn live(&self) -> impl Iterator<Item = (usize, &Annotation)> {
        self.items.iter().enumerate().filter(|(_, a)| !a.deleted)
    }

    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.items.iter().find(|a| a.id == id)
    }

    pub fn range_of(&self, id: &str) -> Option<Range<usize>> {
        let i = self.items.iter().position(|a| a.id == id)?;
        self.resolved.get(i).and_then(|r| r.0.clone())
    }

    pub fn status_of(&self, id: &str) -> Status {
        self.items
            .iter()
            .position(|a| a.id == id)
            .and_then(|i| self.resolved.get(i).map(|r| r.1))
            .unwrap_or(Status::Orphan)
    }

    /// Live annotations covering a char offset, innermost (shortest) first.
    pub fn at(&self, offset: usize) -> Vec<&Annotation> {
        let mut v: Vec<(&Annotation, usize)> = self
            .live()
            .filter_map(|(i, a)| {
                let r = self.resolved.get(i)?.0.clone()?;
                (r.start <= offset && offset < r.end.max(r.start + 1)).then(|| (a, r.len()))
            })
            .collect();
        v.sort_by(|x, y| x.1.cmp(&y.1).then(x.0.id.cmp(&y.0.id)));
        v.into_iter().map(|x| x.0).collect()
    }

    /// Insert or replace an annotation (by id) and resolve it. Its target may be new, so it is
    /// searched even if an earlier one failed against this text.
    pub fn put(&mut self, mut a: Annotation, text: &str, text_hash: &str) {
        let res = a.resolve_in(&CharIndex::new(text), text_hash, false);
        match self.items.iter().position(|x| x.id == a.id) {
            Some(i) => {
                self.items[i] = a;
                self.resolved[i] = res;
            }
            None => {
                self.items.push(a);
                self.resolved.push(res);
            }
        }
    }

    /// Sorted for stable files: by position, then id.
    pub fn sort(&mut self) {
        let mut pairs: Vec<(Annotation, Resolved)> =
            self.items.drain(..).zip(self.resolved.drain(..)).collect();
        pairs.sort_by(|a, b| (a.0.target.start, &a.0.id).cmp(&(b.0.target.start, &b.0.id)));
        for (a, r) in pairs {
            self.items.push(a);
            self.resolved.push(r);
        }
    }

    /// Every tag used, sorted.
    pub fn tags(&self) -> Vec<String> {
        let mut t: Vec<String> = self.live().flat_map(|(_, a)| a.tags.clone()).collect();
        t.sort();
        t.dedup();
        t
    }
}

/// Merge what another writer saved with ours: union by id, the latest modification wins per
/// annotation (ours on a tie); deletions are tombstones and take part like any change.
pub fn merge(ours: &[Annotation], theirs: &[Annotation]) -> Vec<Annotation> {
    let mut out: Vec<Annotation> = ours.to_vec();
    let mut at: std::collections::HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    for t in theirs {
        match at.get(&t.id) {
            Some(&i) => {
                if times::is_later(&t.modified, &out[i].modified) {
                    out[i] = t.clone();
                }
            }
            None => {
                at.insert(t.id.clone(), out.len());
                out.push(t.clone());
            }
        }
    }
    out.sort_by(|a, b| (a.target.start, &a.id).cmp(&(b.target.start, &b.id)));
    out
}

/// One undoable change to one article's annotations: the entry before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub article: usize,
    pub before: Option<Annotation>,
    pub after: Option<Annotation>,
}

/// Undo and redo stacks of groups of changes (a link changes two articles at once).
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Vec<Change>>,
    redo: Vec<Vec<Change>>,
}

impl History {
    pub fn record(&mut self, group: Vec<Change>) {
        if !group.is_empty() {
            self.undo.push(group);
            self.redo.clear();
        }
    }
    pub fn take_undo(&mut self) -> Option<Vec<Change>> {
        let g = self.undo.pop()?;
        self.redo.push(g.clone());
        Some(g)
    }
    pub fn take_redo(&mut self) -> Option<Vec<Change>> {
        let g = self.redo.pop()?;
        self.undo.push(g.clone());
        Some(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Format, Meta};

    fn anchor() -> Anchor {
        let a = crate::store::Article::build(
            "Some text here.".into(),
            Meta::default(),
            None,
            "t".into(),
            Format::Text,
        );
        Anchor::new(&a, 0..4)
    }

    fn ann(id: &str, modified: &str, note: &str, deleted: bool) -> Annotation {
        let mut a = Annotation::new(id.into(), "2031-01-01T00:00:00Z", 1, anchor());
        a.modified = modified.into();
        a.note = note.into();
        a.deleted = deleted;
        a
    }

    #[test]
    fn merge_latest_wins_and_tombstones_stay() {
        let ours = vec![
            ann("a", "2031-01-01T00:00:02Z", "mine", false),
            ann("b", "2031-01-01T00:00:01Z", "", false),
        ];
        let theirs = vec![
            ann("a", "2031-01-01T00:00:01Z", "older", false),
            ann("b", "2031-01-01T00:00:05Z", "", true),
            ann("c", "2031-01-01T00:00:03Z", "theirs", false),
        ];
        let m = merge(&ours, &theirs);
        assert_eq!(m.len(), 3);
        assert_eq!(
            m.iter().find(|x| x.id == "a").map(|x| x.note.as_str()),
            Some("mine")
        );
        assert!(m.iter().find(|x| x.id == "b").is_some_and(|x| x.deleted));
        assert!(m.iter().any(|x| x.id == "c"));
    }

    #[test]
    fn a_failed_search_is_remembered_for_the_same_text() {
        let art = |t: &str| {
            crate::store::Article::build(t.into(), Meta::default(), None, "t".into(), Format::Text)
        };
        let a = art("The dam at Mellby held through the night.");
        let mut n = ArticleNotes::default();
        let mut x = Annotation::new(
            "a".into(),
            "2031-01-01T00:00:00Z",
            1,
            Anchor::new(&a, 4..20),
        );
        // an old sidecar entry has no memo, and an unchanged one writes none
        let json = serde_json::to_value(&x).expect("json");
        assert!(json.get("orphaned_in").is_none());
        n.items.push(x.clone());
        n.resolve_all(&a.text, &a.text_hash);
        assert_eq!(n.resolved[0].1, Status::Exact);
        assert_eq!(n.items[0].orphaned_in, None);

        let b = art("Something else entirely was written here instead of that.");
        n.resolve_all(&b.text, &b.text_hash);
        assert_eq!(n.resolved[0], (None, Status::Orphan));
        assert_eq!(
            n.items[0].orphaned_in.as_deref(),
            Some(b.text_hash.as_str())
        );
        let saved = serde_json::to_string(&n.items[0]).expect("json");
        let back: Annotation = serde_json::from_str(&saved).expect("parse");
        assert_eq!(back, n.items[0]);

        // the memo is trusted for the same text: a quote that is not searched stays an orphan
        // even if a search would now find it (the memo is keyed by this text only)
        n.items[0].target.quote = "Something else".into();
        n.resolve_all(&b.text, &b.text_hash);
        assert_eq!(n.resolved[0], (None, Status::Orphan));
        // another text: searched again, and the memo goes when the target is found
        let c = art("Now: Something else entirely was written here instead of that.");
        n.resolve_all(&c.text, &c.text_hash);
        assert_eq!(n.resolved[0].1, Status::Moved);
        assert_eq!(n.items[0].orphaned_in, None);

        // a target put anew (re-attached, imported) is searched even against a failed text
        x.orphaned_in = Some(b.text_hash.clone());
        x.target = Anchor::new(&b, 0..9);
        n.put(x, &b.text, &b.text_hash);
        assert_eq!(n.resolved[0].1, Status::Exact);
        assert_eq!(n.items[0].orphaned_in, None);
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let mut v =
            serde_json::to_value(ann("a", "2031-01-01T00:00:00Z", "n", false)).expect("json");
        v["future_field"] = serde_json::json!({"x": 1});
        v["links"] = serde_json::json!([{"relation": "agrees", "article": "abc", "article_label": "x.txt", "annotation": "b", "weight": 3}]);
        let a: Annotation = serde_json::from_value(v.clone()).expect("parse");
        let back = serde_json::to_value(&a).expect("json");
        assert_eq!(back["future_field"], v["future_field"]);
        assert_eq!(back["links"][0]["weight"], 3);
    }
}
