//! Conflicting figures and story-wide figure rows on the seed articles and the demo story.

use diptych::align::quantities::{pair_matches, paragraph_frames};
use diptych::align::{Discrepancy, StoryAlignment};
use diptych::store::{LoadOptions, Story};
use std::path::Path;

#[path = "common/seeds.rs"]
mod seeds;
use seeds::seeds;

fn index(story: &Story, prefix: &str) -> usize {
    story
        .articles
        .iter()
        .position(|a| a.label.contains(prefix))
        .unwrap_or_else(|| panic!("no article {prefix}"))
}

/// Every discrepancy of every pair (a < b), printed for the record.
fn all_discrepancies(story: &Story, al: &StoryAlignment) -> Vec<(usize, usize, Discrepancy)> {
    let n = story.articles.len();
    let mut out = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            for d in al.pair(a, b).discrepancies {
                eprintln!(
                    "{} / {}: {} — {:?} vs {:?} ({})",
                    story.articles[a].source,
                    story.articles[b].source,
                    d.what,
                    d.left_text,
                    d.right_text,
                    d.reason
                );
                out.push((a, b, d));
            }
        }
    }
    out
}

#[test]
fn seed_conflicts_are_found() {
    let Some(story) = seeds() else { return };
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let found = all_discrepancies(&story, &al);
    // extraction and matching of one pair, for the record
    let t = std::time::Instant::now();
    let frames: Vec<Vec<_>> = story.articles[2..4]
        .iter()
        .map(|a| {
            (0..a.paragraphs.len())
                .flat_map(|p| paragraph_frames(a, p))
                .collect()
        })
        .collect();
    let _ = pair_matches(&frames[0], &frames[1]);
    eprintln!("figures of one seed pair: {:?}", t.elapsed());
    let (iran, tass, sputnik) = (
        index(&story, "002_"),
        index(&story, "003_"),
        index(&story, "004_"),
    );
    let has = |a: usize, b: usize, l: &str, r: &str| {
        found.iter().any(|(x, y, d)| {
            (*x, *y) == (a.min(b), a.max(b))
                && ((a < b && d.left_text.contains(l) && d.right_text.contains(r))
                    || (a > b && d.left_text.contains(r) && d.right_text.contains(l)))
        })
    };
    assert!(has(iran, tass, "35", "33"), "troops killed: 35 vs 33");
    assert!(
        has(tass, sputnik, "200", "50"),
        "targets struck: over 200 vs over 50"
    );
    // every other discrepancy of the ten pairs would be a false alarm
    assert_eq!(found.len(), 2, "{found:?}");

    // the story-wide rows put the conflicts first, each article's figure in its column
    let rows = al.figures();
    let troops = rows
        .iter()
        .find(|r| r.cell(iran).is_some_and(|c| c.value_text == "35"))
        .expect("a row for the 35 troops");
    assert!(troops.conflict);
    assert_eq!(troops.label, "Turkish troops killed");
    assert_eq!(troops.cell(tass).map(|c| c.value_text.as_str()), Some("33"));
    assert!(rows.iter().take_while(|r| r.conflict).count() >= 2);
    for row in rows {
        for (a, c) in &row.cells {
            let text: String = story.articles[*a]
                .text
                .chars()
                .skip(c.span.start)
                .take(c.span.len())
                .collect();
            assert_eq!(text, c.phrase);
        }
    }
}

#[test]
fn demo_figures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let story = Story::load_dir(&dir, &LoadOptions::default()).expect("demo");
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let found = all_discrepancies(&story, &al);
    // the two planted conflicts (people killed, residents evacuated) and nothing about the
    // commission of 14 engineers
    assert!(found.iter().any(|(_, _, d)| d.what.contains("killed")));
    assert!(found.iter().any(|(_, _, d)| d.what.contains("evacuated")));
    assert!(!found
        .iter()
        .any(|(_, _, d)| d.left_text.contains("engineers") || d.right_text.contains("engineers")));
    for row in al.figures() {
        eprintln!(
            "{}{} — {}",
            if row.conflict { "! " } else { "  " },
            row.label,
            (0..story.articles.len())
                .map(|a| row.cell(a).map_or("—", |c| c.value_text.as_str()))
                .collect::<Vec<_>>()
                .join(" · ")
        );
    }
}
