//! Reader speed: first frame on the demo (load, align, lay out, draw), one frame of a 10 MB
//! article at 200×60, and a keypress to a finished frame.

use criterion::{criterion_group, Criterion};
use diptych::align::StoryAlignment;
use diptych::app::{best_pair, press, update, AppState, Event};
use diptych::store::{load_bytes, Format, LoadOptions, Story};
use diptych::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

fn state(story: Story, w: u16, h: u16) -> AppState {
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

fn bench(c: &mut Criterion) {
    let theme = Theme::new(true, true);
    c.bench_function("first frame on the demo (load, align, draw)", |b| {
        b.iter(|| {
            let s = state(Story::builtin_demo(), 120, 36);
            let mut t = Terminal::new(TestBackend::new(120, 36)).expect("t");
            t.draw(|f| ui::render(f, &s, &theme)).expect("draw");
        })
    });

    // a 10 MB article beside a demo article
    let para = "The commission of 14 engineers will examine the gate records and the spillway sensors and report within ninety days, officials said on Monday in Port Ardent. ";
    let mut big = String::new();
    while big.len() < 10 * 1024 * 1024 {
        big.push_str(para);
        big.push_str(para);
        big.push_str("\n\n");
    }
    let mut arts = load_bytes(
        big.as_bytes(),
        Format::Text,
        None,
        "big",
        &LoadOptions::default(),
    )
    .expect("big");
    arts.push(Story::builtin_demo().articles.remove(0));
    let story = Story {
        name: "big".into(),
        root: None,
        articles: arts,
        skipped: vec![],
        builtin: false,
    };
    let mut s = state(story, 200, 60);
    press(&mut s, "}}}}}}}}}}");
    let mut t = Terminal::new(TestBackend::new(200, 60)).expect("t");
    c.bench_function("draw one frame of a 10 MB article at 200x60", |b| {
        b.iter(|| {
            t.draw(|f| ui::render(f, &s, &theme)).expect("draw");
        })
    });
    c.bench_function("keypress to finished frame (10 MB article, 200x60)", |b| {
        b.iter(|| {
            press(&mut s, "j");
            t.draw(|f| ui::render(f, &s, &theme)).expect("draw");
        })
    });
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
