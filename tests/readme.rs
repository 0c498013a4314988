//! The README stays true: its keymap table is the real keymap, and its two set-up commands are
//! the ones CI and newcomers run.

use diptych::app::keymap::{markdown_table, Keymap};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn keymap_table_matches_the_keymap() {
    let want = markdown_table(&Keymap::default());
    let text = readme();
    let start = text
        .find("<!-- keys:start -->\n")
        .map(|i| i + "<!-- keys:start -->\n".len())
        .expect("keys:start marker");
    let end = text.find("<!-- keys:end -->").expect("keys:end marker");
    assert!(
        text[start..end] == want,
        "README keymap table is out of date; replace the part between the markers with:\n\n{want}"
    );
}

#[test]
fn setup_commands_are_present_and_ci_runs_the_test_command() {
    let text = readme();
    assert!(text.contains("cargo run --release -- assets/demo"));
    assert!(text.contains("\ncargo test\n"));
    let ci =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).expect(".ci/run");
    assert!(ci.lines().any(|l| l.trim() == "cargo test"));
    for shot in ["reader", "coverage", "annotations", "help"] {
        assert!(
            text.contains(&format!("screenshots/{shot}.svg")),
            "{shot} screenshot not shown"
        );
        assert!(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/screenshots"))
                .join(format!("{shot}.svg"))
                .exists()
        );
    }
}
