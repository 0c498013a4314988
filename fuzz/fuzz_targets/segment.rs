#![no_main]

use diptych::store::segment::sentences;
use libfuzzer_sys::fuzz_target;

// Sentence ranges are in order, non-empty, inside the text and on character boundaries.
fuzz_target!(|text: &str| {
    let mut last = 0;
    for r in sentences(text) {
        assert!(r.start >= last && r.start < r.end, "{r:?}");
        assert!(text.get(r.clone()).is_some(), "{r:?}");
        last = r.end;
    }
});
