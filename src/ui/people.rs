//! The stakeholders pane: managers, gatekeepers, then the rest; gaps said plainly.

use super::{fit, window, Look};
use crate::app::mouse::{Hits, Row};
use crate::app::rows::PersonRow;
use crate::app::{App, Pane};
use crate::model::Role;
use crate::when::ago;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};
use ratatui::Frame;

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
    let width = inner.width as usize;
    let people = &app.selected.people;
    let mut items: Vec<ListItem> = (app.selected.gaps.iter())
        .map(|gap| {
            ListItem::new(Line::styled(
                fit(&format!("! {gap}"), width),
                ctx.theme.warning(),
            ))
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
            items.push(ListItem::new(Line::styled(
                heading(row.person.role),
                ctx.theme.title(false),
            )));
            shows.push(None);
        }
        if i == app.selected.person_cursor {
            selected = Some(items.len());
        }
        items.push(ListItem::new(line(row, width, ctx)));
        shows.push(Some(i));
    }
    if people.is_empty() {
        items.push(ListItem::new(Line::styled(
            "nobody yet (rapport person add …)",
            ctx.theme.muted(),
        )));
    }
    // One line per item: scrolled as `List` would, but worked out here to know the rows.
    let shown = window::visible(
        &vec![1; items.len()],
        selected.unwrap_or(0),
        inner.height.into(),
    );
    hits.pane(area, Pane::People);
    for (item, y) in shown.clone().zip(inner.y..) {
        if let Some(Some(person)) = shows.get(item) {
            hits.row(Rect::new(inner.x, y, inner.width, 1), Row::Person(*person));
        }
    }
    let list = List::new(items)
        .block(block)
        .highlight_style(ctx.theme.selected(focused));
    let mut state = ListState::default()
        .with_offset(shown.start)
        .with_selected(selected);
    frame.render_stateful_widget(list, area, &mut state);
}

fn heading(role: Role) -> &'static str {
    match role {
        Role::Manager => "Managers",
        Role::Gatekeeper => "Gatekeepers",
        _ => "Others",
    }
}

/// `  Laura Koskinen  CTO · ally · 3d · "fishing in Lapland"`
fn line<'a>(row: &PersonRow, width: usize, ctx: &Look) -> Line<'a> {
    let p = &row.person;
    let mut about = vec![
        p.title.clone().unwrap_or_else(|| p.role.to_string()),
        p.stance.to_string(),
        ago(row.days, "d"),
    ];
    if let Some(fact) = row.latest_fact() {
        about.push(format!("“{fact}”"));
    }
    let name = fit(&p.name, (width / 3).max(8));
    let rest = width.saturating_sub(2 + crate::width::of(&name) + 2);
    Line::from(vec![
        Span::raw("  "),
        Span::raw(name),
        Span::raw("  "),
        Span::styled(fit(&about.join(" · "), rest), ctx.theme.muted()),
    ])
}
