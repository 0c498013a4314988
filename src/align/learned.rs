//! Learned combinations of pair evidence: a handful of weights, fitted offline by logistic
//! regression on public training splits (`examples/fit_models.rs` writes
//! `assets/models.tsv`), so the engine stays pure, deterministic and explainable: every
//! decision is a weighted sum of named features (`super::FEATURES`).
//!
//! - `judge`: do two passages, judged on their own, say the same thing? (paraphrase data)
//! - `matching`: does a passage of another article report the same event? (cross-document
//!   event data; used to rank one article's sentences against a sentence of another)

// Matrix arithmetic (Newton steps, elimination) reads clearer with indices.
#![allow(clippy::needless_range_loop)]

use super::tokenize::{fold, words};
use super::N_FEATURES;
use std::sync::OnceLock;

/// Number of surface features (see `surface_features`).
pub const N_SURFACE: usize = 14;

/// A logistic model over the pair features.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub bias: f64,
    pub weights: [f64; N_FEATURES],
}

impl Model {
    pub fn zero() -> Model {
        Model {
            bias: 0.0,
            weights: [0.0; N_FEATURES],
        }
    }

    /// Probability in [0, 1] for one pair's features.
    pub fn probability(&self, f: &[f32; N_FEATURES]) -> f32 {
        let z: f64 = self.bias
            + self
                .weights
                .iter()
                .zip(f)
                .map(|(w, x)| w * f64::from(*x))
                .sum::<f64>();
        sigmoid(z) as f32
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The engine's models.
#[derive(Debug, Clone)]
pub struct Models {
    pub judge: Model,
    pub matching: Model,
}

impl Models {
    /// Reads `model<TAB>bias|feature index<TAB>weight` lines; `#` starts a comment. Unknown
    /// models or features are ignored, missing weights are zero.
    pub fn parse(tsv: &str) -> Models {
        let mut m = Models {
            judge: Model::zero(),
            matching: Model::zero(),
        };
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let model = match f[0] {
                "judge" => &mut m.judge,
                "matching" => &mut m.matching,
                _ => continue,
            };
            let Ok(w) = f[2].trim().parse::<f64>() else {
                continue;
            };
            if f[1] == "bias" {
                model.bias = w;
            } else if let Some(slot) = f[1]
                .parse::<usize>()
                .ok()
                .and_then(|k| model.weights.get_mut(k))
            {
                *slot = w;
            }
        }
        m
    }

    pub fn builtin() -> &'static Models {
        static M: OnceLock<Models> = OnceLock::new();
        M.get_or_init(|| Models::parse(include_str!("../../assets/models.tsv")))
    }

    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for l in header.lines() {
            out.push_str(&format!("# {l}\n"));
        }
        for (name, m) in [("judge", &self.judge), ("matching", &self.matching)] {
            out.push_str(&format!("{name}\tbias\t{:.6}\n", m.bias));
            for (k, w) in m.weights.iter().enumerate() {
                out.push_str(&format!("{name}\t{k}\t{w:.6}\n"));
            }
        }
        out
    }
}

/// What the surface features need of one sentence, computed once per sentence.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Sorted hashes of word n-grams, n = 1..4 (lowercase, stop words included).
    word_grams: [Vec<u64>; 4],
    /// Sorted, distinct hashes of character n-grams, n = 3..5.
    char_grams: [Vec<u64>; 3],
    /// Numbers as written, sorted and distinct.
    numbers: Vec<String>,
    words: usize,
}

impl Profile {
    pub fn of(text: &str) -> Profile {
        let ws: Vec<String> = words(text).into_iter().map(|(_, w)| fold(w)).collect();
        let h: Vec<u64> = ws.iter().map(|w| hash(w.as_bytes())).collect();
        let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
        let mut numbers: Vec<String> = ws
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            .cloned()
            .collect();
        numbers.sort();
        numbers.dedup();
        Profile {
            word_grams: [1, 2, 3, 4].map(|n| ngrams(&h, n)),
            char_grams: [3, 4, 5].map(|n| char_grams(&chars, n)),
            numbers,
            words: ws.len(),
        }
    }
}

/// Evidence from how two sentences are written, stop words included: shared word n-grams
/// (n = 1..4, clipped counts, as a share of each side), shared character n-grams (n = 3..5,
/// Jaccard), whether they state the same numbers, and their difference in length.
pub fn surface_features(a: &Profile, b: &Profile, out: &mut [f32]) {
    for n in 0..4 {
        let (ga, gb) = (&a.word_grams[n], &b.word_grams[n]);
        let m = clipped_matches(ga, gb) as f32;
        let p = if ga.is_empty() {
            0.0
        } else {
            m / ga.len() as f32
        };
        let r = if gb.is_empty() {
            0.0
        } else {
            m / gb.len() as f32
        };
        out[2 * n] = p.min(r);
        out[2 * n + 1] = p.max(r);
    }
    for k in 0..3 {
        let (ga, gb) = (&a.char_grams[k], &b.char_grams[k]);
        let inter = clipped_matches(ga, gb);
        let union = ga.len() + gb.len() - inter;
        out[8 + k] = if union == 0 {
            0.0
        } else {
            inter as f32 / union as f32
        };
    }
    let (na, nb) = (&a.numbers, &b.numbers);
    let differ = na.iter().filter(|x| !nb.contains(x)).count()
        + nb.iter().filter(|x| !na.contains(x)).count();
    out[11] = f32::from(u8::from(!na.is_empty() && differ == 0));
    out[12] = (differ as f32).min(3.0);
    let (la, lb) = (a.words as f32, b.words as f32);
    out[13] = if la.max(lb) > 0.0 {
        (la - lb).abs() / la.max(lb)
    } else {
        0.0
    };
}

/// FNV-1a: small, stable across runs and platforms.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Sorted hashes of the n-grams of a hashed word sequence.
fn ngrams(h: &[u64], n: usize) -> Vec<u64> {
    let mut g: Vec<u64> = h
        .windows(n)
        .map(|w| {
            w.iter().fold(0x9e37_79b9_7f4a_7c15u64, |acc, x| {
                (acc ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(17)
            })
        })
        .collect();
    g.sort_unstable();
    g
}

/// Matches between two sorted multisets, each element used once.
fn clipped_matches(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut m) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                m += 1;
                i += 1;
                j += 1;
            }
        }
    }
    m
}

/// Sorted, distinct hashes of the character n-grams of `c`.
fn char_grams(c: &[char], n: usize) -> Vec<u64> {
    let mut g: Vec<u64> = c
        .windows(n)
        .map(|w| {
            let mut buf = [0u8; 4];
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for ch in w {
                for b in ch.encode_utf8(&mut buf).bytes() {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0100_0000_01b3);
                }
            }
            h
        })
        .collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// Logistic regression with an L2 penalty (`l2` times the squared weights, averaged loss),
/// fitted by Newton's method on standardised features; the returned weights apply to the raw
/// features. Deterministic.
pub fn fit_logistic(x: &[[f32; N_FEATURES]], y: &[bool], l2: f64) -> Model {
    let n = x.len().min(y.len());
    if n == 0 {
        return Model::zero();
    }
    const D: usize = N_FEATURES + 1;
    let mut mean = [0.0f64; N_FEATURES];
    let mut sd = [0.0f64; N_FEATURES];
    for row in &x[..n] {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += f64::from(*v) / n as f64;
        }
    }
    for row in &x[..n] {
        for k in 0..N_FEATURES {
            sd[k] += (f64::from(row[k]) - mean[k]).powi(2) / n as f64;
        }
    }
    for s in sd.iter_mut() {
        *s = if *s > 1e-12 { s.sqrt() } else { 0.0 };
    }
    let z = |row: &[f32; N_FEATURES], k: usize| -> f64 {
        if k == N_FEATURES {
            1.0
        } else if sd[k] == 0.0 {
            0.0
        } else {
            (f64::from(row[k]) - mean[k]) / sd[k]
        }
    };
    let mut w = [0.0f64; D];
    for _ in 0..30 {
        let mut grad = [0.0f64; D];
        let mut hess = vec![[0.0f64; D]; D];
        for (row, label) in x[..n].iter().zip(&y[..n]) {
            let zs: Vec<f64> = (0..D).map(|k| z(row, k)).collect();
            let p = sigmoid(zs.iter().zip(&w).map(|(a, b)| a * b).sum());
            let g = p - f64::from(u8::from(*label));
            let h = p * (1.0 - p);
            for a in 0..D {
                grad[a] += g * zs[a] / n as f64;
                for b in a..D {
                    hess[a][b] += h * zs[a] * zs[b] / n as f64;
                }
            }
        }
        for a in 0..D {
            for b in 0..a {
                hess[a][b] = hess[b][a];
            }
            if a < N_FEATURES {
                grad[a] += l2 * w[a];
                hess[a][a] += l2;
            }
            hess[a][a] += 1e-9;
        }
        let Some(step) = solve(hess, grad) else {
            break;
        };
        let mut change = 0.0f64;
        for k in 0..D {
            w[k] -= step[k];
            change = change.max(step[k].abs());
        }
        if change < 1e-7 {
            break;
        }
    }
    let mut model = Model::zero();
    model.bias = w[N_FEATURES];
    for k in 0..N_FEATURES {
        if sd[k] > 0.0 {
            model.weights[k] = w[k] / sd[k];
            model.bias -= w[k] * mean[k] / sd[k];
        }
    }
    model
}

/// One query of a ranking problem: its candidates' features and which are correct.
pub struct Group {
    pub rows: Vec<[f32; N_FEATURES]>,
    pub gold: Vec<bool>,
}

/// A ranking model fitted by maximising, for every query, the softmax probability of its
/// correct candidates among all its candidates (conditional logit), with an L2 penalty on
/// standardised features. Only differences between a query's candidates matter, so the bias
/// stays zero. Deterministic.
pub fn fit_ranking(groups: &[Group], l2: f64) -> Model {
    let all: Vec<&[f32; N_FEATURES]> = groups.iter().flat_map(|g| g.rows.iter()).collect();
    let n = all.len().max(1) as f64;
    let mut mean = [0.0f64; N_FEATURES];
    let mut sd = [0.0f64; N_FEATURES];
    for row in &all {
        for k in 0..N_FEATURES {
            mean[k] += f64::from(row[k]) / n;
        }
    }
    for row in &all {
        for k in 0..N_FEATURES {
            sd[k] += (f64::from(row[k]) - mean[k]).powi(2) / n;
        }
    }
    for s in sd.iter_mut() {
        *s = if *s > 1e-12 { s.sqrt() } else { 0.0 };
    }
    let z = |row: &[f32; N_FEATURES]| -> [f64; N_FEATURES] {
        let mut out = [0.0; N_FEATURES];
        for k in 0..N_FEATURES {
            if sd[k] > 0.0 {
                out[k] = (f64::from(row[k]) - mean[k]) / sd[k];
            }
        }
        out
    };
    let usable: Vec<(Vec<[f64; N_FEATURES]>, &Vec<bool>)> = groups
        .iter()
        .filter(|g| g.gold.iter().any(|x| *x) && g.gold.len() == g.rows.len())
        .map(|g| (g.rows.iter().map(z).collect(), &g.gold))
        .collect();
    let nq = usable.len().max(1) as f64;
    let mut w = [0.0f64; N_FEATURES];
    for _ in 0..50 {
        let mut grad = [0.0f64; N_FEATURES];
        let mut hess = vec![[0.0f64; N_FEATURES]; N_FEATURES];
        for (rows, gold) in &usable {
            let scores: Vec<f64> = rows
                .iter()
                .map(|r| r.iter().zip(&w).map(|(a, b)| a * b).sum())
                .collect();
            let top = scores.iter().copied().fold(f64::MIN, f64::max);
            let e: Vec<f64> = scores.iter().map(|s| (s - top).exp()).collect();
            let total: f64 = e.iter().sum();
            let gold_total: f64 = e.iter().zip(*gold).filter(|(_, g)| **g).map(|x| x.0).sum();
            let mut ep = [0.0f64; N_FEATURES];
            let mut eq = [0.0f64; N_FEATURES];
            for ((r, ej), g) in rows.iter().zip(&e).zip(*gold) {
                for k in 0..N_FEATURES {
                    ep[k] += ej / total * r[k];
                    if *g {
                        eq[k] += ej / gold_total * r[k];
                    }
                }
            }
            for k in 0..N_FEATURES {
                grad[k] += (ep[k] - eq[k]) / nq;
            }
            for (r, ej) in rows.iter().zip(&e) {
                let p = ej / total;
                for a in 0..N_FEATURES {
                    let da = r[a] - ep[a];
                    for b in a..N_FEATURES {
                        hess[a][b] += p * da * (r[b] - ep[b]) / nq;
                    }
                }
            }
        }
        for a in 0..N_FEATURES {
            for b in 0..a {
                hess[a][b] = hess[b][a];
            }
            grad[a] += l2 * w[a];
            hess[a][a] += l2 + 1e-9;
        }
        let Some(step) = solve(hess, grad) else {
            break;
        };
        let mut change = 0.0f64;
        for k in 0..N_FEATURES {
            w[k] -= step[k];
            change = change.max(step[k].abs());
        }
        if change < 1e-7 {
            break;
        }
    }
    let mut model = Model::zero();
    for k in 0..N_FEATURES {
        if sd[k] > 0.0 {
            model.weights[k] = w[k] / sd[k];
            model.bias -= w[k] * mean[k] / sd[k];
        }
    }
    model
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve<const D: usize>(mut a: Vec<[f64; D]>, mut b: [f64; D]) -> Option<[f64; D]> {
    for col in 0..D {
        let piv = (col..D).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-15 {
            return None;
        }
        a.swap(col, piv);
        b.swap(col, piv);
        for r in col + 1..D {
            let f = a[r][col] / a[col][col];
            for c in col..D {
                a[r][c] -= f * a[col][c];
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = [0.0f64; D];
    for r in (0..D).rev() {
        let s: f64 = (r + 1..D).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surface_features_of_same_and_different_sentences() {
        let f = |a: &str, b: &str| {
            let mut out = [0.0f32; N_SURFACE];
            surface_features(&Profile::of(a), &Profile::of(b), &mut out);
            out
        };
        let same = f(
            "At least 40 people were killed.",
            "At least 40 people were killed.",
        );
        assert!(
            same[..11].iter().all(|v| (*v - 1.0).abs() < 1e-6),
            "{same:?}"
        );
        assert_eq!(same[11], 1.0);
        assert_eq!(same[12], 0.0);
        let diff = f(
            "At least 40 people were killed.",
            "Thirty people died in 2031.",
        );
        assert!(diff[0] > 0.0 && diff[0] < 0.5, "{diff:?}");
        assert_eq!(diff[2], 0.0);
        assert_eq!(diff[11], 0.0);
        assert_eq!(diff[12], 2.0);
    }

    #[test]
    fn logistic_fit_separates_and_round_trips() {
        // label = first feature above 0.5, second feature is noise
        let mut x = Vec::new();
        let mut y = Vec::new();
        for k in 0..200 {
            let mut f = [0.0f32; N_FEATURES];
            f[0] = (k % 20) as f32 / 20.0;
            f[1] = ((k * 7) % 13) as f32;
            x.push(f);
            y.push(f[0] > 0.5);
        }
        let m = fit_logistic(&x, &y, 0.01);
        let correct = x
            .iter()
            .zip(&y)
            .filter(|(f, l)| (m.probability(f) >= 0.5) == **l)
            .count();
        assert!(correct >= 190, "{correct}");
        assert!(m.weights[0] > 0.0);
        let models = Models {
            judge: m.clone(),
            matching: Model::zero(),
        };
        let back = Models::parse(&models.to_tsv("test"));
        for (a, b) in back.judge.weights.iter().zip(&m.weights) {
            assert!((a - b).abs() < 1e-5);
        }
    }
}
