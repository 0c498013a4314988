//! Link selection: candidate paragraph pairs from the inverted index, and which of them become
//! links, chosen relative to each paragraph's alternatives (mutual best, standing out from the
//! rest) rather than by one global threshold.

use super::corpus::{dot, Corpus, NO_KEY};
use super::par::{par_map, par_map_n, threads};
use super::Link;
use std::ops::Range;

impl Corpus<'_> {
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
    pub(super) fn candidates_in(
        &self,
        a: usize,
        b: usize,
        range: Range<usize>,
    ) -> Vec<(usize, usize, f32)> {
        const MAX_CANDIDATES: usize = 16;
        let mut out = Vec::new();
        let post = &self.postings[b];
        let nb = self.docs[b].len();
        let cap = (nb / 8).max(48);
        let mut acc: Vec<f32> = vec![0.0; nb];
        let mut touched: Vec<usize> = Vec::new();
        let mut frequent_only: Vec<(u32, f32)> = Vec::new();
        let (mut linkable, mut scores): (Vec<usize>, Vec<f32>) = (Vec::new(), Vec::new());
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
                if let Some(list) = post.get(*id) {
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
                    if let Some(list) = post.get(*id) {
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
                // only which paragraphs are the best matters (they are sorted by index below),
                // and the order is total, so selecting them gives the same ones as sorting
                touched.select_nth_unstable_by(MAX_CANDIDATES - 1, |x, y| {
                    acc[*y].total_cmp(&acc[*x]).then(x.cmp(y))
                });
                for &j in &touched[MAX_CANDIDATES..] {
                    acc[j] = 0.0;
                }
                touched.truncate(MAX_CANDIDATES);
            }
            touched.sort_unstable();
            linkable.clear();
            for &j in &touched {
                acc[j] = 0.0;
                let cos = dot(&p.vec, &self.docs[b][j].vec);
                if cos > 0.0 && self.may_link(a, i, b, j) {
                    linkable.push(j);
                }
            }
            self.pair_scores(a, i, b, &linkable, &mut scores);
            out.extend(linkable.iter().zip(&scores).map(|(&j, &s)| (i, j, s)));
            touched.clear();
        }
        out
    }

    /// A title links only to a title or a lede: a headline names the whole story, so its words
    /// are found in many paragraphs that report something else.
    fn may_link(&self, a: usize, i: usize, b: usize, j: usize) -> bool {
        let (p, q) = (&self.docs[a][i], &self.docs[b][j]);
        (!p.title || q.title || q.lede) && (!q.title || p.title || p.lede)
    }

    /// Terms that contribute most to the match of two paragraphs, as readable words: the
    /// words of `a`'s paragraph with a counterpart in `b`'s, weightiest first, names the whole
    /// story uses last.
    pub fn key_terms(&self, a: usize, i: usize, b: usize, j: usize, n: usize) -> Vec<String> {
        let (pa, pb) = (&self.docs[a][i].bag, &self.docs[b][j].bag);
        let mut contrib: Vec<(bool, f32, u32)> = pa
            .ids
            .iter()
            .filter_map(|&t| {
                let (w, k) = (self.weight[t as usize], self.key[t as usize]);
                let m = if pb.ids.binary_search(&t).is_ok() {
                    1.0
                } else if k != NO_KEY && pb.keys.binary_search(&k).is_ok() {
                    self.params.prefix_match
                } else {
                    return None;
                };
                Some((self.story_wide[t as usize], w * m, t))
            })
            .collect();
        contrib.sort_by(|p, q| p.0.cmp(&q.0).then(q.1.total_cmp(&p.1)).then(p.2.cmp(&q.2)));
        contrib
            .into_iter()
            .take(n)
            .map(|(_, _, id)| self.surface[id as usize].clone())
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
            // names the whole story shares do not make a link on their own, not even between
            // two titles: two headlines naming the same people may report different events
            // (without such names in either paragraph, that is the pair's score)
            let beyond = || {
                let s = if self.uses_story_names(a, i, b, j) {
                    self.score_beyond_story_names(a, i, b, j)
                } else {
                    s
                };
                s >= p.min_beyond_names
            };
            (s >= p.strong
                    || (mutual && s >= p.min_mutual)
                    || (s >= p.min_relative && near_best && stands_out)
                    // two passages that say the same thing, whatever else is near
                    // (asked only of pairs near the best of both sides: it is costlier)
                    || (s >= p.min_relative
                        && s >= p.relative * best_a[i].max(best_b[j])
                        && self.judge(a, i, b, j) >= 0.5))
                && beyond()
        });
        cands
            .into_iter()
            .zip(keep)
            .filter_map(|(c, k)| k.then_some(c))
            .collect()
    }
}

/// The links the engine decides on between articles `a` and `b`, with their key terms.
pub(super) fn pair_links(corpus: &Corpus, a: usize, b: usize) -> Vec<Link> {
    corpus
        .select_links(a, b)
        .into_iter()
        .map(|c| to_link(corpus, a, b, c))
        .collect()
}

/// A scored candidate `(i, j, score)` as a link with its key terms, the score rounded.
pub(super) fn to_link(corpus: &Corpus, a: usize, b: usize, (i, j, s): (usize, usize, f32)) -> Link {
    Link {
        left: i,
        right: j,
        score: (s * 1000.0).round() / 1000.0,
        terms: corpus.key_terms(a, i, b, j, 4),
    }
}

/// Every candidate pair of paragraphs of two articles with its score, best first.
pub(super) fn ranked_candidates(corpus: &Corpus, a: usize, b: usize) -> Vec<Link> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::par::par_map_n;
    use crate::align::PARAMS;

    /// Documents of a title and one body paragraph (its lede), one sentence each.
    fn titled(docs: &[(&'static str, &'static str)]) -> Corpus<'static> {
        use crate::align::{DocIn, ParaIn};
        let docs: Vec<DocIn> = docs
            .iter()
            .map(|&(t, b)| DocIn {
                paras: vec![
                    ParaIn {
                        title: true,
                        body: false,
                        ..ParaIn::sentence(t)
                    },
                    ParaIn {
                        lede: true,
                        ..ParaIn::sentence(b)
                    },
                ],
            })
            .collect();
        Corpus::build(&docs, crate::align::Background::builtin(), PARAMS)
    }

    #[test]
    fn titles_sharing_only_the_story_names_do_not_link() {
        let c = titled(&[
            (
                "Halvorsen and Okonjo in Varnia",
                "Halvorsen and Okonjo signed a grain accord in the capital of Varnia.",
            ),
            (
                "Okonjo, Halvorsen and Varnia",
                "Okonjo toured flooded villages of Varnia while Halvorsen stayed abroad.",
            ),
            ("Varnia", "Halvorsen praised Okonjo."),
        ]);
        let links = c.select_links(0, 1);
        assert!(!links.iter().any(|l| (l.0, l.1) == (0, 0)), "{links:?}");
        // titles that also share what happened do link
        let c = titled(&[
            (
                "Halvorsen and Okonjo sign grain accord",
                "Halvorsen and Okonjo met in the capital of Varnia.",
            ),
            (
                "Okonjo, Halvorsen sign grain accord",
                "Okonjo toured flooded villages of Varnia while Halvorsen stayed abroad.",
            ),
            ("Varnia", "Halvorsen praised Okonjo."),
        ]);
        let links = c.select_links(0, 1);
        assert!(links.iter().any(|l| (l.0, l.1) == (0, 0)), "{links:?}");
    }

    #[test]
    fn a_corpus_for_links_links_like_a_full_one() {
        // a long document next to a short one: most of the long one's paragraphs share no
        // term with the short one, and a corpus for links keeps no sentences for them
        use crate::align::{Background, DocIn, ParaIn};
        let topics = [
            "harbour cranes idle after the strike",
            "ferry timetable changes for winter",
            "museum roof repairs delayed again",
            "school meals budget under review",
        ];
        let mut long: Vec<String> = Vec::new();
        for k in 0..300usize {
            let t = topics[k % topics.len()];
            long.push(format!("Column {k} reports that {t}."));
        }
        long.push("Dockworkers ended the harbour strike after talks, officials said.".into());
        let short = [
            "Dockworkers ended their strike at the harbour on Monday.",
            "Talks lasted six hours, officials said.",
        ];
        let docs = vec![
            DocIn {
                paras: long.iter().map(|t| ParaIn::sentence(t)).collect(),
            },
            DocIn {
                paras: short.iter().map(|t| ParaIn::sentence(t)).collect(),
            },
        ];
        let full = Corpus::build(&docs, Background::builtin(), PARAMS);
        let pruned = Corpus::for_links(&docs, Background::builtin(), PARAMS);
        let skipped = pruned.docs[0].iter().filter(|p| p.sents.is_empty()).count();
        assert!(skipped > 200, "{skipped}");
        for (a, b) in [(0, 1), (1, 0)] {
            assert_eq!(pair_links(&full, a, b), pair_links(&pruned, a, b));
            assert_eq!(
                ranked_candidates(&full, a, b),
                ranked_candidates(&pruned, a, b)
            );
        }
        assert!(!pair_links(&pruned, 0, 1).is_empty());
    }

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
}
