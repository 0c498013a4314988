//! The subcommands as a user runs them: the real binary, real files, stdout/stderr and exit
//! codes.

use std::path::Path;
use std::process::{Command, Output};

fn diptych(cwd: &Path, args: &[&str]) -> Output {
    let home = cwd.join(".home");
    Command::new(env!("CARGO_BIN_EXE_diptych"))
        .args(args)
        .current_dir(cwd)
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .expect("run diptych")
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

#[test]
fn import_without_a_folder_uses_the_files_its_sources_name() {
    let story = tempfile::tempdir().expect("story");
    let article = story.path().join("report one.txt");
    std::fs::write(
        &article,
        "Dam talks resume\n\nThe two governments met again on Monday to discuss the dam.\n",
    )
    .expect("article");
    let iri = format!(
        "file://{}",
        article.display().to_string().replace(' ', "%20")
    );
    let doc = serde_json::json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
        "body": {"type": "TextualBody", "value": "check the date", "purpose": "commenting"},
        "target": {"source": iri, "selector": [
            {"type": "TextQuoteSelector", "exact": "met again on Monday"}
        ]}
    });
    // run from another folder, with no folder argument
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let file = elsewhere.path().join("notes.json");
    std::fs::write(&file, doc.to_string()).expect("doc");
    let o = diptych(elsewhere.path(), &["import", "notes.json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.starts_with("imported 1 annotation into 1 article;"),
        "{out}"
    );
    let sidecar = story.path().join("report one.txt.diptych.json");
    let saved = std::fs::read_to_string(&sidecar).expect("sidecar beside the article");
    assert!(saved.contains("check the date"), "{saved}");
}

#[test]
fn story_reports_skipped_files() {
    let story = tempfile::tempdir().expect("story");
    for (name, body) in [
        (
            "a.txt",
            "Dam deal signed\n\nThe dam deal was signed in Port Arden on Monday.\n",
        ),
        (
            "b.txt",
            "Port Arden deal\n\nOfficials signed the dam agreement on Monday.\n",
        ),
    ] {
        std::fs::write(story.path().join(name), body).expect("write");
    }
    std::fs::write(story.path().join("c.txt"), [0u8, 1, 2, 3, 0, 159, 146, 150]).expect("bin");
    let o = diptych(story.path(), &["story", "."]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("skipped") && err.contains("c.txt"), "{err}");
}

#[test]
fn paragraph_numbers_people_read_count_from_one() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let cwd = tempfile::tempdir().expect("cwd");
    let d = demo.display().to_string();
    let o = diptych(cwd.path(), &["story", &d]);
    let out = text(&o.stdout);
    assert!(out.contains("¶1") && !out.contains("¶0"), "{out}");
    let a = demo.join("kestria-press-agency.txt").display().to_string();
    let b = demo.join("harbour-ledger.md").display().to_string();
    let o = diptych(cwd.path(), &["align", &a, &b]);
    let out = text(&o.stdout);
    assert!(!out.contains(" L0 ") && !out.contains(" R0 "), "{out}");
    // JSON keeps its documented 0-based index
    let o = diptych(cwd.path(), &["align", "--format", "json", &a, &b]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let links = v["links"].as_array().expect("links");
    assert!(
        links.iter().any(|l| l["left"] == 0 || l["right"] == 0),
        "{v}"
    );
}

#[test]
fn a_binary_file_named_directly_is_called_binary() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("photo.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0],
    )
    .expect("w");
    let o = diptych(dir.path(), &["inspect", "photo.txt"]);
    assert!(!o.status.success());
    let err = text(&o.stderr);
    assert!(err.contains("binary file"), "{err}");
    assert!(!err.contains("no articles found"), "{err}");
}

#[test]
fn text_from_stdin_has_the_outlet_stdin() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_diptych"))
        .args(["inspect", "--format", "json", "-"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"talks resumed on monday after a long pause in the capital.\n")
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let articles = v["articles"]
        .as_array()
        .or_else(|| v.as_array())
        .expect("list");
    assert_eq!(articles[0]["source"], "stdin", "{v}");
}

#[test]
fn story_figures_lists_conflicts_first() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let cwd = tempfile::tempdir().expect("cwd");
    let d = demo.display().to_string();
    let o = diptych(cwd.path(), &["story", &d, "--figures"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains(" — ")).skip(1).collect();
    // conflicts first, each naming the outlets and their values
    assert!(lines[0].starts_with("! "), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("! people killed") && l.contains("The Harbour Ledger Thirty")),
        "{out}"
    );
    let first_plain = lines
        .iter()
        .position(|l| !l.starts_with('!'))
        .expect("rows");
    assert!(
        lines[first_plain..].iter().all(|l| !l.starts_with('!')),
        "{out}"
    );

    let o = diptych(cwd.path(), &["story", &d, "--figures", "--format", "json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let rows = v["figures"].as_array().expect("rows");
    assert_eq!(rows[0]["conflict"], true);
    let killed = rows
        .iter()
        .find(|r| r["label"] == "people killed")
        .expect("people killed");
    let values = killed["values"].as_array().expect("values");
    assert_eq!(values.len(), 5);
    assert!(values.iter().any(|x| x["value"] == "Thirty"));
    // only the sources that give a figure are listed; the story's sources are given once
    assert_eq!(v["sources"].as_array().map(Vec::len), Some(5));
    let evacuated = rows
        .iter()
        .find(|r| r["label"] == "residents evacuated")
        .expect("residents evacuated");
    let values = evacuated["values"].as_array().expect("values");
    assert_eq!(values.len(), 3, "{values:?}");
    assert!(values.iter().all(|x| x["value"].is_string()), "{values:?}");
}

/// A story of many short records: `story` and `story --figures` name, per row, only the sources
/// that have something, so the output grows with what the articles say, not with topics ×
/// sources.
#[test]
fn a_story_of_many_sources_lists_instead_of_tabulating() {
    let dir = tempfile::tempdir().expect("dir");
    let story = dir.path().join("wire");
    std::fs::create_dir(&story).expect("story");
    let mut lines = String::new();
    for i in 0..60 {
        let (what, n) = if i % 2 == 0 {
            ("The river flooded the lower town", 40 + i % 4)
        } else {
            ("Crews cleared the harbour road", 12)
        };
        let rec = serde_json::json!({
            "title": format!("Bulletin {i}"),
            "source": format!("Desk {i}"),
            "text": format!("{what} on Sunday. Officials said {n} people were evacuated from the old quarter."),
        });
        lines.push_str(&rec.to_string());
        lines.push('\n');
    }
    std::fs::write(story.join("bulletins.jsonl"), lines).expect("records");
    let o = diptych(dir.path(), &["story", "wire"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("(60 sources: each topic lists the sources that cover it instead of a table)"),
        "{out}"
    );
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(!out.contains(" · ·"), "no empty cells: {out}");
    assert!(out.contains("Desk 59"), "{out}");
    let o = diptych(dir.path(), &["story", "wire", "--format", "json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let topics = v["topics"].as_array().expect("topics");
    assert!(!topics.is_empty(), "{v}");
    for t in topics {
        let cov = t["coverage"].as_array().expect("coverage");
        assert_eq!(
            cov.len(),
            t["sources"].as_array().map_or(0, Vec::len),
            "{t}"
        );
        assert!(cov
            .iter()
            .all(|c| c["paragraphs"].as_array().is_some_and(|p| !p.is_empty())));
    }
    let o = diptych(dir.path(), &["story", "wire", "--figures"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let figs = text(&o.stdout);
    assert!(
        figs.contains("(60 sources: each row names only the sources that give a figure)"),
        "{figs}"
    );
    assert!(
        !figs.contains(" —  ·") && !figs.contains("Desk 1 —"),
        "{figs}"
    );
    assert!(widest < 60 * 8, "a row per topic, not a table: {widest}");
}

#[test]
fn max_size_takes_units_before_or_after_the_command() {
    let dir = tempfile::tempdir().expect("dir");
    let article = dir.path().join("long.txt");
    let body = "The river rose again on Monday. ".repeat(100);
    std::fs::write(&article, format!("Flood report\n\n{body}\n")).expect("article");
    let path = article.to_string_lossy().into_owned();
    // 1K refuses a 3 KB file, wherever the option stands
    for args in [
        vec!["--max-size", "1K", "inspect", path.as_str()],
        vec!["inspect", "--max-size", "1k", path.as_str()],
        vec!["inspect", "--max-size", "1024", path.as_str()],
    ] {
        let o = diptych(dir.path(), &args);
        assert!(!o.status.success(), "{args:?}");
        assert!(
            text(&o.stderr).contains("over the 1024-byte limit"),
            "{}",
            text(&o.stderr)
        );
    }
    // and a larger size lets it through
    for args in [
        vec!["--max-size", "4KiB", "inspect", path.as_str()],
        vec!["inspect", "--max-size", "1M", path.as_str()],
    ] {
        let o = diptych(dir.path(), &args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        assert!(text(&o.stdout).contains("Flood report"));
    }
    // a size that is no size says so
    let o = diptych(
        dir.path(),
        &["inspect", "--max-size", "lots", path.as_str()],
    );
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("'lots' is not a size"),
        "{}",
        text(&o.stderr)
    );
}
