//! Export formats on the demo story with a fixed set of annotations (golden files), the W3C
//! model's MUSTs, a W3C round trip through import, CSV parsing back, Hypothesis import, and
//! clear errors for bad paths and existing files.

use diptych::align::StoryAlignment;
use diptych::annotate::anchor::Anchor;
use diptych::annotate::export::{self, Input};
use diptych::annotate::{import, Annotation, ArticleNotes, LinkRef, Relation};
use diptych::store::Story;
use std::path::Path;

fn story() -> Story {
    let mut s = Story::builtin_demo();
    // a story folder export groups Markdown by topic; the golden files use a folder-like root
    s.root = Some("assets/demo".into());
    s
}

fn range_of(s: &Story, file: &str, phrase: &str) -> (usize, std::ops::Range<usize>) {
    let i = s.find_source(file).expect(file);
    let a = &s.articles[i];
    let b = a.text.find(phrase).expect(phrase);
    let start = a.text[..b].chars().count();
    (i, start..start + phrase.chars().count())
}

/// A fixed set: a plain highlight, a note with tags, and a cross-article link.
fn fixture(s: &Story) -> Vec<ArticleNotes> {
    let mut notes = vec![ArticleNotes::default(); s.articles.len()];
    let t = "2031-03-05T10:00:00Z";
    let mut put = |(i, r): (usize, std::ops::Range<usize>),
                   id: &str,
                   color: u8,
                   f: &dyn Fn(&mut Annotation)| {
        let a = &s.articles[i];
        let mut ann = Annotation::new(id.into(), t, color, Anchor::new(a, r));
        f(&mut ann);
        notes[i].put(ann, &a.text, &a.text_hash);
    };
    let kpa = range_of(
        s,
        "kestria-press-agency.txt",
        "At least 40 people were killed",
    );
    let led = range_of(s, "harbour-ledger.md", "Thirty people died in the town");
    let kpa_id = s.articles[kpa.0].id.clone();
    let led_id = s.articles[led.0].id.clone();
    put(
        range_of(
            s,
            "northern-courier.txt",
            "Fishing cooperatives on the lower Orrin",
        ),
        "00000000-0000-4000-8000-000000000001",
        2,
        &|_| {},
    );
    put(
        range_of(
            s,
            "riverwatch-monitor.html",
            "70 percent of the delta's reed beds",
        ),
        "00000000-0000-4000-8000-000000000002",
        3,
        &|a| {
            a.note = "Only Riverwatch has the wetlands.\nCheck the institute's report.".into();
            a.tags = vec!["environment".into(), "unique".into()];
            a.modified = "2031-03-05T11:30:00Z".into();
        },
    );
    put(kpa, "00000000-0000-4000-8000-000000000003", 1, &|a| {
        a.links.push(LinkRef {
            relation: Relation::Contradicts,
            article: led_id.clone(),
            article_label: "demo/harbour-ledger.md".into(),
            annotation: "00000000-0000-4000-8000-000000000004".into(),
            extra: Default::default(),
        });
        a.note = "40 vs thirty".into();
    });
    put(led, "00000000-0000-4000-8000-000000000004", 1, &|a| {
        a.links.push(LinkRef {
            relation: Relation::Contradicts,
            article: kpa_id.clone(),
            article_label: "demo/kestria-press-agency.txt".into(),
            annotation: "00000000-0000-4000-8000-000000000003".into(),
            extra: Default::default(),
        });
    });
    notes
}

fn input<'a>(s: &'a Story, al: &'a StoryAlignment, notes: &'a [ArticleNotes]) -> Input<'a> {
    let idx = |f: &str| s.find_source(f).expect(f);
    Input {
        story: s,
        al,
        notes,
        pair: (idx("kestria-press-agency.txt"), idx("harbour-ledger.md")),
        by_topic: true,
        now: "2031-03-06T09:00:00Z".into(),
    }
}

fn golden(name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::write(&path, got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing golden file {name}; run with UPDATE_GOLDEN=1"));
    assert!(
        want == got,
        "{name} differs from the golden file; diff it or run with UPDATE_GOLDEN=1 after checking"
    );
}

#[test]
fn golden_files_for_every_format() {
    let s = story();
    let al = StoryAlignment::build(&s.articles, |_, _| {});
    let notes = fixture(&s);
    let inp = input(&s, &al, &notes);
    for (fmt, file) in [
        ("md", "demo.md"),
        ("w3c", "demo.w3c.jsonld"),
        ("csv", "demo.csv"),
        ("html", "demo.html"),
    ] {
        golden(file, &export::render(&inp, fmt).expect(fmt));
    }
}

#[test]
fn written_exports_match_the_golden_files() {
    // the HTML report is written a row at a time, each piece sanitised on its own: the bytes
    // are those of the whole report; a writer that fails is an error, not a short file
    let s = story();
    let al = StoryAlignment::build(&s.articles, |_, _| {});
    let notes = fixture(&s);
    let inp = input(&s, &al, &notes);
    for (fmt, file) in [("md", "demo.md"), ("html", "demo.html")] {
        let mut out: Vec<u8> = Vec::new();
        export::render_to(&inp, fmt, &mut out).expect(fmt);
        golden(file, &String::from_utf8(out).expect("utf-8"));
    }
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let err = export::render_to(&inp, "html", &mut Full).expect_err("a full disk");
    assert_eq!(err.to_string(), "disk full");
    let err = export::render_to(&inp, "pdf", &mut Vec::new()).expect_err("no such format");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn an_exported_file_is_a_file_like_any_other() {
    // written beside the target and moved over it, it gets the permissions any new file gets,
    // and replaces an older export only with --force
    let s = story();
    let al = StoryAlignment::build(&s.articles, |_, _| {});
    let notes = fixture(&s);
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "x").expect("write");
    let path = dir.path().join("report.html");
    export::export_to_file(&s, &al, &notes, None, "html", &path, false).expect("export");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.starts_with("<!DOCTYPE html>") && text.ends_with("</body></html>\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode();
        assert_eq!(mode(&path) & 0o777, mode(&plain) & 0o777);
    }
    assert!(export::export_to_file(&s, &al, &notes, None, "md", &path, false).is_err());
    export::export_to_file(&s, &al, &notes, None, "md", &path, true).expect("forced");
    assert!(std::fs::read_to_string(&path)
        .expect("read")
        .starts_with("---\n"));
    // nothing is left beside it
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
}

#[test]
fn markdown_reads_well_in_notes_apps() {
    let s = story();
    let al = StoryAlignment::build(&s.articles, |_, _| {});
    let notes = fixture(&s);
    let md = export::markdown(&input(&s, &al, &notes));
    assert!(md.starts_with("---\nstory: \"demo\"\n"));
    assert!(md.contains("exported: 2031-03-06T09:00:00Z"));
    assert!(md.contains("> At least 40 people were killed"));
    assert!(md.contains("#environment #unique"));
    assert!(md.contains("- contradicts → [The Harbour Ledger] “Thirty people died in the town”"));
    assert!(md.contains("## Topic: "));
}

#[test]
fn w3c_follows_the_model() {
    let s = story();
    let al = StoryAlignment::build(&s.articles, |_, _| {});
    let notes = fixture(&s);
    let v = export::w3c(&input(&s, &al, &notes));
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().expect("items");
    assert_eq!(v["total"], items.len());
    assert_eq!(v["first"]["type"], "AnnotationPage");
    assert!(v["id"].as_str().is_some_and(|i| i.contains(':')));
    for it in items {
        // MUST: id (an IRI), type Annotation, a target
        assert!(it["id"]
            .as_str()
            .is_some_and(|i| i.starts_with("urn:uuid:")));
        assert_eq!(it["type"], "Annotation");
        let target = &it["target"];
        assert!(target["source"].as_str().is_some_and(|x| x.contains(':')));
        let sels = target["selector"].as_array().expect("selectors");
        let q = sels
            .iter()
            .find(|x| x["type"] == "TextQuoteSelector")
            .expect("quote selector");
        assert!(q["exact"].as_str().is_some_and(|e| !e.is_empty()));
        let p = sels
            .iter()
            .find(|x| x["type"] == "TextPositionSelector")
            .expect("position selector");
        assert!(p["start"].as_u64() < p["end"].as_u64());
        for k in ["created", "modified"] {
            assert!(
                it[k].as_str().is_some_and(|t| t.ends_with('Z')),
                "{k} in UTC with Z"
            );
        }
        assert!(["highlighting", "commenting", "linking", "tagging"]
            .contains(&it["motivation"].as_str().unwrap_or("")));
        assert_eq!(it["stylesheet"]["type"], "CssStylesheet");
        let class = target["styleClass"].as_str().expect("styleClass");
        assert!(it["stylesheet"]["value"]
            .as_str()
            .is_some_and(|css| css.contains(&format!(".{class} "))));
        for b in it["body"].as_array().into_iter().flatten() {
            match b["type"].as_str() {
                Some("TextualBody") => assert!(
                    b["value"].is_string()
                        && ["commenting", "tagging"].contains(&b["purpose"].as_str().unwrap_or(""))
                ),
                Some("SpecificResource") => {
                    assert_eq!(b["purpose"], "linking");
                    assert!(b["source"].is_string());
                }
                other => panic!("unexpected body type {other:?}"),
            }
        }
    }
    let with_note = items
        .iter()
        .find(|i| i["motivation"] == "commenting")
        .expect("note");
    assert!(with_note["body"]
        .as_array()
        .is_some_and(|b| b.iter().any(|x| x["purpose"] == "commenting")));
}

#[test]
fn w3c_round_trip_through_import() {
    let s = story();
    let al = StoryAlignment::build(&s.articles, |_, _| {});
    let notes = fixture(&s);
    let v = export::w3c(&input(&s, &al, &notes));
    let mut fresh = vec![ArticleNotes::default(); s.articles.len()];
    let rep = import::import(&v, &s, &mut fresh, "2031-03-07T00:00:00Z").expect("import");
    assert_eq!(
        (
            rep.added,
            rep.duplicates,
            rep.unmatched.len(),
            rep.orphans.len()
        ),
        (4, 0, 0, 0)
    );
    for (a, b) in notes.iter().zip(&fresh) {
        let mut x: Vec<&Annotation> = a.live().map(|p| p.1).collect();
        let mut y: Vec<&Annotation> = b.live().map(|p| p.1).collect();
        x.sort_by(|p, q| p.id.cmp(&q.id));
        y.sort_by(|p, q| p.id.cmp(&q.id));
        assert_eq!(x, y);
    }
    // importing again only finds duplicates
    let rep = import::import(&v, &s, &mut fresh, "2031-03-07T00:00:00Z").expect("import");
    assert_eq!((rep.added, rep.duplicates), (0, 4));
}

#[test]
fn csv_parses_back() {
    let s = story();
    let al = StoryAlignment::build(&s.articles, |_, _| {});
    let notes = fixture(&s);
    let text = export::csv(&input(&s, &al, &notes)).expect("csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        headers,
        [
            "Highlight",
            "Title",
            "Author",
            "URL",
            "Note",
            "Location",
            "Date",
            "Tags",
            "Color",
            "Outlet"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 4);
    let multi = rows
        .iter()
        .find(|x| x[4].contains('\n'))
        .expect("a note with a line break survives quoting");
    assert_eq!(&multi[7], "environment, unique");
    assert_eq!(&multi[9], "Riverwatch Monitor");
}

#[test]
fn html_report_is_self_contained() {
    let s = story();
    let al = StoryAlignment::build(&s.articles, |_, _| {});
    let notes = fixture(&s);
    let h = export::html(&input(&s, &al, &notes));
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(
        !h.contains("<script") && !h.contains("<link") && !h.contains("src=\"http"),
        "no outside resources"
    );
    assert!(h.contains("@media print"));
    assert!(h.contains("class=\"conflict\""), "discrepancies flagged");
    assert!(h.contains("only in KPA"), "unique passages marked");
    assert!(h.contains("<mark class=\"hl hl-1\""), "highlights in color");
    assert!(h.contains("<aside class=\"note"), "notes beside the text");
    // nothing is dropped: an annotation on an article outside the pair has its own section
    assert!(h.contains("Annotations in the other articles"), "{h}");
    assert!(
        h.contains("Fishing cooperatives on the lower Orrin"),
        "the Northern Courier highlight is in the report"
    );
    let plain: String = h
        .split('<')
        .map(|piece| piece.split_once('>').map_or(piece, |(_, text)| text))
        .collect::<String>()
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    for n in &notes {
        for (_, a) in n.live() {
            assert!(
                plain.contains(&a.target.quote),
                "{:?} is in the report",
                a.target.quote
            );
        }
    }
    // balanced marks
    assert_eq!(h.matches("<mark").count(), h.matches("</mark>").count());
    assert_eq!(
        h.matches("<span class=\"conflict\">").count()
            + h.matches("<span class=\"badge\">").count()
            + h.matches("<span class=\"meta\">").count()
            + h.matches("<span class=\"tag\">").count(),
        h.matches("</span>").count()
    );
}

#[test]
fn hypothesis_export_imports() {
    let s = story();
    let a = s
        .articles
        .iter()
        .find(|a| a.label.ends_with("dovland-today.txt"))
        .expect("dt");
    let doc = serde_json::json!([
        {
            "id": "hyp-1", "created": "2031-03-05T12:00:00.000+01:00", "updated": "2031-03-05T12:30:00+01:00",
            "uri": "https://example.org/not-in-story", "text": "protest size", "tags": ["protest"],
            "target": [{"source": "https://example.org/not-in-story", "selector": [
                {"type": "TextQuoteSelector", "exact": "About 300 people stood in the rain", "prefix": "", "suffix": ""}]}]
        },
        {
            "id": "hyp-2", "uri": "https://example.org/elsewhere", "text": "",
            "target": [{"source": "https://example.org/elsewhere", "selector": [
                {"type": "TextQuoteSelector", "exact": "words that are in no article of this story at all"}]}]
        }
    ]);
    let mut notes = vec![ArticleNotes::default(); s.articles.len()];
    let rep = import::import(&doc, &s, &mut notes, "2031-03-07T00:00:00Z").expect("import");
    assert_eq!(rep.added, 1, "matched by its quote");
    assert_eq!(rep.unmatched.len(), 1);
    let i = s.articles.iter().position(|x| x.id == a.id).expect("i");
    let got = notes[i].get("hyp-1").expect("imported");
    assert_eq!(got.note, "protest size");
    assert_eq!(got.tags, ["protest"]);
    assert_eq!(got.created, "2031-03-05T11:00:00.000000Z");
}

#[test]
fn cli_errors_are_one_clear_line() {
    let bin = env!("CARGO_BIN_EXE_diptych");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .output()
            .expect("run")
    };
    let o = run(&["export", "no/such/story", "--format", "md"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no/such/story"));

    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("x.md");
    std::fs::write(&out, "keep me").expect("w");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let o = run(&[
        "export",
        demo.to_str().expect("p"),
        "--format",
        "md",
        "-o",
        out.to_str().expect("p"),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&out).expect("r"), "keep me");
    // the output is checked before any article is read or aligned
    let o = run(&[
        "export",
        "no/such/article.txt",
        "no/such/other.txt",
        "--format",
        "md",
        "-o",
        out.to_str().expect("p"),
    ]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("already exists"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let o = run(&[
        "export",
        demo.to_str().expect("p"),
        "--format",
        "csv",
        "-o",
        "/nonexistent-dir/x.csv",
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent-dir/x.csv"));

    let o = run(&["export", demo.to_str().expect("p"), "--format", "pdf"]);
    assert!(!o.status.success());
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, "{ nope").expect("w");
    let o = run(&[
        "import",
        bad.to_str().expect("p"),
        demo.to_str().expect("p"),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("invalid JSON"));
}
