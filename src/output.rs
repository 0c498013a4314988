//! Plain-text and JSON renderings for the command-line subcommands (inspect, align, story).
//! Shared paragraph objects so `inspect` and `align` speak the same JSON.

use crate::store::{Article, Story};
use serde_json::{json, Value};

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
                p.index,
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
    out
}
