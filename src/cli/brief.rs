//! `rapport brief CLIENT`: a pre-call brief on one screen — concerns, who is who, open
//! promises, the last five events and what to open with. Reads one client: its summary, its
//! people and the first page of its timeline. The content is `insight::Brief`, which the
//! dashboard's client detail shows too; this lays it out as text.

use super::Ctx;
use crate::insight::{self, Brief, Rules, Sources};
use crate::model::{Client, Event, Person};
use crate::store::Store;
use crate::when::ago;
use anyhow::Result;
use clap::Args;
use std::fmt::Write;

/// Events looked at for the last five (tombstones are skipped).
const PAGE: usize = 64;

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
    let sources = Sources {
        client: &client,
        summary: &summary,
        people: &people,
        recent: &recent,
        names: &names,
    };
    let rules = Rules::from_config(&ctx.config);
    let brief = Brief::of(&sources, ctx.now, rules.half_life_days);
    out!("{}", text(&client, &brief))?;
    Ok(())
}

fn last_events(store: &dyn Store, client: &Client) -> Result<Vec<Event>> {
    let page = store.events_page(client.id, None, PAGE)?;
    Ok(page
        .events
        .into_iter()
        .filter(Event::is_live)
        .take(insight::LAST_EVENTS)
        .collect())
}

/// The brief as text.
pub fn text(client: &Client, brief: &Brief) -> String {
    let mut out = String::new();
    let trend = match brief.trend {
        insight::Trend::Up => "↑",
        insight::Trend::Flat => "→",
        insight::Trend::Down => "↓",
    };
    let _ = writeln!(
        out,
        "{} — {}, {} every {} days; last contact {}; trust {:+.1} {trend}",
        client.name,
        client.state,
        client.style,
        client.cadence_days,
        ago(brief.days_since_contact, "d ago"),
        brief.trust,
    );
    if let Some(due) = &brief.check_in {
        let why = if due.in_desert {
            ": gone quiet, ask how they are"
        } else {
            ""
        };
        let _ = writeln!(out, "⚑ check-in due{why}");
    }
    section(&mut out, "Concerns", brief.concerns.iter().cloned());
    let who = brief.people.iter().map(|who| {
        let mut line = who.line.clone();
        if let Some(there) = &who.local {
            let _ = write!(line, "; {}", there.text);
        }
        for fact in who.dates.iter().chain(&who.facts) {
            let _ = write!(line, "\n    · {fact}");
        }
        line
    });
    section(&mut out, "Who is who", who);
    section(&mut out, "Open promises", brief.promises.iter().cloned());
    section(&mut out, "Last events", brief.last_events.iter().cloned());
    section(&mut out, "Openers", brief.openers.iter().cloned());
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
