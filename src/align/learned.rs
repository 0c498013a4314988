//! The learned link judge: a handful of weights over the named pair features
//! (`super::FEATURES`), fitted offline by logistic regression on MRPC train
//! (`examples/fit_models.rs` writes `assets/models.tsv`), so the engine stays pure,
//! deterministic and explainable: the decision is a weighted sum of named features.
//! `judge`: do two passages, judged on their own, say the same thing?

// Matrix arithmetic (Newton steps, elimination) reads clearer with indices.
#![allow(clippy::needless_range_loop)]

use super::N_FEATURES;
use std::sync::OnceLock;

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
}

impl Models {
    /// Reads `model<TAB>bias|feature index<TAB>weight` lines; `#` starts a comment. Unknown
    /// models or features are ignored, missing weights are zero.
    pub fn parse(tsv: &str) -> Models {
        let mut m = Models {
            judge: Model::zero(),
        };
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let model = match f[0] {
                "judge" => &mut m.judge,
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
        for (name, m) in [("judge", &self.judge)] {
            out.push_str(&format!("{name}\tbias\t{:.6}\n", m.bias));
            for (k, w) in m.weights.iter().enumerate() {
                out.push_str(&format!("{name}\t{k}\t{w:.6}\n"));
            }
        }
        out
    }
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
        let models = Models { judge: m.clone() };
        let back = Models::parse(&models.to_tsv("test"));
        for (a, b) in back.judge.weights.iter().zip(&m.weights) {
            assert!((a - b).abs() < 1e-5);
        }
    }
}
