//! Detail views (Enter): the client, with its concerns pinned at the top, or a person.

use super::theme::kind_icon;
use super::{ago, Ctx};
use crate::app::{App, View};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ctx: &Ctx) {
    let (title, lines) = match app.view {
        View::PersonDetail => person(app, ctx),
        _ => client(app, ctx),
    };
    let block = Block::bordered()
        .title(Span::styled(title, ctx.theme.title(true)))
        .title_bottom(Span::styled(" Esc back ", ctx.theme.muted()))
        .border_style(ctx.theme.border(true));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn field<'a>(label: &str, value: String, ctx: &Ctx) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<12}"), ctx.theme.muted()),
        Span::raw(value),
    ])
}

fn client<'a>(app: &App, ctx: &Ctx) -> (String, Vec<Line<'a>>) {
    let Some(row) = app.current() else {
        return (" Client ".into(), Vec::new());
    };
    let (c, s) = (&row.client, &row.summary);
    let mut lines = Vec::new();
    if !c.concerns.is_empty() {
        lines.push(Line::styled("Concerns", ctx.theme.title(false)));
        for concern in &c.concerns {
            lines.push(Line::raw(format!(
                "  • {} (since {})",
                concern.text, concern.since
            )));
        }
        lines.push(Line::raw(""));
    }
    lines.push(field("state", c.state.to_string(), ctx));
    lines.push(field(
        "contact",
        format!(
            "{} · every {} days · last {}",
            c.style,
            c.cadence_days,
            ago(row.days)
        ),
        ctx,
    ));
    lines.push(field("warmth", row.warmth.label().to_string(), ctx));
    if let Some(until) = c.snooze_until {
        lines.push(field("snoozed", format!("until {until}"), ctx));
    }
    if !c.tags.is_empty() {
        lines.push(field(
            "tags",
            c.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
            ctx,
        ));
    }
    lines.push(field("trust", format!("{:+.2}", row.trust), ctx));
    lines.push(field("events", s.event_count.to_string(), ctx));
    lines.push(field(
        "free advice",
        format!("{} min in 30 days", s.unbilled_advice_minutes(app.now)),
        ctx,
    ));
    if !s.open_promises.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Open promises", ctx.theme.title(false)));
        for p in &s.open_promises {
            let due = p
                .due
                .map_or_else(|| "no due date".into(), |d| format!("due {d}"));
            lines.push(Line::raw(format!("  • {} ({due})", p.text)));
        }
    }
    let alias = c
        .alias
        .as_ref()
        .map(|a| format!(" ({a})"))
        .unwrap_or_default();
    (format!(" {}{alias} ", c.name), lines)
}

fn person<'a>(app: &App, ctx: &Ctx) -> (String, Vec<Line<'a>>) {
    let Some(row) = app.selected.people.get(app.selected.person_cursor) else {
        return (" Person ".into(), Vec::new());
    };
    let p = &row.person;
    let mut lines = vec![
        field(
            "role",
            format!(
                "{}{}",
                p.role,
                p.title
                    .as_ref()
                    .map(|t| format!(" — {t}"))
                    .unwrap_or_default()
            ),
            ctx,
        ),
        field("stance", p.stance.to_string(), ctx),
        field("channel", p.channel.to_string(), ctx),
        field("contact", ago(row.days), ctx),
    ];
    for (label, value) in [
        ("time zone", &p.time_zone),
        ("email", &p.email),
        ("phone", &p.phone),
    ] {
        if let Some(value) = value {
            lines.push(field(label, value.clone(), ctx));
        }
    }
    if !p.facts.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Personal facts", ctx.theme.title(false)));
        let mut facts: Vec<_> = p.facts.iter().rev().collect(); // ties: latest added first
        facts.sort_by_key(|f| std::cmp::Reverse(f.noted));
        for fact in facts {
            lines.push(Line::raw(format!("  {}  {}", fact.noted, fact.text)));
        }
    }
    let own: Vec<_> = app
        .selected
        .timeline
        .rows
        .iter()
        .filter(|r| r.event.people.contains(&p.id))
        .take(8)
        .collect();
    if !own.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Recent with them", ctx.theme.title(false)));
        for r in own {
            lines.push(Line::raw(format!(
                "  {} {}  {}",
                kind_icon(r.event.kind),
                r.when,
                r.event.text
            )));
        }
    }
    (format!(" {} ", p.name), lines)
}
