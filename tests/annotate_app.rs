//! Annotation commands through the real keymap into update(): highlight, note, tags, links,
//! delete, undo/redo, the list, and saves as effects.

use diptych::align::StoryAlignment;
use diptych::annotate::Relation;
use diptych::app::{press, update, AppState, Effect, Event, IdGen, Mode, Overlay, Side};
use diptych::store::Story;

fn app() -> AppState {
    let story = Story::builtin_demo();
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let idx = |f: &str| story.find_source(f).expect(f);
    let (l, r) = (idx("kestria-press-agency.txt"), idx("harbour-ledger.md"));
    let mut s = AppState::new(story, al, l, r);
    s.ids = IdGen::Counter(0);
    s.now = "2031-03-05T10:00:00Z".into();
    update(
        &mut s,
        Event::Resize {
            width: 50,
            height: 30,
        },
    );
    s
}

fn live(s: &AppState, side: Side) -> Vec<diptych::annotate::Annotation> {
    s.notes[s.shown[side.idx()]]
        .live()
        .map(|(_, a)| a.clone())
        .collect()
}

#[test]
fn sentence_cursor_moves_and_highlight_saves() {
    let mut s = app();
    assert_eq!(s.cursor[0], (0, 0));
    press(&mut s, ")");
    assert_eq!(s.cursor[0], (1, 0));
    let fx = press(&mut s, "H");
    assert_eq!(fx, vec![Effect::Save(s.shown[0])]);
    let a = live(&s, Side::Left);
    assert_eq!(a.len(), 1);
    assert!(a[0]
        .target
        .quote
        .starts_with("VELSK (KPA) - Kestria and Dovland agreed"));
    assert_eq!(a[0].color, 1);
    // 3 recolors the same passage instead of stacking a second highlight
    press(&mut s, "3");
    let a = live(&s, Side::Left);
    assert_eq!((a.len(), a[0].color), (1, 3));
    assert_eq!(s.last_color, 3);
}

#[test]
fn visual_selection_extends_by_words_and_sentences() {
    let mut s = app();
    press(&mut s, "))v");
    assert_eq!(s.mode, Mode::Visual);
    let r = s.selection_range(Side::Left).expect("selection");
    press(&mut s, ")");
    let r2 = s.selection_range(Side::Left).expect("selection");
    assert!(r2.end > r.end, "a sentence more");
    press(&mut s, "<Esc>");
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.selection.is_none());
    // word-wise: v then e selects to the end of the first word... then highlight 2
    press(&mut s, "vbbbbH");
    assert_eq!(s.mode, Mode::Normal);
    let a = live(&s, Side::Left);
    assert_eq!(a.len(), 1);
    let para = s.cursor[0].0;
    press(&mut s, "V2");
    let a = live(&s, Side::Left);
    assert!(a
        .iter()
        .any(|x| x.color == 2 && x.target.quote == s.article(Side::Left).para_text(para)));
}

#[test]
fn notes_open_an_editor_and_submit() {
    let mut s = app();
    press(&mut s, ")a");
    assert!(
        matches!(s.overlays.last(), Some(Overlay::Note { .. })),
        "a creates a highlight and opens the note"
    );
    let fx = update(&mut s, Event::NoteSubmit("Check the 40 figure".into()));
    assert!(s.overlays.is_empty());
    assert_eq!(fx, vec![Effect::Save(s.shown[0])]);
    assert_eq!(live(&s, Side::Left)[0].note, "Check the 40 figure");
    // Esc with changes asks first; n keeps editing, y discards
    press(&mut s, "a");
    update(&mut s, Event::NoteCancel { changed: true });
    assert!(matches!(s.overlays.last(), Some(Overlay::ConfirmDiscard)));
    press(&mut s, "n");
    assert!(matches!(s.overlays.last(), Some(Overlay::Note { .. })));
    update(&mut s, Event::NoteCancel { changed: true });
    press(&mut s, "y");
    assert!(s.overlays.is_empty());
    assert_eq!(live(&s, Side::Left)[0].note, "Check the 40 figure");
    // A asks the runtime for $EDITOR
    let fx = press(&mut s, "A");
    assert!(fx
        .iter()
        .any(|e| matches!(e, Effect::EditInEditor { text } if text == "Check the 40 figure")));
}

#[test]
fn tags_complete_from_tags_used() {
    let mut s = app();
    press(&mut s, ")t");
    press(&mut s, "casualties, dam<Enter>");
    assert_eq!(live(&s, Side::Left)[0].tags, vec!["casualties", "dam"]);
    press(&mut s, "))t");
    press(&mut s, "cas<Tab><Enter>");
    let tags: Vec<Vec<String>> = live(&s, Side::Left)
        .iter()
        .map(|a| a.tags.clone())
        .collect();
    assert!(tags.contains(&vec!["casualties".to_string()]), "{tags:?}");
}

#[test]
fn links_join_two_articles_and_jump() {
    let mut s = app();
    press(&mut s, "))))L"); // KPA ¶3 sentence: the death toll
    assert!(s.pending_link.is_some());
    press(&mut s, "<Tab>");
    for _ in 0..6 {
        press(&mut s, ")");
    }
    press(&mut s, "L");
    assert!(matches!(s.overlays.last(), Some(Overlay::Relation { .. })));
    let fx = press(&mut s, "1");
    assert_eq!(fx.len(), 2, "both sidecars are saved: {fx:?}");
    let l = live(&s, Side::Left);
    let r = live(&s, Side::Right);
    assert_eq!(l[0].links[0].relation, Relation::Contradicts);
    assert_eq!(l[0].links[0].annotation, r[0].id);
    assert_eq!(r[0].links[0].annotation, l[0].id);
    // gl from the right end lands on the left end
    press(&mut s, "gl");
    assert_eq!(s.focus, Side::Left);
    assert_eq!(s.cursor_range(Side::Left).start, l[0].target.start);
    // undo removes both ends at once
    press(&mut s, "u");
    assert!(live(&s, Side::Left).is_empty() && live(&s, Side::Right).is_empty());
    press(&mut s, "<C-r>");
    assert_eq!(live(&s, Side::Left).len(), 1);
}

#[test]
fn starting_a_link_puts_the_other_cursor_on_the_closest_passage() {
    let mut s = app();
    let text = |s: &diptych::app::AppState, side: Side| -> String {
        let r = s.cursor_range(side);
        s.article(side)
            .text
            .chars()
            .skip(r.start)
            .take(r.len())
            .collect()
    };
    // the evacuation figure has no counterpart in the right article: its cursor stays
    press(&mut s, "))))");
    assert!(text(&s, Side::Left).contains("evacuated"));
    let right_before = s.cursor[1];
    press(&mut s, "L");
    assert_eq!(s.cursor[1], right_before);
    press(&mut s, "<Esc>");
    // the 48-hour warning rule is in both: the right cursor lands on it, focus stays left
    s.pending_link = None;
    press(&mut s, "gg");
    let mut found = false;
    for _ in 0..40 {
        if text(&s, Side::Left).contains("48 hours") {
            let left_cursor = s.cursor[0];
            press(&mut s, "L");
            let other = text(&s, Side::Right);
            assert!(other.contains("48 hours"), "{other}");
            assert_eq!(s.focus, Side::Left);
            // the left cursor stays (sync scrolling may level the linked paragraphs)
            assert_eq!(s.cursor[0], left_cursor);
            assert!(text(&s, Side::Left).contains("48 hours"));
            found = true;
            break;
        }
        press(&mut s, ")");
    }
    assert!(found, "the left article states the 48-hour rule");
}

#[test]
fn delete_undo_redo_and_navigation() {
    let mut s = app();
    press(&mut s, ")H))H");
    assert_eq!(live(&s, Side::Left).len(), 2);
    press(&mut s, "gg");
    press(&mut s, "]a");
    let first = s.cursor[0];
    press(&mut s, "]a");
    assert!(s.cursor[0] > first);
    press(&mut s, "[a");
    assert_eq!(s.cursor[0], first);
    press(&mut s, "d");
    assert_eq!(live(&s, Side::Left).len(), 1);
    // the deletion is a tombstone, kept for merging
    assert_eq!(s.notes[s.shown[0]].items.len(), 2);
    press(&mut s, "u");
    assert_eq!(live(&s, Side::Left).len(), 2);
    press(&mut s, "<C-r>");
    assert_eq!(live(&s, Side::Left).len(), 1);
}

#[test]
fn annotation_list_filters_and_jumps() {
    let mut s = app();
    press(&mut s, ")H)))2");
    press(&mut s, "t");
    press(&mut s, "figures<Enter>");
    press(&mut s, "gg");
    press(&mut s, "<Space>a");
    assert!(matches!(s.overlays.last(), Some(Overlay::List { .. })));
    assert_eq!(s.list_items("").len(), 2);
    assert_eq!(s.list_items("#figures").len(), 1);
    assert_eq!(s.list_items("color:2").len(), 1);
    assert_eq!(s.list_items("@kpa").len(), 2);
    assert_eq!(s.list_items("@ledger").len(), 0);
    press(&mut s, "#figures<Enter>");
    assert!(s.overlays.is_empty());
    let a = live(&s, Side::Left)
        .into_iter()
        .find(|a| a.tags == ["figures"])
        .expect("tagged");
    assert_eq!(s.cursor_range(Side::Left).start, a.target.start);
}

#[test]
fn space_alone_still_pages_after_a_pause() {
    let mut s = app();
    press(&mut s, "<Space>");
    assert_eq!(s.pos[0].para, 0, "Space waits: it may start Space a");
    update(&mut s, Event::Timeout);
    assert!(s.pos[0].para > 0 || s.pos[0].line > 0, "then pages down");
    // Space followed by another key: page down, then that key
    let before = s.pos[0];
    press(&mut s, "<Space>j");
    assert_ne!(s.pos[0], before);
}

#[test]
fn command_line_export_and_errors() {
    let mut s = app();
    let fx = press(&mut s, ":export md /tmp/x.md<Enter>");
    assert_eq!(
        fx,
        vec![Effect::Export {
            format: "md".into(),
            path: "/tmp/x.md".into()
        }]
    );
    press(&mut s, ":export pdf x<Enter>");
    assert!(s
        .error
        .as_deref()
        .unwrap_or("")
        .contains("unknown export format"));
    press(&mut s, ":frobnicate<Enter>");
    assert!(s.error.as_deref().unwrap_or("").contains("unknown command"));
}

#[test]
fn read_only_articles_refuse_changes() {
    let mut s = app();
    let l = s.shown[0];
    s.notes[l].read_only = Some("corrupt sidecar".into());
    let fx = press(&mut s, "H");
    assert!(fx.is_empty());
    assert!(s.error.as_deref().unwrap_or("").contains("read-only"));
}
