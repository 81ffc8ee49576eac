//! `rapport brief CLIENT`: a pre-call brief on one screen — concerns, who is who, open
//! promises, the last five events and what to open with. Reads one client: its summary, its
//! people and the first page of its timeline.

use super::Ctx;
use crate::insight::{self, Gap, Rules};
use crate::model::{Client, Event, Person, PersonId, Summary};
use crate::store::Store;
use crate::when;
use crate::when::ago;
use anyhow::Result;
use clap::Args;
use std::collections::HashMap;
use std::fmt::Write;

/// Events looked at for the last five (tombstones are skipped).
const PAGE: usize = 64;
const LAST: usize = 5;

#[derive(Args, Debug)]
#[command(
    about = "A pre-call brief on one screen: concerns, who is who, promises, recent events, openers",
    after_help = "Example:\n  rapport brief acme"
)]
pub struct BriefArgs {
    /// The client (name, alias or unique prefix)
    client: String,
}

pub fn run(ctx: &Ctx, args: BriefArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let client = super::find_client(&*store, &args.client)?;
    let summary = store.summary(client.id)?;
    let mut people = store.people(Some(client.id))?;
    people.retain(Person::is_live);
    people.sort_by_key(|p| (p.role.group_order(), crate::model::fold(&p.name)));
    let recent = last_events(&*store, &client)?;
    // The last events keep the names of people since removed or moved away.
    let names = crate::resolve::names_in(&*store, client.id, &recent)?;
    out!(
        "{}",
        brief(ctx, &client, &summary, &people, &recent, &names)
    )?;
    Ok(())
}

fn last_events(store: &dyn Store, client: &Client) -> Result<Vec<Event>> {
    let page = store.events_page(client.id, None, PAGE)?;
    Ok(page
        .events
        .into_iter()
        .filter(Event::is_live)
        .take(LAST)
        .collect())
}

/// The brief as text.
pub fn brief(
    ctx: &Ctx,
    client: &Client,
    summary: &Summary,
    people: &[Person],
    recent: &[Event],
    names: &HashMap<PersonId, String>,
) -> String {
    let now = ctx.now;
    let rules = Rules::from_config(&ctx.config);
    let mut out = String::new();
    let trust = summary.trust.at(now, rules.half_life_days);
    let trend = match insight::trust_trend(summary, now, rules.half_life_days) {
        insight::Trend::Up => "↑",
        insight::Trend::Flat => "→",
        insight::Trend::Down => "↓",
    };
    let _ = writeln!(
        out,
        "{} — {}, {} every {} days; last contact {}; trust {trust:+.1} {trend}",
        client.name,
        client.state,
        client.style,
        client.cadence_days,
        ago(insight::days_since_contact(summary, now), "d ago"),
    );
    if let Some(due) = insight::check_in(client, summary, now) {
        let why = if due.in_desert {
            ": gone quiet, ask how they are"
        } else {
            ""
        };
        let _ = writeln!(out, "⚑ check-in due{why}");
    }
    section(
        &mut out,
        "Concerns",
        client
            .concerns
            .iter()
            .map(|c| format!("{} (since {})", c.text, c.since)),
    );
    section(
        &mut out,
        "Who is who",
        people.iter().map(|p| who(p, summary, now)),
    );
    let today = insight::today(now);
    section(
        &mut out,
        "Open promises",
        summary.open_promises.iter().map(|p| {
            let due = match p.due {
                Some(due) if due < today => format!(" (overdue since {due})"),
                Some(due) => format!(" (due {due})"),
                None => String::new(),
            };
            format!("{}{due}", p.text.trim())
        }),
    );
    section(
        &mut out,
        "Last events",
        recent.iter().map(|e| event_line(e, names)),
    );
    section(
        &mut out,
        "Openers",
        openers(client, summary, people, ctx).into_iter(),
    );
    out
}

fn section(out: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}");
    for line in lines {
        let _ = writeln!(out, "  {line}");
    }
}

/// "Mikko Virtanen, CTO — manager, ally; last contact 41d ago\n    · fishing in Lapland"
fn who(person: &Person, summary: &Summary, now: chrono::DateTime<chrono::Utc>) -> String {
    let days = (summary.last_contact_by_person.get(&person.id)).map(|t| (now - *t).num_days());
    let title = person
        .title
        .as_deref()
        .map(|t| format!(", {t}"))
        .unwrap_or_default();
    let contact = match days {
        Some(_) => format!("last contact {}", ago(days, "d ago")),
        None => "never contacted".into(),
    };
    let mut line = format!(
        "{}{title} — {}, {}; {contact}",
        person.name, person.role, person.stance
    );
    let mut facts: Vec<_> = person.facts.iter().collect();
    facts.sort_by_key(|f| std::cmp::Reverse(f.noted));
    for fact in facts {
        let _ = write!(line, "\n    · {}", fact.text.trim());
    }
    line
}

fn event_line(event: &Event, names: &HashMap<PersonId, String>) -> String {
    let with: Vec<&str> = event
        .people
        .iter()
        .filter_map(|p| names.get(p).map(String::as_str))
        .collect();
    let with = if with.is_empty() {
        String::new()
    } else {
        format!(" with {}", with.join(", "))
    };
    let text = event.text.replace('\n', " ⏎ ");
    let private = if event.private { " [private]" } else { "" };
    format!(
        "{}  {}{with}: {text}{private}",
        when::show(event.at),
        event.kind
    )
}

/// Personal openers first (the people you talk to most recently first), then what the
/// relationship itself suggests: a concern to follow up, a gap to mend.
fn openers(client: &Client, summary: &Summary, people: &[Person], ctx: &Ctx) -> Vec<String> {
    let mut by_recency: Vec<&Person> = people.iter().filter(|p| !p.facts.is_empty()).collect();
    by_recency.sort_by_key(|p| std::cmp::Reverse(summary.last_contact_by_person.get(&p.id)));
    let mut lines: Vec<String> = by_recency
        .into_iter()
        .filter_map(insight::opener)
        .take(3)
        .collect();
    if let Some(concern) = client.concerns.last() {
        lines.push(format!("Follow up on: {}", concern.text));
    }
    let name = |id: &PersonId| {
        (people.iter().find(|p| p.id == *id)).map_or_else(|| "them".to_string(), |p| p.name.clone())
    };
    for gap in insight::coverage(client, summary, people, ctx.now) {
        lines.push(match gap {
            Gap::SingleThreaded { person } => {
                format!("Ask {} who else should hear about this", name(&person))
            }
            Gap::NoManagerContact { .. } => "Ask to include a manager in the next update".into(),
            Gap::Unthanked { person, .. } => format!("Thank {} for their help", name(&person)),
        });
    }
    lines
}
