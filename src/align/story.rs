//! A story's alignment as the reader and the CLI see it: every pair's links, unique passages and
//! conflicting figures, the topics, and queries over them. Built by `StoryAlignment::build`.

use super::corpus::Corpus;
use super::links::to_link;
use super::quantities::{FigureRow, Figures};
use super::{Discrepancy, Link, Topic};
use std::collections::HashMap;

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
                reason: d.reason.clone(),
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
    pub(super) pairs: HashMap<(usize, usize), PairAlignment>,
    /// (article, paragraph) → topic id
    pub(super) topic_of: HashMap<(usize, usize), usize>,
    pub n_articles: usize,
    /// The weighted documents, kept for ranking every candidate on demand.
    pub(super) corpus: Corpus,
    /// One row per counted thing of the story, conflicts first.
    pub(super) figures: Vec<FigureRow>,
}

impl StoryAlignment {
    /// A story not aligned yet: no links, no topics, every pair empty (what the reader shows
    /// while the real alignment is built).
    pub fn empty(n_articles: usize) -> StoryAlignment {
        StoryAlignment {
            topics: Vec::new(),
            pairs: HashMap::new(),
            topic_of: HashMap::new(),
            n_articles,
            corpus: Corpus::empty(n_articles),
            figures: Vec::new(),
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
            .map(|c| to_link(corpus, a, b, c))
            .collect();
        out.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then((x.left, x.right).cmp(&(y.left, y.right)))
        });
        out
    }

    /// Every counted thing of the story with the figure each article gives, conflicts first.
    pub fn figures(&self) -> &[FigureRow] {
        &self.figures
    }

    /// Whether two articles were aligned with each other: a story of more than
    /// `ALL_PAIRS_UP_TO` articles aligns each article only with its closest ones.
    pub fn is_aligned(&self, a: usize, b: usize) -> bool {
        a == b || self.pairs.contains_key(&(a.min(b), a.max(b)))
    }

    /// Number of links between two articles (how much they overlap).
    pub fn overlap(&self, a: usize, b: usize) -> usize {
        let k = (a.min(b), a.max(b));
        self.pairs.get(&k).map(|p| p.links.len()).unwrap_or(0)
    }
}

/// Unique passages and conflicting figures of a pair, given its links.
pub(super) fn finish_pair(
    corpus: &Corpus,
    figures: &Figures,
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
    PairAlignment {
        left: a,
        right: b,
        links,
        unique_left,
        unique_right,
        discrepancies: figures.discrepancies(a, b),
    }
}
