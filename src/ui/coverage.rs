//! The coverage overlay: the story's topics and the sources that cover each, drawn only as far
//! as it is visible.

use super::*;

pub(super) fn coverage(f: &mut Frame, s: &AppState, theme: &Theme, selected: usize) {
    let table = SourceTable {
        label_w: 40,
        col_w: 9,
        rows: s.alignment.topics.len(),
        selected,
    };
    let (inner, cols) = table.open(
        f,
        s,
        theme,
        table.rows,
        "coverage: topics × sources",
        "Enter jump · f figures · q close",
    );
    let col_w = usize::from(table.col_w);
    let header = Row::new(
        std::iter::once("topic".to_string()).chain(
            cols.iter()
                .map(|a| shorten(&s.story.articles[*a].source, col_w - 1)),
        ),
    )
    .style(theme.dim());
    let label_w = usize::from(table.label_w);
    table.draw(f, inner, theme, &cols, header, |i| {
        let t = &s.alignment.topics[i];
        let mut cells = vec![ratatui::widgets::Cell::from(Span::styled(
            format!("■ {}", shorten(&t.label, label_w - 5)),
            theme.topic(t.id),
        ))];
        for &a in &cols {
            let ps = t.in_article(a);
            let mark = if ps.is_empty() {
                "·".to_string()
            } else {
                format!("● ¶{}", ps[0] + 1)
            };
            let st = if ps.is_empty() {
                theme.dim()
            } else {
                Style::default()
            };
            cells.push(ratatui::widgets::Cell::from(Span::styled(mark, st)));
        }
        Row::new(cells)
    });
}
