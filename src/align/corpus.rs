//! Tokenised, weighted documents sharing one vocabulary: sentences and paragraphs become sparse
//! vectors over stems, folded names and number values, with an inverted index per document for
//! candidate generation. Scoring lives in `sentence`, link choice in `links`.

use super::learned;
use super::par::par_map;
use super::tokenize::{self, TermKind, Token};
use super::weights::{self, Background, Params};
use super::{DocIn, ParaIn};
use std::collections::HashMap;
use std::sync::OnceLock;

pub(super) type SparseVec = Vec<(u32, f32)>;

/// Per paragraph: (content, body, tokens per sentence).
type ParaTokens<'a> = (bool, bool, Vec<(&'a str, Vec<Token>)>);
/// Per paragraph, per sentence: term ids.
type SentTerms = Vec<Vec<u32>>;

pub(super) fn normalize(v: &mut SparseVec) {
    let n: f32 = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if n > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= n;
        }
    }
}

pub(super) fn dot(a: &SparseVec, b: &SparseVec) -> f32 {
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

pub(super) struct Para {
    pub(super) content: bool,
    pub(super) body: bool,
    pub(super) vec: SparseVec,
    pub(super) sents: Vec<SentVec>,
}

/// A sentence's unit vector plus what is needed to recover raw weights: its L2 norm and L1
/// mass.
pub(super) struct SentVec {
    pub(super) vec: SparseVec,
    pub(super) norm: f32,
    pub(super) mass: f32,
    /// Term ids in reading order.
    pub(super) seq: Vec<u32>,
    /// The sentence as written, for surface evidence.
    pub(super) text: Box<str>,
    /// Surface evidence, computed when a learned model first needs it.
    pub(super) profile: OnceLock<learned::Profile>,
}

impl SentVec {
    pub(super) fn profile(&self) -> &learned::Profile {
        self.profile
            .get_or_init(|| learned::Profile::of(&self.text))
    }
}

/// Tokenised, weighted documents sharing one vocabulary.
pub struct Corpus {
    pub(super) surface: Vec<String>,
    pub(super) kinds: Vec<TermKind>,
    pub(super) docs: Vec<Vec<Para>>,
    /// Per document: term → (paragraph, weight), for candidate generation.
    pub(super) postings: Vec<HashMap<u32, Vec<(u32, f32)>>>,
    /// Paragraphs of the whole input that use each term, and how many paragraphs there are.
    pub(super) df_local: Vec<u32>,
    pub(super) n_local: u32,
    pub(super) params: Params,
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
        let idf = weights::term_weights(&terms_by_id, &kinds, &df_local, n_local, bg, &params);
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

    pub(super) fn is_body(&self, d: usize, p: usize) -> bool {
        self.docs[d][p].body && self.docs[d][p].content
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
