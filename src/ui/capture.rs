//! The capture box: the note being written, a notice when it was restored (and, during a call,
//! a warning when it is outside 08–18 where the client's people are), and under it the
//! preview of what saving stores and for which client, new @names flagged. The terminal cursor
//! sits at the text cursor, so an input method composes there.

use super::{mention, Look};
use crate::app::capture::editor::PLACEHOLDER;
use crate::app::capture::question::About;
use crate::app::capture::Capture;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

const MAX_WIDTH: u16 = 96;
/// Rows of text the box shows before it scrolls.
const EDITOR_ROWS: u16 = 8;
const PREVIEW_ROWS: u16 = 2;

pub fn draw(frame: &mut Frame, area: Rect, capture: &Capture, ctx: &Look) {
    let width = area
        .width
        .saturating_sub(4)
        .clamp(20, MAX_WIDTH)
        .min(area.width);
    let inner_width = width.saturating_sub(2);
    // A call at someone's night is said before the note: the box may have opened on a habit.
    let off_hours = (capture.call.filter(|c| c.ended.is_none()))
        .and(capture.their_time.as_ref())
        .filter(|t| t.local.off_hours)
        .map(|t| format!("⚠ {} where {} is: outside 08–18", t.local.text, t.name));
    let notice: Vec<Line> = (capture.notice.iter().chain(off_hours.iter()))
        .flat_map(|text| textwrap::wrap(text, usize::from(inner_width.max(1))))
        .map(|line| Line::styled(line.into_owned(), ctx.theme.warning()))
        .collect();
    let notice_rows = notice.len() as u16;
    // Borders, the rule above the preview and the preview itself around the text.
    let chrome = 2 + notice_rows + 1 + PREVIEW_ROWS;
    let height = (chrome + EDITOR_ROWS).min(area.height);
    let popup = super::centered(area, width, height);
    let there = (capture.their_time.as_ref())
        .map(|t| format!(" · {} {}", t.name, t.local.text))
        .unwrap_or_default();
    let title = match (&capture.editing, capture.call) {
        (Some(editing), _) => format!(" {} ", editing.title),
        (None, Some(call)) if call.ended.is_some() => {
            format!(
                " Call with {} · {} min, ended{there} ",
                capture.client_name, call.minutes
            )
        }
        (None, Some(call)) => format!(
            " Call with {} · {} min{there} ",
            capture.client_name, call.minutes
        ),
        (None, None) => format!(" Note for {} ", capture.client_name),
    };
    let block = Block::bordered()
        .title(Span::styled(
            super::fit(&title, usize::from(inner_width)),
            ctx.theme.title(true),
        ))
        .title_bottom(Span::styled(
            match capture.editing {
                Some(_) => " Enter save the edit · Alt-Enter new line · Esc leave it unchanged ",
                None => " Enter save · Alt-Enter new line · Esc keep draft · Ctrl-D discard ",
            },
            ctx.theme.muted(),
        ))
        .border_style(ctx.theme.border(true));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [top, text, rule, bottom] = Layout::vertical([
        Constraint::Length(notice_rows),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(PREVIEW_ROWS),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(notice), top);
    let cursor = draw_text(frame, text, capture, ctx);
    frame.render_widget(
        Span::styled("─".repeat(usize::from(rule.width)), ctx.theme.border(false)),
        rule,
    );
    frame.render_widget(
        Paragraph::new(preview_line(capture, ctx)).wrap(Wrap { trim: true }),
        bottom,
    );
    match &capture.question {
        Some(question) => mention::draw(frame, area, &question.text, ctx),
        None => frame.set_cursor_position(cursor),
    }
}

/// The note's rows as the editor lays them out (wrapped per grapheme cluster, as the
/// terminal draws them), from the row that keeps the cursor in view; the cursor's cell.
fn draw_text(frame: &mut Frame, area: Rect, capture: &Capture, ctx: &Look) -> Position {
    let editor = &capture.editor;
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let screen = editor.screen(width);
    let top = editor.view_top(screen.cursor.0, height);
    let lines: Vec<Line> = if editor.text().is_empty() {
        vec![Line::styled(PLACEHOLDER, ctx.theme.muted())]
    } else {
        (screen.rows.into_iter().skip(top).take(height))
            .map(Line::raw)
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), area);
    let (row, column) = screen.cursor;
    // The view keeps the cursor's row in it; its column is within the row's width.
    let x = area.x + column.min(width.saturating_sub(1)) as u16;
    let y = area.y + (row - top).min(height.saturating_sub(1)) as u16;
    Position::new(x, y)
}

/// `→ Acme Oy · call · with Mikko · +1`, then the @names saving will ask about.
fn preview_line<'a>(capture: &'a Capture, ctx: &Look) -> Line<'a> {
    let preview = &capture.preview;
    let mut spans = vec![Span::styled(
        format!("→ {}", capture.client_name),
        ctx.theme.title(false),
    )];
    if !preview.summary.is_empty() {
        spans.push(Span::raw(format!(" · {}", preview.summary)));
    }
    for name in &preview.unknown {
        spans.push(Span::styled(
            format!(" · @{name}? new here"),
            ctx.theme.warning(),
        ));
    }
    for name in &preview.ambiguous {
        spans.push(Span::styled(
            format!(" · @{name}? several people"),
            ctx.theme.warning(),
        ));
    }
    for doubt in &preview.doubtful {
        spans.push(Span::styled(format!(" · ⚠ {doubt}"), ctx.theme.warning()));
    }
    Line::from(spans)
}

/// The status bar's keys while a note's client is picked.
pub const PICK_HINTS: &str = "type to filter · Up/Down choose · Enter pick · Esc cancel";

/// The status bar's mode and keys while a note is being written.
pub fn status(capture: &Capture) -> (&'static str, &'static str) {
    if let Some(question) = &capture.question {
        let hint = match question.about {
            About::Name => "m/g/o add the person · t keep the name as text · Esc back",
            About::Doubts => "t save as text · Esc back to fix it",
        };
        return ("ASK", hint);
    }
    let mode = if capture.call.is_some() {
        "CALL"
    } else {
        "NOTE"
    };
    (
        mode,
        "Alt-Enter/Ctrl-J new line · Ctrl-W delete word · Ctrl-U/Ctrl-R undo/redo · Enter save",
    )
}
