//! Lines and lists painted as ratatui's `Line` and `List` widgets paint them, cheaper.
//!
//! A frame is mostly printable ASCII, which `Span` still walks grapheme by grapheme (Unicode
//! segmentation, a width lookup and a bounds-checked cell each), and `List` styles every cell
//! of its area and rows even with an empty style. That was a third of a `j`. Here a line of
//! printable ASCII is set cell by cell, a style that changes nothing is not applied, and any
//! other line (CJK, emoji, a centred line) is left to ratatui. The cells are the widgets' own
//! (see the tests).

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

/// Paints `line` in the first row of `area`, as `Line`'s widget does.
pub fn line(buf: &mut Buffer, area: Rect, line: &Line) {
    let plain = matches!(line.alignment, None | Some(Alignment::Left))
        && line.spans.iter().all(|span| printable(&span.content));
    if !plain {
        return line.render(area, buf);
    }
    let row = Rect {
        height: 1,
        ..area.intersection(buf.area)
    };
    if row.is_empty() || line.spans.iter().all(|span| span.content.is_empty()) {
        return;
    }
    style(buf, row, line.style);
    let mut x = row.x;
    for span in &line.spans {
        if x >= row.right() {
            break;
        }
        let room = usize::from(row.right() - x);
        let start = buf.index_of(x, row.y);
        let text = &span.content;
        for (i, cell) in buf.content[start..]
            .iter_mut()
            .take(room.min(text.len()))
            .enumerate()
        {
            cell.set_symbol(&text[i..=i]).set_style(span.style);
        }
        x = x.saturating_add(u16::try_from(text.len()).unwrap_or(u16::MAX));
    }
}

/// Text whose every character is a grapheme one cell wide: printable ASCII.
fn printable(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// `Buffer::set_style`, skipped when `style` would change nothing.
fn style(buf: &mut Buffer, area: Rect, style: Style) {
    if style != Style::default() {
        buf.set_style(area, style);
    }
}

/// Paints `items` (each a few lines) from the top of `area` as a `List` scrolled to the first
/// of them paints them: each item that fits whole, the `selected` one in `highlight`.
pub fn list(
    buf: &mut Buffer,
    area: Rect,
    items: &[Vec<Line>],
    selected: Option<usize>,
    highlight: Style,
) {
    let mut y = area.y;
    for (i, item) in items.iter().enumerate() {
        let height = u16::try_from(item.len()).unwrap_or(u16::MAX);
        if y.saturating_add(height) > area.bottom() {
            break;
        }
        let row = Rect::new(area.x, y, area.width, height);
        for (text, at) in item.iter().zip(row.intersection(buf.area).rows()) {
            line(buf, at, text);
        }
        if selected == Some(i) {
            buf.set_style(row, highlight);
        }
        y += height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::{List, ListItem, ListState, StatefulWidget};

    fn styles() -> impl Strategy<Value = Style> {
        proptest::sample::select(vec![
            Style::default(),
            Style::new().fg(Color::Red),
            Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
            Style::new()
                .remove_modifier(Modifier::BOLD)
                .fg(Color::Indexed(7)),
        ])
    }

    fn spans() -> impl Strategy<Value = Vec<Span<'static>>> {
        let text = proptest::sample::select(vec![
            "",
            "a",
            "Acme Oy",
            "  ",
            "12d ^",
            "界面",
            "🔒 private",
            "e\u{301}",
            "tab\there",
            "~!",
        ]);
        proptest::collection::vec((text, styles()), 0..5)
            .prop_map(|spans| spans.into_iter().map(|(t, s)| Span::styled(t, s)).collect())
    }

    fn lines() -> impl Strategy<Value = Line<'static>> {
        let alignment =
            proptest::sample::select(vec![None, Some(Alignment::Left), Some(Alignment::Right)]);
        (spans(), styles(), alignment).prop_map(|(spans, style, alignment)| {
            let mut line = Line::from(spans).style(style);
            line.alignment = alignment;
            line
        })
    }

    /// A screen with something on it already, as a frame's earlier widgets leave it.
    fn canvas(area: Rect) -> Buffer {
        let mut buf = Buffer::empty(area);
        for y in 0..area.height {
            buf.set_string(0, y, "xxxxxxxxxxxxxxxxxxxx", Style::new().fg(Color::Green));
        }
        buf
    }

    proptest! {
        #[test]
        fn a_line_paints_as_the_line_widget(line in lines(), x in 0u16..6, width in 0u16..16) {
            let area = Rect::new(0, 0, 14, 1);
            let at = Rect::new(x, 0, width, 1);
            let mut theirs = canvas(area);
            (&line).render(at, &mut theirs);
            let mut ours = canvas(area);
            super::line(&mut ours, at, &line);
            prop_assert_eq!(theirs, ours);
        }

        #[test]
        fn a_list_paints_as_the_list_widget(
            items in proptest::collection::vec(proptest::collection::vec(lines(), 1..4), 1..8),
            selected in 0usize..8,
            height in 1u16..9,
        ) {
            let selected = selected % items.len();
            let area = Rect::new(1, 1, 12, height);
            let screen = Rect::new(0, 0, 14, 10);
            let highlight = Style::new().add_modifier(Modifier::REVERSED);
            let mut theirs = canvas(screen);
            let list = List::new(items.iter().cloned().map(ListItem::new)).highlight_style(highlight);
            // Scrolled to the first item, as the panes hand it over (`window::visible`).
            let fits = items.iter().scan(0, |used, item| { *used += item.len(); Some(*used) })
                .take_while(|&used| used <= usize::from(height)).count();
            prop_assume!(selected < fits);
            let mut state = ListState::default().with_selected(Some(selected));
            StatefulWidget::render(&list, area, &mut theirs, &mut state);
            let mut ours = canvas(screen);
            super::list(&mut ours, area, &items, Some(selected), highlight);
            prop_assert_eq!(theirs, ours);
        }
    }

    /// The timeline hands over no items when the selected event is taller than the pane
    /// (`window::visible`): `List` paints nothing there either.
    #[test]
    fn an_item_taller_than_the_list_is_not_painted_by_the_list_widget_either() {
        let area = Rect::new(0, 0, 6, 3);
        let item = vec![Line::raw("abc"); 5];
        let mut theirs = canvas(area);
        let list = List::new([ListItem::new(item.clone()), ListItem::new(Line::raw("z"))]);
        let mut state = ListState::default().with_selected(Some(0));
        StatefulWidget::render(&list, area, &mut theirs, &mut state);
        let mut ours = canvas(area);
        super::list(&mut ours, area, &[], Some(0), Style::default());
        assert_eq!(theirs, ours);
    }
}
