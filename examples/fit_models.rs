//! Fits the engine's link judge (is a pair, judged on its own, a paraphrase?) by logistic
//! regression over the pair features on MRPC train and writes `assets/models.tsv`.
//!
//!     cargo run --release --example fit_models -- ../shared/bench
//!
//! Prints the 10-fold cross-validated accuracy (folds over pairs: MRPC has no topics) before
//! writing; `examples/quality.rs` measures the same way.

#[path = "support/bench.rs"]
#[allow(dead_code)] // the STS-B reader is for the quality example
mod bench;

use diptych::align::learned::{fit_logistic, Models};
use diptych::align::{Corpus, N_FEATURES, PARAMS};
use std::path::PathBuf;

type Row = [f32; N_FEATURES];

/// Weight of the L2 penalty on standardised features.
const L2: f64 = 1e-3;

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/bench".into()),
    );
    // judge: MRPC train
    let mrpc = bench::mrpc(&root)?;
    let x: Vec<Row> = mrpc
        .iter()
        .map(|(_, a, b)| Corpus::from_texts(&[a, b], PARAMS).features(0, 0, 1, 0))
        .collect();
    let y: Vec<bool> = mrpc.iter().map(|r| r.0).collect();
    let mut correct = 0;
    for fold in 0..10 {
        let train: Vec<usize> = (0..x.len()).filter(|k| k % 10 != fold).collect();
        let m = fit_logistic(
            &train.iter().map(|&k| x[k]).collect::<Vec<_>>(),
            &train.iter().map(|&k| y[k]).collect::<Vec<_>>(),
            L2,
        );
        correct += (0..x.len())
            .filter(|k| k % 10 == fold)
            .filter(|&k| (m.probability(&x[k]) >= 0.5) == y[k])
            .count();
    }
    println!(
        "judge: MRPC train, 10-fold cross-validated accuracy {:.1}",
        100.0 * correct as f64 / x.len() as f64
    );
    let judge = fit_logistic(&x, &y, L2);

    let models = Models { judge };
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/models.tsv");
    std::fs::write(
        &out,
        models.to_tsv(
            "The link judge of the alignment engine: logistic weights over the pair features of\n\
             src/align (FEATURES), written by examples/fit_models.rs from MRPC train.\n\
             Columns: model, bias or feature index, weight.",
        ),
    )?;
    println!("wrote {}", out.display());
    Ok(())
}
