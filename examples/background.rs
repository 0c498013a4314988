//! Builds assets/background.tsv: document frequencies of terms in general news text, so that a
//! pair of two articles is not starved of IDF. Reads the training splits of the public
//! benchmarks (ECB+ train topics, STS-B train); each sentence counts as a document. MRPC and the
//! dev splits stay out, so the quality figures on them are not flattered by their own statistics.
//!
//!     cargo run --release --example background -- ../shared/bench > assets/background.tsv

use diptych::align::tokenize::tokenize;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

const ECB_DEV: &[&str] = &["2", "5", "12", "18", "21", "23", "34", "35"];

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/bench".into()),
    );
    let mut sentences: Vec<String> = Vec::new();
    for line in std::fs::read_to_string(root.join("ecbplus/docs.jsonl"))?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let topic = v["topic"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v["topic"].to_string());
        if ECB_DEV.contains(&topic.as_str()) {
            continue;
        }
        for s in v["sentences"].as_array().into_iter().flatten() {
            if let Some(t) = s["text"].as_str() {
                sentences.push(t.to_string());
            }
        }
    }
    for line in std::fs::read_to_string(root.join("stsb/sts-train.csv"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 7 {
            sentences.push(f[5].to_string());
            sentences.push(f[6].to_string());
        }
    }
    let mut df: BTreeMap<String, u32> = BTreeMap::new();
    for s in &sentences {
        let terms: HashSet<String> = tokenize(s).into_iter().map(|t| t.term).collect();
        for t in terms {
            *df.entry(t).or_default() += 1;
        }
    }
    println!("#docs\t{}", sentences.len());
    for (t, n) in df {
        if n >= 2 && !t.contains(char::is_whitespace) {
            println!("{t}\t{n}");
        }
    }
    Ok(())
}
