//! The core (store, align, annotate, app) must stay free of terminal types.

use std::path::Path;

fn scan(dir: &Path, bad: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            scan(&p, bad);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            for (i, line) in text.lines().enumerate() {
                if line.contains("ratatui::")
                    || line.contains("crossterm::")
                    || line.contains("use ratatui")
                    || line.contains("use crossterm")
                {
                    bad.push(format!("{}:{}: {}", p.display(), i + 1, line.trim()));
                }
            }
        }
    }
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
