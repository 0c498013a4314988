//! The network edge: the HTTP client, charset detection and feed reading. This is the only code
//! that opens sockets; it knows nothing of stories, the reader or the terminal. Everything it
//! returns is untrusted text for the caller to sanitise.

pub mod charset;
pub mod feed;

use std::io::Read;
use std::time::{Duration, Instant};
use url::Url;

/// How a fetch is bounded.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The whole fetch, redirects and body included.
    pub timeout: Duration,
    /// Largest body accepted, after decompression.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_bytes: 50 * 1024 * 1024,
            max_redirects: 10,
        }
    }
}

/// A page as the server sent it, decompressed.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where the page was found, after redirects.
    pub url: Url,
    /// The Content-Type header, if any.
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Page {
    /// The media type of the Content-Type header, lower case, without parameters.
    pub fn mime(&self) -> Option<String> {
        let ct = self.content_type.as_deref()?;
        let m = ct.split(';').next()?.trim().to_ascii_lowercase();
        (!m.is_empty()).then_some(m)
    }

    /// The body as text, decoded by the charset the header or the page declares.
    pub fn text(&self) -> charset::Decoded {
        charset::decode(&self.bytes, self.content_type.as_deref())
    }
}

/// Why a fetch failed, in words for one line.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: not a valid web address ({msg})")]
    BadUrl { url: String, msg: String },
    #[error("{url}: could not find the host {host} (no DNS record, or offline?)")]
    HostNotFound { url: String, host: String },
    #[error("{url}: connection refused by {host}")]
    Refused { url: String, host: String },
    #[error("{url}: could not connect: {msg}")]
    Connect { url: String, msg: String },
    #[error("{url}: no complete answer within {secs} seconds (raise it with --timeout)")]
    Timeout { url: String, secs: f64 },
    #[error("{url}: the server answered {code} {reason}")]
    Status {
        url: String,
        code: u16,
        reason: String,
    },
    #[error("{url}: redirect loop (back to {to})")]
    RedirectLoop { url: String, to: String },
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: u32 },
    #[error("{url}: page is over the {limit}-byte limit (raise it with --max-size)")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: {msg}")]
    Other { url: String, msg: String },
}

/// Parse a web address the user gave: http or https only.
pub fn parse_url(s: &str) -> Result<Url, FetchError> {
    let bad = |msg: String| FetchError::BadUrl {
        url: s.to_string(),
        msg,
    };
    if !s.contains("://") {
        return Err(bad("give it with http:// or https://".into()));
    }
    let u = Url::parse(s.trim()).map_err(|e| bad(e.to_string()))?;
    match u.scheme() {
        "http" | "https" => {}
        other => return Err(bad(format!("scheme {other}: is not http or https"))),
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host".into()));
    }
    Ok(u)
}

/// Fetch one page with GET, following redirects ourselves so a loop can be named as one.
pub fn get(url: &Url, limits: &Limits) -> Result<Page, FetchError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(format!("diptych/{}", env!("CARGO_PKG_VERSION")))
        .timeout_global(Some(limits.timeout))
        .build()
        .into();
    let started = Instant::now();
    let mut current = url.clone();
    let mut seen = vec![url.clone()];
    loop {
        let left = limits.timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(timeout(url, limits));
        }
        let mut resp = agent
            .get(current.as_str())
            .header("Accept-Encoding", "gzip, deflate, br")
            .header(
                "Accept",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            )
            .config()
            .timeout_global(Some(left))
            .build()
            .call()
            .map_err(|e| classify(e, url, &current, limits))?;
        let status = resp.status();
        if status.is_redirection() {
            let location = resp
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let Some(location) = location else {
                return Err(status_error(url, status));
            };
            let next = current.join(&location).map_err(|e| FetchError::Other {
                url: url.to_string(),
                msg: format!("bad redirect target {location}: {e}"),
            })?;
            if !matches!(next.scheme(), "http" | "https") {
                return Err(FetchError::Other {
                    url: url.to_string(),
                    msg: format!("redirected to a non-web address ({})", next.scheme()),
                });
            }
            if seen.contains(&next) {
                return Err(FetchError::RedirectLoop {
                    url: url.to_string(),
                    to: next.to_string(),
                });
            }
            if seen.len() as u32 > limits.max_redirects {
                return Err(FetchError::TooManyRedirects {
                    url: url.to_string(),
                    max: limits.max_redirects,
                });
            }
            seen.push(next.clone());
            current = next;
            continue;
        }
        if !status.is_success() {
            return Err(status_error(url, status));
        }
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let deflated = resp
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("deflate"));
        let too_large = || FetchError::TooLarge {
            url: url.to_string(),
            limit: limits.max_bytes,
        };
        // A declared length over the limit is refused before reading a byte of it.
        if !deflated
            && resp.body().content_length().unwrap_or(0) > limits.max_bytes
            && !resp.headers().contains_key("content-encoding")
        {
            return Err(too_large());
        }
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(limits.max_bytes.saturating_add(1))
            .read_to_vec()
            .map_err(|e| classify(e, url, &current, limits))?;
        let bytes = if deflated {
            inflate(&bytes, limits.max_bytes).map_err(|msg| FetchError::Other {
                url: url.to_string(),
                msg,
            })?
        } else {
            bytes
        };
        if bytes.len() as u64 > limits.max_bytes {
            return Err(too_large());
        }
        return Ok(Page {
            url: current,
            content_type,
            bytes,
        });
    }
}

/// Undo `Content-Encoding: deflate`: zlib-wrapped as the standard says, or raw as some servers
/// send it. The output is bounded like any body.
fn inflate(bytes: &[u8], max: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let zlib = flate2::read::ZlibDecoder::new(bytes)
        .take(max.saturating_add(1))
        .read_to_end(&mut out);
    if zlib.is_ok() {
        return Ok(out);
    }
    out.clear();
    flate2::read::DeflateDecoder::new(bytes)
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("could not decompress the deflate body: {e}"))?;
    Ok(out)
}

fn timeout(url: &Url, limits: &Limits) -> FetchError {
    FetchError::Timeout {
        url: url.to_string(),
        secs: limits.timeout.as_secs_f64(),
    }
}

fn status_error(url: &Url, status: ureq::http::StatusCode) -> FetchError {
    FetchError::Status {
        url: url.to_string(),
        code: status.as_u16(),
        reason: status.canonical_reason().unwrap_or("").to_string(),
    }
}

/// Name a client error the way a reader would want to hear it.
fn classify(e: ureq::Error, url: &Url, current: &Url, limits: &Limits) -> FetchError {
    let host = current.host_str().unwrap_or("").to_string();
    let u = url.to_string();
    match e {
        ureq::Error::HostNotFound => FetchError::HostNotFound { url: u, host },
        ureq::Error::Timeout(_) => timeout(url, limits),
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url: u,
            limit: limits.max_bytes,
        },
        ureq::Error::BadUri(msg) => FetchError::BadUrl { url: u, msg },
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => FetchError::Refused { url: u, host },
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => timeout(url, limits),
            // The resolver's failures come as uncategorised errors; their words tell them apart.
            _ if is_lookup_failure(&io.to_string()) => FetchError::HostNotFound { url: u, host },
            _ => FetchError::Connect {
                url: u,
                msg: io.to_string(),
            },
        },
        ureq::Error::ConnectionFailed => FetchError::Connect {
            url: u,
            msg: format!("no connection to {host}"),
        },
        other => FetchError::Other {
            url: u,
            msg: other.to_string(),
        },
    }
}

fn is_lookup_failure(msg: &str) -> bool {
    let m = msg.to_ascii_lowercase();
    [
        "lookup address",
        "name or service not known",
        "nodename nor servname",
        "no such host",
        "temporary failure in name resolution",
    ]
    .iter()
    .any(|w| m.contains(w))
}

/// What a body is when it is not a web page: from its first bytes, else from its media type.
/// `None` when it may well be HTML.
pub fn not_html(page: &Page) -> Option<String> {
    let b = &page.bytes;
    let magic = if b.starts_with(b"%PDF-") {
        Some("a PDF document")
    } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("a PNG image")
    } else if b.starts_with(b"\xff\xd8\xff") {
        Some("a JPEG image")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("a GIF image")
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("a WebP image")
    } else if b.starts_with(b"PK\x03\x04") {
        Some("a ZIP archive (or an office document)")
    } else {
        None
    };
    let mime = page.mime();
    if let Some(what) = magic {
        return Some(match mime {
            Some(m) => format!("{what} ({m}), not a web page"),
            None => format!("{what}, not a web page"),
        });
    }
    let m = mime?;
    if m == "text/html" || m == "application/xhtml+xml" {
        return None;
    }
    // Servers label pages loosely; a body that starts like HTML is read as HTML.
    let head = String::from_utf8_lossy(&b[..b.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return None;
    }
    let what = match m.split('/').next().unwrap_or("") {
        "image" => "an image",
        "audio" => "an audio file",
        "video" => "a video",
        _ if m == "application/pdf" => "a PDF document",
        _ => "not a web page",
    };
    Some(if what == "not a web page" {
        format!("{m}: not a web page")
    } else {
        format!("{what} ({m}), not a web page")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(ct: Option<&str>, bytes: &[u8]) -> Page {
        Page {
            url: Url::parse("http://example.test/").unwrap(),
            content_type: ct.map(str::to_string),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn web_addresses_are_http_or_https_with_a_host() {
        assert!(parse_url("https://example.test/a").is_ok());
        for bad in [
            "ftp://example.test/",
            "example.test/a",
            "file:///etc/passwd",
            "",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bodies_that_are_not_pages_are_named() {
        let pdf = not_html(&page(Some("application/octet-stream"), b"%PDF-1.4 x")).unwrap();
        assert!(pdf.starts_with("a PDF document"), "{pdf}");
        let png = not_html(&page(Some("image/png"), b"abc")).unwrap();
        assert!(png.contains("an image (image/png)"), "{png}");
        assert_eq!(
            not_html(&page(Some("text/html; charset=utf-8"), b"<p>x")),
            None
        );
        assert_eq!(
            not_html(&page(Some("text/plain"), b"<!DOCTYPE html><p>")),
            None
        );
        assert_eq!(not_html(&page(None, b"<p>hello")), None);
        assert!(not_html(&page(Some("application/json"), b"{}")).is_some());
    }

    #[test]
    fn resolver_failures_are_recognised_by_their_words() {
        assert!(is_lookup_failure(
            "failed to lookup address information: Name or service not known"
        ));
        assert!(is_lookup_failure("Temporary failure in name resolution"));
        assert!(!is_lookup_failure("Connection reset by peer"));
    }

    #[test]
    fn deflate_bodies_are_undone_zlib_or_raw() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(b"hello").unwrap();
        assert_eq!(inflate(&z.finish().unwrap(), 100).unwrap(), b"hello");
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        d.write_all(b"hello").unwrap();
        assert_eq!(inflate(&d.finish().unwrap(), 100).unwrap(), b"hello");
    }
}
