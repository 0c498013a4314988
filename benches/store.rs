//! Loading speed and memory: the demo story, and a 10 MB plain-text article.
//! Peak heap is measured with a counting allocator and printed beside criterion's timings.

use criterion::{criterion_group, Criterion};
use diptych::store::{load_bytes, Format, LoadOptions, Story};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            let now = CURRENT.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        CURRENT.fetch_sub(l.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static A: Counting = Counting;

/// A long article made of varied news-like paragraphs (deterministic).
pub fn big_text(bytes: usize) -> String {
    let sentences = [
        "Officials said the commission would meet again on Tuesday to review the findings.",
        "At least 40 people were killed and 12,000 residents were evacuated, the agency reported.",
        "“We will not allow this to happen again,” the minister told reporters in the capital.",
        "The U.S. envoy, Gen. J. R. Harlow, arrived on Feb. 5 for two days of talks.",
        "Critics accused the government of ignoring warnings from engineers at the dam.",
    ];
    let mut s = String::with_capacity(bytes + 200);
    let mut i = 0usize;
    while s.len() < bytes {
        for k in 0..4 {
            s.push_str(sentences[(i * 7 + k * 3) % sentences.len()]);
            s.push(' ');
        }
        s.push_str("\n\n");
        i += 1;
    }
    s
}

fn bench(c: &mut Criterion) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    c.bench_function("load demo story", |b| {
        b.iter(|| Story::load_dir(&demo, &LoadOptions::default()).expect("demo"))
    });
    let big = big_text(10 * 1024 * 1024);
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    g.bench_function("load 10 MB text article", |b| {
        b.iter(|| {
            load_bytes(
                big.as_bytes(),
                Format::Text,
                None,
                "big",
                &LoadOptions::default(),
            )
            .expect("big")
        })
    });
    g.finish();

    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let arts = load_bytes(
        big.as_bytes(),
        Format::Text,
        None,
        "big",
        &LoadOptions::default(),
    )
    .expect("big");
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = CURRENT.load(Ordering::Relaxed) - before;
    println!(
        "memory: 10 MB article ({} bytes): peak {:.2}x the file size while loading, {:.2}x retained ({} paragraphs)",
        big.len(),
        peak as f64 / big.len() as f64,
        kept as f64 / big.len() as f64,
        arts[0].paragraphs.len()
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
