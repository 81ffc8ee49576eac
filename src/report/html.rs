//! The report as one self-contained HTML page (no scripts, no outside files), with a little CSS
//! that also prints well. maud escapes every value it is given, so a note's `<` or `&` comes
//! out as text; only the fixed stylesheet goes in unescaped.

use super::{duration, summary, Incident, Item, Promise, Report, State};
use maud::{html, Markup, PreEscaped, DOCTYPE};

const CSS: &str = "
:root { color-scheme: light; --muted: #5f6b76; --line: #d9dee3; --accent: #1f6f8b; }
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK JP', sans-serif;
       color: #1d2329; max-width: 48rem; margin: 2.5rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; padding-bottom: .25rem;
     border-bottom: 1px solid var(--line); color: var(--accent); }
.period, .muted, .none { color: var(--muted); }
.summary { margin: 1rem 0; padding: .75rem 1rem; background: #f3f6f8; border-radius: 6px; }
ul { list-style: none; padding: 0; margin: 0; }
li { padding: .35rem 0; border-bottom: 1px solid #eef1f3; }
li ul { margin: .25rem 0 0 1.5rem; }
li li { border: 0; padding: .15rem 0; }
.when { font-variant-numeric: tabular-nums; color: var(--muted); margin-right: .5rem; }
.kind { margin-right: .25rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--accent); }
.text { white-space: pre-line; }
.state { font-weight: 600; margin-right: .4rem; }
.kept { color: #2e7d32; } .broken { color: #b23b3b; } .overdue { color: #b26a00; }
footer { margin-top: 2.5rem; font-size: .8rem; color: var(--muted); }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  li { break-inside: avoid; }
  .summary { background: none; border: 1px solid var(--line); }
}
";

pub fn html(report: &Report) -> String {
    let title = format!("{}: client report", report.client);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (title) }
                    p.period {
                        time datetime=(report.since) { (report.since) }
                        " to "
                        time datetime=(report.until) { (report.until) }
                    }
                    p.summary { (summary(report)) }
                }
                (section("Work done", &report.work, item))
                (section("Wins", &report.wins, item))
                (section("Incidents handled", &report.incidents, incident))
                (section("Promises kept and broken", &report.settled, promise))
                (section("Open items", &report.open, promise))
                footer { "Report made on " (report.until) "." }
            }
        }
    };
    lines(page.into_string())
}

/// maud writes one long line; a line break before each block tag keeps the file readable (and
/// its diffs small) without changing what a browser shows. Text never holds a raw `<`: maud
/// escaped it, so only real tags match.
fn lines(page: String) -> String {
    let mut out = page;
    for tag in [
        "<head>",
        "<style>",
        "<body>",
        "<header>",
        "<section>",
        "<ul>",
        "<li>",
        "</ul>",
        "</section>",
        "<footer>",
        "</body>",
    ] {
        out = out.replace(tag, &format!("\n{tag}"));
    }
    out.push('\n');
    out
}

fn section<T>(title: &str, items: &[T], each: impl Fn(&T) -> Markup) -> Markup {
    html! {
        section {
            h2 { (title) }
            @if items.is_empty() {
                p.none { "None in this period." }
            } @else {
                ul { @for it in items { li { (each(it)) } } }
            }
        }
    }
}

fn item(item: &Item) -> Markup {
    html! {
        span.when { (item.day) }
        span.kind { (item.kind) }
        @if !item.people.is_empty() { span.muted { " with " (item.people.join(", ")) } }
        @if let Some(minutes) = item.minutes { span.muted { " (" (duration(minutes)) ")" } }
        div.text { (item.text) }
    }
}

fn incident(incident: &Incident) -> Markup {
    html! {
        (item(&incident.item))
        @if !incident.follow_ups.is_empty() {
            ul { @for f in &incident.follow_ups { li { (item(f)) } } }
        }
    }
}

fn promise(promise: &Promise) -> Markup {
    let (class, state) = match promise.state {
        State::Kept(day) => ("kept", format!("✔ Kept {day}")),
        State::Broken(day) => ("broken", format!("✘ Broken {day}")),
        State::Open => ("open", "☐ Open".to_string()),
        State::Overdue => ("overdue", "☐ Overdue".to_string()),
    };
    html! {
        span class={ "state " (class) } { (state) }
        span.text { (promise.text) }
        div.muted {
            @if let Some(due) = promise.due { "due " (due) ", " }
            (super::made(promise))
            @if !promise.people.is_empty() { ", with " (promise.people.join(", ")) }
            @if let Some(note) = &promise.note { " — " (note) }
        }
    }
}
