//! A one-line yes/no popup ("Archive Acme? History is kept. y/n"), centred over `area`.

use super::{fit, Look};
use crate::width::Columns;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, question: &str, ctx: &Look) {
    // Two border columns and a space either side of the question.
    let wanted = question.columns() + 4;
    let width = (wanted.min(usize::from(area.width))) as u16;
    let popup = super::centered(area, width, 3.min(area.height));
    let text = fit(question, usize::from(width.saturating_sub(4)));
    let block = Block::bordered().border_style(ctx.theme.warning());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(" "),
            Span::styled(text, ctx.theme.title(true)),
        ]))
        .block(block),
        popup,
    );
}
