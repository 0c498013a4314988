//! The figures overlay: every counted thing of the story with the value each outlet gives,
//! conflicts first.

use super::*;

pub(super) fn figures(f: &mut Frame, s: &AppState, theme: &Theme, selected: usize) {
    let n = s.story.articles.len();
    let rows_in = s.alignment.figures();
    let col_w = 12u16;
    let label_w = 34u16;
    let r = popup(
        f.area(),
        label_w + 4 + col_w * n as u16 + 2,
        rows_in.len().max(1) as u16 + 5,
    );
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" figures: who reports which — Enter jump · q close ")
        .border_style(theme.accent());
    let inner = block.inner(r);
    f.render_widget(block, r);
    if rows_in.is_empty() {
        let what = if s.aligning.is_some() {
            "still aligning…"
        } else {
            "no figure is reported by two sources"
        };
        f.render_widget(Paragraph::new(Span::styled(what, theme.dim())), inner);
        return;
    }
    let header = Row::new(
        std::iter::once("counted".to_string()).chain(
            s.story
                .articles
                .iter()
                .map(|a| shorten(&a.source, col_w as usize - 1)),
        ),
    )
    .style(theme.dim());
    let rows: Vec<Row> = rows_in
        .iter()
        .map(|row| {
            let mark = if row.conflict { "≠ " } else { "  " };
            let label_style = if row.conflict {
                theme.error()
            } else {
                Style::default()
            };
            let mut cells = vec![ratatui::widgets::Cell::from(Span::styled(
                format!("{mark}{}", shorten(&row.label, label_w as usize - 5)),
                label_style,
            ))];
            for a in 0..n {
                let cell = match row.cells.get(a).and_then(Option::as_ref) {
                    Some(v) => Span::raw(shorten(&v.value_text, col_w as usize - 1)),
                    None => Span::styled("—", theme.dim()),
                };
                cells.push(ratatui::widgets::Cell::from(cell));
            }
            Row::new(cells)
        })
        .collect();
    source_table(f, inner, theme, header, rows, label_w, col_w, n, selected);
}
