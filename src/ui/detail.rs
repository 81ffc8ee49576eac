//! Detail views (Enter): the client as its brief (what `rapport brief` prints: concerns, open
//! promises, who is who with their facts and local time, openers, last events, and the
//! client's own fields), in two columns on a wide pane; or a person. Long values, facts and
//! events wrap with a hanging indent, under their own first character.

use super::hanging::hanging;
use super::theme::kind_icon;
use super::Look;
use crate::app::mouse::Hits;
use crate::app::rows::ClientRow;
use crate::app::{App, View};
use crate::config::Action;
use crate::insight::{Brief, Trend};
use crate::model::Role;
use crate::when::ago;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, ctx: &Look, hits: &mut Hits) {
    let block = Block::bordered().border_style(ctx.theme.border(true));
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    // A wide pane holds the brief in two columns: the client on the left, its people and
    // last events on the right.
    let two = width >= TWO_COLUMNS;
    let column = if two { (width - GUTTER) / 2 } else { width };
    let (title, columns) = match app.view {
        View::PersonDetail => {
            let (title, lines) = person(app, width, ctx);
            (title, vec![lines])
        }
        _ => client(app, column, two, ctx),
    };
    // The client detail scrolls (the moving keys, the wheel): a brief is longer than 24 rows.
    let rows = usize::from(inner.height);
    let lines = columns.iter().map(Vec::len).max().unwrap_or(0);
    let (top, bottom) = match app.view {
        View::ClientDetail => {
            hits.scrolled(inner, rows, lines);
            let top = app.detail_top.min(lines.saturating_sub(rows));
            (top, position(top, rows, lines))
        }
        _ => (0, " Esc back ".to_string()),
    };
    let block = block
        .title(Span::styled(title, ctx.theme.title(true)))
        .title_bottom(Span::styled(bottom, ctx.theme.muted()));
    frame.render_widget(block, area);
    let areas: Vec<Rect> = match columns.len() {
        1 => vec![inner],
        _ => {
            let [left, _, right] = Layout::horizontal([
                Constraint::Length(column as u16),
                Constraint::Length(GUTTER as u16),
                Constraint::Min(1),
            ])
            .areas(inner);
            vec![left, right]
        }
    };
    // The lines are wrapped already; wrapping again only catches a head wider than the pane.
    for (lines, at) in columns.into_iter().zip(areas) {
        let shown: Vec<Line> = lines.into_iter().skip(top).collect();
        frame.render_widget(Paragraph::new(shown).wrap(Wrap { trim: false }), at);
    }
}

/// ` Esc back `, and where the view is when the text is longer than the pane:
/// ` Esc back · ↓ more below · 1–21 of 73 `, or `end` when the last line shows.
fn position(top: usize, rows: usize, lines: usize) -> String {
    if lines <= rows {
        return " Esc back ".into();
    }
    let last = (top + rows).min(lines);
    let mark = if last < lines {
        "↓ more below"
    } else {
        "end"
    };
    format!(" Esc back · {mark} · {}–{last} of {lines} ", top + 1)
}

/// From this many columns inside, the client detail has two columns.
const TWO_COLUMNS: usize = 90;
/// Blank columns between them.
const GUTTER: usize = 2;

/// `label       value`, the value wrapping under itself.
fn push_field(lines: &mut Vec<Line<'static>>, label: &str, value: &str, width: usize, ctx: &Look) {
    let head = vec![Span::styled(format!("{label:<12}"), ctx.theme.muted())];
    lines.extend(hanging(head, value, width));
}

/// `  • text`, wrapping under the text.
fn bullet(lines: &mut Vec<Line<'static>>, text: &str, width: usize) {
    lines.extend(hanging(vec![Span::raw("  • ")], text, width));
}

/// The client's brief: the same content as `rapport brief`, laid out for the pane.
fn client(app: &App, width: usize, two: bool, ctx: &Look) -> (String, Vec<Vec<Line<'static>>>) {
    let (Some(row), Some(brief)) = (app.current(), app.brief()) else {
        return (" Client ".into(), vec![Vec::new()]);
    };
    let c = &row.client;
    let mut about = Vec::new();
    if let Some(due) = &brief.check_in {
        let why = if due.in_desert {
            ": gone quiet, ask how they are"
        } else {
            ""
        };
        about.push(Line::styled(
            format!("⚑ check-in due{why}"),
            ctx.theme.warning(),
        ));
        about.push(Line::raw(""));
    }
    section(&mut about, "Concerns", &brief.concerns, width, ctx);
    let mut fields = Vec::new();
    fields_of(&mut fields, row, &brief, app, width, ctx);
    let mut promises = Vec::new();
    section(&mut promises, "Open promises", &brief.promises, width, ctx);
    let mut people = Vec::new();
    who_is_who(&mut people, &brief, width, ctx);
    let mut openers = Vec::new();
    section(&mut openers, "Openers", &brief.openers, width, ctx);
    let mut events = Vec::new();
    let title = if app.selected.timeline.filter.is_empty() {
        "Last events"
    } else {
        "Last events (of the filtered timeline)"
    };
    section(&mut events, title, &brief.last_events, width, ctx);
    let alias = c
        .alias
        .as_ref()
        .map(|a| format!(" ({a})"))
        .unwrap_or_default();
    let title = format!(" {}{alias} ", c.name);
    if two {
        let left = [about, fields, promises, openers].concat();
        return (title, vec![left, [people, events].concat()]);
    }
    // One column: what a call needs first, the standing facts last.
    let one = [about, promises, people, openers, events, fields].concat();
    (title, vec![one])
}

/// `state`, `contact`, `warmth`, … as `label  value` lines, then a blank line.
fn fields_of(
    lines: &mut Vec<Line<'static>>,
    row: &ClientRow,
    brief: &Brief,
    app: &App,
    width: usize,
    ctx: &Look,
) {
    let (c, s) = (&row.client, &row.summary);
    let mut field = |label: &str, value: String| push_field(lines, label, &value, width, ctx);
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
    let trend = match brief.trend {
        Trend::Up => "rising",
        Trend::Flat => "steady",
        Trend::Down => "falling",
    };
    field("trust", format!("{:+.2}, {trend}", brief.trust));
    field("events", s.event_count.to_string());
    field(
        "free advice",
        format!("{} min in 30 days", s.unbilled_advice_minutes(app.now)),
    );
    lines.push(Line::raw(""));
}

/// A titled list of bullets and a blank line after it; nothing when it is empty.
fn section(
    lines: &mut Vec<Line<'static>>,
    title: &str,
    items: &[String],
    width: usize,
    ctx: &Look,
) {
    if items.is_empty() {
        return;
    }
    lines.push(Line::styled(title.to_string(), ctx.theme.title(false)));
    for item in items {
        bullet(lines, item, width);
    }
    lines.push(Line::raw(""));
}

/// The people by role, each with the time where they are and their facts under them.
fn who_is_who(lines: &mut Vec<Line<'static>>, brief: &Brief, width: usize, ctx: &Look) {
    if brief.people.is_empty() {
        return;
    }
    lines.push(Line::styled("Who is who", ctx.theme.title(false)));
    let mut group = None;
    for who in &brief.people {
        let this = who.role.group_order().min(2);
        if group != Some(this) {
            group = Some(this);
            let heading = match who.role {
                Role::Manager => " Managers",
                Role::Gatekeeper => " Gatekeepers",
                _ => " Others",
            };
            lines.push(Line::styled(heading, ctx.theme.muted()));
        }
        let text = match &who.local {
            Some(there) => format!("{} · {}", who.line, there.text),
            None => who.line.clone(),
        };
        bullet(lines, &text, width);
        for fact in who.dates.iter().chain(&who.facts) {
            let head = vec![Span::styled("      · ", ctx.theme.muted())];
            lines.extend(hanging(head, fact, width));
        }
    }
    lines.push(Line::raw(""));
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
    if let Some(zone) = &p.time_zone {
        // The time there beside the zone: whether now is a good moment to call.
        let there = crate::insight::local_time(zone, app.now)
            .map(|t| format!(" · now {}", t.text))
            .unwrap_or_default();
        field("time zone", format!("{zone}{there}"));
    }
    for (label, value) in [("email", &p.email), ("phone", &p.phone)] {
        if let Some(value) = value {
            field(label, value.clone());
        }
    }
    let today = crate::insight::today(app.now);
    for date in p.dates() {
        let next = date.date.next_on_or_after(today).format("%a %-d %b %Y");
        field(date.kind.as_str(), format!("{} · next {next}", date.date));
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
