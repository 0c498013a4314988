//! The bars around the panes: the story header, each pane's header, the topic line, the status
//! line, and the progress screen shown while a story aligns.

use super::*;

pub(super) fn header(f: &mut Frame, s: &AppState, theme: &Theme, r: Rect) {
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

pub(super) fn pane_header(f: &mut Frame, s: &AppState, theme: &Theme, side: Side, r: Rect) {
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

pub(super) fn topic_line(f: &mut Frame, s: &AppState, theme: &Theme, r: Rect) {
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

pub(super) fn status(f: &mut Frame, s: &AppState, theme: &Theme, r: Rect) {
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
