//! The report as one self-contained HTML page (no scripts, no outside files), with a little CSS
//! that also prints well. maud escapes every value it is given, so a note's `<` or `&` comes
//! out as text; only the fixed stylesheet goes in unescaped.

use super::{made, summary, Incident, Item, Promise, Report, Section, State, Words};
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
    let words = report.words();
    let title = words.title(&report.client);
    let each = |w: &Item| item(words, w);
    let promise = |p: &Promise| promise(report, p);
    let page = html! {
        (DOCTYPE)
        html lang=(report.lang.as_str()) {
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
                        (words.to())
                        time datetime=(report.until) { (report.until) }
                    }
                    @if let Some(by) = report.prepared_by() { p.by { (by) } }
                    p.summary { (summary(report)) }
                }
                (section(words, Section::Work, &report.work, each))
                (section(words, Section::Wins, &report.wins, each))
                (section(words, Section::Incidents, &report.incidents, |i| incident(words, i)))
                (section(words, Section::Settled, &report.settled, promise))
                (section(words, Section::Open, &report.open, promise))
                footer {
                    @if let Some(footer) = &report.footer { p.text { (footer) } }
                    (words.made_on(report.until))
                }
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

fn section<T>(words: Words, which: Section, items: &[T], each: impl Fn(&T) -> Markup) -> Markup {
    html! {
        section {
            h2 { (words.section(which)) }
            @if items.is_empty() {
                p.none { (words.none()) }
            } @else {
                ul { @for it in items { li { (each(it)) } } }
            }
        }
    }
}

fn item(words: Words, item: &Item) -> Markup {
    html! {
        span.when { (item.day) }
        span.kind { (words.kind(item.kind)) }
        @if !item.people.is_empty() { span.muted { " " (words.with(&item.people.join(", "))) } }
        @if let Some(minutes) = item.minutes { span.muted { " (" (words.duration(minutes)) ")" } }
        div.text { (item.text) }
    }
}

fn incident(words: Words, incident: &Incident) -> Markup {
    html! {
        (item(words, &incident.item))
        @if !incident.follow_ups.is_empty() {
            ul { @for f in &incident.follow_ups { li { (item(words, f)) } } }
        }
    }
}

fn promise(report: &Report, promise: &Promise) -> Markup {
    let words = report.words();
    let label = words.state(promise.state);
    let (class, state) = match promise.state {
        State::Kept(day) => ("kept", format!("✔ {label} {day}")),
        State::Broken(day) => ("broken", format!("✘ {label} {day}")),
        State::Open => ("open", format!("☐ {label}")),
        State::Overdue => ("overdue", format!("☐ {label}")),
    };
    html! {
        span class={ "state " (class) } { (state) }
        span.text { (promise.text) }
        div.muted {
            @if let Some(due) = promise.due { (words.due(due)) ", " }
            (made(report, promise))
            @if !promise.people.is_empty() { ", " (words.with(&promise.people.join(", "))) }
            @if let Some(note) = &promise.note { " — " (note) }
        }
    }
}
