//! `rapport log`: a client's timeline, newest first, paged from the store (never read whole);
//! `rapport log --all`: every client's events in a window (today unless `--since`), oldest
//! first, for the day's write-up. That reads the window's events and one page per client.

use super::output::json;
use super::shared::{events_table, events_table_of, parse};
use super::Ctx;
use crate::model::{EventFilter, Kind, PersonId};
use crate::resolve;
use crate::store::{across_clients, Window};
use crate::store::{Cursor, Store};
use crate::when;
use anyhow::{bail, Result};
use clap::Args;

#[derive(Args, Debug)]
#[command(
    about = "Show a client's timeline, newest first",
    after_help = "Examples:\n  rapport log acme --limit 10\n  rapport log acme --kind promise --with Anna --since 2026-09-01 --json\n  rapport log acme --tag replication --shared --since 2026-05-01 --until 2026-06-30\n  rapport log --all --since today          # what I did today, every client, oldest first"
)]
pub struct LogArgs {
    /// The client (name, alias or unique prefix)
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    client: Option<String>,
    /// Every client's events, oldest first, with the client's name [default --since: today]
    #[arg(long, conflicts_with = "with")]
    all: bool,
    /// How many events at most [default: 20; with --all, every one in the window]
    #[arg(long, short = 'n')]
    limit: Option<usize>,
    /// Only events of this kind (repeatable)
    #[arg(long = "kind", value_parser = parse::<Kind>)]
    kinds: Vec<Kind>,
    /// Only events with this person
    #[arg(long = "with", value_name = "PERSON")]
    with: Option<String>,
    /// Only events carrying this tag (with or without #)
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// Only private events
    #[arg(long, conflicts_with = "shared")]
    private: bool,
    /// Only shareable events (not private: what an export includes)
    #[arg(long)]
    shared: bool,
    /// Only events on or after this day
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only events on or before this day
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Include removed events
    #[arg(long)]
    removed: bool,
    #[arg(long)]
    json: bool,
}

const PAGE: usize = 256;

pub fn run(ctx: &Ctx, args: LogArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let Some(name) = args.client.as_deref() else {
        return all(ctx, &*store, &args);
    };
    let client = resolve::client(&*store, name)?;
    let person = args
        .with
        .as_deref()
        .map(|p| resolve::person(&*store, p, Some(client.id)))
        .transpose()?;
    let filter = filter_of(ctx, &args, person.map(|p| p.id))?;
    let limit = args.limit.unwrap_or(DEFAULT_LIMIT);
    let mut events = Vec::new();
    // Newer than `until` cannot match: start the read there rather than page through them.
    let mut cursor = filter.until.map(Cursor::before);
    'pages: loop {
        let page = store.events_page(client.id, cursor.as_ref(), PAGE)?;
        for event in page.events {
            if filter.exhausted_at(&event) || events.len() >= limit {
                break 'pages;
            }
            if filter.matches(&event) {
                events.push(event);
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    if args.json {
        return json(&events);
    }
    if events.is_empty() {
        outln!("nothing on {}'s timeline matches", client.name)?;
        return Ok(());
    }
    let names = crate::resolve::names_in(&*store, client.id, &events)?;
    outln!("{}", events_table(&events, &names))?;
    Ok(())
}

const DEFAULT_LIMIT: usize = 20;

/// `log --all`: the window's events of every client (archived too: the work was done),
/// oldest first; `--limit` keeps the first ones.
fn all(ctx: &Ctx, store: &dyn Store, args: &LogArgs) -> Result<()> {
    let mut filter = filter_of(ctx, args, None)?;
    let today = crate::insight::today(ctx.now);
    let since = filter.since.unwrap_or_else(|| when::start_of(today));
    let until = filter.until.unwrap_or_else(|| when::end_of(today));
    filter.since = Some(since);
    let window = Window { since, until };
    let clients = store.clients()?;
    let mut events = across_clients(store, &clients, window, &|e| filter.matches(e))?;
    events.truncate(args.limit.unwrap_or(usize::MAX));
    if args.json {
        return json(&events);
    }
    if events.is_empty() {
        outln!(
            "nothing recorded from {} to {}",
            when::show(since),
            when::show(until)
        )?;
        return Ok(());
    }
    let names = store
        .people(None)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let clients = clients.into_iter().map(|c| (c.id, c.name)).collect();
    outln!("{}", events_table_of(&events, &names, Some(&clients)))?;
    Ok(())
}

/// The filter the flags describe (`person` resolved by the caller).
fn filter_of(ctx: &Ctx, args: &LogArgs, person: Option<PersonId>) -> Result<EventFilter> {
    let day = |text: &Option<String>| text.as_deref().map(|d| when::day(d, ctx.now)).transpose();
    let (since, until) = (day(&args.since)?, day(&args.until)?);
    if let (Some(since), Some(until)) = (since, until) {
        if since > until {
            bail!("--since {since} is after --until {until}: nothing can match; swap them?");
        }
    }
    Ok(EventFilter {
        kinds: args.kinds.clone(),
        person,
        tag: args
            .tag
            .as_deref()
            .map(|t| t.trim().trim_start_matches('#').to_string())
            .filter(|t| !t.is_empty()),
        private: match (args.private, args.shared) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        since: since.map(when::start_of),
        until: until.map(when::end_of),
        removed: args.removed,
    })
}
