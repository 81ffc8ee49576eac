//! The help overlay, generated from the active key map.

use super::Look;
use crate::config::Action;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, ctx: &Look) {
    let actions = Action::ALL;
    let keys: Vec<String> = actions
        .iter()
        .map(|&action| {
            let keys: Vec<String> = ctx
                .keys
                .get(action)
                .iter()
                .map(ToString::to_string)
                .collect();
            keys.join(" ")
        })
        .collect();
    let key_width = keys.iter().map(|k| k.chars().count()).max().unwrap_or(1);
    let lines: Vec<Line> = actions
        .iter()
        .zip(&keys)
        .map(|(action, keys)| {
            Line::from(vec![
                Span::styled(format!(" {keys:>key_width$}  "), ctx.theme.title(true)),
                Span::raw(action.description()),
            ])
        })
        .collect();
    // A short screen takes two columns first, then drops the top and bottom border (the
    // status bar says HELP) rather than lose keys.
    let n = lines.len() as u16;
    let (columns, framed) = if n + 2 <= area.height {
        (1, true)
    } else if n.div_ceil(2) + 2 <= area.height {
        (2, true)
    } else {
        (if n <= area.height { 1 } else { 2 }, false)
    };
    let rows = lines.len().div_ceil(columns) as u16;
    let height = (rows + if framed { 2 } else { 0 }).min(area.height);
    let width = (64 * columns as u16).min(area.width);
    let popup = super::centered(area, width, height);
    let block = if framed {
        Block::bordered()
            .title(Span::styled(" Keys ", ctx.theme.title(true)))
            .title_bottom(Span::styled(" any key closes ", ctx.theme.muted()))
    } else {
        Block::new().borders(Borders::LEFT | Borders::RIGHT)
    }
    .border_style(ctx.theme.border(true));
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let halves =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    let mut lines = lines.into_iter();
    for half in halves.iter() {
        let part: Vec<Line> = lines.by_ref().take(rows as usize).collect();
        frame.render_widget(Paragraph::new(part), *half);
    }
}
