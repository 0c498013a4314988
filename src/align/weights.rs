//! Term weights: the tunable parameters, IDF from background statistics of general news text, and
//! local damping of words the whole story uses. Knows nothing of sentences or links.

use super::tokenize::TermKind;
use super::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// Tunable weights, in one place so the quality example can report them.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub number_boost: f32,
    pub name_boost: f32,
    pub para_weight: f32,
    pub strong: f32,
    pub min_mutual: f32,
    pub min_relative: f32,
    pub relative: f32,
    pub standout: f32,
    /// How strongly words used across most of the local corpus are damped (larger = weaker).
    pub damping: f32,
    /// How much a word counts when its counterpart is a synonym or a derived word (lexicon).
    pub lexical_match: f32,
    /// Score a pair needs without the names the whole story shares, to be linked.
    pub min_beyond_names: f32,
    /// How much a word counts when its counterpart is only of the same family (shared prefix).
    pub prefix_match: f32,
    /// How much a word counts when its counterpart is what it is a kind of, or a kind of it
    /// (a direct hypernym in the lexicon: "ferry" / "boat").
    pub broader_match: f32,
}

pub const PARAMS: Params = Params {
    number_boost: 1.3,
    name_boost: 1.0,
    para_weight: 0.5,
    strong: 0.5,
    min_mutual: 0.2,
    min_relative: 0.25,
    relative: 0.85,
    standout: 2.5,
    damping: 8.0,
    prefix_match: 0.8,
    min_beyond_names: 0.1,
    lexical_match: 0.7,
    broader_match: 0.3,
};

/// Document frequencies from general news text (built by `examples/background.rs`).
pub struct Background {
    docs: f64,
    df: HashMap<String, f64>,
}

impl Background {
    pub fn parse(tsv: &str) -> Background {
        let mut docs = 0.0;
        let mut df = HashMap::new();
        for line in tsv.lines() {
            if let Some((k, v)) = line.split_once('\t') {
                let v: f64 = v.trim().parse().unwrap_or(0.0);
                if k == "#docs" {
                    docs = v;
                } else {
                    df.insert(k.to_string(), v);
                }
            }
        }
        Background { docs, df }
    }
    pub fn builtin() -> &'static Background {
        static B: OnceLock<Background> = OnceLock::new();
        B.get_or_init(|| Background::parse(include_str!("../../assets/background.tsv")))
    }
    pub(super) fn idf(&self, term: &str) -> f32 {
        let df = self.df.get(term).copied().unwrap_or(0.0);
        ((self.docs + 20.0) / (df + 1.0)).ln().max(0.5) as f32
    }
}

/// Weight of every term of a corpus: background IDF (boosted for numbers and names), damped for
/// terms that most paragraphs of this input use. `df_local[i]` counts the content paragraphs
/// that use term `i`, out of `n_local`.
pub(super) fn term_weights(
    terms: &[&str],
    kinds: &[TermKind],
    df_local: &[u32],
    n_local: u32,
    bg: &Background,
    params: &Params,
) -> Vec<f32> {
    let nl = n_local.max(1) as f32;
    // Tiny corpora (two sentences) carry no evidence about which words are common.
    let c = ((nl - 4.0) / (nl + params.damping)).max(0.0);
    let mut idf: Vec<f32> = Vec::with_capacity(terms.len());
    for i in 0..terms.len() {
        let f = df_local[i] as f32 / nl;
        let w = match kinds[i] {
            TermKind::Number => bg.idf(terms[i]) * params.number_boost,
            TermKind::Name => bg.idf(terms[i]) * params.name_boost,
            TermKind::Word => bg.idf(terms[i]),
        };
        idf.push(w * (1.0 - c * f).max(0.1));
    }
    idf
}
