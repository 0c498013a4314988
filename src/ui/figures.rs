//! The figures overlay: every counted thing of the story with the value each outlet gives,
//! conflicts first, drawn only as far as it is visible.

use super::*;

pub(super) fn figures(f: &mut Frame, s: &AppState, theme: &Theme, selected: usize) {
    let rows_in = s.alignment.figures();
    let table = SourceTable {
        label_w: 34,
        col_w: 12,
        rows: rows_in.len(),
        selected,
    };
    let (inner, cols) = table.open(
        f,
        s,
        theme,
        rows_in.len().max(1),
        "figures: who reports which",
        "Enter jump · q close",
    );
    if rows_in.is_empty() {
        let what = if s.aligning.is_some() {
            "still aligning…"
        } else {
            "no figure is reported by two sources"
        };
        f.render_widget(Paragraph::new(Span::styled(what, theme.dim())), inner);
        return;
    }
    let col_w = usize::from(table.col_w);
    let header = Row::new(
        std::iter::once("counted".to_string()).chain(
            cols.iter()
                .map(|a| shorten(&s.story.articles[*a].source, col_w - 1)),
        ),
    )
    .style(theme.dim());
    let label_w = usize::from(table.label_w);
    table.draw(f, inner, theme, &cols, header, |i| {
        let row = &rows_in[i];
        let mark = if row.conflict { "≠ " } else { "  " };
        let label_style = if row.conflict {
            theme.error()
        } else {
            Style::default()
        };
        let mut cells = vec![ratatui::widgets::Cell::from(Span::styled(
            format!("{mark}{}", shorten(&row.label, label_w - 5)),
            label_style,
        ))];
        for &a in &cols {
            let cell = match row.cell(a) {
                Some(v) => Span::raw(shorten(&v.value_text, col_w - 1)),
                None => Span::styled("—", theme.dim()),
            };
            cells.push(ratatui::widgets::Cell::from(cell));
        }
        Row::new(cells)
    });
}
