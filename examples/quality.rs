//! Quality of the alignment engine on public benchmarks (train/dev splits):
//! MRPC accuracy/F1 of the link decision for a pair judged on its own, STS-B news Pearson of
//! the score, ECB+ top-1 and MRR of cross-article sentence retrieval.
//!
//!     cargo run --release --example quality -- ../shared/bench
//!
//! The learned weights come from `examples/fit_models.rs` (MRPC train, ECB+ train topics);
//! ECB+ dev topics are never used for fitting.

#[path = "support/bench.rs"]
mod bench;

use diptych::align::{Corpus, Params};
use std::path::{Path, PathBuf};

fn params() -> Params {
    let mut p = diptych::align::PARAMS;
    // DIPTYCH_PARAMS="name_boost=1.5,damping=4" overrides weights for experiments.
    if let Ok(spec) = std::env::var("DIPTYCH_PARAMS") {
        for kv in spec.split(',') {
            if let Some((k, v)) = kv.split_once('=') {
                let v: f32 = v.parse().unwrap_or(0.0);
                match k {
                    "number_boost" => p.number_boost = v,
                    "name_boost" => p.name_boost = v,
                    "para_weight" => p.para_weight = v,
                    "damping" => p.damping = v,
                    "dice_weight" => p.dice_weight = v,
                    _ => eprintln!("unknown param {k}"),
                }
            }
        }
    }
    p
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    sxy / (sxx.sqrt() * syy.sqrt())
}

fn mrpc(root: &Path) -> anyhow::Result<()> {
    let rows: Vec<(bool, bool)> = bench::mrpc(root)?
        .iter()
        .map(|(gold, a, b)| {
            let c = Corpus::from_texts(&[a, b], params());
            (*gold, c.judge(0, 0, 1, 0) >= 0.5)
        })
        .collect();
    let (mut tp, mut fp, mut fn_, mut tn) = (0.0, 0.0, 0.0, 0.0);
    for (gold, linked) in &rows {
        match (*gold, *linked) {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fn_ += 1.0,
            (false, false) => tn += 1.0,
        }
    }
    println!(
        "MRPC train ({} pairs): accuracy {:.1}  F1 {:.1}  (the judge was fitted on this split; \
         fit_models prints its cross-validated accuracy)",
        rows.len(),
        (tp + tn) / rows.len() as f64 * 100.0,
        2.0 * tp / (2.0 * tp + fp + fn_) * 100.0
    );
    Ok(())
}

fn stsb(root: &Path) -> anyhow::Result<()> {
    for split in ["train", "dev"] {
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        for (g, a, b) in bench::stsb_news(root, split)? {
            xs.push(Corpus::from_texts(&[&a, &b], params()).score(0, 0, 1, 0) as f64);
            ys.push(g);
        }
        println!(
            "STS-B news {split} ({} pairs): Pearson {:.3}",
            xs.len(),
            pearson(&xs, &ys)
        );
    }
    Ok(())
}

fn ecb(root: &Path) -> anyhow::Result<()> {
    for split in ["train", "dev"] {
        let (mut n, mut top1, mut rr) = (0.0, 0.0, 0.0);
        for p in bench::ecb(root, split)? {
            let docs = [
                p.a.iter().map(String::as_str).collect::<Vec<_>>(),
                p.b.iter().map(String::as_str).collect::<Vec<_>>(),
            ];
            let corpus = Corpus::from_sentence_docs(&docs, params());
            for (sa, g) in &p.queries {
                let mut ranked: Vec<(f32, usize)> = (0..p.b.len())
                    .map(|j| (corpus.match_score(0, *sa, 1, j), j))
                    .collect();
                ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
                let rank = ranked
                    .iter()
                    .position(|(_, j)| g.contains(j))
                    .map(|r| r + 1);
                n += 1.0;
                if rank == Some(1) {
                    top1 += 1.0;
                }
                rr += rank.map(|r| 1.0 / r as f64).unwrap_or(0.0);
            }
        }
        let note = if split == "train" {
            "  (matching model fitted on this split)"
        } else {
            "  (held out from fitting)"
        };
        println!(
            "ECB+ {split} ({} queries): top-1 {:.1}%  MRR {:.1}{note}",
            n as usize,
            top1 / n * 100.0,
            rr / n * 100.0
        );
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/bench".into()),
    );
    println!("params: {:?}", params());
    mrpc(&root)?;
    stsb(&root)?;
    ecb(&root)?;
    Ok(())
}
