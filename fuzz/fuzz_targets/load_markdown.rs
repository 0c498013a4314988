#![no_main]
mod common;

use diptych::store::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::load_and_check(data, Format::Markdown));
