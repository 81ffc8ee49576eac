//! `rapport log`: a client's timeline, newest first, paged from the store (never read whole).

use super::client::parse;
use super::output::{json, table};
use super::Ctx;
use crate::model::{Event, EventFilter, Kind, MadeIn, PersonId};
use crate::resolve;
use crate::store::Cursor;
use crate::when;
use anyhow::{bail, Result};
use clap::Args;
use std::collections::HashMap;

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
    let names = store
        .people(Some(client.id))?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    outln!("{}", rows_table(&events, &names))?;
    Ok(())
}

/// The timeline table used by `log` and `client show`.
pub fn rows_table(events: &[Event], names: &HashMap<PersonId, String>) -> String {
    let links = MadeIn::of(events);
    let rows = events
        .iter()
        .map(|e| {
            let people: Vec<&str> = e
                .people
                .iter()
                .filter_map(|p| names.get(p).map(String::as_str))
                .collect();
            vec![
                when::show(e.at),
                e.kind.to_string(),
                people.join(", "),
                describe(e, &links),
                if e.trust == 0 {
                    String::new()
                } else {
                    format!("{:+}", e.trust)
                },
                e.id.to_string(),
            ]
        })
        .collect();
    table(&["when", "kind", "with", "what", "trust", "id"], rows)
}

/// The text with the markers that matter: private, removed, promise state, minutes, and the
/// link between a call and the promises made in it.
fn describe(e: &Event, links: &MadeIn) -> String {
    let mut marks = Vec::new();
    if e.private {
        marks.push("[private]".to_string());
    }
    if e.deleted.is_some() {
        marks.push("[removed]".to_string());
    }
    if let Some(p) = &e.promise {
        match (p.outcome, p.due) {
            (Some(outcome), _) => marks.push(format!("[{outcome}]")),
            (None, Some(due)) => marks.push(format!("[due {due}]")),
            (None, None) => marks.push("[open]".into()),
        }
    }
    marks.extend(links.marks(e));
    if let Some(m) = e.minutes {
        marks.push(format!(
            "[{m} min{}]",
            if e.billed { ", billed" } else { "" }
        ));
    }
    if !e.tags.is_empty() {
        marks.push(
            e.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    let text = e.text.replace('\n', " ⏎ ");
    if marks.is_empty() {
        text
    } else {
        format!("{text} {}", marks.join(" "))
    }
}
