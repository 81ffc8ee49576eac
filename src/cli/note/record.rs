//! Saving a new note or promise, by the route [`connect::for_new_event`] picks, and saying what
//! was saved once it is durable.

use super::args::Common;
use crate::capture::Parsed;
use crate::cli::connect::{self, Route};
use crate::cli::context::Target;
use crate::cli::inline::{self, Unlinked};
use crate::cli::{unfiled, Ctx};
use crate::model::valid;
use crate::model::{ClientName, Event, PersonId, Unfiled};
use crate::resolve::{self, Names, ResolveError};
use crate::store::Store;
use crate::when;
use anyhow::Result;

/// Saves a new event and prints its id once it is durable. Its names come from the names file
/// when it knows them all (it was read for the syntax already): the dashboard is then asked
/// one thing, to save, and without a dashboard the note goes to the quick inbox, which costs
/// the same on a store of any size. A name the file does not know may be behind it, and a
/// promise made in a note goes with the note in one write: then the store (or the dashboard)
/// resolves and saves. A client named that is not found keeps `typed` unfiled.
pub(super) fn record(
    ctx: &Ctx,
    client: &Target,
    note: Parsed,
    common: &Common,
    typed: &Unfiled,
) -> Result<()> {
    let note = common.overlay(note);
    for due in note.due.iter().chain(note.promises.iter().map(|p| &p.due)) {
        valid::day("due date", *due)?;
    }
    if let Some(day) = note.follow {
        valid::day("follow-up day", day)?;
    }
    let route = connect::for_new_event(ctx)?;
    if let Route::Store(store) = &route {
        return save(ctx, &**store, client, &note, common, typed);
    }
    if let Some(built) = from_names_file(ctx, client, &note, common)? {
        match &route {
            Route::Dashboard(dashboard) => {
                dashboard.save_events(&built.events(), &[], ctx.now)?;
                return echo(client, &built);
            }
            Route::Inbox(quick) if built.promises.is_empty() => {
                quick.add(&built.event)?;
                return echo(client, &built);
            }
            _ => {}
        }
    }
    match &route {
        Route::Dashboard(dashboard) => save(ctx, dashboard, client, &note, common, typed),
        _ => save(ctx, &*ctx.open_store()?, client, &note, common, typed),
    }
}

/// The event as the names file alone builds it; `None` when there is no file or it does not
/// know a name (it may be behind the store).
fn from_names_file(
    ctx: &Ctx,
    client: &Target,
    note: &Parsed,
    common: &Common,
) -> Result<Option<Built>> {
    let Some(names) = ctx.quick_names()? else {
        return Ok(None);
    };
    let Ok(named) = client.resolve(names) else {
        return Ok(None);
    };
    match build(ctx, names, named, note, common) {
        Ok(built) if !built.unlinked.iter().any(Unlinked::is_unknown) => Ok(Some(built)),
        Ok(_) => Ok(None),
        Err(e) if !is_unknown_name(&e) => Err(e),
        Err(_) => Ok(None),
    }
}

/// Resolves the names in `store` and saves the event with its promises in one write.
fn save(
    ctx: &Ctx,
    store: &dyn Store,
    client: &Target,
    note: &Parsed,
    common: &Common,
    typed: &Unfiled,
) -> Result<()> {
    let named = match client.resolve(store) {
        Ok(named) => named,
        Err(error) => return unfiled::keep_misnamed(store, client, typed, error),
    };
    let built = build(ctx, store, named, note, common)?;
    store.save_events(&built.events(), &[], ctx.now)?;
    echo(client, &built)
}

/// What a saved event says: its id on stdout, the client it went to, the promises made in it
/// and the @names kept as text on stderr.
fn echo(client: &Target, built: &Built) -> Result<()> {
    outln!("{}", built.event.id)?;
    client.announce(&built.client);
    for promise in &built.promises {
        let due = promise.promise.as_ref().and_then(|p| p.due);
        let due = due.map(|d| format!(", due {}", d.format("%a %Y-%m-%d")));
        crate::cli::output::warn(&format!(
            "promise made in the {}: {} ({}{})",
            built.event.kind,
            promise.text,
            promise.id,
            due.unwrap_or_default()
        ));
    }
    inline::warn(&built.client, &built.unlinked);
    if let Some(people) = &built.people {
        crate::cli::output::warn(&read_as(&built.event, people));
    }
    Ok(())
}

/// Whether to say what the note was read as: on a terminal, as the dashboard's preview does
/// (a script reading stderr gets only what it got before); `RAPPORT_ECHO=1` asks for it.
fn wants_read_as() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() || std::env::var_os("RAPPORT_ECHO").is_some_and(|v| v == "1")
}

/// `read: call · with Mikko Virtanen · #replication · +1 · 45 min · due Fri 2026-11-27`.
fn read_as(event: &Event, people: &[String]) -> String {
    let mut parts = vec![event.kind.to_string()];
    if event.private {
        parts.push("private".into());
    }
    if !people.is_empty() {
        parts.push(format!("with {}", people.join(", ")));
    }
    if !event.tags.is_empty() {
        let tags: Vec<String> = event.tags.iter().map(|t| format!("#{t}")).collect();
        parts.push(tags.join(" "));
    }
    if event.trust != 0 {
        parts.push(format!("{:+}", event.trust));
    }
    if let Some(minutes) = event.minutes {
        parts.push(format!(
            "{minutes} min{}",
            if event.billed { ", billed" } else { "" }
        ));
    }
    if let Some(due) = event.promise.as_ref().and_then(|p| p.due) {
        parts.push(format!("due {}", due.format("%a %Y-%m-%d")));
    }
    format!("read: {}", parts.join(" · "))
}

fn is_unknown_name(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<ResolveError>(),
        Some(ResolveError::Unknown { .. })
    )
}

/// An event ready to save, and the @names it could not link.
struct Built {
    event: Event,
    /// Promises made in it, saved with it.
    promises: Vec<Event>,
    client: ClientName,
    unlinked: Vec<Unlinked>,
    /// The names of its people, when what it was read as is to be said.
    people: Option<Vec<String>>,
}

impl Built {
    /// The event and its promises, as one write saves them.
    fn events(&self) -> Vec<Event> {
        std::iter::once(self.event.clone())
            .chain(self.promises.iter().cloned())
            .collect()
    }
}

fn build(
    ctx: &Ctx,
    names: &dyn Names,
    client: ClientName,
    note: &Parsed,
    common: &Common,
) -> Result<Built> {
    let mut people: Vec<PersonId> = Vec::new();
    for name in &common.with {
        let id = resolve::person(names, name, Some(client.id))?.id;
        if !people.contains(&id) {
            people.push(id);
        }
    }
    let unlinked = inline::link(names, &note.mentions, client.id, &mut people)?;
    let at = common
        .at
        .as_deref()
        .map(|a| when::past(a, ctx.now))
        .transpose()?
        .or(note.at)
        .unwrap_or(ctx.now);
    let event = note.to_event(client.id, people, at, ctx.now, &ctx.config);
    let promises = note.promise_events(&event, &ctx.config);
    let people = match wants_read_as() {
        true => Some(names_of(names, &client, &event.people)?),
        false => None,
    };
    Ok(Built {
        event,
        promises,
        client,
        unlinked,
        people,
    })
}

/// The names of `people`, in that order.
fn names_of(names: &dyn Names, client: &ClientName, people: &[PersonId]) -> Result<Vec<String>> {
    let known = names.person_names(Some(client.id))?;
    Ok(people
        .iter()
        .filter_map(|id| known.iter().find(|p| p.id == *id).map(|p| p.name.clone()))
        .collect())
}
