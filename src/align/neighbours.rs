//! Which pairs of a story's articles are aligned. A story of a few dozen articles aligns every
//! pair; a bigger one aligns each article with the articles closest to it (cosine of whole-article
//! term vectors, found through an inverted index), so work and memory grow with the number of
//! articles, not with its square.

use super::corpus::{dot, normalize, Corpus, SparseVec};
use super::{HashMap, HashMapExt};

/// Stories up to this many articles align every pair.
pub const ALL_PAIRS_UP_TO: usize = 40;
/// In a bigger story, each article is aligned with this many of its closest articles.
pub const NEIGHBOURS: usize = 8;
/// Longest posting list the neighbour search reads: a term more than this many articles use
/// does not tell which of them are close.
const MAX_POSTINGS: usize = 400;

/// How many pairs a story of `n` articles aligns, when that is known before reading them: every
/// pair of a small story; a big one's count depends on which articles are close.
pub fn pairs_known_ahead(n: usize) -> Option<usize> {
    (n <= ALL_PAIRS_UP_TO).then(|| n * n.saturating_sub(1) / 2)
}

/// The pairs `(a, b)`, `a < b`, to align, sorted.
pub(super) fn pairs_to_align(corpus: &Corpus) -> Vec<(usize, usize)> {
    let n = corpus.docs.len();
    if n <= ALL_PAIRS_UP_TO {
        return (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect();
    }
    let vecs: Vec<SparseVec> = (0..n).map(|d| article_vector(corpus, d)).collect();
    // Terms in more than this many articles say little about which are close, and would make
    // the index quadratic: the cap grows with the story up to a bound, so the work per article
    // stays bounded however many articles there are.
    let cap = (n / 20).clamp(NEIGHBOURS * 4, MAX_POSTINGS);
    let mut index: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
    for (d, v) in vecs.iter().enumerate() {
        for (t, w) in v {
            index.entry(*t).or_default().push((d as u32, *w));
        }
    }
    index.retain(|_, list| list.len() <= cap);
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut acc: Vec<f32> = vec![0.0; n];
    let mut touched: Vec<usize> = Vec::new();
    for (a, v) in vecs.iter().enumerate() {
        for (t, w) in v {
            for (b, wb) in index.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                let b = *b as usize;
                if b == a {
                    continue;
                }
                if acc[b] == 0.0 {
                    touched.push(b);
                }
                acc[b] += w * wb;
            }
        }
        let closer = |x: &usize, y: &usize| acc[*y].total_cmp(&acc[*x]).then(x.cmp(y));
        if touched.len() > NEIGHBOURS {
            touched.select_nth_unstable_by(NEIGHBOURS - 1, closer);
            touched[..NEIGHBOURS].sort_by(closer);
        } else {
            touched.sort_by(closer);
        }
        for &b in touched.iter().take(NEIGHBOURS) {
            out.push((a.min(b), a.max(b)));
        }
        for &b in &touched {
            acc[b] = 0.0;
        }
        touched.clear();
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The article's content paragraphs summed into one unit vector.
fn article_vector(corpus: &Corpus, d: usize) -> SparseVec {
    let mut acc: HashMap<u32, f32> = HashMap::new();
    for p in corpus.docs[d].iter().filter(|p| p.content) {
        for (t, w) in &p.vec {
            *acc.entry(*t).or_insert(0.0) += w;
        }
    }
    let mut v: SparseVec = acc.into_iter().collect();
    v.sort_unstable_by_key(|x| x.0);
    normalize(&mut v);
    debug_assert!(v.is_empty() || (dot(&v, &v) - 1.0).abs() < 1e-3);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Corpus, PARAMS};

    #[test]
    fn small_stories_align_every_pair() {
        let texts: Vec<String> = (0..5).map(|i| format!("river talks {i}")).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = Corpus::from_texts(&refs, PARAMS);
        assert_eq!(pairs_to_align(&c).len(), 10);
    }

    #[test]
    fn big_stories_align_each_article_with_its_closest() {
        // 60 articles in 6 groups; each group shares words no other group uses
        let groups = [
            "harbour ferry",
            "orchard apples",
            "glacier ice",
            "quarry stone",
            "violin concert",
            "comet telescope",
        ];
        let texts: Vec<String> = (0..60)
            .map(|i| format!("{} report number {i} today", groups[i % 6]))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = Corpus::from_texts(&refs, PARAMS);
        let pairs = pairs_to_align(&c);
        assert!(pairs.len() <= 60 * NEIGHBOURS, "{}", pairs.len());
        assert!(pairs.len() < 60 * 59 / 2);
        // every article is paired, and only within its group
        for a in 0..60 {
            assert!(pairs.iter().any(|p| p.0 == a || p.1 == a), "{a} unpaired");
        }
        assert!(pairs.iter().all(|&(a, b)| a % 6 == b % 6), "{pairs:?}");
    }
}
