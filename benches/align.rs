//! Alignment speed: one pair of seed articles, two 100,000-word articles, all pairs of a
//! 50-article story; loading the WordNet lexicon and looking words up in it.

use criterion::{criterion_group, Criterion};
use diptych::align::lexicon::Lexicon;
use diptych::align::StoryAlignment;
use diptych::store::{load_bytes, Article, Format, LoadOptions, Story};
use std::path::Path;

/// Deterministic news-like articles: paragraphs drawn from a shared pool of sentences with
/// varying names and numbers, so pairs overlap partly, as real coverage does.
fn synthetic(seed: u64, words: usize) -> Article {
    let subjects = [
        "The minister",
        "Officials",
        "The agency",
        "Rescue teams",
        "The commission",
        "Residents",
        "Engineers",
        "The mayor",
    ];
    let verbs = [
        "said",
        "reported",
        "confirmed",
        "denied",
        "warned",
        "announced",
    ];
    let objects = [
        "that the dam gates were opened during the storm",
        "that at least 40 people were killed in the flood",
        "that 12,000 residents had been evacuated from the valley",
        "new talks on the river in the capital next week",
        "a fund for families and fishing cooperatives",
        "that the sensors had failed before the surge",
        "damage to the wetlands and the reed beds of the delta",
        "an inquiry into the operators on duty that night",
    ];
    let places = [
        "Velsk",
        "Port Ardent",
        "Lower Mellby",
        "Marenstadt",
        "Orrin",
        "Halvard",
        "Dovland",
        "Kestria",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = |n: usize| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((x >> 33) as usize) % n
    };
    let mut text = String::new();
    let mut count = 0;
    while count < words {
        for _ in 0..3 {
            // a rarer word from a large pool keeps the vocabulary realistic in size
            let s = format!(
                "{} in {} {} {} on day {} near the {}{} site. ",
                subjects[next(subjects.len())],
                places[next(places.len())],
                verbs[next(verbs.len())],
                objects[next(objects.len())],
                next(300),
                ["kar", "vel", "dos", "mir", "tal", "bren", "ost", "lun"][next(8)],
                ["ova", "ink", "eth", "ar", "umo", "ell", "and", "orf"][next(8)]
            );
            count += s.split_whitespace().count();
            text.push_str(&s);
        }
        text.push_str("\n\n");
    }
    load_bytes(
        text.as_bytes(),
        Format::Text,
        None,
        &format!("synthetic-{seed}"),
        &LoadOptions::default(),
    )
    .expect("synthetic")
    .remove(0)
}

fn bench(c: &mut Criterion) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let seed_pair: Vec<Article> = match Story::load_dir(&seeds, &LoadOptions::default()) {
        Ok(s) => s.articles.into_iter().take(2).collect(),
        Err(_) => Story::builtin_demo().articles.into_iter().take(2).collect(),
    };
    c.bench_function("align one pair of seed articles", |b| {
        b.iter(|| StoryAlignment::build(&seed_pair, |_, _| {}))
    });

    let big = vec![synthetic(1, 100_000), synthetic(2, 100_000)];
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    g.bench_function("align two 100,000-word articles", |b| {
        b.iter(|| StoryAlignment::build(&big, |_, _| {}))
    });
    let story: Vec<Article> = (0..50).map(|i| synthetic(100 + i, 800)).collect();
    g.bench_function("all pairs of a 50-article story", |b| {
        b.iter(|| StoryAlignment::build(&story, |_, _| {}))
    });
    g.finish();
}

/// Reading the table compiled into the binary (what `Lexicon::builtin` does once), and the
/// lookups the alignment makes per word.
fn lexicon_load(c: &mut Criterion) {
    let bytes: &'static [u8] = include_bytes!("../assets/lexicon.bin");
    c.bench_function("lexicon_load", |b| b.iter(|| Lexicon::from_bytes(bytes)));
    let lex = Lexicon::builtin();
    let words = [
        "officers",
        "struck",
        "killed",
        "children",
        "evacuation",
        "xyzzy",
    ];
    c.bench_function("lexicon lemma and classes of 6 words", |b| {
        b.iter(|| {
            words
                .iter()
                .map(|w| lex.lemma(w).len() + lex.classes(w).len())
                .sum::<usize>()
        })
    });
    c.bench_function("lexicon related of 3 pairs", |b| {
        b.iter(|| {
            [("die", "death"), ("car", "vehicle"), ("troops", "soldiers")]
                .iter()
                .filter(|(x, y)| lex.related(x, y).is_some())
                .count()
        })
    });
}

criterion_group!(benches, bench, lexicon_load);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
