//! Import W3C Web Annotation JSON-LD (our own export, or another tool's, such as a Hypothesis
//! JSON export) into the story's annotations: matched to articles by source IRI (or by quote),
//! anchored like any other, duplicates skipped and counted, the rest reported.

use super::anchor::{Anchor, CharIndex, Status};
use super::{Annotation, ArticleNotes, LinkRef, Relation};
use crate::annotate::export::article_iri;
use crate::store::{Article, Story};
use serde_json::{Map, Value};

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Report {
    pub added: usize,
    pub duplicates: usize,
    /// Added, but the quote was not found: kept as orphans.
    pub orphans: Vec<String>,
    /// Not matched to any article of the story: not added.
    pub unmatched: Vec<String>,
    /// Articles that received annotations (indices).
    pub touched: Vec<usize>,
}

/// The annotation objects of a document: a collection (embedded pages), a page, a list, or one.
pub fn items(v: &Value) -> Result<Vec<Value>, String> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        Value::Object(o) => {
            let ty = o.get("type").and_then(Value::as_str).unwrap_or("");
            if ty == "AnnotationCollection" {
                let mut out = Vec::new();
                let mut page = o.get("first").cloned();
                while let Some(Value::Object(p)) = page {
                    out.extend(
                        p.get("items")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default(),
                    );
                    page = p.get("next").filter(|n| n.is_object()).cloned();
                }
                Ok(out)
            } else if ty == "AnnotationPage" {
                Ok(o.get("items")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default())
            } else if let Some(rows) = o.get("rows").and_then(Value::as_array) {
                // the search API's shape: {"total": n, "rows": [...]}
                Ok(rows.clone())
            } else if o.contains_key("target") {
                Ok(vec![v.clone()])
            } else {
                Err(
                    "not a Web Annotation document (no AnnotationCollection, page, list or target)"
                        .into(),
                )
            }
        }
        _ => Err("not a Web Annotation document".into()),
    }
}

fn strip_id(id: &str) -> String {
    id.strip_prefix("urn:uuid:").unwrap_or(id).to_string()
}

fn utc(s: Option<&str>, fallback: &str) -> String {
    s.and_then(super::times::normalize)
        .unwrap_or_else(|| fallback.to_string())
}

fn as_list(v: Option<&Value>) -> Vec<Value> {
    match v {
        Some(Value::Array(a)) => a.clone(),
        Some(x @ Value::Object(_)) => vec![x.clone()],
        Some(Value::String(s)) => vec![Value::String(s.clone())],
        _ => Vec::new(),
    }
}

struct Selectors {
    source: Option<String>,
    exact: Option<String>,
    prefix: String,
    suffix: String,
    position: Option<(usize, usize)>,
    style: Option<String>,
}

fn selectors(item: &Value) -> Selectors {
    let mut s = Selectors {
        source: None,
        exact: None,
        prefix: String::new(),
        suffix: String::new(),
        position: None,
        style: None,
    };
    for t in as_list(item.get("target")) {
        match &t {
            Value::String(iri) => s.source = s.source.or(Some(iri.clone())),
            Value::Object(o) => {
                if s.source.is_none() {
                    s.source = o.get("source").and_then(Value::as_str).map(str::to_string);
                }
                if let Some(c) = o.get("styleClass").and_then(Value::as_str) {
                    s.style = Some(c.to_string());
                }
                for sel in as_list(o.get("selector")) {
                    match sel.get("type").and_then(Value::as_str) {
                        Some("TextQuoteSelector") => {
                            s.exact = sel.get("exact").and_then(Value::as_str).map(str::to_string);
                            s.prefix = sel
                                .get("prefix")
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_string();
                            s.suffix = sel
                                .get("suffix")
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_string();
                        }
                        Some("TextPositionSelector") => {
                            if let (Some(a), Some(b)) = (
                                sel.get("start").and_then(Value::as_u64),
                                sel.get("end").and_then(Value::as_u64),
                            ) {
                                s.position = Some((a as usize, b as usize));
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if s.source.is_none() {
        s.source = item.get("uri").and_then(Value::as_str).map(str::to_string);
    }
    s
}

/// The local path a `file://` IRI names (`file:///a/b%20c.txt`, `file://localhost/a`).
pub fn file_iri_path(iri: &str) -> Option<std::path::PathBuf> {
    let url = url::Url::parse(iri).ok()?;
    (url.scheme() == "file").then(|| url.to_file_path().ok())?
}

/// Files named by `file://` sources of a document's annotations that exist on this machine,
/// in order of first mention: where to look when no folder is given.
pub fn source_files(doc: &Value) -> Vec<std::path::PathBuf> {
    let mut out: Vec<std::path::PathBuf> = Vec::new();
    for item in items(doc).unwrap_or_default() {
        let Some(p) = selectors(&item).source.as_deref().and_then(file_iri_path) else {
            continue;
        };
        if p.is_file() && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn find_article(story: &Story, source: Option<&str>, exact: Option<&str>) -> Option<usize> {
    if let Some(src) = source {
        let id = src.strip_prefix("urn:diptych:article:");
        let file = file_iri_path(src);
        if let Some(i) = story.articles.iter().position(|a| {
            Some(a.id.as_str()) == id
                || article_iri(a) == src
                || a.url.as_deref() == Some(src)
                || file
                    .as_deref()
                    .zip(a.path.as_deref())
                    .is_some_and(|(f, p)| same_file(f, p))
        }) {
            return Some(i);
        }
    }
    // no source match: the quote, if exactly one article holds it
    let q = exact.filter(|q| q.chars().count() >= 12)?;
    let hits: Vec<usize> = story
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.text.contains(q))
        .map(|(i, _)| i)
        .collect();
    (hits.len() == 1).then(|| hits[0])
}

fn anchor_for(article: &Article, sel: &Selectors) -> (Anchor, Status) {
    let exact = sel.exact.clone().unwrap_or_default();
    let ix = CharIndex::new(&article.text);
    let (start, end) = sel.position.unwrap_or((0, exact.chars().count()));
    let probe = Anchor {
        start,
        end,
        quote: if exact.is_empty() && end <= ix.len() {
            ix.slice(start..end).to_string()
        } else {
            exact
        },
        prefix: sel.prefix.clone(),
        suffix: sel.suffix.clone(),
        paragraph: 0,
        paragraph_hash: String::new(),
        text_hash: String::new(),
    };
    match probe.resolve(&ix, &article.text_hash) {
        (Some(r), st) => (Anchor::new(article, r), st),
        (None, _) => {
            let mut a = probe;
            a.paragraph = article
                .paragraphs
                .iter()
                .position(|p| p.chars.end > a.start)
                .unwrap_or(0);
            (a, Status::Orphan)
        }
    }
}

/// Import annotation objects into the story's notes. `now` fills missing times.
pub fn import(
    doc: &Value,
    story: &Story,
    notes: &mut [ArticleNotes],
    now: &str,
) -> Result<Report, String> {
    let mut report = Report::default();
    for (k, item) in items(doc)?.iter().enumerate() {
        let sel = selectors(item);
        let name = item
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| format!("item {}", k + 1));
        let Some(ai) = find_article(story, sel.source.as_deref(), sel.exact.as_deref()) else {
            report.unmatched.push(format!(
                "{name}: no article in this story for {}",
                sel.source.as_deref().unwrap_or("(no source)")
            ));
            continue;
        };
        let article = &story.articles[ai];
        let (anchor, status) = anchor_for(article, &sel);
        if anchor.quote.is_empty() {
            report
                .unmatched
                .push(format!("{name}: no quote or position to anchor"));
            continue;
        }
        // bodies: notes, tags, links
        let mut note_parts: Vec<String> = Vec::new();
        let mut tags: Vec<String> = Vec::new();
        let mut links = Vec::new();
        let motivation = item.get("motivation").and_then(Value::as_str).unwrap_or("");
        for b in as_list(item.get("body")) {
            let purpose =
                b.get("purpose")
                    .and_then(Value::as_str)
                    .unwrap_or(if motivation == "tagging" {
                        "tagging"
                    } else {
                        "commenting"
                    });
            let ty = b.get("type").and_then(Value::as_str).unwrap_or("");
            match (ty, purpose) {
                ("SpecificResource", _) | (_, "linking") => {
                    let src = b.get("source").and_then(Value::as_str).unwrap_or("");
                    let other = story.articles.iter().find(|a| {
                        article_iri(a) == src
                            || src.strip_prefix("urn:diptych:article:") == Some(a.id.as_str())
                    });
                    let relation = b
                        .get("diptych:relation")
                        .and_then(|r| serde_json::from_value::<Relation>(r.clone()).ok())
                        .unwrap_or(Relation::AddsContext);
                    links.push(LinkRef {
                        relation,
                        article: other.map(|a| a.id.clone()).unwrap_or_else(|| {
                            src.strip_prefix("urn:diptych:article:")
                                .unwrap_or(src)
                                .to_string()
                        }),
                        article_label: other
                            .map(|a| a.label.clone())
                            .unwrap_or_else(|| src.to_string()),
                        annotation: b
                            .get("diptych:annotation")
                            .and_then(Value::as_str)
                            .map(strip_id)
                            .unwrap_or_default(),
                        extra: Map::new(),
                    });
                }
                (_, "tagging") => {
                    if let Some(v) = b.get("value").and_then(Value::as_str) {
                        tags.push(v.to_string());
                    }
                }
                _ => {
                    if let Some(v) = b.get("value").and_then(Value::as_str) {
                        note_parts.push(v.to_string());
                    } else if let Value::String(v) = &b {
                        note_parts.push(v.clone());
                    }
                }
            }
        }
        // Hypothesis fields
        if let Some(t) = item
            .get("text")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
        {
            note_parts.push(t.to_string());
        }
        for t in as_list(item.get("tags")) {
            if let Some(t) = t.as_str() {
                tags.push(t.to_string());
            }
        }
        // cleaned before the duplicate check, so importing a file twice adds nothing
        let note = crate::store::canon::display(&note_parts.join("\n\n")).into_owned();
        let id = item
            .get("id")
            .and_then(Value::as_str)
            .map(strip_id)
            .unwrap_or_else(|| {
                blake3::hash(format!("{}{}{}", article.id, anchor.quote, note).as_bytes()).to_hex()
                    [..32]
                    .to_string()
            });
        let dup = notes[ai].get(&id).is_some()
            || notes[ai]
                .live()
                .any(|(_, a)| a.target.quote == anchor.quote && a.note == note);
        if dup {
            report.duplicates += 1;
            continue;
        }
        let color = sel
            .style
            .as_deref()
            .and_then(|c| c.strip_prefix("diptych-color-"))
            .and_then(|n| n.parse::<u8>().ok())
            .unwrap_or(1);
        let created = utc(item.get("created").and_then(Value::as_str), now);
        let modified = utc(
            item.get("modified")
                .or(item.get("updated"))
                .and_then(Value::as_str),
            &created,
        );
        let mut a = Annotation::new(id, &created, color, anchor);
        a.modified = modified;
        a.note = note;
        a.tags = tags;
        a.links = links;
        a.clean_for_display();
        if status == Status::Orphan {
            report.orphans.push(format!(
                "{name}: “{}” not found in {}",
                crate::store::shorten(&a.target.quote, 50),
                article.label
            ));
        }
        notes[ai].put(a, &article.text, &article.text_hash);
        report.added += 1;
        if !report.touched.contains(&ai) {
            report.touched.push(ai);
        }
    }
    report.touched.sort_unstable();
    Ok(report)
}
