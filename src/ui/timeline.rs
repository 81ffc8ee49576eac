//! The trust timeline: a chart of the trust score over 90 days above the events (several days
//! a column when the pane is narrow, its high and low written beside it), then the events,
//! newest first, wrapped by display width (CJK and emoji stay aligned).

use super::theme::kind_icon;
use super::{fit, offset_for, paint, window, Look};
use crate::app::mouse::{Hits, Row};
use crate::app::rows::EventRow;
use crate::app::timeline::{Timeline, CHART_DAYS};
use crate::app::{App, Pane};
use crate::config::Action;
use crate::insight::{Chart, Trend};
use crate::model::MadeIn;
use crate::width::Columns;
use chrono::Local;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Sparkline};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ctx: &Look, hits: &mut Hits) {
    let focused = app.focus == Pane::Timeline;
    hits.pane(area, Pane::Timeline);
    let Some(client) = app.current() else {
        frame.render_widget(Block::bordered().title(" Trust timeline "), area);
        return;
    };
    let trend = match client.trend() {
        Trend::Up => "rising",
        Trend::Down => "falling",
        Trend::Flat => "steady",
    };
    let title = title(
        app,
        &client.client.name,
        usize::from(area.width.saturating_sub(2)),
    );
    let block = Block::bordered()
        .title(Span::styled(title, ctx.theme.title(focused)))
        .border_style(ctx.theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let chart_height = if inner.height >= 12 { 2 } else { 1 };
    let [label, chart, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(chart_height),
        Constraint::Min(1),
    ])
    .areas(inner);
    let chart_data = Chart::new(&app.selected.chart, chart_columns(chart.width));
    let score = format!("trust {:+.1}", client.trust);
    let text = chart_label(&score, trend, &chart_data, usize::from(label.width));
    frame.render_widget(Line::styled(text, ctx.theme.muted()), label);
    draw_chart(frame, chart, &chart_data, ctx);
    draw_events(frame, list, app, focused, ctx, hits);
}

/// ` Timeline · Acme Oy `, with the filter when there is one. A narrow pane cuts the name
/// before the filter, but keeps a few letters of it: a title of only a filter leaves the
/// reader guessing whose timeline it is (the people pane may be scrolled off or elsewhere).
fn title(app: &App, client: &str, width: usize) -> String {
    let filter = &app.selected.timeline.filter;
    if filter.is_empty() {
        return fit(&format!(" Timeline · {client} "), width);
    }
    let shown = filter.describe(&app.selected.names);
    let long = format!(" Timeline · {client} · filter: {shown} ");
    if long.columns() <= width {
        return long;
    }
    let rest = format!(" · filter: {shown} ");
    let room = width
        .saturating_sub(rest.columns() + 1)
        .max(MIN_NAME.min(client.columns()));
    fit(&format!(" {}{rest}", fit(client, room)), width)
}

/// Columns the client's name keeps in a filtered timeline's title, however long the filter.
const MIN_NAME: usize = 8;

/// Columns kept right of the chart for its scale (`+10.0`, after a space).
const SCALE_WIDTH: u16 = 6;

/// Columns the bars may take in a chart area `width` wide.
fn chart_columns(width: u16) -> usize {
    usize::from(width.saturating_sub(SCALE_WIDTH).max(1))
}

/// `trust +3.3 of ±10, falling · 90 days, 3 days a column`, shortened to fit `width`.
fn chart_label(score: &str, trend: &str, chart: &Chart, width: usize) -> String {
    let days = chart.days_per_column;
    let per = match days {
        1 => String::new(),
        n => format!(", {n} days a column"),
    };
    let short = match days {
        1 => String::new(),
        n => format!(", {n} a column"),
    };
    let candidates = [
        format!("{score} of ±10, {trend} · {CHART_DAYS} days{per}"),
        format!("{score}, {trend} · {CHART_DAYS} days{per}"),
        format!("{score}, {trend} · {CHART_DAYS} days{short}"),
    ];
    let fits = candidates.iter().find(|c| c.columns() <= width);
    fit(fits.unwrap_or(&candidates[2]), width)
}

/// The daily scores as bars, spread between the period's low and high (a flat series flat
/// at mid-height), with the high and the low written at the right of the top and bottom row.
fn draw_chart(frame: &mut Frame, area: Rect, chart: &Chart, ctx: &Look) {
    if area.is_empty() {
        return;
    }
    let top = 8 * u64::from(area.height);
    let bars = Rect {
        width: (chart.columns.len() as u16).min(area.width),
        ..area
    };
    frame.render_widget(
        Sparkline::default()
            .data(chart.heights(top))
            .max(top)
            .style(Style::new().fg(ctx.theme.accent)),
        bars,
    );
    let scale = Rect {
        x: bars.right() + 1,
        width: area.right().saturating_sub(bars.right() + 1),
        ..area
    };
    if scale.width == 0 {
        return;
    }
    let line = |value: f64| Line::styled(format!("{value:+.1}"), ctx.theme.muted());
    let bottom = Rect {
        y: scale.bottom() - 1,
        height: 1,
        ..scale
    };
    if chart.is_flat() || area.height == 1 {
        // One row has room for one number: the low, where the bars start.
        frame.render_widget(line(chart.low), bottom);
        return;
    }
    frame.render_widget(line(chart.high), Rect { height: 1, ..scale });
    frame.render_widget(line(chart.low), bottom);
}

fn draw_events(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    focused: bool,
    ctx: &Look,
    hits: &mut Hits,
) {
    let timeline = &app.selected.timeline;
    // A filtered timeline says on its last line how far it has read.
    let area = if timeline.filter.is_empty() {
        area
    } else {
        let [list, progress] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let clear = ctx
            .keys
            .get(Action::ClearFilter)
            .first()
            .map(|k| k.to_string());
        let text = fit(&progress_line(timeline, clear), progress.width.into());
        frame.render_widget(Line::styled(text, ctx.theme.muted()), progress);
        list
    };
    let width = area.width as usize;
    let rows = &timeline.rows;
    if rows.is_empty() {
        let text = if timeline.filter.is_empty() {
            "nothing on the timeline yet"
        } else if timeline.reading_on() {
            "nothing matches yet"
        } else {
            "nothing matches the filter"
        };
        frame.render_widget(Line::styled(text, ctx.theme.muted()), area);
        return;
    }
    // Each event takes two lines or more, so a screen holds at most half its height in events:
    // format only those around the cursor, however far the timeline has been paged in.
    let cursor = app.selected.timeline.cursor;
    let first = offset_for(cursor, (area.height as usize / 2).max(1));
    // A promise and the call it was made in sit side by side (they share a time): the rows
    // around those formatted are enough to link them.
    let near =
        &rows[first.saturating_sub(8)..(first + usize::from(area.height) + 8).min(rows.len())];
    let links = MadeIn::of(near.iter().map(|r| &r.event));
    let formatted = format_around(&rows[first..], cursor - first, area.height.into(), |row| {
        lines(row, width, ctx, &links)
    });
    // Scrolled here rather than by `List`, so the mouse knows which lines each event took.
    let heights: Vec<usize> = formatted.iter().map(Vec::len).collect();
    let shown = window::visible(&heights, cursor - first, area.height.into());
    let mut y = area.y;
    for k in shown.clone() {
        let height = heights[k] as u16;
        hits.row(
            Rect::new(area.x, y, area.width, height),
            Row::Event(first + k),
        );
        y += height;
    }
    let selected = (cursor - first).checked_sub(shown.start);
    let highlight = ctx.theme.selected(focused);
    let items = &formatted[shown];
    paint::list(frame.buffer_mut(), area, items, selected, highlight);
}

/// Formats `rows` up to the selected one and then only until a pane of `height` lines is full
/// below it: wrapping is the costly part of a frame, and the rest could never be shown.
fn format_around<'a, T>(
    rows: &[T],
    selected: usize,
    height: usize,
    mut format: impl FnMut(&T) -> Vec<Line<'a>>,
) -> Vec<Vec<Line<'a>>> {
    let mut formatted = Vec::new();
    let mut below = 0;
    for (k, row) in rows.iter().enumerate() {
        if below >= height {
            break;
        }
        let lines = format(row);
        if k >= selected {
            below += lines.len();
        }
        formatted.push(lines);
    }
    formatted
}

/// `3 found · searching older… (read back to 2024-03-02)`, `12 matches, all read · F clears
/// the filter`, `40 found · more as you move down`.
fn progress_line(timeline: &Timeline, clear: Option<String>) -> String {
    let found = match timeline.rows.len() {
        1 => "1 found".to_string(),
        n => format!("{n} found"),
    };
    if timeline.reading_on() {
        let back = timeline
            .reached
            .map(|at| format!(" (read back to {})", at.with_timezone(&Local).date_naive()))
            .unwrap_or_default();
        format!("{found} · searching older…{back}")
    } else if timeline.complete() {
        let clear = clear.map(|k| format!(" · {k} clears the filter"));
        match timeline.rows.len() {
            0 => format!("no match, all read{}", clear.unwrap_or_default()),
            1 => format!("1 match, all read{}", clear.unwrap_or_default()),
            n => format!("{n} matches, all read{}", clear.unwrap_or_default()),
        }
    } else {
        format!("{found} · more as you move down")
    }
}

/// `📞 2026-11-20 14:00  Mikko, Anna  +1` then the text and its `#tags`, wrapped and indented.
fn lines<'a>(row: &EventRow, width: usize, ctx: &Look, links: &MadeIn) -> Vec<Line<'a>> {
    let e = &row.event;
    let mut head = vec![
        Span::raw(format!("{} ", kind_icon(e.kind))),
        Span::styled(row.when.clone(), ctx.theme.muted()),
    ];
    if !row.people.is_empty() {
        head.push(Span::raw(format!(
            "  {}",
            fit(&row.people, width.saturating_sub(22))
        )));
    }
    if e.trust != 0 {
        head.push(Span::styled(format!("  {:+}", e.trust), ctx.theme.muted()));
    }
    if e.private {
        head.push(Span::styled(
            "  🔒 private",
            Style::new().fg(ctx.theme.private),
        ));
    }
    if let Some(edited) = &row.edited {
        head.push(Span::styled(format!("  {edited}"), ctx.theme.muted()));
    }
    let mut text = e.text.clone();
    if let Some(p) = &e.promise {
        let state = match (p.outcome, p.due) {
            (Some(outcome), _) => format!("[{outcome}]"),
            (None, Some(due)) => format!("[due {due}]"),
            (None, None) => "[open]".into(),
        };
        text = format!("{text} {state}");
    }
    for mark in links.marks(e) {
        text = format!("{text} {mark}");
    }
    if let Some(minutes) = e.minutes {
        text = format!(
            "{text} [{minutes} min{}]",
            if e.billed { ", billed" } else { "" }
        );
    }
    // Tags last, as they are typed (`#replication`): the filter and search take them.
    for tag in &e.tags {
        text = format!("{text} #{tag}");
    }
    let mut out = vec![Line::from(head)];
    for part in textwrap::wrap(&text, width.saturating_sub(3).max(10)) {
        out.push(Line::raw(format!("   {part}")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_only_what_a_pane_below_the_selection_can_show() {
        let rows = [3usize; 50];
        let mut calls = 0;
        let formatted = format_around(&rows, 4, 10, |&n| {
            calls += 1;
            vec![Line::raw(""); n]
        });
        // Four above the selection, then 3 + 3 + 3 + 3 lines fill ten.
        assert_eq!(formatted.len(), 8);
        assert_eq!(calls, 8);
        assert_eq!(
            format_around(&rows[..2], 0, 10, |&n| vec![Line::raw(""); n]).len(),
            2
        );
    }
}
