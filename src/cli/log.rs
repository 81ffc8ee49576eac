//! `rapport log`: a client's timeline, newest first, paged from the store (never read whole).

use super::output::json;
use super::shared::{events_table, parse};
use super::Ctx;
use crate::model::{EventFilter, Kind};
use crate::resolve;
use crate::store::Cursor;
use crate::when;
use anyhow::{bail, Result};
use clap::Args;

#[derive(Args, Debug)]
#[command(
    about = "Show a client's timeline, newest first",
    after_help = "Examples:\n  rapport log acme --limit 10\n  rapport log acme --kind promise --with Anna --since 2026-09-01 --json\n  rapport log acme --tag replication --shared --since 2026-05-01 --until 2026-06-30"
)]
pub struct LogArgs {
    /// The client (name, alias or unique prefix)
    client: String,
    /// How many events at most
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
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
    let client = resolve::client(&*store, &args.client)?;
    let person = args
        .with
        .as_deref()
        .map(|p| resolve::person(&*store, p, Some(client.id)))
        .transpose()?;
    let day = |text: &Option<String>| text.as_deref().map(|d| when::day(d, ctx.now)).transpose();
    let (since, until) = (day(&args.since)?, day(&args.until)?);
    if let (Some(since), Some(until)) = (since, until) {
        if since > until {
            bail!("--since {since} is after --until {until}: nothing can match; swap them?");
        }
    }
    let filter = EventFilter {
        kinds: args.kinds.clone(),
        person: person.map(|p| p.id),
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
    };
    let mut events = Vec::new();
    // Newer than `until` cannot match: start the read there rather than page through them.
    let mut cursor = filter.until.map(Cursor::before);
    'pages: loop {
        let page = store.events_page(client.id, cursor.as_ref(), PAGE)?;
        for event in page.events {
            if filter.exhausted_at(&event) || events.len() >= args.limit {
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
