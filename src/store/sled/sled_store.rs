//! The sled implementation of [`Store`], one file per concept: `reserved` (the lock taken
//! before the database is opened), `open` (opening, and what opening settles: the inbox, marks
//! a crash left), `engine` (sled's habits at its boundary), `records` (reading and applying
//! records), `writes` (the write path: one atomic batch per call, or kept back inside `load`),
//! `summaries` (kept exact on every write, rebuilt and checked), `outbox` (team mode's list
//! of records waiting to be pushed, and saving a pull), `names_upkeep` (the names
//! generation), and `calls` (the [`Store`] methods). The files beside the database are kept by
//! the write path's observers (`store/upkeep.rs`), which every write here tells.

mod calls;
mod engine;
mod names_upkeep;
mod open;
mod outbox;
mod records;
mod reserved;
mod summaries;
mod writes;

pub use engine::{engine_error, Engine};
pub use reserved::Reserved;

use super::search;
use super::tx::Writes;
use crate::model::{ClientId, ClientName, PersonName, Summary};
use crate::store::codec::encode;
use crate::store::files::lock::DirLock;
use crate::store::upkeep::Observers;
use crate::store::{Names, Result, Store, StoreOptions};
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

pub struct SledStore {
    dir: PathBuf,
    db: Engine,
    /// sled's log file, fsynced after each flush: sled 0.34's `flush` does not fsync on Linux.
    log: File,
    half_life_days: f64,
    /// Inside `load`: skip the per-write flush.
    deferred: AtomicBool,
    /// Inside `load`: summaries kept in memory and written once at the end, instead of a
    /// rewrite per event (which made a million-event load slow and its log huge).
    pending: Mutex<HashMap<ClientId, Summary>>,
    /// Inside `load`: timeline writes not yet applied, so that a run of appends rewrites each
    /// chunk in memory rather than in sled's log (see `Tx`).
    overlay: Mutex<Writes>,
    /// Serialises read-modify-write of summaries and name indexes.
    writing: Mutex<()>,
    /// What keeps the files beside the database current (digest, names).
    observers: Observers,
    /// What searching keeps in memory between keystrokes.
    search: search::Caches,
    /// Inside `load`: postings of the new notes, written once at the end.
    postings: Mutex<search::Deferred>,
    _lock: Option<DirLock>,
}

/// Opens sled at `path`, inside the store `dir` (see `engine.rs` for what is fixed around it).
pub(super) fn open_engine_at(path: &Path, dir: &Path, options: &StoreOptions) -> Result<Engine> {
    Engine::open(path, dir, options)
}

fn put<T: serde::Serialize>(batch: &mut sled::Batch, key: Vec<u8>, value: &T) {
    batch.insert(key, encode(value));
}

impl Names for SledStore {
    fn client_names(&self) -> Result<Vec<ClientName>> {
        Ok(self.clients()?.iter().map(ClientName::from).collect())
    }

    fn person_names(&self, client: Option<ClientId>) -> Result<Vec<PersonName>> {
        Ok(self.people(client)?.iter().map(PersonName::from).collect())
    }
}

#[cfg(test)]
impl SledStore {
    /// Waits for the files written in the background: on disk once the writes so far are
    /// (tests read them while the store is open).
    pub(crate) fn digest_written(&self) {
        self.observers.flush();
    }
}
