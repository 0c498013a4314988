//! Alignment invariants on generated articles, and inputs that must not break it.

use diptych::align::StoryAlignment;
use diptych::app::{wrap, wrapped_lines};
use diptych::store::{load_bytes, Article, Format, LoadOptions};
use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

fn article(text: &str, label: &str) -> Option<Article> {
    load_bytes(
        text.as_bytes(),
        Format::Text,
        None,
        label,
        &LoadOptions::default(),
    )
    .ok()
    .map(|mut v| v.remove(0))
}

fn para() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("flood"),
            Just("dam"),
            Just("Mellby"),
            Just("minister"),
            Just("talks"),
            Just("40"),
            Just("thirty"),
            Just("people"),
            Just("killed"),
            Just("evacuated"),
            Just("commission"),
            Just("the"),
            Just("river"),
            Just("said"),
        ],
        3..25,
    )
    .prop_map(|w| w.join(" ") + ".")
}

fn story_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(para(), 1..12).prop_map(|p| p.join("\n\n"))
}

fn check(al: &StoryAlignment, arts: &[Article]) {
    for a in 0..arts.len() {
        for b in 0..arts.len() {
            if a == b {
                continue;
            }
            let p = al.pair(a, b);
            for l in &p.links {
                assert!(l.left < arts[a].paragraphs.len() && l.right < arts[b].paragraphs.len());
                assert!((0.0..=1.0).contains(&l.score), "score {}", l.score);
            }
            for u in &p.unique_left {
                assert!(!p.links.iter().any(|l| l.left == *u));
            }
            // the pair seen from the other side is the same links, mirrored
            let q = al.pair(b, a);
            let mut x: Vec<(usize, usize)> = p.links.iter().map(|l| (l.left, l.right)).collect();
            let mut y: Vec<(usize, usize)> = q.links.iter().map(|l| (l.right, l.left)).collect();
            x.sort();
            y.sort();
            assert_eq!(x, y);
            // figures are matched across the whole pair: a discrepancy points at real
            // paragraphs of each side
            for d in &p.discrepancies {
                assert!(d.left < arts[a].paragraphs.len());
                assert!(d.right < arts[b].paragraphs.len());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn links_are_valid_mirrored_and_deterministic(a in story_text(), b in story_text(), c in story_text()) {
        let arts: Vec<Article> = [(a, "a"), (b, "b"), (c, "c")].iter().filter_map(|(t, l)| article(t, l)).collect();
        prop_assume!(arts.len() == 3);
        let al = StoryAlignment::build(&arts, |_, _| {});
        check(&al, &arts);
        let again = StoryAlignment::build(&arts, |_, _| {});
        for x in 0..3 {
            for y in 0..3 {
                prop_assert_eq!(al.pair(x, y).links, again.pair(x, y).links);
            }
        }
        prop_assert_eq!(&al.topics, &again.topics);
    }

    #[test]
    fn wrapping_fits_the_width_and_loses_no_text(s in "(\\PC|[ \\n]){0,300}", width in 1usize..60) {
        let lines = wrap(&s, width);
        for l in &lines {
            prop_assert!(l.width() <= width.max(2), "{:?} is wider than {}", l, width);
        }
        let norm = |t: &str| t.split_whitespace().collect::<String>();
        prop_assert_eq!(norm(&lines.join(" ")), norm(&s));
        // the pane heights count lines without building them: the same count
        prop_assert_eq!(wrapped_lines(&s, width), lines.len());
    }
}

#[test]
fn awkward_inputs_give_sensible_output() {
    let demo = diptych::store::Story::builtin_demo();
    let a = demo.articles[0].clone();
    // an article paired with itself, and identical copies
    let same = vec![a.clone(), a.clone()];
    let al = StoryAlignment::build(&same, |_, _| {});
    let p = al.pair(0, 1);
    let body = a
        .paragraphs
        .iter()
        .filter(|p| p.kind == diptych::store::Kind::Body)
        .count();
    assert!(
        p.links.len() >= body,
        "identical articles link every body paragraph"
    );
    assert!(p.unique_left.is_empty() && p.discrepancies.is_empty());
    assert!(al.pair(0, 0).links.is_empty());

    // boilerplate only, and a different language
    let boiler = article(
        "Share\n\nRead more:\n\nSome Other Headline Here Today\n\n3/12",
        "b",
    )
    .expect("b");
    let german = article("Die Minister trafen sich am Montag in der Hauptstadt.\n\nDas Hochwasser forderte viele Opfer.", "g").expect("g");
    let arts = vec![a.clone(), boiler, german];
    let al = StoryAlignment::build(&arts, |_, _| {});
    check(&al, &arts);
    assert!(al.pair(0, 1).links.is_empty());

    // 10,000 one-word paragraphs
    let words = ["flood", "dam", "river", "talks", "minister"];
    let many: String = (0..10_000)
        .map(|i| words[i % 5])
        .collect::<Vec<_>>()
        .join("\n\n");
    let big = article(&many, "many").expect("many");
    assert_eq!(big.paragraphs.len(), 10_000);
    let arts = vec![big, a];
    let al = StoryAlignment::build(&arts, |_, _| {});
    check(&al, &arts);
}
