//! The source picker: choose which article a pane shows.

use super::*;

pub(super) fn picker(f: &mut Frame, s: &AppState, theme: &Theme, selected: usize) {
    let n = s.story.articles.len();
    let r = popup(f.area(), 80, clamp_u16(n + 4));
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" sources — Enter show in this pane · q close ")
        .border_style(theme.accent());
    let inner = block.inner(r);
    f.render_widget(block, r);
    // only the rows that fit, the selected one in view
    let height = usize::from(inner.height).max(1);
    let first = (selected + 1).saturating_sub(height);
    let rows: Vec<Row> = s
        .story
        .articles
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
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
    let mut st = TableState::default().with_selected(Some(selected - first));
    f.render_stateful_widget(table, inner, &mut st);
}
