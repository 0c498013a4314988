//! End to end in a pseudo-terminal: highlight, note, quit, check the sidecar, reopen and see
//! it; and kill -9 while annotating never leaves a broken or short sidecar.

mod common;
use common::{have_tmux, Tmux};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn copy_demo(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    std::fs::create_dir_all(to).expect("mkdir");
    // Articles only: a sidecar, .bak or lock left in the demo by trying the reader must not
    // leak into a test.
    for e in std::fs::read_dir(from).expect("demo").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.contains(".diptych.json") || !e.path().is_file() {
            continue;
        }
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}

fn sidecars(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".diptych.json"))
        .collect();
    v.sort();
    v
}

fn count_live(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).expect("read sidecar");
    let v: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: invalid JSON: {e}\n{text}", path.display()));
    v["annotations"]
        .as_array()
        .map(|a| a.iter().filter(|x| x.get("deleted").is_none()).count())
        .unwrap_or(0)
}

#[test]
fn highlight_note_quit_reopen() {
    if !have_tmux() {
        return;
    }
    let work = tempfile::tempdir().expect("tmp");
    let story = work.path().join("story");
    copy_demo(&story);
    let home = tempfile::tempdir().expect("home");
    let home_path = home.path().to_path_buf();
    let t = Tmux::start_in("diptych-e2e-notes", &story.display().to_string(), home);
    t.wait_for("NORMAL");
    t.keys(&[")", "H"]);
    t.wait_for("saved (1 annotation in");
    t.keys(&["a"]);
    t.wait_for("note ·");
    for k in ["C", "h", "e", "c", "k", " ", "t", "h", "i", "s"] {
        t.keys(&[k]);
    }
    t.keys(&["C-s"]);
    t.wait_for("note saved");
    std::thread::sleep(Duration::from_millis(600));
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let files = sidecars(&story);
    assert_eq!(files.len(), 1, "{files:?}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).expect("read")).expect("json");
    assert_eq!(v["version"], 1);
    let a = &v["annotations"][0];
    assert_eq!(a["note"], "Check this");
    assert!(a["created"].as_str().is_some_and(|c| c.ends_with('Z')));
    assert!(a["target"]["quote"].as_str().is_some_and(|q| !q.is_empty()));
    drop(t);

    // reopen: the note marker is on screen beside the passage
    let home2 = tempfile::TempDir::new().expect("home2");
    // keep the same remembered pair by copying the data dir
    let _ = Command::new("cp")
        .args([
            "-r",
            &format!("{}/.", home_path.display()),
            &home2.path().display().to_string(),
        ])
        .status();
    let t = Tmux::start_in("diptych-e2e-notes2", &story.display().to_string(), home2);
    let s = t.wait_for("NORMAL");
    assert!(
        s.contains('✎'),
        "the note marker shows after reopening:\n{s}"
    );
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn kill_9_while_annotating_keeps_valid_sidecars() {
    if !have_tmux() {
        return;
    }
    kill_rounds(4);
}

/// Many more kill rounds than `cargo test` runs: `tests/soak.sh` runs this one.
#[test]
#[ignore]
fn kill_9_soak() {
    if !have_tmux() {
        return;
    }
    let rounds = std::env::var("DIPTYCH_KILL_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    kill_rounds(rounds);
}

/// Start the reader, highlight, and kill it with SIGKILL at varying moments, `rounds` times:
/// every highlight the status line acknowledged must be on disk, in a valid sidecar.
fn kill_rounds(rounds: usize) {
    let work = tempfile::tempdir().expect("tmp");
    // A fresh copy of the story every few rounds, so every highlight falls on a new sentence.
    const PER_STORY: usize = 4;
    let mut story = work.path().join("story");
    let mut acknowledged = 0usize;
    let mut total = 0usize;
    for round in 0..rounds {
        let r = round % PER_STORY;
        if r == 0 {
            total += acknowledged;
            acknowledged = 0;
            story = work.path().join(format!("story{round}"));
            copy_demo(&story);
        }
        let name = format!("diptych-e2e-kill{}-{round}", std::process::id());
        let t = Tmux::start(&name, &story.display().to_string());
        t.wait_for("NORMAL");
        // one sentence further each round, so every highlight is new
        for _ in 0..(r * 3) {
            t.keys(&[")"]);
        }
        for i in 0..3 {
            t.keys(&[")", "H"]);
            if i < 2 {
                let want = format!("saved ({} annotation", acknowledged + 1);
                t.wait_for(&want);
                acknowledged += 1;
            } else {
                // the last one may or may not be saved when the kill lands
                std::thread::sleep(Duration::from_millis(40 + 70 * (round % 7) as u64));
            }
        }
        let pid = t.display("#{pane_pid}");
        let st = Command::new("pkill")
            .args(["-KILL", "-P", &pid, "diptych"])
            .status()
            .expect("pkill");
        assert!(st.success());
        t.wait_for("EXIT=137");
        let files = sidecars(&story);
        assert_eq!(files.len(), 1, "{files:?}");
        let n = count_live(&files[0]);
        assert!(
            n >= acknowledged,
            "round {round}: {n} on disk, {acknowledged} acknowledged"
        );
        acknowledged = n;
        // no temp files left where a reader would see them as sidecars
        for f in std::fs::read_dir(&story).expect("dir").flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            assert!(name.starts_with('.') || !name.ends_with(".tmp"), "{name}");
        }
    }
    total += acknowledged;
    assert!(
        total >= 2 * rounds,
        "{total} highlights kept over {rounds} rounds"
    );
    println!("{rounds} kill rounds: {total} highlights on disk, none lost");
}

#[test]
fn quick_changes_in_one_second_all_reach_the_sidecar() {
    if !have_tmux() {
        return;
    }
    let work = tempfile::tempdir().expect("tmp");
    let story = work.path().join("story");
    copy_demo(&story);
    let t = Tmux::start("diptych-e2e-quick", &story.display().to_string());
    t.wait_for("NORMAL");
    // highlight, then recolor twice, each change saved a moment after the one before (within
    // the same second, mostly); then a second highlight deleted straight away
    t.keys(&[")", "H"]);
    t.wait_for("saved (1 annotation");
    for k in ["2", "4"] {
        t.keys(&[k]);
        std::thread::sleep(Duration::from_millis(300));
    }
    t.keys(&[")", "H", "d"]);
    std::thread::sleep(Duration::from_millis(400));
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let files = sidecars(&story);
    assert_eq!(files.len(), 1, "{files:?}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).expect("read")).expect("json");
    let anns = v["annotations"].as_array().expect("list");
    let live: Vec<&serde_json::Value> =
        anns.iter().filter(|a| a.get("deleted").is_none()).collect();
    assert_eq!(live.len(), 1, "{anns:?}");
    assert_eq!(live[0]["color"], 4, "the last recolor is on disk");
    assert_eq!(
        anns.len(),
        2,
        "the deletion is on disk as a tombstone: {anns:?}"
    );
    // nothing but the sidecar and its .bak is left in the folder
    for f in std::fs::read_dir(&story).expect("dir").flatten() {
        let name = f.file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".lock"), "{name}");
    }
}

/// Two readers on one story, highlighting in the same article in quick alternation: every
/// highlight of both ends up in the sidecar. `tests/soak.sh` runs it.
#[test]
#[ignore]
fn two_readers_interleaving_quickly_lose_nothing() {
    if !have_tmux() {
        return;
    }
    let work = tempfile::tempdir().expect("tmp");
    let story = work.path().join("story");
    copy_demo(&story);
    let dir = story.display().to_string();
    let a = Tmux::start(&format!("diptych-e2e-two-a{}", std::process::id()), &dir);
    let b = Tmux::start(&format!("diptych-e2e-two-b{}", std::process::id()), &dir);
    a.wait_for("NORMAL");
    b.wait_for("NORMAL");
    // the second reader works further down the same article (of 15 sentences)
    const EACH: usize = 4;
    for _ in 0..EACH + 3 {
        b.keys(&[")"]);
    }
    for _ in 0..EACH {
        a.keys(&[")", "H"]);
        b.keys(&[")", "H"]);
    }
    std::thread::sleep(Duration::from_millis(800));
    a.keys(&["q"]);
    b.keys(&["q"]);
    a.wait_for("EXIT=0");
    b.wait_for("EXIT=0");
    let files = sidecars(&story);
    assert_eq!(files.len(), 1, "{files:?}");
    let n = count_live(&files[0]);
    assert_eq!(n, 2 * EACH, "every highlight of both readers is on disk");
    println!("two readers: {n} of {} highlights on disk", 2 * EACH);
}
