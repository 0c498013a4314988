//! News feeds (RSS, Atom, JSON Feed) read into a plain list of entries: title, link, date.

use url::Url;

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    /// The entry's web page, absolute; `None` when the feed gives none.
    pub link: Option<String>,
    /// `YYYY-MM-DD` of publication (or last update), when the feed says.
    pub date: Option<String>,
}

/// A feed: its title (usually the outlet) and its entries in feed order.
#[derive(Debug, Clone)]
pub struct Feed {
    pub title: Option<String>,
    pub entries: Vec<Entry>,
}

/// Parse a feed body. `base` resolves relative links.
pub fn parse(bytes: &[u8], base: &Url) -> Result<Feed, String> {
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .build()
        .parse(bytes)
        .map_err(|e| format!("not an RSS, Atom or JSON feed ({e})"))?;
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let entries = parsed
        .entries
        .iter()
        .map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .and_then(|l| base.join(l.href.trim()).ok())
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .map(|u| u.to_string());
            Entry {
                title: e
                    .title
                    .as_ref()
                    .map(|t| one_line(&t.content))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| "(untitled)".to_string()),
                link,
                date: e
                    .published
                    .or(e.updated)
                    .map(|d| d.date_naive().to_string()),
            }
        })
        .collect();
    Ok(Feed {
        title: parsed
            .title
            .map(|t| one_line(&t.content))
            .filter(|t| !t.is_empty()),
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_entries_are_listed_with_absolute_links() {
        let base = Url::parse("http://news.example/feeds/main.xml").unwrap();
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>The Tern Gazette</title>
<item><title>Ferry timetable  changes</title><link>/2030/ferry.html</link>
<pubDate>Tue, 04 Jun 2030 08:00:00 GMT</pubDate></item></channel></rss>"#;
        let f = parse(rss.as_bytes(), &base).unwrap();
        assert_eq!(f.title.as_deref(), Some("The Tern Gazette"));
        assert_eq!(
            f.entries,
            vec![Entry {
                title: "Ferry timetable changes".into(),
                link: Some("http://news.example/2030/ferry.html".into()),
                date: Some("2030-06-04".into()),
            }]
        );
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Moss Valley Post</title><id>urn:x</id><updated>2030-06-05T00:00:00Z</updated>
<entry><title>Orchard fair</title><id>urn:y</id><updated>2030-06-05T10:00:00Z</updated>
<link href="http://news.example/orchard"/></entry></feed>"#;
        let f = parse(atom.as_bytes(), &base).unwrap();
        assert_eq!(f.entries[0].date.as_deref(), Some("2030-06-05"));
        assert!(parse(b"<html><p>no</p></html>", &base).is_err());
    }
}
