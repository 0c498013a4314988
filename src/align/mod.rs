//! The alignment engine: which paragraphs of two articles cover the same thing, what only one
//! side reports, topics across a story, conflicting figures and shared phrases.
//! Pure, offline, deterministic. Must not depend on annotate, app, ui, ratatui or crossterm.
//!
//! The pipeline, one file per stage:
//! 1. `weights`: term weights from background statistics, damped for words the whole story uses;
//! 2. `corpus`: paragraphs and sentences become weighted vectors over one vocabulary;
//! 3. `sentence`: similarity of sentences, and of paragraphs through their best sentence pair;
//! 4. `links`: candidates from an inverted index, links chosen relative to the alternatives;
//! 5. `topics`: links of all pairs clustered into the story's topics, labelled by `label`;
//! 6. `quantities`: figures of every sentence matched across each pair and the story;
//!    `story`: unique passages and conflicting figures of every pair.
//!
//! The corpus is dropped once links and topics are read: figures need only the articles.

mod corpus;
mod label;
pub mod learned;
pub mod lexicon;
mod links;
mod neighbours;
pub(crate) mod par;
mod phrases;
pub mod quantities;
mod sentence;
mod story;
pub mod tokenize;
mod topics;
mod weights;

pub use corpus::Corpus;
pub use neighbours::{pairs_known_ahead, ALL_PAIRS_UP_TO, NEIGHBOURS};
pub use phrases::shared_phrases;
pub use quantities::{Discrepancy, FigureCell, FigureRow};
pub use sentence::{best_matching_sentence, FEATURES, N_FEATURES};
pub use story::{PairAlignment, StoryAlignment, TABLE_SOURCES};
pub use topics::Topic;
pub use weights::{Background, Params, PARAMS};

use crate::store::{Article, Kind};
/// The engine's maps and sets, keyed by its terms, words and ids: foldhash is several times
/// quicker than the standard hasher on such short keys, and is seeded per process like it.
pub(crate) use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use par::{par_map_n, threads};
use std::ops::Range;

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
    /// The article's title: it may link only to another title or a lede.
    pub title: bool,
    /// Opens the article (its standfirst, or its first body paragraph).
    pub lede: bool,
}

impl<'a> ParaIn<'a> {
    /// A body paragraph of one sentence: `text` as a whole.
    pub fn sentence(text: &'a str) -> ParaIn<'a> {
        ParaIn {
            text,
            sentences: std::iter::once(0..text.len()).collect(),
            content: true,
            body: true,
            title: false,
            lede: false,
        }
    }
}

impl<'a> DocIn<'a> {
    pub fn from_article(a: &'a Article) -> DocIn<'a> {
        // the lede: the standfirst, or else the first body paragraph
        let lede = a
            .paragraphs
            .iter()
            .position(|p| p.kind == Kind::Standfirst)
            .or_else(|| a.paragraphs.iter().position(|p| p.kind == Kind::Body));
        let paras = a
            .paragraphs
            .iter()
            .enumerate()
            .map(|(k, p)| {
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
                    title: p.kind == Kind::Title,
                    lede: lede == Some(k),
                }
            })
            .collect();
        DocIn { paras }
    }
}

/// A paragraph pair judged to cover the same thing.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Link {
    pub left: usize,
    pub right: usize,
    pub score: f32,
    pub terms: Vec<String>,
}

impl StoryAlignment {
    /// Align every pair of the story and cluster topics. `progress` is called after each pair.
    pub fn build(articles: &[Article], progress: impl FnMut(usize, usize)) -> StoryAlignment {
        StoryAlignment::build_with(articles, false, progress)
    }

    /// `build`, keeping every candidate pair of paragraphs of each aligned pair of articles
    /// with its score (see `ranked_candidates`), as `align --min-score` shows them.
    pub fn build_ranked(
        articles: &[Article],
        progress: impl FnMut(usize, usize),
    ) -> StoryAlignment {
        StoryAlignment::build_with(articles, true, progress)
    }

    fn build_with(
        articles: &[Article],
        ranked: bool,
        mut progress: impl FnMut(usize, usize),
    ) -> StoryAlignment {
        let docs: Vec<DocIn> = articles.iter().map(DocIn::from_article).collect();
        let corpus = Corpus::for_links(&docs, Background::builtin(), PARAMS);
        let keys = neighbours::pairs_to_align(&corpus);
        let total = keys.len();
        // pairs in small batches over every core, reporting progress after each batch
        let mut links: Vec<((usize, usize), Vec<Link>)> = Vec::with_capacity(total);
        let workers = if keys.len() >= 8 { threads() } else { 1 };
        for batch in keys.chunks(4 * workers) {
            let found = par_map_n(batch, workers, |&(a, b)| links::pair_links(&corpus, a, b));
            links.extend(batch.iter().copied().zip(found));
            progress(links.len(), total);
        }
        let ranked: HashMap<(usize, usize), Vec<Link>> = if ranked {
            keys.iter()
                .map(|&(a, b)| ((a, b), links::ranked_candidates(&corpus, a, b)))
                .collect()
        } else {
            HashMap::new()
        };
        let topics = topics::cluster_topics(&corpus, &links);
        // what the rest needs of the corpus; it is the biggest structure here, gone before
        // the figures are read
        let bodies = corpus.bodies();
        drop(corpus);
        drop(docs);
        let figures = quantities::Figures::build_for(quantities::story_frames(articles), &keys);
        StoryAlignment::assemble(articles.len(), links, &bodies, figures, topics, ranked)
    }

    /// The alignment from its parts: each pair finished with its unique passages and
    /// discrepancies, the topics indexed by paragraph.
    fn assemble(
        n: usize,
        links: Vec<((usize, usize), Vec<Link>)>,
        bodies: &[Vec<bool>],
        figures: quantities::Figures,
        topics: Vec<Topic>,
        ranked: HashMap<(usize, usize), Vec<Link>>,
    ) -> StoryAlignment {
        let pairs: HashMap<(usize, usize), PairAlignment> = links
            .into_iter()
            .map(|((a, b), ls)| ((a, b), story::finish_pair(bodies, &figures, a, b, ls)))
            .collect();
        let mut topic_of = HashMap::new();
        for t in &topics {
            for m in &t.members {
                topic_of.insert(*m, t.id);
            }
        }
        let covered = story::topics_covered(&topics, n);
        StoryAlignment {
            covered,
            topics,
            pairs,
            topic_of,
            n_articles: n,
            ranked,
            figures: figures.rows,
        }
    }
}
