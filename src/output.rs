//! Plain-text and JSON renderings for the command-line subcommands (inspect, align, story).
//! Shared paragraph objects so `inspect` and `align` speak the same JSON. Everything returned is
//! safe to print: text passes `canon::display`, JSON has unsafe characters as `\u` escapes.

use crate::align::par::par_map;
use crate::align::{shared_phrases, StoryAlignment, TABLE_SOURCES};
use crate::store::{canon, shorten, Article, Story};
use serde_json::{json, Value};

/// Text for the terminal: no escape sequence or other unsafe character from any input.
pub fn safe_text(text: String) -> String {
    match canon::display(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(o) => o,
    }
}

/// Pretty JSON and a final newline, unsafe characters written as `\u` escapes so the
/// document is unchanged for a JSON reader and harmless on a terminal.
pub fn json_text(v: &Value) -> String {
    let text = serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    match canon::escape_json(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(o) => o,
    }
}

fn link_json(l: &crate::align::Link) -> Value {
    json!({"left": l.left, "right": l.right, "score": score(l.score), "terms": l.terms})
}

/// A score as JSON: three decimals, without the noise of widening an f32.
fn score(s: f32) -> f64 {
    (f64::from(s) * 1000.0).round() / 1000.0
}

/// `{"index", "kind", "start", "end", "text"}` with char offsets into the canonical text.
pub fn paragraph_json(a: &Article) -> Vec<Value> {
    a.paragraphs
        .iter()
        .map(|p| {
            json!({
                "index": p.index,
                "kind": p.kind.as_str(),
                "start": p.chars.start,
                "end": p.chars.end,
                "text": a.para_text(p.index),
            })
        })
        .collect()
}

pub fn article_json(a: &Article) -> Value {
    json!({
        "id": a.id,
        "path": a.label,
        "format": a.format,
        "title": a.title,
        "source": a.source,
        "source_from": a.source_evidence,
        "url": a.url,
        "published": a.published,
        "byline": a.byline,
        "chars": a.text.chars().count(),
        "warnings": a.warnings,
        "paragraphs": paragraph_json(a),
    })
}

pub fn inspect_json(story: &Story) -> Value {
    json!({
        "story": story.name,
        "skipped": story.skipped,
        "articles": story.articles.iter().map(article_json).collect::<Vec<_>>(),
    })
}

pub fn inspect_text(story: &Story) -> String {
    let mut out = String::new();
    for a in &story.articles {
        out.push_str(&format!("{}\n", a.label));
        out.push_str(&format!("  title:     {}\n", a.title));
        out.push_str(&format!(
            "  source:    {} (from {:?})\n",
            a.source, a.source_evidence
        ));
        if let Some(u) = &a.url {
            out.push_str(&format!("  url:       {u}\n"));
        }
        if let Some(p) = &a.published {
            out.push_str(&format!("  published: {p}\n"));
        }
        if let Some(b) = &a.byline {
            out.push_str(&format!("  byline:    {b}\n"));
        }
        out.push_str(&format!("  id:        {}\n", a.id));
        for w in &a.warnings {
            out.push_str(&format!("  warning:   {w}\n"));
        }
        for p in &a.paragraphs {
            let text = a.para_text(p.index).replace('\n', " ⏎ ");
            out.push_str(&format!(
                "  {:>3} {:<11} {:>6}..{:<6} {}\n",
                p.index + 1,
                p.kind.as_str(),
                p.chars.start,
                p.chars.end,
                crate::store::shorten(&text, 90)
            ));
        }
        out.push('\n');
    }
    for s in &story.skipped {
        out.push_str(&format!("skipped: {s}\n"));
    }
    safe_text(out)
}

fn side_json(a: &Article) -> Value {
    json!({
        "path": a.label,
        "title": a.title,
        "source": a.source,
        "id": a.id,
        "paragraphs": paragraph_json(a),
    })
}

/// The `align` JSON contract. With `min_score`, `links` lists every candidate at or above it.
pub fn align_json(story: &Story, al: &StoryAlignment, min_score: Option<f32>) -> Value {
    let (a, b) = (0, 1);
    let pair = al.pair(a, b);
    let links: Vec<Value> = match min_score {
        Some(min) => al
            .ranked_candidates(a, b)
            .unwrap_or_default()
            .iter()
            .filter(|c| c.score >= min)
            .map(link_json)
            .collect(),
        None => pair.links.iter().map(link_json).collect(),
    };
    let topics: Vec<Value> = al
        .topics
        .iter()
        .map(|t| json!({"id": t.id, "label": t.label, "left": t.in_article(a), "right": t.in_article(b)}))
        .collect();
    let discrepancies: Vec<Value> = pair
        .discrepancies
        .iter()
        .map(|d| {
            json!({"left": d.left, "right": d.right, "what": d.what, "left_text": d.left_text,
                   "right_text": d.right_text,
                   "left_span": [d.left_span.start, d.left_span.end],
                   "right_span": [d.right_span.start, d.right_span.end], "reason": d.reason})
        })
        .collect();
    // each link's phrases are found on their own: over every core for a long pair
    let phrases = par_map(&pair.links, |l| {
        shared_phrases(&story.articles[a], l.left, &story.articles[b], l.right)
    });
    let shared: Vec<Value> = pair
        .links
        .iter()
        .zip(phrases)
        .map(|(l, ph)| {
            json!({"left": l.left, "right": l.right,
                   "phrases": ph.iter().map(|(x, y)| json!({"left": [x.start, x.end], "right": [y.start, y.end]})).collect::<Vec<_>>()})
        })
        .filter(|v| v["phrases"].as_array().is_some_and(|p| !p.is_empty()))
        .collect();
    json!({
        "left": side_json(&story.articles[a]),
        "right": side_json(&story.articles[b]),
        "links": links,
        "topics": topics,
        "discrepancies": discrepancies,
        "unique": {"left": pair.unique_left, "right": pair.unique_right},
        "shared_phrases": shared,
    })
}

pub fn align_text(story: &Story, al: &StoryAlignment, min_score: Option<f32>) -> String {
    let (la, rb) = (&story.articles[0], &story.articles[1]);
    let pair = al.pair(0, 1);
    let mut out = String::new();
    out.push_str(&format!(
        "LEFT   {} — {}\nRIGHT  {} — {}\n\n",
        la.source, la.title, rb.source, rb.title
    ));
    let snippet = |a: &Article, i: usize| shorten(&a.para_text(i).replace('\n', " "), 60);
    if let Some(min) = min_score {
        out.push_str(&format!("Candidates scoring at least {min}:\n"));
        for c in al
            .ranked_candidates(0, 1)
            .unwrap_or_default()
            .iter()
            .filter(|c| c.score >= min)
        {
            out.push_str(&format!(
                "  L{:<3} R{:<3} {:.3}  [{}]\n",
                c.left + 1,
                c.right + 1,
                c.score,
                c.terms.join(", ")
            ));
        }
        return safe_text(out);
    }
    out.push_str(&format!("Links ({}):\n", pair.links.len()));
    for l in &pair.links {
        out.push_str(&format!(
            "  L{:<3} {:<62} ⟷  R{:<3} {:<62} {:.2} [{}]\n",
            l.left + 1,
            snippet(la, l.left),
            l.right + 1,
            snippet(rb, l.right),
            l.score,
            l.terms.join(", ")
        ));
    }
    out.push_str(&format!(
        "\nOnly in {} ({}):\n",
        la.source,
        pair.unique_left.len()
    ));
    for &i in &pair.unique_left {
        out.push_str(&format!("  L{:<3} {}\n", i + 1, snippet(la, i)));
    }
    out.push_str(&format!(
        "\nOnly in {} ({}):\n",
        rb.source,
        pair.unique_right.len()
    ));
    for &j in &pair.unique_right {
        out.push_str(&format!("  R{:<3} {}\n", j + 1, snippet(rb, j)));
    }
    out.push_str(&format!(
        "\nDiscrepancies ({}):\n",
        pair.discrepancies.len()
    ));
    for d in &pair.discrepancies {
        out.push_str(&format!(
            "  L{} / R{}  {}: \"{}\" vs \"{}\" ({})\n",
            d.left + 1,
            d.right + 1,
            d.what,
            d.left_text,
            d.right_text,
            d.reason
        ));
    }
    out.push_str(&format!("\nTopics ({}):\n", al.topics.len()));
    for t in &al.topics {
        out.push_str(&format!(
            "  {:<40} L{:?} R{:?}\n",
            t.label,
            numbered(&t.in_article(0)),
            numbered(&t.in_article(1))
        ));
    }
    safe_text(out)
}

/// Paragraph indexes as people count them, from 1 (JSON keeps the 0-based `index`).
fn numbered(ps: &[usize]) -> Vec<usize> {
    ps.iter().map(|p| p + 1).collect()
}

/// The `story` JSON: topics with labels and, per topic, the articles (0-based index) that cover
/// it with their paragraphs (0-based); articles that do not cover a topic are not listed.
pub fn story_json(story: &Story, al: &StoryAlignment) -> Value {
    let sources: Vec<Value> = story
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (c, t) = al.coverage(i);
            json!({"index": i, "path": a.label, "source": a.source, "title": a.title, "topics_covered": c, "topics": t})
        })
        .collect();
    let topics: Vec<Value> = al
        .topics
        .iter()
        .map(|t| {
            let by_article = t.by_article();
            let coverage: Vec<Value> = by_article
                .iter()
                .map(|(a, ps)| json!({"article": a, "paragraphs": ps}))
                .collect();
            let sources: Vec<&str> = by_article
                .iter()
                .filter_map(|(a, _)| story.articles.get(*a).map(|x| x.source.as_str()))
                .collect();
            json!({"id": t.id, "label": t.label, "coverage": coverage, "sources": sources})
        })
        .collect();
    let unique: Vec<Value> = (0..story.articles.len())
        .map(|a| {
            let u: Vec<usize> = story.articles[a]
                .paragraphs
                .iter()
                .filter(|p| p.kind == crate::store::Kind::Body && al.topic_of(a, p.index).is_none())
                .map(|p| p.index)
                .collect();
            json!(u)
        })
        .collect();
    json!({"story": story.name, "sources": sources, "topics": topics, "unique": unique})
}

pub fn story_text(story: &Story, al: &StoryAlignment) -> String {
    let mut out = format!(
        "Story: {} — {} articles, {} topics\n\n",
        story.name,
        story.articles.len(),
        al.topics.len()
    );
    if story.articles.len() > TABLE_SOURCES {
        // one line per topic naming only the sources that cover it
        out.push_str(&format!(
            "({} sources: each topic lists the sources that cover it instead of a table)\n\n",
            story.articles.len()
        ));
        for t in &al.topics {
            let cells: Vec<String> = t
                .by_article()
                .iter()
                .map(|(a, ps)| format!("{} {}", story.articles[*a].source, paragraphs_mark(ps)))
                .collect();
            out.push_str(&format!(
                "{} — {}\n",
                shorten(&t.label, 43),
                cells.join(" · ")
            ));
        }
    } else {
        out.push_str(&format!("{:<44}", "topic"));
        for a in &story.articles {
            out.push_str(&format!(" {:^12}", shorten(&a.source, 12)));
        }
        out.push('\n');
        for t in &al.topics {
            out.push_str(&format!("{:<44}", shorten(&t.label, 43)));
            for a in 0..story.articles.len() {
                let ps = t.in_article(a);
                let cell = if ps.is_empty() {
                    "·".to_string()
                } else {
                    paragraphs_mark(&ps)
                };
                out.push_str(&format!(" {cell:^12}"));
            }
            out.push('\n');
        }
    }
    out.push_str("\nCoverage:\n");
    for (i, a) in story.articles.iter().enumerate() {
        let (c, t) = al.coverage(i);
        out.push_str(&format!("  {:<28} {c}/{t} topics  {}\n", a.source, a.label));
    }
    safe_text(out)
}

/// Paragraphs as people count them: "¶2,¶5".
fn paragraphs_mark(ps: &[usize]) -> String {
    ps.iter()
        .map(|p| format!("¶{}", p + 1))
        .collect::<Vec<_>>()
        .join(",")
}

/// `story --figures`: one line per counted thing, the value each outlet gives, conflicts first.
pub fn figures_text(story: &Story, al: &StoryAlignment) -> String {
    let rows = al.figures();
    let conflicts = rows.iter().filter(|r| r.conflict).count();
    let mut out = format!(
        "Figures: {} — {} counted things, {} in conflict\n\n",
        story.name,
        rows.len(),
        conflicts
    );
    let wide = story.articles.len() > TABLE_SOURCES;
    if wide {
        out.push_str(&format!(
            "({} sources: each row names only the sources that give a figure)\n\n",
            story.articles.len()
        ));
    }
    for r in rows {
        let cells: Vec<String> = if wide {
            r.cells
                .iter()
                .filter_map(|(a, c)| {
                    let a = story.articles.get(*a)?;
                    Some(format!("{} {}", a.source, c.value_text))
                })
                .collect()
        } else {
            story
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| match r.cell(i) {
                    Some(c) => format!("{} {}", a.source, c.value_text),
                    None => format!("{} —", a.source),
                })
                .collect()
        };
        out.push_str(&format!(
            "{} {} — {}\n",
            if r.conflict { "!" } else { " " },
            r.label,
            cells.join(" · ")
        ));
        if r.conflict && !r.reason.is_empty() {
            out.push_str(&format!("    ({})\n", r.reason));
        }
    }
    safe_text(out)
}

/// `story --figures --format json`: the story's sources and the same rows, each listing the
/// articles that give a value, with its paragraph (0-based) and char span.
pub fn figures_json(story: &Story, al: &StoryAlignment) -> Value {
    let rows: Vec<Value> = al
        .figures()
        .iter()
        .map(|r| {
            let values: Vec<Value> = r
                .cells
                .iter()
                .filter_map(|(i, c)| {
                    let a = story.articles.get(*i)?;
                    Some(json!({"article": i, "source": a.source, "value": c.value_text,
                        "phrase": c.phrase, "paragraph": c.para, "span": [c.span.start, c.span.end]}))
                })
                .collect();
            json!({"label": r.label, "conflict": r.conflict, "reason": r.reason, "values": values})
        })
        .collect();
    let sources: Vec<Value> = story
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| json!({"index": i, "source": a.source}))
        .collect();
    json!({"story": story.name, "sources": sources, "figures": rows})
}
