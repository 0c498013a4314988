//! Running the real binary in tmux for end-to-end tests.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub name: String,
    pub home: tempfile::TempDir,
}

pub fn have_tmux() -> bool {
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
    pub fn start(name: &str, args: &str) -> Tmux {
        Tmux::start_in(name, args, tempfile::tempdir().expect("home"))
    }

    /// Start the binary with HOME (config, data) in `home`.
    pub fn start_in(name: &str, args: &str, home: tempfile::TempDir) -> Tmux {
        Tmux::start_env(name, "", args, home)
    }

    /// Start the binary with HOME in `home` and `env` (words for env(1): `-u VAR`,
    /// `VAR=value`) added to its environment.
    pub fn start_env(name: &str, env: &str, args: &str, home: tempfile::TempDir) -> Tmux {
        let bin = env!("CARGO_BIN_EXE_diptych");
        let h = home.path().display();
        let cmd = format!(
            "env -u NO_COLOR {env} HOME={h} XDG_CONFIG_HOME={h}/config XDG_DATA_HOME={h}/data TERM=xterm-256color {bin} {args}; echo EXIT=$?; sleep 60"
        );
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", name])
            .output();
        // When the last session has just been killed, the tmux server may still be exiting and
        // refuse the new session ("server exited unexpectedly"): try again shortly.
        let started = (0..5).any(|attempt| {
            if attempt > 0 {
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
            Command::new("tmux")
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
                .expect("tmux")
                .success()
        });
        assert!(started, "tmux did not start session {name}");
        Tmux {
            name: name.to_string(),
            home,
        }
    }
    pub fn capture(&self) -> String {
        let o = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            Command::new("tmux")
                .args(["send-keys", "-t", &self.name, k])
                .status()
                .expect("send");
            std::thread::sleep(Duration::from_millis(60));
        }
    }
    pub fn wait_for(&self, what: &str) -> String {
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
    /// Wait until the reader's alignment has landed (the header no longer shows its progress).
    pub fn wait_aligned(&self) -> String {
        let t0 = Instant::now();
        loop {
            let c = self.capture();
            let header = c.lines().next().unwrap_or("");
            if c.contains("NORMAL") && !header.contains("aligning ") {
                assert!(!c.contains("alignment failed"), "{c}");
                return c;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "timed out waiting for the alignment; screen:\n{c}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    pub fn display(&self, fmt: &str) -> String {
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
