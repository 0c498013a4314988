//! Tokenised, weighted documents sharing one vocabulary: sentences and paragraphs become sparse
//! vectors over stems, folded names and number values, with an inverted index per document for
//! candidate generation. Scoring lives in `sentence`, link choice in `links`.

use super::lexicon::{Lexicon, RelationKeys};
use super::par::{par_map, par_map_n, threads};
use super::tokenize::{self, TermKind, Token};
use super::weights::{self, Background, Params};
use super::{DocIn, ParaIn};
use super::{HashMap, HashMapExt};

pub(super) type SparseVec = Vec<(u32, f32)>;

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

pub(super) struct Para<'a> {
    pub(super) content: bool,
    pub(super) body: bool,
    /// The article's title: links only to another title or a lede.
    pub(super) title: bool,
    /// Opens the article (standfirst or first body paragraph): what a title may link to.
    pub(super) lede: bool,
    pub(super) vec: SparseVec,
    /// The sentences, and below all terms of the paragraph, for best-match similarity: both
    /// empty when a corpus for links holds a paragraph with no term another document uses,
    /// as it is never scored.
    pub(super) sents: Vec<SentVec<'a>>,
    pub(super) bag: Bag,
}

/// The distinct terms of a passage and the looser keys they can also match by.
#[derive(Default)]
pub(super) struct Bag {
    /// Term ids, sorted, distinct.
    pub(super) ids: Box<[u32]>,
    /// Prefix keys of those terms (see `Corpus::key`), sorted, distinct.
    pub(super) keys: Box<[u32]>,
}

/// No prefix key: numbers and short words match only exactly.
pub(super) const NO_KEY: u32 = u32::MAX;

/// Letters two words must share at the start to count as the same word in another form
/// ("negotiators" / "negotiations").
const PREFIX_LEN: usize = 5;

impl Bag {
    fn of(ids: &[u32], key: &[u32]) -> Bag {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut keys: Vec<u32> = ids
            .iter()
            .map(|&t| key[t as usize])
            .filter(|&k| k != NO_KEY)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        // exact allocations: a long article has a bag per sentence and per paragraph
        Bag {
            ids: ids.into_boxed_slice(),
            keys: keys.into_boxed_slice(),
        }
    }
}

/// A sentence's terms.
pub(super) struct SentVec<'a> {
    /// The sentence as written, for surface evidence (borrowed from the article).
    pub(super) text: &'a str,
    /// Term ids in reading order.
    pub(super) seq: Vec<u32>,
    /// Distinct terms, for best-match similarity.
    pub(super) bag: Bag,
}

/// A document's inverted index: for each term, the content paragraphs that use it with its
/// weight there, in paragraph order. One flat list for the whole document, so a term costs
/// a few bytes, not an allocation of its own.
#[derive(Default, Clone)]
pub(super) struct Postings {
    /// The distinct terms, sorted.
    terms: Vec<u32>,
    /// Where each term's entries start in `entries` (one more than `terms`: the end).
    starts: Vec<u32>,
    /// (paragraph, weight) of every term, grouped by term.
    entries: Vec<(u32, f32)>,
}

impl Postings {
    /// The index of `paras`' content paragraphs. `count` is scratch space with one zero per
    /// term of the vocabulary, left all zero again.
    /// Only the terms `keep` accepts are indexed.
    fn build(paras: &[Para], count: &mut [u32], keep: impl Fn(u32) -> bool) -> Postings {
        let content = || paras.iter().enumerate().filter(|(_, p)| p.content);
        let mut terms: Vec<u32> = Vec::new();
        for (_, p) in content() {
            for (id, _) in p.vec.iter().filter(|(id, _)| keep(*id)) {
                let c = &mut count[*id as usize];
                if *c == 0 {
                    terms.push(*id);
                }
                *c += 1;
            }
        }
        terms.sort_unstable();
        // counts become the cursor where each term's next entry goes
        let mut starts: Vec<u32> = Vec::with_capacity(terms.len() + 1);
        let mut at = 0u32;
        for t in &terms {
            starts.push(at);
            at += std::mem::replace(&mut count[*t as usize], at);
        }
        starts.push(at);
        let mut entries: Vec<(u32, f32)> = vec![(0, 0.0); at as usize];
        for (pi, p) in content() {
            for (id, w) in p.vec.iter().filter(|(id, _)| keep(*id)) {
                let c = &mut count[*id as usize];
                entries[*c as usize] = (pi as u32, *w);
                *c += 1;
            }
        }
        for t in &terms {
            count[*t as usize] = 0;
        }
        Postings {
            terms,
            starts,
            entries,
        }
    }

    /// The entries of term `t`, if the document's content uses it.
    pub(super) fn get(&self, t: u32) -> Option<&[(u32, f32)]> {
        let k = self.terms.binary_search(&t).ok()?;
        let (from, to) = (self.starts[k] as usize, self.starts[k + 1] as usize);
        self.entries.get(from..to)
    }
}

/// Tokenised, weighted documents sharing one vocabulary.
pub struct Corpus<'a> {
    pub(super) surface: Vec<String>,
    pub(super) kinds: Vec<TermKind>,
    pub(super) docs: Vec<Vec<Para<'a>>>,
    /// Per document: term → (paragraph, weight), for candidate generation.
    pub(super) postings: Vec<Postings>,
    /// Paragraphs of the whole input that use each term, and how many paragraphs there are.
    pub(super) df_local: Vec<u32>,
    pub(super) n_local: u32,
    /// Weight of each term: background IDF, damped for words the whole input uses.
    pub(super) weight: Vec<f32>,
    /// Names that at least half of the documents use (the story's protagonists and places):
    /// shared evidence, but not enough to link two passages on their own.
    pub(super) story_wide: Vec<bool>,
    /// Prefix key of each term, shared by words with the same first letters (`NO_KEY`: none).
    pub(super) key: Vec<u32>,
    pub(super) params: Params,
    /// Per term, the other terms of this input the lexicon relates to it (same lemma, synonym,
    /// derived word) and how much such a counterpart counts, sorted by term.
    pub(super) related: Vec<Vec<(u32, f32)>>,
}

/// Paragraphs tokenised in one round of the workers, whose vocabularies are merged after it:
/// enough to keep every core busy, few enough that a worker's vocabulary stays small.
const TOKEN_CHUNK: usize = 16_384;

/// The sentences of a paragraph that take part in alignment (none unless it is content).
fn alignable_sentences<'a, 'p>(p: &'p ParaIn<'a>) -> impl Iterator<Item = &'a str> + 'p {
    p.sentences
        .iter()
        .filter(|_| p.content)
        .filter_map(|r| p.text.get(r.clone()))
}

/// Paragraphs tokenised by one worker: the terms they use, and per paragraph, per sentence,
/// ids into those terms.
struct LocalTerms {
    vocab: Vocab,
    paras: Vec<SentTerms>,
}

impl LocalTerms {
    fn of(paras: &[(usize, &ParaIn)]) -> LocalTerms {
        let mut vocab = Vocab::default();
        let paras = paras
            .iter()
            .map(|(_, p)| {
                alignable_sentences(p)
                    .map(|text| {
                        tokenize::tokenize(text)
                            .iter()
                            .map(|t| vocab.intern(t, text))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        LocalTerms { vocab, paras }
    }
}

/// Terms as tokenised, before name variants are folded: ids in order of first use.
#[derive(Default)]
struct Vocab {
    index: HashMap<String, u32>,
    terms: Vec<String>,
    kinds: Vec<TermKind>,
    /// The surface form of each term's first use.
    surface: Vec<String>,
}

impl Vocab {
    /// The id of token `t` of sentence `text`.
    fn intern(&mut self, t: &Token, text: &str) -> u32 {
        self.add(&t.term, t.kind, || t.surface(text))
    }

    /// Term `k` of `other`, with its kind and first surface form there.
    fn merge(&mut self, other: &Vocab, k: usize) -> u32 {
        self.add(&other.terms[k], other.kinds[k], || other.surface[k].clone())
    }

    /// The id of `term`, added with `surface` if new; a term read as a name anywhere is a
    /// name (its kind is the greatest seen).
    fn add(&mut self, term: &str, kind: TermKind, surface: impl FnOnce() -> String) -> u32 {
        if let Some(&id) = self.index.get(term) {
            let known = &mut self.kinds[id as usize];
            *known = (*known).max(kind);
            return id;
        }
        let id = self.terms.len() as u32;
        self.index.insert(term.to_string(), id);
        self.terms.push(term.to_string());
        self.kinds.push(kind);
        self.surface.push(surface());
        id
    }
}

/// How many documents use each term in their content, and how many documents have content.
fn docs_using(terms: &[Vec<SentTerms>], n_terms: usize, docs: &[DocIn]) -> (Vec<u32>, usize) {
    let mut used = vec![0u32; n_terms];
    // the last document counted for each term, plus one (0: none yet)
    let mut last = vec![0u32; n_terms];
    let mut n_docs = 0;
    for (d, (dt, din)) in terms.iter().zip(docs).enumerate() {
        let mark = d as u32 + 1;
        let mut any = false;
        let content = dt.iter().zip(&din.paras).filter(|(_, p)| p.content);
        for id in content.flat_map(|(s, _)| s.iter().flatten()) {
            let t = *id as usize;
            any = true;
            if last[t] != mark {
                last[t] = mark;
                used[t] += 1;
            }
        }
        n_docs += usize::from(any);
    }
    (used, n_docs)
}

/// Which terms are names used by the content of at least half the documents (of two or more).
fn story_wide_names(kinds: &[TermKind], used: &[u32], n_docs: usize) -> Vec<bool> {
    kinds
        .iter()
        .zip(used)
        .map(|(k, u)| *k == TermKind::Name && n_docs >= 2 && 2 * *u as usize >= n_docs)
        .collect()
}

/// Senses of a word (per part of speech, most frequent first) whose synonyms count.
const SENSES: usize = 3;

/// Per term, the other terms of the input the lexicon relates to it: the same lemma counts
/// fully ("struck" / "strike"), a synonym or a derived word ("evacuate" / "evacuation") counts
/// `lexical`, a word and what it is a kind of ("ferry" / "boat") count `broader`.
/// Words are looked up by their surface form; names and numbers relate to nothing.
/// The lexicon is read only here, when a corpus has words.
fn related_terms(
    surface: &[String],
    kinds: &[TermKind],
    lexical: f32,
    broader: f32,
) -> Vec<Vec<(u32, f32)>> {
    // about a microsecond a word: cheaper in one thread than spread over several
    let keys: Vec<RelationKeys> = surface
        .iter()
        .zip(kinds)
        .map(|(w, k)| match k {
            TermKind::Word => Lexicon::builtin().relation_keys(w, SENSES),
            _ => RelationKeys::default(),
        })
        .collect();
    let mut by_lemma: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut by_synset: HashMap<u64, Vec<u32>> = HashMap::new();
    for (t, k) in keys.iter().enumerate() {
        if let Some(l) = k.lemma {
            by_lemma.entry(l).or_default().push(t as u32);
        }
        for s in &k.synsets {
            by_synset.entry(*s).or_default().push(t as u32);
        }
    }
    let mut related: Vec<Vec<(u32, f32)>> = vec![Vec::new(); keys.len()];
    let none = Vec::new();
    for (t, k) in keys.iter().enumerate() {
        let Some(l) = k.lemma else {
            continue;
        };
        let r = &mut related[t];
        r.extend(by_lemma.get(&l).unwrap_or(&none).iter().map(|&u| (u, 1.0)));
        for s in &k.synsets {
            r.extend(
                by_synset
                    .get(s)
                    .unwrap_or(&none)
                    .iter()
                    .map(|&u| (u, lexical)),
            );
        }
        for h in &k.broader {
            r.extend(
                by_synset
                    .get(h)
                    .unwrap_or(&none)
                    .iter()
                    .map(|&u| (u, broader)),
            );
        }
        for d in &k.derived {
            r.extend(
                by_lemma
                    .get(d)
                    .unwrap_or(&none)
                    .iter()
                    .map(|&u| (u, lexical)),
            );
        }
    }
    // derived and broader links hold both ways
    for t in 0..related.len() {
        for k in 0..related[t].len() {
            let (u, m) = related[t][k];
            if m < 1.0 {
                related[u as usize].push((t as u32, m));
            }
        }
    }
    for (t, r) in related.iter_mut().enumerate() {
        r.retain(|(u, _)| *u as usize != t);
        // best match per term first, then one entry per term
        r.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        r.dedup_by_key(|x| x.0);
    }
    related
}

/// Prefix key of each term: words (not numbers) of at least `PREFIX_LEN` letters that begin
/// alike share a key.
fn prefix_keys(terms: &[&str], kinds: &[TermKind]) -> Vec<u32> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    terms
        .iter()
        .zip(kinds)
        .map(|(t, k)| {
            if *k == TermKind::Number || t.chars().count() < PREFIX_LEN {
                return NO_KEY;
            }
            let end = t.char_indices().nth(PREFIX_LEN).map_or(t.len(), |(i, _)| i);
            let n = ids.len() as u32;
            *ids.entry(&t[..end]).or_insert(n)
        })
        .collect()
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

impl<'a> Corpus<'a> {
    pub fn build(docs: &[DocIn<'a>], bg: &Background, params: Params) -> Corpus<'a> {
        Corpus::build_with(docs, bg, params, false)
    }

    /// A corpus for aligning its documents with each other, not each with itself: the postings
    /// leave out the terms one document alone uses, which no other document looks up.
    pub(super) fn for_links(docs: &[DocIn<'a>], bg: &Background, params: Params) -> Corpus<'a> {
        Corpus::build_with(docs, bg, params, true)
    }

    fn build_with(docs: &[DocIn<'a>], bg: &Background, params: Params, prune: bool) -> Corpus<'a> {
        // 1. terms per sentence: each worker tokenises its share of a chunk of paragraphs
        //    into a vocabulary of its own, then those are merged in order, so that a term
        //    is looked up once per share, not once per use, and tokens are freed where
        //    they were made
        let mut raw = Vocab::default();
        let mut para_terms: Vec<Vec<SentTerms>> = docs
            .iter()
            .map(|d| Vec::with_capacity(d.paras.len()))
            .collect();
        let all: Vec<(usize, &ParaIn<'a>)> = docs
            .iter()
            .enumerate()
            .flat_map(|(d, din)| din.paras.iter().map(move |p| (d, p)))
            .collect();
        for chunk in all.chunks(TOKEN_CHUNK) {
            let workers = if chunk.len() >= 256 { threads() } else { 1 };
            let shares: Vec<&[(usize, &ParaIn<'a>)]> =
                chunk.chunks(chunk.len().div_ceil(workers)).collect();
            let read = par_map_n(&shares, workers, |share| LocalTerms::of(share));
            for (share, local) in shares.iter().zip(read) {
                let remap: Vec<u32> = (0..local.vocab.terms.len())
                    .map(|k| raw.merge(&local.vocab, k))
                    .collect();
                for ((d, _), mut ps) in share.iter().zip(local.paras) {
                    for id in ps.iter_mut().flatten() {
                        *id = remap[*id as usize];
                    }
                    para_terms[*d].push(ps);
                }
            }
        }
        // 2. name variants fold into one term; ids in order of first use
        let mut names: Vec<String> = raw
            .terms
            .iter()
            .zip(&raw.kinds)
            .filter(|(_, k)| **k == TermKind::Name)
            .map(|(t, _)| t.clone())
            .collect();
        let variants = fold_name_variants(&mut names);
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut surface: Vec<String> = Vec::new();
        let mut kinds: Vec<TermKind> = Vec::new();
        let mut remap: Vec<u32> = Vec::with_capacity(raw.terms.len());
        for ((term, kind), surf) in raw.terms.iter().zip(&raw.kinds).zip(raw.surface) {
            let term = variants.get(term).unwrap_or(term);
            let id = match vocab.get(term.as_str()) {
                Some(&id) => {
                    // a term read as a name anywhere is a name
                    let k = &mut kinds[id as usize];
                    *k = (*k).max(*kind);
                    id
                }
                None => {
                    let id = surface.len() as u32;
                    vocab.insert(term.clone(), id);
                    surface.push(surf);
                    kinds.push(*kind);
                    id
                }
            };
            remap.push(id);
        }
        drop(raw.index);
        //    local document frequency (unit: paragraph)
        let mut df_local: Vec<u32> = vec![0; surface.len()];
        let mut n_local = 0u32;
        let mut seen: Vec<u32> = Vec::new();
        for (dp, din) in para_terms.iter_mut().zip(docs) {
            for (ps, pin) in dp.iter_mut().zip(&din.paras) {
                seen.clear();
                for id in ps.iter_mut().flatten() {
                    *id = remap[*id as usize];
                    seen.push(*id);
                }
                if pin.content && !seen.is_empty() {
                    n_local += 1;
                    seen.sort_unstable();
                    seen.dedup();
                    for id in &seen {
                        df_local[*id as usize] += 1;
                    }
                }
            }
        }
        let (used, n_docs) = docs_using(&para_terms, kinds.len(), docs);
        let story_wide = story_wide_names(&kinds, &used, n_docs);
        let shared = |t: u32| !prune || used[t as usize] >= 2;
        // 3. weights: background IDF, damped for words most of this story uses
        let mut terms_by_id: Vec<&str> = vec![""; surface.len()];
        for (k, v) in &vocab {
            terms_by_id[*v as usize] = k;
        }
        let idf = weights::term_weights(&terms_by_id, &kinds, &df_local, n_local, bg, &params);
        let key = prefix_keys(&terms_by_id, &kinds);
        let related = related_terms(&surface, &kinds, params.lexical_match, params.broader_match);
        // 4. vectors
        let mut out_docs = Vec::with_capacity(docs.len());
        let mut postings = Vec::with_capacity(docs.len());
        let mut count: Vec<u32> = vec![0; surface.len()];
        let weigh = |ids: &mut dyn Iterator<Item = u32>| -> SparseVec {
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
            normalize(&mut v);
            v.shrink_to_fit();
            v
        };
        let para = |(sents, pin): &(SentTerms, &ParaIn<'a>)| -> Para<'a> {
            let vec = weigh(&mut sents.iter().flatten().copied());
            // Sentences and bags are read only when the paragraph is scored against another
            // document's, and candidates come from the shared terms: a paragraph with none
            // (most of a long document next to a short one) never is.
            let (bag, svecs) = if sents.iter().flatten().any(|&t| shared(t)) {
                let all: Vec<u32> = sents.iter().flatten().copied().collect();
                let svecs: Vec<SentVec> = sents
                    .iter()
                    .zip(alignable_sentences(pin))
                    .map(|(s, text)| SentVec {
                        text,
                        bag: Bag::of(s, &key),
                        seq: s.clone(),
                    })
                    .collect();
                (Bag::of(&all, &key), svecs)
            } else {
                (Bag::default(), Vec::new())
            };
            Para {
                content: pin.content && !vec.is_empty(),
                body: pin.body,
                title: pin.title,
                lede: pin.lede,
                vec,
                sents: svecs,
                bag,
            }
        };
        for (dt, din) in para_terms.into_iter().zip(docs) {
            // each paragraph on its own, over every core
            let input: Vec<(SentTerms, &ParaIn<'a>)> = dt.into_iter().zip(&din.paras).collect();
            let paras = par_map(&input, para);
            drop(input);
            postings.push(Postings::build(&paras, &mut count, shared));
            out_docs.push(paras);
        }
        Corpus {
            surface,
            kinds,
            docs: out_docs,
            postings,
            df_local,
            n_local,
            weight: idf,
            story_wide,
            key,
            params,
            related,
        }
    }

    /// A corpus of plain texts, each one document of one paragraph of one sentence.
    pub fn from_texts(texts: &[&'a str], params: Params) -> Corpus<'a> {
        let docs: Vec<Vec<&str>> = texts.iter().map(|t| vec![*t]).collect();
        Corpus::from_sentence_docs(&docs, params)
    }

    /// A corpus of documents given as lists of sentences, each sentence its own paragraph.
    pub fn from_sentence_docs(docs: &[Vec<&'a str>], params: Params) -> Corpus<'a> {
        let docs: Vec<DocIn> = docs
            .iter()
            .map(|d| DocIn {
                paras: d.iter().map(|t| ParaIn::sentence(t)).collect(),
            })
            .collect();
        Corpus::build(&docs, Background::builtin(), params)
    }

    /// Per document, per paragraph: a body paragraph that takes part in alignment.
    pub(super) fn bodies(&self) -> Vec<Vec<bool>> {
        self.docs
            .iter()
            .map(|d| d.iter().map(|p| p.body && p.content).collect())
            .collect()
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
