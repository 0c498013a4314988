//! Every saved readability page and every shared seed file goes through the real loader without a
//! panic (errors such as "no readable article" are fine), each within a time budget.

use diptych::store::{load_path, LoadOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The shared folder lives beside the repository; skip with a notice unless CI requires it.
fn shared(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{} is missing and CI=true", dir.display());
    }
    eprintln!("notice: {} not found, skipping", dir.display());
    None
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Load each file on all cores; returns a line for each file that panicked or was slow.
fn load_all(files: &[PathBuf]) -> Vec<String> {
    // A debug build is several times slower than release; this only catches runaway inputs.
    const BUDGET: Duration = Duration::from_secs(10);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let mut bad = Vec::new();
                    for f in part {
                        let t = Instant::now();
                        let r = std::panic::catch_unwind(|| {
                            let _ = load_path(f, &LoadOptions::default());
                        });
                        if r.is_err() {
                            bad.push(format!("{}: panicked", f.display()));
                        } else if t.elapsed() > BUDGET {
                            bad.push(format!("{}: took {:?}", f.display(), t.elapsed()));
                        }
                    }
                    bad
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|_| vec!["worker died".into()]))
            .collect()
    })
}

#[test]
fn every_readability_page_loads_without_panic() {
    let Some(dir) = shared("bench/readability/pages") else {
        return;
    };
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("pages folder")
        .flatten()
        .map(|e| e.path().join("source.html"))
        .filter(|p| p.is_file())
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no pages in {}", dir.display());
    let bad = load_all(&pages);
    assert!(
        bad.is_empty(),
        "{} of {} pages:\n{}",
        bad.len(),
        pages.len(),
        bad.join("\n")
    );
}

#[test]
fn every_shared_seed_loads_without_panic() {
    let Some(dir) = shared("seeds") else {
        return;
    };
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.sort();
    let bad = load_all(&files);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
