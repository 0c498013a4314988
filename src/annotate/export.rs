//! Export formats: Markdown for notes apps, W3C Web Annotation JSON-LD, CSV for highlight
//! services, and a self-contained side-by-side HTML report. Pure functions from a story, its
//! alignment and its annotations to text; `export_to_file` wraps them for the CLI and reader.

use super::anchor::Status;
use super::{Annotation, ArticleNotes, COLOR_NAMES};
use crate::align::{Discrepancy, StoryAlignment};
use crate::store::{Article, Story};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// CSS colors of the five highlight colors (light backgrounds that print well).
pub const CSS_COLORS: [&str; 5] = ["#fff3a0", "#c9f2c7", "#cfe0ff", "#ffd3ec", "#ffdcb8"];

/// What an export covers.
pub struct Input<'a> {
    pub story: &'a Story,
    pub al: &'a StoryAlignment,
    pub notes: &'a [ArticleNotes],
    /// The pair shown side by side in the HTML report.
    pub pair: (usize, usize),
    /// Group the Markdown by topic (a story folder) instead of by article.
    pub by_topic: bool,
    /// Export time, RFC 3339 UTC.
    pub now: String,
}

/// The IRI of an article: its URL, else a content URN.
pub fn article_iri(a: &Article) -> String {
    a.url
        .clone()
        .unwrap_or_else(|| format!("urn:diptych:article:{}", a.id))
}

fn annotation_iri(id: &str) -> String {
    if id.starts_with("urn:") || id.starts_with("http") {
        id.to_string()
    } else {
        format!("urn:uuid:{id}")
    }
}

/// Live annotations of one article in document order, with where they resolved.
fn ordered(notes: &ArticleNotes) -> Vec<(&Annotation, Option<std::ops::Range<usize>>, Status)> {
    let mut v: Vec<_> = notes
        .live()
        .map(|(i, a)| {
            let (r, st) = notes
                .resolved
                .get(i)
                .cloned()
                .unwrap_or((None, Status::Orphan));
            (a, r, st)
        })
        .collect();
    v.sort_by(|x, y| {
        let kx = x.1.as_ref().map(|r| r.start).unwrap_or(usize::MAX);
        let ky = y.1.as_ref().map(|r| r.start).unwrap_or(usize::MAX);
        (kx, &x.0.id).cmp(&(ky, &y.0.id))
    });
    v
}

fn para_of(a: &Article, offset: usize) -> usize {
    a.paragraphs
        .iter()
        .position(|p| offset < p.chars.end)
        .unwrap_or(a.paragraphs.len().saturating_sub(1))
}

fn find_annotation<'a>(
    story: &'a Story,
    notes: &'a [ArticleNotes],
    article_id: &str,
    ann: &str,
) -> Option<(&'a Article, &'a Annotation)> {
    let i = story.articles.iter().position(|a| a.id == article_id)?;
    Some((&story.articles[i], notes.get(i)?.get(ann)?))
}

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn quote_md(s: &str) -> String {
    s.lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn md_item(
    out: &mut String,
    inp: &Input,
    art: &Article,
    a: &Annotation,
    r: &Option<std::ops::Range<usize>>,
    st: Status,
    with_outlet: bool,
) {
    let _ = writeln!(out, "{}\n", quote_md(&a.target.quote));
    let mut meta = Vec::new();
    if with_outlet {
        meta.push(format!("**{}**", art.source));
    }
    match r {
        Some(r) => meta.push(format!(
            "¶{} · chars {}–{}",
            para_of(art, r.start) + 1,
            r.start,
            r.end
        )),
        None => meta.push("orphan (quote not found in the current text)".into()),
    }
    if let Status::Fuzzy(s) = st {
        meta.push(format!("re-anchored {:.0}%", s * 100.0));
    }
    meta.push(COLOR_NAMES[(a.color.clamp(1, 5) - 1) as usize].to_string());
    let tags: Vec<String> = a
        .tags
        .iter()
        .map(|t| format!("#{}", t.replace(' ', "-")))
        .collect();
    if !tags.is_empty() {
        meta.push(tags.join(" "));
    }
    let _ = writeln!(out, "— {}\n", meta.join(" · "));
    if !a.note.is_empty() {
        let _ = writeln!(out, "{}\n", a.note.trim());
    }
    for l in &a.links {
        let other = find_annotation(inp.story, inp.notes, &l.article, &l.annotation);
        let (src, q) = match other {
            Some((oa, ob)) => (oa.source.clone(), ob.target.quote.clone()),
            None => (l.article_label.clone(), "(not in this export)".into()),
        };
        let _ = writeln!(
            out,
            "- {} → [{}] “{}”",
            l.relation.label(),
            src,
            crate::store::shorten(&q.replace('\n', " "), 160)
        );
    }
    if !a.links.is_empty() {
        out.push('\n');
    }
}

/// Markdown with YAML front matter, one section per article (or per topic for a story).
pub fn markdown(inp: &Input) -> String {
    let mut out = String::new();
    let outlets: Vec<String> = inp
        .story
        .articles
        .iter()
        .map(|a| yaml_str(&a.source))
        .collect();
    let total: usize = inp.notes.iter().map(|n| n.live().count()).sum();
    let _ = writeln!(
        out,
        "---\nstory: {}\noutlets: [{}]\nexported: {}\nannotations: {total}\n---\n",
        yaml_str(&inp.story.name),
        outlets.join(", "),
        inp.now
    );
    let _ = writeln!(out, "# {} — annotations\n", inp.story.name);
    if inp.by_topic {
        let mut placed = std::collections::HashSet::new();
        for t in &inp.al.topics {
            let mut items = Vec::new();
            for (ai, art) in inp.story.articles.iter().enumerate() {
                for (a, r, st) in ordered(&inp.notes[ai]) {
                    let Some(r) = &r else { continue };
                    let p = para_of(art, r.start);
                    if t.members.contains(&(ai, p)) {
                        items.push((ai, a, Some(r.clone()), st));
                    }
                }
            }
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "## Topic: {}\n", t.label);
            for (ai, a, r, st) in items {
                placed.insert(a.id.clone());
                md_item(&mut out, inp, &inp.story.articles[ai], a, &r, st, true);
            }
        }
        let mut rest = String::new();
        for (ai, art) in inp.story.articles.iter().enumerate() {
            for (a, r, st) in ordered(&inp.notes[ai]) {
                if !placed.contains(&a.id) {
                    md_item(&mut rest, inp, art, a, &r, st, true);
                }
            }
        }
        if !rest.is_empty() {
            let _ = writeln!(out, "## Passages outside the shared topics\n\n{rest}");
        }
    } else {
        for (ai, art) in inp.story.articles.iter().enumerate() {
            let items = ordered(&inp.notes[ai]);
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "## {} — {}\n", art.source, art.title);
            let mut meta = vec![art.label.clone()];
            if let Some(u) = &art.url {
                meta.push(u.clone());
            }
            if let Some(d) = &art.published {
                meta.push(d.clone());
            }
            let _ = writeln!(out, "_{}_\n", meta.join(" · "));
            for (a, r, st) in items {
                md_item(&mut out, inp, art, a, &r, st, false);
            }
        }
    }
    out
}

fn stylesheet() -> Value {
    let css: Vec<String> = CSS_COLORS
        .iter()
        .enumerate()
        .map(|(i, c)| format!(".diptych-color-{} {{ background-color: {c}; }}", i + 1))
        .collect();
    json!({"type": "CssStylesheet", "value": css.join(" ")})
}

fn w3c_item(
    inp: &Input,
    art: &Article,
    a: &Annotation,
    r: &Option<std::ops::Range<usize>>,
) -> Value {
    let mut bodies = Vec::new();
    if !a.note.is_empty() {
        bodies.push(json!({"type": "TextualBody", "value": a.note, "format": "text/plain", "purpose": "commenting"}));
    }
    for t in &a.tags {
        bodies.push(json!({"type": "TextualBody", "value": t, "purpose": "tagging"}));
    }
    for l in &a.links {
        let mut body = json!({
            "type": "SpecificResource",
            "purpose": "linking",
            "diptych:relation": serde_json::to_value(l.relation).unwrap_or(Value::Null),
            "diptych:annotation": annotation_iri(&l.annotation),
        });
        match find_annotation(inp.story, inp.notes, &l.article, &l.annotation) {
            Some((oa, ob)) => {
                body["source"] = json!(article_iri(oa));
                body["selector"] = json!({"type": "TextQuoteSelector", "exact": ob.target.quote, "prefix": ob.target.prefix, "suffix": ob.target.suffix});
            }
            None => body["source"] = json!(format!("urn:diptych:article:{}", l.article)),
        }
        bodies.push(body);
    }
    let motivation = if !a.note.is_empty() {
        "commenting"
    } else if !a.links.is_empty() {
        "linking"
    } else if !a.tags.is_empty() {
        "tagging"
    } else {
        "highlighting"
    };
    let (start, end) = r
        .as_ref()
        .map(|r| (r.start, r.end))
        .unwrap_or((a.target.start, a.target.end));
    let mut item = json!({
        "id": annotation_iri(&a.id),
        "type": "Annotation",
        "motivation": motivation,
        "created": a.created,
        "modified": a.modified,
        "stylesheet": stylesheet(),
        "target": {
            "source": article_iri(art),
            "styleClass": format!("diptych-color-{}", a.color),
            "selector": [
                {"type": "TextQuoteSelector", "exact": a.target.quote, "prefix": a.target.prefix, "suffix": a.target.suffix},
                {"type": "TextPositionSelector", "start": start, "end": end}
            ]
        }
    });
    if !bodies.is_empty() {
        item["body"] = Value::Array(bodies);
    }
    item
}

/// A W3C Web Annotation `AnnotationCollection` with one embedded page.
pub fn w3c(inp: &Input) -> Value {
    let mut items = Vec::new();
    for (ai, art) in inp.story.articles.iter().enumerate() {
        for (a, r, _) in ordered(&inp.notes[ai]) {
            items.push(w3c_item(inp, art, a, &r));
        }
    }
    let id = format!(
        "urn:diptych:export:{}",
        &blake3::hash(format!("{}{}", inp.story.name, inp.now).as_bytes()).to_hex()[..16]
    );
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": id,
        "type": "AnnotationCollection",
        "label": format!("diptych annotations: {}", inp.story.name),
        "total": items.len(),
        "first": {
            "id": format!("{id}#page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    })
}

/// A CSV text cell: cleaned like any shown text, and a cell a spreadsheet would read as a
/// formula (`=`, `+`, `-`, `@`, tab or carriage return first) gets a leading `'`, as OWASP
/// advises, so it is shown as text.
fn csv_cell(s: &str) -> String {
    let formula = |t: &str| t.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let clean = crate::store::canon::display(s);
    if formula(s) || formula(&clean) {
        format!("'{clean}")
    } else {
        clean.into_owned()
    }
}

/// CSV with the columns highlight services import. Every text cell passes `csv_cell`; the
/// location is a number the program computed and is written as it is.
pub fn csv(inp: &Input) -> Result<String, String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let e = |x: ::csv::Error| x.to_string();
    w.write_record([
        "Highlight",
        "Title",
        "Author",
        "URL",
        "Note",
        "Location",
        "Date",
        "Tags",
        "Color",
        "Outlet",
    ])
    .map_err(e)?;
    for (ai, art) in inp.story.articles.iter().enumerate() {
        for (a, r, _) in ordered(&inp.notes[ai]) {
            let loc = r
                .as_ref()
                .map(|r| r.start)
                .unwrap_or(a.target.start)
                .to_string();
            w.write_record([
                csv_cell(&a.target.quote),
                csv_cell(&art.title),
                csv_cell(art.byline.as_deref().unwrap_or("")),
                csv_cell(art.url.as_deref().unwrap_or("")),
                csv_cell(&a.note),
                loc,
                csv_cell(&a.created),
                csv_cell(&a.tags.join(", ")),
                COLOR_NAMES[(a.color.clamp(1, 5) - 1) as usize].to_string(),
                csv_cell(&art.source),
            ])
            .map_err(e)?;
        }
    }
    let bytes = w.into_inner().map_err(|x| x.to_string())?;
    String::from_utf8(bytes).map_err(|x| x.to_string())
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// A paragraph as HTML with highlights and conflicting figures marked.
fn para_html(
    art: &Article,
    notes: &ArticleNotes,
    p: usize,
    conflicts: &[std::ops::Range<usize>],
) -> (String, Vec<String>) {
    let para = &art.paragraphs[p];
    let text: Vec<char> = art.para_text(p).chars().collect();
    let base = para.chars.start;
    let mut hl: Vec<(std::ops::Range<usize>, &Annotation)> = ordered(notes)
        .into_iter()
        .filter_map(|(a, r, _)| {
            r.filter(|r| r.start < para.chars.end && para.chars.start < r.end)
                .map(|r| (r, a))
        })
        .collect();
    hl.sort_by_key(|x| x.0.start);
    let mut html = String::new();
    let mut asides = Vec::new();
    for (k, ch) in text.iter().enumerate() {
        let off = base + k;
        for (r, a) in &hl {
            if r.start.max(base) == off {
                let note = if a.note.is_empty() {
                    String::new()
                } else {
                    format!(" title=\"{}\"", esc(&a.note))
                };
                let _ = write!(html, "<mark class=\"hl hl-{}\"{note}>", a.color.clamp(1, 5));
            }
        }
        for c in conflicts {
            if c.start == off {
                html.push_str("<span class=\"conflict\">");
            }
        }
        if *ch == '\n' {
            html.push_str("<br>");
        } else {
            html.push_str(&esc(&ch.to_string()));
        }
        for c in conflicts {
            if c.end == off + 1 {
                html.push_str("</span>");
            }
        }
        for (r, _) in hl.iter().rev() {
            if r.end.min(para.chars.end) == off + 1 {
                html.push_str("</mark>");
            }
        }
    }
    for (_, a) in &hl {
        let mut s = String::new();
        if !a.note.is_empty() {
            let _ = write!(s, "<p>{}</p>", esc(&a.note).replace('\n', "<br>"));
        }
        if !a.tags.is_empty() {
            let tags: Vec<String> = a
                .tags
                .iter()
                .map(|t| format!("<span class=\"tag\">#{}</span>", esc(t)))
                .collect();
            let _ = write!(s, "<p>{}</p>", tags.join(" "));
        }
        for l in &a.links {
            let _ = write!(
                s,
                "<p class=\"link\">⇄ {} {}</p>",
                esc(l.relation.label()),
                esc(&l.article_label)
            );
        }
        if !s.is_empty() {
            asides.push(format!(
                "<aside class=\"note hl-{}\">{s}</aside>",
                a.color.clamp(1, 5)
            ));
        }
    }
    (html, asides)
}

/// Rows of the side-by-side report: left and right paragraphs placed so linked ones share a
/// row, in the left article's order, the right's unlinked paragraphs near their neighbours.
/// Linear in the paragraphs and links (links are indexed once, not scanned per paragraph).
fn rows(
    left: &Article,
    right: &Article,
    links: &[(usize, usize)],
) -> Vec<(Vec<usize>, Vec<usize>)> {
    let (nl, nr) = (left.paragraphs.len(), right.paragraphs.len());
    let mut by_left: Vec<Vec<usize>> = vec![Vec::new(); nl];
    // the last left paragraph linking to each right one
    let mut last_claim: Vec<Option<usize>> = vec![None; nr];
    for &(i, j) in links {
        if i < nl && j < nr {
            by_left[i].push(j);
            last_claim[j] = Some(last_claim[j].map_or(i, |c| c.max(i)));
        }
    }
    let mut out: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut placed_r = vec![false; nr];
    let mut next_r = 0usize;
    for (i, linked) in by_left.iter_mut().enumerate() {
        let mut rs: Vec<usize> = linked.drain(..).filter(|j| !placed_r[*j]).collect();
        rs.sort_unstable();
        rs.dedup();
        if let Some(&first) = rs.first() {
            // right paragraphs before the first linked one that nothing later will claim
            while next_r < first {
                if !placed_r[next_r] && last_claim[next_r].is_none_or(|c| c <= i) {
                    out.push((vec![], vec![next_r]));
                    placed_r[next_r] = true;
                }
                next_r += 1;
            }
        }
        for j in &rs {
            placed_r[*j] = true;
        }
        out.push((vec![i], rs));
    }
    for (j, placed) in placed_r.iter().enumerate() {
        if !placed {
            out.push((vec![], vec![j]));
        }
    }
    out
}

const CSS: &str = "
body{font:15px/1.5 Georgia,'Times New Roman',serif;margin:2em auto;max-width:1400px;color:#222;padding:0 1em}
h1{font:600 1.4em system-ui,sans-serif;margin:.2em 0} .meta{font:13px system-ui,sans-serif;color:#666}
table{border-collapse:collapse;width:100%;table-layout:fixed} td{vertical-align:top;padding:.4em .8em;border-top:1px solid #eee}
th{font:600 14px system-ui,sans-serif;text-align:left;padding:.5em .8em;border-bottom:2px solid #333}
td.topic{width:9em;font:12px system-ui,sans-serif;color:#555} .k-title{font-weight:bold;font-size:1.1em}
.k-standfirst{font-style:italic} .k-dateline{font-style:italic;color:#666} .k-boilerplate{color:#aaa;font-size:.85em}
.unique{border-left:4px solid #e0a800;padding-left:.6em} .badge{font:11px system-ui,sans-serif;background:#e0a800;color:#fff;border-radius:3px;padding:0 .4em}
.conflict{background:#b3261e;color:#fff;font-weight:bold;padding:0 .15em;border-radius:2px}
.conflict-note{font:12px system-ui,sans-serif;color:#b3261e}
table.figures{font:13px system-ui,sans-serif} table.figures td{padding:.2em .6em} .conflict-row td:first-child{color:#b3261e;font-weight:bold}
mark.hl{padding:0 .1em} .hl-1{background:#fff3a0} .hl-2{background:#c9f2c7} .hl-3{background:#cfe0ff} .hl-4{background:#ffd3ec} .hl-5{background:#ffdcb8}
aside.note{font:13px system-ui,sans-serif;margin:.3em 0;padding:.3em .6em;border-radius:4px} aside.note p{margin:.1em 0}
.tag{color:#1a5fb4} .link{color:#555}
@media print{body{margin:0;font-size:11pt} tr{break-inside:avoid} .badge,.conflict{-webkit-print-color-adjust:exact;print-color-adjust:exact} mark.hl,aside.note{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
";

/// One self-contained HTML file: the pair side by side, aligned by topic.
/// Discrepancies grouped by the paragraph `key` gives, each with its place in the list.
fn discrepancies_by(
    ds: &[Discrepancy],
    key: impl Fn(&Discrepancy) -> usize,
) -> HashMap<usize, Vec<(usize, &Discrepancy)>> {
    let mut out: HashMap<usize, Vec<(usize, &Discrepancy)>> = HashMap::new();
    for (k, d) in ds.iter().enumerate() {
        out.entry(key(d)).or_default().push((k, d));
    }
    out
}

/// The spans of paragraph `p`'s conflicting figures.
fn conflict_spans(
    by: &HashMap<usize, Vec<(usize, &Discrepancy)>>,
    p: usize,
    span: impl Fn(&Discrepancy) -> std::ops::Range<usize>,
) -> Vec<std::ops::Range<usize>> {
    by.get(&p)
        .map(|ds| ds.iter().map(|(_, d)| span(d)).collect())
        .unwrap_or_default()
}

pub fn html(inp: &Input) -> String {
    let mut text = String::new();
    html_to(inp, &mut |piece| text.push_str(piece));
    text
}

/// The HTML report in pieces (the head, each row of the table, the closing tables), each
/// passed to `sink` as it is made: a report of a long article is never held whole.
fn html_to(inp: &Input, sink: &mut dyn FnMut(&str)) {
    let (l, r) = inp.pair;
    let (la, rb) = (&inp.story.articles[l], &inp.story.articles[r]);
    let pair = inp.al.pair(l, r);
    let links: Vec<(usize, usize)> = pair.links.iter().map(|x| (x.left, x.right)).collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<title>{} — {} vs {}</title><style>{CSS}</style></head><body>\n",
        esc(&inp.story.name),
        esc(&la.source),
        esc(&rb.source)
    );
    let _ = writeln!(
        out,
        "<h1>{}</h1><p class=\"meta\">{} vs {} · {} linked pairs · {} discrepancies · exported {}</p>",
        esc(&inp.story.name),
        esc(&la.source),
        esc(&rb.source),
        pair.links.len(),
        pair.discrepancies.len(),
        esc(&inp.now)
    );
    let _ = writeln!(out, "<table><colgroup><col style=\"width:9em\"><col><col></colgroup><thead><tr><th>topic</th><th>{}<br><span class=\"meta\">{}</span></th><th>{}<br><span class=\"meta\">{}</span></th></tr></thead><tbody>", esc(&la.source), esc(&la.title), esc(&rb.source), esc(&rb.title));
    let side = |art: &Article,
                ai: usize,
                ps: &[usize],
                unique: &[usize],
                conflicts: &dyn Fn(usize) -> Vec<std::ops::Range<usize>>|
     -> String {
        let mut cell = String::new();
        for &p in ps {
            let kind = art.paragraphs[p].kind;
            let (html, asides) = para_html(art, &inp.notes[ai], p, &conflicts(p));
            // `unique` is sorted (paragraph order)
            let uniq = unique.binary_search(&p).is_ok();
            let class = format!("k-{}{}", kind.as_str(), if uniq { " unique" } else { "" });
            let badge = if uniq {
                format!(
                    " <span class=\"badge\">only in {}</span>",
                    esc(art.source.as_str())
                )
            } else {
                String::new()
            };
            let _ = write!(
                cell,
                "<p class=\"{class}\" id=\"{}-p{p}\">{html}{badge}</p>{}",
                art.id,
                asides.join("")
            );
        }
        cell
    };
    // the pair's discrepancies by paragraph of each side, in their order
    let by_left = discrepancies_by(&pair.discrepancies, |d| d.left);
    let by_right = discrepancies_by(&pair.discrepancies, |d| d.right);
    for (lp, rp) in rows(la, rb, &links) {
        let topic = lp
            .first()
            .and_then(|&p| inp.al.topic_of(l, p))
            .or_else(|| rp.first().and_then(|&p| inp.al.topic_of(r, p)))
            .map(|t| esc(&t.label))
            .unwrap_or_default();
        let lconf = |p: usize| conflict_spans(&by_left, p, |d| d.left_span.clone());
        let rconf = |p: usize| conflict_spans(&by_right, p, |d| d.right_span.clone());
        let mut notes_row = String::new();
        // the row's discrepancies, in the pair's order
        let mut here: Vec<(usize, &Discrepancy)> = lp
            .iter()
            .flat_map(|p| by_left.get(p).into_iter().flatten().copied())
            .filter(|(_, d)| rp.contains(&d.right))
            .collect();
        here.sort_by_key(|(k, _)| *k);
        for (_, d) in here {
            let _ = write!(
                notes_row,
                "<div class=\"conflict-note\">⚠ {}: “{}” vs “{}”</div>",
                esc(&d.what),
                esc(&d.left_text),
                esc(&d.right_text)
            );
        }
        let _ = writeln!(
            out,
            "<tr><td class=\"topic\">{topic}{notes_row}</td><td>{}</td><td>{}</td></tr>",
            side(la, l, &lp, &pair.unique_left, &lconf),
            side(rb, r, &rp, &pair.unique_right, &rconf)
        );
        sink(&out);
        out.clear();
    }
    out.push_str("</tbody></table>\n");
    sink(&out);
    sink(&figures_html(inp));
    sink(&other_articles_html(inp));
    sink(&orphans_html(inp));
    sink("</body></html>\n");
}

/// Every counted thing of the story with the value each source gives, conflicts first; a
/// value in the pair shown links to its paragraph.
fn figures_html(inp: &Input) -> String {
    let rows = inp.al.figures();
    let mut out = String::new();
    if rows.is_empty() {
        return out;
    }
    let (l, r) = inp.pair;
    let arts = &inp.story.articles;
    out.push_str(
        "<h2>Figures: who reports which</h2>\n<table class=\"figures\"><thead><tr><th>counted</th>",
    );
    for a in arts {
        let _ = write!(out, "<th>{}</th>", esc(&a.source));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in rows {
        let class = if row.conflict {
            " class=\"conflict-row\""
        } else {
            ""
        };
        let mark = if row.conflict { "≠ " } else { "" };
        let _ = write!(out, "<tr{class}><td>{mark}{}</td>", esc(&row.label));
        for (i, a) in arts.iter().enumerate() {
            match row.cell(i) {
                Some(v) if i == l || i == r => {
                    let _ = write!(
                        out,
                        "<td><a href=\"#{}-p{}\">{}</a></td>",
                        a.id,
                        v.para,
                        esc(&v.value_text)
                    );
                }
                Some(v) => {
                    let _ = write!(out, "<td>{}</td>", esc(&v.value_text));
                }
                None => out.push_str("<td class=\"meta\">—</td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    out
}

/// Annotations made on articles of the story other than the pair shown side by side: a
/// section per article with each annotated paragraph, so the report drops nothing.
fn other_articles_html(inp: &Input) -> String {
    let (l, r) = inp.pair;
    let mut out = String::new();
    let others: Vec<usize> = (0..inp.story.articles.len())
        .filter(|&i| i != l && i != r)
        .filter(|&i| inp.notes.get(i).is_some_and(|n| n.live().next().is_some()))
        .collect();
    if others.is_empty() {
        return out;
    }
    out.push_str("<h2>Annotations in the other articles of the story</h2>\n");
    for i in others {
        let (art, notes) = (&inp.story.articles[i], &inp.notes[i]);
        let _ = writeln!(
            out,
            "<section class=\"other\" id=\"{}\"><h3>{}</h3><p class=\"meta\">{}</p>",
            art.id,
            esc(&art.source),
            esc(&art.title)
        );
        let mut paras: Vec<usize> = ordered(notes)
            .iter()
            .filter_map(|(_, range, _)| range.clone())
            .flat_map(|range| para_of(art, range.start)..=para_of(art, range.end.max(1) - 1))
            .collect();
        paras.sort_unstable();
        paras.dedup();
        for p in paras {
            let Some(para) = art.paragraphs.get(p) else {
                continue;
            };
            let (html, asides) = para_html(art, notes, p, &[]);
            let _ = write!(
                out,
                "<p class=\"k-{}\" id=\"{}-p{p}\">{html}</p>{}",
                para.kind.as_str(),
                art.id,
                asides.join("")
            );
        }
        out.push_str("</section>\n");
    }
    out
}

/// Annotations whose quote is no longer in the article's text: listed with their notes, since
/// they have no place in the text to be shown at.
fn orphans_html(inp: &Input) -> String {
    let mut out = String::new();
    for (i, art) in inp.story.articles.iter().enumerate() {
        let Some(notes) = inp.notes.get(i) else {
            continue;
        };
        for (a, range, _) in ordered(notes) {
            if range.is_some() {
                continue;
            }
            if out.is_empty() {
                out.push_str("<h2>Annotations whose passage is no longer in the text</h2>\n<ul>\n");
            }
            let note = if a.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", esc(&a.note))
            };
            let _ = writeln!(
                out,
                "<li><b>{}</b>: “{}”{note}</li>",
                esc(&art.source),
                esc(&a.target.quote)
            );
        }
    }
    if !out.is_empty() {
        out.push_str("</ul>\n");
    }
    out
}

pub const FORMATS: [&str; 4] = ["md", "w3c", "csv", "html"];

/// Text with nothing a terminal or a reader of the file would act on (see `canon::display`).
fn safe(text: String) -> String {
    match crate::store::canon::display(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(o) => o,
    }
}

/// Render one format to text. Every format leaves here free of escape sequences and other
/// unsafe characters: Markdown and HTML pass the sanitiser whole, CSV cell by cell, and the
/// W3C JSON writes such characters as `\u` escapes, which keeps the data.
pub fn render(inp: &Input, format: &str) -> Result<String, String> {
    match format {
        "md" => Ok(safe(markdown(inp))),
        "w3c" => serde_json::to_string_pretty(&w3c(inp))
            .map(|s| crate::store::canon::escape_json(&(s + "\n")).into_owned())
            .map_err(|e| e.to_string()),
        "csv" => csv(inp),
        "html" => Ok(safe(html(inp))),
        other => Err(format!(
            "unknown export format \"{other}\" (md, w3c, csv, html)"
        )),
    }
}

/// `render` into `out`. The HTML report is written a row at a time, each piece through the
/// sanitiser, so that a long article's report is never held whole. An unknown format or a
/// format's own failure is an `InvalidInput` error.
pub fn render_to(inp: &Input, format: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if format != "html" {
        let text = render(inp, format)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        out.write_all(text.as_bytes())?;
        return out.flush();
    }
    let mut failed: Option<std::io::Error> = None;
    html_to(inp, &mut |piece| {
        if failed.is_none() {
            let shown = crate::store::canon::display(piece);
            if let Err(e) = out.write_all(shown.as_bytes()) {
                failed = Some(e);
            }
        }
    });
    match failed {
        Some(e) => Err(e),
        None => out.flush(),
    }
}

/// An existing file at `path` is kept unless `force`: the message that says so.
pub fn refuse_existing(path: &Path, force: bool) -> Result<(), String> {
    if path.exists() && !force {
        return Err(format!(
            "{}: already exists (use --force to overwrite)",
            path.display()
        ));
    }
    Ok(())
}

/// Write an export to a file; an existing file is kept unless `force`. Returns a message.
pub fn export_to_file(
    story: &Story,
    al: &StoryAlignment,
    notes: &[ArticleNotes],
    pair: Option<(usize, usize)>,
    format: &str,
    path: &Path,
    force: bool,
) -> Result<String, String> {
    refuse_existing(path, force)?;
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let inp = Input {
        story,
        al,
        notes,
        pair: pair.unwrap_or((0, if story.articles.len() > 1 { 1 } else { 0 })),
        by_topic: story.root.is_some() && story.articles.len() > 2,
        now,
    };
    // written beside the target and moved over it when complete: a failed export leaves
    // nothing half-written
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // a missing or unreadable folder is said in the system's words, without the name of the
    // temporary file
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // as any new file: readable by others unless the umask says otherwise
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder
        .tempfile_in(dir)
        .map_err(|e| match std::fs::metadata(dir) {
            Err(m) => fail(&m),
            Ok(_) => fail(&e.kind()),
        })?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file());
        render_to(&inp, format, &mut w).map_err(|e| fail(&e))?;
    }
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    let n: usize = notes.iter().map(|x| x.live().count()).sum();
    Ok(format!(
        "exported {n} annotations as {format} to {}",
        path.display()
    ))
}
