// Shared by the loader targets: load through the real entry point and check that every range
// an article hands out lands on character boundaries and nests properly.
use diptych::store::{load_bytes, Format, LoadOptions};

pub fn load_and_check(data: &[u8], fmt: Format) {
    let Ok(articles) = load_bytes(data, fmt, None, "fuzz", &LoadOptions::default()) else {
        return;
    };
    for a in &articles {
        let n = a.text.chars().count();
        for p in &a.paragraphs {
            assert!(a.text.get(p.bytes.clone()).is_some(), "paragraph bytes");
            assert!(p.chars.start <= p.chars.end && p.chars.end <= n, "paragraph chars");
            for s in &p.sentences {
                assert!(a.text.get(s.bytes.clone()).is_some(), "sentence bytes");
                assert!(s.bytes.start >= p.bytes.start && s.bytes.end <= p.bytes.end);
                assert!(s.chars.start >= p.chars.start && s.chars.end <= p.chars.end);
            }
        }
    }
}
