//! Anchors round-trip, survive edits elsewhere, and never vanish.

use diptych::annotate::anchor::{Anchor, CharIndex, Status};
use diptych::store::{Article, Format, Meta};
use proptest::prelude::*;

fn article(text: &str) -> Article {
    Article::build(
        text.to_string(),
        Meta::default(),
        None,
        "p".into(),
        Format::Text,
    )
}

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("storm"),
            Just("dam"),
            Just("río"),
            Just("川"),
            Just("the"),
            Just("40"),
            Just("flood"),
            Just("Mellby"),
            Just("é"),
            Just("😀")
        ],
        20..120,
    )
    .prop_map(|w| {
        let mut s = String::new();
        for (i, x) in w.iter().enumerate() {
            s.push_str(x);
            s.push(if i % 17 == 16 { '\n' } else { ' ' });
        }
        s.trim().to_string()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn anchors_round_trip(text in words(), a in 0usize..400, len in 1usize..60) {
        let art = article(&text);
        let n = art.text.chars().count();
        prop_assume!(n > 2);
        let start = a % (n - 1);
        let end = (start + len).min(n);
        let anc = Anchor::new(&art, start..end);
        let ix = CharIndex::new(&art.text);
        let (r, st) = anc.resolve(&ix, &art.text_hash);
        prop_assert_eq!(st, Status::Exact);
        prop_assert_eq!(r, Some(start..end));
    }

    #[test]
    fn edits_elsewhere_keep_the_quote(
        text in words(),
        a in 0usize..400,
        len in 4usize..40,
        edits in proptest::collection::vec((0usize..1000, prop_oneof![Just("ins"), Just("del")], "[a-z ]{1,12}"), 1..6),
    ) {
        let art = article(&text);
        let n = art.text.chars().count();
        prop_assume!(n > len + 2);
        let start = a % (n - len);
        let end = start + len;
        let anc = Anchor::new(&art, start..end);
        // apply edits outside [start, end)
        let mut chars: Vec<char> = art.text.chars().collect();
        let (mut qs, mut qe) = (start, end);
        for (pos, kind, s) in edits {
            let p = pos % (chars.len() + 1);
            if kind == "ins" {
                if p > qs && p < qe { continue; }
                let ins: Vec<char> = s.chars().collect();
                let k = ins.len();
                chars.splice(p..p, ins);
                if p <= qs { qs += k; qe += k; }
            } else {
                let e = (p + s.len()).min(chars.len());
                if e > qs && p < qe { continue; }
                chars.drain(p..e);
                if e <= qs { qs -= e - p; qe -= e - p; }
            }
        }
        let edited: String = chars.iter().collect();
        let ix = CharIndex::new(&edited);
        let (r, st) = anc.resolve(&ix, "changed");
        prop_assert!(st != Status::Orphan, "quote still present but orphaned");
        let r = r.expect("range");
        prop_assert_eq!(ix.slice(r), anc.quote.as_str());
    }

    #[test]
    fn unfound_quotes_become_orphans(text in words(), other in words(), a in 0usize..400, len in 8usize..40) {
        let art = article(&text);
        let n = art.text.chars().count();
        prop_assume!(n > len + 2);
        let start = a % (n - len);
        let anc = Anchor::new(&art, start..start + len);
        let ix = CharIndex::new(&other);
        let (r, st) = anc.resolve(&ix, "x");
        // every anchor resolves to something: a range with a status, or an orphan without one
        prop_assert_eq!(r.is_none(), st == Status::Orphan);
        if let Some(r) = r {
            prop_assert!(r.end <= ix.len());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_resolves_its_own_anchors_exactly(text in "\\PC{2,400}", a in 0usize..400, len in 1usize..400) {
        let art = article(&text);
        let n = art.text.chars().count();
        prop_assume!(n > 1);
        let start = a % n;
        let end = (start + len).min(n);
        let anc = Anchor::new(&art, start..end);
        let ix = CharIndex::new(&art.text);
        prop_assert_eq!(anc.resolve(&ix, &art.text_hash), (Some(start..end), Status::Exact));
    }

    #[test]
    fn a_small_edit_inside_the_quote_is_fuzzy(
        text in words(),
        a in 0usize..400,
        len in 20usize..200,
        at in 0usize..200,
        kind in 0u8..3,
        c in "[a-z]",
    ) {
        let art = article(&text);
        let n = art.text.chars().count();
        prop_assume!(n > len + 2);
        let start = a % (n - len);
        let anc = Anchor::new(&art, start..start + len);
        let mut chars: Vec<char> = art.text.chars().collect();
        let p = start + 1 + at % (len - 2);
        let c = c.chars().next().unwrap_or('x');
        match kind {
            0 => chars[p] = c,
            1 => chars.insert(p, c),
            _ => { chars.remove(p); }
        }
        let edited: String = chars.iter().collect();
        let ix = CharIndex::new(&edited);
        let (r, st) = anc.resolve(&ix, "edited");
        prop_assert!(r.is_some(), "one edit made an orphan");
        if let Status::Fuzzy(s) = st {
            prop_assert!(s >= 0.8, "score {}", s);
        }
    }
}
