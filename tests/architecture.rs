//! The core (store, align, annotate, app) must stay free of terminal types, and dependencies
//! point one way: commands → cli → config → ui → app → core, never back.

use std::path::Path;

/// Lines of the Rust files under `path` (a folder or one file) that mention any of `needles`.
fn find(path: &Path, needles: &[&str], bad: &mut Vec<String>) {
    if path.is_dir() {
        let Ok(rd) = std::fs::read_dir(path) else {
            return;
        };
        for e in rd.flatten() {
            find(&e.path(), needles, bad);
        }
    } else if path.extension().is_some_and(|x| x == "rs") {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if needles.iter().any(|n| line.contains(n)) {
                bad.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
}

fn scan(dir: &Path, bad: &mut Vec<String>) {
    find(
        dir,
        &["ratatui::", "crossterm::", "use ratatui", "use crossterm"],
        bad,
    );
}

#[test]
fn dependencies_point_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    // config knows nothing of the command line; ui nothing of config, cli or commands; the
    // core nothing of any of them.
    find(
        &root.join("config.rs"),
        &["crate::cli", "crate::commands"],
        &mut bad,
    );
    find(
        &root.join("ui"),
        &[
            "crate::cli",
            "crate::config",
            "crate::commands",
            "crate::tui",
        ],
        &mut bad,
    );
    for d in ["store", "align", "annotate", "app"] {
        find(
            &root.join(d),
            &[
                "crate::cli",
                "crate::config",
                "crate::commands",
                "crate::tui",
                "crate::ui",
            ],
            &mut bad,
        );
    }
    assert!(
        bad.is_empty(),
        "dependencies pointing back:\n{}",
        bad.join("\n")
    );
}

#[test]
fn core_has_no_terminal_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for d in ["store", "align", "annotate", "app"] {
        scan(&root.join(d), &mut bad);
    }
    assert!(
        bad.is_empty(),
        "terminal types in the core:\n{}",
        bad.join("\n")
    );
}
