//! The alignment engine: which paragraphs of two articles cover the same thing, what only one
//! side reports, topics across a story, conflicting figures and shared phrases.
//! Pure, offline, deterministic. Must not depend on annotate, app, ui, ratatui or crossterm.
//!
//! How: paragraphs and sentences become TF-IDF vectors over stems, folded names and number
//! values, weighted with background statistics from general news text and damped for words the
//! whole story uses. Candidates come from an inverted index. A pair's score mixes paragraph
//! cosine and its best sentence match; links are chosen relative to each paragraph's
//! alternatives (mutual best, standing out from the rest), not by one global threshold.

pub mod discrepancy;
pub mod learned;
pub mod lexicon;
pub mod tokenize;

use crate::store::{Article, Kind};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
use tokenize::{TermKind, Token};

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
    /// Score at which two passages judged on their own (no alternatives) are linked.
    pub pair_threshold: f32,
    /// How strongly words used across most of the local corpus are damped (larger = weaker).
    pub damping: f32,
    /// Share of the sentence score taken from Dice overlap of raw weights (rest: cosine).
    pub dice_weight: f32,
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
    pair_threshold: 0.5,
    damping: 8.0,
    dice_weight: 1.0,
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
    fn idf(&self, term: &str) -> f32 {
        let df = self.df.get(term).copied().unwrap_or(0.0);
        ((self.docs + 20.0) / (df + 1.0)).ln().max(0.5) as f32
    }
}

/// Input to the engine: a document as paragraphs with sentence ranges.
pub struct DocIn<'a> {
    pub paras: Vec<ParaIn<'a>>,
}

pub struct ParaIn<'a> {
    pub text: &'a str,
    /// Byte ranges in `text` of the sentences that take part in alignment.
    pub sentences: Vec<Range<usize>>,
    /// Takes part in alignment at all (not boilerplate / dateline).
    pub content: bool,
    /// A body paragraph: reported as unique when it has no link.
    pub body: bool,
}

impl<'a> DocIn<'a> {
    pub fn from_article(a: &'a Article) -> DocIn<'a> {
        let paras = a
            .paragraphs
            .iter()
            .map(|p| {
                let text = &a.text[p.bytes.clone()];
                let sentences = p
                    .sentences
                    .iter()
                    .filter(|s| !s.boilerplate)
                    .map(|s| s.bytes.start - p.bytes.start..s.bytes.end - p.bytes.start)
                    .collect();
                ParaIn {
                    text,
                    sentences,
                    content: p.kind.is_content(),
                    body: p.kind == Kind::Body,
                }
            })
            .collect();
        DocIn { paras }
    }
}

type SparseVec = Vec<(u32, f32)>;

/// (article, paragraph)
type Node = (usize, usize);
/// Per paragraph: (content, body, tokens per sentence).
type ParaTokens<'a> = (bool, bool, Vec<(&'a str, Vec<Token>)>);
/// Per paragraph, per sentence: term ids.
type SentTerms = Vec<Vec<u32>>;

fn normalize(v: &mut SparseVec) {
    let n: f32 = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if n > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= n;
        }
    }
}

fn dot(a: &SparseVec, b: &SparseVec) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

struct Para {
    content: bool,
    body: bool,
    vec: SparseVec,
    sents: Vec<SentVec>,
}

/// A sentence's unit vector plus what is needed to recover raw weights: its L2 norm and L1
/// mass.
struct SentVec {
    vec: SparseVec,
    norm: f32,
    mass: f32,
    /// Term ids in reading order.
    seq: Vec<u32>,
    /// The sentence as written, for surface evidence.
    text: Box<str>,
    /// Surface evidence, computed when a learned model first needs it.
    profile: OnceLock<learned::Profile>,
}

impl SentVec {
    fn profile(&self) -> &learned::Profile {
        self.profile
            .get_or_init(|| learned::Profile::of(&self.text))
    }
}

/// Tokenised, weighted documents sharing one vocabulary.
pub struct Corpus {
    surface: Vec<String>,
    kinds: Vec<TermKind>,
    docs: Vec<Vec<Para>>,
    /// Per document: term → (paragraph, weight), for candidate generation.
    postings: Vec<HashMap<u32, Vec<(u32, f32)>>>,
    /// Paragraphs of the whole input that use each term, and how many paragraphs there are.
    df_local: Vec<u32>,
    n_local: u32,
    params: Params,
}

/// Tokens of each alignable sentence of a paragraph.
fn tokenize_para<'a>(p: &ParaIn<'a>) -> ParaTokens<'a> {
    let sents = if p.content {
        p.sentences
            .iter()
            .filter_map(|r| p.text.get(r.clone()))
            .map(|t| (t, tokenize::tokenize(t)))
            .collect()
    } else {
        Vec::new()
    };
    (p.content, p.body, sents)
}

/// `f` over `items` on every core when there is enough work to pay for the threads; results
/// in the order of `items`, so output does not depend on scheduling.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    const MIN_ITEMS: usize = 256;
    let n = if items.len() < MIN_ITEMS {
        1
    } else {
        threads()
    };
    par_map_n(items, n, f)
}

/// Worker threads for large inputs: the machine's cores, at most eight.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

/// `f` over `items` in `threads` ordered chunks.
fn par_map_n<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if threads < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Pair features from weighted terms; surface features follow them.
const N_TERM_FEATURES: usize = 14;
/// Number of pair features.
pub const N_FEATURES: usize = N_TERM_FEATURES + learned::N_SURFACE;
/// What each pair feature measures.
pub const FEATURES: [&str; N_FEATURES] = [
    "similarity",
    "paragraph cosine",
    "sentence cosine",
    "shared weight (smaller side)",
    "shared weight (larger side)",
    "length ratio",
    "unmatched numbers",
    "shared numbers",
    "unmatched names",
    "shared word pairs",
    "common subsequence",
    "length difference (log)",
    "rarest shared term (weight)",
    "shared names",
    "words shared (smaller share)",
    "words shared (larger share)",
    "word pairs shared (smaller share)",
    "word pairs shared (larger share)",
    "word triples shared (smaller share)",
    "word triples shared (larger share)",
    "word 4-grams shared (smaller share)",
    "word 4-grams shared (larger share)",
    "character 3-grams (Jaccard)",
    "character 4-grams (Jaccard)",
    "character 5-grams (Jaccard)",
    "same numbers",
    "numbers differ",
    "word count difference (relative)",
];

/// Share of the smaller side's adjacent term pairs found in the other.
fn bigram_overlap(a: &[u32], b: &[u32]) -> f32 {
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let mut bb: Vec<(u32, u32)> = b.windows(2).map(|w| (w[0], w[1])).collect();
    bb.sort_unstable();
    let found = a
        .windows(2)
        .filter(|w| bb.binary_search(&(w[0], w[1])).is_ok())
        .count();
    found as f32 / (a.len().min(b.len()) - 1) as f32
}

/// Length of the longest common subsequence of two term sequences (sentences are short).
fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (k, y) in b.iter().enumerate() {
            let up = row[k + 1];
            row[k + 1] = if x == y { diag + 1 } else { up.max(row[k]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// Names that differ by one letter ("Idlib"/"Idleb") are one name.
fn fold_name_variants(names: &mut Vec<String>) -> HashMap<String, String> {
    names.sort();
    names.dedup();
    let mut map = HashMap::new();
    let mut by_first: HashMap<char, Vec<&String>> = HashMap::new();
    for n in names.iter() {
        if n.chars().count() >= 5 {
            if let Some(c) = n.chars().next() {
                by_first.entry(c).or_default().push(n);
            }
        }
    }
    let mut keys: Vec<&char> = by_first.keys().collect();
    keys.sort();
    for k in keys {
        let group = &by_first[k];
        for (i, a) in group.iter().enumerate() {
            if map.contains_key(*a) {
                continue;
            }
            for b in group.iter().skip(i + 1) {
                if !map.contains_key(*b)
                    && a.len().abs_diff(b.len()) <= 1
                    && edit_distance_le1(a, b)
                {
                    map.insert((*b).clone(), (*a).clone());
                }
            }
        }
    }
    map
}

fn edit_distance_le1(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (s, l) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if l.len() - s.len() > 1 {
        return false;
    }
    let p = s.iter().zip(l.iter()).take_while(|(x, y)| x == y).count();
    if s.len() == l.len() {
        s[p + 1.min(s.len() - p)..] == l[p + 1.min(l.len() - p)..]
    } else {
        s[p..] == l[p + 1..]
    }
}

impl Corpus {
    pub fn build<'a>(docs: &[DocIn<'a>], bg: &Background, params: Params) -> Corpus {
        // 1. tokens per sentence
        let toks: Vec<Vec<ParaTokens>> = {
            let all: Vec<&ParaIn<'a>> = docs.iter().flat_map(|d| d.paras.iter()).collect();
            let mut flat = par_map(&all, |p| tokenize_para(p)).into_iter();
            docs.iter()
                .map(|d| flat.by_ref().take(d.paras.len()).collect())
                .collect()
        };
        // 2. name variants, vocabulary, local document frequency (unit: paragraph)
        let mut names: Vec<String> = toks
            .iter()
            .flatten()
            .flat_map(|p| p.2.iter().flat_map(|s| s.1.iter()))
            .filter(|t| t.kind == TermKind::Name)
            .map(|t| t.term.clone())
            .collect();
        let variants = fold_name_variants(&mut names);
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut surface: Vec<String> = Vec::new();
        let mut kinds: Vec<TermKind> = Vec::new();
        let mut df_local: Vec<u32> = Vec::new();
        let mut n_local = 0u32;
        let mut para_terms: Vec<Vec<SentTerms>> = Vec::with_capacity(toks.len());
        for d in &toks {
            let mut dp = Vec::with_capacity(d.len());
            for (content, _, sents) in d {
                let mut seen: Vec<u32> = Vec::new();
                let mut ps = Vec::with_capacity(sents.len());
                for (text, s) in sents {
                    let mut ids = Vec::with_capacity(s.len());
                    for t in s {
                        let term = variants.get(&t.term).unwrap_or(&t.term);
                        let id = match vocab.get(term.as_str()) {
                            Some(id) => *id,
                            None => {
                                let id = surface.len() as u32;
                                vocab.insert(term.clone(), id);
                                surface.push(t.surface(text));
                                kinds.push(t.kind);
                                df_local.push(0);
                                id
                            }
                        };
                        seen.push(id);
                        ids.push(id);
                    }
                    ps.push(ids);
                }
                if *content && !seen.is_empty() {
                    n_local += 1;
                    seen.sort_unstable();
                    seen.dedup();
                    for id in seen {
                        df_local[id as usize] += 1;
                    }
                }
                dp.push(ps);
            }
            para_terms.push(dp);
        }
        // 3. weights: background IDF, damped for words most of this story uses
        let mut terms_by_id: Vec<&str> = vec![""; surface.len()];
        for (k, v) in &vocab {
            terms_by_id[*v as usize] = k;
        }
        let nl = n_local.max(1) as f32;
        // Tiny corpora (two sentences) carry no evidence about which words are common.
        let c = ((nl - 4.0) / (nl + params.damping)).max(0.0);
        let mut idf: Vec<f32> = Vec::with_capacity(surface.len());
        for i in 0..surface.len() {
            let f = df_local[i] as f32 / nl;
            let w = match kinds[i] {
                TermKind::Number => bg.idf(terms_by_id[i]) * params.number_boost,
                TermKind::Name => bg.idf(terms_by_id[i]) * params.name_boost,
                TermKind::Word => bg.idf(terms_by_id[i]),
            };
            idf.push(w * (1.0 - c * f).max(0.1));
        }
        // 4. vectors
        let mut out_docs = Vec::with_capacity(docs.len());
        let mut postings = Vec::with_capacity(docs.len());
        for (d, dt) in toks.iter().zip(para_terms) {
            let mut paras = Vec::with_capacity(d.len());
            let mut post: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
            for (pi, ((content, body, sent_toks), sents)) in d.iter().zip(dt).enumerate() {
                let weigh_raw = |ids: &mut dyn Iterator<Item = u32>| -> SparseVec {
                    let mut tf: Vec<u32> = ids.collect();
                    tf.sort_unstable();
                    let mut v: SparseVec = Vec::new();
                    for id in tf {
                        match v.last_mut() {
                            Some((last, w)) if *last == id => *w += 1.0,
                            _ => v.push((id, 1.0)),
                        }
                    }
                    for (id, w) in v.iter_mut() {
                        *w = (1.0 + w.ln()) * idf[*id as usize];
                    }
                    v
                };
                let mut pvec = weigh_raw(&mut sents.iter().flatten().copied());
                let svecs: Vec<SentVec> = sents
                    .into_iter()
                    .zip(sent_toks)
                    .map(|(s, (text, _))| {
                        let mut vec = weigh_raw(&mut s.iter().copied());
                        let norm = vec.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                        let mass = vec.iter().map(|(_, w)| w).sum::<f32>();
                        normalize(&mut vec);
                        SentVec {
                            vec,
                            norm,
                            mass,
                            seq: s,
                            text: (*text).into(),
                            profile: OnceLock::new(),
                        }
                    })
                    .collect();
                normalize(&mut pvec);
                if *content {
                    for (id, w) in &pvec {
                        post.entry(*id).or_default().push((pi as u32, *w));
                    }
                }
                paras.push(Para {
                    content: *content && !pvec.is_empty(),
                    body: *body,
                    vec: pvec,
                    sents: svecs,
                });
            }
            out_docs.push(paras);
            postings.push(post);
        }
        Corpus {
            surface,
            kinds,
            docs: out_docs,
            postings,
            df_local,
            n_local,
            params,
        }
    }

    /// A corpus of plain texts, each one document of one paragraph of one sentence.
    pub fn from_texts(texts: &[&str], params: Params) -> Corpus {
        let docs: Vec<DocIn> = texts
            .iter()
            .map(|t| DocIn {
                paras: vec![ParaIn {
                    text: t,
                    sentences: std::iter::once(0..t.len()).collect(),
                    content: true,
                    body: true,
                }],
            })
            .collect();
        Corpus::build(&docs, Background::builtin(), params)
    }

    /// A corpus of documents given as lists of sentences, each sentence its own paragraph.
    pub fn from_sentence_docs(docs: &[Vec<&str>], params: Params) -> Corpus {
        let docs: Vec<DocIn> = docs
            .iter()
            .map(|d| DocIn {
                paras: d
                    .iter()
                    .map(|t| ParaIn {
                        text: t,
                        sentences: std::iter::once(0..t.len()).collect(),
                        content: true,
                        body: true,
                    })
                    .collect(),
            })
            .collect();
        Corpus::build(&docs, Background::builtin(), params)
    }

    /// Score of paragraph i of doc a against paragraph j of doc b (0 if either is empty).
    pub fn score(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        let (Some(pa), Some(pb)) = (self.docs[a].get(i), self.docs[b].get(j)) else {
            return 0.0;
        };
        let cos = dot(&pa.vec, &pb.vec);
        self.pair_score(a, i, b, j, cos)
    }

    /// Score of paragraph `i` of doc `a` against paragraph `j` of doc `b`, given the paragraph
    /// cosine: a mix of the paragraph cosine and the best sentence-pair cosine.
    fn pair_score(&self, a: usize, i: usize, b: usize, j: usize, cos: f32) -> f32 {
        let (pa, pb) = (&self.docs[a][i], &self.docs[b][j]);
        let mut best = 0.0f32;
        for sa in &pa.sents {
            for sb in &pb.sents {
                best = best.max(self.sentence_similarity(sa, sb));
            }
        }
        let w = self.params.para_weight;
        (w * cos + (1.0 - w) * best).clamp(0.0, 1.0)
    }

    /// Similarity of two sentences: cosine, blended with how much of their weight they share
    /// (Dice on raw weights, which rewards pairs that say the same and little else).
    fn sentence_similarity(&self, a: &SentVec, b: &SentVec) -> f32 {
        let p = &self.params;
        let (mut i, mut j) = (0, 0);
        let (mut cos, mut shared) = (0.0f32, 0.0f32);
        while i < a.vec.len() && j < b.vec.len() {
            match a.vec[i].0.cmp(&b.vec[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let (wa, wb) = (a.vec[i].1, b.vec[j].1);
                    cos += wa * wb;
                    shared += (wa * a.norm).min(wb * b.norm);
                    i += 1;
                    j += 1;
                }
            }
        }
        let dice = if a.mass + b.mass > 0.0 {
            2.0 * shared / (a.mass + b.mass)
        } else {
            0.0
        };
        ((1.0 - p.dice_weight) * cos + p.dice_weight * dice).clamp(0.0, 1.0)
    }

    /// Features of the best-matching sentence pair of two paragraphs (see `FEATURES`).
    pub fn features(&self, a: usize, i: usize, b: usize, j: usize) -> [f32; N_FEATURES] {
        let (Some(pa), Some(pb)) = (self.docs[a].get(i), self.docs[b].get(j)) else {
            return [0.0; N_FEATURES];
        };
        let mut best: Option<(&SentVec, &SentVec, f32)> = None;
        for sa in &pa.sents {
            for sb in &pb.sents {
                let s = self.sentence_similarity(sa, sb);
                if best.is_none_or(|b| s > b.2) {
                    best = Some((sa, sb, s));
                }
            }
        }
        let Some((sa, sb, sim)) = best else {
            return [0.0; N_FEATURES];
        };
        let mut f = [0.0f32; N_FEATURES];
        f[0] = sim;
        f[1] = dot(&pa.vec, &pb.vec);
        // shared raw weight, as a share of each side
        let (mut x, mut y, mut shared, mut cos) = (0, 0, 0.0f32, 0.0f32);
        let (mut num_shared, mut num_a, mut num_b, mut names_a, mut names_b) = (0, 0, 0, 0, 0);
        let (mut rarest, mut names_shared) = (0.0f32, 0usize);
        let is = |id: u32, k: TermKind| self.kinds[id as usize] == k;
        while x < sa.vec.len() || y < sb.vec.len() {
            let ia = sa.vec.get(x).map(|t| t.0);
            let ib = sb.vec.get(y).map(|t| t.0);
            match (ia, ib) {
                (Some(p), Some(q)) if p == q => {
                    let (wa, wb) = (sa.vec[x].1, sb.vec[y].1);
                    cos += wa * wb;
                    let w = (wa * sa.norm).min(wb * sb.norm);
                    shared += w;
                    rarest = rarest.max(w);
                    names_shared += usize::from(is(p, TermKind::Name));
                    if is(p, TermKind::Number) {
                        num_shared += 1;
                    }
                    x += 1;
                    y += 1;
                }
                (Some(p), q) if q.is_none_or(|q| p < q) => {
                    num_a += usize::from(is(p, TermKind::Number));
                    names_a += usize::from(is(p, TermKind::Name));
                    x += 1;
                }
                (_, Some(q)) => {
                    num_b += usize::from(is(q, TermKind::Number));
                    names_b += usize::from(is(q, TermKind::Name));
                    y += 1;
                }
                _ => break,
            }
        }
        let (ca, cb) = (shared / sa.mass.max(1e-6), shared / sb.mass.max(1e-6));
        f[2] = cos;
        f[3] = ca.min(cb).min(1.0);
        f[4] = ca.max(cb).min(1.0);
        let (la, lb) = (sa.seq.len() as f32, sb.seq.len() as f32);
        f[5] = if la.max(lb) > 0.0 {
            la.min(lb) / la.max(lb)
        } else {
            0.0
        };
        f[6] = ((num_a + num_b) as f32).min(3.0);
        f[7] = (num_shared as f32).min(3.0);
        f[8] = ((names_a + names_b) as f32).min(5.0);
        f[9] = bigram_overlap(&sa.seq, &sb.seq);
        f[10] = if la.min(lb) > 0.0 {
            lcs_len(&sa.seq, &sb.seq) as f32 / la.min(lb)
        } else {
            0.0
        };
        f[11] = (la.max(lb) - la.min(lb)).ln_1p();
        f[12] = rarest;
        f[13] = (names_shared as f32).min(5.0);
        learned::surface_features(sa.profile(), sb.profile(), &mut f[N_TERM_FEATURES..]);
        f
    }

    /// Probability that two passages, judged on their own, say the same thing (a paraphrase):
    /// the link decision for a pair without alternatives.
    pub fn judge(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        learned::Models::builtin()
            .judge
            .probability(&self.features(a, i, b, j))
    }

    /// How likely two passages report the same event, for ranking the passages of one article
    /// against one passage of another (calibrated to [0, 1]).
    pub fn match_score(&self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        learned::Models::builtin()
            .matching
            .probability(&self.features(a, i, b, j))
    }

    /// Candidate pairs with their scores, sorted by (i, j). Candidates come from the inverted
    /// index over the terms that are rare in `b`; terms that most of `b` uses only add to the
    /// exact score of candidates already found, so cost grows with real overlap, not with the
    /// product of the lengths. Each paragraph keeps its best `MAX_CANDIDATES`.
    pub fn candidates(&self, a: usize, b: usize) -> Vec<(usize, usize, f32)> {
        let na = self.docs[a].len();
        let threads = if na >= 256 { threads() } else { 1 };
        let chunk = na.div_ceil(threads).max(1);
        let ranges: Vec<Range<usize>> = (0..na)
            .step_by(chunk)
            .map(|s| s..(s + chunk).min(na))
            .collect();
        par_map_n(&ranges, threads, |r| self.candidates_in(a, b, r.clone()))
            .into_iter()
            .flatten()
            .collect()
    }

    /// Candidates of the paragraphs `range` of doc `a`.
    fn candidates_in(&self, a: usize, b: usize, range: Range<usize>) -> Vec<(usize, usize, f32)> {
        const MAX_CANDIDATES: usize = 16;
        let mut out = Vec::new();
        let post = &self.postings[b];
        let nb = self.docs[b].len();
        let cap = (nb / 8).max(48);
        let mut acc: Vec<f32> = vec![0.0; nb];
        let mut touched: Vec<usize> = Vec::new();
        let mut frequent_only: Vec<(u32, f32)> = Vec::new();
        for (i, p) in self.docs[a]
            .iter()
            .enumerate()
            .take(range.end)
            .skip(range.start)
        {
            if !p.content {
                continue;
            }
            frequent_only.clear();
            for (id, w) in &p.vec {
                if let Some(list) = post.get(id) {
                    if list.len() > cap {
                        frequent_only.push((*id, *w));
                        continue;
                    }
                    for (j, wj) in list {
                        let j = *j as usize;
                        if acc[j] == 0.0 {
                            touched.push(j);
                        }
                        acc[j] += w * wj;
                    }
                }
            }
            // Paragraphs that share only very common words: consider them only when the
            // paragraph has nothing rarer (small documents).
            if touched.is_empty() && !frequent_only.is_empty() && nb <= cap * 4 {
                for (id, _) in &frequent_only {
                    if let Some(list) = post.get(id) {
                        for (j, _) in list {
                            let j = *j as usize;
                            if acc[j] == 0.0 {
                                touched.push(j);
                                acc[j] = f32::MIN_POSITIVE;
                            }
                        }
                    }
                }
            }
            if touched.len() > MAX_CANDIDATES {
                touched.sort_by(|x, y| acc[*y].total_cmp(&acc[*x]).then(x.cmp(y)));
                for &j in &touched[MAX_CANDIDATES..] {
                    acc[j] = 0.0;
                }
                touched.truncate(MAX_CANDIDATES);
            }
            touched.sort_unstable();
            for &j in &touched {
                acc[j] = 0.0;
                let cos = dot(&p.vec, &self.docs[b][j].vec);
                if cos > 0.0 {
                    out.push((i, j, self.pair_score(a, i, b, j, cos)));
                }
            }
            touched.clear();
        }
        out
    }

    /// Terms that contribute most to the match of two paragraphs, as readable words.
    pub fn key_terms(&self, a: usize, i: usize, b: usize, j: usize, n: usize) -> Vec<String> {
        let (va, vb) = (&self.docs[a][i].vec, &self.docs[b][j].vec);
        let mut contrib: Vec<(f32, u32)> = Vec::new();
        let (mut x, mut y) = (0, 0);
        while x < va.len() && y < vb.len() {
            match va[x].0.cmp(&vb[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    contrib.push((va[x].1 * vb[y].1, va[x].0));
                    x += 1;
                    y += 1;
                }
            }
        }
        contrib.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
        contrib
            .into_iter()
            .take(n)
            .map(|(_, id)| self.surface[id as usize].clone())
            .collect()
    }

    /// Links between doc `a` and doc `b`, chosen relative to each paragraph's alternatives.
    pub fn select_links(&self, a: usize, b: usize) -> Vec<(usize, usize, f32)> {
        let cands = self.candidates(a, b);
        let (na, nb) = (self.docs[a].len(), self.docs[b].len());
        let mut best_a = vec![0.0f32; na];
        let mut best_b = vec![0.0f32; nb];
        let mut sum_a = vec![0.0f32; na];
        let mut sum_b = vec![0.0f32; nb];
        for &(i, j, s) in &cands {
            best_a[i] = best_a[i].max(s);
            best_b[j] = best_b[j].max(s);
            sum_a[i] += s;
            sum_b[j] += s;
        }
        let cnt_a = self.docs[b].iter().filter(|p| p.content).count().max(1) as f32;
        let cnt_b = self.docs[a].iter().filter(|p| p.content).count().max(1) as f32;
        let p = self.params;
        let keep = par_map(&cands, |&(i, j, s)| {
            let mutual = s >= best_a[i] && s >= best_b[j];
            let mean_a = sum_a[i] / cnt_a;
            let mean_b = sum_b[j] / cnt_b;
            let stands_out = s >= p.standout * mean_a || s >= p.standout * mean_b;
            let near_best = s >= p.relative * best_a[i] || s >= p.relative * best_b[j];
            s >= p.strong
                    || (mutual && s >= p.min_mutual)
                    || (s >= p.min_relative && near_best && stands_out)
                    // two passages that say the same thing, whatever else is near
                    // (asked only of pairs near the best of both sides: it is costlier)
                    || (s >= p.min_relative
                        && s >= p.relative * best_a[i].max(best_b[j])
                        && self.judge(a, i, b, j) >= 0.5)
        });
        cands
            .into_iter()
            .zip(keep)
            .filter_map(|(c, k)| k.then_some(c))
            .collect()
    }

    /// Summed weight of each term over a set of paragraphs, for topic labels.
    fn label_terms(&self, members: &[(usize, usize)], n: usize) -> Vec<String> {
        let mut acc: HashMap<u32, (f32, usize)> = HashMap::new();
        let mut docs_with: HashMap<u32, Vec<usize>> = HashMap::new();
        for &(d, p) in members {
            for (id, w) in &self.docs[d][p].vec {
                let e = acc.entry(*id).or_insert((0.0, 0));
                e.0 += w;
                e.1 += 1;
                let dw = docs_with.entry(*id).or_default();
                if !dw.contains(&d) {
                    dw.push(d);
                }
            }
        }
        let ndocs = {
            let mut ds: Vec<usize> = members.iter().map(|m| m.0).collect();
            ds.sort_unstable();
            ds.dedup();
            ds.len() as f32
        };
        let mut ranked: Vec<(f32, u32)> = acc
            .into_iter()
            .filter(|(id, _)| self.kinds[*id as usize] != TermKind::Number)
            .map(|(id, (w, _))| {
                // words the topic's articles share, and that the rest of the story uses less
                let spread = docs_with[&id].len() as f32 / ndocs;
                let rarity =
                    (1.0 + self.n_local as f32 / self.df_local[id as usize].max(1) as f32).ln();
                (w * spread * rarity, id)
            })
            .collect();
        ranked.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
        ranked
            .into_iter()
            .take(n)
            .map(|(_, id)| self.surface[id as usize].clone())
            .collect()
    }

    fn is_body(&self, d: usize, p: usize) -> bool {
        self.docs[d][p].body && self.docs[d][p].content
    }
}

/// The sentence of `article` most likely to report what `passage` reports, ranked by the
/// matching model among the sentences similar enough to be linked at all; `None` when there is
/// none. Returns the
/// sentence's char range in the article's text.
pub fn best_matching_sentence(passage: &str, article: &Article) -> Option<Range<usize>> {
    let mut ranges = Vec::new();
    let mut texts = Vec::new();
    for p in article.paragraphs.iter().filter(|p| p.kind.is_content()) {
        for s in p.sentences.iter().filter(|s| !s.boilerplate) {
            if let Some(t) = article.text.get(s.bytes.clone()) {
                ranges.push(s.chars.clone());
                texts.push(t);
            }
        }
    }
    let corpus = Corpus::from_sentence_docs(&[vec![passage], texts], PARAMS);
    let mut best: Option<(f32, usize)> = None;
    for (j, _) in ranges.iter().enumerate() {
        // the ranking model orders candidates; it does not decide whether any is a match
        if corpus.score(0, 0, 1, j) < PARAMS.min_mutual {
            continue;
        }
        let m = corpus.match_score(0, 0, 1, j);
        if best.is_none_or(|b| m > b.0) {
            best = Some((m, j));
        }
    }
    best.map(|(_, j)| ranges[j].clone())
}

/// A paragraph pair judged to cover the same thing.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Link {
    pub left: usize,
    pub right: usize,
    pub score: f32,
    pub terms: Vec<String>,
}

/// Two figures about the same thing that differ, with their char spans in each article's text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Discrepancy {
    pub left: usize,
    pub right: usize,
    pub what: String,
    pub left_text: String,
    pub right_text: String,
    pub left_span: Range<usize>,
    pub right_span: Range<usize>,
}

/// A topic of the story: paragraphs of several articles that cover the same thing.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Topic {
    pub id: usize,
    pub label: String,
    /// (article index in the story, paragraph index), sorted.
    pub members: Vec<(usize, usize)>,
}

impl Topic {
    pub fn in_article(&self, a: usize) -> Vec<usize> {
        self.members
            .iter()
            .filter(|m| m.0 == a)
            .map(|m| m.1)
            .collect()
    }
}

/// The alignment of one ordered pair of articles of a story.
#[derive(Debug, Clone, Default)]
pub struct PairAlignment {
    pub left: usize,
    pub right: usize,
    pub links: Vec<Link>,
    pub unique_left: Vec<usize>,
    pub unique_right: Vec<usize>,
    pub discrepancies: Vec<Discrepancy>,
}

impl PairAlignment {
    pub fn swapped(&self) -> PairAlignment {
        let mut links: Vec<Link> = self
            .links
            .iter()
            .map(|l| Link {
                left: l.right,
                right: l.left,
                score: l.score,
                terms: l.terms.clone(),
            })
            .collect();
        links.sort_by_key(|l| (l.left, l.right));
        let mut discrepancies: Vec<Discrepancy> = self
            .discrepancies
            .iter()
            .map(|d| Discrepancy {
                left: d.right,
                right: d.left,
                what: d.what.clone(),
                left_text: d.right_text.clone(),
                right_text: d.left_text.clone(),
                left_span: d.right_span.clone(),
                right_span: d.left_span.clone(),
            })
            .collect();
        discrepancies.sort_by(|a, b| {
            (a.left, a.right, a.left_span.start).cmp(&(b.left, b.right, b.left_span.start))
        });
        PairAlignment {
            left: self.right,
            right: self.left,
            links,
            unique_left: self.unique_right.clone(),
            unique_right: self.unique_left.clone(),
            discrepancies,
        }
    }
}

/// Everything the reader and the CLI need about a story.
pub struct StoryAlignment {
    pub topics: Vec<Topic>,
    /// Keyed by (a, b) with a < b.
    pairs: HashMap<(usize, usize), PairAlignment>,
    /// (article, paragraph) → topic id
    topic_of: HashMap<(usize, usize), usize>,
    pub n_articles: usize,
    /// The weighted documents, kept for ranking every candidate on demand.
    corpus: Corpus,
}

impl StoryAlignment {
    /// Align every pair of the story and cluster topics. `progress` is called after each pair.
    pub fn build(articles: &[Article], mut progress: impl FnMut(usize, usize)) -> StoryAlignment {
        let docs: Vec<DocIn> = articles.iter().map(DocIn::from_article).collect();
        let corpus = Corpus::build(&docs, Background::builtin(), PARAMS);
        let n = articles.len();
        let total = n * n.saturating_sub(1) / 2;
        let keys: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect();
        // pairs in small batches over every core, reporting progress after each batch
        let mut links: Vec<((usize, usize), Vec<Link>)> = Vec::with_capacity(total);
        let workers = if keys.len() >= 8 { threads() } else { 1 };
        for batch in keys.chunks(4 * workers) {
            let found = par_map_n(batch, workers, |&(a, b)| pair_links(&corpus, a, b));
            links.extend(batch.iter().copied().zip(found));
            progress(links.len(), total);
        }
        // Counts in each linked paragraph, found once and reused by every pair.
        let mut linked: Vec<Vec<bool>> = articles
            .iter()
            .map(|art| vec![false; art.paragraphs.len()])
            .collect();
        for ((a, b), ls) in &links {
            for l in ls {
                linked[*a][l.left] = true;
                linked[*b][l.right] = true;
            }
        }
        let wanted: Vec<(usize, usize)> = linked
            .iter()
            .enumerate()
            .flat_map(|(a, ps)| {
                ps.iter()
                    .enumerate()
                    .filter(|(_, l)| **l)
                    .map(move |(p, _)| (a, p))
            })
            .collect();
        let found = par_map(&wanted, |&(a, p)| {
            discrepancy::mentions(articles[a].para_text(p))
        });
        let mut mentions: Vec<Vec<Vec<discrepancy::Mention>>> = articles
            .iter()
            .map(|art| vec![Vec::new(); art.paragraphs.len()])
            .collect();
        for ((a, p), m) in wanted.into_iter().zip(found) {
            mentions[a][p] = m;
        }
        let pairs: HashMap<(usize, usize), PairAlignment> = links
            .into_iter()
            .map(|((a, b), ls)| ((a, b), finish_pair(&corpus, articles, &mentions, a, b, ls)))
            .collect();
        let topics = cluster_topics(&corpus, &pairs, n);
        let mut topic_of = HashMap::new();
        for t in &topics {
            for m in &t.members {
                topic_of.insert(*m, t.id);
            }
        }
        StoryAlignment {
            topics,
            pairs,
            topic_of,
            n_articles: n,
            corpus,
        }
    }

    /// A story not aligned yet: no links, no topics, every pair empty (what the reader shows
    /// while the real alignment is built).
    pub fn empty(n_articles: usize) -> StoryAlignment {
        StoryAlignment {
            topics: Vec::new(),
            pairs: HashMap::new(),
            topic_of: HashMap::new(),
            n_articles,
            corpus: Corpus {
                surface: Vec::new(),
                kinds: Vec::new(),
                docs: (0..n_articles).map(|_| Vec::new()).collect(),
                postings: vec![HashMap::new(); n_articles],
                df_local: Vec::new(),
                n_local: 0,
                params: PARAMS,
            },
        }
    }

    /// The alignment with `a` on the left and `b` on the right.
    pub fn pair(&self, a: usize, b: usize) -> PairAlignment {
        if a == b {
            return PairAlignment {
                left: a,
                right: b,
                ..Default::default()
            };
        }
        if a < b {
            self.pairs.get(&(a, b)).cloned().unwrap_or_default()
        } else {
            self.pairs
                .get(&(b, a))
                .map(PairAlignment::swapped)
                .unwrap_or_default()
        }
    }

    pub fn topic_of(&self, article: usize, para: usize) -> Option<&Topic> {
        self.topic_of
            .get(&(article, para))
            .and_then(|id| self.topics.get(*id))
    }

    /// Share of the story's topics an article covers.
    pub fn coverage(&self, article: usize) -> (usize, usize) {
        let covered = self
            .topics
            .iter()
            .filter(|t| t.members.iter().any(|m| m.0 == article))
            .count();
        (covered, self.topics.len())
    }

    /// Every candidate pair of two articles with its score, best first (for `--min-score`).
    pub fn ranked_candidates(&self, a: usize, b: usize) -> Vec<Link> {
        let corpus = &self.corpus;
        let mut out: Vec<Link> = corpus
            .candidates(a, b)
            .into_iter()
            .map(|(i, j, s)| Link {
                left: i,
                right: j,
                score: round3(s),
                terms: corpus.key_terms(a, i, b, j, 4),
            })
            .collect();
        out.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then((x.left, x.right).cmp(&(y.left, y.right)))
        });
        out
    }

    /// Number of links between two articles (how much they overlap).
    pub fn overlap(&self, a: usize, b: usize) -> usize {
        let k = (a.min(b), a.max(b));
        self.pairs.get(&k).map(|p| p.links.len()).unwrap_or(0)
    }
}

/// The links the engine decides on between articles `a` and `b`, with their key terms.
fn pair_links(corpus: &Corpus, a: usize, b: usize) -> Vec<Link> {
    corpus
        .select_links(a, b)
        .into_iter()
        .map(|(i, j, s)| Link {
            left: i,
            right: j,
            score: round3(s),
            terms: corpus.key_terms(a, i, b, j, 4),
        })
        .collect()
}

/// Unique passages and conflicting figures of a pair, given its links.
fn finish_pair(
    corpus: &Corpus,
    articles: &[Article],
    mentions: &[Vec<Vec<discrepancy::Mention>>],
    a: usize,
    b: usize,
    links: Vec<Link>,
) -> PairAlignment {
    let unique = |d: usize, linked: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..corpus.docs[d].len())
            .filter(|&p| corpus.is_body(d, p) && !linked(p))
            .collect()
    };
    let mut linked_l = vec![false; corpus.docs[a].len()];
    let mut linked_r = vec![false; corpus.docs[b].len()];
    for l in &links {
        linked_l[l.left] = true;
        linked_r[l.right] = true;
    }
    let unique_left = unique(a, &|p| linked_l[p]);
    let unique_right = unique(b, &|p| linked_r[p]);
    let with_counts: Vec<&Link> = links
        .iter()
        .filter(|l| !mentions[a][l.left].is_empty() && !mentions[b][l.right].is_empty())
        .collect();
    let discrepancies: Vec<Discrepancy> = par_map(&with_counts, |l| {
        discrepancies_between(
            &articles[a],
            l.left,
            &mentions[a][l.left],
            &articles[b],
            l.right,
            &mentions[b][l.right],
        )
    })
    .into_iter()
    .flatten()
    .collect();
    PairAlignment {
        left: a,
        right: b,
        links,
        unique_left,
        unique_right,
        discrepancies,
    }
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn discrepancies_between(
    la: &Article,
    i: usize,
    ml: &[discrepancy::Mention],
    rb: &Article,
    j: usize,
    mr: &[discrepancy::Mention],
) -> Vec<Discrepancy> {
    let (pl, pr) = (&la.paragraphs[i], &rb.paragraphs[j]);
    let (tl, tr) = (la.para_text(i), rb.para_text(j));
    discrepancy::conflicts(ml, mr)
        .into_iter()
        .map(|(x, y, what)| {
            let (bl, br) = (ml[x].phrase.clone(), mr[y].phrase.clone());
            let cs = |text: &str, base: usize, r: &Range<usize>| {
                let s = base + text[..r.start].chars().count();
                s..s + text[r.clone()].chars().count()
            };
            Discrepancy {
                left: i,
                right: j,
                what,
                left_text: tl[bl.clone()].to_string(),
                right_text: tr[br.clone()].to_string(),
                left_span: cs(tl, pl.chars.start, &bl),
                right_span: cs(tr, pr.chars.start, &br),
            }
        })
        .collect()
}

/// Greedy clustering of links across all pairs, strongest first; a topic holds at most two
/// paragraphs of any one article, so chains of weak links do not swallow the story.
fn cluster_topics(
    corpus: &Corpus,
    pairs: &HashMap<(usize, usize), PairAlignment>,
    n: usize,
) -> Vec<Topic> {
    let mut all: Vec<(f32, Node, Node)> = Vec::new();
    let mut keys: Vec<&(usize, usize)> = pairs.keys().collect();
    keys.sort();
    for k in keys {
        for l in &pairs[k].links {
            all.push((l.score, (k.0, l.left), (k.1, l.right)));
        }
    }
    all.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let linked: std::collections::HashSet<(Node, Node)> =
        all.iter().flat_map(|&(_, x, y)| [(x, y), (y, x)]).collect();
    let mut cluster_of: HashMap<Node, usize> = HashMap::new();
    let mut clusters: Vec<Vec<Node>> = Vec::new();
    // Two groups join only if no article gets more than two paragraphs in the topic and a third
    // of their cross-article pairs are linked (average linkage): one strong link between two
    // topics does not chain them together.
    let fits = |a: &[Node], b: &[Node]| {
        if !(0..n).all(|d| a.iter().chain(b).filter(|m| m.0 == d).count() <= 2) {
            return false;
        }
        let (mut possible, mut found) = (0usize, 0usize);
        for x in a {
            for y in b {
                if x.0 != y.0 {
                    possible += 1;
                    if linked.contains(&(*x, *y)) {
                        found += 1;
                    }
                }
            }
        }
        possible == 0 || found * 3 >= possible
    };
    for (_, x, y) in all {
        match (cluster_of.get(&x).copied(), cluster_of.get(&y).copied()) {
            (None, None) => {
                clusters.push(vec![x, y]);
                cluster_of.insert(x, clusters.len() - 1);
                cluster_of.insert(y, clusters.len() - 1);
            }
            (Some(c), None) | (None, Some(c)) => {
                let new = if cluster_of.contains_key(&x) { y } else { x };
                if fits(&clusters[c], &[new]) {
                    clusters[c].push(new);
                    cluster_of.insert(new, c);
                }
            }
            (Some(c1), Some(c2)) if c1 != c2 && fits(&clusters[c1], &clusters[c2]) => {
                let moved = std::mem::take(&mut clusters[c2]);
                for m in &moved {
                    cluster_of.insert(*m, c1);
                }
                clusters[c1].extend(moved);
            }
            _ => {}
        }
    }
    let mut topics: Vec<Vec<(usize, usize)>> =
        clusters.into_iter().filter(|c| !c.is_empty()).collect();
    for t in &mut topics {
        t.sort();
    }
    topics.sort();
    topics
        .into_iter()
        .enumerate()
        .map(|(id, members)| Topic {
            id,
            label: corpus.label_terms(&members, 3).join(" "),
            members,
        })
        .collect()
}

/// Word sequences (three words or more) that two paragraphs share, as char ranges into each
/// article's text, longest first. Case and punctuation are ignored.
pub fn shared_phrases(
    la: &Article,
    i: usize,
    rb: &Article,
    j: usize,
) -> Vec<(Range<usize>, Range<usize>)> {
    let (tl, tr) = (la.para_text(i), rb.para_text(j));
    let wl = tokenize::words(tl);
    let wr = tokenize::words(tr);
    if wl.is_empty() || wr.is_empty() || wl.len() * wr.len() > 4_000_000 {
        return Vec::new();
    }
    let fl: Vec<String> = wl.iter().map(|w| tokenize::fold(w.1)).collect();
    let fr: Vec<String> = wr.iter().map(|w| tokenize::fold(w.1)).collect();
    let m = fr.len();
    let mut prev = vec![0u32; m + 1];
    let mut cur = vec![0u32; m + 1];
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (len, end_l, end_r)
    for x in 1..=fl.len() {
        for y in 1..=m {
            cur[y] = if fl[x - 1] == fr[y - 1] {
                prev[y - 1] + 1
            } else {
                0
            };
        }
        for y in 1..=m {
            let len = prev[y] as usize;
            // a run ends at (x-1, y) when it does not continue into (x, y+1)
            if len >= 3 && (y == m || cur[y + 1] == 0) {
                runs.push((len, x - 1, y));
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    for (y, &len) in prev.iter().enumerate().skip(1) {
        if len >= 3 {
            runs.push((len as usize, fl.len(), y));
        }
    }
    runs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = Vec::new();
    let mut used_l = vec![false; wl.len()];
    for (len, end_l, end_r) in runs {
        let (sl, sr) = (end_l - len, end_r - len);
        if used_l[sl..end_l].iter().any(|u| *u) {
            continue;
        }
        let content = fl[sl..end_l]
            .iter()
            .filter(|w| !tokenize::is_stop(w))
            .count();
        if content < 2 {
            continue;
        }
        used_l[sl..end_l].iter_mut().for_each(|u| *u = true);
        let cr = |text: &str, base: usize, a: usize, b: usize| {
            let s = base + text[..a].chars().count();
            s..s + text[a..b].chars().count()
        };
        out.push((
            cr(
                tl,
                la.paragraphs[i].chars.start,
                wl[sl].0.start,
                wl[end_l - 1].0.end,
            ),
            cr(
                tr,
                rb.paragraphs[j].chars.start,
                wr[sr].0.start,
                wr[end_r - 1].0.end,
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_candidates_equal_serial_ones() {
        // enough paragraphs to take the threaded path
        let words = [
            "flood", "dam", "gates", "valley", "talks", "fund", "river", "wetlands",
        ];
        let mut texts: Vec<Vec<String>> = vec![Vec::new(), Vec::new()];
        for (d, doc) in texts.iter_mut().enumerate() {
            for k in 0..400usize {
                let w = |x: usize| words[(x * 7 + d * 3) % words.len()];
                doc.push(format!(
                    "The {} and the {} of {} near site {}.",
                    w(k),
                    w(k / 3),
                    w(k / 5),
                    k % 37
                ));
            }
        }
        let docs: Vec<Vec<&str>> = texts
            .iter()
            .map(|d| d.iter().map(String::as_str).collect())
            .collect();
        let c = Corpus::from_sentence_docs(&docs, PARAMS);
        let parallel = c.candidates(0, 1);
        let serial = c.candidates_in(0, 1, 0..docs[0].len());
        assert!(parallel.len() > 400);
        assert_eq!(parallel, serial);
        // mapping keeps order whatever the number of threads
        let items: Vec<usize> = (0..1000).collect();
        for t in [1, 2, 3, 8] {
            assert_eq!(
                par_map_n(&items, t, |x| x * 2),
                items.iter().map(|x| x * 2).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn name_variants_fold() {
        let mut names = vec![
            "idlib".to_string(),
            "idleb".to_string(),
            "putin".to_string(),
            "ankara".to_string(),
        ];
        let m = fold_name_variants(&mut names);
        assert_eq!(m.get("idlib").map(String::as_str), Some("idleb"));
        assert!(!m.contains_key("putin"));
        assert!(edit_distance_le1("assad", "asad"));
        assert!(!edit_distance_le1("assad", "asid"));
    }
}
