//! The annotation list: every highlight and note of the story, filtered as you type.

use super::*;

pub(super) fn list(f: &mut Frame, s: &AppState, theme: &Theme, filter: &str, selected: usize) {
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
