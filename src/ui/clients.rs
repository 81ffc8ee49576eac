//! The clients pane: warmth, silence, trend and badges (`due`, overdue promises `!N`, free
//! advice over the threshold `$`), in the chosen order; the title warns of capacity.

use super::theme::warmth_mark;
use super::{fit, offset_for, paint, Look};
use crate::app::mouse::{Hits, Row};
use crate::app::rows::ClientRow;
use crate::app::{App, Pane};
use crate::insight::Trend;
use crate::when::ago;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ctx: &Look, hits: &mut Hits) {
    let focused = app.focus == Pane::Clients;
    let archived = app.clients.iter().filter(|r| r.client.archived).count();
    let count = match archived {
        0 => app.clients.len().to_string(),
        n => format!("{}+{n}", app.clients.len() - n),
    };
    let title = format!(" Clients ({count}) · by {} ", app.sort.label());
    let mut title = vec![Span::styled(title, ctx.theme.title(focused))];
    if let Some(note) = capacity_note(app) {
        title.push(Span::styled(format!("{note} "), ctx.theme.warning()));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(ctx.theme.border(focused));
    let inner = block.inner(area);
    // Only the visible rows are formatted: a thousand clients must not cost a thousand lines
    // per keystroke.
    let first = offset_for(app.cursor, inner.height as usize);
    let visible = app.clients.iter().skip(first).take(inner.height as usize);
    hits.pane(area, Pane::Clients);
    for (i, y) in (first..app.clients.len()).zip(inner.y..inner.bottom()) {
        hits.row(Rect::new(inner.x, y, inner.width, 1), Row::Client(i));
    }
    let items: Vec<Vec<Line>> = visible
        .map(|row| {
            let draft = app.has_draft(row.client.id);
            vec![line(row, draft, inner.width as usize, ctx)]
        })
        .collect();
    frame.render_widget(block, area);
    let selected = Some(app.cursor - first);
    let highlight = ctx.theme.selected(focused);
    paint::list(frame.buffer_mut(), inner, &items, selected, highlight);
}

/// What stands for the warmth mark on an archived client's row.
pub const ARCHIVED_MARK: &str = "x";
/// The agenda's capacity nudges, for the pane's title: `9 active of 8`, `3 woke at once`.
fn capacity_note(app: &App) -> Option<String> {
    let cap = &app.capacity;
    let mut notes = Vec::new();
    if cap.over() {
        notes.push(format!("{} active of {}", cap.active.len(), cap.capacity));
    }
    if cap.burst() {
        notes.push(format!("{} woke at once", cap.woke.len()));
    }
    (!notes.is_empty()).then(|| format!("⚠ {}", notes.join(", ")))
}

/// The mark after the name of a client with an unsaved draft.
pub const DRAFT_MARK: &str = " ✎";

/// `* Nordpay Oy          active   3d ^ due !1 $`, and `* Acme Oy ✎ …` with a draft; an
/// archived client is marked `x` and says `archived` where the state goes.
fn line<'a>(row: &ClientRow, draft: bool, width: usize, ctx: &Look) -> Line<'a> {
    let trend = match row.trend() {
        Trend::Up => Span::styled("^", Style::new().fg(Color::Green)),
        Trend::Down => Span::styled("v", Style::new().fg(Color::Red)),
        Trend::Flat => Span::styled("-", ctx.theme.muted()),
    };
    // Badges sit in a column of their own width, so rows with and without them line up.
    const BADGES: usize = 9;
    let mut badges = String::new();
    if row.check_in_due {
        badges.push_str(" due");
    }
    if row.overdue_promises > 0 {
        badges.push_str(&format!(" !{}", row.overdue_promises));
    }
    // Free advice over the threshold: time to name a price.
    if row.free_advice {
        badges.push_str(" $");
    }
    let state = match (width >= 44, row.client.archived) {
        (true, true) => format!(" {:<8}", "archived"),
        (true, false) => format!(" {:<8}", row.client.state.as_str()),
        (false, _) => String::new(),
    };
    // An archived client is listed only while `.` shows them: dimmed, as out of the way.
    let name_style = match row.client.archived {
        true => ctx.theme.muted(),
        false => Style::new(),
    };
    let tail = format!("{state} {:>5} ", ago(row.days, "d"));
    let badges = format!("{badges:<BADGES$}");
    let name_width = width.saturating_sub(2 + tail.chars().count() + 1 + BADGES);
    // The mark takes its room from the name, so the columns stay where they are.
    let mark = if draft { DRAFT_MARK } else { "" };
    let mark_width = crate::width::of(mark);
    let name = fit(&row.client.name, name_width.saturating_sub(mark_width));
    let used = crate::width::of(&name) + mark_width;
    let pad = name_width.saturating_sub(used);
    // An archived client (listed while `.` shows them) is marked `x`, for the key that
    // archives and restores, where the warmth mark goes.
    let mark_column = match row.client.archived {
        true => Span::styled(ARCHIVED_MARK, ctx.theme.muted()),
        false => Span::styled(warmth_mark(row.warmth), ctx.theme.warmth(row.warmth)),
    };
    Line::from(vec![
        mark_column,
        Span::raw(" "),
        Span::styled(name, name_style),
        Span::styled(mark, ctx.theme.warning()),
        Span::raw(" ".repeat(pad)),
        Span::styled(tail, ctx.theme.muted()),
        trend,
        Span::styled(badges, ctx.theme.warning()),
    ])
}
