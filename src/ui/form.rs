//! The add/edit form popup: one line per field (one per item in a list), problems in the
//! warning style under their field, and the terminal cursor placed in the focused text field
//! (so an IME composes there).

use super::{confirm, fit, offset_for, Look};
use crate::app::form::{Field, Form, Lines, Value};
use crate::width::Columns;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// Columns before a value: the focus mark (2), the label (9, "time zone") and a gap (2).
pub(super) const VALUE_COLUMN: usize = 13;
/// Below this many columns for a list item's text, its day is left out.
const MIN_TEXT: usize = 12;
const WIDTH: u16 = 72;

pub fn draw(frame: &mut Frame, area: Rect, form: &Form, ctx: &Look) {
    let width = WIDTH.min(area.width);
    let value_width = usize::from(width.saturating_sub(2)).saturating_sub(VALUE_COLUMN + 1);
    let mut lines = Vec::new();
    let mut focus_line = 0;
    let mut cursor_column = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let (field_lines, cursor) = field_lines(field, focused, value_width, ctx);
        if focused {
            focus_line = lines.len() + cursor.map_or(0, |(line, _)| line);
            cursor_column = cursor.map(|(_, column)| column);
        }
        lines.extend(field_lines);
        if let Some(error) = &field.error {
            for part in wrap(error, value_width.max(1)) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(VALUE_COLUMN)),
                    Span::styled(part, ctx.theme.warning()),
                ]));
            }
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = super::centered(area, width, height);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", fit(&form.title, value_width)),
            ctx.theme.title(true),
        ))
        .title_bottom(Span::styled(" Enter save · Esc cancel ", ctx.theme.muted()))
        .border_style(ctx.theme.border(true));
    let inner = block.inner(popup);
    // A short terminal scrolls the form so the focused field stays in view.
    let offset = offset_for(focus_line, usize::from(inner.height));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((offset as u16, 0)),
        popup,
    );
    if form.discarding {
        confirm::draw(frame, area, "Discard changes? y/n", ctx);
    } else if let Some(column) = cursor_column {
        let x = inner.x + (VALUE_COLUMN + column) as u16;
        let y = inner.y + (focus_line - offset) as u16;
        if x < inner.right() && y < inner.bottom() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

/// The field's lines, and for a focused text field the cursor's line (within these) and column
/// (within the value).
fn field_lines(
    field: &Field,
    focused: bool,
    value_width: usize,
    ctx: &Look,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let mut spans = head(field.label, focused, ctx);
    let text_style = if focused {
        ctx.theme.title(false)
    } else {
        ratatui::style::Style::new()
    };
    let mut cursor = None;
    match &field.value {
        Value::Text(input) if input.text().is_empty() => {
            spans.push(Span::styled(
                fit(field.hint, value_width),
                ctx.theme.muted(),
            ));
            cursor = focused.then_some((0, 0));
        }
        Value::Text(input) => {
            let (shown, at) = input.window(value_width);
            let used = shown.columns();
            spans.push(Span::styled(shown, text_style));
            if let Some(note) = &field.note {
                spans.extend(beside(note, value_width - used.min(value_width), ctx));
            }
            cursor = focused.then_some((0, at));
        }
        Value::Choice { options, index } => {
            // ASCII arrows: ambiguous-width glyphs would shift columns in CJK terminals.
            let word = options[*index];
            let style = if focused {
                ctx.theme.selected(true)
            } else {
                ctx.theme.title(false).remove_modifier(Modifier::BOLD)
            };
            spans.push(Span::styled("< ", ctx.theme.muted()));
            spans.push(Span::styled(word, style));
            spans.push(Span::styled(" >", ctx.theme.muted()));
        }
        Value::Lines(list) => return list_lines(spans, field, list, focused, value_width, ctx),
    }
    (vec![Line::from(spans)], cursor)
}

/// The focus mark and the label, right-aligned so the values line up at `VALUE_COLUMN`.
pub(super) fn head(label: &str, focused: bool, ctx: &Look) -> Vec<Span<'static>> {
    let (mark, label_style) = if focused {
        ("> ", ctx.theme.title(true))
    } else {
        ("  ", ctx.theme.muted())
    };
    vec![
        Span::styled(mark, ctx.theme.title(true)),
        Span::styled(format!("{label:>9}  "), label_style),
    ]
}

/// A list field: the label on the first line, then one line per item under the values, each
/// with the day it was noted; the waiting blank line shows the hint.
fn list_lines(
    head: Vec<Span<'static>>,
    field: &Field,
    list: &Lines,
    focused: bool,
    value_width: usize,
    ctx: &Look,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let mut lines = Vec::new();
    let mut cursor = None;
    let last = list.items().len() - 1;
    for (i, item) in list.items().iter().enumerate() {
        let mut spans = if i == 0 {
            head.clone()
        } else {
            vec![Span::raw(" ".repeat(VALUE_COLUMN))]
        };
        let on = focused && i == list.row();
        let text = item.input.text();
        if text.is_empty() && i == last {
            spans.push(Span::styled(
                fit(field.hint, value_width),
                ctx.theme.muted(),
            ));
            cursor = cursor.or(on.then_some((i, 0)));
        } else {
            // A kept item's day sits in a column at the right; the text gets the rest. The
            // line being edited gets the whole width, so that moving onto it does not scroll
            // its start out of view to make room for the cursor.
            let since = item
                .since
                .filter(|_| !on)
                .map(|day| format!("  since {day}"));
            let room = match &since {
                Some(since) if value_width >= since.columns() + MIN_TEXT => {
                    value_width - since.columns()
                }
                _ => value_width,
            };
            let (shown, at) = if on {
                item.input.window(room)
            } else {
                (fit(text, room), 0)
            };
            let pad = room.saturating_sub(shown.columns());
            let style = if on {
                ctx.theme.title(false)
            } else {
                ratatui::style::Style::new()
            };
            spans.push(Span::styled(shown, style));
            if let Some(since) = since.filter(|_| room < value_width) {
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(since, ctx.theme.muted()));
            }
            cursor = cursor.or(on.then_some((i, at)));
        }
        lines.push(Line::from(spans));
    }
    (lines, cursor)
}

/// `note` dimmed after a value, when the `room` left beside it holds it; nothing otherwise.
pub(super) fn beside(note: &str, room: usize, ctx: &Look) -> Option<Span<'static>> {
    (note.columns() + 2 <= room).then(|| Span::styled(format!("  {note}"), ctx.theme.muted()))
}

/// Greedy word wrap to `width` display columns; a word longer than a line is cut.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = if line.is_empty() { 0 } else { 1 } + word.columns();
        if !line.is_empty() && line.columns() + needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.into_iter().map(|l| fit(&l, width)).collect()
}
