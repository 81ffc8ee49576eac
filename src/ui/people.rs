//! The stakeholders pane: managers, gatekeepers, then the rest; gaps said plainly. Each
//! person's latest personal fact (the opener) has a wrapped line of its own under them, and
//! their local time stands beside them when their time zone is known. People below the
//! pane's edge are counted on its last line ("+2 more").

use super::hanging::hanging;
use super::{fit, paint, window, Look};
use crate::app::mouse::{Hits, Row};
use crate::app::rows::PersonRow;
use crate::app::{App, Pane};
use crate::insight::local_time;
use crate::model::Role;
use crate::when::ago;
use chrono::{DateTime, Utc};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use ratatui::Frame;

/// Lines a fact may take under its person: enough for a sentence, not for a pane of one.
const FACT_LINES: usize = 3;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ctx: &Look, hits: &mut Hits) {
    let focused = app.focus == Pane::People;
    let name = app.current().map_or("", |r| r.client.name.as_str());
    let block = Block::bordered()
        .title(Span::styled(
            format!(" People · {name} "),
            ctx.theme.title(focused),
        ))
        .border_style(ctx.theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    hits.pane(area, Pane::People);
    let width = inner.width as usize;
    let people = &app.selected.people;
    let mut items: Vec<Vec<Line>> = (app.selected.gaps.iter())
        .map(|gap| {
            vec![Line::styled(
                fit(&format!("! {gap}"), width),
                ctx.theme.warning(),
            )]
        })
        .collect();
    // Which person each item shows (headings and gaps show none), for the mouse.
    let mut shows: Vec<Option<usize>> = vec![None; items.len()];
    let mut selected = None;
    let mut group = None;
    for (i, row) in people.iter().enumerate() {
        let this = row.person.role.group_order().min(2);
        if group != Some(this) {
            group = Some(this);
            items.push(vec![Line::styled(
                heading(row.person.role),
                ctx.theme.title(false),
            )]);
            shows.push(None);
        }
        if i == app.selected.person_cursor {
            selected = Some(items.len());
        }
        items.push(lines(row, width, app.now, ctx));
        shows.push(Some(i));
    }
    if people.is_empty() {
        items.push(vec![Line::styled(
            "nobody yet (rapport person add …)",
            ctx.theme.muted(),
        )]);
        shows.push(None);
    }
    let heights: Vec<usize> = items.iter().map(Vec::len).collect();
    let at = selected.unwrap_or(0);
    let rows = usize::from(inner.height);
    let mut list = inner;
    let mut shown = window::visible(&heights, at, rows);
    if shown.end < items.len() && rows > 1 {
        // Someone is below the edge: the last line says how many, so nobody is forgotten.
        list.height -= 1;
        shown = window::visible(&heights, at, rows - 1);
        // A heading whose first person is below the edge goes below with them.
        while shown.end > shown.start + 1 && shows[shown.end - 1].is_none() {
            shown.end -= 1;
        }
        let below = shows[shown.end..].iter().flatten().count();
        let more = Rect::new(inner.x, list.bottom(), inner.width, 1);
        let text = fit(&format!("+{below} more"), width);
        paint::line(
            frame.buffer_mut(),
            more,
            &Line::styled(text, ctx.theme.muted()),
        );
    }
    let mut y = list.y;
    for k in shown.clone() {
        if let Some(person) = shows[k] {
            hits.row(
                Rect::new(list.x, y, list.width, heights[k] as u16),
                Row::Person(person),
            );
        }
        y += heights[k] as u16;
    }
    let selected = selected.and_then(|s| s.checked_sub(shown.start));
    let highlight = ctx.theme.selected(focused);
    paint::list(frame.buffer_mut(), list, &items[shown], selected, highlight);
}

fn heading(role: Role) -> &'static str {
    match role {
        Role::Manager => "Managers",
        Role::Gatekeeper => "Gatekeepers",
        _ => "Others",
    }
}

/// `  Laura Koskinen  14:00 EET · CTO · ally · 3d`, then `    “fishing in Lapland”` wrapped.
fn lines<'a>(row: &PersonRow, width: usize, now: DateTime<Utc>, ctx: &Look) -> Vec<Line<'a>> {
    let p = &row.person;
    // Their time first, beside the name: a long title may be cut, whether to call now not.
    let there = (p.time_zone.as_deref()).and_then(|zone| local_time(zone, now));
    let about: Vec<String> = (there.map(|t| t.text).into_iter())
        .chain([
            p.title.clone().unwrap_or_else(|| p.role.to_string()),
            p.stance.to_string(),
            ago(row.days, "d"),
        ])
        .collect();
    let name = fit(&p.name, (width / 3).max(8));
    let rest = width.saturating_sub(2 + crate::width::of(&name) + 2);
    let mut out = vec![Line::from(vec![
        Span::raw("  "),
        Span::raw(name),
        Span::raw("  "),
        Span::styled(fit(&about.join(" · "), rest), ctx.theme.muted()),
    ])];
    if let Some(fact) = row.latest_fact() {
        let fact = format!("“{}”", fact.trim());
        let mut wrapped = hanging(vec![Span::raw("    ")], &fact, width);
        if wrapped.len() > FACT_LINES {
            wrapped.truncate(FACT_LINES);
            // The last line shown says there is more (the person view has it all).
            if let Some(last) = wrapped.last_mut() {
                let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
                *last = Line::raw(fit(&format!("{} …", text.trim_end()), width));
            }
        }
        out.extend(
            wrapped
                .into_iter()
                .map(|l| l.patch_style(ctx.theme.muted())),
        );
    }
    out
}
