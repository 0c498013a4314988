//! The seed articles of ../shared/seeds, shared by the test files that read them.

use diptych::store::{LoadOptions, Story};
use std::path::Path;

/// The seeds live outside the repository; skip with a notice unless CI requires them.
pub fn seeds() -> Option<Story> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !dir.is_dir() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("../shared/seeds is missing and CI=true");
        }
        eprintln!("notice: ../shared/seeds not found, skipping seed tests");
        return None;
    }
    Some(Story::load_dir(&dir, &LoadOptions::default()).expect("seeds load"))
}
