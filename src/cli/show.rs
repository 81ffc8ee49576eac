//! `rapport show ID`: one event in full (every field, its people by name, its links to a
//! promise or a call) and the versions its edits kept, oldest first.

use super::note::find_event;
use super::output::json;
use super::Ctx;
use crate::model::{Event, EventVersion, PersonId};
use crate::store::Store;
use crate::when;
use anyhow::Result;
use clap::Args;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Args, Debug)]
#[command(
    about = "Show one event in full, with the versions its edits kept",
    after_help = "Examples:\n  rapport show 01JD4Z\n  rapport show 01JD4Z --json"
)]
pub struct ShowArgs {
    /// The event's id (or a unique prefix of it)
    id: String,
    /// Print JSON: {event, client, people, versions}
    #[arg(long)]
    json: bool,
}

/// What `--json` prints.
#[derive(Serialize)]
struct Shown<'a> {
    event: &'a Event,
    client: String,
    /// The event's people by id, with their names.
    people: Vec<Named>,
    /// Oldest first.
    versions: &'a [EventVersion],
}

#[derive(Serialize)]
struct Named {
    id: PersonId,
    name: String,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let event = find_event(&*store, &args.id)?;
    let versions = store.event_versions(event.id)?;
    let client = store
        .client(event.client)?
        .map_or_else(|| event.client.to_string(), |c| c.name);
    // People since removed or moved elsewhere keep their names on what they took part in.
    let all = std::iter::once(&event).chain(versions.iter().map(|v| &v.event));
    let names = crate::resolve::names_in(&*store, event.client, all)?;
    if args.json {
        let people = (event.people.iter())
            .map(|id| Named {
                id: *id,
                name: names.get(id).cloned().unwrap_or_default(),
            })
            .collect();
        return json(&Shown {
            event: &event,
            client,
            people,
            versions: &versions,
        });
    }
    for (label, value) in fields(&*store, &event, &client, &names)? {
        outln!("{label:<10} {value}")?;
    }
    if !versions.is_empty() {
        outln!("\nversions, oldest first:")?;
        for (n, version) in versions.iter().enumerate() {
            outln!(
                "{}. until {}: {}",
                n + 1,
                when::show(version.replaced),
                one_line(&version.event, &names)
            )?;
        }
        outln!("{}. now: {}", versions.len() + 1, one_line(&event, &names))?;
    }
    Ok(())
}

/// Every field worth a line, in the order a reader wants them.
fn fields(
    store: &dyn Store,
    event: &Event,
    client: &str,
    names: &HashMap<PersonId, String>,
) -> Result<Vec<(&'static str, String)>> {
    let mut lines = vec![
        ("id", event.id.to_string()),
        ("client", client.to_string()),
        ("kind", event.kind.to_string()),
        ("when", when::show(event.at)),
        ("text", event.text.replace('\n', "\n           ")),
        ("with", people(event, names)),
        ("tags", tags(event)),
        ("trust", format!("{:+}", event.trust)),
    ];
    if let Some(minutes) = event.minutes {
        let billed = if event.billed { ", billed" } else { "" };
        lines.push(("time", format!("{minutes} min{billed}")));
    }
    if event.private {
        lines.push(("private", "yes: a note to self".into()));
    }
    if event.unreported {
        let back = format!("left out (`rapport report --put-back {}`)", event.id);
        lines.push(("report", back));
    }
    if let Some(info) = &event.promise {
        let due = info
            .due
            .map_or("no due date".into(), |d| format!("due {d}"));
        let state = match (info.outcome, info.outcome_event) {
            (Some(outcome), Some(by)) => format!("{outcome} ({by})"),
            (Some(outcome), None) => outcome.to_string(),
            _ => "open".into(),
        };
        lines.push(("promise", format!("{due}, {state}")));
    }
    if let Some(day) = event.follow {
        lines.push(("follow up", format!("on {day}, on the agenda until done")));
    }
    if let Some(promise) = event.resolves {
        lines.push(("resolves", linked(store, promise, "promise")?));
    }
    if let Some(call) = event.made_in {
        lines.push(("made in", linked(store, call, "event")?));
    }
    lines.push(("recorded", when::show(event.created)));
    if let Some(edited) = event.edited {
        let at = when::show(edited.at);
        lines.push(("edited", format!("{at} ({} versions)", edited.versions())));
    }
    if let Some(removed) = event.deleted {
        let id = event.id;
        let hint = format!("`rapport restore {id}` brings it back");
        lines.push(("removed", format!("{} ({hint})", when::show(removed))));
    }
    Ok(lines)
}

/// Another event named by id, with its kind and text when it is there.
fn linked(store: &dyn Store, id: crate::model::EventId, what: &str) -> Result<String> {
    Ok(match store.event(id)? {
        Some(e) => format!("{} {id}: {}", e.kind, e.text.replace('\n', " ⏎ ")),
        None => format!("{what} {id} (missing)"),
    })
}

fn people(event: &Event, names: &HashMap<PersonId, String>) -> String {
    let named: Vec<String> = (event.people.iter())
        .map(|p| names.get(p).cloned().unwrap_or_else(|| p.to_string()))
        .collect();
    if named.is_empty() {
        "-".into()
    } else {
        named.join(", ")
    }
}

fn tags(event: &Event) -> String {
    if event.tags.is_empty() {
        return "-".into();
    }
    let tags: Vec<String> = event.tags.iter().map(|t| format!("#{t}")).collect();
    tags.join(" ")
}

/// A version in one line: when, kind, text, people, tags, trust and the rest that is set.
fn one_line(event: &Event, names: &HashMap<PersonId, String>) -> String {
    let mut parts = vec![
        when::show(event.at),
        event.kind.to_string(),
        event.text.replace('\n', " ⏎ "),
    ];
    if !event.people.is_empty() {
        parts.push(format!("with {}", people(event, names)));
    }
    if !event.tags.is_empty() {
        parts.push(tags(event));
    }
    parts.push(format!("{:+}", event.trust));
    if let Some(m) = event.minutes {
        parts.push(format!("{m} min"));
    }
    if event.private {
        parts.push("private".into());
    }
    if let Some(due) = event.promise.as_ref().and_then(|p| p.due) {
        parts.push(format!("due {due}"));
    }
    parts.join(" · ")
}
