//! Topics of a story: links of every pair clustered into groups of paragraphs that cover the same
//! thing, each labelled with a short phrase from its members' text (see `label`), numbered in
//! the reading order of the first article.

use super::corpus::Corpus;
use super::label::{Phrases, Weighed};
use super::par::{par_map_n, threads};
use super::tokenize::{self, TermKind};
use super::Link;
use super::{HashMap, HashMapExt, HashSet, HashSetExt};

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

    /// The articles with paragraphs in this topic, each with its paragraphs, in article order.
    pub fn by_article(&self) -> Vec<(usize, Vec<usize>)> {
        let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
        for &(a, p) in &self.members {
            match out.last_mut() {
                Some((last, ps)) if *last == a => ps.push(p),
                _ => out.push((a, vec![p])),
            }
        }
        out
    }
}

/// (article, paragraph)
type Node = (usize, usize);

impl Corpus<'_> {
    /// Weight of each term in a topic: summed over its paragraphs, times the share of the
    /// topic's articles using it, times how rare it is in the rest of the story. Numbers do not
    /// count.
    /// Sorted by term.
    fn topic_weights(&self, members: &[(usize, usize)]) -> Vec<(u32, f32)> {
        // every (term, article, weight) of the members, grouped by term in member order
        let mut uses: Vec<(u32, usize, f32)> = members
            .iter()
            .flat_map(|&(d, p)| self.docs[d][p].vec.iter().map(move |&(id, w)| (id, d, w)))
            .collect();
        uses.sort_by_key(|u| u.0);
        let ndocs = {
            let mut ds: Vec<usize> = members.iter().map(|m| m.0).collect();
            ds.sort_unstable();
            ds.dedup();
            ds.len() as f32
        };
        let mut out: Vec<(u32, f32)> = Vec::new();
        for group in uses.chunk_by(|x, y| x.0 == y.0) {
            let id = group[0].0;
            if self.kinds[id as usize] == TermKind::Number {
                continue;
            }
            let w: f32 = group.iter().fold(0.0, |acc, u| acc + u.2);
            let mut docs: Vec<usize> = group.iter().map(|u| u.1).collect();
            docs.sort_unstable();
            docs.dedup();
            let spread = docs.len() as f32 / ndocs;
            let rarity =
                (1.0 + self.n_local as f32 / self.df_local[id as usize].max(1) as f32).ln();
            out.push((id, w * spread * rarity * rarity));
        }
        out
    }

    /// What a topic's label is chosen from: the term weights of the topic and its candidate
    /// phrases (see `topic_label`).
    fn label_options(&self, members: &[(usize, usize)]) -> LabelOptions<'_> {
        let weights = self.topic_weights(members);
        let mut sentences: Vec<Weighed> = Vec::new();
        for &(d, p) in members {
            for s in &self.docs[d][p].sents {
                // the sentence's tokens come in the order of its term ids
                let ranges = tokenize::token_ranges(s.text);
                if ranges.len() != s.seq.len() {
                    continue;
                }
                let terms = ranges
                    .into_iter()
                    .zip(&s.seq)
                    .map(|(r, id)| {
                        let w = weights
                            .binary_search_by_key(id, |x| x.0)
                            .map_or(0.0, |k| weights[k].1);
                        (r, w, *id)
                    })
                    .collect();
                sentences.push(Weighed {
                    article: d,
                    text: s.text,
                    terms,
                });
            }
        }
        LabelOptions {
            phrases: Phrases::of(&sentences),
            weights,
        }
    }

    /// A short phrase from the topic's sentences naming what they share, other than the labels
    /// already `taken` by other topics; the three heaviest words when no phrase can be taken.
    /// `taken`: the labels of earlier topics, in lower case.
    fn topic_label(&self, options: &LabelOptions, taken: &HashSet<String>) -> String {
        let free = options
            .phrases
            .as_ref()
            .and_then(|p| p.best(|l| !taken.contains(&l.to_ascii_lowercase())));
        free.unwrap_or_else(|| {
            let mut ranked: Vec<(f32, u32)> =
                options.weights.iter().map(|(id, w)| (*w, *id)).collect();
            ranked.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
            ranked
                .iter()
                .take(3)
                .map(|(_, id)| self.surface[*id as usize].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
    }
}

/// A topic's term weights and candidate phrases, read ahead of choosing its label.
struct LabelOptions<'a> {
    weights: Vec<(u32, f32)>,
    phrases: Option<Phrases<'a>>,
}

/// Topics whose label options are read at once (over every core): enough to keep the cores
/// busy, few enough that the options held stay small.
const LABEL_CHUNK: usize = 64;
/// Fewer topics than this are read in one thread: not worth starting others.
const LABEL_PARALLEL: usize = 32;

/// Greedy clustering of links across all pairs, strongest first; a topic holds at most two
/// paragraphs of any one article, so chains of weak links do not swallow the story.
pub(super) fn cluster_topics(corpus: &Corpus, pairs: &[((usize, usize), Vec<Link>)]) -> Vec<Topic> {
    let mut all: Vec<(f32, Node, Node)> = Vec::new();
    let mut sorted: Vec<&((usize, usize), Vec<Link>)> = pairs.iter().collect();
    sorted.sort_by_key(|p| p.0);
    for (k, links) in sorted {
        for l in links {
            all.push((l.score, (k.0, l.left), (k.1, l.right)));
        }
    }
    all.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let linked: HashSet<(Node, Node)> =
        all.iter().flat_map(|&(_, x, y)| [(x, y), (y, x)]).collect();
    let mut cluster_of: HashMap<Node, usize> = HashMap::new();
    let mut clusters: Vec<Vec<Node>> = Vec::new();
    // Two groups join only if no article gets more than two paragraphs in the topic and a third
    // of their cross-article pairs are linked (average linkage): one strong link between two
    // topics does not chain them together.
    let fits = |a: &[Node], b: &[Node]| {
        // at most two paragraphs of any one article (counted over the members only, so the
        // cost does not grow with the story)
        let mut arts: Vec<usize> = a.iter().chain(b).map(|m| m.0).collect();
        arts.sort_unstable();
        if arts.windows(3).any(|w| w[0] == w[2]) {
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
    let mut labels: Vec<String> = Vec::with_capacity(topics.len());
    let mut taken: HashSet<String> = HashSet::new();
    // the options of each topic in parallel; the labels in order, each avoiding those before
    for chunk in topics.chunks(LABEL_CHUNK) {
        let workers = if chunk.len() >= LABEL_PARALLEL {
            threads()
        } else {
            1
        };
        for options in par_map_n(chunk, workers, |members| corpus.label_options(members)) {
            let label = corpus.topic_label(&options, &taken);
            taken.insert(label.to_ascii_lowercase());
            labels.push(label);
        }
    }
    topics
        .into_iter()
        .zip(labels)
        .enumerate()
        .map(|(id, (members, label))| Topic { id, label, members })
        .collect()
}
