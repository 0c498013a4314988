//! Precision and recall of conflicting figures on hand-labelled ECB+ sentence pairs.
//!
//! `cargo run --release --example figures_quality [-v] [--frames] [LABELS.tsv] [DOCS.jsonl]`
//! (`--frames`: each miss with its two sentences and the frames read from them)
//! (defaults: tests/labels/figure_conflicts.tsv and ../shared/bench/ecbplus/docs.jsonl);
//! `examples/quality.rs` prints the same beside the other benchmarks.

#[path = "support/figures.rs"]
mod figures;

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let verbose = std::env::args().any(|a| a == "-v" || a == "--frames");
    let frames = std::env::args().any(|a| a == "--frames");
    let args: Vec<String> = std::env::args()
        .filter(|a| a != "-v" && a != "--frames")
        .collect();
    let labels = args.get(1).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/labels/figure_conflicts.tsv")
    });
    let docs = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/bench/ecbplus/docs.jsonl"));
    figures::report(&labels, &docs, verbose, frames)
}
