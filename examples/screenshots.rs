//! Renders the reader's screens on ratatui's TestBackend and writes them as SVG pictures for
//! the README: the side-by-side view, the coverage view, the figures view, the annotation list
//! and the help.
//!
//!     cargo run --example screenshots

use diptych::align::StoryAlignment;
use diptych::annotate::anchor::Anchor;
use diptych::annotate::{Annotation, LinkRef, Relation};
use diptych::app::{press, update, AppState, Event, IdGen};
use diptych::store::Story;
use diptych::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::fmt::Write as _;

const W: u16 = 120;
const H: u16 = 36;
const CW: f32 = 8.4;
const CH: f32 = 18.0;
const BG: &str = "#1b1d23";
const FG: &str = "#d6d9e0";

fn hex(c: Color, default: &str) -> String {
    let named = |i: u8| -> &'static str {
        [
            "#1b1d23", "#e06c75", "#98c379", "#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#abb2bf",
            "#5c6370", "#ff7b86", "#b5e890", "#ffd68a", "#7cc4ff", "#e09bf0", "#7fdbe6", "#ffffff",
        ][i as usize]
    };
    match c {
        Color::Reset => default.to_string(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Black => named(0).into(),
        Color::Red => named(1).into(),
        Color::Green => named(2).into(),
        Color::Yellow => named(3).into(),
        Color::Blue => named(4).into(),
        Color::Magenta => named(5).into(),
        Color::Cyan => named(6).into(),
        Color::Gray => named(7).into(),
        Color::DarkGray => named(8).into(),
        Color::LightRed => named(9).into(),
        Color::LightGreen => named(10).into(),
        Color::LightYellow => named(11).into(),
        Color::LightBlue => named(12).into(),
        Color::LightMagenta => named(13).into(),
        Color::LightCyan => named(14).into(),
        Color::White => named(15).into(),
        Color::Indexed(i) => named(i % 16).into(),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A terminal buffer as an SVG picture: background runs as rectangles, text runs as <text>.
fn svg(buf: &Buffer, title: &str) -> String {
    let (w, h) = (buf.area.width, buf.area.height);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0}\" height=\"{:.0}\" viewBox=\"0 0 {:.0} {:.0}\" font-family=\"'DejaVu Sans Mono','Menlo','Consolas',monospace\" font-size=\"14\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"{BG}\" rx=\"6\"/>\n",
        w as f32 * CW + 16.0,
        h as f32 * CH + 16.0,
        w as f32 * CW + 16.0,
        h as f32 * CH + 16.0,
        esc(title)
    );
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let c = &buf[(x, y)];
            let rev = c.modifier.contains(Modifier::REVERSED);
            let (fg, bg) = if rev {
                (hex(c.bg, BG), hex(c.fg, FG))
            } else {
                (hex(c.fg, FG), hex(c.bg, BG))
            };
            let mut x2 = x + 1;
            let mut text = c.symbol().to_string();
            while x2 < w {
                let d = &buf[(x2, y)];
                if d.fg != c.fg || d.bg != c.bg || d.modifier != c.modifier {
                    break;
                }
                text.push_str(d.symbol());
                x2 += 1;
            }
            let px = 8.0 + x as f32 * CW;
            let py = 8.0 + y as f32 * CH;
            if bg != BG {
                let _ = writeln!(out, "<rect x=\"{px:.1}\" y=\"{py:.1}\" width=\"{:.1}\" height=\"{CH}\" fill=\"{bg}\"/>", (x2 - x) as f32 * CW);
            }
            if !text.trim().is_empty() {
                let mut attrs = format!("fill=\"{fg}\"");
                if c.modifier.contains(Modifier::BOLD) {
                    attrs.push_str(" font-weight=\"bold\"");
                }
                if c.modifier.contains(Modifier::ITALIC) {
                    attrs.push_str(" font-style=\"italic\"");
                }
                if c.modifier.contains(Modifier::UNDERLINED) {
                    attrs.push_str(" text-decoration=\"underline\"");
                }
                if c.modifier.contains(Modifier::DIM) {
                    attrs.push_str(" opacity=\"0.6\"");
                }
                let _ = writeln!(
                    out,
                    "<text x=\"{px:.1}\" y=\"{:.1}\" {attrs} xml:space=\"preserve\" textLength=\"{:.1}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
                    py + CH * 0.75,
                    (x2 - x) as f32 * CW,
                    esc(&text)
                );
            }
            x = x2;
        }
    }
    out.push_str("</svg>\n");
    out
}

fn app() -> AppState {
    let story = Story::builtin_demo();
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let idx = |f: &str| story.find_source(f).expect(f);
    let (l, r) = (idx("kestria-press-agency.txt"), idx("harbour-ledger.md"));
    let mut s = AppState::new(story, al, l, r);
    s.ids = IdGen::Counter(0);
    s.now = "2031-03-05T10:00:00Z".into();
    let (pw, ph) = ui::pane_text_size(Rect::new(0, 0, W, H));
    update(
        &mut s,
        Event::Resize {
            width: pw,
            height: ph,
        },
    );
    // a few annotations, as a reader would leave them
    let add = |s: &mut AppState,
               file: &str,
               phrase: &str,
               color: u8,
               note: &str,
               tags: &[&str]|
     -> String {
        let ai = s.story.find_source(file).expect(file);
        let a = &s.story.articles[ai];
        let b = a.text.find(phrase).expect(phrase);
        let start = a.text[..b].chars().count();
        let id = s.ids.next_id();
        let mut ann = Annotation::new(
            id.clone(),
            "2031-03-05T10:00:00Z",
            color,
            Anchor::new(a, start..start + phrase.chars().count()),
        );
        ann.note = note.into();
        ann.tags = tags.iter().map(|t| t.to_string()).collect();
        let (text, hash) = (a.text.clone(), a.text_hash.clone());
        s.notes[ai].put(ann, &text, &hash);
        id
    };
    let k = add(
        &mut s,
        "kestria-press-agency.txt",
        "At least 40 people were killed",
        1,
        "KPA and DTN say 40; the Ledger says thirty.",
        &["casualties"],
    );
    let l2 = add(
        &mut s,
        "harbour-ledger.md",
        "Thirty people died in the town",
        1,
        "",
        &["casualties"],
    );
    add(
        &mut s,
        "kestria-press-agency.txt",
        "seven appointed by each country",
        3,
        "",
        &["commission"],
    );
    add(
        &mut s,
        "northern-courier.txt",
        "Fishing cooperatives on the lower Orrin",
        2,
        "Only the Courier covers the fishing fleet.",
        &["unique"],
    );
    add(
        &mut s,
        "riverwatch-monitor.html",
        "70 percent of the delta's reed beds",
        4,
        "Ask the institute for the survey.",
        &["environment"],
    );
    let (ka, la) = (s.shown[0], s.shown[1]);
    let (kid, lid) = (
        s.story.articles[ka].id.clone(),
        s.story.articles[la].id.clone(),
    );
    for (art, id, other_art, other_id, label) in [
        (ka, &k, lid, &l2, "demo/harbour-ledger.md"),
        (la, &l2, kid, &k, "demo/kestria-press-agency.txt"),
    ] {
        let mut a = s.notes[art].get(id).cloned().expect("ann");
        a.links.push(LinkRef {
            relation: Relation::Contradicts,
            article: other_art,
            article_label: label.into(),
            annotation: other_id.clone(),
            extra: Default::default(),
        });
        let (text, hash) = (
            s.story.articles[art].text.clone(),
            s.story.articles[art].text_hash.clone(),
        );
        s.notes[art].put(a, &text, &hash);
    }
    s
}

fn shot(s: &AppState, name: &str, title: &str) -> std::io::Result<()> {
    // the test backend cannot fail
    let Ok(mut t) = Terminal::new(TestBackend::new(W, H));
    let Ok(_) = t.draw(|f| ui::render(f, s, &Theme::new(true, true)));
    let path = format!("screenshots/{name}.svg");
    std::fs::write(&path, svg(t.backend().buffer(), title))?;
    println!("wrote {path}");
    Ok(())
}

fn main() -> std::io::Result<()> {
    std::fs::create_dir_all("screenshots")?;
    let mut s = app();
    press(&mut s, "}}");
    shot(
        &s,
        "reader",
        "diptych: two outlets side by side, linked paragraphs level, a conflicting figure flagged",
    )?;
    let mut c = app();
    press(&mut c, "cjj");
    shot(
        &c,
        "coverage",
        "diptych: coverage of the story's topics by each outlet",
    )?;
    let mut fg = app();
    press(&mut fg, "cf");
    shot(
        &fg,
        "figures",
        "diptych: every counted thing of the story and the figure each outlet gives, conflicts first",
    )?;
    let mut l = app();
    press(&mut l, "<Space>a");
    shot(
        &l,
        "annotations",
        "diptych: the story's annotations, filterable by text, #tag, @outlet and color",
    )?;
    let mut h = app();
    press(&mut h, "?");
    shot(&h, "help", "diptych: keys, generated from the keymap")?;
    Ok(())
}
