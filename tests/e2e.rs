//! End to end: the real binary in a pseudo-terminal (tmux). Open the demo, scroll, jump to a
//! unique passage, switch source, open and close help, quit, and check the terminal is clean.
//! A story large enough to align for seconds shows its text at once and quits while aligning.

use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::{have_tmux, Tmux};

fn status_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("NORMAL"))
        .unwrap_or("")
        .to_string()
}

#[test]
fn reader_session_end_to_end() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("diptych-e2e-read", "");
    let first = t.wait_for("NORMAL");
    assert!(first.contains("diptych · demo · 5 sources"), "{first}");
    assert_eq!(t.display("#{alternate_on}"), "1");

    t.keys(&["j", "j"]);
    let s = t.wait_for("NORMAL");
    assert!(status_line(&s).contains("¶"), "{s}");

    // jumps to unique passages need the alignment, which comes after the text
    t.wait_aligned();
    t.keys(&["]", "u"]);
    let s = t.wait_for(" ◇ ");
    let topic = s.lines().nth(2).unwrap_or("");
    assert!(
        topic.contains("◇"),
        "the topic line says the passage is unique:\n{s}"
    );

    let header_before = t.capture().lines().nth(1).unwrap_or("").to_string();
    t.keys(&[">"]);
    std::thread::sleep(Duration::from_millis(300));
    let header_after = t.capture().lines().nth(1).unwrap_or("").to_string();
    assert_ne!(
        header_before, header_after,
        "> switched the focused pane's source"
    );

    t.keys(&["?"]);
    t.wait_for("keys — j/k scroll");
    t.keys(&["q"]);
    let t0 = Instant::now();
    while t.capture().contains("keys — j/k scroll") {
        assert!(t0.elapsed() < Duration::from_secs(5), "help did not close");
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["q"]);
    let s = t.wait_for("EXIT=0");
    assert!(
        !s.contains("NORMAL"),
        "the screen is restored after quitting:\n{s}"
    );
    assert_eq!(t.display("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(
        t.display("#{mouse_any_flag}"),
        "0",
        "mouse capture turned off"
    );
    assert_eq!(t.display("#{cursor_flag}"), "1", "cursor shown again");
}

#[test]
fn sigterm_restores_the_terminal() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("diptych-e2e-term", "assets/demo");
    t.wait_for("NORMAL");
    let pid = t.display("#{pane_pid}");
    // the pane runs bash, whose child is diptych
    let out = Command::new("pkill")
        .args(["-TERM", "-P", &pid, "diptych"])
        .status()
        .expect("pkill");
    assert!(out.success());
    let s = t.wait_for("EXIT=");
    assert!(!s.contains("NORMAL"), "{s}");
    assert_eq!(t.display("#{alternate_on}"), "0");
}

#[test]
fn bad_input_gives_one_clear_line() {
    let bin = env!("CARGO_BIN_EXE_diptych");
    let o = Command::new(bin).arg("no/such/dir").output().expect("run");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no/such/dir") && err.contains("no such file"),
        "{err}"
    );
}

#[test]
fn closing_the_terminal_ends_the_reader() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("diptych-e2e-hup", "assets/demo");
    t.wait_for("NORMAL");
    let pane = t.display("#{pane_pid}");
    let out = Command::new("pgrep")
        .args(["-P", &pane, "diptych"])
        .output()
        .expect("pgrep");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "diptych runs under the pane");
    let _ = Command::new("tmux")
        .args(["kill-session", "-t", &t.name])
        .status();
    let t0 = Instant::now();
    // the process must notice the hang-up and exit, not spin on a dead terminal
    while Command::new("kill")
        .args(["-0", &pid])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
    {
        assert!(
            t0.elapsed() < Duration::from_secs(5),
            "diptych {pid} still running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A story folder large enough that aligning it takes seconds in a debug build: `articles`
/// articles of `paras` paragraphs of invented words from one shared vocabulary.
fn big_story(dir: &std::path::Path, articles: usize, paras: usize) {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    const SYLLABLES: [&str; 18] = [
        "ka", "lo", "mer", "vin", "ta", "so", "ril", "dan", "be", "qu", "zor", "fel", "ni", "pra",
        "os", "tum", "ge", "hal",
    ];
    let vocab: Vec<String> = (0..3000)
        .map(|_| {
            let k = 2 + next(3);
            (0..k).map(|_| SYLLABLES[next(SYLLABLES.len())]).collect()
        })
        .collect();
    for a in 0..articles {
        let mut text = format!("Outlet {a:02} reports on the {} affair\n\n", vocab[a]);
        for _ in 0..paras {
            for _ in 0..2 {
                let n = 8 + next(5);
                let words: Vec<&str> = (0..n).map(|_| vocab[next(vocab.len())].as_str()).collect();
                let sentence = words.join(" ");
                let mut cs = sentence.chars();
                let first = cs.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
                text.push(first);
                text.push_str(cs.as_str());
                text.push_str(". ");
            }
            text.push_str("\n\n");
        }
        std::fs::write(dir.join(format!("outlet-{a:02}.txt")), text).expect("write article");
    }
}

#[test]
fn a_large_story_shows_text_at_once_and_quits_while_aligning() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("story dir");
    big_story(dir.path(), 16, 300);
    let t = Tmux::start("diptych-e2e-live", &format!("'{}'", dir.path().display()));
    // the text is there before the alignment is
    let s = t.wait_for("Outlet 00 reports on");
    assert!(
        s.contains("aligning "),
        "the story aligns for longer than it takes to show its text:\n{s}"
    );
    // input is live meanwhile
    t.keys(&["}"]);
    let s = t.wait_for("¶2/");
    assert!(s.contains("aligning "), "still aligning:\n{s}");
    t.keys(&["]", "t"]);
    t.wait_for("still aligning…");
    t.keys(&["q"]);
    let t0 = Instant::now();
    loop {
        let s = t.capture();
        if s.contains("EXIT=") {
            assert!(s.contains("EXIT=0"), "{s}");
            assert!(!s.contains("NORMAL"), "the screen is restored:\n{s}");
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_millis(1500),
            "q did not end the reader while it aligned:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(t.display("#{alternate_on}"), "0", "alternate screen left");
}
