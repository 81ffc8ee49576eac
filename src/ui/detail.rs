//! Detail views (Enter): the client, with its concerns pinned at the top, or a person. Long
//! values, facts and events wrap with a hanging indent, under their own first character.

use super::hanging::hanging;
use super::theme::kind_icon;
use super::Look;
use crate::app::{App, View};
use crate::config::Action;
use crate::when::ago;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ctx: &Look) {
    let block = Block::bordered()
        .title_bottom(Span::styled(" Esc back ", ctx.theme.muted()))
        .border_style(ctx.theme.border(true));
    let width = usize::from(block.inner(area).width);
    let (title, lines) = match app.view {
        View::PersonDetail => person(app, width, ctx),
        _ => client(app, width, ctx),
    };
    let block = block.title(Span::styled(title, ctx.theme.title(true)));
    // The lines are wrapped already; wrapping again only catches a head wider than the pane.
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// `label       value`, the value wrapping under itself.
fn push_field(lines: &mut Vec<Line<'static>>, label: &str, value: &str, width: usize, ctx: &Look) {
    let head = vec![Span::styled(format!("{label:<12}"), ctx.theme.muted())];
    lines.extend(hanging(head, value, width));
}

/// `  • text`, wrapping under the text.
fn bullet(lines: &mut Vec<Line<'static>>, text: &str, width: usize) {
    lines.extend(hanging(vec![Span::raw("  • ")], text, width));
}

fn client(app: &App, width: usize, ctx: &Look) -> (String, Vec<Line<'static>>) {
    let Some(row) = app.current() else {
        return (" Client ".into(), Vec::new());
    };
    let (c, s) = (&row.client, &row.summary);
    let mut lines = Vec::new();
    if !c.concerns.is_empty() {
        lines.push(Line::styled("Concerns", ctx.theme.title(false)));
        for concern in &c.concerns {
            let text = format!("{} (since {})", concern.text, concern.since);
            bullet(&mut lines, &text, width);
        }
        lines.push(Line::raw(""));
    }
    let mut field = |label: &str, value: String| push_field(&mut lines, label, &value, width, ctx);
    field("state", c.state.to_string());
    field(
        "contact",
        format!(
            "{} · every {} days · last {}",
            c.style,
            c.cadence_days,
            ago(row.days, "d")
        ),
    );
    field("warmth", row.warmth.label().to_string());
    if let Some(until) = c.snooze_until {
        field("snoozed", format!("until {until}"));
    }
    if !c.tags.is_empty() {
        let tags: Vec<String> = c.tags.iter().map(|t| format!("#{t}")).collect();
        field("tags", tags.join(" "));
    }
    field("trust", format!("{:+.2}", row.trust));
    field("events", s.event_count.to_string());
    field(
        "free advice",
        format!("{} min in 30 days", s.unbilled_advice_minutes(app.now)),
    );
    if !s.open_promises.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Open promises", ctx.theme.title(false)));
        for p in &s.open_promises {
            let due = p
                .due
                .map_or_else(|| "no due date".into(), |d| format!("due {d}"));
            bullet(&mut lines, &format!("{} ({due})", p.text), width);
        }
    }
    let alias = c
        .alias
        .as_ref()
        .map(|a| format!(" ({a})"))
        .unwrap_or_default();
    (format!(" {}{alias} ", c.name), lines)
}

fn person(app: &App, width: usize, ctx: &Look) -> (String, Vec<Line<'static>>) {
    let Some(row) = app.selected.people.get(app.selected.person_cursor) else {
        return (" Person ".into(), Vec::new());
    };
    let p = &row.person;
    let mut lines = Vec::new();
    let title = p
        .title
        .as_ref()
        .map(|t| format!(" — {t}"))
        .unwrap_or_default();
    let mut field = |label: &str, value: String| push_field(&mut lines, label, &value, width, ctx);
    field("role", format!("{}{title}", p.role));
    field("stance", p.stance.to_string());
    field("channel", p.channel.to_string());
    field("contact", ago(row.days, "d"));
    for (label, value) in [
        ("time zone", &p.time_zone),
        ("email", &p.email),
        ("phone", &p.phone),
    ] {
        if let Some(value) = value {
            field(label, value.clone());
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Personal facts", ctx.theme.title(false)));
    if p.facts.is_empty() {
        let add = (ctx.keys.get(Action::Add).first())
            .map_or_else(String::new, |k| format!(": {k} adds one"));
        lines.push(Line::styled(format!("  none yet{add}"), ctx.theme.muted()));
    }
    // The cursor's fact is marked, for `e` and `X` to act on.
    for (at, i) in p.facts_newest_first().into_iter().enumerate() {
        let fact = &p.facts[i];
        let head = vec![Span::raw(format!("  {}  ", fact.noted))];
        let fact_lines = hanging(head, &fact.text, width);
        if at == app.selected.fact_cursor {
            let style = ctx.theme.selected(true);
            lines.extend(fact_lines.into_iter().map(|l| l.patch_style(style)));
        } else {
            lines.extend(fact_lines);
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
            let head = vec![Span::raw(format!(
                "  {} {}  ",
                kind_icon(r.event.kind),
                r.when
            ))];
            lines.extend(hanging(head, &r.event.text, width));
        }
    }
    (format!(" {} ", p.name), lines)
}
