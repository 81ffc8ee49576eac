//! The client picker for `N`: the query on top, the matching clients below with the letters
//! that matched in the accent colour, the chosen one reversed.

use super::{offset_for, Look};
use crate::app::form::TextInput;
use crate::app::picker::Picker;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

const WIDTH: u16 = 60;
const ROWS: u16 = 10;

pub fn draw(frame: &mut Frame, area: Rect, picker: &Picker, ctx: &Look) {
    draw_titled(frame, area, picker, " Note for which client? ", ctx);
}

/// The picker under another question (`M`: the client a person moved to).
pub fn draw_titled(frame: &mut Frame, area: Rect, picker: &Picker, title: &str, ctx: &Look) {
    let width = WIDTH.min(area.width);
    let rows = (picker.matches.len() as u16).clamp(1, ROWS);
    let popup = super::centered(area, width, (rows + 3).min(area.height));
    let list = query_popup(
        frame,
        popup,
        (title, " Enter pick · Esc cancel "),
        &picker.query,
        ctx,
    );
    if picker.matches.is_empty() {
        frame.render_widget(Span::styled("  no client matches", ctx.theme.muted()), list);
        return;
    }
    let offset = offset_for(picker.cursor, usize::from(list.height));
    let lines: Vec<Line> = picker
        .matches
        .iter()
        .enumerate()
        .skip(offset)
        .take(usize::from(list.height))
        .map(|(i, m)| {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(m.parts.iter().map(|(text, hit)| {
                let style = if *hit {
                    ctx.theme.title(true).add_modifier(Modifier::UNDERLINED)
                } else {
                    ratatui::style::Style::new()
                };
                Span::styled(text.as_str(), style)
            }));
            let line = Line::from(spans);
            if i == picker.cursor {
                line.patch_style(ctx.theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

/// A bordered popup with `titles` (top, bottom) and the query on its first line, the cursor
/// placed for IMEs; returns the area left below the query for the list.
pub(super) fn query_popup(
    frame: &mut Frame,
    popup: Rect,
    (title, keys): (&str, &str),
    input: &TextInput,
    ctx: &Look,
) -> Rect {
    let block = Block::bordered()
        .title(Span::styled(title, ctx.theme.title(true)))
        .title_bottom(Span::styled(keys, ctx.theme.muted()))
        .border_style(ctx.theme.border(true));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [query, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let room = usize::from(query.width.saturating_sub(2));
    let (shown, column) = input.window(room);
    frame.render_widget(
        Line::from(vec![
            Span::styled("> ", ctx.theme.title(true)),
            Span::raw(shown),
        ]),
        query,
    );
    let x = query.x + 2 + column as u16;
    if x < query.right() {
        frame.set_cursor_position(Position::new(x, query.y));
    }
    list
}
