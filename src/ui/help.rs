//! The help overlay, generated from the active key map.

use super::Look;
use crate::config::Action;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
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
    let mut lines: Vec<Line> = actions
        .iter()
        .zip(&keys)
        .map(|(action, keys)| {
            Line::from(vec![
                Span::styled(format!(" {keys:>key_width$}  "), ctx.theme.title(true)),
                Span::raw(action.description()),
            ])
        })
        .collect();
    // A short screen takes two columns; one still too short keeps the frame (a frameless list
    // read as part of the view beneath) and says how many keys did not fit.
    let columns: usize = if lines.len() + 2 <= usize::from(area.height) {
        1
    } else {
        2
    };
    let room = usize::from(area.height.saturating_sub(2)) * columns;
    if lines.len() > room {
        let hidden = lines.len() - room + 1;
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::styled(
            format!(" … {hidden} more: a taller terminal shows them"),
            ctx.theme.muted(),
        ));
    }
    let rows = lines.len().div_ceil(columns) as u16;
    let height = (rows + 2).min(area.height);
    let width = (64 * columns as u16).min(area.width);
    let popup = super::centered(area, width, height);
    let block = Block::bordered()
        .title(Span::styled(" Keys ", ctx.theme.title(true)))
        .title_bottom(Span::styled(" any key closes ", ctx.theme.muted()))
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
