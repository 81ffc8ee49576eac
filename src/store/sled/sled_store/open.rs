//! Opening a [`SledStore`]: the database behind its reservation, migrated, with what a crash
//! or a quick note left behind settled (the note index caught up, unsettled summaries
//! rebuilt, the inbox folded in, the digest and names files made current).

use super::{open_engine_at, put, Reserved, SledStore};
use crate::model::{ClientId, Event};
use crate::store::files::inbox::{self, Verdict};
use crate::store::files::perms;
use crate::store::sled::search;
use crate::store::sled::timeline::{self};
use crate::store::sled::tx::{self, Writes};
use crate::store::sled::{keys, migrate, rechunk};
use crate::store::upkeep::{Change, Observers};
use crate::store::{Result, Store, StoreError, StoreOptions};
use chrono::Utc;
use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

impl SledStore {
    /// Opens the store in `dir`, creating it if needed, migrates it to the current schema and
    /// folds in the events waiting in the inbox.
    pub fn open(dir: &Path, options: &StoreOptions) -> Result<Self> {
        Self::open_reserved(Reserved::take(dir)?, options)
    }

    /// Opens a store already reserved for this process.
    pub fn open_reserved(reserved: Reserved, options: &StoreOptions) -> Result<Self> {
        let store = Self::open_reserved_raw(reserved, options)?;
        let store = migrate::upgrade(store, options)?;
        if let Some(writes) = search::catch_up(&store.db, &store.dir)? {
            store.apply(tx::batch(writes))?;
            store.sync()?;
        }
        store.settle_unsettled()?;
        store.ingest_inbox()?;
        let generation = store.names_generation().unwrap_or(0);
        store.observers.opened(&store, generation)?;
        Ok(store)
    }

    /// Moves quick notes from the inbox into the database.
    pub(super) fn ingest_inbox(&self) -> Result<()> {
        // The command's own clock (pinned in tests), as every other write uses.
        let now = crate::when::now().unwrap_or_else(|_| Utc::now());
        self.deferred.store(true, Ordering::SeqCst);
        self.observers.start_batch();
        let mut take = |event: Event| -> Result<Verdict> {
            if let Some(at) = self.locate(event.id)? {
                if self.read(|tx| timeline::get_at(tx, &at))?.is_some() {
                    return Ok(Verdict::AlreadyStored);
                }
                // Indexed, yet not in its timeline: sled 0.34 recovered half of a batch that a
                // full disk cut short (seen in tests/store_safety.rs). The inbox still holds
                // the note, so it is stored again rather than dropped with the inbox.
                self.write(|tx| timeline::unindex(tx, event.id))?;
            }
            if self.client(event.client)?.is_none() {
                return Ok(Verdict::Rejected);
            }
            self.add_event(&event, now)?;
            Ok(Verdict::Stored)
        };
        let durable = || {
            self.write_pending()?;
            self.sync()
        };
        let result = inbox::drain(&self.dir, &mut take, &durable);
        self.deferred.store(false, Ordering::SeqCst);
        // On an error half-way, what was stored still gets its summaries (the inbox is kept).
        if let Err(e) = self.write_pending() {
            self.observers.cancel_batch();
            return Err(e);
        }
        self.observers.end_batch(self)?;
        result.map(|_| ())
    }

    /// Opens without migrating (test support and migrations themselves).
    pub(in crate::store::sled) fn open_raw(dir: &Path, options: &StoreOptions) -> Result<Self> {
        Self::open_reserved_raw(Reserved::take(dir)?, options)
    }

    pub(in crate::store::sled) fn open_reserved_raw(
        reserved: Reserved,
        options: &StoreOptions,
    ) -> Result<Self> {
        let Reserved { dir, lock } = reserved;
        let dir = dir.as_path();
        rechunk::finish_swap(dir)?;
        let db = open_engine_at(&dir.join("db"), dir, options)?;
        perms::tighten(dir)?;
        let log_path = dir.join("db").join("db");
        let log = File::open(&log_path).map_err(|source| StoreError::Io {
            context: format!("opening {}", log_path.display()),
            source,
        })?;
        Ok(Self {
            dir: dir.to_path_buf(),
            db,
            log,
            half_life_days: options.half_life_days,
            deferred: AtomicBool::new(false),
            pending: Mutex::new(HashMap::new()),
            overlay: Mutex::new(Writes::new()),
            writing: Mutex::new(()),
            observers: Observers::files(dir),
            search: search::Caches::default(),
            postings: Mutex::new(search::Deferred::new()),
            _lock: lock,
        })
    }

    /// Closes the database, keeping the store reserved (to replace the database).
    pub(in crate::store::sled) fn close(self) -> Reserved {
        Reserved {
            dir: self.dir,
            lock: self._lock,
        }
    }

    /// Rebuilds the summaries a crash left behind their timelines (see [`keys::UNSETTLED`]).
    pub(super) fn settle_unsettled(&self) -> Result<()> {
        let marked: Vec<ClientId> = self
            .db
            .scan_prefix(keys::UNSETTLED)
            .keys()
            .map(|key| {
                let key = key.map_err(|e| self.engine(e))?;
                let id = std::str::from_utf8(&key[keys::UNSETTLED.len()..]).ok();
                Ok(id.and_then(|id| id.parse().ok()))
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        if marked.is_empty() {
            return Ok(());
        }
        // The command's own clock (pinned in tests), as every other write uses.
        let now = crate::when::now().unwrap_or_else(|_| Utc::now());
        let mut batch = sled::Batch::default();
        for &client in &marked {
            put(
                &mut batch,
                keys::summary(client),
                &self.rebuild(client, now)?,
            );
            batch.remove(keys::unsettled(client));
        }
        // Stray marks (a client id that no longer parses) go too.
        for key in self.db.scan_prefix(keys::UNSETTLED).keys() {
            batch.remove(key.map_err(|e| self.engine(e))?);
        }
        self.observers.before()?;
        self.apply(batch)?;
        self.sync()?;
        self.observers.committed(
            self,
            &Change {
                clients: Some(&marked),
                names: None,
            },
        )?;
        Ok(())
    }
}
