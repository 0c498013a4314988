//! Discrepancies scored on hand-labelled ECB+ figure pairs (`tests/labels/figure_conflicts.tsv`),
//! for `examples/quality.rs` and `examples/figures_quality.rs`.
//!
//! Every labelled document pair is matched whole, as the story pipeline does (each sentence a
//! paragraph); a labelled row counts as flagged when a discrepancy joins a figure of sent_a
//! holding value_a with a figure of sent_b holding value_b. ECB+ writes "120, 000" and "6. 1"
//! with spaces inside numbers; those are closed up in both the text and the values first.

use diptych::align::quantities::{pair_matches, sentence_frames, Frame};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// "120, 000" → "120,000", "6. 1" → "6.1".
fn close_numbers(s: &str) -> String {
    let c: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < c.len() {
        out.push(c[i]);
        let digit = |k: usize| c.get(k).is_some_and(char::is_ascii_digit);
        if (c[i] == ',' || c[i] == '.')
            && i > 0
            && digit(i - 1)
            && c.get(i + 1) == Some(&' ')
            && digit(i + 2)
        {
            i += 2;
            continue;
        }
        i += 1;
    }
    out
}

/// A flagged conflict: sentence and phrase on each side, and the reason.
type Flag = (usize, String, usize, String, String);

struct Row {
    dev: bool,
    a: (String, usize),
    b: (String, usize),
    va: String,
    vb: String,
    verdict: String,
    what: String,
}

/// One frame in a line: the phrase, the counted noun, the predicate, owners and places.
fn describe(f: &Frame) -> String {
    format!(
        "[{} | head {:?} | pred {:?} | owners {:?} | places {:?} | {:?} {:?}]",
        f.phrase,
        f.head,
        f.predicate.as_ref().map(|p| p.0),
        f.owners,
        f.places,
        f.quantity.unit,
        f.quantity.qualifier
    )
}

/// Print recall, false alarms and precision of discrepancies on the labelled figure pairs, for
/// the dev and train topics; `verbose` adds the misses and the flags no row labels, `frames`
/// the two sentences of each miss and the frames read from them.
pub fn report(labels: &Path, docs_path: &Path, verbose: bool, frames: bool) -> anyhow::Result<()> {
    let tsv = std::fs::read_to_string(labels)
        .map_err(|e| anyhow::anyhow!("{}: {e}", labels.display()))?;
    let jsonl = std::fs::read_to_string(docs_path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", docs_path.display()))?;
    const DEV: &[u32] = &[2, 5, 12, 18, 21, 23, 34, 35];
    let mut rows = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 10 || f[0] == "topic" {
            continue;
        }
        let (Ok(t), Ok(sa), Ok(sb)) = (f[0].parse::<u32>(), f[3].parse(), f[5].parse()) else {
            continue;
        };
        rows.push(Row {
            dev: DEV.contains(&t),
            a: (f[2].to_string(), sa),
            b: (f[4].to_string(), sb),
            va: close_numbers(f[7]),
            vb: close_numbers(f[8]),
            verdict: f[9].to_string(),
            what: f[6].to_string(),
        });
    }
    let wanted: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| [r.a.0.as_str(), r.b.0.as_str()])
        .collect();
    // each wanted document: its sentences, closed up, and their frames
    let mut docs: BTreeMap<String, (Vec<String>, Vec<Frame>)> = BTreeMap::new();
    for line in jsonl.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(id) = v["doc_id"].as_str().filter(|id| wanted.contains(id)) else {
            continue;
        };
        let mut texts = Vec::new();
        let mut frames = Vec::new();
        for s in v["sentences"].as_array().into_iter().flatten() {
            let idx = s["idx"].as_u64().unwrap_or(0) as usize;
            let text = close_numbers(s["text"].as_str().unwrap_or(""));
            if texts.len() <= idx {
                texts.resize(idx + 1, String::new());
            }
            for mut f in sentence_frames(&text) {
                f.para = idx;
                frames.push(f);
            }
            texts[idx] = text;
        }
        docs.insert(id.to_string(), (texts, frames));
    }
    let start = std::time::Instant::now();
    // conflicts flagged per document pair: (sentence a, value a, sentence b, value b)
    let mut flagged: BTreeMap<(String, String), Vec<Flag>> = BTreeMap::new();
    let pairs: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.a.0.clone(), r.b.0.clone()))
        .collect();
    for (a, b) in &pairs {
        let (Some(da), Some(db)) = (docs.get(a), docs.get(b)) else {
            continue;
        };
        let found = pair_matches(&da.1, &db.1)
            .into_iter()
            .filter(|m| m.conflict)
            .map(|m| {
                let (l, r) = (&da.1[m.left], &db.1[m.right]);
                (l.para, l.phrase.clone(), r.para, r.phrase.clone(), m.reason)
            })
            .collect();
        flagged.insert((a.clone(), b.clone()), found);
    }
    let elapsed = start.elapsed();
    let holds = |phrase: &str, value: &str| {
        let (p, v) = (phrase.to_lowercase(), value.to_lowercase());
        p.contains(&v) || v.contains(&p) || {
            // the number itself in both
            let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
            !digits(&v).is_empty() && digits(&p).contains(&digits(&v))
        }
    };
    for split in [true, false] {
        let name = if split { "dev" } else { "train" };
        let (mut tp, mut fn_, mut fp_labelled) = (0, 0, 0);
        let mut misses = Vec::new();
        let mut alarms = Vec::new();
        let mut used: BTreeSet<(String, String, usize, usize)> = BTreeSet::new();
        for r in rows.iter().filter(|r| r.dev == split) {
            let list = flagged
                .get(&(r.a.0.clone(), r.b.0.clone()))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let hit = list.iter().find(|(sa, pa, sb, pb, _)| {
                *sa == r.a.1 && *sb == r.b.1 && holds(pa, &r.va) && holds(pb, &r.vb)
            });
            if let Some(h) = hit {
                used.insert((r.a.0.clone(), r.b.0.clone(), h.0, h.2));
            }
            match (r.verdict.as_str(), hit) {
                ("conflict", Some(_)) => tp += 1,
                ("conflict", None) => {
                    fn_ += 1;
                    let mut m = format!("{} — {:?} vs {:?}", r.what, r.va, r.vb);
                    if frames {
                        for (doc, sent) in [&r.a, &r.b] {
                            let Some((texts, fs)) = docs.get(doc) else {
                                continue;
                            };
                            let text = texts.get(*sent).map_or("", String::as_str);
                            m.push_str(&format!("\n         {doc}:{sent} {text}"));
                            for f in fs.iter().filter(|f| f.para == *sent) {
                                m.push_str(&format!("\n           {}", describe(f)));
                            }
                        }
                    }
                    misses.push(m);
                }
                (_, Some(h)) => {
                    fp_labelled += 1;
                    alarms.push(format!(
                        "{} [{}] — {:?} vs {:?} ({})",
                        r.what, r.verdict, h.1, h.3, h.4
                    ));
                }
                _ => {}
            }
        }
        // flagged pairs no row speaks of: labels are not exhaustive, listed for reading
        let unlabelled: Vec<String> = flagged
            .iter()
            .filter(|((a, _), _)| rows.iter().any(|r| &r.a.0 == a && r.dev == split))
            .flat_map(|((a, b), l)| {
                l.iter()
                    .filter(|(sa, _, sb, _, _)| !used.contains(&(a.clone(), b.clone(), *sa, *sb)))
                    .map(move |(sa, pa, sb, pb, why)| {
                        format!("{a}:{sa} / {b}:{sb} {pa:?} vs {pb:?} ({why})")
                    })
            })
            .collect();
        let labelled_conflicts = tp + fn_;
        println!(
            "{name}: recall {tp}/{labelled_conflicts} = {:.2}; false alarms on compatible/different rows {fp_labelled}; precision on labelled rows {tp}/{} = {:.2}; {} flagged pairs no row labels",
            tp as f64 / labelled_conflicts.max(1) as f64,
            tp + fp_labelled,
            tp as f64 / (tp + fp_labelled).max(1) as f64,
            unlabelled.len()
        );
        // false alarms are printed always: each one is a row a reader was told to check
        alarms.iter().for_each(|m| println!("  alarm  {m}"));
        if verbose {
            misses.iter().for_each(|m| println!("  miss   {m}"));
            unlabelled.iter().for_each(|m| println!("  other  {m}"));
        }
    }
    println!(
        "matching {} document pairs: {:.1} ms",
        pairs.len(),
        elapsed.as_secs_f64() * 1e3
    );
    Ok(())
}
