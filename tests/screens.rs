//! Whole screens on ratatui's TestBackend (insta snapshots, text only) and style checks on cells
//! where color carries meaning.

use diptych::align::StoryAlignment;
use diptych::app::{best_pair, press, update, AppState, Event};
use diptych::store::Story;
use diptych::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

fn app(w: u16, h: u16) -> AppState {
    let story = Story::builtin_demo();
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let (l, r) = best_pair(&al, story.articles.len());
    let mut s = AppState::new(story, al, l, r);
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

fn draw(s: &AppState, w: u16, h: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| ui::render(f, s, &theme)).expect("draw");
    t
}

const DARK: Theme = Theme {
    color: true,
    dark: true,
};

#[test]
fn main_view_120x36() {
    let s = app(120, 36);
    insta::assert_snapshot!(draw(&s, 120, 36, DARK).backend());
}

#[test]
fn main_view_80x24_scrolled() {
    let mut s = app(80, 24);
    press(&mut s, "}}}");
    insta::assert_snapshot!(draw(&s, 80, 24, DARK).backend());
}

#[test]
fn main_view_60x20_unique_jump() {
    let mut s = app(60, 20);
    press(&mut s, "<Tab>]u");
    insta::assert_snapshot!(draw(&s, 60, 20, DARK).backend());
}

#[test]
fn help_overlay() {
    let mut s = app(120, 36);
    press(&mut s, "?");
    insta::assert_snapshot!(draw(&s, 120, 36, DARK).backend());
}

#[test]
fn coverage_view() {
    let mut s = app(120, 36);
    press(&mut s, "cj");
    insta::assert_snapshot!(draw(&s, 120, 36, DARK).backend());
}

#[test]
fn search_highlights() {
    let mut s = app(100, 30);
    press(&mut s, "/engineers<Enter>");
    let t = draw(&s, 100, 30, DARK);
    insta::assert_snapshot!(t.backend());
    // the current match has the bright search background
    let buf = t.backend().buffer();
    let hit = buf
        .content()
        .iter()
        .any(|c| c.bg == Color::Rgb(255, 200, 0));
    assert!(hit, "current search match is highlighted");
}

#[test]
fn tiny_terminals_show_a_note() {
    let s = app(1, 1);
    for (w, h) in [(1, 1), (10, 3), (29, 40)] {
        let t = draw(&s, w, h, DARK);
        let text: String = t
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(text.starts_with('t'), "{w}x{h}: {text}");
    }
}

#[test]
fn conflicting_figures_stand_out_and_markers_work_without_color() {
    // Put the death-toll conflict on screen: KPA left, Harbour Ledger right.
    let story = Story::builtin_demo();
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let idx = |f: &str| story.find_source(f).expect(f);
    let (l, r) = (idx("kestria-press-agency.txt"), idx("harbour-ledger.md"));
    let mut s = AppState::new(story, al, l, r);
    let (pw, ph) = ui::pane_text_size(Rect::new(0, 0, 120, 36));
    update(
        &mut s,
        Event::Resize {
            width: pw,
            height: ph,
        },
    );
    press(&mut s, "]d");
    let d = s
        .pair()
        .discrepancies
        .first()
        .cloned()
        .expect("a discrepancy");
    assert_eq!(s.pos[0].para, d.left);

    let t = draw(&s, 120, 36, DARK);
    let buf = t.backend().buffer();
    let red = buf
        .content()
        .iter()
        .filter(|c| c.bg == Color::Rgb(170, 30, 30))
        .count();
    assert!(
        red >= d.left_text.chars().count(),
        "the conflicting figure has the conflict background"
    );
    let bang = buf.content().iter().any(|c| c.symbol() == "!");
    assert!(bang, "the gutter marks the discrepancy with '!'");

    let plain = draw(
        &s,
        120,
        36,
        Theme {
            color: false,
            dark: true,
        },
    );
    let buf = plain.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "NO_COLOR: no colors at all"
    );
    let reversed = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert!(
        reversed >= d.left_text.chars().count(),
        "conflicts are reversed without color"
    );
    let symbols: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(symbols.contains('◆') && symbols.contains('!'));
}

#[test]
fn linked_markers_share_the_topic_color() {
    let s = app(120, 36);
    let t = draw(&s, 120, 36, DARK);
    let buf = t.backend().buffer();
    // every connector row: both markers and the connector have one color
    let (pw, _) = ui::pane_text_size(Rect::new(0, 0, 120, 36));
    let gx = pw + 1;
    let mut seen = 0;
    for y in 3..35 {
        let mid = &buf[(gx + 2, y)];
        // a "!" marker carries the conflict color instead of the topic's
        let conflict = buf[(gx + 1, y)].symbol() == "!" || buf[(gx + 3, y)].symbol() == "!";
        if mid.symbol() == "─" && !conflict {
            seen += 1;
            assert_eq!(buf[(gx + 1, y)].fg, mid.fg);
            assert_eq!(buf[(gx + 3, y)].fg, mid.fg);
        }
    }
    assert!(
        seen >= 1,
        "at least one linked pair is level on the first screen"
    );
}

#[test]
fn main_view_120x36_before_the_alignment_lands() {
    // the best pair of the demo, so this screen compares with main_view_120x36
    let story = Story::builtin_demo();
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let (l, r) = best_pair(&al, story.articles.len());
    let mut s = AppState::unaligned(story, l, r);
    let (pw, ph) = ui::pane_text_size(Rect::new(0, 0, 120, 36));
    update(
        &mut s,
        Event::Resize {
            width: pw,
            height: ph,
        },
    );
    update(&mut s, Event::Aligning { done: 3, total: 10 });
    press(&mut s, "]t");
    insta::assert_snapshot!(draw(&s, 120, 36, DARK).backend());
}

#[test]
fn figures_view() {
    let mut s = app(120, 36);
    press(&mut s, "cf");
    insta::assert_snapshot!(draw(&s, 120, 36, DARK).backend());
}

/// Text of a whole screen, one line per row.
fn screen_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A story of more sources than a table can show: the coverage and figures views draw only the
/// columns that fit, the pair on screen first, and say how many sources they show.
#[test]
fn a_wide_story_shows_the_pair_first_and_says_how_many_sources() {
    let dir = tempfile::tempdir().expect("dir");
    let mut lines = String::new();
    for i in 0..60 {
        let rec = serde_json::json!({
            "title": format!("Bulletin {i}"),
            "source": format!("Desk {i}"),
            "text": format!("The river flooded the lower town on Sunday. Officials said {} people were evacuated from the old quarter.", 40 + i % 3),
        });
        lines.push_str(&rec.to_string());
        lines.push('\n');
    }
    std::fs::write(dir.path().join("bulletins.jsonl"), lines).expect("records");
    let story =
        Story::load_dir(dir.path(), &diptych::store::LoadOptions::default()).expect("story");
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    assert!(!al.topics.is_empty());
    let mut s = AppState::new(story, al, 31, 47);
    press(&mut s, "c");
    let screen = screen_text(&draw(&s, 120, 36, DARK));
    let header = screen
        .lines()
        .find(|l| l.contains("topic") && l.contains("Desk"))
        .unwrap_or_else(|| panic!("header: {screen}"))
        .to_string();
    assert!(screen.contains("of 60 sources"), "{screen}");
    let (l, r, first) = (
        header.find("Desk 31"),
        header.find("Desk 47"),
        header.find("Desk 0"),
    );
    assert!(l < r && r < first && l.is_some(), "{header}");
    assert!(!header.contains("Desk 59"), "{header}");
    press(&mut s, "f");
    let screen = screen_text(&draw(&s, 120, 36, DARK));
    assert!(screen.contains("of 60 sources"), "{screen}");
}
