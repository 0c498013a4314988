//! Document store over real and demo articles: titles, datelines, boilerplate, outlets.

use diptych::store::{Kind, LoadOptions, Story};
use std::path::Path;

#[path = "common/seeds.rs"]
mod seeds;
use seeds::seeds;

fn kinds_of(story: &Story, file_prefix: &str) -> Vec<(Kind, String)> {
    let a = story
        .articles
        .iter()
        .find(|a| a.label.contains(file_prefix))
        .unwrap_or_else(|| panic!("no article {file_prefix}"));
    a.paragraphs
        .iter()
        .map(|p| (p.kind, a.para_text(p.index).to_string()))
        .collect()
}

#[test]
fn seed_outlets_titles_and_boilerplate() {
    let Some(story) = seeds() else { return };
    assert_eq!(story.articles.len(), 5);
    let sources: Vec<&str> = story.articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "QNA",
            "The Syrian Observer",
            "Iran Press",
            "TASS",
            "Sputnik"
        ]
    );
    let titles: Vec<&str> = story.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles[2],
        "Erdogan, Putin Confer on Syria's Idlib situation"
    );
    assert_eq!(
        titles[3],
        "Putin, Erdogan discuss Syria’s Idlib over the phone"
    );

    let k = kinds_of(&story, "002_");
    assert_eq!(k[0].0, Kind::Title);
    assert_eq!(k[1].0, Kind::Standfirst);
    for (kind, text) in &k[14..] {
        assert_eq!(*kind, Kind::Boilerplate, "{text}");
    }
    assert!(k[..14].iter().all(|(kind, _)| *kind != Kind::Boilerplate));

    let k = kinds_of(&story, "003_");
    assert_eq!(k[0], (Kind::Boilerplate, "All news".into()));
    assert_eq!(k[1].0, Kind::Title);
    assert_eq!(k[2].0, Kind::Standfirst);
    assert!(k[3].1.starts_with("MOSCOW, February 28. /TASS/."));

    let k = kinds_of(&story, "001_");
    assert_eq!(k.last().map(|p| p.0), Some(Kind::Boilerplate));
    assert_eq!(k.iter().filter(|p| p.0 == Kind::Boilerplate).count(), 1);

    let k = kinds_of(&story, "004_");
    assert_eq!(k[0].0, Kind::Boilerplate);
    assert_eq!(k.last().map(|p| p.0), Some(Kind::Boilerplate));
    // The related headline glued to a body block is flagged at sentence level.
    let a = story
        .articles
        .iter()
        .find(|a| a.label.contains("004_"))
        .expect("004");
    let p = a
        .paragraphs
        .iter()
        .find(|p| a.para_text(p.index).starts_with("Ankara Expects"))
        .expect("block");
    assert!(p.sentences[0].boilerplate);
    assert!(!p.sentences[1].boilerplate);

    // Non-breaking spaces and escaped quotes are gone from canonical text.
    for a in &story.articles {
        assert!(!a.text.contains('\u{a0}'), "{}", a.label);
        assert!(!a.text.contains("\\'"), "{}", a.label);
    }
}

#[test]
fn seed_paragraphs_match_input_blocks() {
    let Some(story) = seeds() else { return };
    let counts: Vec<usize> = story.articles.iter().map(|a| a.paragraphs.len()).collect();
    // Blank-line blocks, or one per line for the file without blank lines.
    assert_eq!(counts, [10, 12, 19, 9, 9]);
}

#[test]
fn demo_story_loads_with_planted_features() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let story = Story::load_dir(&dir, &LoadOptions::default()).expect("demo");
    assert_eq!(story.articles.len(), 5);
    for a in &story.articles {
        let n = a.paragraphs.len();
        assert!((8..=20).contains(&n), "{} has {n} paragraphs", a.label);
    }
    let by = |f: &str| {
        story
            .articles
            .iter()
            .find(|a| a.label.ends_with(f))
            .expect(f)
    };
    assert_eq!(by("kestria-press-agency.txt").source, "KPA");
    assert_eq!(by("harbour-ledger.md").source, "The Harbour Ledger");
    assert_eq!(by("riverwatch-monitor.html").source, "Riverwatch Monitor");
    assert_eq!(by("dovland-today.txt").source, "DTN");
    let nc = by("northern-courier.txt");
    let boiler: Vec<&str> = nc
        .paragraphs
        .iter()
        .filter(|p| p.kind == Kind::Boilerplate)
        .map(|p| nc.para_text(p.index))
        .collect();
    assert!(boiler.contains(&"3/12"));
    assert!(boiler.contains(&"Dovland Pledges Support For Mellby Fishing Families"));
    assert!(boiler.contains(&"Share"));
    // The built-in copy is the same story.
    let built = Story::builtin_demo();
    let ids: Vec<&str> = built.articles.iter().map(|a| a.id.as_str()).collect();
    let disk: Vec<&str> = story.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, disk);
}

#[test]
fn answer_key_phrases_exist() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let story = Story::load_dir(&dir, &LoadOptions::default()).expect("demo");
    let key: serde_json::Value =
        serde_json::from_str(include_str!("demo_key.json")).expect("key parses");
    let mut pairs = Vec::new();
    for t in key["shared_topics"].as_array().expect("topics") {
        for p in t["passages"].as_array().expect("passages") {
            pairs.push((p[0].as_str().unwrap_or(""), p[1].as_str().unwrap_or("")));
        }
    }
    for u in key["unique"].as_array().expect("unique") {
        pairs.push((u[0].as_str().unwrap_or(""), u[1].as_str().unwrap_or("")));
    }
    for (file, phrase) in pairs {
        let a = story
            .articles
            .iter()
            .find(|a| a.label.ends_with(file))
            .expect(file);
        let hits = a
            .paragraphs
            .iter()
            .filter(|p| a.para_text(p.index).contains(phrase))
            .count();
        assert_eq!(hits, 1, "{file}: {phrase}");
    }
}

#[test]
fn missing_and_empty_inputs_are_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    let e = Story::load_dir(tmp.path(), &LoadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("no articles found"), "{e}");
    std::fs::write(tmp.path().join("a.png.txt"), b"\x89PNG\0\0\0\0").expect("write");
    std::fs::write(tmp.path().join("note.diptych.json"), b"{}").expect("write");
    std::fs::write(tmp.path().join("b.txt"), "Real text.\n").expect("write");
    let s = Story::load_dir(tmp.path(), &LoadOptions::default()).expect("loads b");
    assert_eq!(s.articles.len(), 1);
    assert_eq!(s.skipped.len(), 1);
    assert!(s.skipped[0].contains("binary"));
}
