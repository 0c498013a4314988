//! End to end: `diptych add` and `diptych feed` against a small HTTP server on 127.0.0.1 that
//! serves invented pages and feeds. No test reaches beyond the machine.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod common;

struct Reply {
    status: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
}

fn reply(status: &'static str, ct: &str, body: impl Into<Vec<u8>>) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type".into(), ct.into())],
        body: body.into(),
        delay: Duration::ZERO,
    }
}

fn redirect(to: &str) -> Reply {
    Reply {
        status: "302 Found",
        headers: vec![("Location".into(), to.into())],
        body: Vec::new(),
        delay: Duration::ZERO,
    }
}

fn page(outlet: &str, title: &str, date: &str, paras: &[&str]) -> String {
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>\n\
         <meta property=\"og:site_name\" content=\"{outlet}\">\n\
         <meta name=\"author\" content=\"Ila Brenn\">\n\
         <meta property=\"article:published_time\" content=\"{date}T08:00:00Z\">\n\
         </head><body><nav>Home | Town | Weather</nav><article><h1>{title}</h1>\n{body}\
         </article><footer>All rights reserved.</footer></body></html>"
    )
}

fn bridge() -> String {
    page(
        "The Tern Gazette",
        "Bridge reopens after repairs",
        "2030-06-04",
        &[
            "The old stone bridge over the Tern reopened on Monday after eight months of repairs, the town council said.",
            "Engineers replaced 40 of the bridge's 120 stones and added a drainage channel beneath the road.",
            "Traffic will be limited to one lane until the end of the month.",
        ],
    )
}

fn ferry(version: usize) -> String {
    page(
        "Moss Valley Post",
        "Ferry fares rise",
        "2030-06-05",
        &[
            &format!("The ferry company raised fares by {version} per cent on Tuesday, citing fuel costs."),
            "Commuters said the increase came without warning and called for a public meeting.",
            "The company said the new fares would be reviewed in the autumn.",
        ],
    )
}

fn route(path: &str, accept_gzip: bool, hits: &AtomicUsize) -> Reply {
    let html = "text/html; charset=utf-8";
    match path {
        "/bridge.html" => reply("200 OK", html, bridge()),
        "/ferry.html" => reply("200 OK", html, ferry(hits.fetch_add(1, Ordering::SeqCst) + 3)),
        "/start" => redirect("/middle"),
        "/middle" => redirect("/bridge.html"),
        "/loop-a" => redirect("/loop-b"),
        p if p.starts_with("/hop/") => {
            let n: u32 = p[5..].parse().unwrap_or(0);
            redirect(&format!("/hop/{}", n + 1))
        }
        "/deflate.html" => {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(
                page(
                    "Heron Bay Herald",
                    "Harbour wall repainted",
                    "2030-06-09",
                    &["Volunteers repainted the harbour wall in blue and white over the weekend."],
                )
                .as_bytes(),
            )
            .unwrap();
            let mut r = reply("200 OK", html, z.finish().unwrap());
            r.headers.push(("Content-Encoding".into(), "deflate".into()));
            r
        }
        "/loop-b" => redirect("/loop-a"),
        "/gzip.html" => {
            assert!(accept_gzip, "client did not offer gzip");
            let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(
                page(
                    "Heron Bay Herald",
                    "Lighthouse keeper retires",
                    "2030-06-06",
                    &[
                        "After 31 years the keeper of the Heron Bay lighthouse handed over the keys on Friday.",
                        "The lamp has been automatic since 2012, but the keeper stayed on to look after the building.",
                    ],
                )
                .as_bytes(),
            )
            .unwrap();
            let mut r = reply("200 OK", html, z.finish().unwrap());
            r.headers.push(("Content-Encoding".into(), "gzip".into()));
            r
        }
        "/latin-header.html" => reply(
            "200 OK",
            "text/html; charset=ISO-8859-1",
            latin1(&page(
                "Le Petit Courrier",
                "Le café du port rouvre",
                "2030-06-07",
                &[
                    "Le café du port a rouvert ses portes samedi après deux mois de travaux.",
                    "La nouvelle terrasse compte douze tables face à la mer.",
                ],
            )
            .replace("<meta charset=\"utf-8\">", "")),
        ),
        "/latin-meta.html" => reply(
            "200 OK",
            "text/html",
            latin1(&page(
                "Der Kleine Bote",
                "Neue Bäckerei am Markt",
                "2030-06-08",
                &[
                    "Am Marktplatz hat am Montag eine neue Bäckerei eröffnet.",
                    "Die Inhaberin backt nach Rezepten ihrer Großmutter.",
                ],
            )
            .replace(
                "<meta charset=\"utf-8\">",
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
            )),
        ),
        "/slow.html" => {
            let mut r = reply("200 OK", html, bridge());
            r.delay = Duration::from_secs(4);
            r
        }
        "/big.html" => reply("200 OK", html, format!("<html><body><p>{}</p></body></html>", "word ".repeat(40_000))),
        "/report.pdf" => reply("200 OK", "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec()),
        "/photo" => reply("200 OK", "application/octet-stream", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        "/feed.rss" => reply(
            "200 OK",
            "application/rss+xml",
            r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Tern Gazette</title><link>/</link>
<description>Invented news</description>
<item><title>Bridge reopens after repairs</title><link>/bridge.html</link>
<pubDate>Tue, 04 Jun 2030 08:00:00 GMT</pubDate></item>
<item><title>Ferry fares rise</title><link>/ferry.html</link>
<pubDate>Wed, 05 Jun 2030 09:30:00 GMT</pubDate></item>
<item><title>Lost page</title><link>/missing</link></item>
</channel></rss>"#,
        ),
        "/feed.atom" => reply(
            "200 OK",
            "application/atom+xml",
            r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Heron Bay Herald</title><id>urn:heron</id>
<updated>2030-06-06T10:00:00Z</updated>
<entry><title>Lighthouse keeper retires</title><id>urn:heron:1</id>
<updated>2030-06-06T10:00:00Z</updated><link href="/gzip.html"/></entry>
</feed>"#,
        ),
        "/feed.json" => reply(
            "200 OK",
            "application/feed+json",
            r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Quiet \u001b]0;owned\u0007Times",
"items": [{"id": "1", "title": "Tide \u001b[2Jtables", "url": "/bridge.html",
"date_published": "2030-06-10T07:00:00Z"}]}"#,
        ),
        _ => reply("404 Not Found", "text/plain", "not here"),
    }
}

fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1 character"))
        .collect()
}

fn handle(mut s: TcpStream, hits: &AtomicUsize) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let accept_gzip = head
        .lines()
        .any(|l| l.starts_with("accept-encoding:") && l.contains("gzip"));
    assert!(
        head.lines().any(|l| l.starts_with("user-agent: diptych/")),
        "user agent: {head}"
    );
    let r = route(&path, accept_gzip, hits);
    std::thread::sleep(r.delay);
    let mut out = format!(
        "HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        r.status,
        r.body.len()
    );
    for (k, v) in &r.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let _ = s.write_all(out.as_bytes());
    let _ = s.write_all(&r.body);
}

/// Start the server; its address, e.g. `http://127.0.0.1:40123`.
fn serve() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let hits = Arc::new(AtomicUsize::new(0));
    std::thread::spawn(move || {
        for s in l.incoming().flatten() {
            let hits = hits.clone();
            std::thread::spawn(move || handle(s, &hits));
        }
    });
    format!("http://{addr}")
}

fn diptych(dir: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_diptych"));
    c.args(args).current_dir(dir);
    for v in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        c.env_remove(v);
    }
    c.env("NO_PROXY", "127.0.0.1,localhost");
    c.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every name in the folder, hidden ones and those in `.diptych-pages` included.
fn names(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_dir() {
            for f in std::fs::read_dir(e.path()).unwrap() {
                out.push(format!(
                    "{name}/{}",
                    f.unwrap().file_name().to_string_lossy()
                ));
            }
        } else {
            out.push(name);
        }
    }
    out.sort();
    out
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn a_page_is_saved_as_markdown_with_front_matter_and_its_raw_page() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("{base}/bridge.html");
    let o = diptych(dir.path(), &["add", &url]);
    assert!(o.status.success(), "{}", stderr(&o));
    let name = "2030-06-04-the-tern-gazette-bridge-reopens-after-repairs.md";
    assert_eq!(stdout(&o).trim(), name);
    assert_eq!(
        names(dir.path()),
        vec![
            format!(".diptych-pages/{}", name.replace(".md", ".html")),
            name.to_string()
        ]
    );
    let md = read(dir.path(), name);
    assert!(
        md.starts_with("---\ntitle: Bridge reopens after repairs\nsource: The Tern Gazette\n"),
        "{md}"
    );
    assert!(md.contains(&format!("url: {url}\n")), "{md}");
    assert!(
        md.contains("published: 2030-06-04T08:00:00Z\nauthor: Ila Brenn\nfetched: "),
        "{md}"
    );
    assert!(
        md.contains("\n# Bridge reopens after repairs\n\nThe old stone bridge"),
        "{md}"
    );
    assert!(!md.contains("All rights reserved"), "{md}");
    // The folder reads as a story, the hidden page folder ignored.
    let o = diptych(dir.path(), &["inspect", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("The Tern Gazette"));
    assert!(!stderr(&o).contains("skipped"), "{}", stderr(&o));
}

#[test]
fn an_address_already_saved_is_skipped_and_update_writes_over_it() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("{base}/ferry.html");
    let o = diptych(dir.path(), &["add", &url]);
    assert!(o.status.success(), "{}", stderr(&o));
    let name = stdout(&o).trim().to_string();
    assert!(read(dir.path(), &name).contains("by 3 per cent"));
    let o = diptych(dir.path(), &["add", &url]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("already saved as"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(names(dir.path()).len(), 2);
    let o = diptych(dir.path(), &["add", "--update", &url]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), name);
    assert_eq!(names(dir.path()).len(), 2);
    assert!(read(dir.path(), &name).contains("by 4 per cent"));
}

#[test]
fn redirects_are_followed_and_a_loop_is_named() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("story");
    std::fs::create_dir(&sub).unwrap();
    let o = diptych(
        dir.path(),
        &["add", "--to", "story", &format!("{base}/start")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("story/2030-06-04-the-tern-gazette-bridge"),
        "{}",
        stdout(&o)
    );
    // The page it ended at is the one already saved.
    let o = diptych(
        dir.path(),
        &["add", "--to", "story", &format!("{base}/bridge.html")],
    );
    assert!(stderr(&o).contains("already saved"), "{}", stderr(&o));
    let o = diptych(
        dir.path(),
        &["add", "--to", "story", &format!("{base}/start")],
    );
    assert!(stderr(&o).contains("already saved"), "{}", stderr(&o));
    let md = std::fs::read_dir(&sub)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.contains(&format!("url: {base}/bridge.html\n")), "{md}");

    let o = diptych(dir.path(), &["add", &format!("{base}/loop-a")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("redirect loop"), "{err}");
    assert_eq!(
        names(dir.path()),
        vec![
            "story/.diptych-pages",
            "story/2030-06-04-the-tern-gazette-bridge-reopens-after-repairs.md"
        ]
    );
}

#[test]
fn gzip_bodies_and_latin1_pages_are_decoded() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let o = diptych(
        dir.path(),
        &[
            "add",
            &format!("{base}/gzip.html"),
            &format!("{base}/latin-header.html"),
            &format!("{base}/latin-meta.html"),
            &format!("{base}/deflate.html"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let files: Vec<&str> = out.lines().collect();
    assert_eq!(files.len(), 4, "{out}");
    assert!(read(dir.path(), files[3]).contains("repainted the harbour wall"));
    assert!(read(dir.path(), files[0]).contains("After 31 years the keeper"));
    let fr = read(dir.path(), files[1]);
    assert!(fr.contains("Le café du port a rouvert"), "{fr}");
    assert!(fr.contains("title: Le café du port rouvre"), "{fr}");
    assert!(files[1].contains("le-café-du-port-rouvre"), "{}", files[1]);
    let de = read(dir.path(), files[2]);
    assert!(
        de.contains("eine neue Bäckerei eröffnet") && de.contains("Großmutter"),
        "{de}"
    );
}

fn assert_fails_cleanly(args: &[&str], dir: &Path, words: &str) {
    let before = names(dir);
    let o = diptych(dir, args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("diptych: error: "), "{err}");
    assert!(err.contains(words), "{args:?}: {err}");
    assert_eq!(stdout(&o), "");
    assert_eq!(names(dir), before, "{args:?} left files behind");
}

#[test]
fn every_failure_is_one_line_and_leaves_nothing_behind() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_fails_cleanly(&["add", &format!("{base}/missing")], d, "404 Not Found");
    assert_fails_cleanly(
        &["add", &format!("{base}/report.pdf")],
        d,
        "a PDF document (application/pdf)",
    );
    assert_fails_cleanly(&["add", &format!("{base}/photo")], d, "a PNG image");
    assert_fails_cleanly(
        &["add", "--max-size", "10000", &format!("{base}/big.html")],
        d,
        "over the 10000-byte limit",
    );
    assert_fails_cleanly(
        &["add", "www.example.test/page"],
        d,
        "not a valid web address",
    );
    // A port nothing listens on.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    assert_fails_cleanly(
        &["add", &format!("http://{closed}/")],
        d,
        "connection refused",
    );
    let started = Instant::now();
    assert_fails_cleanly(
        &["add", "--timeout", "0.5", &format!("{base}/slow.html")],
        d,
        "within 0.5 seconds",
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(names(d).is_empty(), "{:?}", names(d));
}

#[test]
fn a_failure_among_several_addresses_does_not_stop_the_others() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let o = diptych(
        dir.path(),
        &[
            "add",
            &format!("{base}/missing"),
            &format!("{base}/bridge.html"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1);
    assert!(stderr(&o).contains("404"));
}

#[test]
fn feeds_are_listed_and_their_entries_added() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let o = diptych(dir.path(), &["feed", &format!("{base}/feed.rss")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("  1  2030-06-04  The Tern Gazette — Bridge reopens after repairs"),
        "{out}"
    );
    assert!(out.contains(&format!("{base}/ferry.html")), "{out}");
    assert!(
        out.contains("  3  -           The Tern Gazette — Lost page"),
        "{out}"
    );
    assert!(names(dir.path()).is_empty());

    let o = diptych(
        dir.path(),
        &["feed", &format!("{base}/feed.rss"), "--add", "1", "2"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));

    let o = diptych(dir.path(), &["feed", &format!("{base}/feed.rss"), "--all"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("already saved").count(), 2, "{err}");
    assert!(err.contains("404"), "{err}");

    let o = diptych(
        dir.path(),
        &["feed", &format!("{base}/feed.rss"), "--add", "9"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no entry 9"), "{}", stderr(&o));

    let o = diptych(dir.path(), &["feed", &format!("{base}/feed.atom")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("  1  2030-06-06  Heron Bay Herald — Lighthouse keeper retires"),
        "{}",
        stdout(&o)
    );
    let o = diptych(dir.path(), &["feed", &format!("{base}/feed.atom"), "--all"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        names(dir.path())
            .iter()
            .filter(|n| n.ends_with(".md"))
            .count(),
        3
    );

    // Text from the network reaches the terminal only through the sanitiser.
    let o = diptych(dir.path(), &["feed", &format!("{base}/feed.json")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("  1  2030-06-10  Quiet"), "{out}");

    let o = diptych(dir.path(), &["feed", &format!("{base}/bridge.html")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not an RSS, Atom or JSON feed"),
        "{}",
        stderr(&o)
    );
}

/// `:add URL` in the reader, as a user types it: the page is fetched into the story's folder,
/// saved as Markdown, and opens in the focused pane.
#[test]
fn add_in_the_reader_fetches_into_the_story_and_opens_the_article() {
    if !common::have_tmux() {
        return;
    }
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "a.txt",
            "Harbour wall repaired\n\nThe harbour wall in Skerry was repaired over the winter.",
        ),
        (
            "b.txt",
            "Skerry wall work ends\n\nWork on the Skerry harbour wall ended in March, the port said.",
        ),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let env =
        "-u ALL_PROXY -u all_proxy -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy \
               NO_PROXY=127.0.0.1,localhost";
    let t = common::Tmux::start_env(
        "diptych-e2e-add",
        env,
        &dir.path().display().to_string(),
        tempfile::tempdir().unwrap(),
    );
    t.wait_aligned();
    t.keys(&[":", &format!("add {base}/bridge.html"), "Enter"]);
    let screen = t.wait_for("added ");
    let header = screen.lines().nth(1).unwrap_or("");
    assert!(
        header.contains("The Tern Gazette") || header.contains("Bridge reopens"),
        "the new article opens in the focused pane:\n{screen}"
    );
    let saved: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.ends_with(".md"))
        .collect();
    assert_eq!(saved.len(), 1, "{:?}", names(dir.path()));
    assert!(
        read(dir.path(), &saved[0]).contains("drainage channel"),
        "the article text is saved"
    );
    assert!(
        names(dir.path())
            .iter()
            .any(|n| n.starts_with(".diptych-pages/")),
        "the raw page is kept"
    );
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}
