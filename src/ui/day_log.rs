//! The day's log (`L`, `app/day_log.rs`): a popup over the view, one line per event of today
//! across clients, oldest first, scrolled from its first row shown.

use super::Look;
use crate::app::day_log::{DayLog, DayRow};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, log: &DayLog, ctx: &Look) {
    let width = area.width.saturating_sub(4).min(110);
    let height = area.height.saturating_sub(2);
    let popup = super::centered(area, width, height);
    let minutes = log.minutes();
    let title = format!(
        " Today · {} · {} event{} · {}:{:02} recorded ",
        log.day.format("%a %-d %b"),
        log.rows.len(),
        if log.rows.len() == 1 { "" } else { "s" },
        minutes / 60,
        minutes % 60
    );
    let block = Block::bordered()
        .title(Span::styled(title, ctx.theme.title(true)))
        .title_bottom(Span::styled(" j/k scroll · Esc closes ", ctx.theme.muted()))
        .border_style(ctx.theme.border(true));
    let client_width = (log.rows.iter())
        .map(|r| unicode_width::UnicodeWidthStr::width(r.client.as_str()))
        .max()
        .unwrap_or(0)
        .min(24);
    let lines: Vec<Line> = if log.rows.is_empty() {
        vec![Line::styled(
            " nothing recorded today yet",
            ctx.theme.muted(),
        )]
    } else {
        (log.rows.iter().skip(log.scroll))
            .map(|r| line(r, client_width, ctx))
            .collect()
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// `09:00  Beta AB  call     standup [30 min]`.
fn line(row: &DayRow, client_width: usize, ctx: &Look) -> Line<'static> {
    let time = row.at.with_timezone(&chrono::Local).format("%H:%M");
    let mut text = row.text.clone();
    if row.private {
        text.push_str(" [private]");
    }
    if let Some(minutes) = row.minutes {
        let billed = if row.billed { ", billed" } else { "" };
        text.push_str(&format!(" [{minutes} min{billed}]"));
    }
    Line::from(vec![
        Span::styled(format!(" {time}  "), ctx.theme.muted()),
        Span::styled(pad(&row.client, client_width), ctx.theme.title(false)),
        Span::raw(format!("  {:<9}", row.kind.as_str())),
        Span::raw(text),
    ])
}

/// `text` cut or padded to `width` columns (CJK counted two).
fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out + &" ".repeat(width - used)
}
