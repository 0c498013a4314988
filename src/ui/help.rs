//! The help overlay: every action of the keymap, in columns, generated from the same table.

use super::*;

pub(super) fn help(f: &mut Frame, s: &AppState, theme: &Theme, scroll: usize) {
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
