//! Rendering of AppState with ratatui widgets. Reads app state, never changes it; cost is
//! proportional to what is visible. Markers are characters as well as colors (NO_COLOR).

pub mod theme;

use crate::app::{wrap, AppState, Mode, Overlay, Side};
use crate::store::{canon, shorten, Kind};
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
            Overlay::Help { scroll } if top => help(f, s, theme, *scroll),
            Overlay::Coverage { selected } if top => coverage(f, s, theme, *selected),
            Overlay::SourcePicker { selected } if top => picker(f, s, theme, *selected),
            Overlay::Note {
                article, original, ..
            } => note_editor(f, s, theme, *article, original, editor),
            Overlay::ConfirmDiscard if top => {
                confirm(f, theme, "Discard the changes to this note? y / n")
            }
            Overlay::Tags { input, .. } if top => tags(f, s, theme, input),
            Overlay::Relation { selected, .. } if top => relation(f, theme, *selected),
            Overlay::List { filter, selected } if top => list(f, s, theme, filter, *selected),
            _ => {}
        }
    }
}

fn header(f: &mut Frame, s: &AppState, theme: &Theme, r: Rect) {
    let n = s.story.articles.len();
    let sync = if s.sync { "sync on" } else { "sync off" };
    let left = format!(" diptych · {} · {} sources", s.story.name, n);
    let right = format!("{sync} · ? help ");
    let pad = (r.width as usize).saturating_sub(left.chars().count() + right.chars().count());
    let line = Line::from(vec![
        Span::styled(left, theme.title_bar()),
        Span::styled(" ".repeat(pad), theme.title_bar()),
        Span::styled(right, theme.title_bar()),
    ]);
    f.render_widget(Paragraph::new(line), r);
}

fn pane_header(f: &mut Frame, s: &AppState, theme: &Theme, side: Side, r: Rect) {
    let a = s.article(side);
    let focus = s.focus == side;
    let mut spans = vec![
        Span::styled(if focus { "▶ " } else { "  " }, theme.accent()),
        Span::styled(a.source.clone(), theme.outlet(focus)),
    ];
    if let Some(d) = &a.published {
        spans.push(Span::styled(
            format!(" · {}", d.chars().take(10).collect::<String>()),
            theme.dim(),
        ));
    }
    spans.push(Span::styled(format!(" · {}", a.title), theme.dim()));
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}

fn topic_line(f: &mut Frame, s: &AppState, theme: &Theme, r: Rect) {
    let side = s.focus;
    let para = s.top_para(side);
    let unique = s.is_unique(side, para);
    let line = match s.alignment.topic_of(s.shown[side.idx()], para) {
        Some(t) => {
            let mut spans = vec![
                Span::styled(" topic ", theme.dim()),
                Span::styled(format!("■ {}", t.label), theme.topic(t.id)),
                Span::styled(
                    format!("  ({} of {})", t.id + 1, s.alignment.topics.len()),
                    theme.dim(),
                ),
            ];
            if unique {
                spans.push(Span::styled(
                    format!("  ◇ not in {}", s.article(side.other()).source),
                    theme.unique(),
                ));
            }
            Line::from(spans)
        }
        None if unique => Line::from(vec![
            Span::styled(" topic ", theme.dim()),
            Span::styled(
                format!("◇ only {} reports this", s.article(side).source),
                theme.unique(),
            ),
        ]),
        None => Line::from(Span::styled(" topic —", theme.dim())),
    };
    f.render_widget(Paragraph::new(line), r);
}

/// One screen row of a pane: which paragraph and wrapped line it shows (None = separator).
#[derive(Debug, Clone)]
pub struct RowRef {
    pub para: usize,
    pub line: Option<usize>,
    pub text: String,
    /// Char offset of the row's first char in the canonical text.
    pub start: usize,
}

/// The rows a pane shows from its position, wrapping only the visible paragraphs.
pub fn pane_rows(s: &AppState, side: Side, height: usize, guide: Option<&[RowRef]>) -> Vec<RowRef> {
    let a = s.article(side);
    let pos = s.pos[side.idx()];
    let width = s.width as usize;
    let mut out = Vec::with_capacity(height);
    let mut para = pos.para;
    let mut skip = pos.line;
    while out.len() < height && para < a.paragraphs.len() {
        let text = a.para_text(para);
        let base = a.paragraphs[para].chars.start;
        let lines = wrap(text, width);
        // char offset of each wrapped line, found in order in the paragraph text
        let mut cursor = 0usize;
        for (i, l) in lines.iter().enumerate() {
            let at = text[cursor..].find(l.as_str()).map(|o| cursor + o);
            let start = match at {
                Some(b) => {
                    cursor = b + l.len();
                    base + text[..b].chars().count()
                }
                None => usize::MAX,
            };
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if out.len() >= height {
                break;
            }
            if i == 0 && !out.is_empty() {
                if let Some(g) = guide {
                    // the row where a paragraph linked to this one starts in the other pane
                    let linked = s.links_from(side, para);
                    let target = g
                        .iter()
                        .position(|r| r.line == Some(0) && linked.iter().any(|x| x.0 == r.para));
                    if let Some(t) = target {
                        while out.len() < t && t - out.len() <= height / 2 {
                            out.push(RowRef {
                                para: para.saturating_sub(1),
                                line: None,
                                text: String::new(),
                                start: usize::MAX,
                            });
                        }
                    }
                }
            }
            if out.len() >= height {
                break;
            }
            out.push(RowRef {
                para,
                line: Some(i),
                text: l.clone(),
                start,
            });
        }
        if skip > 0 {
            skip -= 1;
        } else if out.len() < height {
            out.push(RowRef {
                para,
                line: None,
                text: String::new(),
                start: usize::MAX,
            });
        }
        para += 1;
    }
    out
}

fn draw_pane(f: &mut Frame, s: &AppState, theme: &Theme, side: Side, rows: &[RowRef], r: Rect) {
    let a = s.article(side);
    // character highlights: shared phrases, conflicting figures, search matches
    let mut marks: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
    let visible: Vec<usize> = rows.iter().map(|x| x.para).collect();
    for (lp, rp, ph) in &s.phrases {
        let mine = if side == Side::Left { *lp } else { *rp };
        if !visible.contains(&mine) {
            continue;
        }
        for (x, y) in ph {
            marks.push((
                if side == Side::Left {
                    x.clone()
                } else {
                    y.clone()
                },
                theme.shared(),
            ));
        }
    }
    for d in &s.pair().discrepancies {
        let span = if side == Side::Left {
            d.left_span.clone()
        } else {
            d.right_span.clone()
        };
        marks.push((span, theme.conflict()));
    }
    // highlights, under everything else
    let art = s.shown[side.idx()];
    let notes = &s.notes[art];
    let mut hl: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
    for (i, an) in notes.live() {
        if let Some(Some(r)) = notes.resolved.get(i).map(|x| x.0.clone()) {
            hl.push((r, theme.highlight(an.color)));
        }
    }
    hl.sort_by_key(|x| std::cmp::Reverse(x.0.len()));
    if side == s.focus {
        hl.push((s.cursor_range(side), theme.cursor()));
    }
    marks.splice(0..0, hl);
    if let Some(r) = s.selection_range(side) {
        marks.push((r, theme.selection()));
    }
    if let Some((ps, _, r)) = &s.pending_link {
        if *ps == side {
            marks.push((r.clone(), theme.selection()));
        }
    }
    if let Some(search) = &s.search {
        if side == s.focus {
            for (k, (_, m)) in search.matches.iter().enumerate() {
                marks.push((m.clone(), theme.search(search.current == Some(k))));
            }
        }
    }
    let lines: Vec<Line> = rows
        .iter()
        .map(|row| {
            if row.line.is_none() {
                return Line::from("");
            }
            let kind = a.paragraphs[row.para].kind;
            let base = theme.kind(kind);
            if row.start == usize::MAX {
                return Line::from(Span::styled(row.text.clone(), base));
            }
            let mut spans: Vec<Span> = Vec::new();
            let mut cur = String::new();
            let mut cur_style = base;
            for (k, ch) in row.text.chars().enumerate() {
                let off = row.start + k;
                let mut st = base;
                for (range, m) in &marks {
                    if range.contains(&off) {
                        st = st.patch(*m);
                    }
                }
                if st != cur_style && !cur.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut cur), cur_style));
                }
                cur_style = st;
                cur.push(ch);
            }
            if !cur.is_empty() {
                spans.push(Span::styled(cur, cur_style));
            }
            Line::from(spans)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), r);
}

/// Marker for a paragraph row in the gutter: linked (◆, topic color), unique (◇), conflict (!).
fn marker(s: &AppState, theme: &Theme, side: Side, row: &RowRef) -> Span<'static> {
    let a = s.article(side);
    let kind = a
        .paragraphs
        .get(row.para)
        .map(|p| p.kind)
        .unwrap_or(Kind::Body);
    if row.line.is_none() || kind == Kind::Boilerplate {
        return Span::raw(" ");
    }
    let color = s.link_color(side, row.para);
    let first = row.line == Some(0);
    if s.has_discrepancy(side, row.para) && first {
        return Span::styled("!", theme.conflict_marker());
    }
    if let Some(c) = color {
        let st = theme.topic(c);
        return Span::styled(if first { "◆" } else { "│" }, st);
    }
    if s.is_unique(side, row.para) {
        return Span::styled(if first { "◇" } else { "┆" }, theme.unique());
    }
    Span::raw(" ")
}

fn gutter(f: &mut Frame, s: &AppState, theme: &Theme, left: &[RowRef], right: &[RowRef], r: Rect) {
    let mut lines = Vec::with_capacity(r.height as usize);
    for y in 0..r.height as usize {
        let l = left.get(y);
        let rr = right.get(y);
        let lm = l
            .map(|x| marker(s, theme, Side::Left, x))
            .unwrap_or(Span::raw(" "));
        let rm = rr
            .map(|x| marker(s, theme, Side::Right, x))
            .unwrap_or(Span::raw(" "));
        // a connector when both rows start paragraphs linked to each other
        let joined = match (l, rr) {
            (Some(a), Some(b)) if a.line == Some(0) && b.line == Some(0) => s
                .links_from(Side::Left, a.para)
                .iter()
                .any(|x| x.0 == b.para),
            _ => false,
        };
        let mid = if joined {
            let conflict = lm.content == "!" && rm.content == "!";
            let c = l
                .and_then(|x| s.link_color(Side::Left, x.para))
                .unwrap_or(0);
            Span::styled(
                "─",
                if conflict {
                    theme.conflict_marker()
                } else {
                    theme.topic(c)
                },
            )
        } else {
            Span::raw(" ")
        };
        lines.push(Line::from(vec![Span::raw(" "), lm, mid, rm]));
    }
    f.render_widget(Paragraph::new(lines), r);
}

fn status(f: &mut Frame, s: &AppState, theme: &Theme, r: Rect) {
    let side = s.focus;
    let mode = match s.mode {
        Mode::Normal => " NORMAL ",
        Mode::Visual => " VISUAL ",
        Mode::SearchInput => " SEARCH ",
        Mode::CommandInput => " COMMAND ",
    };
    let n = s.article(side).paragraphs.len();
    let p = s.top_para(side);
    let pct = if n <= 1 { 100 } else { p * 100 / (n - 1) };
    let mut spans = vec![
        Span::styled(mode, theme.mode()),
        Span::raw(format!(
            " {} ¶{}/{} {}% ",
            if side == Side::Left { "L" } else { "R" },
            p + 1,
            n,
            pct
        )),
    ];
    if s.mode == Mode::SearchInput {
        let q = s.search.as_ref().map(|x| x.query.as_str()).unwrap_or("");
        spans.push(Span::styled(format!("/{q}▏"), theme.accent()));
    } else if s.mode == Mode::CommandInput {
        spans.push(Span::styled(format!(":{}▏", s.command), theme.accent()));
    } else if !s.pending.is_empty() {
        spans.push(Span::styled(
            crate::app::keymap::keys_to_string(&s.pending),
            theme.accent(),
        ));
    }
    if let Some(e) = &s.error {
        spans.push(Span::styled(format!("  {e}"), theme.error()));
    } else if let Some(m) = &s.message {
        spans.push(Span::styled(format!("  {m}"), theme.dim()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}

fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1);
    let h = h.min(area.height.saturating_sub(2)).max(1);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn help(f: &mut Frame, s: &AppState, theme: &Theme, scroll: usize) {
    // every binding, from the keymap: reading keys, then the keys of a selection
    let mut rows: Vec<(String, String, bool)> = s
        .keymap
        .help_rows()
        .into_iter()
        .map(|(k, a)| (k, a.describe().to_string(), false))
        .collect();
    rows.push((String::new(), "in a selection (after v or V):".into(), true));
    rows.extend(
        s.keymap
            .help_rows_for(Mode::Visual)
            .into_iter()
            .map(|(k, a)| (k, a.describe().to_string(), false)),
    );
    let area = f.area();
    let col_w = 58u16;
    let cols = ((area.width.saturating_sub(4)) / col_w).clamp(1, 3) as usize;
    let per_col = rows.len().div_ceil(cols);
    let r = popup(area, col_w * cols as u16 + 2, per_col as u16 + 2);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" keys — j/k scroll · q or ? close · rebind in config.toml by action name ")
        .border_style(theme.accent());
    let inner = block.inner(r);
    f.render_widget(block, r);
    for c in 0..cols {
        let x = inner.x + c as u16 * col_w;
        if x >= inner.x + inner.width {
            break;
        }
        let rect = Rect {
            x,
            y: inner.y,
            width: col_w.min(inner.x + inner.width - x),
            height: inner.height,
        };
        let lines: Vec<Line> = rows
            .iter()
            .skip(c * per_col)
            .take(per_col)
            .skip(scroll)
            .map(|(k, d, heading)| {
                if *heading {
                    Line::from(Span::styled(
                        format!(" {d}"),
                        ui_bold().patch(theme.accent()),
                    ))
                } else {
                    Line::from(vec![
                        Span::styled(format!(" {:<14}", shorten(k, 14)), theme.accent()),
                        Span::raw(shorten(d, col_w as usize - 16)),
                    ])
                }
            })
            .collect();
        f.render_widget(Paragraph::new(lines), rect);
    }
}

fn ui_bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

fn coverage(f: &mut Frame, s: &AppState, theme: &Theme, selected: usize) {
    let n = s.story.articles.len();
    let col_w = 9u16;
    let label_w = 30u16;
    let r = popup(
        f.area(),
        label_w + 4 + col_w * n as u16 + 2,
        s.alignment.topics.len() as u16 + 5,
    );
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" coverage: topics × sources — Enter jump · q close ")
        .border_style(theme.accent());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let header = Row::new(
        std::iter::once("topic".to_string()).chain(
            s.story
                .articles
                .iter()
                .map(|a| shorten(&a.source, col_w as usize - 1)),
        ),
    )
    .style(theme.dim());
    let rows: Vec<Row> = s
        .alignment
        .topics
        .iter()
        .map(|t| {
            let mut cells = vec![ratatui::widgets::Cell::from(Span::styled(
                format!("■ {}", shorten(&t.label, label_w as usize - 2)),
                theme.topic(t.id),
            ))];
            for a in 0..n {
                let ps = t.in_article(a);
                let mark = if ps.is_empty() {
                    "·".to_string()
                } else {
                    format!("● ¶{}", ps[0])
                };
                let st = if ps.is_empty() {
                    theme.dim()
                } else {
                    Style::default()
                };
                cells.push(ratatui::widgets::Cell::from(Span::styled(mark, st)));
            }
            Row::new(cells)
        })
        .collect();
    let widths: Vec<Constraint> = std::iter::once(Constraint::Length(label_w))
        .chain((0..n).map(|_| Constraint::Length(col_w)))
        .collect();
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut st = TableState::default().with_selected(Some(selected));
    f.render_stateful_widget(table, inner, &mut st);
}

fn picker(f: &mut Frame, s: &AppState, theme: &Theme, selected: usize) {
    let n = s.story.articles.len();
    let r = popup(f.area(), 80, n as u16 + 4);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" sources — Enter show in this pane · q close ")
        .border_style(theme.accent());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let rows: Vec<Row> = s
        .story
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (c, t) = s.alignment.coverage(i);
            let here = if s.shown[0] == i {
                "L"
            } else if s.shown[1] == i {
                "R"
            } else {
                " "
            };
            Row::new(vec![
                here.to_string(),
                shorten(&a.source, 22),
                format!("{c}/{t} topics"),
                shorten(&a.title, 60),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Length(23),
            Constraint::Length(11),
            Constraint::Min(10),
        ],
    )
    .row_highlight_style(theme.selected())
    .highlight_symbol("▶ ");
    let mut st = TableState::default().with_selected(Some(selected));
    f.render_stateful_widget(table, inner, &mut st);
}

/// A progress screen while a large story is aligned.
pub fn render_progress(f: &mut Frame, done: usize, total: usize, name: &str) {
    let area = f.area();
    let msg = format!("diptych · aligning {name}: {done}/{total} pairs");
    let r = popup(area, msg.chars().count() as u16 + 4, 3);
    f.render_widget(
        Paragraph::new(msg).block(Block::default().borders(Borders::ALL)),
        r,
    );
    scrub(f.buffer_mut());
}

/// Annotation markers in the blank column beside each pane's text: ⇄ linked, ✎ note, ▌ highlight.
fn margins(
    f: &mut Frame,
    s: &AppState,
    theme: &Theme,
    left: &[RowRef],
    right: &[RowRef],
    lc: Rect,
    rc: Rect,
) {
    for (side, rows, x) in [(Side::Left, left, lc.x), (Side::Right, right, rc.x)] {
        let notes = &s.notes[s.shown[side.idx()]];
        let ranges: Vec<(std::ops::Range<usize>, &crate::annotate::Annotation)> = notes
            .live()
            .filter_map(|(i, a)| {
                notes
                    .resolved
                    .get(i)
                    .and_then(|r| r.0.clone())
                    .map(|r| (r, a))
            })
            .collect();
        for (y, row) in rows.iter().enumerate() {
            if row.line.is_none() || row.start == usize::MAX || y as u16 >= lc.height {
                continue;
            }
            let end = row.start + row.text.chars().count();
            let here: Vec<&crate::annotate::Annotation> = ranges
                .iter()
                .filter(|(r, _)| r.start < end && row.start < r.end)
                .map(|x| x.1)
                .collect();
            let Some(first) = here.first() else { continue };
            let sym = if here.iter().any(|a| !a.links.is_empty()) {
                "⇄"
            } else if here.iter().any(|a| !a.note.is_empty()) {
                "✎"
            } else {
                "▌"
            };
            let cell = Rect {
                x,
                y: lc.y + y as u16,
                width: 1,
                height: 1,
            };
            f.render_widget(
                Paragraph::new(Span::styled(sym, theme.marker(first.color))),
                cell,
            );
        }
    }
}

fn note_editor(
    f: &mut Frame,
    s: &AppState,
    theme: &Theme,
    article: usize,
    original: &str,
    editor: Option<&ratatui_textarea::TextArea<'_>>,
) {
    let r = popup(f.area(), 72, 14);
    f.render_widget(Clear, r);
    let src = s
        .story
        .articles
        .get(article)
        .map(|a| a.source.as_str())
        .unwrap_or("");
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" note · {src} — Ctrl-s save · Esc close "))
        .border_style(theme.accent());
    let inner = block.inner(r);
    f.render_widget(block, r);
    match editor {
        Some(t) => f.render_widget(t, inner),
        None => f.render_widget(Paragraph::new(original.to_string()), inner),
    }
}

fn confirm(f: &mut Frame, theme: &Theme, msg: &str) {
    let r = popup(f.area(), msg.chars().count() as u16 + 4, 3);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(msg).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.error()),
        ),
        r,
    );
}

fn tags(f: &mut Frame, s: &AppState, theme: &Theme, input: &str) {
    let known: Vec<String> = s
        .notes
        .iter()
        .flat_map(|n| n.tags())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let r = popup(f.area(), 64, 5);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" tags — comma separated · Tab complete · Enter save · Esc cancel ")
        .border_style(theme.accent());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let lines = vec![
        Line::from(Span::raw(format!("{input}▏"))),
        Line::from(Span::styled(
            format!("used: {}", known.join(", ")),
            theme.dim(),
        )),
    ];
    f.render_widget(Paragraph::new(lines), inner);
}

fn relation(f: &mut Frame, theme: &Theme, selected: usize) {
    let r = popup(f.area(), 36, 6 + 2);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" link: how do they relate? ")
        .border_style(theme.accent());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let lines: Vec<Line> = crate::annotate::Relation::ALL
        .iter()
        .enumerate()
        .map(|(i, rel)| {
            let st = if i == selected {
                theme.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(format!(" {} {}", i + 1, rel.label()), st))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

fn list(f: &mut Frame, s: &AppState, theme: &Theme, filter: &str, selected: usize) {
    let items = s.list_items(filter);
    let area = f.area();
    let r = popup(
        area,
        area.width.saturating_sub(8).min(110),
        area.height.saturating_sub(4),
    );
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" annotations ({}) — type to filter: words #tag @outlet color:N · Enter jump · Ctrl-a re-attach orphan · Esc ", items.len()))
        .border_style(theme.accent());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let mut lines = vec![Line::from(vec![
        Span::styled("filter: ", theme.dim()),
        Span::raw(format!("{filter}▏")),
    ])];
    let mut orphan_header = false;
    let room = inner.height.saturating_sub(2) as usize;
    let skip = selected.saturating_sub(room.saturating_sub(1));
    for (k, it) in items.iter().enumerate().skip(skip).take(room) {
        if it.orphan && !orphan_header {
            lines.push(Line::from(Span::styled(
                "— orphans: their text changed and the quote was not found —",
                theme.error(),
            )));
            orphan_header = true;
        }
        let Some(a) = s.notes[it.article].get(&it.id) else {
            continue;
        };
        let src = shorten(&s.story.articles[it.article].source, 16);
        let status = crate::app::notes::status_label(s, it.article, &it.id);
        let mut spans = vec![
            Span::styled(if k == selected { "▶ " } else { "  " }, theme.accent()),
            Span::styled("▌", theme.marker(a.color)),
            Span::styled(format!(" {src:<16} "), theme.dim()),
            Span::raw(shorten(&canon::display_line(&a.target.quote), 60)),
        ];
        if !a.note.is_empty() {
            spans.push(Span::styled(
                format!("  ✎ {}", shorten(&a.note.replace('\n', " "), 30)),
                theme.dim(),
            ));
        }
        for t in &a.tags {
            spans.push(Span::styled(format!(" #{t}"), theme.accent()));
        }
        if !a.links.is_empty() {
            spans.push(Span::styled(
                format!("  ⇄ {}", a.links[0].relation.label()),
                theme.dim(),
            ));
        }
        if !status.is_empty() {
            spans.push(Span::styled(format!("  [{status}]"), theme.error()));
        }
        let mut line = Line::from(spans);
        if k == selected {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    if items.is_empty() {
        lines.push(Line::from(Span::styled(
            "no annotations yet: H highlights the cursor sentence",
            theme.dim(),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
