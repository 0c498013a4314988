//! Rendering of AppState with ratatui widgets. Reads app state, never changes it; cost is
//! proportional to what is visible. Markers are characters as well as colors (NO_COLOR).

mod bars;
mod coverage;
mod figures;
mod help;
mod list;
mod notes;
mod panes;
mod picker;
pub mod theme;

use crate::app::{wrap, AppState, Mode, Overlay, Side};
use crate::store::{canon, shorten, Kind};
use bars::{header, pane_header, status, topic_line};
use notes::{confirm, note_editor, relation, tags};
use panes::{draw_pane, gutter, margins};
pub use panes::{pane_rows, RowRef};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, TableState};
use ratatui::Frame;
pub use theme::Theme;

pub const GUTTER: u16 = 5;
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

/// Text size of one pane for a terminal of this size: what the app wraps to.
pub fn pane_text_size(area: Rect) -> (u16, u16) {
    let w = area.width.saturating_sub(GUTTER) / 2;
    (
        w.saturating_sub(1).max(1),
        area.height.saturating_sub(4).max(1),
    )
}

pub fn render(f: &mut Frame, s: &AppState, theme: &Theme) {
    render_with(f, s, theme, None);
}

/// Render the app; `editor` is the note editor's widget when the runtime has one open.
pub fn render_with(
    f: &mut Frame,
    s: &AppState,
    theme: &Theme,
    editor: Option<&ratatui_textarea::TextArea<'_>>,
) {
    draw(f, s, theme, editor);
    scrub(f.buffer_mut());
}

/// The last step before the terminal: a cell holding an escape sequence or another unsafe
/// character (from any title, note, tag, message or typed text, whichever widget drew it) is
/// cleaned, so the frame can never drive the terminal.
fn scrub(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        if let std::borrow::Cow::Owned(clean) = canon::display_line(cell.symbol()) {
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

fn draw(
    f: &mut Frame,
    s: &AppState,
    theme: &Theme,
    editor: Option<&ratatui_textarea::TextArea<'_>>,
) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "terminal too small ({}×{}); need {}×{}",
            area.width, area.height, MIN_WIDTH, MIN_HEIGHT
        );
        f.render_widget(
            Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .split(area);
    let (pw, _) = pane_text_size(area);
    let pane_w = pw + 1;
    let cols = |r: Rect| {
        [
            Rect {
                x: r.x,
                y: r.y,
                width: pane_w,
                height: r.height,
            },
            Rect {
                x: r.x + pane_w,
                y: r.y,
                width: GUTTER,
                height: r.height,
            },
            Rect {
                x: r.x + pane_w + GUTTER,
                y: r.y,
                width: r.width.saturating_sub(pane_w + GUTTER),
                height: r.height,
            },
        ]
    };
    header(f, s, theme, rows[0]);
    let hc = cols(rows[1]);
    for (side, r) in [(Side::Left, hc[0]), (Side::Right, hc[2])] {
        pane_header(f, s, theme, side, r);
    }
    topic_line(f, s, theme, rows[2]);
    let pc = cols(rows[3]);
    // Left text: one blank column on the outer edge; the gutter has blank columns on both sides.
    // With sync on, the other pane is padded so that linked paragraphs start level with the
    // focused pane's where the order allows.
    let h = rows[3].height as usize;
    let (left, right) = if !s.sync {
        (
            pane_rows(s, Side::Left, h, None),
            pane_rows(s, Side::Right, h, None),
        )
    } else if s.focus == Side::Left {
        let l = pane_rows(s, Side::Left, h, None);
        let r = pane_rows(s, Side::Right, h, Some(&l));
        (l, r)
    } else {
        let r = pane_rows(s, Side::Right, h, None);
        let l = pane_rows(s, Side::Left, h, Some(&r));
        (l, r)
    };
    draw_pane(
        f,
        s,
        theme,
        Side::Left,
        &left,
        Rect {
            x: pc[0].x + 1,
            width: pc[0].width.saturating_sub(1),
            ..pc[0]
        },
    );
    draw_pane(
        f,
        s,
        theme,
        Side::Right,
        &right,
        Rect {
            x: pc[2].x + 1,
            width: pc[2].width.saturating_sub(1),
            ..pc[2]
        },
    );
    gutter(f, s, theme, &left, &right, pc[1]);
    status(f, s, theme, rows[4]);
    margins(f, s, theme, &left, &right, pc[0], pc[2]);
    for (k, o) in s.overlays.iter().enumerate() {
        // the editor stays visible under its confirmation prompt
        let top = k + 1 == s.overlays.len();
        match o {
            Overlay::Help { scroll } if top => help::help(f, s, theme, *scroll),
            Overlay::Coverage { selected } if top => coverage::coverage(f, s, theme, *selected),
            Overlay::Figures { selected } if top => figures::figures(f, s, theme, *selected),
            Overlay::SourcePicker { selected } if top => picker::picker(f, s, theme, *selected),
            Overlay::Note {
                article, original, ..
            } => note_editor(f, s, theme, *article, original, editor),
            Overlay::ConfirmDiscard if top => {
                confirm(f, theme, "Discard the changes to this note? y / n")
            }
            Overlay::Tags { input, .. } if top => tags(f, s, theme, input),
            Overlay::Relation { selected, .. } if top => relation(f, theme, *selected),
            Overlay::List { filter, selected } if top => list::list(f, s, theme, filter, *selected),
            _ => {}
        }
    }
}

/// A table of rows × sources in an overlay, built only for what is visible: the rows around
/// `selected` that fit the height, and, in a story of more than `TABLE_SOURCES` sources, the
/// source columns that fit the width — the pair on screen first, then the others in order.
pub(super) struct SourceTable {
    pub label_w: u16,
    pub col_w: u16,
    pub rows: usize,
    pub selected: usize,
}

impl SourceTable {
    /// Width the overlay asks for (at most the screen, see `popup`).
    fn width(&self, sources: usize) -> u16 {
        clamp_u16(usize::from(self.label_w) + 6 + usize::from(self.col_w) * sources)
    }

    /// Draws the overlay's box, `height` lines of rows, titled `what` (with how many sources
    /// are shown when not all fit) and `keys`; returns the inside and the sources shown there.
    pub(super) fn open(
        &self,
        f: &mut Frame,
        s: &AppState,
        theme: &Theme,
        height: usize,
        what: &str,
        keys: &str,
    ) -> (Rect, Vec<usize>) {
        let n = s.story.articles.len();
        let r = popup(f.area(), self.width(n), clamp_u16(height + 5));
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.accent());
        let inner = block.inner(r);
        let cols = self.columns(s, inner);
        let title = if cols.len() < n {
            format!(" {what} ({} of {n} sources) — {keys} ", cols.len())
        } else {
            format!(" {what} — {keys} ")
        };
        f.render_widget(block.title(title), r);
        (inner, cols)
    }

    /// The sources shown as columns in `area`.
    pub(super) fn columns(&self, s: &AppState, area: Rect) -> Vec<usize> {
        let n = s.story.articles.len();
        if n <= crate::align::TABLE_SOURCES {
            return (0..n).collect();
        }
        let room = area.width.saturating_sub(self.label_w + 2) / (self.col_w + 1);
        let fit = usize::from(room).max(1);
        let mut cols: Vec<usize> = Vec::with_capacity(fit);
        for a in s.shown.iter().copied().chain(0..n) {
            if cols.len() == fit {
                break;
            }
            if a < n && !cols.contains(&a) {
                cols.push(a);
            }
        }
        cols
    }

    /// Draws the table under `header`, with the columns `cols`; `row(i)` builds row `i`, and
    /// only the rows that fit are built.
    pub(super) fn draw<'a>(
        &self,
        f: &mut Frame,
        area: Rect,
        theme: &Theme,
        cols: &[usize],
        header: Row<'a>,
        row: impl Fn(usize) -> Row<'a>,
    ) {
        // the header takes one line; the selected row stays in view
        let height = usize::from(area.height.saturating_sub(1)).max(1);
        let first = (self.selected + 1).saturating_sub(height);
        let last = (first + height).min(self.rows);
        let rows: Vec<Row> = (first..last).map(row).collect();
        let widths: Vec<Constraint> = std::iter::once(Constraint::Length(self.label_w))
            .chain(cols.iter().map(|_| Constraint::Length(self.col_w)))
            .collect();
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(theme.selected())
            .highlight_symbol("▶ ");
        let mut st = TableState::default().with_selected(
            (self.selected < last && self.selected >= first).then_some(self.selected - first),
        );
        f.render_stateful_widget(table, area, &mut st);
    }
}

/// A count as a terminal size, at most `u16::MAX`.
pub(super) fn clamp_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

pub(super) fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1);
    let h = h.min(area.height.saturating_sub(2)).max(1);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub(super) fn ui_bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
