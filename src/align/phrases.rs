//! Shared phrases: word sequences two linked paragraphs have in common, for highlighting.

use super::tokenize;
use super::{HashMap, HashMapExt};
use crate::store::Article;
use std::borrow::Cow;
use std::ops::Range;

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
    // the folded words, and an id per distinct folded word so that comparing is cheap
    let fl: Vec<Cow<str>> = wl.iter().map(|w| tokenize::folded(w.1)).collect();
    let fr: Vec<Cow<str>> = wr.iter().map(|w| tokenize::folded(w.1)).collect();
    let mut ids: HashMap<&str, u32> = HashMap::with_capacity(fl.len() + fr.len());
    let [il, ir]: [Vec<u32>; 2] = [&fl, &fr].map(|ws| {
        ws.iter()
            .map(|w| {
                let n = ids.len() as u32;
                *ids.entry(w.as_ref()).or_insert(n)
            })
            .collect()
    });
    let runs = common_runs(&il, &ir);
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

/// The maximal runs of three or more equal ids that `il` and `ir` share, as (length, end in
/// `il`, end in `ir`) with exclusive ends, longest first, then by their ends. Found along the
/// diagonals through the places where an id of the left equals one of the right, so the cost
/// grows with the matches, not with the product of the lengths.
fn common_runs(il: &[u32], ir: &[u32]) -> Vec<(usize, usize, usize)> {
    let n = il.len();
    let mut at_r: HashMap<u32, Vec<u32>> = HashMap::new();
    for (y, &id) in ir.iter().enumerate() {
        at_r.entry(id).or_default().push(y as u32);
    }
    // per diagonal (y - x, offset by n): the left start and length of its latest run
    let mut diag: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for (x, id) in il.iter().enumerate() {
        for &y in at_r.get(id).map_or(&[][..], Vec::as_slice) {
            let d = y as usize + n - x;
            let e = diag.entry(d).or_insert((x, 0));
            if e.0 + e.1 != x {
                if e.1 >= 3 {
                    runs.push((e.1, e.0 + e.1, e.0 + e.1 + d - n));
                }
                *e = (x, 0);
            }
            e.1 += 1;
        }
    }
    for (&d, &(x0, len)) in &diag {
        if len >= 3 {
            runs.push((len, x0 + len, x0 + len + d - n));
        }
    }
    runs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every cell of the table of common run lengths, the plain way.
    fn runs_by_table(il: &[u32], ir: &[u32]) -> Vec<(usize, usize, usize)> {
        let mut len = vec![vec![0usize; ir.len() + 1]; il.len() + 1];
        let mut runs = Vec::new();
        for x in 1..=il.len() {
            for y in 1..=ir.len() {
                if il[x - 1] == ir[y - 1] {
                    len[x][y] = len[x - 1][y - 1] + 1;
                }
            }
        }
        for x in 1..=il.len() {
            for y in 1..=ir.len() {
                let continues = x < il.len() && y < ir.len() && il[x] == ir[y];
                if len[x][y] >= 3 && !continues {
                    runs.push((len[x][y], x, y));
                }
            }
        }
        runs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        runs
    }

    proptest! {
        #[test]
        fn runs_along_diagonals_are_the_runs_of_the_table(
            il in proptest::collection::vec(0u32..4, 0..40),
            ir in proptest::collection::vec(0u32..4, 0..40),
        ) {
            prop_assert_eq!(common_runs(&il, &ir), runs_by_table(&il, &ir));
        }
    }

    fn article(text: &str) -> Article {
        use crate::store::{Format, Meta};
        Article::build(text.into(), Meta::default(), None, "t".into(), Format::Text)
    }

    #[test]
    fn phrases_of_three_words_or_more_longest_first() {
        let a = article("Officials said the river treaty talks resumed in Vell on Monday.");
        let b = article("The river treaty talks resumed, officials said in Vell on Monday.");
        let got: Vec<String> = shared_phrases(&a, 0, &b, 0)
            .into_iter()
            .map(|(l, _)| a.text.chars().skip(l.start).take(l.len()).collect())
            .collect();
        assert_eq!(got, ["the river treaty talks resumed", "in Vell on Monday"]);
    }
}
