//! A story's alignment as the reader and the CLI see it: every pair's links, unique passages and
//! conflicting figures, the topics, and queries over them. Built by `StoryAlignment::build`.

use super::quantities::{FigureRow, Figures};
use super::{Discrepancy, Link, Topic};
use super::{HashMap, HashMapExt};

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
    /// Every candidate pair of paragraphs of each aligned pair with its score, best first:
    /// kept only when built with `build_ranked`.
    pub(super) ranked: HashMap<(usize, usize), Vec<Link>>,
    /// One row per counted thing of the story, conflicts first.
    pub(super) figures: Vec<FigureRow>,
    /// Per article, how many topics it covers.
    pub(super) covered: Vec<usize>,
}

/// Sources beyond which the story's tables (topics × sources, figures × sources) become lists
/// naming, per row, only the sources that have something: a table of thousands of columns
/// helps no reader, and its size is the product of two counts.
pub const TABLE_SOURCES: usize = 24;

/// How many topics each of `n` articles covers.
pub(super) fn topics_covered(topics: &[Topic], n: usize) -> Vec<usize> {
    let mut covered = vec![0; n];
    for t in topics {
        let mut last = None;
        for &(a, _) in &t.members {
            if last != Some(a) {
                if let Some(c) = covered.get_mut(a) {
                    *c += 1;
                }
                last = Some(a);
            }
        }
    }
    covered
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
            ranked: HashMap::new(),
            figures: Vec::new(),
            covered: vec![0; n_articles],
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
        let covered = self.covered.get(article).copied().unwrap_or(0);
        (covered, self.topics.len())
    }

    /// Every candidate pair of paragraphs of articles `a` < `b` with its score, best first
    /// (for `--min-score`); `None` unless the alignment was built with `build_ranked` and
    /// aligned that pair.
    pub fn ranked_candidates(&self, a: usize, b: usize) -> Option<&[Link]> {
        self.ranked.get(&(a, b)).map(Vec::as_slice)
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

/// Unique passages and conflicting figures of a pair, given its links. `bodies`: per
/// article, per paragraph, whether it is a body paragraph that takes part in alignment.
pub(super) fn finish_pair(
    bodies: &[Vec<bool>],
    figures: &Figures,
    a: usize,
    b: usize,
    links: Vec<Link>,
) -> PairAlignment {
    let unique = |d: usize, linked: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..bodies[d].len())
            .filter(|&p| bodies[d][p] && !linked(p))
            .collect()
    };
    let mut linked_l = vec![false; bodies[a].len()];
    let mut linked_r = vec![false; bodies[b].len()];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_covered_counts_each_article_once_per_topic() {
        let topic = |id, members: Vec<(usize, usize)>| Topic {
            id,
            label: String::new(),
            members,
        };
        let topics = [
            topic(0, vec![(0, 1), (0, 3), (2, 0)]),
            topic(1, vec![(1, 4), (2, 2)]),
            // a member past the story's articles is ignored, not a panic
            topic(2, vec![(2, 5), (9, 0)]),
        ];
        assert_eq!(topics_covered(&topics, 4), vec![1, 1, 3, 0]);
    }

    #[test]
    fn a_figure_row_holds_only_the_sources_that_give_a_figure() {
        let cell = |v: &str| crate::align::FigureCell {
            value_text: v.into(),
            phrase: v.into(),
            para: 0,
            span: 0..2,
        };
        let row = FigureRow {
            label: "people evacuated".into(),
            cells: vec![(3, cell("40")), (70_000, cell("42"))],
            conflict: true,
            reason: String::new(),
        };
        assert_eq!(row.sources(), 2);
        assert_eq!(row.cell(3).map(|c| c.value_text.as_str()), Some("40"));
        assert_eq!(row.cell(70_000).map(|c| c.value_text.as_str()), Some("42"));
        assert!(row.cell(4).is_none() && row.cell(0).is_none());
    }
}
