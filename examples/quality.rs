//! Quality of the alignment engine on public benchmarks (train/dev splits):
//! MRPC accuracy/F1 of the link decision, STS-B news Pearson of the score, ECB+ top-1 and MRR
//! of cross-article sentence retrieval.
//!
//!     cargo run --release --example quality -- ../shared/bench

use diptych::align::{Corpus, Params};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Sentence queries of one document pair: (sentence, gold sentences in the other).
type Queries = Vec<(usize, Vec<usize>)>;

const ECB_DEV: &[&str] = &["2", "5", "12", "18", "21", "23", "34", "35"];

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
                    "pair_threshold" => p.pair_threshold = v,
                    "damping" => p.damping = v,
                    "dice_weight" => p.dice_weight = v,
                    "strong" => p.strong = v,
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

fn score(a: &str, b: &str) -> f64 {
    Corpus::from_texts(&[a, b], params()).score(0, 0, 1, 0) as f64
}

fn mrpc(root: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(root.join("mrpc/msr_paraphrase_train.txt"))?;
    let rows: Vec<(bool, f64)> = text
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 5).then(|| {
                (
                    f[0].trim_start_matches('\u{feff}') == "1",
                    score(f[3], f[4]),
                )
            })
        })
        .collect();
    let t = params().pair_threshold as f64;
    let (mut tp, mut fp, mut fn_, mut tn) = (0.0, 0.0, 0.0, 0.0);
    for (gold, s) in &rows {
        match (*gold, *s >= t) {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fn_ += 1.0,
            (false, false) => tn += 1.0,
        }
    }
    let acc = (tp + tn) / rows.len() as f64;
    let f1 = 2.0 * tp / (2.0 * tp + fp + fn_);
    println!(
        "MRPC train ({} pairs): accuracy {:.1}  F1 {:.1}  (threshold {t})",
        rows.len(),
        acc * 100.0,
        f1 * 100.0
    );
    // best threshold, for reference only (the engine uses its fixed threshold above)
    let mut best = (0.0, 0.0);
    for k in 0..100 {
        let th = k as f64 / 100.0;
        let a = rows.iter().filter(|(g, s)| *g == (*s >= th)).count() as f64 / rows.len() as f64;
        if a > best.0 {
            best = (a, th);
        }
    }
    println!(
        "      (best possible threshold on this split: {:.2} → accuracy {:.1})",
        best.1,
        best.0 * 100.0
    );
    Ok(())
}

fn stsb(root: &Path) -> anyhow::Result<()> {
    for split in ["train", "dev"] {
        let text = std::fs::read_to_string(root.join(format!("stsb/sts-{split}.csv")))?;
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        for l in text.lines() {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 7 && f[0] == "main-news" {
                if let Ok(g) = f[4].parse::<f64>() {
                    xs.push(score(f[5], f[6]));
                    ys.push(g);
                }
            }
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
    let mut docs: HashMap<String, (String, Vec<String>)> = HashMap::new();
    for line in std::fs::read_to_string(root.join("ecbplus/docs.jsonl"))?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = v["doc_id"].as_str().unwrap_or_default().to_string();
        let topic = v["topic"].to_string();
        let sents = v["sentences"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| s["text"].as_str().unwrap_or("").to_string())
            .collect();
        docs.insert(id, (topic, sents));
    }
    // (doc_a, sent_a, doc_b) → gold sentences in doc_b, both directions
    let mut gold: BTreeMap<(String, usize, String), Vec<usize>> = BTreeMap::new();
    for l in std::fs::read_to_string(root.join("ecbplus/sentence_alignment_gold.tsv"))?
        .lines()
        .skip(1)
    {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 6 {
            continue;
        }
        let (Ok(sa), Ok(sb)) = (f[3].parse::<usize>(), f[5].parse::<usize>()) else {
            continue;
        };
        gold.entry((f[2].into(), sa, f[4].into()))
            .or_default()
            .push(sb);
        gold.entry((f[4].into(), sb, f[2].into()))
            .or_default()
            .push(sa);
    }
    for split in ["train", "dev"] {
        let mut by_pair: BTreeMap<(String, String), Queries> = BTreeMap::new();
        for ((da, sa, db), g) in &gold {
            let Some((topic, _)) = docs.get(da) else {
                continue;
            };
            let is_dev = ECB_DEV.contains(&topic.as_str());
            if is_dev != (split == "dev") {
                continue;
            }
            by_pair
                .entry((da.clone(), db.clone()))
                .or_default()
                .push((*sa, g.clone()));
        }
        let (mut n, mut top1, mut rr) = (0.0, 0.0, 0.0);
        for ((da, db), queries) in &by_pair {
            let (Some(a), Some(b)) = (docs.get(da), docs.get(db)) else {
                continue;
            };
            let ds: Vec<Vec<&str>> = vec![
                a.1.iter().map(String::as_str).collect(),
                b.1.iter().map(String::as_str).collect(),
            ];
            let corpus = Corpus::from_sentence_docs(&ds, params());
            for (sa, g) in queries {
                let mut ranked: Vec<(f32, usize)> = (0..b.1.len())
                    .map(|j| (corpus.score(0, *sa, 1, j), j))
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
        println!(
            "ECB+ {split} ({} queries): top-1 {:.1}%  MRR {:.1}",
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
