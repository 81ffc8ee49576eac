//! The question about a new @name while saving a note: a few wrapped lines in the warning
//! colour over the capture box, answered with one key.

use super::Look;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

const WIDTH: u16 = 60;

pub fn draw(frame: &mut Frame, area: Rect, question: &str, ctx: &Look) {
    let width = WIDTH.min(area.width);
    let lines: Vec<Line> = textwrap::wrap(question, usize::from(width.saturating_sub(4).max(1)))
        .into_iter()
        .map(|line| Line::styled(line, ctx.theme.title(true)))
        .collect();
    let rows = lines.len() as u16;
    let popup = super::centered(area, width, (rows + 2).min(area.height));
    let block = Block::bordered()
        .title(Span::styled(" New person? ", ctx.theme.warning()))
        .border_style(ctx.theme.warning());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    // A column of air either side of the words.
    let padded = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), padded);
}
