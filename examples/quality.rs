//! Quality of the alignment engine on public benchmarks (train/dev splits), each figure measured
//! on data that nothing it reports on was fitted to, with a plain TF-IDF cosine beside it:
//! - ECB+ cross-article sentence retrieval, top-1 and MRR, per fold of whole held-out topics
//!   (train and dev topics, five folds);
//! - MRPC link decision for a pair judged on its own: 10-fold cross-validated accuracy and F1
//!   (MRPC has no topics: folds split pairs; the judge is refitted on nine folds each time);
//! - STS-B news Pearson of the engine's score, on train and on dev (nothing is fitted to it).
//!
//!     cargo run --release --example quality -- ../shared/bench

#[path = "support/bench.rs"]
mod bench;
#[path = "support/figures.rs"]
mod figures;
#[path = "support/seeds.rs"]
mod seeds;

use diptych::align::learned::fit_logistic;
use diptych::align::tokenize::{fold, is_stop, words};
use diptych::align::{Corpus, Params, N_FEATURES};
use std::collections::{BTreeMap, HashMap};
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
                    "prefix_match" => p.prefix_match = v,
                    "lexical_match" => p.lexical_match = v,
                    "broader_match" => p.broader_match = v,
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

/// Plain TF-IDF cosine over lowercase words without stop words, IDF from the texts given.
struct Tfidf {
    idf: HashMap<String, f64>,
    n: f64,
}

impl Tfidf {
    fn new<'a>(texts: impl Iterator<Item = &'a str>) -> Tfidf {
        let mut df: HashMap<String, f64> = HashMap::new();
        let mut n = 0.0;
        for t in texts {
            n += 1.0;
            let mut ws = Tfidf::terms(t);
            ws.sort();
            ws.dedup();
            for w in ws {
                *df.entry(w).or_default() += 1.0;
            }
        }
        Tfidf { idf: df, n }
    }
    fn terms(t: &str) -> Vec<String> {
        words(t)
            .into_iter()
            .map(|(_, w)| fold(w))
            .filter(|w| !is_stop(w))
            .collect()
    }
    fn vec(&self, t: &str) -> BTreeMap<String, f64> {
        let mut v: BTreeMap<String, f64> = BTreeMap::new();
        for w in Tfidf::terms(t) {
            *v.entry(w).or_default() += 1.0;
        }
        for (w, x) in v.iter_mut() {
            let df = self.idf.get(w).copied().unwrap_or(0.0);
            *x *= ((self.n + 1.0) / (df + 1.0)).ln() + 1.0;
        }
        v
    }
    fn cosine(&self, a: &str, b: &str) -> f64 {
        let (va, vb) = (self.vec(a), self.vec(b));
        let dot: f64 = va
            .iter()
            .filter_map(|(w, x)| vb.get(w).map(|y| x * y))
            .sum();
        let n = |v: &BTreeMap<String, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
        if dot > 0.0 {
            dot / (n(&va) * n(&vb))
        } else {
            0.0
        }
    }
}

/// Accuracy and F1 of "linked" for (gold, decision) rows.
fn acc_f1(rows: &[(bool, bool)]) -> (f64, f64) {
    let (mut tp, mut fp, mut fn_, mut tn) = (0.0, 0.0, 0.0, 0.0);
    for r in rows {
        match *r {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fn_ += 1.0,
            (false, false) => tn += 1.0,
        }
    }
    (
        (tp + tn) / rows.len() as f64 * 100.0,
        2.0 * tp / (2.0 * tp + fp + fn_) * 100.0,
    )
}

/// The threshold on `score` with the best accuracy on `rows` (gold, score).
fn best_threshold(rows: &[(bool, f64)]) -> f64 {
    let mut s: Vec<(f64, bool)> = rows.iter().map(|r| (r.1, r.0)).collect();
    s.sort_by(|a, b| a.0.total_cmp(&b.0));
    // everything at or above s[k].0 is linked
    let pos = s.iter().filter(|r| r.1).count();
    let (mut best, mut best_t) = (pos, f64::NEG_INFINITY);
    let mut correct = pos; // threshold below everything: all linked
    for k in 0..s.len() {
        // move s[k] to "not linked"
        correct = if s[k].1 { correct - 1 } else { correct + 1 };
        let t = s.get(k + 1).map_or(f64::INFINITY, |n| (s[k].0 + n.0) / 2.0);
        if correct > best && s.get(k + 1).is_none_or(|n| n.0 > s[k].0) {
            best = correct;
            best_t = t;
        }
    }
    best_t
}

const FOLDS: usize = 10;

fn mrpc(root: &Path) -> anyhow::Result<()> {
    let data = bench::mrpc(root)?;
    let p = params();
    let x: Vec<[f32; N_FEATURES]> = data
        .iter()
        .map(|(_, a, b)| Corpus::from_texts(&[a, b], p).features(0, 0, 1, 0))
        .collect();
    let y: Vec<bool> = data.iter().map(|r| r.0).collect();
    let tf = Tfidf::new(data.iter().flat_map(|r| [r.1.as_str(), r.2.as_str()]));
    let cos: Vec<f64> = data.iter().map(|r| tf.cosine(&r.1, &r.2)).collect();
    let (mut judged, mut baseline, mut shipped) = (Vec::new(), Vec::new(), Vec::new());
    for fold in 0..FOLDS {
        let train: Vec<usize> = (0..x.len()).filter(|k| k % FOLDS != fold).collect();
        let m = fit_logistic(
            &train.iter().map(|&k| x[k]).collect::<Vec<_>>(),
            &train.iter().map(|&k| y[k]).collect::<Vec<_>>(),
            1e-3,
        );
        let t = best_threshold(&train.iter().map(|&k| (y[k], cos[k])).collect::<Vec<_>>());
        for k in (0..x.len()).filter(|k| k % FOLDS == fold) {
            judged.push((y[k], m.probability(&x[k]) >= 0.5));
            baseline.push((y[k], cos[k] >= t));
        }
    }
    for (k, (_, a, b)) in data.iter().enumerate() {
        shipped.push((
            y[k],
            Corpus::from_texts(&[a, b], p).judge(0, 0, 1, 0) >= 0.5,
        ));
    }
    let majority = 100.0 * y.iter().filter(|g| **g).count() as f64 / y.len() as f64;
    let (a, f) = acc_f1(&judged);
    let (ba, bf) = acc_f1(&baseline);
    let (sa, sf) = acc_f1(&shipped);
    println!(
        "MRPC train ({} pairs), {FOLDS}-fold CV over pairs (no topics): judge accuracy {a:.1}  F1 {f:.1}  \
         | TF-IDF cosine, CV threshold: {ba:.1} / {bf:.1}  | majority {majority:.1}",
        x.len()
    );
    println!("  shipped judge on the split it was fitted to: {sa:.1} / {sf:.1}");
    Ok(())
}

fn stsb(root: &Path) -> anyhow::Result<()> {
    for split in ["train", "dev"] {
        let data = bench::stsb_news(root, split)?;
        let tf = Tfidf::new(data.iter().flat_map(|r| [r.1.as_str(), r.2.as_str()]));
        let (mut xs, mut bs, mut ys) = (Vec::new(), Vec::new(), Vec::new());
        for (g, a, b) in &data {
            xs.push(Corpus::from_texts(&[a, b], params()).score(0, 0, 1, 0) as f64);
            bs.push(tf.cosine(a, b));
            ys.push(*g);
        }
        println!(
            "STS-B news {split} ({} pairs): Pearson {:.3}  | TF-IDF {:.3}",
            xs.len(),
            pearson(&xs, &ys),
            pearson(&bs, &ys)
        );
    }
    Ok(())
}

/// Rank of the first gold item when `scores` are sorted best first (ties by index).
fn rank(scores: &[f64], gold: &[usize]) -> Option<usize> {
    let mut r: Vec<(f64, usize)> = scores.iter().copied().zip(0..).collect();
    r.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    r.iter().position(|(_, j)| gold.contains(j)).map(|k| k + 1)
}

const TOPIC_FOLDS: usize = 5;

fn ecb(root: &Path) -> anyhow::Result<()> {
    let pairs = bench::ecb(root, "all")?;
    let mut topics: Vec<u32> = pairs.iter().filter_map(|p| p.topic.parse().ok()).collect();
    topics.sort_unstable();
    topics.dedup();
    let fold_of = |t: &str| {
        let t: u32 = t.parse().unwrap_or(0);
        topics.iter().position(|x| *x == t).unwrap_or(0) % TOPIC_FOLDS
    };
    let tf = Tfidf::new(
        pairs
            .iter()
            .flat_map(|p| p.a.iter().chain(&p.b).map(String::as_str)),
    );
    // per fold: (queries, engine top-1, engine RR, baseline top-1, baseline RR)
    let mut folds = [[0.0f64; 5]; TOPIC_FOLDS];
    for p in &pairs {
        let docs = [
            p.a.iter().map(String::as_str).collect::<Vec<_>>(),
            p.b.iter().map(String::as_str).collect::<Vec<_>>(),
        ];
        let corpus = Corpus::from_sentence_docs(&docs, params());
        let f = &mut folds[fold_of(&p.topic)];
        for (sa, g) in &p.queries {
            let engine: Vec<f64> = (0..p.b.len())
                .map(|j| corpus.score(0, *sa, 1, j) as f64)
                .collect();
            let base: Vec<f64> = p.b.iter().map(|t| tf.cosine(&p.a[*sa], t)).collect();
            f[0] += 1.0;
            for (k, s) in [(1, &engine), (3, &base)] {
                let r = rank(s, g);
                f[k] += f64::from(u8::from(r == Some(1)));
                f[k + 1] += r.map_or(0.0, |r| 1.0 / r as f64);
            }
        }
    }
    println!("ECB+ sentence retrieval, train+dev topics in {TOPIC_FOLDS} folds of whole topics:");
    let line = |name: &str, f: &[f64; 5]| {
        println!(
            "  {name} ({:>5} queries): top-1 {:.1}%  MRR {:.1}  | TF-IDF {:.1}% / {:.1}",
            f[0] as usize,
            100.0 * f[1] / f[0],
            100.0 * f[2] / f[0],
            100.0 * f[3] / f[0],
            100.0 * f[4] / f[0]
        )
    };
    let mut all = [0.0f64; 5];
    for (k, f) in folds.iter().enumerate() {
        line(&format!("fold {k}"), f);
        for (a, x) in all.iter_mut().zip(f) {
            *a += x;
        }
    }
    line("all   ", &all);
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/bench".into()),
    );
    // `QUALITY_ONLY=seeds,figures` runs only the named parts (ecb, stsb, mrpc, seeds, figures).
    let only = std::env::var("QUALITY_ONLY").ok();
    let run = |part: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|p| p == part))
    };
    println!("params: {:?}", params());
    if run("ecb") {
        ecb(&root)?;
    }
    if run("stsb") {
        stsb(&root)?;
    }
    if run("mrpc") {
        mrpc(&root)?;
    }
    if run("seeds") {
        seed_alignment(&root)?;
    }
    if !run("figures") {
        return Ok(());
    }
    println!("Conflicting figures on tests/labels/figure_conflicts.tsv (ECB+ article pairs):");
    figures::report(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labels/figure_conflicts.tsv"),
        &root.join("ecbplus/docs.jsonl"),
        false,
        false,
    )?;
    Ok(())
}

/// Paragraph alignment of the five seed articles against the hand labels.
fn seed_alignment(root: &Path) -> anyhow::Result<()> {
    let seeds_dir = root.join("../seeds");
    let labels = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labels/seed_alignment.tsv");
    let s = seeds::seed_alignment(&seeds_dir, &labels)?;
    println!(
        "Seeds, paragraph alignment of all 10 pairs vs tests/labels/seed_alignment.tsv: \
         precision {:.2} ({} of {} links), recall {:.2} ({} of {} labelled pairs), F1 {:.2}",
        s.precision(),
        s.right,
        s.found,
        s.recall(),
        s.right,
        s.gold,
        s.f1()
    );
    Ok(())
}
