//! End to end: the real binary in a pseudo-terminal (tmux). Open the demo, scroll, jump to a
//! unique passage, switch source, open and close help, quit, and check the terminal is clean.

use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    name: String,
    _home: tempfile::TempDir,
}

fn have_tmux() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tmux is required in CI"
        );
        eprintln!("notice: tmux not found, skipping end-to-end tests");
    }
    ok
}

impl Tmux {
    fn start(name: &str, args: &str) -> Tmux {
        let home = tempfile::tempdir().expect("home");
        let bin = env!("CARGO_BIN_EXE_diptych");
        let h = home.path().display();
        let cmd = format!(
            "env -u NO_COLOR HOME={h} XDG_CONFIG_HOME={h}/config XDG_DATA_HOME={h}/data TERM=xterm-256color {bin} {args}; echo EXIT=$?; sleep 60"
        );
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", name])
            .output();
        let st = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                "120",
                "-y",
                "36",
                "bash",
                "-c",
                &cmd,
            ])
            .status()
            .expect("tmux");
        assert!(st.success());
        Tmux {
            name: name.to_string(),
            _home: home,
        }
    }
    fn capture(&self) -> String {
        let o = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            Command::new("tmux")
                .args(["send-keys", "-t", &self.name, k])
                .status()
                .expect("send");
            std::thread::sleep(Duration::from_millis(60));
        }
    }
    fn wait_for(&self, what: &str) -> String {
        let t0 = Instant::now();
        loop {
            let c = self.capture();
            if c.contains(what) {
                return c;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what:?}; screen:\n{c}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    fn display(&self, fmt: &str) -> String {
        let o = Command::new("tmux")
            .args(["display", "-p", "-t", &self.name, fmt])
            .output()
            .expect("display");
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .output();
    }
}

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
