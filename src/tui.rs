//! The terminal edge: raw mode, crossterm events → app events, drawing frames, restoring the
//! terminal on exit, panic and SIGTERM/SIGHUP. The only place that touches crossterm.

use crate::align::StoryAlignment;
use crate::app::keymap::{Code, Key};
use crate::app::{update, AppState, Event, Side};
use crate::store::Story;
use crate::ui::{self, Theme};
use crossterm::event::{
    self, Event as CEvent, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::backend::Backend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

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

/// The main loop, generic over the backend so tests can drive it on TestBackend.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut AppState,
    theme: &Theme,
    mut next: impl FnMut(Rect) -> std::io::Result<Option<Vec<Event>>>,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    let (pw, ph) = ui::pane_text_size(Rect::new(0, 0, size.width, size.height));
    update(
        state,
        Event::Resize {
            width: pw,
            height: ph,
        },
    );
    loop {
        terminal.draw(|f| ui::render(f, state, theme))?;
        if state.quit {
            return Ok(());
        }
        let size = terminal.size()?;
        match next(Rect::new(0, 0, size.width, size.height))? {
            None => return Ok(()),
            Some(evs) => {
                for e in evs {
                    update(state, e);
                }
            }
        }
    }
}

fn restore() {
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
    ratatui::restore();
}

/// Chooses the (left, right) articles once the story is aligned.
pub type PickPair = Box<dyn Fn(&Story, &StoryAlignment) -> (usize, usize)>;

pub struct Options {
    pub theme: Theme,
    pub sync: bool,
    pub keymap: crate::app::keymap::Keymap,
    pub warning: Option<String>,
    /// Sources to show: (left, right) article indices, or None to choose after aligning.
    pub pick: PickPair,
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
    // Align in the background and show progress instead of a frozen screen.
    let done = Arc::new(AtomicUsize::new(0));
    let total = story.articles.len() * story.articles.len().saturating_sub(1) / 2;
    let name = story.name.clone();
    let worker = {
        let done = Arc::clone(&done);
        let arts = story.articles.clone();
        std::thread::spawn(move || {
            StoryAlignment::build(&arts, |d, _| done.store(d, Ordering::Relaxed))
        })
    };
    while !worker.is_finished() {
        terminal.draw(|f| ui::render_progress(f, done.load(Ordering::Relaxed), total, &name))?;
        if event::poll(Duration::from_millis(50))? {
            if let CEvent::Key(k) = event::read()? {
                if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL)
                    || k.code == KeyCode::Char('q')
                {
                    return Ok((0, 0));
                }
            }
        }
        if stop.load(Ordering::Relaxed) {
            return Ok((0, 0));
        }
    }
    let alignment = worker
        .join()
        .map_err(|_| anyhow::anyhow!("alignment failed"))?;
    let (l, r) = (opts.pick)(&story, &alignment);
    let mut state = AppState::new(story, alignment, l, r);
    state.sync = opts.sync;
    state.keymap = opts.keymap;
    state.error = opts.warning;
    run_loop(terminal, &mut state, &opts.theme, |area| loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        if event::poll(Duration::from_millis(200))? {
            let evs = translate(event::read()?, area);
            if !evs.is_empty() {
                return Ok(Some(evs));
            }
        }
    })?;
    Ok((state.shown[0], state.shown[1]))
}
