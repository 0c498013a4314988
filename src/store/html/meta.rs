//! Page metadata read straight from the markup, before any guessing from the text: JSON-LD
//! article records (`headline`, `publisher.name`, `datePublished`, `author`) and the
//! `og:site_name` / `application-name` meta tags; failing those, the site named at the end of
//! the `<title>` or the host of the page's canonical address; and the site name cut off a title.

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
    let mut in_title = false;
    let mut title: Option<String> = None;
    let mut address: Option<String> = None;
    for piece in Lexer::new(raw) {
        match piece {
            Piece::Open { name, .. } if name.eq_ignore_ascii_case("title") => in_title = true,
            Piece::Close(name) if name.eq_ignore_ascii_case("title") => in_title = false,
            Piece::Text(t) if in_title => {
                title.get_or_insert_with(|| super::text::decode_entities_str(t));
            }
            Piece::Open { name, source, .. } if name.eq_ignore_ascii_case("link") => {
                let canonical = attr(source, "rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical && address.is_none() {
                    address = attr(source, "href");
                }
            }
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
                    Some("og:url") if address.is_none() => address = content,
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
    meta.source = meta
        .source
        .or(og_site)
        .or(app_name)
        .map(|s| decode(&s))
        .or_else(|| site_from_title_or_address(title.as_deref(), address.as_deref()));
    meta
}

/// The site a page belongs to when no metadata names it: the name that ends its `<title>`
/// ("Ferry fares rise | Loop Tonga"), when the page's canonical address agrees with it or
/// gives none; else that address's host ("kxyz.com"), which names the publisher more surely
/// than a title segment that might be a section or an author.
fn site_from_title_or_address(title: Option<&str>, address: Option<&str>) -> Option<String> {
    let named = title.and_then(title_site);
    let host = address.and_then(host_of);
    match (named, host) {
        (Some(n), Some(h)) if same_site(&n, &h) => Some(n),
        (_, Some(h)) => Some(h),
        (n, None) => n,
    }
}

/// The site name a title ends with, behind a separator and any trailing date.
fn title_site(title: &str) -> Option<String> {
    let mut t = title.trim();
    // a few trailing segments at most: a title of thousands of dates is no title
    for _ in 0..MAX_TRAILING_SEGMENTS {
        let (head, tail) = trailing_segment(t)?;
        if head.split_whitespace().count() < 4 {
            return None;
        }
        if !is_date(tail) {
            // a name of up to four capitalised words ("The New York Times")
            return is_short_name(tail, 4).then(|| tail.to_string());
        }
        t = head;
    }
    None
}

/// A title split before its last segment, at the separator that leaves the longest head
/// ("Talks resume | DW | 01.01.2020" → "Talks resume | DW", "01.01.2020"), both trimmed.
fn trailing_segment(title: &str) -> Option<(&str, &str)> {
    SEPARATORS
        .iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .max_by_key(|(head, _)| head.len())
        .map(|(head, tail)| (head.trim(), tail.trim()))
}

/// The host of an absolute web address, without `www.`: "https://www.kxyz.com/a" → "kxyz.com".
fn host_of(address: &str) -> Option<String> {
    let rest = address.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
    .then_some(host)
}

/// A site name and a host name the same site: the host's own label ("looptonga" in
/// looptonga.com, "yahoo" in finance.yahoo.com, "bbc" in bbc.co.uk) is spelled by leading
/// letters of the name's words in order ("Loop Tonga", "The New York Times" / nytimes.com,
/// "KXYZ 7 News" / kxyz.com).
fn same_site(name: &str, host: &str) -> bool {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let label = site_label(host).replace('-', "");
    label.len() >= 2 && spells(&label, &words)
}

/// The label that names the site in a host: the last one before the top-level domain and any
/// generic second level (`co`, `com`, `org` …).
fn site_label(host: &str) -> &str {
    let mut labels: Vec<&str> = host.split('.').collect();
    labels.pop();
    if labels.len() > 1
        && labels
            .last()
            .is_some_and(|l| ["co", "com", "org", "net", "ac", "gov", "or", "ne"].contains(l))
    {
        labels.pop();
    }
    labels.last().copied().unwrap_or("")
}

/// `label` is the concatenation of a prefix (possibly empty) of each of `words`, in order.
/// Dynamic programming over (letters of the label spelled, words used): linear in their
/// product, whatever a page puts in its title.
fn spells(label: &str, words: &[String]) -> bool {
    let label: Vec<char> = label.chars().collect();
    // reach[i]: the first i letters of the label can be spelled by the words used so far
    let mut reach = vec![false; label.len() + 1];
    reach[0] = true;
    for w in words {
        let w: Vec<char> = w.chars().collect();
        let mut next = reach.clone();
        for i in 0..label.len() {
            if !reach[i] {
                continue;
            }
            for (k, c) in w.iter().enumerate() {
                if label.get(i + k) != Some(c) {
                    break;
                }
                next[i + k + 1] = true;
            }
        }
        reach = next;
    }
    reach[label.len()]
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
pub(super) fn attr(source: &str, key: &str) -> Option<String> {
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

/// How many trailing segments (dates, site and section names) a title is searched for.
const MAX_TRAILING_SEGMENTS: usize = 6;

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
    // trailing segments, last first; a few at most
    for _ in 0..MAX_TRAILING_SEGMENTS {
        let Some((head, tail)) = trailing_segment(&t) else {
            break;
        };
        if head.split_whitespace().count() < 4 || !(is_date(tail) || is_short_name(tail, 3)) {
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

/// One to `max_words` words, each opening with a capital or a digit (a site or section name).
fn is_short_name(s: &str, max_words: usize) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=max_words).contains(&words.len())
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
    fn site_from_the_title_or_the_canonical_address() {
        let page = |title: &str, link: &str| {
            page_meta(&format!(
                "<html><head><title>{title}</title>{link}</head><body><p>x</p></body></html>"
            ))
            .source
        };
        let canonical = r#"<link rel="canonical" href="https://www.looptonga.com/news/ferry">"#;
        let og_url = r#"<meta property="og:url" content="https://kxyz.com/local/fire">"#;
        assert_eq!(
            page("Ferry fares rise again this week | Loop Tonga", canonical).as_deref(),
            Some("Loop Tonga")
        );
        assert_eq!(
            page("Ferry fares rise again this week | Loop Tonga", "").as_deref(),
            Some("Loop Tonga")
        );
        assert_eq!(
            page("Dam talks resume in the capital | DW | 01.01.2020", "").as_deref(),
            Some("DW")
        );
        assert_eq!(
            page(
                "Fire destroys a warehouse in Eastside - KXYZ 7 News",
                og_url
            )
            .as_deref(),
            Some("KXYZ 7 News")
        );
        let nyt =
            r#"<link rel="canonical" href="https://www.nytimes.com/2017/01/13/world/a.html">"#;
        assert_eq!(
            page(
                "United States to lift the sanctions - The New York Times",
                nyt
            )
            .as_deref(),
            Some("The New York Times")
        );
        assert!(same_site("BBC News", "bbc.co.uk"));
        assert!(same_site("Yahoo Finance", "finance.yahoo.com"));
        assert!(!same_site("Local", "kxyz.com"));
        assert!(!same_site("Opinion", "nytimes.com"));
        // a name of many one-letter parts is decided at once, not by trying every split
        let many = "A.".repeat(400);
        assert!(!same_site(&many, &format!("{}b.com", "a".repeat(60))));
        assert!(same_site(&many, &format!("{}.com", "a".repeat(60))));
        // a segment that is not the site (a section) gives way to the address
        assert_eq!(
            page("Fire destroys a warehouse in Eastside | Local", og_url).as_deref(),
            Some("kxyz.com")
        );
        assert_eq!(
            page("Fire destroys a warehouse", og_url).as_deref(),
            Some("kxyz.com")
        );
        // a short title keeps its separators; a lower-case tail is no name
        assert_eq!(page("Short one | Site", ""), None);
        assert_eq!(page("Fares rise: what it means - for commuters", ""), None);
        assert_eq!(
            page(
                "Fire destroys a warehouse",
                r#"<link rel=canonical href="/a/b">"#
            ),
            None
        );
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
        // a title of endless trailing dates is searched a few segments deep, not to its start
        let endless = format!(
            "Dam talks resume in the capital{}",
            " | 01.01.2020".repeat(200_000)
        );
        assert!(strip_title_furniture(&endless).len() > endless.len() / 2);
        assert_eq!(title_site(&endless), None);
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
