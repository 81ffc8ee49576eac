//! One sync: push what the outbox holds, then pull what others pushed, page by page. Each
//! page pushed is one server transaction, forgotten from the outbox once committed (a cut
//! before that pushes it again, and the server keeps it once); each page pulled is saved
//! before the cursor moves past it (a cut before that pulls it again, and saving it again
//! changes nothing). So a sync cut anywhere resumes where it stopped.
//!
//! Clients shared by the team are one record, by id: `team init` pushes every client the
//! store has. A pulled client whose name or alias is another local client's is saved under
//! its name followed by its author's (`Acme Oy (anna)`) and without the alias, and the sync
//! says so: nothing is merged behind the user's back, nothing blocks the pull. Merging two
//! such clients is a later command.

use super::connect::connect;
use super::local::TeamFile;
use super::schema;
use super::server::{self, Identity, PushRow};
use super::shared::{SharedClient, SharedEvent};
use crate::model::Client;
use crate::store::{Outgoing, Pulled, Shareable, Store};
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use std::path::Path;

/// Rows per push transaction and per pull query.
const PAGE: usize = 500;

/// What a sync moved.
#[derive(Debug, Default)]
pub struct Moved {
    pub pushed: u64,
    pub pulled: u64,
    /// Pulled clients saved under another name, as "name (author)".
    pub renamed: Vec<String>,
}

/// Syncs the store in `dir` with its team's server; the team file records how it went.
pub fn sync(store: &dyn Store, dir: &Path, now: DateTime<Utc>) -> Result<Moved> {
    let mut file = TeamFile::required(dir)?;
    let result = run(store, &mut file, now);
    match &result {
        Ok(_) => {
            file.last_sync = Some(now);
            file.last_error = None;
        }
        Err(error) => file.last_error = Some(format!("{now}: {error:#}")),
    }
    file.write(dir)?;
    result
}

fn run(store: &dyn Store, file: &mut TeamFile, now: DateTime<Utc>) -> Result<Moved> {
    let mut client = connect(&file.url)?;
    schema::check(&mut client)?;
    let pushed = push_all(store, &mut client, &file.identity, now)?;
    let mut moved = pull_all(store, &mut client, file, now)?;
    moved.pushed = pushed;
    Ok(moved)
}

fn push_all(
    store: &dyn Store,
    client: &mut postgres::Client,
    who: &Identity,
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut pushed = 0;
    loop {
        let waiting = store.team_outbox(0, PAGE)?;
        let Some(last) = waiting.last() else {
            return Ok(pushed);
        };
        let rows = rows_of(store, &waiting, now)?;
        let mut tx = client.transaction()?;
        pushed += server::push(&mut tx, who, &rows)?;
        tx.commit().context("pushing")?;
        store.team_pushed(last.seq)?;
    }
}

/// The shared form of what waits, read as it is now; a record since made private, or gone,
/// sends nothing (its number is used up all the same).
fn rows_of(store: &dyn Store, waiting: &[Outgoing], now: DateTime<Utc>) -> Result<Vec<PushRow>> {
    let mut rows = Vec::with_capacity(waiting.len());
    for outgoing in waiting {
        let device_seq = i64::try_from(outgoing.seq)?;
        let hlc = now.timestamp_millis();
        match outgoing.record {
            Shareable::Client(id) => {
                let Some(client) = store.client(id)? else {
                    continue;
                };
                rows.push(PushRow {
                    device_seq,
                    record: "client",
                    id: id.to_string(),
                    client: id.to_string(),
                    payload: serde_json::to_value(SharedClient::from(&client))?,
                    hlc,
                });
            }
            Shareable::Event(id) => {
                let Some(shared) = store.event(id)?.as_ref().and_then(SharedEvent::of) else {
                    continue;
                };
                rows.push(PushRow {
                    device_seq,
                    record: "event",
                    id: id.to_string(),
                    client: shared.client.to_string(),
                    payload: serde_json::to_value(&shared)?,
                    hlc,
                });
            }
        }
    }
    Ok(rows)
}

fn pull_all(
    store: &dyn Store,
    client: &mut postgres::Client,
    file: &mut TeamFile,
    now: DateTime<Utc>,
) -> Result<Moved> {
    let mut moved = Moved::default();
    loop {
        let rows = server::pull(client, &file.identity.team, file.cursor, PAGE as i64)?;
        let Some(last) = rows.last().map(|r| r.seq) else {
            return Ok(moved);
        };
        let mut pulled = Pulled::default();
        // This device's own rows come back too: they are here already.
        for row in rows
            .into_iter()
            .filter(|r| r.device != file.identity.device)
        {
            match row.record.as_str() {
                "client" => {
                    let shared: SharedClient = serde_json::from_value(row.payload)?;
                    let client = adopt(store, shared.into(), &row.author, &mut moved)?;
                    pulled.clients.push(client);
                }
                "event" => {
                    let shared: SharedEvent = serde_json::from_value(row.payload)?;
                    pulled.events.push((shared.into_event(), row.author));
                }
                other => {
                    bail!("the server holds a record of a kind this rapport does not know: {other}")
                }
            }
            moved.pulled += 1;
        }
        store.team_save_pulled(&pulled, now)?;
        file.cursor = last;
    }
}

/// A pulled client as it is saved here: renamed when its name is another client's.
fn adopt(store: &dyn Store, mut client: Client, author: &str, moved: &mut Moved) -> Result<Client> {
    let id = client.id;
    let taken = |handle: &str| -> Result<bool> {
        Ok(store
            .client_by_handle(handle)?
            .is_some_and(|owner| owner != id))
    };
    if client.alias.as_deref().map(taken).transpose()? == Some(true) {
        client.alias = None;
    }
    if taken(&client.name)? {
        let base = format!("{} ({author})", client.name);
        let mut name = base.clone();
        let mut n = 2;
        while taken(&name)? {
            name = format!("{base} {n}");
            n += 1;
        }
        client.name = name;
        if !moved.renamed.contains(&client.name) {
            moved.renamed.push(client.name.clone());
        }
    }
    Ok(client)
}
