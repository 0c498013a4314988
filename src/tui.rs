//! The terminal edge: raw mode, crossterm events → app events, drawing frames, restoring the
//! terminal on exit, panic and SIGTERM/SIGHUP. The only place that touches crossterm.

use crate::align::StoryAlignment;
use crate::annotate::sidecar;
use crate::app::keymap::{Code, Key};
use crate::app::{update, Aligned, AppState, Effect, Event, Fetched, Overlay, Side};
use crate::store::Story;
use crate::ui::{self, Theme};
use crossterm::event::{
    self, Event as CEvent, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::backend::Backend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use ratatui_textarea::TextArea;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// Translate a crossterm key into the app's own key type.
pub fn key_from(k: event::KeyEvent) -> Option<Key> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let code = match k.code {
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Tab => Code::Tab,
        KeyCode::BackTab => Code::BackTab,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        _ => return None,
    };
    Some(Key { code, ctrl })
}

fn side_at(area: Rect, column: u16) -> Side {
    let (w, _) = ui::pane_text_size(area);
    if column < w + 1 + ui::GUTTER / 2 {
        Side::Left
    } else {
        Side::Right
    }
}

/// Convert one terminal event into app events.
pub fn translate(ev: CEvent, area: Rect) -> Vec<Event> {
    match ev {
        CEvent::Key(k) if k.kind != KeyEventKind::Release => {
            key_from(k).map(Event::Key).into_iter().collect()
        }
        CEvent::Resize(w, h) => {
            let (pw, ph) = ui::pane_text_size(Rect::new(0, 0, w, h));
            vec![Event::Resize {
                width: pw,
                height: ph,
            }]
        }
        CEvent::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => vec![Event::Wheel {
                side: side_at(area, m.column),
                lines: 3,
            }],
            MouseEventKind::ScrollUp => vec![Event::Wheel {
                side: side_at(area, m.column),
                lines: -3,
            }],
            MouseEventKind::Down(MouseButton::Left) => vec![Event::Click {
                side: side_at(area, m.column),
            }],
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Sidecars of the story's articles and the saves that are due.
pub struct Session {
    /// Sidecar path per article (None: nowhere to save).
    pub sidecars: Vec<Option<PathBuf>>,
    dirty: BTreeSet<usize>,
    due: Option<Instant>,
    /// The note editor's widget while a note is being edited.
    editor: Option<(String, TextArea<'static>)>,
    /// When the last key came, for pending key sequences.
    last_key: Instant,
    /// Serialised annotation lines per article, reused by the next save.
    caches: Vec<sidecar::LineCache>,
    /// The alignment being built on a worker thread, until it lands.
    aligner: Option<mpsc::Receiver<Event>>,
    /// Results of pages being added on worker threads, and how many are still out.
    added: (mpsc::Sender<Event>, mpsc::Receiver<Event>),
    fetching: usize,
}

const SAVE_DELAY: Duration = Duration::from_millis(250);

impl Session {
    pub fn new(sidecars: Vec<Option<PathBuf>>) -> Session {
        let caches = vec![sidecar::LineCache::default(); sidecars.len()];
        Session {
            sidecars,
            dirty: BTreeSet::new(),
            due: None,
            editor: None,
            last_key: Instant::now(),
            caches,
            aligner: None,
            added: mpsc::channel(),
            fetching: 0,
        }
    }

    /// Align the story on a worker thread; an alignment already under way is dropped.
    pub fn align(&mut self, story: Arc<Story>) {
        self.aligner = Some(align_in_background(story));
    }

    /// What the workers (alignment, pages being added) have sent since the last look.
    fn news(&mut self) -> Vec<Event> {
        let mut news = Vec::new();
        if let Some(rx) = &self.aligner {
            let mut landed = false;
            news = drain_alignment(rx, &mut landed);
            if landed {
                self.aligner = None;
            }
        }
        while let Ok(ev) = self.added.1.try_recv() {
            self.fetching = self.fetching.saturating_sub(1);
            news.push(ev);
        }
        news
    }

    /// Articles that joined the story get a place for their annotations.
    fn grow(&mut self, state: &AppState) {
        while self.sidecars.len() < state.story.articles.len() {
            let art = &state.story.articles[self.sidecars.len()];
            self.sidecars.push(sidecar::sidecar_path(art));
            self.caches.push(sidecar::LineCache::default());
        }
    }

    /// Tell the user about sidecar problems and annotations that lost their place.
    pub fn report_notes(state: &mut AppState, problems: &[String]) {
        let orphans: usize = state
            .notes
            .iter()
            .map(|n| {
                n.live()
                    .filter(|(i, _)| n.resolved.get(*i).is_some_and(|r| r.0.is_none()))
                    .count()
            })
            .sum();
        if let Some(p) = problems.first() {
            state.error = Some(p.clone());
        } else if orphans > 0 {
            state.message = Some(format!(
                "{orphans} annotation(s) lost their place after an edit: see Space a"
            ));
        }
    }

    /// Save the sidecars that changed; results come back as events.
    pub fn flush(&mut self, state: &AppState) -> Vec<Event> {
        let mut out = Vec::new();
        for i in std::mem::take(&mut self.dirty) {
            let Some(Some(path)) = self.sidecars.get(i) else {
                out.push(Event::SaveFailed {
                    article: i,
                    message: "no place to save annotations".into(),
                });
                continue;
            };
            let cache = &mut self.caches[i];
            match sidecar::save_stamped(path, &state.story.articles[i], &state.notes[i], cache) {
                Ok((items, stamp)) => out.push(Event::Saved {
                    article: i,
                    items,
                    stamp,
                    elsewhere: sidecar::in_data_dir(path).then(|| path.display().to_string()),
                }),
                Err(e) => out.push(Event::SaveFailed {
                    article: i,
                    message: e.to_string(),
                }),
            }
        }
        self.due = None;
        out
    }

    fn wait(&self, state: &AppState) -> Duration {
        let mut w = Duration::from_millis(500);
        // while workers run, look at their channels often enough for progress and results
        if self.aligner.is_some() || self.fetching > 0 {
            w = w.min(Duration::from_millis(100));
        }
        if let Some(d) = self.due {
            w = w.min(d.saturating_duration_since(Instant::now()));
        }
        if !state.pending.is_empty() {
            w = w.min(
                (self.last_key + Duration::from_millis(700))
                    .saturating_duration_since(Instant::now()),
            );
        }
        w
    }
}

/// The current time as RFC 3339 UTC with microseconds and a `Z`.
pub fn now_utc() -> String {
    crate::annotate::times::now()
}

fn to_textarea_input(k: Key) -> ratatui_textarea::Input {
    use ratatui_textarea::Key as T;
    let key = match k.code {
        Code::Char(c) => T::Char(c),
        Code::Enter => T::Enter,
        Code::Esc => T::Esc,
        Code::Tab => T::Tab,
        Code::BackTab => T::Tab,
        Code::Backspace => T::Backspace,
        Code::Up => T::Up,
        Code::Down => T::Down,
        Code::Left => T::Left,
        Code::Right => T::Right,
        Code::PageUp => T::PageUp,
        Code::PageDown => T::PageDown,
        Code::Home => T::Home,
        Code::End => T::End,
    };
    ratatui_textarea::Input {
        key,
        ctrl: k.ctrl,
        alt: false,
        shift: false,
    }
}

fn new_editor(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut t = if lines.is_empty() {
        TextArea::default()
    } else {
        TextArea::new(lines)
    };
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

/// A backend's error as an I/O error (the terminal backend's already is one; the test
/// backend's cannot happen).
fn backend_error(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// The main loop, generic over the backend so tests can drive it on TestBackend.
/// `next` waits up to the given time for input (an empty list is a tick; None stops);
/// `edit_external` runs $EDITOR on a text (None when it could not).
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut AppState,
    theme: &Theme,
    session: &mut Session,
    mut next: impl FnMut(Rect, Duration) -> std::io::Result<Option<Vec<Event>>>,
    mut edit_external: impl FnMut(&mut Terminal<B>, &str) -> Option<String>,
) -> std::io::Result<()> {
    let size = terminal.size().map_err(backend_error)?;
    let (pw, ph) = ui::pane_text_size(Rect::new(0, 0, size.width, size.height));
    update(
        state,
        Event::Resize {
            width: pw,
            height: ph,
        },
    );
    loop {
        // the editor widget exists exactly while a note overlay is open
        match state.overlays.iter().rev().find_map(|o| match o {
            Overlay::Note { id, original, .. } => Some((id.clone(), original.clone())),
            _ => None,
        }) {
            Some((id, original)) => {
                if session.editor.as_ref().map(|e| &e.0) != Some(&id) {
                    session.editor = Some((id, new_editor(&original)));
                }
            }
            None => session.editor = None,
        }
        terminal
            .draw(|f| ui::render_with(f, state, theme, session.editor.as_ref().map(|e| &e.1)))
            .map_err(backend_error)?;
        if state.quit {
            for e in session.flush(state) {
                update(state, e);
            }
            return Ok(());
        }
        let size = terminal.size().map_err(backend_error)?;
        let wait = session.wait(state);
        let news = session.news();
        let events = if !news.is_empty() {
            news
        } else if let Some(events) = next(Rect::new(0, 0, size.width, size.height), wait)? {
            events
        } else {
            for e in session.flush(state) {
                update(state, e);
            }
            return Ok(());
        };
        let mut queue: std::collections::VecDeque<Event> = events.into();
        if queue.is_empty()
            && !state.pending.is_empty()
            && session.last_key.elapsed() >= Duration::from_millis(700)
        {
            queue.push_back(Event::Timeout);
        }
        while let Some(ev) = queue.pop_front() {
            state.now = now_utc();
            if let Event::Key(k) = &ev {
                session.last_key = Instant::now();
                let editing = matches!(state.overlays.last(), Some(Overlay::Note { .. }));
                if editing {
                    if let Some((_, t)) = session.editor.as_mut() {
                        let text = t.lines().join("\n");
                        if *k == Key::ctrl('s') {
                            queue.push_back(Event::NoteSubmit(
                                crate::store::canon::display(&text).into_owned(),
                            ));
                        } else if k.code == Code::Esc {
                            let original = state.overlays.iter().rev().find_map(|o| match o {
                                Overlay::Note { original, .. } => Some(original.clone()),
                                _ => None,
                            });
                            queue.push_back(Event::NoteCancel {
                                changed: original.as_deref() != Some(text.as_str()),
                            });
                        } else if *k == Key::ctrl('c') {
                            queue.push_back(Event::Key(*k));
                            session.editor = None;
                            state.overlays.clear();
                        } else if !matches!(k.code, Code::Char(c) if crate::store::canon::is_unsafe(c))
                        {
                            // typed or pasted controls and bidi overrides never enter the note
                            t.input(to_textarea_input(*k));
                        }
                        continue;
                    }
                }
            }
            let effects = update(state, ev);
            session.grow(state);
            for fx in effects {
                match fx {
                    Effect::Quit => {}
                    Effect::Save(i) => {
                        session.dirty.insert(i);
                        session.due.get_or_insert(Instant::now() + SAVE_DELAY);
                    }
                    Effect::EditInEditor { text } => match edit_external(terminal, &text) {
                        Some(t) if t != text => queue.push_back(Event::NoteSubmit(t)),
                        Some(_) => queue.push_back(Event::NoteCancel { changed: false }),
                        None => queue
                            .push_back(Event::Error("could not run $EDITOR; use a instead".into())),
                    },
                    Effect::Export { format, path } => {
                        let shown = (state.shown[0], state.shown[1]);
                        let result = crate::annotate::export::export_to_file(
                            &state.story,
                            &state.alignment,
                            &state.notes,
                            Some(shown),
                            &format,
                            std::path::Path::new(&path),
                            false,
                        );
                        queue.push_back(match result {
                            Ok(msg) => Event::Message(msg),
                            Err(e) => Event::Error(e),
                        });
                    }
                    Effect::AddUrl { url, folder } => {
                        session.fetching += 1;
                        add_in_background(url, folder, session.added.0.clone());
                    }
                    Effect::AlignStory => session.align(Arc::clone(&state.story)),
                }
            }
        }
        if session.due.is_some_and(|d| Instant::now() >= d) {
            for e in session.flush(state) {
                update(state, e);
            }
        }
    }
}

/// Run $EDITOR (or $VISUAL, or vi) on a temp file with the text; None if it failed.
fn external_editor<B: Backend>(terminal: &mut Terminal<B>, text: &str) -> Option<String> {
    let dir = tempfile::Builder::new()
        .prefix("diptych-note")
        .tempdir()
        .ok()?;
    let path = dir.path().join("note.md");
    std::fs::write(&path, text).ok()?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    restore();
    let mut parts = editor.split_whitespace();
    let prog = parts.next()?.to_string();
    let status = std::process::Command::new(prog)
        .args(parts)
        .arg(&path)
        .status();
    let _ = crossterm::terminal::enable_raw_mode();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableMouseCapture
    );
    let _ = terminal.clear();
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(&path)
            .ok()
            .map(|t| t.trim_end_matches('\n').to_string()),
        _ => None,
    }
}

/// Terminal events read on their own thread, so that the main loop always gets back to check
/// for SIGTERM/SIGHUP: when the terminal goes away, reading it can block or spin, and the
/// reader must still exit.
struct Input {
    rx: mpsc::Receiver<std::io::Result<CEvent>>,
    paused: Arc<AtomicBool>,
}

impl Input {
    fn start() -> Input {
        let (tx, rx) = mpsc::channel();
        let paused = Arc::new(AtomicBool::new(false));
        let p = Arc::clone(&paused);
        std::thread::spawn(move || loop {
            if p.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            match event::poll(Duration::from_millis(50)) {
                Ok(false) => {}
                Ok(true) => {
                    if p.load(Ordering::SeqCst) {
                        continue;
                    }
                    let ev = event::read();
                    let failed = ev.is_err();
                    if tx.send(ev).is_err() || failed {
                        break;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                    break;
                }
            }
        });
        Input { rx, paused }
    }
}

/// The controlling terminal is gone (its size can no longer be read).
fn hung_up() -> bool {
    crossterm::terminal::size().is_err()
}

fn restore() {
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
    ratatui::restore();
}

/// Chooses the (left, right) articles. The reader calls it before aligning, with an empty
/// alignment, so that the text shows at once.
pub type PickPair = Box<dyn Fn(&Story, &StoryAlignment) -> (usize, usize)>;

pub struct Options {
    pub theme: Theme,
    pub sync: bool,
    pub keymap: crate::app::keymap::Keymap,
    pub warning: Option<String>,
    /// Sources to show: (left, right) article indices.
    pub pick: PickPair,
}

/// Align the story on a worker thread that sends its progress, then the alignment, as events.
/// `StoryAlignment::build` cannot be interrupted, so a quit does not wait for it: the reader
/// returns, and the worker ends with the process.
fn align_in_background(story: Arc<Story>) -> mpsc::Receiver<Event> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let progress = tx.clone();
        let alignment = StoryAlignment::build(&story.articles, |done, total| {
            let _ = progress.send(Event::Aligning { done, total });
        });
        let _ = tx.send(Event::Aligned(Aligned::new(alignment)));
    });
    rx
}

/// Fetch a page into `folder` on a worker thread (as `diptych add` does) and send back the
/// article loaded from the saved file, or why it failed.
fn add_in_background(url: String, folder: PathBuf, tx: mpsc::Sender<Event>) {
    use crate::commands::add::{self, Outcome, Target};
    std::thread::spawn(move || {
        let target = Target {
            dir: folder,
            update: false,
            limits: crate::fetch::Limits::default(),
        };
        let mut warning = None;
        let outcome = add::add(&url, &target, &mut |w| {
            warning.get_or_insert(w);
        });
        let ev = match outcome {
            Ok(Outcome::Saved(p)) | Ok(Outcome::Updated(p)) => load_added(p, false, warning),
            Ok(Outcome::Skipped(p)) => load_added(p, true, warning),
            Err(e) => Event::AddFailed(format!("{e:#}")),
        };
        let _ = tx.send(ev);
    });
}

/// The article of a file `add` saved, as the reader's event.
fn load_added(path: PathBuf, existed: bool, warning: Option<String>) -> Event {
    match crate::store::load_path(&path, &crate::store::LoadOptions::default()) {
        Ok(mut articles) if !articles.is_empty() => Event::Added(Fetched {
            article: Box::new(articles.swap_remove(0)),
            path,
            existed,
            warning,
        }),
        Ok(_) => Event::AddFailed(format!("{}: no article in the saved file", path.display())),
        Err(e) => Event::AddFailed(e.to_string()),
    }
}

/// What the alignment worker has sent so far; `landed` turns true with the alignment, or with
/// a failure when the worker ended without sending one.
fn drain_alignment(rx: &mpsc::Receiver<Event>, landed: &mut bool) -> Vec<Event> {
    let mut news = Vec::new();
    while !*landed {
        match rx.try_recv() {
            Ok(ev) => {
                *landed = matches!(ev, Event::Aligned(_));
                news.push(ev);
            }
            Err(mpsc::TryRecvError::Empty) => break,
            Err(mpsc::TryRecvError::Disconnected) => {
                *landed = true;
                news.push(Event::AlignFailed("the worker stopped".into()));
            }
        }
    }
    news
}

/// Run the reader on a story until the user quits. Restores the terminal on every exit path.
pub fn run(story: Story, opts: Options) -> anyhow::Result<(usize, usize)> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let mut terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture);
    let result = run_inner(&mut terminal, story, opts, &stop);
    restore();
    result
}

fn run_inner<B: Backend>(
    terminal: &mut Terminal<B>,
    story: Story,
    opts: Options,
    stop: &AtomicBool,
) -> anyhow::Result<(usize, usize)> {
    let input = Input::start();
    // The text shows at once; the pair is chosen before anything is aligned (the remembered
    // pair, --left/--right, else the first two) and stays when the alignment lands.
    let n = story.articles.len();
    let (l, r) = (opts.pick)(&story, &StoryAlignment::empty(n));
    let (mut notes, sidecars, problems) = sidecar::load_story(&story);
    notes.iter_mut().for_each(|n| n.clean_for_display());
    let story = Arc::new(story);
    let mut session = Session::new(sidecars);
    // wrapped once, to the panes' width (the first resize then keeps the lines), before the
    // alignment starts taking the cores
    let area = terminal.size().map_err(backend_error)?;
    let panes = ui::pane_text_size(Rect::new(0, 0, area.width, area.height));
    let mut state = AppState::unaligned_sized(Arc::clone(&story), l, r, panes);
    session.align(story);
    state.sync = opts.sync;
    state.keymap = opts.keymap;
    state.notes = notes;
    Session::report_notes(&mut state, &problems);
    if let Some(w) = opts.warning {
        state.error = Some(w);
    }
    run_loop(
        terminal,
        &mut state,
        &opts.theme,
        &mut session,
        |area, wait| {
            if stop.load(Ordering::Relaxed) || hung_up() {
                return Ok(None);
            }
            match input.rx.recv_timeout(wait.min(Duration::from_millis(200))) {
                Ok(Ok(ev)) => Ok(Some(translate(ev, area))),
                Ok(Err(e)) => Err(e),
                Err(mpsc::RecvTimeoutError::Timeout) => Ok(Some(Vec::new())),
                Err(mpsc::RecvTimeoutError::Disconnected) => Ok(None),
            }
        },
        |t, text| {
            // the reader thread must not take the editor's keystrokes
            input.paused.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(60));
            let r = external_editor(t, text);
            while input.rx.try_recv().is_ok() {}
            input.paused.store(false, Ordering::SeqCst);
            r
        },
    )?;
    Ok((state.shown[0], state.shown[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_ending_after_its_alignment_is_no_failure() {
        let (tx, rx) = mpsc::channel();
        let mut landed = false;
        assert!(drain_alignment(&rx, &mut landed).is_empty());
        tx.send(Event::Aligning { done: 1, total: 1 }).unwrap();
        tx.send(Event::Aligned(Aligned::new(StoryAlignment::empty(2))))
            .unwrap();
        drop(tx);
        let news = drain_alignment(&rx, &mut landed);
        assert!(landed);
        assert_eq!(news.len(), 2, "{news:?}");
        assert!(matches!(news[1], Event::Aligned(_)));
        assert!(drain_alignment(&rx, &mut landed).is_empty());
    }

    #[test]
    fn a_worker_that_ends_without_an_alignment_failed() {
        let (tx, rx) = mpsc::channel();
        tx.send(Event::Aligning { done: 1, total: 3 }).unwrap();
        drop(tx);
        let mut landed = false;
        let news = drain_alignment(&rx, &mut landed);
        assert!(landed);
        assert!(matches!(
            news.as_slice(),
            [Event::Aligning { .. }, Event::AlignFailed(_)]
        ));
    }
}
