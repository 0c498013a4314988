//! Readers for the public benchmark files in `../shared/bench` (train/dev splits only).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Sentence queries of one document pair: (sentence, gold sentences in the other).
pub type Queries = Vec<(usize, Vec<usize>)>;

/// ECB+ topics held out from training as the development split.
pub const ECB_DEV: &[&str] = &["2", "5", "12", "18", "21", "23", "34", "35"];

/// MRPC: (is a paraphrase, sentence 1, sentence 2).
pub fn mrpc(root: &Path) -> anyhow::Result<Vec<(bool, String, String)>> {
    let text = std::fs::read_to_string(root.join("mrpc/msr_paraphrase_train.txt"))?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 5).then(|| {
                (
                    f[0].trim_start_matches('\u{feff}') == "1",
                    f[3].to_string(),
                    f[4].to_string(),
                )
            })
        })
        .collect())
}

/// STS-B news pairs of a split: (gold similarity 0–5, sentence 1, sentence 2).
pub fn stsb_news(root: &Path, split: &str) -> anyhow::Result<Vec<(f64, String, String)>> {
    let text = std::fs::read_to_string(root.join(format!("stsb/sts-{split}.csv")))?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 7 && f[0] == "main-news" {
                let g = f[4].parse::<f64>().ok()?;
                Some((g, f[5].to_string(), f[6].to_string()))
            } else {
                None
            }
        })
        .collect())
}

/// One ECB+ document pair with the sentence queries that have a gold answer.
pub struct EcbPair {
    pub topic: String,
    pub a: Vec<String>,
    pub b: Vec<String>,
    pub queries: Queries,
}

/// ECB+ document pairs of a split ("train", "dev", or "all" for both), in a stable order.
pub fn ecb(root: &Path, split: &str) -> anyhow::Result<Vec<EcbPair>> {
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
    let mut by_pair: BTreeMap<(String, String), Queries> = BTreeMap::new();
    let topic_of = |d: &str| docs.get(d).map(|t| t.0.trim_matches('"').to_string());
    for ((da, sa, db), g) in &gold {
        let Some((topic, _)) = docs.get(da) else {
            continue;
        };
        if split != "all" && ECB_DEV.contains(&topic.as_str()) != (split == "dev") {
            continue;
        }
        by_pair
            .entry((da.clone(), db.clone()))
            .or_default()
            .push((*sa, g.clone()));
    }
    Ok(by_pair
        .into_iter()
        .filter_map(|((da, db), queries)| {
            Some(EcbPair {
                topic: topic_of(&da)?,
                a: docs.get(&da)?.1.clone(),
                b: docs.get(&db)?.1.clone(),
                queries,
            })
        })
        .collect())
}
