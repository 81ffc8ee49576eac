//! The help overlay, generated from the active key map.

use super::Ctx;
use crate::config::Action;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let lines: Vec<Line> = Action::ALL
        .iter()
        .map(|&action| {
            let keys: Vec<String> = ctx
                .keys
                .get(action)
                .iter()
                .map(ToString::to_string)
                .collect();
            Line::from(vec![
                Span::styled(format!("{:>14}  ", keys.join(" ")), ctx.theme.title(true)),
                Span::raw(action.description()),
            ])
        })
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 64.min(area.width);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    let block = Block::bordered()
        .title(Span::styled(" Keys ", ctx.theme.title(true)))
        .title_bottom(Span::styled(" any key closes ", ctx.theme.muted()))
        .border_style(ctx.theme.border(true));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
