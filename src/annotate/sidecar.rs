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
    #[error("{path}: {msg}; diptych neither reads nor writes it, annotations of this article are read-only")]
    Unsafe { path: String, msg: String },
    #[error("{path}: written by a newer diptych (format version {version}, this one reads {VERSION}); shown read-only so nothing of it is lost")]
    Newer { path: String, version: u64 },
    #[error("{path}: not saved, {msg}; annotations stay on screen until diptych quits")]
    Gone { path: String, msg: String },
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

/// Can we create files in `dir`? Probed with an unnamed (or randomly named, exclusively
/// created) temporary file, so nothing in the folder can redirect the probe.
fn dir_writable(dir: &Path) -> bool {
    tempfile::tempfile_in(dir).is_ok()
}

/// Open an existing sidecar for reading without following a symbolic link, and only when it
/// is a regular file. `Ok(None)` when there is none.
fn open_regular(path: &Path) -> Result<Option<File>, SidecarError> {
    let unsafe_file = |msg: &str| SidecarError::Unsafe {
        path: path.display().to_string(),
        msg: msg.into(),
    };
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(path, e)),
        Ok(m) if m.file_type().is_symlink() => return Err(unsafe_file("is a symbolic link")),
        Ok(m) if !m.is_file() => return Err(unsafe_file("is not a regular file")),
        Ok(_) => {}
    }
    let mut opts = OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Refuse a link swapped in after the check above; never block on a FIFO.
        opts.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let f = match opts.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(unsafe_file("is a symbolic link"))
        }
        Err(e) => return Err(io(path, e)),
    };
    match f.metadata() {
        Ok(m) if m.is_file() => Ok(Some(f)),
        Ok(_) => Err(unsafe_file("is not a regular file")),
        Err(e) => Err(io(path, e)),
    }
}

/// True when a sidecar path lies in the data folder rather than beside its article.
pub fn in_data_dir(path: &Path) -> bool {
    data_dir().is_some_and(|d| path.starts_with(d))
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
                    if let Some(version) = l.newer {
                        let e = SidecarError::Newer {
                            path: p.display().to_string(),
                            version,
                        };
                        n.read_only = Some(e.to_string());
                        problems.push(e.to_string());
                    }
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
    /// The format version when it is newer than this program's: show it, never rewrite it.
    pub newer: Option<u64>,
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
    let newer = match obj.get("version").and_then(Value::as_u64) {
        Some(v) if v > VERSION => Some(v),
        Some(_) => None,
        None => return Err(corrupt("no \"version\" field".into())),
    };
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
        newer,
    })
}

/// Read a sidecar; a missing file is an empty one. A symbolic link or anything but a regular
/// file is refused.
pub fn load(path: &Path) -> Result<Loaded, SidecarError> {
    use std::io::Read;
    let Some(mut f) = open_regular(path)? else {
        return Ok(Loaded::default());
    };
    let mut t = String::new();
    match f.read_to_string(&mut t) {
        Ok(_) => parse(&t, path),
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

/// Serialised lines of annotations by id: an annotation equal to the one serialised last time
/// is not serialised again on the next save. The whole annotation decides, never a clock: two
/// changes within one tick of any clock are still two changes.
#[derive(Debug, Clone, Default)]
pub struct LineCache {
    lines: std::collections::HashMap<String, (Annotation, String)>,
}

impl LineCache {
    fn line(&mut self, a: &Annotation) -> Result<&str, serde_json::Error> {
        let fresh = self.lines.get(&a.id).is_some_and(|(seen, _)| seen == a);
        if !fresh {
            let json = serde_json::to_string(a)?;
            self.lines.insert(a.id.clone(), (a.clone(), json));
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

/// What identifies one version of a sidecar on disk. Every save replaces the file by a new
/// one (a new inode), so the inode and change time tell another writer's save apart even when
/// size and modification time happen to match.
fn stamp(path: &Path) -> Option<crate::annotate::DiskStamp> {
    let m = fs::symlink_metadata(path).ok()?;
    #[cfg(unix)]
    let (inode, changed) = {
        use std::os::unix::fs::MetadataExt;
        (m.ino(), (m.ctime(), m.ctime_nsec()))
    };
    #[cfg(not(unix))]
    let (inode, changed) = (0, (0, 0));
    Some(crate::annotate::DiskStamp {
        len: m.len(),
        modified: m.modified().ok()?,
        inode,
        changed,
    })
}

/// Write `text` to `path` atomically: a temporary file with an unpredictable name, created
/// exclusively in the same folder (so no link planted in the folder can redirect the write),
/// synced, then renamed over `path` (a rename replaces a link, never writes through it).
fn write_atomic(path: &Path, text: &str) -> Result<(), SidecarError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| io(dir, e))?;
    tmp.write_all(text.as_bytes())
        .map_err(|e| io(tmp.path(), e))?;
    tmp.as_file().sync_all().map_err(|e| io(path, e))?;
    tmp.persist(path).map_err(|e| io(path, e.error))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Hold the folder's lock: one writer of the folder's sidecars at a time. The lock is taken on
/// the folder itself, so no lock file is created, left behind, or followed through a link.
fn lock_dir(dir: &Path) -> Result<File, SidecarError> {
    let d = File::open(dir).map_err(|e| io(dir, e))?;
    d.lock().map_err(|e| io(dir, e))?;
    Ok(d)
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
    let gone = |msg: &str| SidecarError::Gone {
        path: path.display().to_string(),
        msg: msg.into(),
    };
    // An article deleted or moved away while open: its folder is not brought back and no
    // sidecar is left behind for a file that is not there.
    if let Some(a) = &article.path {
        if fs::symlink_metadata(a).is_err() {
            return Err(gone("the article file is no longer there"));
        }
    }
    if in_data_dir(path) {
        fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    } else if !dir.is_dir() {
        return Err(gone("the folder is no longer there"));
    }
    let lock = lock_dir(dir)?;
    // Refuses a sidecar that is a link or not a regular file; tells whether one exists.
    let exists = open_regular(path)?.is_some();
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
        // Keep the previous version as .bak: a hard link to the old file under a fresh random
        // name (link() fails rather than replace anything), renamed into place, so no copy is
        // made and no moment exists without a sidecar. A rename replaces a planted link
        // instead of writing through it.
        let bak = PathBuf::from(format!("{}.bak", path.display()));
        let name = bak
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bak_tmp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
        match fs::hard_link(path, &bak_tmp) {
            Ok(()) => fs::rename(&bak_tmp, &bak).map_err(|e| {
                let _ = fs::remove_file(&bak_tmp);
                io(&bak, e)
            })?,
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

    fn note(a: &Article, id: &str, now: &str, range: std::ops::Range<usize>) -> Annotation {
        Annotation::new(id.into(), now, 1, Anchor::new(a, range))
    }

    /// An article file on disk in `dir`, and its sidecar path.
    fn on_disk(dir: &Path) -> (Article, PathBuf) {
        let file = dir.join("t.txt");
        fs::write(&file, "First paragraph here.\n\nSecond one.").expect("write article");
        let mut a = article();
        a.path = Some(file);
        (a, dir.join("t.txt.diptych.json"))
    }

    fn colors_on_disk(path: &Path) -> Vec<u8> {
        load(path)
            .expect("load")
            .items
            .iter()
            .map(|a| a.color)
            .collect()
    }

    #[test]
    fn changes_within_one_clock_tick_all_reach_the_file() {
        // Every change carries the same timestamp, as edits made within one tick of a
        // whole-second clock did: each one must still be written.
        let dir = tempfile::tempdir().expect("tmp");
        let (a, path) = on_disk(dir.path());
        let now = "2031-01-01T00:00:00Z";
        let mut notes = ArticleNotes::default();
        let mut cache = LineCache::default();
        notes.put(note(&a, "h", now, 0..5), &a.text, &a.text_hash);
        let (_, st) = save_stamped(&path, &a, &notes, &mut cache).expect("save");
        notes.disk_stamp = st;
        for color in [2u8, 3, 4] {
            notes.items[0].color = color;
            let (_, st) = save_stamped(&path, &a, &notes, &mut cache).expect("save");
            notes.disk_stamp = st;
            assert_eq!(colors_on_disk(&path), vec![color]);
        }
        notes.items[0].note = "quick note".into();
        save_stamped(&path, &a, &notes, &mut cache).expect("save");
        assert_eq!(load(&path).expect("load").items[0].note, "quick note");
        notes.items[0].deleted = true;
        save_stamped(&path, &a, &notes, &mut cache).expect("save");
        assert!(load(&path).expect("load").items[0].deleted);
    }

    #[test]
    fn two_writers_interleaving_quickly_lose_nothing() {
        let dir = tempfile::tempdir().expect("tmp");
        let (a, path) = on_disk(dir.path());
        let mut w = [ArticleNotes::default(), ArticleNotes::default()];
        let mut caches = [LineCache::default(), LineCache::default()];
        let n = a.text.chars().count();
        for i in 0..120usize {
            let who = i % 2;
            // same second for everyone, as two people typing quickly
            let now = "2031-01-01T00:00:00Z";
            let start = i % (n - 3);
            w[who].put(
                note(&a, &format!("n{i}"), now, start..start + 3),
                &a.text,
                &a.text_hash,
            );
            let (merged, st) = save_stamped(&path, &a, &w[who], &mut caches[who]).expect("save");
            for m in merged {
                w[who].put(m, &a.text, &a.text_hash);
            }
            w[who].disk_stamp = st;
        }
        let back = load(&path).expect("load");
        assert_eq!(
            back.items.len(),
            120,
            "every note of both writers is on disk"
        );
    }

    #[cfg(unix)]
    #[test]
    fn no_planted_link_redirects_a_save_outside_the_folder() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().expect("outside");
        let victim = outside.path().join("victim");
        let names = |sc: &str, pid: u32| {
            vec![
                format!(".{sc}.{pid}.tmp"),
                format!("{sc}.bak"),
                format!("{sc}.bak.{pid}.tmp"),
                format!(".{sc}.lock"),
                format!(".diptych-probe-{pid}"),
            ]
        };
        for (case, planted) in names("t.txt.diptych.json", std::process::id())
            .into_iter()
            .enumerate()
        {
            let dir = tempfile::tempdir().expect("tmp");
            let (a, path) = on_disk(dir.path());
            fs::write(&victim, "precious").expect("victim");
            let mut notes = ArticleNotes::default();
            notes.put(
                note(&a, "x", "2031-01-01T00:00:00Z", 0..5),
                &a.text,
                &a.text_hash,
            );
            // a first save makes the sidecar exist, so the .bak path is taken on the second
            save(&path, &a, &notes).expect("first save");
            symlink(&victim, dir.path().join(&planted)).expect("plant");
            notes.items[0].color = 2;
            save(&path, &a, &notes).expect("save");
            assert_eq!(
                fs::read_to_string(&victim).expect("read victim"),
                "precious",
                "case {case}: a link named {planted} redirected a write"
            );
            let m = fs::symlink_metadata(&path).expect("sidecar");
            assert!(m.is_file(), "case {case}: the sidecar is a regular file");
            assert_eq!(colors_on_disk(&path), vec![2]);
            // the lock is on the folder: no lock file is made or left behind
            assert!(
                !dir.path().join(".t.txt.diptych.json.lock").exists() || planted.ends_with(".lock")
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_sidecar_that_is_a_link_or_not_a_file_is_refused_and_left_alone() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().expect("outside");
        let victim = outside.path().join("victim.json");
        let valid = r#"{"version": 1, "annotations": []}"#;
        fs::write(&victim, valid).expect("victim");

        // a link to a file elsewhere: not read, not written, the link stays a link
        let dir = tempfile::tempdir().expect("tmp");
        let (a, path) = on_disk(dir.path());
        symlink(&victim, &path).expect("link");
        let err = load(&path).expect_err("a link is refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        let mut notes = ArticleNotes::default();
        notes.put(
            note(&a, "x", "2031-01-01T00:00:00Z", 0..5),
            &a.text,
            &a.text_hash,
        );
        let err = save(&path, &a, &notes).expect_err("save refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(&victim).expect("victim"), valid);
        assert!(fs::symlink_metadata(&path)
            .expect("link")
            .file_type()
            .is_symlink());

        // a folder where the sidecar should be
        let dir = tempfile::tempdir().expect("tmp");
        let (a, path) = on_disk(dir.path());
        fs::create_dir(&path).expect("mkdir");
        assert!(load(&path)
            .expect_err("dir")
            .to_string()
            .contains("not a regular file"));
        assert!(save(&path, &a, &notes).is_err());
        assert!(path.is_dir());

        // a story whose sidecar is a link opens read-only, with the reason
        let dir = tempfile::tempdir().expect("tmp");
        let (a, path) = on_disk(dir.path());
        symlink(&victim, &path).expect("link");
        let story = crate::store::Story {
            name: "t".into(),
            root: None,
            articles: vec![a],
            skipped: Vec::new(),
            builtin: false,
        };
        let (notes, _, problems) = load_story(&story);
        assert!(notes[0].read_only.is_some());
        assert!(problems[0].contains("symbolic link"), "{problems:?}");
    }

    #[test]
    fn a_newer_format_is_shown_read_only_and_never_rewritten() {
        let dir = tempfile::tempdir().expect("tmp");
        let (a, path) = on_disk(dir.path());
        let text = format!(
            r#"{{"version": 99, "annotations": [{}]}}"#,
            serde_json::to_string(&note(&a, "x", "2031-01-01T00:00:00Z", 0..5)).expect("json")
        );
        fs::write(&path, &text).expect("write");
        let story = crate::store::Story {
            name: "t".into(),
            root: None,
            articles: vec![a.clone()],
            skipped: Vec::new(),
            builtin: false,
        };
        let (notes, _, problems) = load_story(&story);
        assert_eq!(notes[0].items.len(), 1, "its annotations are shown");
        assert!(problems[0].contains("newer"), "{problems:?}");
        let mut n = notes[0].clone();
        n.items[0].color = 3;
        assert!(save(&path, &a, &n).is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), text);
    }

    #[test]
    fn a_deleted_article_or_folder_is_not_brought_back_by_a_save() {
        let dir = tempfile::tempdir().expect("tmp");
        let story = dir.path().join("story");
        fs::create_dir(&story).expect("mkdir");
        let (a, path) = on_disk(&story);
        let mut notes = ArticleNotes::default();
        notes.put(
            note(&a, "x", "2031-01-01T00:00:00Z", 0..5),
            &a.text,
            &a.text_hash,
        );
        fs::remove_file(a.path.as_ref().expect("path")).expect("rm");
        let err = save(&path, &a, &notes).expect_err("refused");
        assert!(err.to_string().contains("no longer there"), "{err}");
        assert!(!path.exists());
        fs::remove_dir(&story).expect("rmdir");
        assert!(save(&path, &a, &notes).is_err());
        assert!(!story.exists(), "the folder is not re-created");
    }
}
