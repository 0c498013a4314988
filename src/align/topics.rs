//! Topics of a story: links of every pair clustered into groups of paragraphs that cover the same
//! thing, each labelled with the words its members share.

use super::corpus::Corpus;
use super::tokenize::TermKind;
use super::PairAlignment;
use std::collections::HashMap;

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

/// (article, paragraph)
type Node = (usize, usize);

impl Corpus {
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
}

/// Greedy clustering of links across all pairs, strongest first; a topic holds at most two
/// paragraphs of any one article, so chains of weak links do not swallow the story.
pub(super) fn cluster_topics(
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
