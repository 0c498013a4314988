//! Sidecar files: `<article file name>.diptych.json` next to the article (or in the platform
//! data dir for the built-in demo, stdin, and read-only folders). Saving never loses data:
//! lock, merge with what is on disk, write a temp file, fsync, keep a `.bak`, rename, fsync the
//! folder. A corrupt sidecar is never overwritten.

use super::{merge, Annotation, ArticleNotes};
use crate::store::Article;
use serde_json::{Map, Value};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const VERSION: u64 = 1;

#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    #[error("{path}: {err}")]
    Io { path: String, err: std::io::Error },
    #[error("{path}: not a valid sidecar ({msg}); left untouched, annotations of this article are read-only until it is fixed or moved away")]
    Corrupt { path: String, msg: String },
}

fn io(path: &Path, e: std::io::Error) -> SidecarError {
    SidecarError::Io {
        path: path.display().to_string(),
        err: e,
    }
}

/// The platform data dir for diptych (overridable with DIPTYCH_DATA_DIR).
pub fn data_dir() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("DIPTYCH_DATA_DIR") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "diptych").map(|d| d.data_dir().to_path_buf())
}

fn dir_writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".diptych-probe-{}", std::process::id()));
    match OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// Where an article's sidecar lives.
pub fn sidecar_path(article: &Article) -> Option<PathBuf> {
    sidecar_path_with(article, &mut dir_writable)
}

/// [`sidecar_path`] with the writability check supplied (so a story probes each folder once).
fn sidecar_path_with(
    article: &Article,
    writable: &mut dyn FnMut(&Path) -> bool,
) -> Option<PathBuf> {
    if let Some(p) = &article.path {
        let name = p.file_name()?.to_string_lossy().into_owned();
        // A JSONL/JSON file with several records: one sidecar per record, keyed by content.
        let name = if article.label.contains('#')
            || article
                .label
                .rsplit(':')
                .next()
                .is_some_and(|x| x.parse::<usize>().is_ok())
        {
            format!("{name}.{}", article.id.get(..8).unwrap_or(&article.id))
        } else {
            name
        };
        let dir = p
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        if writable(&dir) {
            return Some(dir.join(format!("{name}.diptych.json")));
        }
    }
    Some(data_dir()?.join("sidecars").join(format!(
        "{}.diptych.json",
        article.text_hash.get(..16).unwrap_or(&article.text_hash)
    )))
}

/// Load the sidecars of every article of a story: notes per article (resolved against the
/// current text), their paths, and problems (a corrupt sidecar makes that article read-only).
pub fn load_story(
    story: &crate::store::Story,
) -> (Vec<ArticleNotes>, Vec<Option<PathBuf>>, Vec<String>) {
    let mut notes = Vec::with_capacity(story.articles.len());
    let mut paths = Vec::with_capacity(story.articles.len());
    let mut problems = Vec::new();
    let mut probed: std::collections::HashMap<PathBuf, bool> = std::collections::HashMap::new();
    for art in &story.articles {
        let path = sidecar_path_with(art, &mut |d: &Path| {
            *probed
                .entry(d.to_path_buf())
                .or_insert_with(|| dir_writable(d))
        });
        let mut n = ArticleNotes::default();
        if let Some(p) = &path {
            match load(p) {
                Ok(l) => {
                    n.items = l.items;
                    n.foreign = l.foreign;
                    n.extra = l.extra;
                    n.disk_stamp = stamp(p);
                    n.resolve_all(&art.text, &art.text_hash);
                }
                Err(e) => {
                    n.read_only = Some(e.to_string());
                    problems.push(e.to_string());
                }
            }
        }
        notes.push(n);
        paths.push(path);
    }
    (notes, paths, problems)
}

/// What a sidecar file holds.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub items: Vec<Annotation>,
    pub foreign: Vec<Value>,
    pub extra: Map<String, Value>,
}

pub fn parse(text: &str, path: &Path) -> Result<Loaded, SidecarError> {
    let corrupt = |msg: String| SidecarError::Corrupt {
        path: path.display().to_string(),
        msg,
    };
    let v: Value = serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
    let Value::Object(mut obj) = v else {
        return Err(corrupt("not a JSON object".into()));
    };
    match obj.get("version").and_then(Value::as_u64) {
        Some(_) => {}
        None => return Err(corrupt("no \"version\" field".into())),
    }
    let anns = match obj.remove("annotations") {
        Some(Value::Array(a)) => a,
        None => Vec::new(),
        Some(_) => return Err(corrupt("\"annotations\" is not a list".into())),
    };
    obj.remove("version");
    obj.remove("article");
    let mut items = Vec::new();
    let mut foreign = Vec::new();
    for a in anns {
        match serde_json::from_value::<Annotation>(a.clone()) {
            Ok(x) => items.push(x),
            Err(_) => foreign.push(a),
        }
    }
    Ok(Loaded {
        items,
        foreign,
        extra: obj,
    })
}

/// Read a sidecar; a missing file is an empty one.
pub fn load(path: &Path) -> Result<Loaded, SidecarError> {
    match fs::read_to_string(path) {
        Ok(t) => parse(&t, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Loaded::default()),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Err(SidecarError::Corrupt {
            path: path.display().to_string(),
            msg: "not UTF-8".into(),
        }),
        Err(e) => Err(io(path, e)),
    }
}

/// The file's text. Top-level keys in a fixed order (version, article, annotations, then keys
/// of newer versions); one annotation per line, sorted by position, so that a change to one
/// annotation is a one-line diff and two branches merge cleanly in git.
pub fn render(
    article: &Article,
    items: &[Annotation],
    foreign: &[Value],
    extra: &Map<String, Value>,
) -> String {
    render_with(article, items, foreign, extra, None)
}

/// Serialised lines of annotations by id and modification time: an unchanged annotation is
/// not serialised again on the next save.
#[derive(Debug, Clone, Default)]
pub struct LineCache {
    lines: std::collections::HashMap<String, (String, String)>,
}

impl LineCache {
    fn line(&mut self, a: &Annotation) -> Result<&str, serde_json::Error> {
        let fresh = self.lines.get(&a.id).is_some_and(|(m, _)| *m == a.modified);
        if !fresh {
            let json = serde_json::to_string(a)?;
            self.lines.insert(a.id.clone(), (a.modified.clone(), json));
        }
        Ok(self.lines.get(&a.id).map(|x| x.1.as_str()).unwrap_or(""))
    }
}

/// [`render`] reusing the lines of annotations that did not change since the last save.
pub fn render_cached(
    article: &Article,
    items: &[Annotation],
    foreign: &[Value],
    extra: &Map<String, Value>,
    cache: &mut LineCache,
) -> String {
    render_with(article, items, foreign, extra, Some(cache))
}

fn render_with(
    article: &Article,
    items: &[Annotation],
    foreign: &[Value],
    extra: &Map<String, Value>,
    mut cache: Option<&mut LineCache>,
) -> String {
    let mut sorted: Vec<&Annotation> = items.iter().collect();
    sorted.sort_by(|a, b| (a.target.start, &a.id).cmp(&(b.target.start, &b.id)));
    let meta = serde_json::json!({
        "path": article.label,
        "title": article.title,
        "source": article.source,
        "text_hash": article.text_hash,
    });
    let mut out = String::with_capacity(items.len() * 420 + 256);
    out.push_str("{\n  \"version\": ");
    out.push_str(&VERSION.to_string());
    out.push_str(",\n  \"article\": ");
    out.push_str(&meta.to_string());
    out.push_str(",\n  \"annotations\": [");
    let mut first = true;
    let mut line = |out: &mut String, json: &str| {
        out.push_str(if first { "\n    " } else { ",\n    " });
        out.push_str(json);
        first = false;
    };
    for a in sorted {
        match cache.as_deref_mut() {
            Some(c) => {
                if let Ok(j) = c.line(a) {
                    line(&mut out, j);
                }
            }
            None => {
                if let Ok(j) = serde_json::to_string(a) {
                    line(&mut out, &j);
                }
            }
        }
    }
    for f in foreign {
        if let Ok(j) = serde_json::to_string(f) {
            line(&mut out, &j);
        }
    }
    out.push_str(if first { "]" } else { "\n  ]" });
    for (k, v) in extra {
        if matches!(k.as_str(), "version" | "article" | "annotations") {
            continue;
        }
        out.push_str(",\n  ");
        out.push_str(&Value::String(k.clone()).to_string());
        out.push_str(": ");
        out.push_str(&v.to_string());
    }
    out.push_str("\n}\n");
    out
}

fn stamp(path: &Path) -> Option<crate::annotate::DiskStamp> {
    let m = fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

fn write_atomic(path: &Path, text: &str) -> Result<(), SidecarError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut f = File::create(&tmp).map_err(|e| io(&tmp, e))?;
    f.write_all(text.as_bytes()).map_err(|e| io(&tmp, e))?;
    f.sync_all().map_err(|e| io(&tmp, e))?;
    drop(f);
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io(path, e)
    })?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Save our annotations of an article, merged with whatever another writer saved since.
/// Returns the merged list (what is now on disk) and updates the notes' disk stamp.
pub fn save(
    path: &Path,
    article: &Article,
    notes: &ArticleNotes,
) -> Result<Vec<Annotation>, SidecarError> {
    save_stamped(path, article, notes, &mut LineCache::default()).map(|x| x.0)
}

/// [`save`], also returning the file's new stamp (keep it in `ArticleNotes::disk_stamp`).
pub fn save_stamped(
    path: &Path,
    article: &Article,
    notes: &ArticleNotes,
    cache: &mut LineCache,
) -> Result<(Vec<Annotation>, Option<crate::annotate::DiskStamp>), SidecarError> {
    if let Some(why) = &notes.read_only {
        return Err(SidecarError::Corrupt {
            path: path.display().to_string(),
            msg: why.clone(),
        });
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    // One writer at a time: an advisory lock on a lock file beside the sidecar.
    // A hidden file, so the article's folder shows only the sidecar and its .bak.
    let lock_path = dir.join(format!(
        ".{}.lock",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| io(&lock_path, e))?;
    lock.lock().map_err(|e| io(&lock_path, e))?;
    let exists = path.exists();
    // Read back only when someone else may have written since we last read or wrote it.
    let untouched = exists && notes.disk_stamp.is_some() && stamp(path) == notes.disk_stamp;
    let (merged, foreign, extra) = if untouched || !exists {
        (
            notes.items.clone(),
            notes.foreign.clone(),
            notes.extra.clone(),
        )
    } else {
        let on_disk = load(path)?;
        let merged = merge(&notes.items, &on_disk.items);
        let mut foreign = notes.foreign.clone();
        for f in on_disk.foreign {
            if !foreign.contains(&f) {
                foreign.push(f);
            }
        }
        let mut extra = on_disk.extra;
        for (k, v) in &notes.extra {
            extra.insert(k.clone(), v.clone());
        }
        (merged, foreign, extra)
    };
    let text = render_cached(article, &merged, &foreign, &extra, cache);
    if exists {
        // Keep the previous version as .bak: a hard link to the old file, renamed into place,
        // so no copy is made and no moment exists without a sidecar.
        let bak = PathBuf::from(format!("{}.bak", path.display()));
        let bak_tmp = PathBuf::from(format!("{}.bak.{}.tmp", path.display(), std::process::id()));
        let _ = fs::remove_file(&bak_tmp);
        match fs::hard_link(path, &bak_tmp) {
            Ok(()) => fs::rename(&bak_tmp, &bak).map_err(|e| io(&bak, e))?,
            Err(_) => {
                let previous = fs::read_to_string(path).map_err(|e| io(path, e))?;
                write_atomic(&bak, &previous)?;
            }
        }
    }
    write_atomic(path, &text)?;
    let st = stamp(path);
    drop(lock);
    Ok((merged, st))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::anchor::Anchor;
    use crate::store::{Format, Meta};

    fn article() -> Article {
        Article::build(
            "First paragraph here.\n\nSecond one.".into(),
            Meta::default(),
            None,
            "t.txt".into(),
            Format::Text,
        )
    }

    #[test]
    fn save_load_merge_and_bak() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("t.txt.diptych.json");
        let a = article();
        let mut mine = ArticleNotes::default();
        mine.put(
            Annotation::new(
                "id-1".into(),
                "2031-01-01T00:00:00Z",
                2,
                Anchor::new(&a, 0..5),
            ),
            &a.text,
            &a.text_hash,
        );
        save(&path, &a, &mine).expect("save");
        let back = load(&path).expect("load");
        assert_eq!(back.items, mine.items);

        // another writer adds one; our next save keeps it
        let mut theirs = ArticleNotes::default();
        theirs.put(
            Annotation::new(
                "id-2".into(),
                "2031-01-01T00:00:01Z",
                3,
                Anchor::new(&a, 6..15),
            ),
            &a.text,
            &a.text_hash,
        );
        save(&path, &a, &theirs).expect("save 2");
        mine.items[0].note = "changed".into();
        mine.items[0].modified = "2031-01-01T00:00:02Z".into();
        let merged = save(&path, &a, &mine).expect("save 3");
        assert_eq!(merged.len(), 2);
        let back = load(&path).expect("load");
        assert_eq!(back.items.len(), 2);
        assert!(back.items.iter().any(|x| x.note == "changed"));
        assert!(PathBuf::from(format!("{}.bak", path.display())).exists());
    }

    #[test]
    fn corrupt_sidecar_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("t.txt.diptych.json");
        fs::write(&path, "{ not json").expect("write");
        assert!(matches!(load(&path), Err(SidecarError::Corrupt { .. })));
        let a = article();
        let notes = ArticleNotes::default();
        assert!(save(&path, &a, &notes).is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), "{ not json");
    }

    #[test]
    fn foreign_entries_and_fields_are_kept() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("t.txt.diptych.json");
        fs::write(&path, r#"{"version": 2, "annotations": [{"kind": "drawing", "id": "z"}], "owner": "someone"}"#).expect("w");
        let l = load(&path).expect("load");
        assert_eq!(l.foreign.len(), 1);
        let a = article();
        let mut notes = ArticleNotes {
            foreign: l.foreign,
            extra: l.extra,
            ..Default::default()
        };
        notes.put(
            Annotation::new(
                "id-1".into(),
                "2031-01-01T00:00:00Z",
                1,
                Anchor::new(&a, 0..5),
            ),
            &a.text,
            &a.text_hash,
        );
        save(&path, &a, &notes).expect("save");
        let text = fs::read_to_string(&path).expect("read");
        assert!(
            text.contains("\"drawing\"") && text.contains("\"owner\""),
            "{text}"
        );
        let v: Value = serde_json::from_str(&text).expect("json");
        let keys: Vec<&String> = v.as_object().expect("obj").keys().collect();
        assert_eq!(keys[..3], ["version", "article", "annotations"]);
    }
}
