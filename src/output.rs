//! Plain-text and JSON renderings for the command-line subcommands (inspect, align, story).
//! Shared paragraph objects so `inspect` and `align` speak the same JSON. Everything returned is
//! safe to print: text passes `canon::display`, JSON has unsafe characters as `\u` escapes.

use crate::align::{shared_phrases, StoryAlignment};
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
            .into_iter()
            .filter(|c| c.score >= min)
            .map(|l| link_json(&l))
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
    let shared: Vec<Value> = pair
        .links
        .iter()
        .map(|l| {
            let ph = shared_phrases(&story.articles[a], l.left, &story.articles[b], l.right);
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
            .into_iter()
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

/// The `story` JSON: topics with labels and the topics × sources coverage map.
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
            let coverage: Vec<Value> = (0..story.articles.len()).map(|a| json!(t.in_article(a))).collect();
            json!({"id": t.id, "label": t.label, "coverage": coverage,
                   "sources": (0..story.articles.len()).filter(|a| !t.in_article(*a).is_empty()).map(|a| story.articles[a].source.clone()).collect::<Vec<_>>()})
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
    let abbrev: Vec<String> = story
        .articles
        .iter()
        .map(|a| shorten(&a.source, 12))
        .collect();
    out.push_str(&format!("{:<44}", "topic"));
    for s in &abbrev {
        out.push_str(&format!(" {s:^12}"));
    }
    out.push('\n');
    for t in &al.topics {
        out.push_str(&format!("{:<44}", shorten(&t.label, 43)));
        for a in 0..story.articles.len() {
            let ps = t.in_article(a);
            let cell = if ps.is_empty() {
                "·".to_string()
            } else {
                ps.iter()
                    .map(|p| format!("¶{}", p + 1))
                    .collect::<Vec<_>>()
                    .join(",")
            };
            out.push_str(&format!(" {cell:^12}"));
        }
        out.push('\n');
    }
    out.push_str("\nCoverage:\n");
    for (i, a) in story.articles.iter().enumerate() {
        let (c, t) = al.coverage(i);
        out.push_str(&format!("  {:<28} {c}/{t} topics  {}\n", a.source, a.label));
    }
    safe_text(out)
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
    for r in rows {
        let cells: Vec<String> = story
            .articles
            .iter()
            .zip(&r.cells)
            .map(|(a, c)| match c {
                Some(c) => format!("{} {}", a.source, c.value_text),
                None => format!("{} —", a.source),
            })
            .collect();
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

/// `story --figures --format json`: the same rows, each article's value with its paragraph
/// (0-based) and char span.
pub fn figures_json(story: &Story, al: &StoryAlignment) -> Value {
    let rows: Vec<Value> = al
        .figures()
        .iter()
        .map(|r| {
            let values: Vec<Value> = story
                .articles
                .iter()
                .zip(&r.cells)
                .enumerate()
                .map(|(i, (a, c))| match c {
                    Some(c) => json!({"article": i, "source": a.source, "value": c.value_text,
                        "phrase": c.phrase, "paragraph": c.para, "span": [c.span.start, c.span.end]}),
                    None => json!({"article": i, "source": a.source, "value": null}),
                })
                .collect();
            json!({"label": r.label, "conflict": r.conflict, "reason": r.reason, "values": values})
        })
        .collect();
    json!({"story": story.name, "figures": rows})
}
