//! The bars around the panes: the story header (with the alignment's progress while it is
//! built), each pane's header, the topic line, the status line.

use super::*;

pub(super) fn header(f: &mut Frame, s: &AppState, theme: &Theme, r: Rect) {
    let n = s.story.articles.len();
    let sync = if s.sync { "sync on" } else { "sync off" };
    let left = format!(" diptych · {} · {} sources", s.story.name, n);
    let right = match s.aligning {
        Some((_, 0)) => format!("aligning… · {sync} · ? help "),
        Some((done, total)) => format!("aligning {done}/{total} pairs… · {sync} · ? help "),
        None => format!("{sync} · ? help "),
    };
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
    f.render_widget(Paragraph::new(fit(spans, r.width as usize)), r);
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

/// The spans as one line of at most `width` columns: text that does not fit is cut at a
/// character boundary and ends with "…", so a cut is always visible.
pub(super) fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= width {
        return Line::from(spans);
    }
    let budget = width.saturating_sub(1);
    let mut used = 0;
    let mut out = Vec::new();
    let mut last_style = Style::default();
    for sp in spans {
        last_style = sp.style;
        let w = sp.content.width();
        if used + w <= budget {
            used += w;
            out.push(sp);
            continue;
        }
        let mut cut = String::new();
        for c in sp.content.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > budget {
                break;
            }
            used += cw;
            cut.push(c);
        }
        out.push(Span::styled(cut, sp.style));
        break;
    }
    if width > 0 {
        out.push(Span::styled("…", last_style));
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn shown(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_cut_header_ends_with_an_ellipsis_and_fits() {
        let spans = || {
            vec![
                Span::raw("▶ "),
                Span::raw("DTN"),
                Span::raw(" · Dam deal in Port Arden eases fears"),
            ]
        };
        let l = fit(spans(), 24);
        assert_eq!(shown(&l), "▶ DTN · Dam deal in Por…");
        assert_eq!(shown(&l).width(), 24);
        assert_eq!(
            shown(&fit(spans(), 80)),
            "▶ DTN · Dam deal in Port Arden eases fears"
        );
        // wide characters never overflow the width
        let l = fit(vec![Span::raw("報道機関の見出しです")], 7);
        assert!(shown(&l).width() <= 7, "{}", shown(&l));
        assert!(shown(&l).ends_with('…'));
    }
}
