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
    let m = fr.len();
    let mut prev = vec![0u32; m + 1];
    let mut cur = vec![0u32; m + 1];
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (len, end_l, end_r)
    for x in 1..=fl.len() {
        for y in 1..=m {
            cur[y] = if il[x - 1] == ir[y - 1] {
                prev[y - 1] + 1
            } else {
                0
            };
        }
        for y in 1..=m {
            let len = prev[y] as usize;
            // a run ends at (x-1, y) when it does not continue into (x, y+1)
            if len >= 3 && (y == m || cur[y + 1] == 0) {
                runs.push((len, x - 1, y));
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    for (y, &len) in prev.iter().enumerate().skip(1) {
        if len >= 3 {
            runs.push((len as usize, fl.len(), y));
        }
    }
    runs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
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
