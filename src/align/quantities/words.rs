//! Word tables of figures: months, units that are not counts, words that make a number a
//! name, words that end a counted phrase, currencies, multipliers, vague amounts, fractions,
//! qualifiers, and the verb forms that follow a counted noun. Data only; no parsing.

use super::Qualifier;
use crate::align::lexicon::Lexicon;
use crate::align::tokenize;

/// Month names and their abbreviations, lower case.
pub(super) fn is_month(w: &str) -> bool {
    const SHORT: &[&str] = &[
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    tokenize::MONTHS.contains(&w) || SHORT.contains(&w)
}

/// Units that make a number a duration, a distance, a weight or a clock time: not figures
/// this stage compares.
pub(super) const OTHER_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "o'clock",
    "am",
    "pm",
    "gmt",
    "utc",
    "km",
    "kms",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "mile",
    "miles",
    "metre",
    "metres",
    "meter",
    "meters",
    "m2",
    "feet",
    "foot",
    "ft",
    "inch",
    "inches",
    "cm",
    "mm",
    "kg",
    "kilograms",
    "kilos",
    "tonnes",
    "tons",
    "tonne",
    "ton",
    "pounds",
    "lbs",
    "degrees",
    "mph",
    "kmh",
    "knots",
    "acres",
    "hectares",
    "square",
    "litres",
    "liters",
    "gallons",
    "barrels",
    "times",
    "mw",
    "gw",
    "kw",
    "nautical",
    "points",
    "goals",
    "runs",
    "st",
    "nd",
    "rd",
    "th",
];

/// Lowercase words before a number that make it a name or an index ("article 5").
pub(super) const NAME_WORDS: &[&str] = &[
    "article",
    "chapter",
    "section",
    "no",
    "number",
    "flight",
    "route",
    "room",
    "page",
    "version",
    "phase",
    "level",
    "grade",
    "category",
    "resolution",
    "paragraph",
    "clause",
    "platform",
    "gate",
    "line",
    "channel",
    "covid",
    "size",
    "model",
    "class",
    "type",
    "team",
    "vol",
    "p",
    "pp",
    "figure",
    "table",
    "step",
    "season",
    "episode",
    "game",
    "round",
    "stage",
    "term",
    "week",
];

pub(super) const PHRASE_STOPS: &[&str] = &[
    "were",
    "was",
    "had",
    "have",
    "has",
    "are",
    "is",
    "be",
    "been",
    "in",
    "on",
    "at",
    "and",
    "who",
    "which",
    "that",
    "when",
    "while",
    "after",
    "before",
    "since",
    "by",
    "from",
    "to",
    "for",
    "with",
    "as",
    "but",
    "or",
    "during",
    "into",
    "where",
    "would",
    "will",
    "said",
    "than",
    "this",
    "these",
    "those",
    "across",
    "near",
    "per",
    "each",
    "including",
    "among",
    "against",
    "amid",
    "over",
    "under",
    "more",
    "less",
    "whom",
    "whose",
    "could",
    "can",
    "may",
    "might",
    "also",
    "had",
    "not",
    "did",
    "do",
    "does",
    "according",
    "about",
    "around",
    "so",
    "if",
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "its",
    "their",
    "his",
    "her",
    "our",
];

/// Words of time and manner that end a counted phrase ("50 targets overnight"); days and
/// months end it too (`tokenize::is_calendar`).
pub(super) const ADVERBS: &[&str] = &[
    "overnight",
    "tonight",
    "earlier",
    "later",
    "ago",
    "now",
    "last",
    "next",
    "early",
    "late",
    "already",
    "still",
    "instead",
    "too",
    "again",
    "alone",
    "apiece",
    "there",
    "here",
    "then",
    "altogether",
    "total",
    "respectively",
    "daily",
    "so",
    "far",
    "since",
];

pub(super) const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("usd", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("eur", "EUR"),
    ("pound", "GBP"),
    ("sterling", "GBP"),
    ("gbp", "GBP"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("yen", "JPY"),
    ("rupees", "INR"),
    ("rupee", "INR"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("lira", "TRY"),
    ("liras", "TRY"),
    ("francs", "CHF"),
];

pub(super) fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        '₽' => "RUB",
        '₺' => "TRY",
        _ => return None,
    })
}

pub(super) fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" | "k" => 1e3,
        "million" | "mln" | "m" | "mn" => 1e6,
        "billion" | "bln" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// Amounts written as words: (low, high) of what people mean by them.
pub(super) fn vague(w: &str) -> Option<(f64, f64)> {
    Some(match w {
        "dozens" => (20.0, 99.0),
        "scores" => (40.0, 199.0),
        "hundreds" => (200.0, 999.0),
        "thousands" => (2e3, 9_999.0),
        "millions" => (2e6, 999e6),
        "billions" => (2e9, 999e9),
        _ => return None,
    })
}

/// Shares written as words ("half", "a third", "two-thirds"), as percent (low, high).
pub(super) fn fraction(w: &str) -> Option<(f64, f64)> {
    Some(match w {
        "half" => (45.0, 55.0),
        "third" => (30.0, 36.0),
        "quarter" => (22.0, 28.0),
        "two-thirds" => (63.0, 70.0),
        "three-quarters" => (72.0, 78.0),
        _ => return None,
    })
}

/// Qualifier words before a value, longest first.
pub(super) const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["at", "least"], Qualifier::AtLeast),
    (&["more", "than"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["just", "under"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["up", "to"], Qualifier::AtMost),
    (&["at", "most"], Qualifier::AtMost),
    (&["an", "estimated"], Qualifier::About),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["some"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approximate"], Qualifier::About),
    (&["approx"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["circa"], Qualifier::About),
];

/// Irregular past forms that follow a counted noun as its verb.
pub(super) const PAST_VERBS: &[&str] = &[
    "stood", "said", "told", "left", "went", "came", "held", "lost", "took", "made", "gave", "saw",
    "met", "ran", "became", "got", "sat", "fell", "rose", "began", "knew", "thought", "found",
    "kept", "brought", "sought", "fought", "won", "spent", "paid", "fled",
];

/// Verb forms that end a counted phrase even without -ed ("struck", "hit", "fled").
pub(super) fn is_verb_form(w: &str) -> bool {
    matches!(
        w,
        "struck"
            | "hit"
            | "fled"
            | "died"
            | "shot"
            | "slain"
            | "hurt"
            | "kill"
            | "kills"
            | "die"
            | "dies"
            | "won"
            | "spent"
            | "paid"
            | "went"
            | "were"
    )
}

/// The predicate class of a word: what happened to the counted things. Remembered per thread:
/// every word of a sentence with a figure is asked, and the lexicon's answer costs far more
/// than a lookup.
pub(crate) fn predicate_class(w: &str) -> Option<&'static str> {
    thread_local! {
        static CACHE: std::cell::RefCell<crate::align::HashMap<String, Option<&'static str>>> =
            std::cell::RefCell::default();
    }
    CACHE.with(|c| {
        if let Some(class) = c.borrow().get(w) {
            return *class;
        }
        let class = read_predicate_class(w);
        let mut c = c.borrow_mut();
        if c.len() > 200_000 {
            c.clear();
        }
        c.insert(w.to_string(), class);
        class
    })
}

/// `predicate_class` as the lexicon answers it.
fn read_predicate_class(w: &str) -> Option<&'static str> {
    let lex = Lexicon::builtin();
    let l = lex.lemma(w);
    // a participle that is also a noun of its own ("wounding", "marching") is read as the
    // verb it inflects
    let verb = (w.ends_with("ing") || w.ends_with("ed"))
        .then(|| lex.verb_base(w))
        .flatten()
        .unwrap_or(l);
    PREDICATES
        .iter()
        .find(|(_, words)| words.contains(&l) || words.contains(&w) || words.contains(&verb))
        .map(|(c, _)| *c)
}

const PREDICATES: &[(&str, &[&str])] = &[
    (
        "kill",
        &[
            "kill",
            "die",
            "dead",
            "death",
            "martyr",
            "slay",
            "slain",
            "perish",
            "fatality",
            "fatalities",
            "killing",
            "toll",
            "murder",
            "died",
            "deaths",
        ],
    ),
    (
        "wound",
        &[
            "wound", "injure", "injury", "hurt", "injuries", "wounded", "injured",
        ],
    ),
    ("casualty", &["casualty", "casualties"]),
    ("evacuate", &["evacuate", "evacuation", "evacuee"]),
    (
        "displace",
        &["displace", "flee", "fled", "homeless", "uproot"],
    ),
    (
        "strike",
        &[
            "strike",
            "struck",
            "hit",
            "shell",
            "bomb",
            "bombard",
            "raid",
            "airstrike",
            "pound",
            "shelling",
            "bombing",
            "attack",
        ],
    ),
    (
        "destroy",
        &[
            "destroy",
            "demolish",
            "raze",
            "flatten",
            "wreck",
            "obliterate",
        ],
    ),
    ("damage", &["damage"]),
    (
        "arrest",
        &[
            "arrest",
            "detain",
            "capture",
            "apprehend",
            "jail",
            "imprison",
            "detention",
            "detainee",
        ],
    ),
    (
        "neutralise",
        &[
            "neutralise",
            "neutralize",
            "neutralisation",
            "neutralization",
        ],
    ),
    ("missing", &["missing", "disappear", "unaccounted"]),
    ("rescue", &["rescue"]),
    ("seize", &["seize", "confiscate"]),
    (
        "gather",
        &[
            "protest",
            "rally",
            "march",
            "demonstrate",
            "gather",
            "attend",
            "crowd",
            "protester",
            "protestor",
            "demonstrator",
            "turnout",
            "marcher",
            "mourner",
            "vigil",
        ],
    ),
    ("vote", &["vote", "ballot", "voter"]),
    (
        "cost",
        &[
            "cost",
            "spend",
            "spent",
            "pay",
            "paid",
            "fund",
            "invest",
            "worth",
            "price",
            "fine",
            "budget",
            "compensation",
            "buy",
            "bought",
            "sell",
            "sold",
            "purchase",
            "auction",
            "raise",
        ],
    ),
    // "stationed" but not "police station"
    ("deploy", &["deploy", "deployment", "stationed"]),
    ("infect", &["infect", "infection"]),
    ("evict", &["evict"]),
    ("hospitalise", &["hospitalise", "hospitalize", "hospital"]),
];

/// The past participle used in labels ("Turkish troops killed").
pub(super) fn participle(class: &str) -> &'static str {
    match class {
        "kill" => "killed",
        "wound" => "wounded",
        "casualty" => "casualties",
        "evacuate" => "evacuated",
        "displace" => "displaced",
        "strike" => "struck",
        "destroy" => "destroyed",
        "damage" => "damaged",
        "arrest" => "arrested",
        "neutralise" => "neutralised",
        "missing" => "missing",
        "rescue" => "rescued",
        "seize" => "seized",
        "gather" => "gathered",
        "vote" => "votes",
        "cost" => "cost",
        "deploy" => "deployed",
        "infect" => "infected",
        "evict" => "evicted",
        "hospitalise" => "in hospital",
        _ => "",
    }
}

/// Base form of a lowercase word ("struck" → "strike", "officers" → "officer"), from WordNet.
pub(crate) fn lemma(w: &str) -> String {
    Lexicon::builtin().lemma(w).to_string()
}

/// Predicate classes only people and animals undergo.
pub(super) fn living_only(class: &str) -> bool {
    matches!(
        class,
        "kill" | "wound" | "casualty" | "arrest" | "infect" | "hospitalise"
    )
}
