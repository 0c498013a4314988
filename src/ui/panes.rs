//! The two text panes and what sits beside them: rows of wrapped text per pane (padded so
//! linked paragraphs start level), the gutter between them and the margins' annotation marks.

use super::*;

/// One screen row of a pane: which paragraph and wrapped line it shows (None = separator).
#[derive(Debug, Clone)]
pub struct RowRef {
    pub para: usize,
    pub line: Option<usize>,
    pub text: String,
    /// Char offset of the row's first char in the canonical text.
    pub start: usize,
}

/// The rows a pane shows from its position, wrapping only the visible paragraphs.
pub fn pane_rows(s: &AppState, side: Side, height: usize, guide: Option<&[RowRef]>) -> Vec<RowRef> {
    let a = s.article(side);
    let pos = s.pos[side.idx()];
    let width = s.width as usize;
    let mut out = Vec::with_capacity(height);
    let mut para = pos.para;
    let mut skip = pos.line;
    while out.len() < height && para < a.paragraphs.len() {
        let text = a.para_text(para);
        let base = a.paragraphs[para].chars.start;
        let lines = wrap(text, width);
        // char offset of each wrapped line, found in order in the paragraph text
        let mut cursor = 0usize;
        for (i, l) in lines.iter().enumerate() {
            let at = text[cursor..].find(l.as_str()).map(|o| cursor + o);
            let start = match at {
                Some(b) => {
                    cursor = b + l.len();
                    base + text[..b].chars().count()
                }
                None => usize::MAX,
            };
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if out.len() >= height {
                break;
            }
            if i == 0 && !out.is_empty() {
                if let Some(g) = guide {
                    // the row where a paragraph linked to this one starts in the other pane
                    let linked = s.links_from(side, para);
                    let target = g
                        .iter()
                        .position(|r| r.line == Some(0) && linked.iter().any(|x| x.0 == r.para));
                    if let Some(t) = target {
                        while out.len() < t && t - out.len() <= height / 2 {
                            out.push(RowRef {
                                para: para.saturating_sub(1),
                                line: None,
                                text: String::new(),
                                start: usize::MAX,
                            });
                        }
                    }
                }
            }
            if out.len() >= height {
                break;
            }
            out.push(RowRef {
                para,
                line: Some(i),
                text: l.clone(),
                start,
            });
        }
        if skip > 0 {
            skip -= 1;
        } else if out.len() < height {
            out.push(RowRef {
                para,
                line: None,
                text: String::new(),
                start: usize::MAX,
            });
        }
        para += 1;
    }
    out
}

pub(super) fn draw_pane(
    f: &mut Frame,
    s: &AppState,
    theme: &Theme,
    side: Side,
    rows: &[RowRef],
    r: Rect,
) {
    let a = s.article(side);
    // character highlights: shared phrases, conflicting figures, search matches
    let mut marks: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
    let visible: Vec<usize> = rows.iter().map(|x| x.para).collect();
    for (lp, rp, ph) in &s.phrases {
        let mine = if side == Side::Left { *lp } else { *rp };
        if !visible.contains(&mine) {
            continue;
        }
        for (x, y) in ph {
            marks.push((
                if side == Side::Left {
                    x.clone()
                } else {
                    y.clone()
                },
                theme.shared(),
            ));
        }
    }
    for d in &s.pair().discrepancies {
        let span = if side == Side::Left {
            d.left_span.clone()
        } else {
            d.right_span.clone()
        };
        marks.push((span, theme.conflict()));
    }
    // highlights, under everything else
    let art = s.shown[side.idx()];
    let notes = &s.notes[art];
    let mut hl: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
    for (i, an) in notes.live() {
        if let Some(Some(r)) = notes.resolved.get(i).map(|x| x.0.clone()) {
            hl.push((r, theme.highlight(an.color)));
        }
    }
    hl.sort_by_key(|x| std::cmp::Reverse(x.0.len()));
    if side == s.focus {
        hl.push((s.cursor_range(side), theme.cursor()));
    }
    marks.splice(0..0, hl);
    if let Some(r) = s.selection_range(side) {
        marks.push((r, theme.selection()));
    }
    if let Some((ps, _, r)) = &s.pending_link {
        if *ps == side {
            marks.push((r.clone(), theme.selection()));
        }
    }
    if let Some(search) = &s.search {
        if side == s.focus {
            for (k, (_, m)) in search.matches.iter().enumerate() {
                marks.push((m.clone(), theme.search(search.current == Some(k))));
            }
        }
    }
    let lines: Vec<Line> = rows
        .iter()
        .map(|row| {
            if row.line.is_none() {
                return Line::from("");
            }
            let kind = a.paragraphs[row.para].kind;
            let base = theme.kind(kind);
            if row.start == usize::MAX {
                return Line::from(Span::styled(row.text.clone(), base));
            }
            let mut spans: Vec<Span> = Vec::new();
            let mut cur = String::new();
            let mut cur_style = base;
            for (k, ch) in row.text.chars().enumerate() {
                let off = row.start + k;
                let mut st = base;
                for (range, m) in &marks {
                    if range.contains(&off) {
                        st = st.patch(*m);
                    }
                }
                if st != cur_style && !cur.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut cur), cur_style));
                }
                cur_style = st;
                cur.push(ch);
            }
            if !cur.is_empty() {
                spans.push(Span::styled(cur, cur_style));
            }
            Line::from(spans)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), r);
}

/// Marker for a paragraph row in the gutter: linked (◆, topic color), unique (◇), conflict (!).
pub(super) fn marker(s: &AppState, theme: &Theme, side: Side, row: &RowRef) -> Span<'static> {
    let a = s.article(side);
    let kind = a
        .paragraphs
        .get(row.para)
        .map(|p| p.kind)
        .unwrap_or(Kind::Body);
    if row.line.is_none() || kind == Kind::Boilerplate {
        return Span::raw(" ");
    }
    let color = s.link_color(side, row.para);
    let first = row.line == Some(0);
    if s.has_discrepancy(side, row.para) && first {
        return Span::styled("!", theme.conflict_marker());
    }
    if let Some(c) = color {
        let st = theme.topic(c);
        return Span::styled(if first { "◆" } else { "│" }, st);
    }
    if s.is_unique(side, row.para) {
        return Span::styled(if first { "◇" } else { "┆" }, theme.unique());
    }
    Span::raw(" ")
}

pub(super) fn gutter(
    f: &mut Frame,
    s: &AppState,
    theme: &Theme,
    left: &[RowRef],
    right: &[RowRef],
    r: Rect,
) {
    let mut lines = Vec::with_capacity(r.height as usize);
    for y in 0..r.height as usize {
        let l = left.get(y);
        let rr = right.get(y);
        let lm = l
            .map(|x| marker(s, theme, Side::Left, x))
            .unwrap_or(Span::raw(" "));
        let rm = rr
            .map(|x| marker(s, theme, Side::Right, x))
            .unwrap_or(Span::raw(" "));
        // a connector when both rows start paragraphs linked to each other
        let joined = match (l, rr) {
            (Some(a), Some(b)) if a.line == Some(0) && b.line == Some(0) => s
                .links_from(Side::Left, a.para)
                .iter()
                .any(|x| x.0 == b.para),
            _ => false,
        };
        let mid = if joined {
            let conflict = lm.content == "!" && rm.content == "!";
            let c = l
                .and_then(|x| s.link_color(Side::Left, x.para))
                .unwrap_or(0);
            Span::styled(
                "─",
                if conflict {
                    theme.conflict_marker()
                } else {
                    theme.topic(c)
                },
            )
        } else {
            Span::raw(" ")
        };
        lines.push(Line::from(vec![Span::raw(" "), lm, mid, rm]));
    }
    f.render_widget(Paragraph::new(lines), r);
}

/// Annotation markers in the blank column beside each pane's text: ⇄ linked, ✎ note, ▌ highlight.
pub(super) fn margins(
    f: &mut Frame,
    s: &AppState,
    theme: &Theme,
    left: &[RowRef],
    right: &[RowRef],
    lc: Rect,
    rc: Rect,
) {
    for (side, rows, x) in [(Side::Left, left, lc.x), (Side::Right, right, rc.x)] {
        let notes = &s.notes[s.shown[side.idx()]];
        let ranges: Vec<(std::ops::Range<usize>, &crate::annotate::Annotation)> = notes
            .live()
            .filter_map(|(i, a)| {
                notes
                    .resolved
                    .get(i)
                    .and_then(|r| r.0.clone())
                    .map(|r| (r, a))
            })
            .collect();
        for (y, row) in rows.iter().enumerate() {
            if row.line.is_none() || row.start == usize::MAX || y as u16 >= lc.height {
                continue;
            }
            let end = row.start + row.text.chars().count();
            let here: Vec<&crate::annotate::Annotation> = ranges
                .iter()
                .filter(|(r, _)| r.start < end && row.start < r.end)
                .map(|x| x.1)
                .collect();
            let Some(first) = here.first() else { continue };
            let sym = if here.iter().any(|a| !a.links.is_empty()) {
                "⇄"
            } else if here.iter().any(|a| !a.note.is_empty()) {
                "✎"
            } else {
                "▌"
            };
            let cell = Rect {
                x,
                y: lc.y + y as u16,
                width: 1,
                height: 1,
            };
            f.render_widget(
                Paragraph::new(Span::styled(sym, theme.marker(first.color))),
                cell,
            );
        }
    }
}
