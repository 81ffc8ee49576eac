//! Schema 3 → 4: timelines and the id index went from one record per event to chunks.
//!
//! Safe to re-run after a crash: a client whose timeline is already chunked is left as it is,
//! and the id index is rebuilt from scratch from the (chunked) timelines.

use super::chunks;
use super::codec::{decode, encode};
use super::keys;
use super::sled_store::{engine_error, SledStore};
use super::timeline::Located;
use super::{Result, Store};
use crate::model::Event;

/// Records per batch when clearing the old index, so memory stays bounded.
const BATCH: usize = 10_000;

pub fn rechunk(store: &SledStore) -> Result<()> {
    for client in store.clients()? {
        chunk_timeline(store, &keys::timeline(client.id))?;
    }
    rebuild_index(store)
}

fn chunk_timeline(store: &SledStore, prefix: &[u8]) -> Result<()> {
    let (db, dir) = (store.db(), store.dir_path());
    let mut batch = sled::Batch::default();
    let mut events = Vec::new();
    for record in db.scan_prefix(prefix) {
        let (key, value) = record.map_err(|e| engine_error(dir, e))?;
        let Ok(event) = decode::<Event>(&value) else {
            return Ok(()); // already chunked
        };
        batch.remove(key);
        events.push(event);
    }
    // Keys come in timeline order, and a chunk is keyed by its first event, which replaces
    // the removal of the same key in the batch.
    for (key, value) in chunks::pack(prefix, events) {
        batch.insert(key, value);
    }
    db.apply_batch(batch).map_err(|e| engine_error(dir, e))
}

fn rebuild_index(store: &SledStore) -> Result<()> {
    let (db, dir) = (store.db(), store.dir_path());
    let mut batch = sled::Batch::default();
    for (n, key) in db.scan_prefix(keys::EVENT_INDEX).keys().enumerate() {
        batch.remove(key.map_err(|e| engine_error(dir, e))?);
        if n % BATCH == BATCH - 1 {
            db.apply_batch(std::mem::take(&mut batch))
                .map_err(|e| engine_error(dir, e))?;
        }
    }
    db.apply_batch(batch).map_err(|e| engine_error(dir, e))?;
    let mut entries = Vec::new();
    for client in store.clients()? {
        store.for_each_event(client.id, &mut |event| {
            entries.push(Located::of(&event));
            Ok(())
        })?;
    }
    entries.sort_by_key(|at| at.id);
    let mut batch = sled::Batch::default();
    for (key, value) in chunks::pack(keys::EVENT_INDEX, entries) {
        batch.insert(key, value);
    }
    db.apply_batch(batch).map_err(|e| engine_error(dir, e))
}

/// Test support: writes the timelines back in the schema-3 layout (one record per event, the
/// index holding timeline keys).
pub fn unchunk(store: &SledStore) -> Result<()> {
    let (db, dir) = (store.db(), store.dir_path());
    let mut events = Vec::new();
    let mut removals = sled::Batch::default();
    for client in store.clients()? {
        store.for_each_event(client.id, &mut |event| {
            events.push(event);
            Ok(())
        })?;
        for key in db.scan_prefix(keys::timeline(client.id)).keys() {
            removals.remove(key.map_err(|e| engine_error(dir, e))?);
        }
    }
    for key in db.scan_prefix(keys::EVENT_INDEX).keys() {
        removals.remove(key.map_err(|e| engine_error(dir, e))?);
    }
    db.apply_batch(removals).map_err(|e| engine_error(dir, e))?;
    let mut inserts = sled::Batch::default();
    for event in events {
        let key = keys::event(event.client, event.at, event.id);
        inserts.insert(keys::event_index(event.id), key.clone());
        inserts.insert(key, encode(&event));
    }
    db.apply_batch(inserts).map_err(|e| engine_error(dir, e))
}
