//! First run on an empty store: offer the demo workspace or a first client.

use super::Look;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, ctx: &Look) {
    let key = |k: &str| Span::styled(format!("  {k}  "), ctx.theme.title(true));
    let lines = vec![
        Line::styled("Welcome to rapport", ctx.theme.title(true)),
        Line::raw(""),
        Line::raw("Keep client relationships alive: who to check on, who you talk to,"),
        Line::raw("what you promised, and a trust timeline per client."),
        Line::raw(""),
        Line::from(vec![
            key("d"),
            Span::raw("load the demo workspace to look around"),
        ]),
        Line::from(vec![
            key("a"),
            Span::raw("add your first client (or: rapport client add NAME)"),
        ]),
        Line::from(vec![key("q"), Span::raw("quit")]),
    ];
    let popup = super::centered(area, 74.min(area.width), lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(ctx.theme.border(true))),
        popup,
    );
}
