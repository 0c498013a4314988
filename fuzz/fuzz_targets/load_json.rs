#![no_main]
mod common;

use diptych::store::Format;
use libfuzzer_sys::fuzz_target;

// The same bytes as one JSON document and as JSON lines.
fuzz_target!(|data: &[u8]| {
    common::load_and_check(data, Format::Json);
    common::load_and_check(data, Format::Jsonl);
});
