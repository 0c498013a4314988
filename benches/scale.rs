//! The rows of the scale table, in process: each input is generated (invented words, fixed
//! seed) and timed from its bytes to the result a command prints — load and align a 30 MB or
//! 49 MB article against a short one, the HTML report of the 49 MB article and of an article of
//! 200,000 short paragraphs, the reader's first frame on that article, and a story of 1,000
//! JSONL records. `DIPTYCH_BENCH_HUGE=1` adds the story of 100,000 records. The same rows as
//! whole processes, with peak memory, are printed by `benches/scale.sh`.

use criterion::{criterion_group, Criterion};
use diptych::align::StoryAlignment;
use diptych::annotate::export::{self, Input};
use diptych::annotate::ArticleNotes;
use diptych::app::{best_pair, update, AppState, Event};
use diptych::store::{load_bytes, Article, Format, LoadOptions, Story};
use diptych::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

/// A small deterministic generator (xorshift), so every run reads the same text.
struct Words(u64);

impl Words {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn word(&mut self) -> String {
        const SYLL: [&str; 15] = [
            "ka", "lo", "mer", "vin", "dal", "to", "ra", "sen", "por", "ul", "an", "ive", "ost",
            "bre", "gan",
        ];
        // a vocabulary of about 20,000 words: the syllables come from a word number
        let mut n = self.next() % 20_000;
        let mut w = String::new();
        for _ in 0..1 + n % 4 {
            n /= 4;
            w.push_str(SYLL[(n % 15) as usize]);
            n /= 15;
        }
        w
    }

    fn sentence(&mut self) -> String {
        let n = 6 + self.next() % 17;
        let mut s: Vec<String> = (0..n).map(|_| self.word()).collect();
        if self.next() % 10 < 3 {
            let at = (self.next() % n) as usize;
            s.insert(at, (2 + self.next() % 5000).to_string());
        }
        let mut s = s.join(" ");
        if let Some(c) = s.get(..1).map(str::to_uppercase) {
            s.replace_range(..1, &c);
        }
        s + "."
    }

    fn paragraph(&mut self, sentences: u64) -> String {
        (0..sentences)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// An article of about `bytes` bytes: a title, then paragraphs of two to six sentences.
    fn article(&mut self, bytes: usize) -> String {
        let mut t = String::from("A long transcript\n\n");
        while t.len() < bytes {
            let n = 2 + self.next() % 5;
            t.push_str(&self.paragraph(n));
            t.push_str("\n\n");
        }
        t
    }
}

fn load(text: &str, name: &str) -> Vec<Article> {
    let opts = LoadOptions {
        max_bytes: 200_000_000,
    };
    load_bytes(text.as_bytes(), Format::Text, None, name, &opts).expect("generated text")
}

fn story(articles: Vec<Article>) -> Story {
    Story {
        name: "generated".into(),
        root: None,
        articles,
        skipped: vec![],
        builtin: false,
    }
}

/// Load a long article and a short one, and align them (what `align` does before printing).
fn load_and_align(long: &str, short: &str) -> StoryAlignment {
    let mut arts = load(long, "long");
    arts.extend(load(short, "short"));
    StoryAlignment::build(&arts, |_, _| {})
}

/// The HTML report of a two-article story, from loading to the finished page.
fn html_report(long: &str, short: &str) -> usize {
    let mut arts = load(long, "long");
    arts.extend(load(short, "short"));
    let al = StoryAlignment::build(&arts, |_, _| {});
    let s = story(arts);
    let notes = vec![ArticleNotes::default(); s.articles.len()];
    let inp = Input {
        story: &s,
        al: &al,
        notes: &notes,
        pair: (0, 1),
        by_topic: false,
        now: "2026-01-01T00:00:00Z".into(),
    };
    export::html(&inp).len()
}

/// A story of `n` JSONL records of `sentences` sentences each, loaded and aligned.
fn records(w: &mut Words, n: usize, sentences: u64) -> String {
    (0..n)
        .map(|i| {
            serde_json::json!({
                "title": format!("Report {i}"),
                "source": format!("Outlet {}", i % 40),
                "text": w.paragraph(sentences),
            })
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn bench(c: &mut Criterion) {
    let mut w = Words(0x9e37_79b9_7f4a_7c15);
    let short = w.article(700);
    let mb30 = w.article(30 << 20);
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    g.bench_function("30 MB article against a short one, load and align", |b| {
        b.iter(|| load_and_align(&mb30, &short))
    });
    drop(mb30);
    let mb49 = w.article(49 << 20);
    g.bench_function("49 MB article against a short one, load and align", |b| {
        b.iter(|| load_and_align(&mb49, &short))
    });
    g.bench_function("49 MB article, HTML report", |b| {
        b.iter(|| html_report(&mb49, &short))
    });
    drop(mb49);
    let mut many = String::from("Many short paragraphs\n\n");
    for _ in 0..200_000 {
        many.push_str(&w.sentence());
        many.push_str("\n\n");
    }
    g.bench_function("200,000 short paragraphs, HTML report", |b| {
        b.iter(|| html_report(&many, &short))
    });
    let theme = Theme::new(true, true);
    g.bench_function("200,000 short paragraphs, reader's first frame", |b| {
        b.iter(|| {
            // the reader draws the text before the alignment lands
            let mut arts = load(&many, "many");
            arts.extend(load(&short, "short"));
            let n = arts.len();
            let mut s = AppState::new(story(arts), StoryAlignment::empty(n), 0, 1);
            let (pw, ph) = ui::pane_text_size(Rect::new(0, 0, 160, 48));
            update(
                &mut s,
                Event::Resize {
                    width: pw,
                    height: ph,
                },
            );
            let mut t = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
            t.draw(|f| ui::render(f, &s, &theme)).expect("draw");
        })
    });
    drop(many);
    let jsonl = records(&mut w, 1000, 8);
    let opts = LoadOptions::default();
    g.bench_function("story of 1,000 JSONL records, load and align", |b| {
        b.iter(|| {
            let arts = load_bytes(jsonl.as_bytes(), Format::Jsonl, None, "records", &opts)
                .expect("records");
            let al = StoryAlignment::build(&arts, |_, _| {});
            best_pair(&al, arts.len())
        })
    });
    if std::env::var_os("DIPTYCH_BENCH_HUGE").is_some() {
        let jsonl = records(&mut w, 100_000, 3);
        let opts = LoadOptions {
            max_bytes: 200_000_000,
        };
        g.bench_function("story of 100,000 JSONL records, load and align", |b| {
            b.iter(|| {
                let arts = load_bytes(jsonl.as_bytes(), Format::Jsonl, None, "records", &opts)
                    .expect("records");
                StoryAlignment::build(&arts, |_, _| {}).topics.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
