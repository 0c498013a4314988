//! The annotation side of the reader: sentence cursor, visual selection, highlights, notes,
//! tags, cross-article links, undo/redo, the annotation list and the `:` command line.
//! Pure state changes; saving and external editors are effects.

use super::keymap::{Code, Key};
use super::{Action, AppState, Effect, Mode, Overlay, Side};
use crate::annotate::anchor::{Anchor, Status};
use crate::annotate::{Annotation, Change, LinkRef, Relation};
use std::ops::Range;

/// One row of the annotation list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub article: usize,
    pub id: String,
    pub orphan: bool,
}

impl AppState {
    fn sentence_range(&self, side: Side, (p, k): (usize, usize)) -> Range<usize> {
        let a = self.article(side);
        a.paragraphs
            .get(p)
            .and_then(|para| {
                para.sentences
                    .get(k)
                    .or(para.sentences.last())
                    .map(|s| s.chars.clone())
            })
            .unwrap_or(0..0)
    }

    /// The char range of the cursor sentence in a pane.
    pub fn cursor_range(&self, side: Side) -> Range<usize> {
        self.sentence_range(side, self.cursor[side.idx()])
    }

    /// The selection as a char range, if one is active on this side.
    pub fn selection_range(&self, side: Side) -> Option<Range<usize>> {
        let (s, a, h) = self.selection?;
        (s == side).then(|| a.min(h)..a.max(h) + 1)
    }

    /// What an annotation command acts on: the selection, else the cursor sentence.
    fn target_range(&self, side: Side) -> Range<usize> {
        let r = self
            .selection_range(side)
            .unwrap_or_else(|| self.cursor_range(side));
        // trim surrounding whitespace so quotes are clean
        let a = self.article(side);
        let text: Vec<char> = a.text.chars().skip(r.start).take(r.len()).collect();
        let lead = text.iter().take_while(|c| c.is_whitespace()).count();
        let trail = text.iter().rev().take_while(|c| c.is_whitespace()).count();
        if lead + trail >= text.len() {
            r
        } else {
            r.start + lead..r.end - trail
        }
    }

    pub(crate) fn keep_cursor_in_view(&mut self, side: Side) {
        let vis = self.visible_paras(side);
        let (p, _) = self.cursor[side.idx()];
        if p < vis.start || p >= vis.end {
            let target = if p < vis.start {
                vis.start
            } else {
                vis.end.saturating_sub(1).max(vis.start)
            };
            self.cursor[side.idx()] = (target, 0);
        }
    }

    /// Sentence containing a char offset: (paragraph, sentence index).
    fn sentence_at(&self, side: Side, offset: usize) -> (usize, usize) {
        let a = self.article(side);
        for p in &a.paragraphs {
            if offset < p.chars.end || p.index + 1 == a.paragraphs.len() {
                let k = p
                    .sentences
                    .iter()
                    .position(|s| offset < s.chars.end)
                    .unwrap_or(p.sentences.len().saturating_sub(1));
                return (p.index, k);
            }
        }
        (0, 0)
    }

    fn step_sentence(
        &self,
        side: Side,
        (p, k): (usize, usize),
        forward: bool,
    ) -> Option<(usize, usize)> {
        let a = self.article(side);
        let n = a.paragraphs.get(p)?.sentences.len();
        if forward {
            if k + 1 < n {
                Some((p, k + 1))
            } else {
                (p + 1 < a.paragraphs.len()).then_some((p + 1, 0))
            }
        } else if k > 0 {
            Some((p, k - 1))
        } else if p > 0 {
            Some((p - 1, a.paragraphs[p - 1].sentences.len().saturating_sub(1)))
        } else {
            None
        }
    }

    fn move_cursor_to(&mut self, side: Side, c: (usize, usize)) {
        self.cursor[side.idx()] = c;
        let vis = self.visible_paras(side);
        if c.0 < vis.start || c.0 + 1 >= vis.end {
            // bring the cursor paragraph into view without jumping when it is already there
            if c.0 < vis.start || c.0 >= vis.end {
                self.goto_para(side, c.0);
            }
        }
        self.cursor[side.idx()] = c;
    }

    /// The innermost live annotation touching the target range of a pane.
    pub fn annotation_here(&self, side: Side) -> Option<String> {
        let art = self.shown[side.idx()];
        let r = self.target_range(side);
        let notes = &self.notes[art];
        let mut best: Option<(usize, &Annotation)> = None;
        for (i, a) in notes.live() {
            if let Some(Some(ar)) = notes.resolved.get(i).map(|x| x.0.clone()) {
                if ar.start < r.end.max(r.start + 1) && r.start < ar.end.max(ar.start + 1) {
                    let len = ar.len();
                    if best.is_none_or(|b| len < b.0) {
                        best = Some((len, a));
                    }
                }
            }
        }
        best.map(|b| b.1.id.clone())
    }

    /// Live annotations of the story, in article and position order, filtered; orphans last.
    pub fn list_items(&self, filter: &str) -> Vec<ListItem> {
        let terms: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
        let mut found = Vec::new();
        let mut orphans = Vec::new();
        for (ai, notes) in self.notes.iter().enumerate() {
            let source = self.story.articles[ai].source.to_lowercase();
            let mut items: Vec<(usize, &Annotation, bool)> = notes
                .live()
                .map(|(i, a)| {
                    let r = notes.resolved.get(i).and_then(|x| x.0.clone());
                    (
                        r.as_ref().map(|r| r.start).unwrap_or(a.target.start),
                        a,
                        r.is_none(),
                    )
                })
                .collect();
            items.sort_by(|x, y| (x.0, &x.1.id).cmp(&(y.0, &y.1.id)));
            for (_, a, orphan) in items {
                let ok = terms.iter().all(|t| {
                    if let Some(tag) = t.strip_prefix('#') {
                        a.tags.iter().any(|x| x.to_lowercase() == tag)
                    } else if let Some(c) =
                        t.strip_prefix("color:").or_else(|| t.strip_prefix("c:"))
                    {
                        c.parse::<u8>().ok() == Some(a.color)
                            || crate::annotate::COLOR_NAMES.get(a.color as usize - 1) == Some(&c)
                    } else if let Some(o) = t.strip_prefix('@') {
                        source.contains(o)
                    } else {
                        a.target.quote.to_lowercase().contains(t.as_str())
                            || a.note.to_lowercase().contains(t.as_str())
                    }
                });
                if ok {
                    let item = ListItem {
                        article: ai,
                        id: a.id.clone(),
                        orphan,
                    };
                    if orphan {
                        orphans.push(item);
                    } else {
                        found.push(item);
                    }
                }
            }
        }
        found.extend(orphans);
        found
    }

    fn read_only(&mut self, article: usize) -> bool {
        if let Some(why) = &self.notes[article].read_only {
            self.error = Some(format!(
                "annotations of {} are read-only: {why}",
                self.story.articles[article].source
            ));
            return true;
        }
        false
    }

    /// Apply a group of changes (one undo step) and say which sidecars to save.
    fn commit(&mut self, group: Vec<Change>) -> Vec<Effect> {
        let mut fx = Vec::new();
        for c in &group {
            if let Some(after) = &c.after {
                let a = &self.story.articles[c.article];
                self.notes[c.article].put(after.clone(), &a.text, &a.text_hash);
            }
            if !fx.contains(&Effect::Save(c.article)) {
                fx.push(Effect::Save(c.article));
            }
        }
        self.history.record(group);
        fx
    }

    fn new_annotation(&mut self, article: usize, range: Range<usize>, color: u8) -> Annotation {
        let id = self.ids.next_id();
        let anchor = Anchor::new(&self.story.articles[article], range);
        Annotation::new(id, &self.now, color, anchor)
    }

    /// Highlight the target of a pane (or recolor the annotation with exactly that range).
    fn highlight(&mut self, side: Side, color: u8) -> Vec<Effect> {
        let art = self.shown[side.idx()];
        if self.read_only(art) {
            return Vec::new();
        }
        let r = self.target_range(side);
        if r.is_empty() {
            self.message = Some("nothing to highlight here".into());
            return Vec::new();
        }
        self.last_color = color;
        let existing = self.notes[art]
            .live()
            .find(|(i, _)| {
                self.notes[art].resolved.get(*i).and_then(|x| x.0.clone()) == Some(r.clone())
            })
            .map(|(_, a)| a.clone());
        let fx = match existing {
            Some(before) => {
                let mut after = before.clone();
                after.color = color;
                after.modified = self.now.clone();
                self.commit(vec![Change {
                    article: art,
                    before: Some(before),
                    after: Some(after),
                }])
            }
            None => {
                let a = self.new_annotation(art, r, color);
                self.commit(vec![Change {
                    article: art,
                    before: None,
                    after: Some(a),
                }])
            }
        };
        self.selection = None;
        self.mode = Mode::Normal;
        self.message = Some(format!(
            "highlighted in {}",
            crate::annotate::COLOR_NAMES[color as usize - 1]
        ));
        fx
    }

    /// The annotation to edit here: the one under the target, or a new highlight.
    fn annotation_for_edit(&mut self, side: Side) -> Option<(usize, String, Vec<Effect>)> {
        let art = self.shown[side.idx()];
        if self.read_only(art) {
            return None;
        }
        if self.selection.is_none() {
            if let Some(id) = self.annotation_here(side) {
                return Some((art, id, Vec::new()));
            }
        }
        let fx = self.highlight(side, self.last_color);
        let r = self.notes[art].items.last().map(|a| a.id.clone())?;
        Some((art, r, fx))
    }

    fn change_annotation(
        &mut self,
        article: usize,
        id: &str,
        f: impl FnOnce(&mut Annotation),
    ) -> Vec<Effect> {
        let Some(before) = self.notes[article].get(id).cloned() else {
            return Vec::new();
        };
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return Vec::new();
        }
        after.modified = self.now.clone();
        self.commit(vec![Change {
            article,
            before: Some(before),
            after: Some(after),
        }])
    }

    fn jump_to_range(&mut self, side: Side, r: Range<usize>) {
        let c = self.sentence_at(side, r.start);
        self.goto_para(side, c.0);
        self.cursor[side.idx()] = c;
    }

    fn undo_redo(&mut self, undo: bool) -> Vec<Effect> {
        let group = if undo {
            self.history.take_undo()
        } else {
            self.history.take_redo()
        };
        let Some(group) = group else {
            self.message = Some(format!("nothing to {}", if undo { "undo" } else { "redo" }));
            return Vec::new();
        };
        let mut fx = Vec::new();
        let steps: Vec<&Change> = if undo {
            group.iter().rev().collect()
        } else {
            group.iter().collect()
        };
        for c in steps {
            let (to, from) = if undo {
                (&c.before, &c.after)
            } else {
                (&c.after, &c.before)
            };
            // The restored version is a new modification, so it wins when merged on disk.
            let restored = match (to, from) {
                (Some(t), _) => {
                    let mut t = t.clone();
                    t.modified = self.now.clone();
                    t
                }
                (None, Some(f)) => {
                    let mut t = f.clone();
                    t.deleted = true;
                    t.modified = self.now.clone();
                    t
                }
                (None, None) => continue,
            };
            let a = &self.story.articles[c.article];
            self.notes[c.article].put(restored, &a.text, &a.text_hash);
            if !fx.contains(&Effect::Save(c.article)) {
                fx.push(Effect::Save(c.article));
            }
        }
        self.message = Some(if undo {
            "undone".into()
        } else {
            "redone".into()
        });
        fx
    }

    fn step_annotation(&mut self, side: Side, forward: bool) {
        let art = self.shown[side.idx()];
        let here = self.cursor_range(side).start;
        let mut starts: Vec<usize> = self.notes[art]
            .live()
            .filter_map(|(i, _)| {
                self.notes[art]
                    .resolved
                    .get(i)
                    .and_then(|x| x.0.as_ref().map(|r| r.start))
            })
            .collect();
        starts.sort_unstable();
        let target = if forward {
            starts.into_iter().find(|&x| x > here)
        } else {
            starts.into_iter().rev().find(|&x| x < here)
        };
        match target {
            Some(x) => self.jump_to_range(side, x..x + 1),
            None => {
                self.message = Some(format!(
                    "no {} annotation",
                    if forward { "next" } else { "previous" }
                ))
            }
        }
    }

    fn create_link(
        &mut self,
        from: (usize, Range<usize>),
        to: (usize, Range<usize>),
        rel: Relation,
    ) -> Vec<Effect> {
        let color = self.last_color;
        let mut group = Vec::new();
        let mut ends = Vec::new();
        for (art, r) in [from.clone(), to.clone()] {
            let existing = self.notes[art]
                .live()
                .find(|(i, _)| {
                    self.notes[art].resolved.get(*i).and_then(|x| x.0.clone()) == Some(r.clone())
                })
                .map(|(_, a)| a.clone());
            let ann = existing
                .clone()
                .unwrap_or_else(|| self.new_annotation(art, r, color));
            ends.push((art, existing, ann));
        }
        let labels: Vec<(String, String)> = ends
            .iter()
            .map(|(art, _, a)| (self.story.articles[*art].id.clone(), a.id.clone()))
            .collect();
        for (k, (art, before, mut ann)) in ends.into_iter().enumerate() {
            let (other_article, other_id) = labels[1 - k].clone();
            let other_label = self.story.articles[if k == 0 { to.0 } else { from.0 }]
                .label
                .clone();
            if !ann.links.iter().any(|l| l.annotation == other_id) {
                ann.links.push(LinkRef {
                    relation: rel,
                    article: other_article,
                    article_label: other_label,
                    annotation: other_id,
                    extra: Default::default(),
                });
            }
            ann.modified = self.now.clone();
            group.push(Change {
                article: art,
                before,
                after: Some(ann),
            });
        }
        self.message = Some(format!("linked: {}", rel.label()));
        self.commit(group)
    }
}

fn color_of(a: Action) -> Option<u8> {
    Some(match a {
        Action::HighlightColor1 => 1,
        Action::HighlightColor2 => 2,
        Action::HighlightColor3 => 3,
        Action::HighlightColor4 => 4,
        Action::HighlightColor5 => 5,
        _ => return None,
    })
}

/// Move the head of a selection by words or characters within the article text.
fn move_head(text: &[char], head: usize, a: Action) -> usize {
    let n = text.len();
    if n == 0 {
        return 0;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let mut h = head.min(n - 1);
    match a {
        Action::CharForward => (h + 1).min(n - 1),
        Action::CharBack => h.saturating_sub(1),
        Action::WordForward => {
            while h < n - 1 && is_word(text[h]) {
                h += 1;
            }
            while h < n - 1 && !is_word(text[h]) {
                h += 1;
            }
            h
        }
        Action::WordEnd => {
            if h < n - 1 {
                h += 1;
            }
            while h < n - 1 && !is_word(text[h]) {
                h += 1;
            }
            while h < n - 1 && is_word(text[h + 1]) {
                h += 1;
            }
            h
        }
        Action::WordBack => {
            h = h.saturating_sub(1);
            while h > 0 && !is_word(text[h]) {
                h -= 1;
            }
            while h > 0 && is_word(text[h - 1]) {
                h -= 1;
            }
            h
        }
        _ => h,
    }
}

/// Annotation actions of the keymap.
pub fn apply(s: &mut AppState, a: Action) -> Vec<Effect> {
    use Action::*;
    let side = s.focus;
    if let Some(c) = color_of(a) {
        return s.highlight(side, c);
    }
    match a {
        NextSentence | PrevSentence => {
            let forward = a == NextSentence;
            if let Some((sel_side, anchor, head)) = s.selection.filter(|x| x.0 == side) {
                let cur = s.sentence_at(side, head);
                if let Some(next) = s.step_sentence(side, cur, forward) {
                    let r = s.sentence_range(side, next);
                    let h = if forward || r.start < anchor {
                        if forward {
                            r.end.saturating_sub(1)
                        } else {
                            r.start
                        }
                    } else {
                        r.end.saturating_sub(1)
                    };
                    s.selection = Some((sel_side, anchor, h));
                    s.move_cursor_to(side, next);
                }
            } else if let Some(next) = s.step_sentence(side, s.cursor[side.idx()], forward) {
                s.move_cursor_to(side, next);
            }
        }
        Visual => {
            let r = s.cursor_range(side);
            s.selection = Some((side, r.start, r.end.saturating_sub(1).max(r.start)));
            s.mode = Mode::Visual;
        }
        VisualParagraph => {
            let p = s
                .selection
                .filter(|x| x.0 == side)
                .map(|x| s.sentence_at(side, x.2).0)
                .unwrap_or(s.cursor[side.idx()].0);
            if let Some(para) = s.article(side).paragraphs.get(p) {
                let r = para.chars.clone();
                s.selection = Some((side, r.start, r.end.saturating_sub(1).max(r.start)));
                s.mode = Mode::Visual;
            }
        }
        WordForward | WordBack | WordEnd | CharForward | CharBack => {
            if let Some((sd, anchor, head)) = s.selection {
                let text: Vec<char> = s.article(sd).text.chars().collect();
                let h = move_head(&text, head, a);
                s.selection = Some((sd, anchor, h));
                let c = s.sentence_at(sd, h);
                s.move_cursor_to(sd, c);
            }
        }
        Cancel => {
            s.selection = None;
            s.mode = Mode::Normal;
        }
        Highlight => return s.highlight(side, s.last_color),
        Note | NoteInEditor => {
            let Some((art, id, mut fx)) = s.annotation_for_edit(side) else {
                return Vec::new();
            };
            let original = s.notes[art]
                .get(&id)
                .map(|x| x.note.clone())
                .unwrap_or_default();
            s.overlays.push(Overlay::Note {
                article: art,
                id,
                original: original.clone(),
            });
            s.selection = None;
            s.mode = Mode::Normal;
            if a == NoteInEditor {
                fx.push(Effect::EditInEditor { text: original });
            }
            return fx;
        }
        Tags => {
            let Some((art, id, fx)) = s.annotation_for_edit(side) else {
                return Vec::new();
            };
            let input = s.notes[art]
                .get(&id)
                .map(|x| x.tags.join(", "))
                .unwrap_or_default();
            s.overlays.push(Overlay::Tags {
                article: art,
                id,
                input,
            });
            s.selection = None;
            s.mode = Mode::Normal;
            return fx;
        }
        Link => {
            let art = s.shown[side.idx()];
            let r = s.target_range(side);
            s.selection = None;
            s.mode = Mode::Normal;
            match s.pending_link.clone() {
                Some((first_side, first_art, first_r))
                    if first_side != side && first_art != art =>
                {
                    if s.read_only(first_art) || s.read_only(art) {
                        return Vec::new();
                    }
                    s.pending_link = None;
                    s.overlays.push(Overlay::Relation {
                        from: (first_art, first_r),
                        to: (art, r),
                        selected: 0,
                    });
                }
                _ => {
                    // start the other pane on the passage that most likely reports the same
                    let other = side.other();
                    let passage: String = s
                        .article(side)
                        .text
                        .chars()
                        .skip(r.start)
                        .take(r.len())
                        .collect();
                    let found = crate::align::best_matching_sentence(
                        &passage,
                        &s.story.articles[s.shown[other.idx()]],
                    );
                    s.pending_link = Some((side, art, r));
                    s.message = Some(match found {
                        Some(m) => {
                            s.jump_to_range(other, m);
                            "link: the other pane's cursor is on the closest passage; \
                             Tab there, adjust, then press L"
                                .into()
                        }
                        None => {
                            "link: select the other passage in the other pane, then press L".into()
                        }
                    });
                }
            }
        }
        FollowLink => {
            let art = s.shown[side.idx()];
            let Some(id) = s.annotation_here(side) else {
                s.message = Some("no annotation here".into());
                return Vec::new();
            };
            let Some(link) = s.notes[art].get(&id).and_then(|x| x.links.first().cloned()) else {
                s.message = Some("this annotation has no link".into());
                return Vec::new();
            };
            let Some(other_art) = s.story.articles.iter().position(|x| x.id == link.article) else {
                s.error = Some(format!(
                    "linked article {} is not in this story",
                    link.article_label
                ));
                return Vec::new();
            };
            let other = side.other();
            if s.shown[other.idx()] != other_art {
                s.set_source(other, other_art);
            }
            s.focus = other;
            match s.notes[other_art].range_of(&link.annotation) {
                Some(r) => s.jump_to_range(other, r),
                None => {
                    s.message = Some("the other end is an orphan (see the list: Space a)".into())
                }
            }
        }
        Delete => {
            let art = s.shown[side.idx()];
            if s.read_only(art) {
                return Vec::new();
            }
            let Some(id) = s.annotation_here(side) else {
                s.message = Some("no annotation here".into());
                return Vec::new();
            };
            let fx = s.change_annotation(art, &id, |x| x.deleted = true);
            s.message = Some("deleted (u to undo)".into());
            return fx;
        }
        Undo => return s.undo_redo(true),
        Redo => return s.undo_redo(false),
        NextAnnotation => s.step_annotation(side, true),
        PrevAnnotation => s.step_annotation(side, false),
        AnnotationList => s.overlays.push(Overlay::List {
            filter: String::new(),
            selected: 0,
        }),
        ExportPrompt => {
            s.mode = Mode::CommandInput;
            s.command = "export md ".into();
        }
        CommandLine => {
            s.mode = Mode::CommandInput;
            s.command.clear();
        }
        _ => {}
    }
    Vec::new()
}

/// The note editor handed back its text.
pub fn note_submitted(s: &mut AppState, text: String) -> Vec<Effect> {
    let Some(Overlay::Note { article, id, .. }) = s.overlays.last().cloned() else {
        return Vec::new();
    };
    s.overlays.pop();
    let fx = s.change_annotation(article, &id, |a| a.note = text);
    s.message = Some("note saved".into());
    fx
}

/// A save finished: take what is on disk now (it may hold another writer's changes).
pub fn saved(s: &mut AppState, article: usize, items: Vec<Annotation>, elsewhere: Option<&str>) {
    let Some(a) = s.story.articles.get(article) else {
        return;
    };
    let (text, hash) = (a.text.clone(), a.text_hash.clone());
    for it in items {
        let mine = s.notes[article].get(&it.id).map(|m| m.modified.clone());
        if mine.is_none_or(|m| crate::annotate::times::is_later(&it.modified, &m)) {
            s.notes[article].put(it, &text, &hash);
        }
    }
    if s.error
        .as_deref()
        .is_some_and(|e| e.starts_with("not saved"))
    {
        s.error = None;
    }
    let n = s.notes[article].live().count();
    let noun = if n == 1 { "annotation" } else { "annotations" };
    let source = &s.story.articles[article].source;
    s.message = Some(match elsewhere {
        Some(path) => format!("saved ({n} {noun} in {source}) to {path}"),
        None => format!("saved ({n} {noun} in {source})"),
    });
}

/// Keys for the annotation overlays.
pub fn overlay_key(s: &mut AppState, top: Overlay, k: Key) -> Vec<Effect> {
    let last = s.overlays.len() - 1;
    match top {
        // Text editing happens in the runtime's editor widget; Esc there sends NoteCancel.
        Overlay::Note { .. } if k.code == Code::Esc => {
            s.overlays.pop();
        }
        Overlay::ConfirmDiscard => match k.code {
            Code::Char('y') | Code::Char('Y') => {
                s.overlays.pop();
                s.overlays.pop();
                s.message = Some("note changes discarded".into());
            }
            Code::Char('n') | Code::Char('N') | Code::Esc => {
                s.overlays.pop();
            }
            _ => {}
        },
        Overlay::Tags {
            article,
            id,
            mut input,
        } => match k.code {
            Code::Esc => {
                s.overlays.pop();
            }
            Code::Enter => {
                s.overlays.pop();
                let mut tags: Vec<String> = input
                    .split([',', ' '])
                    .map(|t| t.trim().trim_start_matches('#').to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
                tags.dedup();
                let fx = s.change_annotation(article, &id, |a| a.tags = tags);
                s.message = Some("tags saved".into());
                return fx;
            }
            Code::Backspace => {
                input.pop();
                s.overlays[last] = Overlay::Tags { article, id, input };
            }
            Code::Tab => {
                let known: Vec<String> = s.notes.iter().flat_map(|n| n.tags()).collect();
                let cut = input.rfind([',', ' ']).map(|i| i + 1).unwrap_or(0);
                let partial = input[cut..].trim().to_string();
                if let Some(t) = known
                    .iter()
                    .filter(|t| t.starts_with(&partial) && **t != partial)
                    .min()
                {
                    input.truncate(cut);
                    if cut > 0 && !input.ends_with(' ') {
                        input.push(' ');
                    }
                    input.push_str(t);
                }
                s.overlays[last] = Overlay::Tags { article, id, input };
            }
            Code::Char(c) if !k.ctrl => {
                input.push(c);
                s.overlays[last] = Overlay::Tags { article, id, input };
            }
            _ => {}
        },
        Overlay::Relation { from, to, selected } => {
            let n = Relation::ALL.len();
            match k.code {
                Code::Esc | Code::Char('q') => {
                    s.overlays.pop();
                }
                Code::Char('j') | Code::Down => {
                    s.overlays[last] = Overlay::Relation {
                        from,
                        to,
                        selected: (selected + 1) % n,
                    }
                }
                Code::Char('k') | Code::Up => {
                    s.overlays[last] = Overlay::Relation {
                        from,
                        to,
                        selected: (selected + n - 1) % n,
                    }
                }
                Code::Char(c @ '1'..='4') => {
                    s.overlays.pop();
                    return s.create_link(from, to, Relation::ALL[c as usize - '1' as usize]);
                }
                Code::Enter => {
                    s.overlays.pop();
                    return s.create_link(from, to, Relation::ALL[selected]);
                }
                _ => {}
            }
        }
        Overlay::List {
            mut filter,
            selected,
        } => {
            let items = s.list_items(&filter);
            match k.code {
                Code::Esc => {
                    s.overlays.pop();
                }
                Code::Down => {
                    s.overlays[last] = Overlay::List {
                        filter,
                        selected: (selected + 1).min(items.len().saturating_sub(1)),
                    }
                }
                Code::Char('n') if k.ctrl => {
                    s.overlays[last] = Overlay::List {
                        filter,
                        selected: (selected + 1).min(items.len().saturating_sub(1)),
                    }
                }
                Code::Up => {
                    s.overlays[last] = Overlay::List {
                        filter,
                        selected: selected.saturating_sub(1),
                    }
                }
                Code::Char('p') if k.ctrl => {
                    s.overlays[last] = Overlay::List {
                        filter,
                        selected: selected.saturating_sub(1),
                    }
                }
                Code::Backspace => {
                    filter.pop();
                    s.overlays[last] = Overlay::List {
                        filter,
                        selected: 0,
                    };
                }
                Code::Enter => {
                    let Some(item) = items.get(selected).cloned() else {
                        return Vec::new();
                    };
                    if item.orphan {
                        s.message = Some("an orphan has no place in the text: select a passage, open this list and press Ctrl-a to re-attach it".into());
                        return Vec::new();
                    }
                    s.overlays.pop();
                    // The pane already showing the article, else the focused one.
                    let side = [Side::Left, Side::Right]
                        .into_iter()
                        .find(|sd| s.shown[sd.idx()] == item.article)
                        .unwrap_or(s.focus);
                    if s.shown[side.idx()] != item.article {
                        s.set_source(side, item.article);
                    }
                    s.focus = side;
                    if let Some(r) = s.notes[item.article].range_of(&item.id) {
                        s.jump_to_range(side, r);
                    }
                }
                Code::Char('a') if k.ctrl => {
                    let Some(item) = items.get(selected).cloned() else {
                        return Vec::new();
                    };
                    let side = s.focus;
                    if !item.orphan {
                        s.message = Some("only orphans are re-attached".into());
                    } else if s.shown[side.idx()] != item.article {
                        s.error =
                            Some("show the orphan's article in the focused pane first".into());
                    } else {
                        let r = s.target_range(side);
                        let anchor = Anchor::new(&s.story.articles[item.article], r);
                        let fx = s.change_annotation(item.article, &item.id, |a| a.target = anchor);
                        s.overlays.pop();
                        s.selection = None;
                        s.mode = Mode::Normal;
                        s.message = Some("re-attached".into());
                        return fx;
                    }
                }
                Code::Char(c) if !k.ctrl => {
                    filter.push(c);
                    s.overlays[last] = Overlay::List {
                        filter,
                        selected: 0,
                    };
                }
                _ => {}
            }
        }
        _ => {}
    }
    Vec::new()
}

/// The `:` command line.
pub fn run_command(s: &mut AppState, line: &str) -> Vec<Effect> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    match parts.as_slice() {
        ["export", format, path] => {
            if !["md", "w3c", "csv", "html"].contains(format) {
                s.error = Some(format!(
                    "unknown export format \"{format}\" (md, w3c, csv, html)"
                ));
                return Vec::new();
            }
            // these two formats carry topics and linked passages
            if s.aligning.is_some() && ["md", "html"].contains(format) {
                s.message = super::aligning::progress(s);
                return Vec::new();
            }
            vec![Effect::Export {
                format: format.to_string(),
                path: path.to_string(),
            }]
        }
        ["export", ..] => {
            s.error = Some("usage: :export md|w3c|csv|html FILE".into());
            Vec::new()
        }
        ["add", url] => super::adding::start(s, url),
        ["add", ..] => {
            s.error = Some("usage: :add URL".into());
            Vec::new()
        }
        ["w"] | ["write"] => (0..s.notes.len()).map(Effect::Save).collect(),
        ["q"] | ["quit"] => {
            s.quit = true;
            vec![Effect::Quit]
        }
        [] => Vec::new(),
        other => {
            s.error = Some(format!("unknown command: {}", other.join(" ")));
            Vec::new()
        }
    }
}

/// How an annotation's anchor was found, for the list.
pub fn status_label(s: &AppState, article: usize, id: &str) -> String {
    match s.notes[article].status_of(id) {
        Status::Exact => String::new(),
        st => st.label(),
    }
}
