//! Nothing panics on arbitrary input, and offsets always agree with the canonical text.

use diptych::store::{load_bytes, Format, LoadOptions};
use proptest::prelude::*;

fn check(bytes: &[u8], fmt: Format) {
    if let Ok(arts) = load_bytes(bytes, fmt, None, "p", &LoadOptions::default()) {
        for a in arts {
            let total = a.text.chars().count();
            let mut last_end = 0;
            for p in &a.paragraphs {
                assert!(p.chars.start >= last_end && p.chars.end <= total);
                assert_eq!(a.text[p.bytes.clone()].chars().count(), p.chars.len());
                assert!(!a.text[p.bytes.clone()].trim().is_empty());
                last_end = p.chars.end;
                for s in &p.sentences {
                    assert!(s.bytes.start >= p.bytes.start && s.bytes.end <= p.bytes.end);
                }
            }
            assert!(!a.text.contains('\u{1b}'));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for fmt in [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::Jsonl] {
            check(&bytes, fmt);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "(\\PC|[\\n\\t\\r\u{1b}\u{a0}\u{202e}\u{200b}\\\\'.!?\"])*") {
        for fmt in [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::Jsonl] {
            check(s.as_bytes(), fmt);
        }
    }
}
