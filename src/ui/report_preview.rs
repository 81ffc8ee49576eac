//! The report preview (`R`, `app/report_preview.rs`): a popup over the view holding the
//! report's Markdown as the client gets it, wrapped by display columns (per grapheme cluster),
//! the selected event's lines marked, and under it, muted and apart, what was left out.

use super::Look;
use crate::app::mouse::Hits;
use crate::app::report_preview::ReportPreview;
use crate::width;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, preview: &ReportPreview, ctx: &Look, hits: &mut Hits) {
    let width = area.width.saturating_sub(4).min(110);
    let height = area.height.saturating_sub(2);
    let popup = super::centered(area, width, height);
    let title = format!(
        " Report for {} · {} to {} · as the client reads it ",
        preview.name, preview.since, preview.until
    );
    let inner_width = usize::from(width.saturating_sub(2));
    let block = Block::bordered()
        .title(Span::styled(
            super::fit(&title, inner_width),
            ctx.theme.title(true),
        ))
        .border_style(ctx.theme.border(true));
    let inner = block.inner(popup);
    let rows = usize::from(inner.height);
    // The selected item is its whole list entry: every line of a multi-line note.
    let selected = preview.selected().map(|(id, _)| id);
    let top = first_shown(preview, rows);
    let mut shown: Vec<Line> = Vec::new();
    for line in &preview.lines[top..] {
        let style = if selected.is_some() && line.event == selected {
            ctx.theme.selected(true)
        } else if line.left_out {
            ctx.theme.muted()
        } else {
            ratatui::style::Style::new()
        };
        for row in width::wrap(&line.text, inner_width) {
            shown.push(Line::styled(line.text[row].to_string(), style));
        }
        // One row past the view says whether there is more below.
        if shown.len() > rows {
            break;
        }
    }
    let more = shown.len() > rows;
    shown.truncate(rows);
    let position = format!(
        " {} · line {}/{} ",
        if more { "more below ↓" } else { "end" },
        (top + 1).min(preview.lines.len()),
        preview.lines.len()
    );
    let block = block.title_bottom(Span::styled(position, ctx.theme.muted()));
    hits.scrolled(inner, rows, preview.lines.len());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(shown).block(block), popup);
}

/// The first line shown: the app's, but never past the end (before a frame said how many
/// rows fit, the app can only guess).
fn first_shown(preview: &ReportPreview, rows: usize) -> usize {
    preview.top.min(preview.lines.len().saturating_sub(rows))
}
