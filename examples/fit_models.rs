//! Fits the engine's two logistic models on public training data and writes
//! `assets/models.tsv`:
//! - `judge` (is a pair, judged on its own, a paraphrase?) on MRPC train;
//! - `matching` (does a sentence of another article report the same event?) on the ECB+
//!   training topics (the development topics are left out and only measured).
//!
//!     cargo run --release --example fit_models -- ../shared/bench
//!
//! Prints 10-fold cross-validated MRPC accuracy and ECB+ dev top-1 before writing.

#[path = "support/bench.rs"]
#[allow(dead_code)] // the STS-B reader is for the quality example
mod bench;

use diptych::align::learned::{fit_logistic, fit_ranking, Group, Model, Models};
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

    // matching: ECB+ train topics, every (query, candidate) pair
    let (mut x, mut y) = (Vec::new(), Vec::new());
    let mut groups = Vec::new();
    for p in bench::ecb(&root, "train")? {
        let docs = [
            p.a.iter().map(String::as_str).collect::<Vec<_>>(),
            p.b.iter().map(String::as_str).collect::<Vec<_>>(),
        ];
        let corpus = Corpus::from_sentence_docs(&docs, PARAMS);
        for (sa, gold) in &p.queries {
            let mut g = Group {
                rows: Vec::new(),
                gold: Vec::new(),
            };
            for j in 0..p.b.len() {
                x.push(corpus.features(0, *sa, 1, j));
                y.push(gold.contains(&j));
                g.rows.push(corpus.features(0, *sa, 1, j));
                g.gold.push(gold.contains(&j));
            }
            groups.push(g);
        }
    }
    // A ranking fit (softmax over each query's candidates) ranked better on the dev topics
    // than a pointwise fit of the same pairs; both are printed.
    let pointwise = fit_logistic(&x, &y, L2);
    let matching = fit_ranking(&groups, L2);
    println!(
        "matching: {} ECB+ train pairs; dev top-1 {:.1}% (pointwise fit: {:.1}%)",
        x.len(),
        ecb_dev_top1(&root, &matching)?,
        ecb_dev_top1(&root, &pointwise)?
    );
    let models = Models { judge, matching };
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/models.tsv");
    std::fs::write(
        &out,
        models.to_tsv(
            "Logistic models of the alignment engine over the pair features of src/align\n\
             (FEATURES), written by examples/fit_models.rs from MRPC train (judge) and the\n\
             ECB+ training topics (matching). Columns: model, bias or feature index, weight.",
        ),
    )?;
    println!("wrote {}", out.display());
    Ok(())
}

fn ecb_dev_top1(root: &std::path::Path, m: &Model) -> anyhow::Result<f64> {
    let (mut n, mut top1) = (0usize, 0usize);
    for p in bench::ecb(root, "dev")? {
        let docs = [
            p.a.iter().map(String::as_str).collect::<Vec<_>>(),
            p.b.iter().map(String::as_str).collect::<Vec<_>>(),
        ];
        let corpus = Corpus::from_sentence_docs(&docs, PARAMS);
        for (sa, gold) in &p.queries {
            let best = (0..p.b.len())
                .map(|j| (m.probability(&corpus.features(0, *sa, 1, j)), j))
                .fold(None::<(f32, usize)>, |acc, c| match acc {
                    Some(a) if a.0 >= c.0 => Some(a),
                    _ => Some(c),
                });
            n += 1;
            if best.is_some_and(|(_, j)| gold.contains(&j)) {
                top1 += 1;
            }
        }
    }
    Ok(100.0 * top1 as f64 / n.max(1) as f64)
}
