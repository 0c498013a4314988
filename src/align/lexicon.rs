//! Lexical knowledge from WordNet 3.0: base forms of words, how two lemmas relate (synonyms,
//! derivations, hypernyms) and the classes of counted nouns. Owns the reader of
//! `assets/lexicon.bin` (built by `examples/wordnet.rs`); depends on nothing else in the crate.
//!
//! The table is read in place from the bytes compiled into the binary: loading checks the header
//! and slices the sections, and lookups binary-search the sorted keys. Every read is bounds
//! checked, so a damaged table makes words unknown instead of panicking.

use std::cmp::Ordering;
use std::sync::OnceLock;

/// A named class of counted things and the WordNet noun senses (`lemma#sense`) it stands for.
/// Ordered from specific to general: a class listed later is never below one listed earlier,
/// so `classes` returns the most specific first (the builder checks this order).
pub struct Anchor {
    pub name: &'static str,
    pub senses: &'static [&'static str],
    /// Classes implied even where the hypernym tree does not lead to them (troops as a group
    /// are still people).
    pub implies: &'static [&'static str],
}

const fn anchor(
    name: &'static str,
    senses: &'static [&'static str],
    implies: &'static [&'static str],
) -> Anchor {
    Anchor {
        name,
        senses,
        implies,
    }
}

/// The classes `Lexicon::classes` can return. The asset stores indices into this list, so
/// changing it means rebuilding the asset.
pub const ANCHORS: &[Anchor] = &[
    anchor("police officer", &["policeman#1"], &["person"]),
    anchor(
        "military personnel",
        &["serviceman#1", "military_personnel#1", "armed_forces#1"],
        &["person"],
    ),
    anchor("child", &["child#1", "child#2"], &["person"]),
    anchor(
        "casualty",
        &[
            "casualty#1",
            "casualty#2",
            "victim#1",
            "dead#1",
            "wounded#1",
        ],
        &["person"],
    ),
    anchor("official", &["official#1", "politician#2"], &["person"]),
    anchor("person", &["person#1", "people#1"], &[]),
    anchor("animal", &["animal#1"], &[]),
    anchor("home", &["dwelling#1", "house#1"], &["building"]),
    anchor("building", &["building#1"], &[]),
    anchor("facility", &["facility#1"], &[]),
    anchor("aircraft", &["aircraft#1"], &["vehicle"]),
    anchor("ship", &["vessel#2"], &["vehicle"]),
    anchor("vehicle", &["vehicle#1"], &[]),
    anchor("weapon", &["weapon#1"], &[]),
    anchor("money", &["money#1", "monetary_unit#1", "currency#1"], &[]),
    anchor("time period", &["time_period#1", "time_unit#1"], &[]),
    anchor("unit of measure", &["unit_of_measurement#1"], &[]),
    anchor("city", &["city#1", "town#1", "village#2"], &["place"]),
    anchor("country", &["country#1", "country#2"], &["place"]),
    anchor(
        "region",
        &["administrative_district#1", "region#1", "district#1"],
        &["place"],
    ),
    anchor("place", &["location#1"], &[]),
    anchor("company", &["company#1", "business#1"], &["organization"]),
    anchor("organization", &["organization#1"], &[]),
    anchor(
        "attack",
        &["attack#1", "attack#2", "military_action#1"],
        &["event"],
    ),
    anchor("event", &["event#1"], &[]),
    anchor("body part", &["body_part#1"], &[]),
    anchor("substance", &["substance#1"], &[]),
];

/// How two lemmas relate, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Same,
    Synonym,
    Derived,
    Hypernym,
}

/// Leading bytes of the table; the digit is the layout version.
pub const MAGIC: &[u8; 8] = b"DIPLEX01";

/// Flags of a key's record (one byte after the key's text).
pub mod flag {
    pub const NOUN: u8 = 1;
    pub const VERB: u8 = 2;
    pub const ADJ: u8 = 4;
    pub const ADV: u8 = 8;
    /// A preferred base form (an irregular form whose base is the likelier reading), stored as
    /// `key << 2 | part of speech` (index into `POS`) of the exception list it comes from.
    pub const BASE: u8 = 16;
    /// Derivationally related keys.
    pub const DERIVED: u8 = 32;
    /// Anchor classes.
    pub const CLASSES: u8 = 64;
    /// Parts of speech in the order their synset lists are stored.
    pub const POS: [u8; 4] = [NOUN, VERB, ADJ, ADV];
}

/// Senses of a word looked at for hypernyms: the rare senses of common words (man as a piece
/// in a board game) would relate almost everything.
const HYPERNYM_SENSES: usize = 3;

/// Appends `v` as an unsigned LEB128 varint (the table's integer encoding).
pub fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Reads varints off the front of a byte slice.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    bytes: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }
    fn varint(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    /// A counted list of varints; the cursor moves past it.
    fn list(&mut self) -> Option<Ids<'a>> {
        let n = self.varint()?;
        let ids = Ids {
            cur: *self,
            left: n,
        };
        for _ in 0..n {
            self.varint()?;
        }
        Some(ids)
    }
}

/// A list of ids stored as varints.
#[derive(Clone, Copy)]
struct Ids<'a> {
    cur: Cursor<'a>,
    left: u32,
}

impl Iterator for Ids<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        self.cur.varint()
    }
}

const EMPTY_IDS: Ids<'static> = Ids {
    cur: Cursor { bytes: &[] },
    left: 0,
};

/// One key's record, decoded lazily.
#[derive(Clone, Copy)]
struct Record<'a> {
    flags: u8,
    /// Key of the preferred base form and the index in `flag::POS` of its part of speech.
    base: Option<(u32, usize)>,
    synsets: [Ids<'a>; 4],
    derived: Ids<'a>,
    classes: &'a [u8],
}

impl<'a> Record<'a> {
    fn decode(bytes: &'a [u8]) -> Option<Record<'a>> {
        let mut cur = Cursor { bytes };
        let flags = cur.byte()?;
        let base = if flags & flag::BASE != 0 {
            let v = cur.varint()?;
            Some((v >> 2, (v & 3) as usize))
        } else {
            None
        };
        let mut synsets = [EMPTY_IDS; 4];
        for (slot, pos) in synsets.iter_mut().zip(flag::POS) {
            if flags & pos != 0 {
                *slot = cur.list()?;
            }
        }
        let derived = if flags & flag::DERIVED != 0 {
            cur.list()?
        } else {
            EMPTY_IDS
        };
        let classes = if flags & flag::CLASSES != 0 {
            let n = usize::from(cur.byte()?);
            cur.bytes.get(..n)?
        } else {
            &[]
        };
        Some(Record {
            flags,
            base,
            synsets,
            derived,
            classes,
        })
    }
    fn is(&self, pos: u8) -> bool {
        self.flags & pos != 0
    }
}

/// Part of speech for the detachment rules.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pos {
    Noun,
    Verb,
    Adj,
}

/// WordNet's detachment rules (suffix, replacement) per part of speech, in the order tried.
fn rules(pos: Pos) -> &'static [(&'static str, &'static str)] {
    match pos {
        Pos::Noun => &[
            ("s", ""),
            ("ses", "s"),
            ("xes", "x"),
            ("zes", "z"),
            ("ches", "ch"),
            ("shes", "sh"),
            ("men", "man"),
            ("ies", "y"),
        ],
        Pos::Verb => &[
            ("s", ""),
            ("ies", "y"),
            ("es", "e"),
            ("es", ""),
            ("ed", "e"),
            ("ed", ""),
            ("ing", "e"),
            ("ing", ""),
        ],
        Pos::Adj => &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    }
}

fn pos_flag(pos: Pos) -> u8 {
    match pos {
        Pos::Noun => flag::NOUN,
        Pos::Verb => flag::VERB,
        Pos::Adj => flag::ADJ,
    }
}

/// The WordNet table: sorted keys (lemmas and irregular forms) with their records, and the
/// direct hypernyms of noun and verb synsets.
pub struct Lexicon {
    key_offsets: &'static [u8],
    keys: &'static [u8],
    hyp_offsets: &'static [u8],
    hyps: &'static [u8],
}

/// Why a table could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LexiconError {
    #[error("lexicon table: wrong magic bytes")]
    Magic,
    #[error("lexicon table: truncated")]
    Truncated,
}

fn u32_at(bytes: &[u8], i: usize) -> Option<u32> {
    let b = bytes.get(i.checked_mul(4)?..i.checked_mul(4)?.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl Lexicon {
    /// Loaded on first use from the asset compiled into the binary (include_bytes!/include_str!), < 5 ms.
    pub fn builtin() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| {
            Lexicon::from_bytes(include_bytes!("../../assets/lexicon.bin"))
                .unwrap_or_else(|_| Lexicon::empty())
        })
    }

    /// A lexicon that knows no words.
    pub fn empty() -> Lexicon {
        Lexicon {
            key_offsets: &[],
            keys: &[],
            hyp_offsets: &[],
            hyps: &[],
        }
    }

    /// Reads a table in the layout written by `examples/wordnet.rs`: magic, four u32 counts
    /// (keys, noun and verb synsets, key bytes, hypernym bytes), the two offset arrays, then
    /// the two byte sections.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Lexicon, LexiconError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(LexiconError::Magic)?;
        let count = |i| {
            u32_at(rest, i)
                .map(|v| v as usize)
                .ok_or(LexiconError::Truncated)
        };
        let (n_keys, n_syn, key_len, hyp_len) = (count(0)?, count(1)?, count(2)?, count(3)?);
        let mut at = 16usize;
        let mut take = |len: usize| -> Result<&'static [u8], LexiconError> {
            let end = at.checked_add(len).ok_or(LexiconError::Truncated)?;
            let s = rest.get(at..end).ok_or(LexiconError::Truncated)?;
            at = end;
            Ok(s)
        };
        let key_offsets = take(n_keys.saturating_mul(4))?;
        let hyp_offsets = take(n_syn.saturating_add(1).saturating_mul(4))?;
        let keys = take(key_len)?;
        let hyps = take(hyp_len)?;
        Ok(Lexicon {
            key_offsets,
            keys,
            hyp_offsets,
            hyps,
        })
    }

    /// Number of keys (lemmas and irregular forms).
    pub fn len(&self) -> usize {
        self.key_offsets.len() / 4
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Text and record bytes of key `i`.
    fn entry(&self, i: u32) -> Option<(&'static [u8], &'static [u8])> {
        let off = u32_at(self.key_offsets, i as usize)? as usize;
        let keys: &'static [u8] = self.keys;
        let len = usize::from(*keys.get(off)?);
        let text = keys.get(off + 1..off + 1 + len)?;
        Some((text, keys.get(off + 1 + len..)?))
    }

    fn key_text(&self, i: u32) -> Option<&'static str> {
        std::str::from_utf8(self.entry(i)?.0).ok()
    }

    fn find(&self, word: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0u32, u32::try_from(self.len()).ok()?);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.entry(mid)?.0.cmp(word.as_bytes()) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    fn record(&self, i: u32) -> Option<Record<'static>> {
        Record::decode(self.entry(i)?.1)
    }

    fn lookup(&self, word: &str) -> Option<(u32, Record<'static>)> {
        let i = self.find(word)?;
        Some((i, self.record(i)?))
    }

    /// The key a regular inflection of `word` comes from, as part of speech `pos`.
    fn detach(&self, word: &str, pos: Pos) -> Option<u32> {
        let mut candidate = String::with_capacity(word.len() + 2);
        rules(pos).iter().find_map(|(suffix, repl)| {
            let stem = word.strip_suffix(suffix)?;
            if stem.is_empty() {
                return None;
            }
            candidate.clear();
            candidate.push_str(stem);
            candidate.push_str(repl);
            let (i, rec) = self.lookup(&candidate)?;
            rec.is(pos_flag(pos)).then_some(i)
        })
    }

    /// Key of the base form of `word` read as `pos`: the word itself, an irregular form's base,
    /// or a regular inflection's stem.
    fn base_as(&self, word: &str, pos: Pos) -> Option<u32> {
        if let Some((i, rec)) = self.lookup(word) {
            let base = rec
                .base
                .filter(|(_, part)| flag::POS.get(*part) == Some(&pos_flag(pos)));
            if let Some((b, _)) = base {
                return Some(b);
            }
            if rec.is(pos_flag(pos)) {
                return Some(i);
            }
            if rec.base.is_some() {
                // A known irregular form ("was") is not also a regular inflection ("wa" + s).
                return None;
            }
        }
        self.detach(word, pos)
    }

    /// Base form of a lowercase word: "struck"→"strike", "troops"→"troops" (it is itself a WordNet lemma), "killed"→"kill", "died"→"die", "officers"→"officer", "children"→"child", "was"→"be". Unknown words come back unchanged. Prefer noun reading for plurals unless only the verb exists; irregular forms from the .exc files.
    ///
    /// An irregular form that is also a lemma keeps its own reading unless WordNet's tagged
    /// corpus uses the base it inflects more often ("ground", "wound", "data" stay; "found"
    /// becomes "find", "left" "leave", "men" "man"). Adjectives and adverbs come after nouns
    /// and verbs.
    pub fn lemma<'a>(&'a self, word: &'a str) -> &'a str {
        self.lemma_key(word)
            .and_then(|i| self.key_text(i))
            .unwrap_or(word)
    }

    fn lemma_key(&self, word: &str) -> Option<u32> {
        let found = self.lookup(word);
        if let Some((i, rec)) = found {
            if let Some((b, _)) = rec.base {
                return Some(b);
            }
            if rec.is(flag::NOUN | flag::VERB) {
                return Some(i);
            }
        }
        if let Some(i) = self
            .detach(word, Pos::Noun)
            .or_else(|| self.detach(word, Pos::Verb))
        {
            return Some(i);
        }
        if let Some((i, rec)) = found {
            if rec.is(flag::ADJ | flag::ADV) {
                return Some(i);
            }
        }
        self.detach(word, Pos::Adj)
    }

    /// How two lemmas relate, if at all: Same (equal), Synonym (share a synset), Derived
    /// (WordNet derivational pointers between their senses, e.g. death/die/dead,
    /// kill/killing, evacuate/evacuation, and pertainyms such as nuclear/nucleus), Hypernym
    /// (a sense of one is a direct or 2-step hypernym of one of the first senses of the
    /// other, noun or verb). Symmetric. Inflected words are lemmatised first.
    pub fn related(&self, a: &str, b: &str) -> Option<Relation> {
        if a == b {
            return Some(Relation::Same);
        }
        let (ka, kb) = (self.lemma_key(a)?, self.lemma_key(b)?);
        if ka == kb {
            return Some(Relation::Same);
        }
        let (ra, rb) = (self.record(ka)?, self.record(kb)?);
        let shares = ra.synsets.iter().zip(rb.synsets.iter()).any(|(sa, sb)| {
            let mut sb = *sb;
            sb.any(|y| sa.clone().any(|x| x == y))
        });
        if shares {
            return Some(Relation::Synonym);
        }
        if ra.derived.clone().any(|k| k == kb) || rb.derived.clone().any(|k| k == ka) {
            return Some(Relation::Derived);
        }
        if self.hypernym_of(&ra, &rb) || self.hypernym_of(&rb, &ra) {
            return Some(Relation::Hypernym);
        }
        None
    }

    /// Is a sense of `upper` one or two hypernym steps above one of the first senses of `lower`?
    fn hypernym_of(&self, upper: &Record, lower: &Record) -> bool {
        (0..2).any(|p| {
            let targets = upper.synsets[p];
            lower.synsets[p].take(HYPERNYM_SENSES).any(|s| {
                self.hypernyms(s).any(|h| {
                    targets.clone().any(|t| t == h)
                        || self.hypernyms(h).any(|g| targets.clone().any(|t| t == g))
                })
            })
        })
    }

    /// Direct hypernyms of a noun or verb synset.
    fn hypernyms(&self, synset: u32) -> Ids<'static> {
        let range = u32_at(self.hyp_offsets, synset as usize)
            .zip(u32_at(self.hyp_offsets, synset as usize + 1));
        let hyps: &'static [u8] = self.hyps;
        match range.and_then(|(s, e)| hyps.get(s as usize..e as usize)) {
            Some(bytes) => Cursor { bytes }.list().unwrap_or(EMPTY_IDS),
            None => EMPTY_IDS,
        }
    }

    /// Classes of a counted noun, most specific first (names from `ANCHORS`), reached through
    /// the hypernyms of the first senses of its noun reading. Empty for unknown words.
    pub fn classes(&self, word: &str) -> Vec<&'static str> {
        let Some(rec) = self.base_as(word, Pos::Noun).and_then(|i| self.record(i)) else {
            return Vec::new();
        };
        rec.classes
            .iter()
            .filter_map(|&c| ANCHORS.get(usize::from(c)).map(|a| a.name))
            .collect()
    }

    /// The verb an inflected form comes from ("wounding" → "wound", "marched" → "march"),
    /// even when the form is also a noun of its own; None when no verb reading exists.
    pub fn verb_base(&self, word: &str) -> Option<&'static str> {
        self.base_as(word, Pos::Verb).and_then(|i| self.key_text(i))
    }

    /// Is `word` a verb lemma in WordNet, itself or as a regular or irregular inflection?
    pub fn is_verb(&self, word: &str) -> bool {
        self.base_as(word, Pos::Verb).is_some()
    }

    /// Is `word` a noun lemma in WordNet, itself or as a regular or irregular inflection?
    pub fn is_noun(&self, word: &str) -> bool {
        self.base_as(word, Pos::Noun).is_some()
    }

    /// What `related` compares, taken out once per word so that many words can be compared by
    /// sorted-list lookups: two words are the same lemma when their `lemma` keys are equal,
    /// synonyms when their `synsets` meet, derived when one's lemma is in the other's `derived`.
    /// Only the first `senses` senses of each part of speech are taken (the rare senses of
    /// common words would make almost everything synonyms).
    pub fn relation_keys(&self, word: &str, senses: usize) -> RelationKeys {
        let Some(k) = self.lemma_key(word) else {
            return RelationKeys::default();
        };
        let Some(rec) = self.record(k) else {
            return RelationKeys {
                lemma: Some(k),
                ..RelationKeys::default()
            };
        };
        let mut synsets: Vec<u64> = rec
            .synsets
            .iter()
            .enumerate()
            .flat_map(|(p, ids)| {
                ids.take(senses)
                    .map(move |s| (p as u64) << 32 | u64::from(s))
            })
            .collect();
        synsets.sort_unstable();
        synsets.dedup();
        let mut derived: Vec<u32> = rec.derived.collect();
        derived.sort_unstable();
        derived.dedup();
        // one step above the first senses of the noun and verb readings (two steps reach
        // words too general to say two passages report the same thing)
        let mut broader: Vec<u64> = Vec::new();
        for p in 0..2 {
            for s in rec.synsets[p].take(HYPERNYM_SENSES.min(senses)) {
                broader.extend(self.hypernyms(s).map(|h| (p as u64) << 32 | u64::from(h)));
            }
        }
        broader.sort_unstable();
        broader.dedup();
        RelationKeys {
            lemma: Some(k),
            synsets,
            derived,
            broader,
        }
    }
}

/// A word's lemma key, synsets (tagged with their part of speech) and derived lemma keys: see
/// `Lexicon::relation_keys`. Empty for unknown words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationKeys {
    pub lemma: Option<u32>,
    pub synsets: Vec<u64>,
    pub derived: Vec<u32>,
    /// Synsets one hypernym step above the word's first noun and verb senses, tagged like
    /// `synsets`: what the word is a kind of ("ferry" / "boat").
    pub broader: Vec<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        let l = Lexicon::builtin();
        assert!(l.len() > 50_000, "the built-in table did not load");
        l
    }

    #[test]
    fn lemmas() {
        let l = lex();
        for (word, lemma) in [
            ("struck", "strike"),
            ("troops", "troops"),
            ("killed", "kill"),
            ("died", "die"),
            ("officers", "officer"),
            ("children", "child"),
            ("was", "be"),
            ("men", "man"),
            ("found", "find"),
            ("left", "leave"),
            ("ground", "ground"),
            ("wound", "wound"),
            ("evacuated", "evacuate"),
            ("houses", "house"),
            ("stopped", "stop"),
            ("kill", "kill"),
            ("xyzzy", "xyzzy"),
            ("", ""),
        ] {
            assert_eq!(l.lemma(word), lemma, "lemma of {word:?}");
        }
    }

    #[test]
    fn relations() {
        use Relation::*;
        let l = lex();
        for (a, b, rel) in [
            ("kill", "kill", Some(Same)),
            ("killed", "kills", Some(Same)),
            ("attack", "assault", Some(Synonym)),
            ("say", "tell", Some(Synonym)),
            ("die", "death", Some(Derived)),
            ("evacuate", "evacuation", Some(Derived)),
            ("evacuated", "evacuation", Some(Derived)),
            ("flood", "flooding", Some(Derived)),
            ("nuclear", "nucleus", Some(Derived)),
            ("car", "vehicle", Some(Hypernym)),
            ("man", "person", Some(Hypernym)),
            ("servicemen", "soldiers", Some(Hypernym)),
            ("kill", "murder", Some(Hypernym)),
            // WordNet links neither: troops are a group, soldiers persons; death is the
            // noun of "die", not of "kill" or "dead".
            ("troops", "soldiers", None),
            ("kill", "death", None),
            ("dead", "death", None),
            ("dog", "cat", None),
            ("xyzzy", "kill", None),
        ] {
            assert_eq!(l.related(a, b), rel, "{a} / {b}");
            assert_eq!(l.related(b, a), rel, "{b} / {a}");
        }
    }

    #[test]
    fn classes() {
        let l = lex();
        let military: &[&str] = &["military personnel", "person"];
        for (word, classes) in [
            ("officers", military),
            ("troops", &["military personnel", "person", "organization"]),
            ("soldiers", military),
            ("servicemen", military),
            ("residents", &["person"]),
            ("civilians", &["person"]),
            ("people", &["person"]),
            ("children", &["child", "person"]),
            ("men", &["person"]),
            ("victims", &["casualty", "person"]),
            ("houses", &["home", "building"]),
            ("buildings", &["building"]),
            ("tanks", &["vehicle"]),
            ("cars", &["vehicle"]),
            ("helicopters", &["aircraft", "vehicle"]),
            ("dollars", &["money", "unit of measure"]),
            ("euros", &["money", "unit of measure"]),
            ("counties", &["region", "place"]),
            ("provinces", &["region", "place"]),
            ("targets", &[]),
            ("killed", &[]),
            ("was", &[]),
            ("xyzzy", &[]),
        ] {
            assert_eq!(l.classes(word), classes, "classes of {word}");
        }
    }

    #[test]
    fn parts_of_speech() {
        let l = lex();
        assert!(l.is_verb("killed") && !l.is_noun("killed"));
        assert!(l.is_noun("officers") && !l.is_verb("children"));
        assert!(l.is_verb("was") && !l.is_noun("was"));
        assert!(l.is_noun("troops") && l.is_verb("troops"));
        assert!(!l.is_noun("xyzzy") && !l.is_verb("xyzzy"));
    }

    #[test]
    fn anchors_are_distinct() {
        let names: std::collections::BTreeSet<_> = ANCHORS.iter().map(|a| a.name).collect();
        assert_eq!(names.len(), ANCHORS.len());
        assert!(ANCHORS.len() < usize::from(u8::MAX));
        for a in ANCHORS {
            assert!(a.implies.iter().all(|i| names.contains(i)), "{}", a.name);
        }
    }

    #[test]
    fn damaged_tables_are_refused_or_empty() {
        assert_eq!(
            Lexicon::from_bytes(b"nonsense").err(),
            Some(LexiconError::Magic)
        );
        assert_eq!(
            Lexicon::from_bytes(b"DIPLEX01\x05\0\0\0").err(),
            Some(LexiconError::Truncated)
        );
        // Offsets pointing nowhere make words unknown, never a panic.
        let bad: &'static [u8] =
            b"DIPLEX01\x01\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0\xff\xff\0\0\0\0\0\0x";
        let l = Lexicon::from_bytes(bad).unwrap_or_else(|_| Lexicon::empty());
        assert_eq!(l.lemma("officers"), "officers");
        assert!(l.classes("troops").is_empty());
        assert_eq!(l.related("a", "b"), None);
    }

    #[test]
    #[ignore = "prints the load time of the built-in table"]
    fn load_time() {
        let t = std::time::Instant::now();
        let l = Lexicon::from_bytes(include_bytes!("../../assets/lexicon.bin"));
        let lemma = l.as_ref().map(|l| l.lemma("officers"));
        println!("lexicon: loaded in {:?}, {lemma:?}", t.elapsed());
    }
}
