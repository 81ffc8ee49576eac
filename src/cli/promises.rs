//! `rapport promises`: the open promises of every client, numbered 1..N by due date (undated
//! last), and how `kept N` / `broken N` and short ids find a promise again. The numbers of
//! the last listing are kept in a small private file (`numbers`), so they stay what the user
//! saw until the next listing. Reads the clients' summaries only (they hold the open
//! promises): at a million events it costs one summary per client, never a timeline.

mod numbers;

use super::output::{json, table};
use super::Ctx;
use crate::insight::{promise_state, today, PromiseState};
use crate::model::{ClientId, Event, EventId, OpenPromise};
use crate::store::Store;
use anyhow::{bail, Result};
use chrono::{DateTime, Days, NaiveDate, Utc};
use clap::Args;

#[derive(Args, Debug)]
#[command(
    about = "Open promises across clients, numbered for `rapport kept N`",
    after_help = "Examples:
  rapport promises                   # every open promise, most pressing first
  rapport promises --overdue
  rapport promises --due-within 7d   # overdue or due in the coming week (3d, 2w, or a day)
  rapport kept 3                     # the promise numbered 3 in the last listing

Numbers stay the same until the list changes and the next listing numbers it anew; `kept N`
and `broken N` refuse a number whose promise is no longer open. The ID column is the end of
the promise's id (its random part); `kept`, `broken` take it too. --json has the full ids."
)]
pub struct PromisesArgs {
    /// Also the promises of archived clients
    #[arg(long)]
    all: bool,
    /// Only promises past their due day
    #[arg(long, conflicts_with = "due_within")]
    overdue: bool,
    /// Only promises due within this long (overdue included): 7d, 2w, or a day
    #[arg(long, value_name = "WHEN")]
    due_within: Option<String>,
    #[arg(long)]
    json: bool,
}

/// One open promise as listed.
#[derive(Debug, serde::Serialize)]
pub struct Listed {
    pub number: usize,
    pub id: EventId,
    pub short_id: String,
    pub client_id: ClientId,
    pub client: String,
    #[serde(skip)]
    archived: bool,
    pub due: Option<NaiveDate>,
    pub made: DateTime<Utc>,
    pub text: String,
}

pub fn run(ctx: &Ctx, args: PromisesArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let listed = numbered(&*store)?;
    numbers::keep(&ctx.data_dir, &listed)?;
    let today = today(ctx.now);
    let last_day = args
        .due_within
        .as_deref()
        .map(|w| within(w, ctx, today))
        .transpose()?;
    let shown: Vec<&Listed> = (listed.iter())
        .filter(|p| args.all || !p.archived)
        .filter(|p| !args.overdue || p.due.is_some_and(|due| due < today))
        .filter(|p| last_day.is_none_or(|last| p.due.is_some_and(|due| due <= last)))
        .collect();
    if args.json {
        return json(&shown);
    }
    if shown.is_empty() {
        outln!("no open promises match")?;
        return Ok(());
    }
    let rows = shown.iter().map(|p| row(p, today)).collect();
    outln!("{}", table(&["#", "due", "client", "promise", "id"], rows))
}

fn row(p: &Listed, today: NaiveDate) -> Vec<String> {
    let open = OpenPromise {
        event: p.id,
        at: p.made,
        due: p.due,
        text: String::new(),
    };
    let state = match promise_state(&open, today) {
        PromiseState::Overdue => " [overdue]",
        PromiseState::DueToday => " [due today]",
        _ => "",
    };
    vec![
        p.number.to_string(),
        p.due.map_or_else(|| "-".to_string(), |d| d.to_string()),
        p.client.clone(),
        format!("{}{state}", p.text.replace('\n', " ⏎ ")),
        p.short_id.clone(),
    ]
}

/// Every client's open promises, numbered by due day (undated last), then when made.
pub fn numbered(store: &dyn Store) -> Result<Vec<Listed>> {
    let clients = store.clients()?;
    let ids: Vec<ClientId> = clients.iter().map(|c| c.id).collect();
    let mut listed = Vec::new();
    for (client, summary) in clients.iter().zip(store.summaries(&ids)?) {
        listed.extend(summary.open_promises.into_iter().map(|p| Listed {
            number: 0,
            id: p.event,
            short_id: p.event.short(),
            client_id: client.id,
            client: client.name.clone(),
            archived: client.archived,
            due: p.due,
            made: p.at,
            text: p.text,
        }));
    }
    listed.sort_by_key(|p| (p.due.is_none(), p.due, p.made, p.id));
    for (i, p) in listed.iter_mut().enumerate() {
        p.number = i + 1;
    }
    Ok(listed)
}

/// The last day `--due-within` lets in: `7d`, `2w` from today, or a day.
fn within(text: &str, ctx: &Ctx, today: NaiveDate) -> Result<NaiveDate> {
    let text = text.trim();
    let (n, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit()).unwrap_or(0));
    let days = match (n.parse::<u64>(), unit) {
        (Ok(n), "d") => Some(n),
        (Ok(n), "w") => n.checked_mul(7),
        _ => None,
    };
    match days {
        Some(days) => today
            .checked_add_days(Days::new(days))
            .ok_or_else(|| anyhow::anyhow!("{text:?} is too far away")),
        None => crate::when::day(text, ctx.now).map_err(|_| {
            anyhow::anyhow!("--due-within {text:?}: try 7d, 2w or a day such as 2026-12-31")
        }),
    }
}

/// The promise `typed` names for `kept` and `broken`: a number from the last listing, an id,
/// a unique prefix of one, or its end (the short id listed).
pub fn find(ctx: &Ctx, store: &dyn Store, typed: &str) -> Result<Event> {
    let typed = typed.trim();
    if !typed.is_empty() && typed.len() < 4 && typed.bytes().all(|b| b.is_ascii_digit()) {
        let id = numbers::resolve(&ctx.data_dir, typed)?;
        return open_promise(store, id, typed);
    }
    // An id, a prefix or its short end (see `find_event`).
    super::note::find_event(store, typed)
}

/// The event behind number `typed`, refused when it is no longer an open promise.
fn open_promise(store: &dyn Store, id: EventId, typed: &str) -> Result<Event> {
    let event = store.event(id)?;
    let open = event
        .as_ref()
        .is_some_and(|e| e.is_live() && e.promise.as_ref().is_some_and(|p| p.outcome.is_none()));
    match event {
        Some(event) if open => Ok(event),
        _ => bail!(
            "promise {typed} of the last listing ({}) is no longer open: the list has changed; \
             run `rapport promises` to number it again",
            id.short()
        ),
    }
}
