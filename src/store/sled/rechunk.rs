//! Schema 3 → 4: timelines and the id index went from one record per event to chunks.
//!
//! The new layout is written into a fresh database beside the old one (`db.next`), which then
//! replaces it. Rewriting in place instead left sled with gigabytes of garbage and page-table
//! entries for every removed record: 2.7 GB, 120 MB of RAM and a 3 s open at a million events.
//!
//! Crash safety: the old database is untouched until the new one is complete and synced; the
//! swap is two renames, and [`finish_swap`] completes or discards a half-done one at the next
//! open. The copy reads both layouts, so a crash after the swap but before the version is
//! written only repeats the copy.

use super::chunks::Packer;
use super::keys;
use super::sled_store::{engine_error, open_engine_at, SledStore};
use super::timeline::Located;
use super::tx::Record;
use crate::model::Event;
use crate::store::codec::{decode, encode};
use crate::store::{Result, Store, StoreError, StoreOptions};
use std::fs;
use std::path::Path;

const NEXT: &str = "db.next";
const PREV: &str = "db.prev";
/// Records per batch while copying, so memory stays bounded.
const BATCH: usize = 10_000;

/// Copies `store` into the chunked layout and reopens it from there.
pub fn rewrite(store: SledStore, options: &StoreOptions) -> Result<SledStore> {
    let dir = store.dir_path().to_path_buf();
    let next_path = dir.join(NEXT);
    remove_dir(&next_path)?;
    let next = open_engine_at(&next_path, &dir, options)?;
    copy(&store, &next)?;
    next.flush().map_err(|e| engine_error(&dir, e))?;
    sync_file(&next_path.join("db"))?;
    next.sync_blobs()?;
    drop(next);
    let reserved = store.close();
    rename(&dir.join("db"), &dir.join(PREV))?;
    rename(&next_path, &dir.join("db"))?;
    sync_file(&dir)?;
    remove_dir(&dir.join(PREV))?;
    SledStore::open_reserved_raw(reserved, options)
}

/// Completes or discards a swap a crash interrupted (before sled opens `db`).
pub fn finish_swap(dir: &Path) -> Result<()> {
    let (db, next) = (dir.join("db"), dir.join(NEXT));
    if next.exists() {
        if db.exists() {
            // The copy had not finished: the old database is whole.
            remove_dir(&next)?;
        } else {
            rename(&next, &db)?;
        }
    }
    remove_dir(&dir.join(PREV))
}

/// Everything but timelines and the index as it is; those two re-packed.
fn copy(old: &SledStore, new: &sled::Db) -> Result<()> {
    let dir = old.dir_path();
    let mut out = Batcher::new(new, dir);
    for record in old.db().iter() {
        let (key, value) = record.map_err(|e| engine_error(dir, e))?;
        if !key.starts_with(b"e/") && !key.starts_with(keys::EVENT_INDEX) {
            out.insert((key.to_vec(), value.to_vec()))?;
        }
    }
    for client in old.clients()? {
        let prefix = keys::timeline(client.id);
        let mut packer = Packer::new(&prefix);
        for record in old.db().scan_prefix(&prefix) {
            let (key, value) = record.map_err(|e| engine_error(dir, e))?;
            for event in events(dir, &key, &value)? {
                out.push(packer.push(event))?;
            }
        }
        out.push(packer.finish())?;
    }
    let mut packer = Packer::new(keys::EVENT_INDEX);
    for record in old.db().scan_prefix(keys::EVENT_INDEX) {
        let (key, value) = record.map_err(|e| engine_error(dir, e))?;
        for at in locations(dir, &key, &value)? {
            out.push(packer.push(at))?;
        }
    }
    out.push(packer.finish())?;
    out.flush()
}

/// A timeline record in either layout: one event (schema 3) or a chunk (a repeated copy).
fn events(dir: &Path, key: &[u8], value: &[u8]) -> Result<Vec<Event>> {
    match decode::<Event>(value) {
        Ok(event) => Ok(vec![event]),
        Err(_) => decode(value).map_err(|detail| unreadable(dir, key, &detail)),
    }
}

/// An index record in either layout: a timeline key (schema 3) or a chunk.
fn locations(dir: &Path, key: &[u8], value: &[u8]) -> Result<Vec<Located>> {
    if value.starts_with(b"e/") {
        let (client, at_ms, id) = keys::parse_event_key(value)
            .ok_or_else(|| unreadable(dir, key, "not a timeline key"))?;
        return Ok(vec![Located { id, client, at_ms }]);
    }
    decode(value).map_err(|detail| unreadable(dir, key, &detail))
}

fn unreadable(dir: &Path, key: &[u8], detail: &str) -> StoreError {
    StoreError::Corrupt {
        dir: dir.to_path_buf(),
        detail: format!(
            "record {} is unreadable: {detail}",
            String::from_utf8_lossy(key)
        ),
    }
}

/// Inserts in batches of [`BATCH`].
pub(super) struct Batcher<'a> {
    db: &'a sled::Db,
    dir: &'a Path,
    batch: sled::Batch,
    len: usize,
}

impl<'a> Batcher<'a> {
    pub(super) fn new(db: &'a sled::Db, dir: &'a Path) -> Self {
        Self {
            db,
            dir,
            batch: sled::Batch::default(),
            len: 0,
        }
    }

    fn push(&mut self, record: Option<Record>) -> Result<()> {
        record.map_or(Ok(()), |record| self.insert(record))
    }

    pub(super) fn insert(&mut self, (key, value): Record) -> Result<()> {
        self.batch.insert(key, value);
        self.len += 1;
        if self.len == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    pub(super) fn flush(&mut self) -> Result<()> {
        self.len = 0;
        let batch = std::mem::take(&mut self.batch);
        self.db
            .apply_batch(batch)
            .map_err(|e| engine_error(self.dir, e))
    }
}

fn io(path: &Path, what: &str) -> impl FnOnce(std::io::Error) -> StoreError {
    let context = format!("{what} {}", path.display());
    move |source| StoreError::Io { context, source }
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(io(from, "renaming"))
}

fn remove_dir(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(path, "removing")(e)),
        _ => Ok(()),
    }
}

fn sync_file(path: &Path) -> Result<()> {
    fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io(path, "syncing"))
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

#[cfg(test)]
mod tests;
