//! Which frames of two articles count the same thing, whether their values can both be true,
//! and the story-wide rows the matches of every pair make.

use super::measures::same_measure;
use super::{FigureCell, FigureRow, Frame, Qualifier, Unit};
use crate::align::lexicon::Lexicon;
use crate::align::par::{par_map_n, threads};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

/// Two frames of a pair taken to count the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub left: usize,
    pub right: usize,
    pub score: f32,
    pub conflict: bool,
    pub reason: String,
}

/// Lowest score of a match: a shared predicate and a compatible counted noun.
const MIN_SCORE: f32 = 3.5;
/// Above this many frame pairs, only frames of the same unit and predicate are compared.
const ALL_PAIRS: usize = 250_000;
/// From this many frame pairs, candidates are read on every core.
const PARALLEL_PAIRS: usize = 100_000;

/// The matches of two articles' frames, each frame in at most one, best first.
pub fn pair_matches(left: &[Frame], right: &[Frame]) -> Vec<Match> {
    // an index by unit and predicate (frames with no predicate by their head), when comparing
    // every pair would cost too much
    let key = |f: &Frame| {
        (
            f.quantity.unit,
            f.predicate
                .as_ref()
                .map_or(f.head.as_str(), |p| p.0)
                .to_string(),
        )
    };
    let all_pairs = left.len() * right.len() <= ALL_PAIRS;
    let mut index: HashMap<(Unit, String), Vec<usize>> = HashMap::new();
    if !all_pairs {
        for (j, f) in right.iter().enumerate() {
            index.entry(key(f)).or_default().push(j);
        }
    }
    // the candidates of the left frames `range`
    let candidates = |range: &Range<usize>| {
        let mut cands: Vec<Match> = Vec::new();
        for i in range.clone() {
            if all_pairs {
                cands.extend((0..right.len()).filter_map(|j| matched(left, right, i, j)));
            } else if let Some(js) = index.get(&key(&left[i])) {
                // a bucket shared by thousands of frames says nothing specific: cap it
                cands.extend(
                    js.iter()
                        .take(2_000)
                        .filter_map(|&j| matched(left, right, i, j)),
                );
            }
        }
        cands
    };
    // a long pair's left frames in a few ranges over every core; the order of the candidates
    // does not matter, they are sorted below
    let workers = if left.len() * right.len() >= PARALLEL_PAIRS {
        threads()
    } else {
        1
    };
    let step = left.len().div_ceil(workers * 4).max(1);
    let ranges: Vec<Range<usize>> = (0..left.len())
        .step_by(step)
        .map(|s| s..(s + step).min(left.len()))
        .collect();
    let mut cands: Vec<Match> = par_map_n(&ranges, workers, candidates)
        .into_iter()
        .flatten()
        .collect();
    cands.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.left, a.right).cmp(&(b.left, b.right)))
    });
    let mut used_l = vec![false; left.len()];
    let mut used_r = vec![false; right.len()];
    let mut out = Vec::new();
    for m in cands {
        if used_l[m.left] || used_r[m.right] {
            continue;
        }
        used_l[m.left] = true;
        used_r[m.right] = true;
        out.push(m);
    }
    repeats(left, right, &mut out);
    out
}

/// News repeats its figures: the lead says "injuring five people" and a later paragraph
/// "five people had received treatment". The same figure stated more than once in an article
/// (same number, counted noun, predicate and owners) is one figure with several mentions: when
/// a mention is matched, every mention of it is paired with every mention of its partner, so
/// the pair is reported wherever either article states it. A mention already matched to some
/// other figure is left alone.
fn repeats(left: &[Frame], right: &[Frame], out: &mut Vec<Match>) {
    /// Mentions of one figure paired at most: a figure is seldom stated more often.
    const MENTIONS: usize = 4;
    if out.is_empty() {
        return;
    }
    let (cl, cr) = (mentions(left), mentions(right));
    let mut partner_l = vec![None; left.len()];
    let mut partner_r = vec![None; right.len()];
    for m in out.iter() {
        partner_l[m.left] = Some(m.right);
        partner_r[m.right] = Some(m.left);
    }
    let mut done = BTreeSet::new();
    for k in 0..out.len() {
        let (i0, j0) = (out[k].left, out[k].right);
        if !done.insert((cl[i0], cr[j0])) {
            continue;
        }
        let ls: Vec<usize> = (0..left.len())
            .filter(|&i| cl[i] == cl[i0])
            .take(MENTIONS)
            .collect();
        let rs: Vec<usize> = (0..right.len())
            .filter(|&j| cr[j] == cr[j0])
            .take(MENTIONS)
            .collect();
        if ls.len() == 1 && rs.len() == 1 {
            continue;
        }
        for &i in &ls {
            for &j in &rs {
                let mine_l = partner_l[i].is_none_or(|p| cr[p] == cr[j0]);
                let mine_r = partner_r[j].is_none_or(|p| cl[p] == cl[i0]);
                if partner_l[i] == Some(j) || !mine_l || !mine_r {
                    continue;
                }
                out.extend(matched(left, right, i, j));
            }
        }
    }
}

/// For each frame, the first frame of its article stating the same figure: same number and
/// unit, counted noun, predicate and owners; the qualifier may differ.
fn mentions(frames: &[Frame]) -> Vec<usize> {
    type Key<'a> = (u64, u64, Unit, &'a str, Option<&'static str>, &'a [String]);
    let mut first: HashMap<Key, usize> = HashMap::new();
    frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            // "at least three people" and "three people": one figure, qualified once
            let q = &f.quantity;
            let key = (
                q.low.to_bits(),
                q.high.to_bits(),
                q.unit,
                f.head.as_str(),
                f.predicate.as_ref().map(|p| p.0),
                f.owners.as_slice(),
            );
            *first.entry(key).or_insert(i)
        })
        .collect()
}

/// Nouns that name people in general: they agree with any more specific people.
fn generic_person(h: &str) -> bool {
    matches!(h, "people" | "person" | "individual")
}

/// Classes of a counted noun, most specific first, from WordNet.
fn classes(h: &str) -> Vec<&'static str> {
    Lexicon::builtin().classes(h)
}

/// How well two counted nouns agree: (weight, how).
pub(super) fn heads(a: &Frame, b: &Frame) -> Option<(f32, String)> {
    let (x, y) = (a.head.as_str(), b.head.as_str());
    if x.is_empty() || y.is_empty() {
        return None;
    }
    // "people" is the plural of "person"
    let (x, y) = (
        if generic_person(x) { "person" } else { x },
        if generic_person(y) { "person" } else { y },
    );
    if x == y {
        return Some((2.0, String::new()));
    }
    let (cx, cy) = (classes(x), classes(y));
    if let (Some(p), Some(q)) = (cx.first(), cy.first()) {
        if p == q && *p != "person" {
            return Some((1.2, (*p).to_string()));
        }
    }
    if (generic_person(x) && cy.contains(&"person"))
        || (generic_person(y) && cx.contains(&"person"))
    {
        return Some((0.8, "people".into()));
    }
    None
}

/// Do two names mean the same country or person ("Turkish" and "Turkey")?
fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 4 && shorter - common <= 2
}

fn agree(a: &[String], b: &[String]) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(a.iter().any(|x| b.iter().any(|y| same_name(x, y))))
}

/// Frame `i` of `left` and frame `j` of `right` as a match, if they count the same thing.
fn matched(left: &[Frame], right: &[Frame], i: usize, j: usize) -> Option<Match> {
    let (score, reason) = score(&left[i], &right[j])?;
    Some(Match {
        left: i,
        right: j,
        score,
        conflict: !left[i].quantity.compatible(&right[j].quantity),
        reason,
    })
}

/// The score of two frames counting the same thing, and a readable reason; None when they
/// do not.
fn score(l: &Frame, r: &Frame) -> Option<(f32, String)> {
    if l.quantity.unit != r.quantity.unit {
        return None;
    }
    // a figure of an earlier event quoted as background ("the 2003 quake killed 26,000") is
    // no figure of the news; two earlier ones must not name different times
    match (&l.earlier, &r.earlier) {
        (None, None) => {}
        (Some(a), Some(b)) if a.is_empty() || b.is_empty() || a == b => {}
        _ => return None,
    }
    // "two other rifles" counts things apart from those named before it, not all of them;
    // people are left out: "wounding 12 others" is how the injured are counted
    let apart = |f: &Frame| {
        f.phrase
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("other"))
            && !classes(&f.head).contains(&"person")
    };
    if apart(l) != apart(r) {
        return None;
    }
    let ctx = l.context.shared(&r.context);
    let mut score = 0.25 * ctx.min(6) as f32;
    if l.quantity.low == r.quantity.low && l.quantity.high == r.quantity.high {
        score += 0.5;
    }
    let owners = agree(&l.owners, &r.owners);
    // the capitals of a description ("Brooklyn mom") are no name to disagree with
    let described = l.quantity.unit == Unit::Age && described_person(l) != described_person(r);
    if owners == Some(false) && !described {
        return None;
    }
    if owners == Some(true) {
        score += 1.0;
    }
    match agree(&l.places, &r.places) {
        Some(false) => return None,
        Some(true) => score += 0.5,
        None => {}
    }
    if l.quantity.unit == Unit::Age {
        // an age is about a person: the same name must stand beside both
        let names = l.names.shared(&r.names);
        let within = |a: &[String], b: &[String]| a.iter().all(|x| b.contains(x));
        let (lo, ro) = (&l.owners, &r.owners);
        if !lo.is_empty() && !ro.is_empty() && (within(lo, ro) || within(ro, lo)) {
            let who = l.owners.first().cloned().unwrap_or_default();
            return Some((
                score + 3.0 + names as f32 * 0.5,
                format!("age of the same person ({who})"),
            ));
        }
        // "a 31-year-old mother was wounded" / "wounding Unique Armstead, 32": a person
        // described on one side and named on the other is taken to be the same only when
        // the same thing happened to both and the ages are at most a birthday apart
        let (named, described) = match (described_person(l), described_person(r)) {
            (true, false) if !ro.is_empty() => (r, l),
            (false, true) if !lo.is_empty() => (l, r),
            _ => return None,
        };
        let same_event = matches!((&l.predicate, &r.predicate), (Some(p), Some(q)) if p.0 == q.0);
        let apart = (l.quantity.low - r.quantity.low).abs();
        if !same_event || apart > 1.0 {
            return None;
        }
        let who = named.owners.first().cloned().unwrap_or_default();
        return Some((
            score + 3.0 - apart as f32 * 0.25,
            format!(
                "age of the same person ({} ~ {})",
                described.counted,
                title(&who)
            ),
        ));
    }
    if matches!(l.quantity.unit, Unit::Measure(_)) {
        let (s, why) = same_measure(l, r, ctx)?;
        return (score + s >= MIN_SCORE).then_some((score + s, why));
    }
    let pred = match (&l.predicate, &r.predicate) {
        (Some(p), Some(q)) if p.0 == q.0 => Some(p.0),
        (Some(_), Some(_)) => return None,
        _ => None,
    };
    let head = heads(l, r);
    let mut reason = Vec::new();
    match (pred, head) {
        (Some(p), Some((w, how))) => {
            let w = if l.implicit || r.implicit { w * 0.5 } else { w };
            score += 2.0 + w;
            reason.push(format!("same predicate '{p}'"));
            reason.push(counted_reason(l, r, &how));
        }
        (Some(p), None) => {
            // one side counts people without naming them ("another 20 were wounded")
            // money and measures rarely name what they count: the predicate and the context
            // carry it
            if matches!(l.quantity.unit, Unit::Money(_) | Unit::Measure(_)) {
                if ctx < 2 {
                    return None;
                }
                score += 3.0;
                reason.push(format!("same predicate '{p}'"));
                reason.push(format!("{ctx} words of context shared"));
            } else {
                let people = |f: &Frame| {
                    f.head.is_empty()
                        || classes(&f.head).contains(&"person")
                        || generic_person(&f.head)
                };
                let about_people = matches!(
                    p,
                    "kill"
                        | "wound"
                        | "casualty"
                        | "evacuate"
                        | "displace"
                        | "arrest"
                        | "missing"
                        | "rescue"
                        | "gather"
                );
                if !(people(l) && people(r) && about_people) {
                    return None;
                }
                score += 2.0 + 0.3;
                reason.push(format!("same predicate '{p}'"));
                reason.push("both count people".into());
            }
        }
        (None, Some((w, how))) => {
            // no predicate on one side or both: the same noun and enough shared context
            // a share borrows its subject ("stocks fell 5%"), which names it well enough
            let borrowed_ok = l.quantity.unit == Unit::Percent;
            if w < 2.0 || ctx < 3 || (l.implicit || r.implicit) && !borrowed_ok {
                return None;
            }
            if l.predicate.is_some() != r.predicate.is_some() && ctx < 4 {
                return None;
            }
            score += w;
            reason.push(counted_reason(l, r, &how));
            reason.push(format!("{ctx} words of context shared"));
        }
        // sums of one currency or measures of one unit that say neither what they count nor what happened: only
        // when the sentences share much of their context ("a haul worth $108 million")
        (None, None)
            if matches!(l.quantity.unit, Unit::Money(_) | Unit::Measure(_)) && ctx >= 4 =>
        {
            score += 2.5;
            reason.push(format!("{ctx} words of context shared"));
        }
        (None, None) => return None,
    }
    if l.quantity.unit == Unit::Percent && ctx < 2 {
        return None;
    }
    // a figure given as a number is a better partner for a number than a vague word is
    // ("tens of thousands"): where both could pair, the numbers pair first
    let vague = [l, r]
        .iter()
        .filter(|f| f.quantity.qualifier == Qualifier::Vague)
        .count();
    let score = score - 0.5 * vague as f32;
    if score < MIN_SCORE {
        return None;
    }
    if owners == Some(true) {
        let (a, b) = (&l.owners[0], &r.owners[0]);
        reason.push(if a == b {
            format!("both about {}", title(a))
        } else {
            format!("about {} ~ {}", title(a), title(b))
        });
    }
    if pred.is_some()
        && heads(l, r).is_some_and(|h| h.0 >= 2.0)
        && owners != Some(false)
        && !l.implicit
        && !r.implicit
    {
        return Some((score, format!("both: {}", label_of(l, r))));
    }
    Some((score, reason.join(", ")))
}

/// An age given with a description of the person and no name beside it ("31-year-old
/// Brooklyn mom": capitals inside the description are not a name).
fn described_person(f: &Frame) -> bool {
    let words: Vec<String> = f
        .counted
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    !f.counted.is_empty()
        && classes(&f.head).contains(&"person")
        && f.owners.iter().all(|o| words.contains(o))
}

fn counted_reason(l: &Frame, r: &Frame, how: &str) -> String {
    let name = |f: &Frame| {
        if f.counted.is_empty() {
            f.head.clone()
        } else {
            f.counted.clone()
        }
    };
    if how.is_empty() {
        format!("counted '{}'", name(l))
    } else {
        format!("counted '{}' ~ '{}' ({how})", name(l), name(r))
    }
}

fn title(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The label of two matched frames: from the one that says more (names its owner, is
/// explicit about what it counts).
pub fn label_of(l: &Frame, r: &Frame) -> String {
    if informative(r) > informative(l) {
        r.label()
    } else {
        l.label()
    }
}

fn informative(f: &Frame) -> (bool, bool, bool) {
    let owner_written = f
        .counted
        .split_whitespace()
        .any(|w| w.starts_with(char::is_uppercase));
    (owner_written, !f.implicit, f.predicate.is_some())
}

/// Story-wide rows: the matches of every pair joined, at most one frame per article per
/// row, strongest matches first; a row holds a conflict when one of its matches does.
pub fn rows(
    frames: &[Vec<Frame>],
    matches: &HashMap<(usize, usize), Vec<Match>>,
) -> Vec<FigureRow> {
    let n = frames.len();
    let offset: Vec<usize> = frames
        .iter()
        .scan(0, |acc, f| {
            let o = *acc;
            *acc += f.len();
            Some(o)
        })
        .collect();
    let total: usize = frames.iter().map(Vec::len).sum();
    let article_of: Vec<usize> = (0..n)
        .flat_map(|a| std::iter::repeat_n(a, frames[a].len()))
        .collect();
    let mut edges: Vec<(f32, usize, usize, bool, &str)> = Vec::new();
    let mut keys: Vec<&(usize, usize)> = matches.keys().collect();
    keys.sort();
    for &(a, b) in keys {
        for m in &matches[&(a, b)] {
            edges.push((
                m.score,
                offset[a] + m.left,
                offset[b] + m.right,
                m.conflict,
                &m.reason,
            ));
        }
    }
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut parent: Vec<usize> = (0..total).collect();
    // the articles of each group, sorted; empty for a lone frame, which has only its own
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); total];
    let mut reason: Vec<String> = vec![String::new(); total];
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (_, x, y, _, why) in &edges {
        let (rx, ry) = (find(&mut parent, *x), find(&mut parent, *y));
        if rx == ry {
            continue;
        }
        for r in [rx, ry] {
            if members[r].is_empty() {
                members[r].push(article_of[r]);
            }
        }
        if members[rx]
            .iter()
            .any(|a| members[ry].binary_search(a).is_ok())
        {
            continue;
        }
        let (keep, gone) = (rx.min(ry), rx.max(ry));
        parent[gone] = keep;
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
        members[keep].sort_unstable();
        if reason[keep].is_empty() {
            reason[keep] = if reason[gone].is_empty() {
                why.to_string()
            } else {
                std::mem::take(&mut reason[gone])
            };
        }
    }
    let mut conflict = vec![false; total];
    for (_, x, y, c, _) in &edges {
        let (rx, ry) = (find(&mut parent, *x), find(&mut parent, *y));
        if *c && rx == ry {
            conflict[rx] = true;
        }
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); total];
    for g in 0..total {
        let r = find(&mut parent, g);
        groups[r].push(g);
    }
    let frame = |g: usize| {
        let a = article_of[g];
        (a, &frames[a][g - offset[a]])
    };
    let mut out: Vec<(FigureRow, (usize, usize, usize))> = Vec::new();
    for (root, group) in groups.iter().enumerate() {
        if group.is_empty() {
            continue;
        }
        // a lone figure that says neither what it counts nor what happened is no row
        if group.len() == 1 {
            let f = frame(group[0]).1;
            if f.head.is_empty() && f.predicate.is_none() && f.quantity.unit == Unit::Count {
                continue;
            }
        }
        let mut cells: Vec<(usize, FigureCell)> = Vec::with_capacity(group.len());
        let mut best: Option<&Frame> = None;
        for &g in group {
            let (a, f) = frame(g);
            cells.push((
                a,
                FigureCell {
                    value_text: f.value_text.clone(),
                    phrase: f.phrase.clone(),
                    para: f.para,
                    span: f.span.clone(),
                },
            ));
            if best.is_none_or(|b| informative(f) > informative(b)) {
                best = Some(f);
            }
        }
        cells.sort_by_key(|(a, _)| *a);
        let (a0, f0) = frame(group[0]);
        out.push((
            FigureRow {
                label: best.map(Frame::label).unwrap_or_default(),
                cells,
                conflict: conflict[root],
                reason: reason[root].clone(),
            },
            (a0, f0.span.start, root),
        ));
    }
    // in place: a long article has a row per figure; the root makes the order total
    out.sort_unstable_by(|(x, px), (y, py)| {
        y.conflict
            .cmp(&x.conflict)
            .then(y.sources().cmp(&x.sources()))
            .then(px.cmp(py))
    });
    out.into_iter().map(|(r, _)| r).collect()
}
