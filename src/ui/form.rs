//! The add/edit form popup: one line per field, problems in the warning style under their
//! field, and the terminal cursor placed in the focused text field (so an IME composes there).

use super::{confirm, fit, offset_for, Ctx};
use crate::app::form::{Field, Form, Value};
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Columns before a value: the focus mark (2), the label (9, "time zone") and a gap (2).
const VALUE_COLUMN: usize = 13;
const WIDTH: u16 = 72;

pub fn draw(frame: &mut Frame, area: Rect, form: &Form, ctx: &Ctx) {
    let width = WIDTH.min(area.width);
    let value_width = usize::from(width.saturating_sub(2)).saturating_sub(VALUE_COLUMN + 1);
    let mut lines = Vec::new();
    let mut focus_line = 0;
    let mut cursor_column = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            focus_line = lines.len();
        }
        let (line, column) = field_line(field, focused, value_width, ctx);
        if focused {
            cursor_column = column;
        }
        lines.push(line);
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

/// The field's line, and for a focused text field the cursor's column within the value.
fn field_line(
    field: &Field,
    focused: bool,
    value_width: usize,
    ctx: &Ctx,
) -> (Line<'static>, Option<usize>) {
    let (mark, label_style) = if focused {
        ("> ", ctx.theme.title(true))
    } else {
        ("  ", ctx.theme.muted())
    };
    let mut spans = vec![
        Span::styled(mark, ctx.theme.title(true)),
        Span::styled(format!("{:>9}  ", field.label), label_style),
    ];
    let mut column = None;
    match &field.value {
        Value::Text(input) if input.text().is_empty() => {
            spans.push(Span::styled(
                fit(field.hint, value_width),
                ctx.theme.muted(),
            ));
            column = focused.then_some(0);
        }
        Value::Text(input) => {
            let (shown, at) = input.window(value_width);
            let style = if focused {
                ctx.theme.title(false)
            } else {
                ratatui::style::Style::new()
            };
            spans.push(Span::styled(shown, style));
            column = focused.then_some(at);
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
    }
    (Line::from(spans), column)
}

/// Greedy word wrap to `width` display columns; a word longer than a line is cut.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = if line.is_empty() { 0 } else { 1 } + word.width();
        if !line.is_empty() && line.width() + needed > width {
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
