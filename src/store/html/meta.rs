//! Page metadata read straight from the markup, before any guessing from the text: JSON-LD
//! article records (`headline`, `publisher.name`, `datePublished`, `author`) and the
//! `og:site_name` / `application-name` meta tags; and the site name cut off a title.

use super::lex::{Lexer, Piece};
use crate::store::Meta;
use serde_json::Value;

/// Schema.org types that describe the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "Report",
];

/// Metadata the page states about itself.
pub(super) fn page_meta(raw: &str) -> Meta {
    let mut meta = Meta::default();
    let mut in_ld = false;
    let mut og_site = None;
    let mut app_name = None;
    for piece in Lexer::new(raw) {
        match piece {
            Piece::Open { name, source, .. } if name.eq_ignore_ascii_case("script") => {
                in_ld = attr(source, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            }
            Piece::Open { name, source, .. } if name.eq_ignore_ascii_case("meta") => {
                let key = attr(source, "property").or_else(|| attr(source, "name"));
                let content = attr(source, "content");
                match key.map(|k| k.to_ascii_lowercase()).as_deref() {
                    Some("og:site_name") => og_site = og_site.or(content),
                    Some("application-name") => app_name = app_name.or(content),
                    _ => {}
                }
            }
            Piece::Text(t) if in_ld => {
                if let Ok(v) = serde_json::from_str::<Value>(t.trim()) {
                    if let Some(a) = find_article(&v) {
                        fill_from_ld(&mut meta, a);
                    }
                }
            }
            Piece::Close(name) if name.eq_ignore_ascii_case("script") => in_ld = false,
            _ => {}
        }
    }
    meta.source = meta.source.or(og_site).or(app_name).map(|s| decode(&s));
    meta
}

/// The first article record in a JSON-LD value (top level, an array, or an `@graph`).
fn find_article(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(o) => {
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if is_article {
                Some(v)
            } else {
                o.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

fn fill_from_ld(meta: &mut Meta, a: &Value) {
    let text = |v: Option<&Value>| -> Option<String> {
        match v? {
            Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::Object(o) => o
                .get("name")
                .and_then(Value::as_str)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            _ => None,
        }
    };
    meta.title = meta.title.take().or_else(|| text(a.get("headline")));
    meta.source = meta.source.take().or_else(|| text(a.get("publisher")));
    meta.published = meta
        .published
        .take()
        .or_else(|| text(a.get("datePublished")));
    meta.byline = meta.byline.take().or_else(|| match a.get("author") {
        Some(Value::Array(list)) => {
            let names: Vec<String> = list.iter().filter_map(|x| text(Some(x))).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => text(other),
    });
}

/// The value of attribute `key` in an opening tag's source, quotes removed.
fn attr(source: &str, key: &str) -> Option<String> {
    let low = source.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = low[from..].find(key) {
        let at = from + p;
        from = at + key.len();
        let before = low[..at].chars().next_back();
        if !before.is_some_and(|c| c.is_ascii_whitespace()) {
            continue;
        }
        let rest = source[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(value.to_string());
    }
    None
}

/// The few character references meta tag values use.
fn decode(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Separators pages put between an article's title and the site's name.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · "];

/// `title` without the site's name when it leads or trails it behind a separator
/// ("Flood talks resume | The Ledger" → "Flood talks resume"). A title that is only the site
/// name stays as it is.
pub(crate) fn strip_site_name(title: &str, site: &str) -> String {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let site_n = norm(site);
    if site_n.is_empty() {
        return title.to_string();
    }
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if norm(tail) == site_n && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if norm(head) == site_n && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `title` without furniture pages add around a headline when no site name says what it is:
/// trailing segments that are a date ("| 01.01.2020") or a short run of capitalised words
/// ("| DW", "- Loop Tonga") after a headline of four words or more, and a short leading
/// breadcrumb ("Blog Archive » …").
pub(crate) fn strip_title_furniture(title: &str) -> String {
    let mut t = title.trim().to_string();
    // trailing segments, last first
    while let Some((head, tail)) = SEPARATORS
        .iter()
        .filter_map(|sep| t.rsplit_once(sep))
        .max_by_key(|(head, _)| head.len())
    {
        let (head, tail) = (head.trim(), tail.trim());
        if head.split_whitespace().count() < 4 || !(is_date(tail) || is_short_name(tail)) {
            break;
        }
        t = head.to_string();
    }
    // a leading breadcrumb before » or ›
    for sep in [" » ", " › "] {
        if let Some((head, tail)) = t.split_once(sep) {
            if head.split_whitespace().count() <= 3 && tail.split_whitespace().count() >= 4 {
                t = tail.trim().to_string();
            }
        }
    }
    t
}

/// "01.01.2020", "2020-01-01", "3 March 2020", "March 3, 2020".
fn is_date(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let other = s
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '.' | '-' | '/' | ' ' | ','))
        .collect::<String>()
        .to_lowercase();
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .any(|m| other.starts_with(m));
    digits >= 4 && (other.is_empty() || (month && other.len() <= 9))
}

/// One to three words, each opening with a capital or a digit (a site or section name).
fn is_short_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_article_record() {
        let page = r#"<html><head>
            <script type="application/ld+json">{"@type":"WebSite","name":"Not this"}</script>
            <script type='application/ld+json'>{"@context":"https://schema.org","@graph":[
              {"@type":"Organization","name":"Org"},
              {"@type":"NewsArticle","headline":"Bridge reopens after repairs",
               "datePublished":"2031-05-06T08:00:00Z",
               "author":[{"@type":"Person","name":"Ada Lane"},"Tom Reed"],
               "publisher":{"@type":"Organization","name":"The Valley Courier"}}]}</script>
            <meta property="og:site_name" content="Courier Online">
            </head><body><p>x</p></body></html>"#;
        let m = page_meta(page);
        assert_eq!(m.title.as_deref(), Some("Bridge reopens after repairs"));
        assert_eq!(m.source.as_deref(), Some("The Valley Courier"));
        assert_eq!(m.published.as_deref(), Some("2031-05-06T08:00:00Z"));
        assert_eq!(m.byline.as_deref(), Some("Ada Lane, Tom Reed"));
    }

    #[test]
    fn site_name_from_meta_tags() {
        let og = r#"<head><meta name="application-name" content="App"><meta content="Hill &amp; Dale News" property="og:site_name"></head>"#;
        assert_eq!(page_meta(og).source.as_deref(), Some("Hill & Dale News"));
        let app = r#"<head><meta name=application-name content=Pressroom></head>"#;
        assert_eq!(page_meta(app).source.as_deref(), Some("Pressroom"));
        assert_eq!(page_meta("<p>no metadata</p>").source, None);
    }

    #[test]
    fn title_furniture_is_cut() {
        let cases = [
            (
                "Dam talks resume in the capital | DW | 01.01.2020",
                "Dam talks resume in the capital",
            ),
            (
                "Ferry fares rise again this week | Loop Tonga",
                "Ferry fares rise again this week",
            ),
            (
                "Blog Archive » Orchard fair opens with forty stalls",
                "Orchard fair opens with forty stalls",
            ),
            (
                "Storm closes the coast road - March 3, 2031",
                "Storm closes the coast road",
            ),
            // a headline keeps its own separators and lower-case words
            ("Putin - Erdogan talks end", "Putin - Erdogan talks end"),
            (
                "Fares rise: what it means - for commuters",
                "Fares rise: what it means - for commuters",
            ),
            ("Short one | Site", "Short one | Site"),
        ];
        for (title, want) in cases {
            assert_eq!(strip_title_furniture(title), want, "{title}");
        }
    }

    #[test]
    fn site_name_stripped_from_titles() {
        let cases = [
            ("Flood talks resume | The Ledger", "Flood talks resume"),
            ("Flood talks resume - the ledger", "Flood talks resume"),
            ("The Ledger — Flood talks resume", "Flood talks resume"),
            ("Flood talks resume :: The Ledger", "Flood talks resume"),
            ("The Ledger » Flood talks resume", "Flood talks resume"),
            // the name must be the whole segment
            (
                "Flood talks resume | The Ledger Weekly",
                "Flood talks resume | The Ledger Weekly",
            ),
            ("Ledger - a history", "Ledger - a history"),
            ("The Ledger", "The Ledger"),
        ];
        for (title, want) in cases {
            assert_eq!(strip_site_name(title, "The Ledger"), want, "{title}");
        }
    }
}
