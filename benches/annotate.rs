//! Annotation speed: saving 10,000 annotations; re-anchoring 1,000 annotations on an edited
//! 1 MB article; re-anchoring one long quote that is no longer in the text (200,000 characters
//! and 10 MB).

use criterion::{criterion_group, Criterion};
use diptych::annotate::anchor::{Anchor, CharIndex, Status};
use diptych::annotate::{sidecar, Annotation, ArticleNotes};
use diptych::store::{load_bytes, Article, Format, LoadOptions};

fn article(bytes: usize, seed: u64) -> Article {
    let words = [
        "flood",
        "dam",
        "minister",
        "talks",
        "river",
        "commission",
        "engineers",
        "Mellby",
        "Orrin",
        "report",
        "storm",
        "gates",
    ];
    let mut x = seed;
    let mut s = String::with_capacity(bytes + 100);
    let mut n = 0;
    while s.len() < bytes {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        s.push_str(words[(x >> 33) as usize % words.len()]);
        s.push_str(&format!("{} ", (x >> 40) % 97));
        n += 1;
        if n % 12 == 0 {
            s.push_str(". ");
        }
        if n % 90 == 0 {
            s.push_str("\n\n");
        }
    }
    load_bytes(
        s.as_bytes(),
        Format::Text,
        None,
        "bench",
        &LoadOptions::default(),
    )
    .expect("article")
    .remove(0)
}

fn notes_for(a: &Article, n: usize) -> ArticleNotes {
    let len = a.text.chars().count();
    let mut notes = ArticleNotes::default();
    for i in 0..n {
        let start = (i * 7919) % (len - 80);
        let mut ann = Annotation::new(
            format!("{i:08}-0000-4000-8000-000000000000"),
            "2031-01-01T00:00:00Z",
            (i % 5 + 1) as u8,
            Anchor::new(a, start..start + 40),
        );
        ann.note = if i % 3 == 0 {
            format!("note {i}")
        } else {
            String::new()
        };
        notes.items.push(ann);
    }
    notes
}

fn bench(c: &mut Criterion) {
    let a = article(300_000, 1);
    let notes = notes_for(&a, 10_000);
    let notes = &notes;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("bench.txt.diptych.json");
    let mut g = c.benchmark_group("annotate");
    g.sample_size(20);
    g.bench_function("render 10,000 annotations to sidecar JSON", |b| {
        b.iter(|| sidecar::render(&a, &notes.items, &[], &Default::default()))
    });
    let mut stamped = notes.clone();
    let mut cache = sidecar::LineCache::default();
    g.bench_function(
        "save 10,000 annotations, one changed (lock, write, fsync, rename, .bak)",
        |b| {
            let mut k = 0usize;
            b.iter(|| {
                // a reader changes one annotation between saves
                k = (k + 1) % stamped.items.len();
                stamped.items[k].note = format!("edit {k}");
                stamped.items[k].modified = format!("2031-01-02T00:00:{:02}Z", k % 60);
                let (_, st) = sidecar::save_stamped(&path, &a, &stamped, &mut cache).expect("save");
                stamped.disk_stamp = st;
            })
        },
    );
    g.bench_function(
        "save 10,000 annotations after another writer (read back and merge)",
        |b| b.iter(|| sidecar::save(&path, &a, notes).expect("save")),
    );

    let big = article(1024 * 1024, 2);
    let mut thousand = notes_for(&big, 1000);
    // edit: insert text at the front, in the middle, and change a few words
    let mut edited = String::from("An editor's note added at the top of the article.\n\n");
    let mid = big.text.len() / 2;
    let mid = (0..=mid)
        .rev()
        .find(|i| big.text.is_char_boundary(*i))
        .unwrap_or(0);
    edited.push_str(&big.text[..mid]);
    edited.push_str(" A correction was inserted here. ");
    edited.push_str(&big.text[mid..].replacen("storm", "tempest", 50));
    let edited = load_bytes(
        edited.as_bytes(),
        Format::Text,
        None,
        "edited",
        &LoadOptions::default(),
    )
    .expect("edited")
    .remove(0);
    g.bench_function(
        "re-anchor 1,000 annotations on an edited 1 MB article",
        |b| b.iter(|| thousand.resolve_all(&edited.text, &edited.text_hash)),
    );
    g.finish();
    thousand.resolve_all(&edited.text, &edited.text_hash);
    let orphans = thousand.resolved.iter().filter(|r| r.0.is_none()).count();
    let fuzzy = thousand
        .resolved
        .iter()
        .filter(|r| matches!(r.1, diptych::annotate::anchor::Status::Fuzzy(_)))
        .count();
    println!(
        "re-anchoring result: {} of 1000 found ({fuzzy} fuzzy), {orphans} orphans",
        1000 - orphans
    );
}

/// An annotation on most of one article, resolved against another article of the same words:
/// the quote is nowhere, but its short pieces are everywhere.
fn orphans(c: &mut Criterion) {
    let mut g = c.benchmark_group("orphan");
    g.sample_size(10);
    for (name, bytes) in [("200k-char quote", 220_000), ("10 MB quote", 10_500_000)] {
        let old = article(bytes, 3);
        let new = article(bytes, 4);
        let len = old.text.chars().count();
        let quote_len = if bytes > 1_000_000 {
            10_000_000
        } else {
            200_000
        };
        let anchor = Anchor::new(&old, (len - quote_len) / 2..(len + quote_len) / 2);
        let ix = CharIndex::new(&new.text);
        assert_eq!(
            anchor.resolve(&ix, &new.text_hash),
            (None, Status::Orphan),
            "{name}"
        );
        g.bench_function(format!("resolve a {name} that is not in the text"), |b| {
            b.iter(|| anchor.resolve(&ix, &new.text_hash))
        });
    }
    g.finish();
}

criterion_group!(benches, bench, orphans);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
