//! Builds assets/lexicon.bin (read by `align::lexicon`) and assets/LEXICON-LICENSE.txt from the
//! WordNet 3.0 database of the Debian package wordnet-base (`apt-get install wordnet-base`):
//!
//!     cargo run --release --example wordnet -- /usr/share/wordnet
//!
//! A second argument names the package's copyright file (default
//! /usr/share/doc/wordnet-base/copyright), whose WordNet licence notice is copied next to the
//! table. Kept: single-word lemmas of the four parts of speech with their synsets in sense
//! order, irregular forms, derivational and pertainym links between words, direct hypernyms of
//! noun and verb synsets, and the anchor classes of each noun. Same input, same bytes.

use anyhow::{bail, Context};
use diptych::align::lexicon::{flag, put_varint, ANCHORS, MAGIC};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Database file stem and flag per part of speech, in the order of `flag::POS`.
const PARTS: [(&str, u8); 4] = [
    ("noun", flag::NOUN),
    ("verb", flag::VERB),
    ("adj", flag::ADJ),
    ("adv", flag::ADV),
];

/// Noun senses whose hypernyms give a word its classes: the first, and among the next two
/// those tagged in WordNet's corpus at least 3/4 as often as the first (home as a dwelling
/// and as a place; not officer as an officeholder, target as a person).
const CLASS_SENSES: usize = 3;

type SynsetKey = (usize, u32);

struct Pointer {
    symbol: String,
    target: SynsetKey,
    /// 1-based word numbers in the source and target synsets; 0 means the whole synset.
    source_word: usize,
    target_word: usize,
}

struct Synset {
    words: Vec<String>,
    pointers: Vec<Pointer>,
}

#[derive(Default)]
struct Key {
    flags: u8,
    senses: [Vec<u32>; 4],
    /// Preferred base form and the part of speech of its exception list.
    base: Option<(String, usize)>,
    derived: BTreeSet<String>,
    classes: BTreeSet<u8>,
}

fn part_index(c: &str) -> anyhow::Result<usize> {
    Ok(match c {
        "n" => 0,
        "v" => 1,
        "a" | "s" => 2,
        "r" => 3,
        _ => bail!("unknown part of speech {c:?}"),
    })
}

fn field<'a>(f: &[&'a str], i: usize) -> anyhow::Result<&'a str> {
    f.get(i).copied().context("short line")
}

/// A word as the lexicon keys it: lowercase, without the adjective position marker "(a)".
fn clean(word: &str) -> String {
    let w = word.split('(').next().unwrap_or(word);
    w.to_lowercase()
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| {
        format!(
            "reading {} (is the package wordnet-base installed?)",
            path.display()
        )
    })
}

fn parse_data(line: &str, part: usize) -> anyhow::Result<(SynsetKey, Synset)> {
    let head = line.split(" | ").next().unwrap_or(line);
    let f: Vec<&str> = head.split_whitespace().collect();
    let offset: u32 = field(&f, 0)?.parse()?;
    let n_words = usize::from_str_radix(field(&f, 3)?, 16)?;
    let words = (0..n_words)
        .map(|i| field(&f, 4 + 2 * i).map(clean))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let at = 4 + 2 * n_words;
    let n_pointers: usize = field(&f, at)?.parse()?;
    let mut pointers = Vec::with_capacity(n_pointers);
    for i in 0..n_pointers {
        let p = at + 1 + 4 * i;
        let words = field(&f, p + 3)?;
        pointers.push(Pointer {
            symbol: field(&f, p)?.to_string(),
            target: (part_index(field(&f, p + 2)?)?, field(&f, p + 1)?.parse()?),
            source_word: usize::from_str_radix(words.get(..2).context("pointer words")?, 16)?,
            target_word: usize::from_str_radix(words.get(2..).context("pointer words")?, 16)?,
        });
    }
    Ok(((part, offset), Synset { words, pointers }))
}

/// Lines of a database file without its licence header (lines starting with spaces).
fn records(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
}

/// The WordNet licence paragraph of a Debian copyright file.
fn licence(copyright: &str) -> anyhow::Result<String> {
    let mut lines = copyright
        .lines()
        .skip_while(|l| *l != "License: WordNet3.0");
    lines
        .next()
        .context("no WordNet3.0 licence in the copyright file")?;
    let mut out = String::new();
    for l in lines.take_while(|l| l.starts_with(' ')) {
        let l = l.strip_prefix(' ').unwrap_or(l);
        out.push_str(if l == "." { "" } else { l });
        out.push('\n');
    }
    Ok(out)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "/usr/share/wordnet".into()));
    let copyright = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/usr/share/doc/wordnet-base/copyright".into()),
    );
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");

    // Synsets, numbered densely in (part of speech, offset) order: nouns and verbs first.
    let mut synsets: BTreeMap<SynsetKey, Synset> = BTreeMap::new();
    for (part, (stem, _)) in PARTS.iter().enumerate() {
        let text = read(&dir.join(format!("data.{stem}")))?;
        for line in records(&text) {
            let (k, s) = parse_data(line, part).with_context(|| format!("data.{stem}: {line}"))?;
            synsets.insert(k, s);
        }
    }
    let ids: BTreeMap<SynsetKey, u32> = synsets.keys().zip(0u32..).map(|(k, i)| (*k, i)).collect();
    let n_noun_verb = synsets.keys().filter(|(p, _)| *p < 2).count();

    // Lemmas with their senses in WordNet's order.
    let mut keys: BTreeMap<String, Key> = BTreeMap::new();
    let mut sense_keys: [BTreeMap<String, Vec<SynsetKey>>; 4] = Default::default();
    for (part, (stem, bit)) in PARTS.iter().enumerate() {
        let text = read(&dir.join(format!("index.{stem}")))?;
        for line in records(&text) {
            let f: Vec<&str> = line.split_whitespace().collect();
            let lemma = field(&f, 0)?;
            let n: usize = field(&f, 2)?.parse()?;
            let offsets = f.get(f.len().saturating_sub(n)..).unwrap_or(&[]);
            let senses = offsets
                .iter()
                .map(|o| Ok((part, o.parse::<u32>()?)))
                .collect::<anyhow::Result<Vec<_>>>()
                .with_context(|| format!("index.{stem}: {line}"))?;
            sense_keys[part].insert(lemma.to_string(), senses.clone());
            if lemma.contains('_') || lemma.len() > 255 {
                continue;
            }
            let key = keys.entry(lemma.to_string()).or_default();
            key.flags |= bit;
            key.senses[part] = senses.iter().filter_map(|s| ids.get(s).copied()).collect();
        }
    }

    // Irregular forms, and which reading of an irregular form that is also a lemma is likelier.
    let mut exceptions: [BTreeMap<String, String>; 4] = Default::default();
    for (part, (stem, bit)) in PARTS.iter().enumerate() {
        let text = read(&dir.join(format!("{stem}.exc")))?;
        for line in text.lines() {
            let mut f = line.split_whitespace();
            let Some(form) = f.next() else { continue };
            let base = f.find(|b| keys.get(*b).is_some_and(|k| k.flags & bit != 0));
            if let Some(base) = base.filter(|b| *b != form && !form.contains('_')) {
                exceptions[part].insert(form.to_string(), base.to_string());
            }
        }
    }
    let mut tagged: BTreeMap<(String, char), u64> = BTreeMap::new();
    let mut sense_tags: BTreeMap<(String, usize), u64> = BTreeMap::new();
    for line in read(&dir.join("cntlist.rev"))?.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let (Some(sense), Some(count)) = (f.first(), f.get(2)) else {
            continue;
        };
        let Some((lemma, rest)) = sense.split_once('%') else {
            continue;
        };
        let part = rest.chars().next().unwrap_or('0');
        let count: u64 = count.parse()?;
        *tagged.entry((lemma.to_string(), part)).or_default() += count;
        if part == '1' {
            let n: usize = field(&f, 1)?.parse()?;
            *sense_tags.entry((lemma.to_string(), n)).or_default() += count;
        }
    }
    let count = |w: &str, part: char| tagged.get(&(w.to_string(), part)).copied().unwrap_or(0);
    let forms: BTreeSet<String> = exceptions.iter().flat_map(|e| e.keys().cloned()).collect();
    for form in forms {
        let flags = keys.get(&form).map_or(0, |k| k.flags);
        let base = if flags & (flag::NOUN | flag::VERB) == 0 {
            let adj_ok = flags & flag::ADJ == 0;
            let usable = [true, true, adj_ok, flags & flag::ADV == 0];
            (0..4).find_map(|p| {
                exceptions[p]
                    .get(&form)
                    .filter(|_| usable[p])
                    .map(|b| (b, p))
            })
        } else {
            let own = count(&form, '1') + count(&form, '2');
            let likelier = |p: usize, tag: char| {
                exceptions[p]
                    .get(&form)
                    .filter(|b| count(b, tag) > own)
                    .map(|b| (b, p))
            };
            likelier(0, '1').or_else(|| likelier(1, '2'))
        };
        if let Some((base, part)) = base {
            keys.entry(form).or_default().base = Some((base.clone(), part));
        }
    }

    // Derivational links and pertainyms, word to word.
    let word_at = |s: &Synset, n: usize| -> Vec<String> {
        match n {
            0 => s.words.clone(),
            n => s.words.get(n - 1).cloned().into_iter().collect(),
        }
    };
    for s in synsets.values() {
        for p in &s.pointers {
            if p.symbol != "+" && p.symbol != "\\" {
                continue;
            }
            let Some(t) = synsets.get(&p.target) else {
                continue;
            };
            for a in word_at(s, p.source_word) {
                for b in word_at(t, p.target_word) {
                    if a != b && keys.contains_key(&a) && keys.contains_key(&b) {
                        keys.entry(a.clone()).or_default().derived.insert(b.clone());
                        keys.entry(b).or_default().derived.insert(a.clone());
                    }
                }
            }
        }
    }

    // Hypernyms (class and instance) of nouns and verbs.
    let hypernyms = |k: &SynsetKey| -> Vec<SynsetKey> {
        synsets.get(k).map_or_else(Vec::new, |s| {
            s.pointers
                .iter()
                .filter(|p| p.symbol == "@" || p.symbol == "@i")
                .map(|p| p.target)
                .collect()
        })
    };
    let ancestors = |start: SynsetKey| -> BTreeSet<SynsetKey> {
        let mut seen = BTreeSet::from([start]);
        let mut todo = vec![start];
        while let Some(k) = todo.pop() {
            for h in hypernyms(&k) {
                if seen.insert(h) {
                    todo.push(h);
                }
            }
        }
        seen
    };

    // Anchor classes: resolve their senses, check the specific-to-general order, classify nouns.
    let mut anchor_of: BTreeMap<SynsetKey, Vec<u8>> = BTreeMap::new();
    for (i, a) in ANCHORS.iter().enumerate() {
        for sense in a.senses {
            let (lemma, n) = sense.split_once('#').context("anchor sense without #")?;
            let n: usize = n.parse()?;
            let k = sense_keys[0]
                .get(lemma)
                .and_then(|s| s.get(n.wrapping_sub(1)))
                .with_context(|| format!("anchor sense {sense} is not in WordNet"))?;
            let words = synsets
                .get(k)
                .map(|s| s.words.join(", "))
                .unwrap_or_default();
            eprintln!("{:<20} {sense:<28} {words}", a.name);
            anchor_of.entry(*k).or_default().push(u8::try_from(i)?);
        }
    }
    let implied = |set: &mut BTreeSet<u8>| {
        for i in set.clone() {
            for name in ANCHORS[usize::from(i)].implies {
                if let Some(j) = ANCHORS.iter().position(|a| a.name == *name) {
                    set.extend(u8::try_from(j).ok());
                }
            }
        }
    };
    let classes_of = |senses: &[SynsetKey]| -> BTreeSet<u8> {
        let mut set = BTreeSet::new();
        for s in senses {
            for k in ancestors(*s) {
                set.extend(anchor_of.get(&k).into_iter().flatten().copied());
            }
        }
        implied(&mut set);
        set
    };
    for (k, list) in &anchor_of {
        let above = classes_of(&[*k]);
        for i in list {
            if let Some(j) = above.iter().find(|j| *j < i) {
                bail!(
                    "anchor {:?} lies below {:?} but is listed after it",
                    ANCHORS[usize::from(*i)].name,
                    ANCHORS[usize::from(*j)].name
                );
            }
        }
    }
    let mut classes: BTreeMap<String, BTreeSet<u8>> = BTreeMap::new();
    for (lemma, key) in &keys {
        if key.flags & flag::NOUN != 0 {
            if let Some(senses) = sense_keys[0].get(lemma) {
                let tags = |n: usize| sense_tags.get(&(lemma.clone(), n)).copied().unwrap_or(0);
                let first = tags(1);
                let chosen: Vec<SynsetKey> = (1..=CLASS_SENSES)
                    .zip(senses)
                    .filter(|(n, _)| *n == 1 || (first > 0 && 4 * tags(*n) >= 3 * first))
                    .map(|(_, s)| *s)
                    .collect();
                classes.insert(lemma.clone(), classes_of(&chosen));
            }
        }
    }
    for (lemma, key) in keys.iter_mut() {
        key.classes = classes.remove(lemma).unwrap_or_default();
    }

    // Serialise.
    let index: BTreeMap<&str, u32> = keys
        .keys()
        .zip(0u32..)
        .map(|(k, i)| (k.as_str(), i))
        .collect();
    let key_id = |w: &str| index.get(w).copied().context("dangling key");
    let mut key_offsets = Vec::new();
    let mut key_bytes = Vec::new();
    for (word, key) in &keys {
        key_offsets.extend(u32::try_from(key_bytes.len())?.to_le_bytes());
        key_bytes.push(u8::try_from(word.len())?);
        key_bytes.extend(word.as_bytes());
        let mut flags = key.flags;
        if key.base.is_some() {
            flags |= flag::BASE;
        }
        if !key.derived.is_empty() {
            flags |= flag::DERIVED;
        }
        if !key.classes.is_empty() {
            flags |= flag::CLASSES;
        }
        key_bytes.push(flags);
        if let Some((base, part)) = &key.base {
            put_varint(&mut key_bytes, key_id(base)? << 2 | u32::try_from(*part)?);
        }
        for (part, bit) in flag::POS.iter().enumerate() {
            if flags & bit != 0 {
                put_varint(&mut key_bytes, u32::try_from(key.senses[part].len())?);
                for s in &key.senses[part] {
                    put_varint(&mut key_bytes, *s);
                }
            }
        }
        if !key.derived.is_empty() {
            put_varint(&mut key_bytes, u32::try_from(key.derived.len())?);
            for d in &key.derived {
                put_varint(&mut key_bytes, key_id(d)?);
            }
        }
        if !key.classes.is_empty() {
            key_bytes.push(u8::try_from(key.classes.len())?);
            key_bytes.extend(&key.classes);
        }
    }
    let mut hyp_offsets = Vec::new();
    let mut hyp_bytes = Vec::new();
    for k in synsets.keys().take(n_noun_verb) {
        hyp_offsets.extend(u32::try_from(hyp_bytes.len())?.to_le_bytes());
        let hs: Vec<u32> = hypernyms(k)
            .iter()
            .filter_map(|h| ids.get(h).copied())
            .collect();
        put_varint(&mut hyp_bytes, u32::try_from(hs.len())?);
        for h in hs {
            put_varint(&mut hyp_bytes, h);
        }
    }
    hyp_offsets.extend(u32::try_from(hyp_bytes.len())?.to_le_bytes());

    let mut out = MAGIC.to_vec();
    for n in [keys.len(), n_noun_verb, key_bytes.len(), hyp_bytes.len()] {
        out.extend(u32::try_from(n)?.to_le_bytes());
    }
    for section in [&key_offsets, &hyp_offsets, &key_bytes, &hyp_bytes] {
        out.extend(section.iter());
    }
    std::fs::write(assets.join("lexicon.bin"), &out)?;

    let notice = licence(&read(&copyright)?)?;
    let text = format!(
        "assets/lexicon.bin is derived from WordNet 3.0 and is distributed under its licence:\n\n{notice}"
    );
    std::fs::write(assets.join("LEXICON-LICENSE.txt"), text)?;
    eprintln!(
        "{} keys, {} noun and verb synsets, {} bytes",
        keys.len(),
        n_noun_verb,
        out.len()
    );
    Ok(())
}
