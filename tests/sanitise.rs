//! Nothing from an input reaches the terminal or a text export as an escape sequence: hostile
//! file names, folder names, imported notes and tags, typed or pasted control characters. Also
//! CSV cells that would start a spreadsheet formula.

use diptych::align::StoryAlignment;
use diptych::annotate::anchor::Anchor;
use diptych::annotate::export::{self, Input};
use diptych::annotate::{Annotation, ArticleNotes};
use diptych::app::keymap::Key;
use diptych::app::{press, update, AppState, Event, Overlay};
use diptych::store::Story;
use diptych::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::path::Path;
use std::process::Command;

/// Sets the window title, writes the clipboard, starts a C1 CSI and reverses the text direction.
const HOSTILE: &str =
    "\u{1b}]2;pwned\u{7}\u{9b}31m\u{202e}x\u{1b}]52;c;aGk=\u{1b}\\\u{2067}y\u{85}z";

fn forbidden(c: char) -> bool {
    matches!(c, '\u{1b}' | '\u{7}' | '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_clean(what: &str, s: &str) {
    if let Some((i, c)) = s.char_indices().find(|&(_, c)| forbidden(c)) {
        let from = s[..i]
            .char_indices()
            .rev()
            .nth(40)
            .map(|(k, _)| k)
            .unwrap_or(0);
        panic!(
            "{what}: U+{:04X} at byte {i}, after {:?}",
            c as u32,
            &s[from..i]
        );
    }
}

fn assert_clean_bytes(what: &str, b: &[u8]) {
    assert!(!b.contains(&0x1b), "{what}: ESC byte");
    assert!(!b.contains(&0x07), "{what}: BEL byte");
    assert_clean(what, &String::from_utf8_lossy(b));
}

const LEFT: &str = "Flood kills 40 in Kestria\n\nAt least 40 people were killed when the river Orrin burst its banks on Tuesday, officials said.\n\nRescue teams are searching the lower valley.";
const RIGHT: &str = "Thirty dead as Orrin floods\n\nThirty people died when the river Orrin burst its banks on Tuesday, the mayor said.\n\nThe army sent boats to the valley.";

/// A story folder with a hostile name holding two articles, one with a hostile file name.
fn hostile_story(root: &Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let folder = root.join(format!("story{HOSTILE}"));
    std::fs::create_dir(&folder).expect("folder");
    let evil = folder.join(format!("courier{HOSTILE}.txt"));
    let plain = folder.join("ledger.txt");
    std::fs::write(&evil, LEFT).expect("write");
    std::fs::write(&plain, RIGHT).expect("write");
    (folder, evil, plain)
}

fn run(home: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_diptych"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("run diptych")
}

fn check(home: &Path, args: &[&std::ffi::OsStr]) -> String {
    let out = run(home, args);
    let what = format!("{:?}", args);
    assert_clean_bytes(&format!("stdout of {what}"), &out.stdout);
    assert_clean_bytes(&format!("stderr of {what}"), &out.stderr);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn hostile_names_and_notes_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let (folder, evil, plain) = hostile_story(dir.path());
    let (f, e, p) = (folder.as_os_str(), evil.as_os_str(), plain.as_os_str());
    let s = |x: &'static str| std::ffi::OsStr::new(x);

    let text = check(&home, &[s("inspect"), f]);
    assert!(text.contains("courier"), "{text}");
    check(&home, &[s("inspect"), s("--format"), s("json"), f]);
    check(&home, &[s("inspect"), e, p]);
    let text = check(&home, &[s("story"), f]);
    assert!(text.contains("Story: story"), "{text}");
    check(&home, &[s("story"), s("--format"), s("json"), f]);
    check(&home, &[s("align"), e, p]);
    check(&home, &[s("align"), s("--format"), s("json"), e, p]);
    // error messages carry the path
    let missing = dir.path().join(format!("gone{HOSTILE}.txt"));
    let out = run(&home, &[s("inspect"), missing.as_os_str()]);
    assert!(!out.status.success());
    assert_clean_bytes("error message", &out.stderr);
    let out = run(&home, &[s("story"), e]);
    assert!(!out.status.success());
    assert_clean_bytes("not a folder", &out.stderr);

    // an imported note and tags, and an item that matches nothing
    let doc = serde_json::json!([
        {
            "id": format!("urn:uuid:note{HOSTILE}"),
            "type": "Annotation",
            "target": {"selector": [{"type": "TextQuoteSelector", "exact": "At least 40 people were killed"}]},
            "body": [
                {"type": "TextualBody", "purpose": "commenting", "value": format!("see <b>\"this\"</b> & {HOSTILE}")},
                {"type": "TextualBody", "purpose": "tagging", "value": format!("tag{HOSTILE}")}
            ]
        },
        {
            "id": format!("lost{HOSTILE}"),
            "type": "Annotation",
            "target": {"source": format!("http://example.com/{HOSTILE}"),
                       "selector": [{"type": "TextQuoteSelector", "exact": format!("nowhere{HOSTILE}")}]}
        }
    ]);
    let file = dir.path().join(format!("import{HOSTILE}.json"));
    std::fs::write(&file, doc.to_string()).expect("write");
    let report = check(&home, &[s("import"), file.as_os_str(), f]);
    assert!(report.contains("imported 1 annotation into"), "{report}");

    let md = check(&home, &[s("export"), s("--format"), s("md"), f]);
    assert!(md.contains("see <b>"), "{md}");
    let csv = check(&home, &[s("export"), s("--format"), s("csv"), f]);
    assert!(csv.contains("see <b>"), "{csv}");
    let html = check(&home, &[s("export"), s("--format"), s("html"), f]);
    assert!(!html.contains("<b>"), "HTML escapes the note");
    let w3c = check(&home, &[s("export"), s("--format"), s("w3c"), f]);
    serde_json::from_str::<serde_json::Value>(&w3c).expect("valid JSON");
    let out_file = dir.path().join("out.md");
    check(
        &home,
        &[
            s("export"),
            s("--format"),
            s("md"),
            s("-o"),
            out_file.as_os_str(),
            f,
        ],
    );
    let written = std::fs::read_to_string(&out_file).expect("export file");
    assert_clean("export file", &written);
}

fn demo_with_hostile_note() -> (Story, StoryAlignment, Vec<ArticleNotes>) {
    let mut story = Story::builtin_demo();
    story.name = format!("demo{HOSTILE}");
    story.articles[0].source = format!("Courier{HOSTILE}");
    story.articles[0].title = format!("Title{HOSTILE}");
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let mut notes = vec![ArticleNotes::default(); story.articles.len()];
    let a = &story.articles[0];
    let p = &a.paragraphs[1];
    let mut ann = Annotation::new(
        "00000000-0000-4000-8000-000000000001".into(),
        "2031-03-05T10:00:00Z",
        2,
        Anchor::new(a, p.chars.start..p.chars.start + 10),
    );
    ann.note = format!("<script>alert(1)</script> \"q\" 'a' {HOSTILE}");
    ann.tags = vec![format!("tag{HOSTILE}"), "=cmd".into()];
    notes[0].put(ann, &a.text, &a.text_hash);
    (story, al, notes)
}

#[test]
fn exports_of_a_hostile_note_are_clean() {
    let (story, al, notes) = demo_with_hostile_note();
    let inp = Input {
        story: &story,
        al: &al,
        notes: &notes,
        pair: (0, 1),
        by_topic: false,
        now: "2031-03-06T09:00:00Z".into(),
    };
    for fmt in export::FORMATS {
        let text = export::render(&inp, fmt).expect(fmt);
        assert_clean(fmt, &text);
    }
    let html = export::render(&inp, "html").expect("html");
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(!html.contains("'a'"), "quotes are escaped in attributes");
    let w3c = export::render(&inp, "w3c").expect("w3c");
    let v: serde_json::Value = serde_json::from_str(&w3c).expect("json");
    assert!(v["first"]["items"][0]["body"][0]["value"]
        .as_str()
        .is_some_and(|n| n.starts_with("<script>")));
}

fn app_with_hostile_note(w: u16, h: u16) -> AppState {
    let (story, al, notes) = demo_with_hostile_note();
    let mut s = AppState::new(story, al, 0, 1);
    s.notes = notes;
    let (pw, ph) = ui::pane_text_size(Rect::new(0, 0, w, h));
    update(
        &mut s,
        Event::Resize {
            width: pw,
            height: ph,
        },
    );
    s
}

fn assert_screen_clean(what: &str, t: &Terminal<TestBackend>) {
    for cell in t.backend().buffer().content() {
        assert_clean(what, cell.symbol());
    }
}

const THEME: Theme = Theme {
    color: true,
    dark: true,
};

#[test]
fn hostile_note_title_and_status_render_clean() {
    let (w, h) = (120, 36);
    let mut s = app_with_hostile_note(w, h);
    s.message = Some(format!("saved {HOSTILE}"));
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| ui::render(f, &s, &THEME)).expect("draw");
    assert_screen_clean("main view", &t);
    press(&mut s, "<Space>a");
    assert!(matches!(s.overlays.last(), Some(Overlay::List { .. })));
    t.draw(|f| ui::render(f, &s, &THEME)).expect("draw");
    assert_screen_clean("annotation list", &t);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("<script>"), "{screen}");

    // the note editor widget with hostile lines
    let editor = ratatui_textarea::TextArea::new(vec![format!("typed {HOSTILE}")]);
    s.overlays.clear();
    press(&mut s, "a");
    assert!(matches!(s.overlays.last(), Some(Overlay::Note { .. })));
    t.draw(|f| ui::render_with(f, &s, &THEME, Some(&editor)))
        .expect("draw");
    assert_screen_clean("note editor", &t);
}

#[test]
fn typed_and_pasted_controls_do_not_enter_a_note() {
    let (w, h) = (120, 36);
    let mut s = app_with_hostile_note(w, h);
    s.notes = vec![ArticleNotes::default(); s.story.articles.len()];
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let mut session = diptych::tui::Session::new(vec![None; s.story.articles.len()]);
    let open: Vec<Event> = ")a".chars().map(|c| Event::Key(Key::ch(c))).collect();
    // typed or pasted into the open editor (without bracketed paste, a paste is keys)
    let mut typed: Vec<Event> = format!("hi{HOSTILE}")
        .chars()
        .map(|c| Event::Key(Key::ch(c)))
        .collect();
    typed.push(Event::Key(Key::ctrl('s')));
    let mut batches = vec![typed, open];
    diptych::tui::run_loop(
        &mut t,
        &mut s,
        &THEME,
        &mut session,
        |_, _| Ok(batches.pop()),
        |_, _| None,
    )
    .expect("loop");
    let notes: Vec<String> = s
        .notes
        .iter()
        .flat_map(|n| n.live().map(|(_, a)| a.note.clone()).collect::<Vec<_>>())
        .collect();
    assert_eq!(notes.len(), 1, "one note saved");
    assert!(notes[0].starts_with("hi"), "{notes:?}");
    assert_clean("typed note", &notes[0]);
    // a note from $EDITOR (or any other path) is cleaned when committed
    update(&mut s, Event::NoteSubmit(format!("ed{HOSTILE}")));
    press(&mut s, "a");
    update(&mut s, Event::NoteSubmit(format!("ed{HOSTILE}")));
    for n in &s.notes {
        for (_, a) in n.live() {
            assert_clean("submitted note", &a.note);
        }
    }
}

#[test]
fn csv_cells_never_start_a_formula() {
    let mut story = Story::builtin_demo();
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let mut notes = vec![ArticleNotes::default(); story.articles.len()];
    let i = 0;
    // a highlight whose quote is a formula, as an imported quote would be
    let a = &story.articles[i];
    let p = &a.paragraphs[1];
    let mut ann = Annotation::new(
        "00000000-0000-4000-8000-000000000009".into(),
        "2031-03-05T10:00:00Z",
        1,
        Anchor::new(a, p.chars.start..p.chars.start + 5),
    );
    ann.target.quote = "=HYPERLINK(\"http://x\",\"y\")".into();
    ann.note = "+1".into();
    ann.tags = vec!["@home".into(), "-2".into()];
    notes[i].put(ann, &a.text, &a.text_hash);
    story.articles[i].title = "\tTabbed".into();
    story.articles[i].source = "\rReturned".into();
    let inp = Input {
        story: &story,
        al: &al,
        notes: &notes,
        pair: (0, 1),
        by_topic: false,
        now: "2031-03-06T09:00:00Z".into(),
    };
    let text = export::csv(&inp).expect("csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().expect("headers").clone();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
    assert_eq!(rows.len(), 1);
    let col = |name: &str| {
        let k = headers.iter().position(|h| h == name).expect(name);
        rows[0][k].to_string()
    };
    assert_eq!(col("Highlight"), "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(col("Note"), "'+1");
    assert_eq!(col("Tags"), "'@home, -2");
    assert_eq!(col("Title"), "'\tTabbed");
    let loc = col("Location");
    assert!(loc.parse::<usize>().is_ok(), "offsets stay numbers: {loc}");
    // every text cell of every row: none starts a formula
    for row in &rows {
        for (h, cell) in headers.iter().zip(row.iter()) {
            if h == "Location" {
                continue;
            }
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{h}: {cell:?}"
            );
        }
    }
}
