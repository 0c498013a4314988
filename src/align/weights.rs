//! Term weights: the tunable parameters, IDF from background statistics of general news text, and
//! local damping of words the whole story uses. Knows nothing of sentences or links.

use super::tokenize::TermKind;
use std::sync::OnceLock;

/// Tunable weights, in one place so the quality example can report them.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub number_boost: f32,
    pub name_boost: f32,
    pub para_weight: f32,
    pub strong: f32,
    pub min_mutual: f32,
    pub min_relative: f32,
    pub relative: f32,
    pub standout: f32,
    /// How strongly words used across most of the local corpus are damped (larger = weaker).
    pub damping: f32,
    /// How much a word counts when its counterpart is a synonym or a derived word (lexicon).
    pub lexical_match: f32,
    /// Score a pair needs without the names the whole story shares, to be linked.
    pub min_beyond_names: f32,
    /// How much a word counts when its counterpart is only of the same family (shared prefix).
    pub prefix_match: f32,
    /// How much a word counts when its counterpart is what it is a kind of, or a kind of it
    /// (a direct hypernym in the lexicon: "ferry" / "boat").
    pub broader_match: f32,
}

pub const PARAMS: Params = Params {
    number_boost: 1.3,
    name_boost: 1.0,
    para_weight: 0.5,
    strong: 0.5,
    min_mutual: 0.2,
    min_relative: 0.25,
    relative: 0.85,
    standout: 2.5,
    damping: 8.0,
    prefix_match: 0.8,
    min_beyond_names: 0.1,
    lexical_match: 0.7,
    broader_match: 0.3,
};

/// Document frequencies from general news text (built by `examples/background.rs`): a first
/// line `#docs<TAB>N`, then one `term<TAB>count` line per term in byte order. The table is read
/// where it lies, by binary search over its lines, so nothing is parsed at start-up.
pub struct Background {
    docs: f64,
    /// The term lines, sorted.
    table: std::borrow::Cow<'static, str>,
}

impl Background {
    /// A table from its text; the term lines are sorted here if they are not already.
    pub fn parse(tsv: &str) -> Background {
        let (docs, rest) = Self::split_head(tsv);
        let sorted = rest
            .lines()
            .zip(rest.lines().skip(1))
            .all(|(a, b)| Self::key(a) <= Self::key(b));
        let table = if sorted {
            rest.to_string()
        } else {
            let mut lines: Vec<&str> = rest.lines().filter(|l| l.contains('\t')).collect();
            lines.sort_by_key(|l| Self::key(l));
            lines.join("\n")
        };
        Background {
            docs,
            table: table.into(),
        }
    }

    pub fn builtin() -> &'static Background {
        static B: OnceLock<Background> = OnceLock::new();
        B.get_or_init(|| {
            // written sorted by the example; checked by a test
            let (docs, rest) = Self::split_head(include_str!("../../assets/background.tsv"));
            Background {
                docs,
                table: rest.into(),
            }
        })
    }

    /// The document count of a `#docs` first line, and the text after it.
    fn split_head(tsv: &str) -> (f64, &str) {
        match tsv.split_once('\n') {
            Some((first, rest)) if first.starts_with("#docs\t") => {
                let n = first["#docs\t".len()..].trim().parse().unwrap_or(0.0);
                (n, rest)
            }
            _ => (0.0, tsv),
        }
    }

    fn key(line: &str) -> &str {
        line.split('\t').next().unwrap_or("")
    }

    /// How many background documents use `term` (0 when it is not in the table).
    fn df(&self, term: &str) -> f64 {
        let t = self.table.as_bytes();
        // binary search over byte offsets, each probe moved to the start of its line
        let (mut lo, mut hi) = (0usize, t.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = t[..mid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let end = t[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(t.len(), |p| start + p);
            let line = &self.table[start..end];
            let (key, value) = line.split_once('\t').unwrap_or((line, ""));
            match key.cmp(term) {
                std::cmp::Ordering::Equal => return value.trim().parse().unwrap_or(0.0),
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
            }
        }
        0.0
    }

    pub(super) fn idf(&self, term: &str) -> f32 {
        let df = self.df(term);
        ((self.docs + 20.0) / (df + 1.0)).ln().max(0.5) as f32
    }
}

/// Weight of every term of a corpus: background IDF (boosted for numbers and names), damped for
/// terms that most paragraphs of this input use. `df_local[i]` counts the content paragraphs
/// that use term `i`, out of `n_local`.
pub(super) fn term_weights(
    terms: &[&str],
    kinds: &[TermKind],
    df_local: &[u32],
    n_local: u32,
    bg: &Background,
    params: &Params,
) -> Vec<f32> {
    let nl = n_local.max(1) as f32;
    // Tiny corpora (two sentences) carry no evidence about which words are common.
    let c = ((nl - 4.0) / (nl + params.damping)).max(0.0);
    let mut idf: Vec<f32> = Vec::with_capacity(terms.len());
    for i in 0..terms.len() {
        let f = df_local[i] as f32 / nl;
        let w = match kinds[i] {
            TermKind::Number => bg.idf(terms[i]) * params.number_boost,
            TermKind::Name => bg.idf(terms[i]) * params.name_boost,
            TermKind::Word => bg.idf(terms[i]),
        };
        idf.push(w * (1.0 - c * f).max(0.1));
    }
    idf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_table_is_searched_in_place() {
        let b = Background::parse("#docs\t100\nbridge\t9\nalpha\t4\n#12\t2\nzebra\t1\n");
        assert_eq!(b.docs, 100.0);
        for (t, df) in [
            ("alpha", 4.0),
            ("bridge", 9.0),
            ("#12", 2.0),
            ("zebra", 1.0),
        ] {
            assert_eq!(b.df(t), df, "{t}");
        }
        for t in ["", "a", "alph", "alphas", "zz", "#1"] {
            assert_eq!(b.df(t), 0.0, "{t}");
        }
        assert!(b.idf("zebra") > b.idf("bridge"));
    }

    #[test]
    fn builtin_table_is_sorted_and_found_line_by_line() {
        let text = include_str!("../../assets/background.tsv");
        let b = Background::builtin();
        assert!(b.docs > 1000.0);
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert!(lines
            .windows(2)
            .all(|w| Background::key(w[0]) < Background::key(w[1])));
        for line in lines.iter().step_by(97) {
            let (k, v) = line.split_once('\t').expect("term and count");
            assert_eq!(b.df(k), v.parse::<f64>().expect("count"), "{k}");
        }
    }
}
