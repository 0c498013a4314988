//! The coverage overlay: each paragraph of the pair, linked or only in one article.

use super::*;

pub(super) fn coverage(f: &mut Frame, s: &AppState, theme: &Theme, selected: usize) {
    let n = s.story.articles.len();
    let col_w = 9u16;
    let label_w = 40u16;
    let r = popup(
        f.area(),
        label_w + 4 + col_w * n as u16 + 2,
        s.alignment.topics.len() as u16 + 5,
    );
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" coverage: topics × sources — Enter jump · f figures · q close ")
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
                format!("■ {}", shorten(&t.label, label_w as usize - 5)),
                theme.topic(t.id),
            ))];
            for a in 0..n {
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
        })
        .collect();
    source_table(f, inner, theme, header, rows, label_w, col_w, n, selected);
}
