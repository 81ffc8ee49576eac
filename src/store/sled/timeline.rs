//! Timelines and the event id index, both as chunked maps (see [`super::chunks`]):
//!
//! ```text
//! e/<client>/<time:8><event>   chunk of Event, by event time then id
//! E/<event>                    chunk of Located, by id: where each event is
//! ```

use super::chunks::{self, Entry};
use super::keys;
use super::sled_store::engine_error;
use super::tx::Tx;
use crate::model::{ClientId, Event, EventId};
use crate::store::{Cursor, Page, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

impl Entry for Event {
    fn sort_key(&self) -> Vec<u8> {
        keys::event_suffix(self.at, self.id)
    }
}

/// Where an event is: enough to find its timeline chunk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Located {
    pub id: EventId,
    pub client: ClientId,
    /// The event's time in milliseconds, as its timeline key has it.
    pub at_ms: i64,
}

impl Entry for Located {
    fn sort_key(&self) -> Vec<u8> {
        self.id.to_key().into_bytes()
    }
}

impl Located {
    pub fn of(event: &Event) -> Self {
        Self {
            id: event.id,
            client: event.client,
            at_ms: event.at.timestamp_millis(),
        }
    }

    fn suffix(&self) -> Vec<u8> {
        keys::event_suffix_ms(self.at_ms, self.id)
    }
}

pub fn locate(tx: &Tx, id: EventId) -> Result<Option<Located>> {
    chunks::get(tx, keys::EVENT_INDEX, id.to_key().as_bytes())
}

pub fn get(tx: &Tx, id: EventId) -> Result<Option<Event>> {
    match locate(tx, id)? {
        Some(at) => chunks::get(tx, &keys::timeline(at.client), &at.suffix()),
        None => Ok(None),
    }
}

/// Forgets where `id` is (its index entry), for an entry whose event is not there.
pub fn unindex(tx: &mut Tx, id: EventId) -> Result<()> {
    chunks::take::<Located>(tx, keys::EVENT_INDEX, id.to_key().as_bytes())?;
    Ok(())
}

/// The event at a known place, if it is still there (a place may be out of date).
pub fn get_at(tx: &Tx, at: &Located) -> Result<Option<Event>> {
    let event: Option<Event> = chunks::get(tx, &keys::timeline(at.client), &at.suffix())?;
    Ok(event.filter(|e| e.id == at.id))
}

/// Stores `event`, moving it if its client or time changed since `old`.
pub fn put(tx: &mut Tx, old: Option<&Located>, event: &Event) -> Result<()> {
    let new = Located::of(event);
    if let Some(old) = old.filter(|old| **old != new) {
        chunks::take::<Event>(tx, &keys::timeline(old.client), &old.suffix())?;
    }
    chunks::put(tx, &keys::timeline(event.client), event.clone())?;
    if old != Some(&new) {
        chunks::put(tx, keys::EVENT_INDEX, new)?;
    }
    Ok(())
}

/// A page of a client's timeline, newest first, starting after `after`.
pub fn page(
    db: &sled::Db,
    dir: &Path,
    client: ClientId,
    after: Option<&Cursor>,
    limit: usize,
) -> Result<Page> {
    let prefix = keys::timeline(client);
    let after = after.map(|cursor| keys::resume_at(cursor.position()));
    let upper = match &after {
        Some(resume) => [prefix.as_slice(), resume].concat(),
        None => [prefix.as_slice(), &[0xff]].concat(),
    };
    let mut events = Vec::with_capacity(limit.min(256));
    for record in db.range(prefix.clone()..=upper).rev() {
        let (key, value) = record.map_err(|e| engine_error(dir, e))?;
        let chunk = chunks::read::<Event>(dir, (key.to_vec(), value.to_vec()))?;
        for event in chunk.entries.into_iter().rev() {
            let key = event.sort_key();
            if after.as_ref().is_some_and(|resume| key >= *resume) {
                continue;
            }
            events.push(event);
            if events.len() == limit {
                return Ok(Page {
                    events,
                    next: Some(Cursor::resume(key)),
                });
            }
        }
    }
    Ok(Page { events, next: None })
}

/// Visits a client's timeline oldest first.
pub fn for_each(
    db: &sled::Db,
    dir: &Path,
    client: ClientId,
    f: &mut dyn FnMut(Event) -> Result<()>,
) -> Result<()> {
    for record in db.scan_prefix(keys::timeline(client)) {
        let (key, value) = record.map_err(|e| engine_error(dir, e))?;
        for event in chunks::read::<Event>(dir, (key.to_vec(), value.to_vec()))?.entries {
            f(event)?;
        }
    }
    Ok(())
}

/// Event ids that start with `prefix` (already upper-case), at most `limit`.
/// Ids ending with `suffix`, at most `limit`: every chunk of the event index is read.
pub fn ids_with_suffix(
    db: &sled::Db,
    dir: &Path,
    suffix: &str,
    limit: usize,
) -> Result<Vec<EventId>> {
    let mut found = Vec::new();
    for record in db.scan_prefix(keys::EVENT_INDEX) {
        let (key, value) = record.map_err(|e| engine_error(dir, e))?;
        for at in chunks::read::<Located>(dir, (key.to_vec(), value.to_vec()))?.entries {
            if at.id.to_key().ends_with(suffix) {
                found.push(at.id);
                if found.len() == limit {
                    return Ok(found);
                }
            }
        }
    }
    Ok(found)
}

pub fn ids_with_prefix(
    db: &sled::Db,
    dir: &Path,
    prefix: &str,
    limit: usize,
) -> Result<Vec<EventId>> {
    let tx = Tx::new(db, dir);
    let from = [keys::EVENT_INDEX, prefix.as_bytes()].concat();
    let start = match tx.floor(keys::EVENT_INDEX, &from)? {
        Some((key, _)) => key,
        None => keys::EVENT_INDEX.to_vec(),
    };
    let mut found = Vec::new();
    for record in db.range(start..) {
        let (key, value) = record.map_err(|e| engine_error(dir, e))?;
        if !key.starts_with(keys::EVENT_INDEX) {
            break;
        }
        for at in chunks::read::<Located>(dir, (key.to_vec(), value.to_vec()))?.entries {
            let id = at.id.to_key();
            if id.starts_with(prefix) {
                found.push(at.id);
                if found.len() == limit {
                    return Ok(found);
                }
            } else if id.as_str() > prefix {
                return Ok(found);
            }
        }
    }
    Ok(found)
}
