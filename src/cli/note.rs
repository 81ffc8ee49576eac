//! `rapport note`, `promise`, `kept`, `broken`, `delete`, `restore`: writing the timeline.
//! Every write is durable before its id is printed.

use super::client::parse;
use super::Ctx;
use crate::model::{Event, EventId, Kind, Outcome, PersonId, PromiseInfo, ID_LEN};
use crate::resolve::{self, Names, ResolveError};
use crate::store::{self, Store};
use crate::when;
use anyhow::{bail, Result};
use clap::Args;

#[derive(Args, Debug)]
#[command(
    about = "Add a note to a client's timeline (prints the saved id)",
    after_help = "Examples:\n  rapport note acme \"Failover test went fine\" --kind call --with Mikko --trust +1\n  rapport note acme \"Explained partitioning\" --kind advice --minutes 45 --at \"yesterday 15:30\"\n  rapport note acme \"Wife expecting in March\" --private"
)]
pub struct NoteArgs {
    /// The client (name, alias or unique prefix)
    client: String,
    /// What happened
    text: String,
    #[arg(long, default_value = "note", value_parser = parse::<Kind>)]
    kind: Kind,
    #[command(flatten)]
    common: Common,
    /// Advice that was paid for
    #[arg(long)]
    billed: bool,
}

/// What notes and promises share.
#[derive(Args, Debug)]
pub struct Common {
    /// Who was there (repeatable)
    #[arg(long = "with", value_name = "PERSON")]
    with: Vec<String>,
    /// Trust movement, -3..+3 [default: from config for the kind]
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i8).range(-3..=3))]
    trust: Option<i8>,
    /// A note to self: never exported for the client
    #[arg(long)]
    private: bool,
    /// When it happened (local time): "2026-11-20 14:00", "yesterday 15:30" [default: now]
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
    /// Duration in minutes (calls, advice)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1440))]
    minutes: Option<u32>,
    /// Add a tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
}

#[derive(Args, Debug)]
#[command(
    about = "Record a promise made to a client, with a due date",
    after_help = "Example:\n  rapport promise acme \"Send the upgrade plan\" --due 2026-12-01 --with Anna"
)]
pub struct PromiseArgs {
    client: String,
    /// What was promised
    text: String,
    /// When it is due: 2026-12-01, fri, "next monday"
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args, Debug)]
pub struct OutcomeArgs {
    /// The promise's id (or a unique prefix of it)
    id: String,
    /// A word on how it went
    #[arg(long)]
    note: Option<String>,
    /// When it was kept or broken [default: now]
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
}

#[derive(Args, Debug)]
pub struct IdArgs {
    /// The event's id (or a unique prefix of it)
    id: String,
}

pub fn note(ctx: &Ctx, args: NoteArgs) -> Result<()> {
    let shape = |mut event: Event| {
        event.billed = args.billed;
        event
    };
    record(
        ctx,
        &args.client,
        &args.text,
        args.kind,
        &args.common,
        &shape,
    )
}

pub fn promise(ctx: &Ctx, args: PromiseArgs) -> Result<()> {
    let due = args
        .due
        .as_deref()
        .map(|d| when::day(d, ctx.now))
        .transpose()?;
    let shape = |mut event: Event| {
        event.promise = Some(PromiseInfo {
            due,
            ..PromiseInfo::default()
        });
        event
    };
    record(
        ctx,
        &args.client,
        &args.text,
        Kind::Promise,
        &args.common,
        &shape,
    )
}

/// Saves a new event and prints its id once it is durable. The quick way first: names from the
/// names file and an fsynced append to the inbox, which costs the same on a store of any size;
/// when the names file is missing or does not know a name, the store itself is opened.
fn record(
    ctx: &Ctx,
    client: &str,
    text: &str,
    kind: Kind,
    common: &Common,
    shape: &dyn Fn(Event) -> Event,
) -> Result<()> {
    if let Some(names) = store::quick_names(&ctx.data_dir)? {
        match build(ctx, &names, client, text, kind, common) {
            Ok(event) => {
                let event = shape(event);
                store::quick_add(&ctx.data_dir, &event)?;
                println!("{}", event.id);
                return Ok(());
            }
            Err(e) if !is_unknown_name(&e) => return Err(e),
            Err(_) => {} // the names file may be behind the store: ask the store
        }
    }
    let store = ctx.open_store()?;
    let event = shape(build(ctx, &store, client, text, kind, common)?);
    store.add_event(&event, ctx.now)?;
    println!("{}", event.id);
    Ok(())
}

fn is_unknown_name(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<ResolveError>(),
        Some(ResolveError::Unknown { .. })
    )
}

fn build(
    ctx: &Ctx,
    names: &dyn Names,
    client: &str,
    text: &str,
    kind: Kind,
    common: &Common,
) -> Result<Event> {
    let client = resolve::client(names, client)?;
    let text = text.trim();
    if text.is_empty() {
        bail!("the note is empty");
    }
    let mut people: Vec<PersonId> = Vec::new();
    for name in &common.with {
        let id = resolve::person(names, name, Some(client.id))?.id;
        if !people.contains(&id) {
            people.push(id);
        }
    }
    let at = common
        .at
        .as_deref()
        .map(|a| when::past(a, ctx.now))
        .transpose()?
        .unwrap_or(ctx.now);
    Ok(Event {
        id: EventId::new_at(ctx.now.timestamp_millis() as u64),
        client: client.id,
        people,
        at,
        kind,
        text: text.to_string(),
        tags: common
            .tags
            .iter()
            .map(|t| t.trim_start_matches('#').to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        trust: common.trust.unwrap_or_else(|| ctx.config.trust_delta(kind)),
        private: common.private,
        minutes: common.minutes,
        // `note --kind promise` is a promise too, just without a due date.
        promise: (kind == Kind::Promise).then(PromiseInfo::default),
        created: ctx.now,
        ..Event::default()
    })
}

/// Finds an event by id or unique prefix.
pub fn find_event(store: &dyn Store, id: &str) -> Result<Event> {
    let id = id.trim();
    if id.len() < 4 {
        bail!("give at least 4 characters of the id (see `rapport log CLIENT`)");
    }
    let matches = store.events_with_prefix(id, 6)?;
    let found = match matches.as_slice() {
        [one] => *one,
        [] => bail!("no event with id {id} (ids are shown by `rapport log CLIENT`)"),
        many if id.len() >= ID_LEN => many[0],
        many => bail!(
            "'{id}' matches several events: {}{}; give more of the id",
            many.iter()
                .take(5)
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            if many.len() > 5 { ", …" } else { "" }
        ),
    };
    store
        .event(found)?
        .ok_or_else(|| anyhow::anyhow!("event {found} is indexed but missing; run `rapport check`"))
}

pub fn outcome(ctx: &Ctx, args: OutcomeArgs, outcome: Outcome) -> Result<()> {
    let store = ctx.open_store()?;
    let mut promise = find_event(&store, &args.id)?;
    let Some(info) = promise.promise.clone() else {
        match promise.resolves {
            Some(original) => bail!(
                "{} records how promise {original} ended; that promise is already settled",
                promise.id
            ),
            None => bail!("{} is a {}, not a promise", promise.id, promise.kind),
        }
    };
    if !promise.is_live() {
        bail!(
            "promise {} was removed; `rapport restore {}` first",
            promise.id,
            promise.id
        );
    }
    if let Some(done) = info.outcome {
        bail!("promise {} is already marked {done}", promise.id);
    }
    let at = args
        .at
        .as_deref()
        .map(|a| when::past(a, ctx.now))
        .transpose()?
        .unwrap_or(ctx.now);
    let verb = if outcome == Outcome::Kept {
        "Kept"
    } else {
        "Broken"
    };
    let mut text = format!("{verb}: {}", promise.text);
    if let Some(note) = args
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        text = format!("{text} — {note}");
    }
    let movement = Event {
        id: EventId::new_at(ctx.now.timestamp_millis() as u64),
        client: promise.client,
        people: promise.people.clone(),
        at,
        kind: Kind::Promise,
        text,
        trust: ctx.config.promise_delta(outcome),
        private: promise.private,
        resolves: Some(promise.id),
        created: ctx.now,
        ..Event::default()
    };
    store.add_event(&movement, ctx.now)?;
    promise.promise = Some(PromiseInfo {
        outcome: Some(outcome),
        outcome_event: Some(movement.id),
        ..info
    });
    store.update_event(&promise, ctx.now)?;
    println!("{}", movement.id);
    eprintln!("promise marked {outcome} (trust {:+})", movement.trust);
    Ok(())
}

/// `delete` (tombstone) and `restore`.
pub fn delete(ctx: &Ctx, args: IdArgs, remove: bool) -> Result<()> {
    let store = ctx.open_store()?;
    let mut event = find_event(&store, &args.id)?;
    match (remove, event.deleted.is_some()) {
        (true, true) => bail!("{} is already removed", event.id),
        (false, false) => bail!("{} is not removed", event.id),
        _ => {}
    }
    event.deleted = remove.then_some(ctx.now);
    store.update_event(&event, ctx.now)?;
    if remove {
        println!(
            "removed {} (bring it back with `rapport restore {}`)",
            event.id, event.id
        );
    } else {
        println!("restored {}", event.id);
    }
    Ok(())
}
