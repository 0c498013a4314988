//! A frame around a value: the counted noun phrase, the predicate near it, the owners and
//! places it belongs to, and the spans of the phrase and the value in the sentence.

use super::extract::{gap, is_cap, Tok};
use super::value::Val;
use super::words::*;
use super::{Frame, Unit, WordList};
use crate::align::lexicon::Lexicon;
use crate::align::tokenize::{is_calendar, is_stop, number_value};

pub(super) fn frame(
    s: &str,
    toks: &[Tok],
    v: Val,
    earlier: &[Frame],
    ctx: &WordList,
    names: &WordList,
) -> Option<Frame> {
    // the counted noun phrase: up to four words, to a verb, a preposition or punctuation
    let mut e = v.noun;
    while e < toks.len() && e - v.noun < 4 {
        let w = toks[e].low.as_ref();
        if e > v.noun
            && !gap(s, toks, e - 1, e).trim().is_empty()
            && gap(s, toks, e - 1, e).trim() != "-"
        {
            break;
        }
        if e == v.noun
            && e > 0
            && gap(s, toks, e - 1, e).contains([',', '.', ';', ':', '(', ')', '"', '“', '”'])
        {
            break;
        }
        if PHRASE_STOPS.contains(&w)
            || ADVERBS.contains(&w)
            || is_calendar(w)
            || is_month(w)
            || (w.ends_with("ly") && w.len() > 4)
            || is_stop(w) && e > v.noun
            || number_value(toks[e].raw).is_some()
        {
            break;
        }
        if toks[e].pred().is_some() && (w.ends_with("ed") || w.ends_with("ing") || is_verb_form(w))
        {
            // a participle before its plural noun describes it: "355 damaged shops"
            let describes = e == v.noun
                && w.ends_with("ed")
                && toks.get(e + 1).is_some_and(|n| {
                    gap(s, toks, e, e + 1).trim().is_empty()
                        && is_plural_noun(&n.low)
                        && n.pred().is_none()
                });
            if !describes {
                break;
            }
        }
        e += 1;
    }
    // a verb after the noun is not part of it ("300 people stood", "seven named by")
    while e > v.noun {
        let w = toks[e - 1].low.as_ref();
        let verbish = PAST_VERBS.contains(&w)
            || (w.len() > 4
                && (w.ends_with("ed") || w.ends_with("ing"))
                && !is_eventive_noun("kill", w));
        if !verbish {
            break;
        }
        e -= 1;
    }
    // a plural noun ends the phrase unless another plural follows it ("arms dealers"): what
    // comes after is no longer the counted thing ("327 elements form the regime", "homes
    // uninhabitable")
    if let Some(i) = (v.noun..e).find(|&i| {
        is_plural_noun(&toks[i].low)
            && !toks
                .get(i + 1)
                .is_some_and(|n| i + 1 < e && is_plural_noun(&n.low))
    }) {
        e = i + 1;
    }
    // "the", "a" as the first word is not part of a counted thing
    let mut b = v.noun;
    while b < e && is_stop(&toks[b].low) {
        b += 1;
    }
    let np = &toks[b.min(e)..e];
    // an implicit figure borrows its noun, and with it the noun's owners: "the deaths of
    // Turkish soldiers, where dozens have been killed" counts Turkish soldiers
    let (counted, mut head, implicit, borrowed) = if let Some(last) = np.last() {
        (
            s[np[0].at.start..last.at.end].to_string(),
            lemma(&last.low),
            false,
            Vec::new(),
        )
    } else {
        let prev = earlier
            .last()
            .filter(|f| !f.head.is_empty() && f.quantity.unit == v.quantity.unit)
            // an age belongs to the name beside it, never to the previous figure's owner
            .map(|f| {
                let owners = if v.quantity.unit == Unit::Age {
                    Vec::new()
                } else {
                    f.owners.clone()
                };
                (f.head.clone(), owners)
            });
        let percent = v.quantity.unit == Unit::Percent;
        let h = prev.or_else(|| {
            // the nearest plural noun before the value in the sentence; a share is of its
            // subject, plural or not ("unemployment rose to 12%")
            let at = toks[..v.start]
                .iter()
                .enumerate()
                .rev()
                .take(10)
                .find(|(i, t)| {
                    t.low.len() > 3
                        && !is_stop(&t.low)
                        && (!is_cap(t.raw) || percent && *i == 0)
                        && t.pred().is_none()
                        && if percent {
                            share_subject(&t.low)
                        } else {
                            t.low.ends_with('s')
                        }
                })
                .map(|(i, _)| i)?;
            let owners = toks[..at]
                .iter()
                .rev()
                .take_while(|t| is_cap(t.raw) && !is_stop(&t.low))
                .map(|t| t.low.to_string())
                .collect();
            Some((lemma(&toks[at].low), owners))
        });
        let (h, owners) = h.unwrap_or_default();
        // "the death toll rose to 12", "estimated the crowd at 70": a toll or a crowd is a
        // number of people
        let people = v.quantity.unit == Unit::Count
            && toks[v.start.saturating_sub(4)..v.start]
                .iter()
                .any(|t| matches!(t.low.as_ref(), "toll" | "crowd" | "crowds"));
        if people {
            (String::new(), "person".to_string(), false, Vec::new())
        } else {
            (String::new(), h, true, owners)
        }
    };
    // the predicate: the nearest predicate word around the figure, inside the sentence
    let mut predicate: Option<(&'static str, String, usize)> = None;
    if let Some(last) = np.last() {
        if let Some(c) = last.pred().filter(|c| is_eventive_noun(c, &last.low)) {
            predicate = Some((c, last.low.to_string(), 0));
            head = "person".into();
        }
    }
    // the participle that describes the counted noun says what happened to it
    if predicate.is_none() && np.len() > 1 {
        predicate = np[..np.len() - 1]
            .iter()
            .filter(|t| t.low.ends_with("ed"))
            .find_map(|t| {
                let c = t.pred().filter(|c| !living_only(c) || may_live(&head))?;
                Some((c, t.low.to_string(), 0))
            });
    }
    if predicate.is_none() {
        let lo = v.start.saturating_sub(10);
        let hi = (e + 10).min(toks.len());
        for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
            if i >= v.start && i < e {
                continue;
            }
            // "in March" is a date, not a march
            if is_cap(t.raw) && is_month(&t.low) {
                continue;
            }
            // homes are destroyed, not killed: a predicate only living things undergo does
            // not attach to a noun WordNet places elsewhere
            let Some(mut c) = t.pred().filter(|c| !living_only(c) || may_live(&head)) else {
                continue;
            };
            // a general or nationwide strike is a walkout: the people counted beside it take
            // part, nothing is hit
            if c == "strike" && i > 0 && is_walkout(&t.low, &toks[i - 1].low) {
                c = "gather";
            }
            // "photographs of the dead", "families of the injured": other people, named by
            // what happened to them
            if i >= 2 && toks[i - 1].low == "the" && toks[i - 2].low == "of" && is_group(&t.low) {
                continue;
            }
            // before the value: the verb whose object it is ("struck over 50"); after: more
            // words may come between ("15 civilians were martyred")
            let mut d = if i < v.start {
                (v.start - i) * 2 - 1
            } else {
                (i + 1 - e) * 2
            };
            // a verb before "and" ends its own clause: in "buildings were damaged and two
            // villagers injured" the villagers are injured, not damaged; it still serves
            // when no verb follows ("killed three soldiers and 12 civilians")
            if i < v.start
                && toks[i + 1..v.start]
                    .iter()
                    .any(|w| matches!(w.low.as_ref(), "and" | "but" | "while"))
            {
                d += 100;
            }
            if predicate.as_ref().is_none_or(|p| d < p.2) {
                predicate = Some((c, t.low.to_string(), d));
            }
        }
    }
    // protesters, marchers and mourners say what they are doing by what they are
    if predicate.is_none() {
        if let Some(last) = np.last() {
            if last.pred() == Some("gather") {
                predicate = Some(("gather", last.low.to_string(), 0));
            }
        }
    }
    // owners: names and nationalities in the phrase, or what "its"/"their" refers to
    let mut owners: Vec<String> = np
        .iter()
        .filter(|t| is_cap(t.raw))
        .map(|t| t.low.to_string())
        .chain(borrowed)
        .collect();
    if v.possessive {
        if let Some(t) = toks[..v.start]
            .iter()
            .rev()
            .find(|t| is_cap(t.raw) && !is_stop(&t.low))
        {
            owners.push(t.low.to_string());
        }
    }
    // an age belongs to the name beside it ("Marta Lind, 62,")
    if v.quantity.unit == Unit::Age && owners.is_empty() {
        let mut i = v.start;
        while i > 0 && is_cap(toks[i - 1].raw) && !is_stop(&toks[i - 1].low) {
            owners.push(toks[i - 1].low.to_string());
            i -= 1;
        }
    }
    if v.start > 0 && toks[v.start - 1].low.ends_with("'s") && is_cap(toks[v.start - 1].raw) {
        owners.push(toks[v.start - 1].low.trim_end_matches("'s").to_string());
    }
    // places: capitalised words after "in"/"near"/"at" following the figure
    let mut places = Vec::new();
    let mut i = e;
    while i + 1 < toks.len() && i < e + 8 {
        // the next figure's place is its own: "70 per cent in Egypt, and 60 per cent in India"
        if i > e && number_value(toks[i].raw).is_some() {
            break;
        }
        // a distance is from somewhere: "60km south of Bandar Abbas"
        let from = v.quantity.unit == Unit::Measure("distance")
            && matches!(toks[i].low.as_ref(), "of" | "from");
        if (from || matches!(toks[i].low.as_ref(), "in" | "near" | "at" | "outside"))
            && is_cap(toks[i + 1].raw)
            && !is_month(&toks[i + 1].low)
        {
            places.push(toks[i + 1].low.to_string());
        }
        i += 1;
    }
    let value_end = toks[v.end - 1].at.end
        + if s[toks[v.end - 1].at.end..].starts_with('%') {
            1
        } else {
            0
        };
    let mut value_start = toks[v.start].at.start;
    if let Some(c) = s[..value_start].chars().next_back() {
        if currency_symbol(c).is_some() {
            value_start -= c.len_utf8();
            if s[..value_start].ends_with("US") {
                value_start -= 2;
            }
        }
    }
    let phrase_end = if e > v.noun {
        toks[e - 1].at.end
    } else {
        value_end
    };
    let phrase = value_start..phrase_end.max(value_end);
    Some(Frame {
        para: 0,
        phrase: s[phrase.clone()].to_string(),
        value_text: s[value_start..value_end].to_string(),
        span: phrase,
        value_span: value_start..value_end,
        quantity: v.quantity,
        counted,
        head,
        implicit,
        predicate: predicate.map(|(c, w, _)| (c, w)),
        owners,
        places,
        names: names.clone(),
        context: ctx.clone(),
        earlier: None,
    })
}

/// "Strike" after a word that makes it a walkout ("general strike", "24-hour strike").
fn is_walkout(w: &str, before: &str) -> bool {
    matches!(w, "strike" | "strikes")
        && (matches!(
            before,
            "general" | "nationwide" | "national" | "hunger" | "labour" | "labor" | "union"
        ) || before.ends_with("-hour")
            || before.ends_with("-day"))
}

/// Nouns that say both what is counted and what happened ("35 deaths", "20 injuries").
fn is_eventive_noun(class: &str, w: &str) -> bool {
    matches!(class, "kill" | "wound" | "casualty" | "arrest")
        && matches!(
            w,
            "deaths"
                | "dead"
                | "fatalities"
                | "casualties"
                | "injuries"
                | "injured"
                | "wounded"
                | "arrests"
                | "killed"
                | "victims"
        )
}

/// Can this word be the subject a share is of ("stocks", "turnout", "unemployment")? A noun
/// that is not a verb form or a particle ("rose", "plunged", "down").
fn share_subject(w: &str) -> bool {
    Lexicon::builtin().is_noun(w)
        && !PAST_VERBS.contains(&w)
        && !is_verb_form(w)
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !matches!(
            w,
            "down" | "back" | "over" | "even" | "just" | "only" | "than"
        )
}

/// A noun in the plural: "troops", "homes", "children" (WordNet knows the irregular ones).
fn is_plural_noun(w: &str) -> bool {
    if w == "people" {
        return true;
    }
    let lex = Lexicon::builtin();
    lex.is_noun(w) && (lex.lemma(w) != w || (w.ends_with('s') && !w.ends_with("ss")))
}

/// Can the counted noun be a person or an animal? Unknown nouns can.
fn may_live(head: &str) -> bool {
    let classes = Lexicon::builtin().classes(head);
    classes.is_empty() || classes.iter().any(|c| matches!(*c, "person" | "animal"))
}

/// Adjectives that name a group of people after "the": "the dead", "the injured".
fn is_group(w: &str) -> bool {
    matches!(
        w,
        "dead" | "injured" | "wounded" | "missing" | "dying" | "displaced" | "evacuated"
    )
}
