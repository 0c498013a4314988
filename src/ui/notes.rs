//! Overlays for editing annotations: the note editor, its discard prompt, tags and the
//! relation menu for cross-article links.

use super::*;

pub(super) fn note_editor(
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

pub(super) fn confirm(f: &mut Frame, theme: &Theme, msg: &str) {
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

pub(super) fn tags(f: &mut Frame, s: &AppState, theme: &Theme, input: &str) {
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

pub(super) fn relation(f: &mut Frame, theme: &Theme, selected: usize) {
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
