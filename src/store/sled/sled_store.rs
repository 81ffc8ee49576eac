//! The sled implementation of [`Store`].

mod digest_upkeep;
mod engine;

pub use engine::{engine_error, Engine};

use super::search;
use super::timeline::{self, Located};
use super::tx::{self, Tx, Writes};
use super::{keys, migrate, rechunk, versions};
use crate::model::{
    fold, Client, ClientId, ClientName, Draft, Event, EventId, EventVersion, Person, PersonId,
    PersonName, Summary,
};
use crate::resolve::Names;
use crate::search::names::NameIndex;
use crate::search::{terms, Query, Results};
use crate::store::codec::{decode, encode};
use crate::store::files::inbox::{self, Verdict};
use crate::store::files::lock::DirLock;
use crate::store::files::names_file::NamesFile;
use crate::store::files::perms;
use crate::store::{Cursor, Drift, Page, Result, Store, StoreError, StoreOptions};
use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Unapplied records inside `bulk` before they are applied as one batch: a few MB of chunks.
const OVERLAY_RECORDS: usize = 4096;

/// A store directory this process holds the lock of, checked to be readable by this rapport,
/// and not yet opened: taking it is cheap, opening the database is not.
pub struct Reserved {
    dir: PathBuf,
    /// `None` in the dashboard's store process, whose parent holds the lock for it.
    lock: Option<DirLock>,
}

impl Reserved {
    /// Like [`Reserved::take`], but a lock that is let go of within `patience` is waited for:
    /// a dashboard closed a moment ago may still be finishing.
    pub fn take_patiently(dir: &Path, patience: std::time::Duration) -> Result<Self> {
        let deadline = std::time::Instant::now() + patience;
        loop {
            match Self::take(dir) {
                Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                taken => return taken,
            }
        }
    }

    pub fn take(dir: &Path) -> Result<Self> {
        perms::private_umask();
        perms::create_private_dir(dir)?;
        migrate::check_guard(dir)?;
        let lock = DirLock::acquire(dir)?;
        // Again under the lock: another rapport may have upgraded the store in between.
        migrate::check_guard(dir)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            lock: Some(lock),
        })
    }

    /// The store process's reservation: its parent, the dashboard, holds the lock (and has
    /// checked the schema under it), so the lock is taken here only if nobody holds it.
    pub fn for_parent(dir: &Path) -> Result<Self> {
        let lock = match DirLock::acquire(dir) {
            Ok(lock) => Some(lock),
            Err(StoreError::Locked { .. }) => None,
            Err(e) => return Err(e),
        };
        migrate::check_guard(dir)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

pub struct SledStore {
    dir: PathBuf,
    db: Engine,
    /// sled's log file, fsynced after each flush: sled 0.34's `flush` does not fsync on Linux.
    log: File,
    half_life_days: f64,
    /// Inside `bulk`: skip the per-write flush.
    deferred: AtomicBool,
    /// Inside `bulk`: summaries kept in memory and written once at the end, instead of a
    /// rewrite per event (which made a million-event load slow and its log huge).
    pending: Mutex<HashMap<ClientId, Summary>>,
    /// Inside `bulk`: timeline writes not yet applied, so that a run of appends rewrites each
    /// chunk in memory rather than in sled's log (see `Tx`).
    overlay: Mutex<Writes>,
    /// A client or person changed inside `bulk`: rewrite the names file at its end.
    names_dirty: AtomicBool,
    /// Serialises read-modify-write of summaries and name indexes.
    writing: Mutex<()>,
    /// The digest file's upkeep (`store::files::digest`).
    digest: digest_upkeep::DigestUpkeep,
    /// What searching keeps in memory between keystrokes.
    search: search::Caches,
    /// Inside `bulk`: postings of the new notes, written once at the end.
    postings: Mutex<search::Deferred>,
    _lock: Option<DirLock>,
}

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
        store.digest_open()?;
        if NamesFile::load(&store.dir)?
            .is_none_or(|file| file.generation != store.names_generation().unwrap_or(0))
        {
            store.save_names()?;
        }
        Ok(store)
    }

    /// Moves quick notes from the inbox into the database.
    fn ingest_inbox(&self) -> Result<()> {
        // The command's own clock (pinned in tests), as every other write uses.
        let now = crate::when::now().unwrap_or_else(|_| Utc::now());
        self.deferred.store(true, Ordering::SeqCst);
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
        self.write_pending()?;
        self.digest_settle();
        result.map(|_| ())
    }

    fn names_generation(&self) -> Result<u64> {
        let raw = self
            .db
            .get(keys::NAMES_GENERATION)
            .map_err(|e| self.engine(e))?;
        Ok(raw
            .and_then(|v| v.as_ref().try_into().ok())
            .map_or(0, u64::from_be_bytes))
    }

    /// Adds the next names generation to a batch that changes a client or a person.
    fn bump_names(&self, batch: &mut sled::Batch) -> Result<()> {
        let next = self.names_generation()? + 1;
        batch.insert(keys::NAMES_GENERATION, &next.to_be_bytes());
        Ok(())
    }

    /// Rewrites the names file (after a durable write, so the file never names what the
    /// database does not have).
    fn save_names(&self) -> Result<()> {
        NamesFile {
            generation: self.names_generation()?,
            clients: self.clients()?.iter().map(ClientName::from).collect(),
            people: self.people(None)?.iter().map(PersonName::from).collect(),
        }
        .save(&self.dir)
    }

    /// After a client or person write: the names file follows, now or at the end of `bulk`.
    fn names_changed(&self) -> Result<()> {
        if self.deferred.load(Ordering::SeqCst) {
            self.names_dirty.store(true, Ordering::SeqCst);
            Ok(())
        } else {
            self.save_names()
        }
    }

    /// Opens without migrating (test support and migrations themselves).
    pub(super) fn open_raw(dir: &Path, options: &StoreOptions) -> Result<Self> {
        Self::open_reserved_raw(Reserved::take(dir)?, options)
    }

    pub(super) fn open_reserved_raw(reserved: Reserved, options: &StoreOptions) -> Result<Self> {
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
            names_dirty: AtomicBool::new(false),
            writing: Mutex::new(()),
            digest: digest_upkeep::DigestUpkeep::new(dir.to_path_buf()),
            search: search::Caches::default(),
            postings: Mutex::new(search::Deferred::new()),
            _lock: lock,
        })
    }

    /// Closes the database, keeping the store reserved (to replace the database).
    pub(super) fn close(self) -> Reserved {
        Reserved {
            dir: self.dir,
            lock: self._lock,
        }
    }

    pub(super) fn db(&self) -> &sled::Db {
        &self.db
    }

    /// What opening set aside (see `engine.rs`), for the command to tell the user.
    pub fn notices(&self) -> &[String] {
        &self.db.notices
    }

    pub(super) fn dir_path(&self) -> &Path {
        &self.dir
    }

    /// Flushes sled and fsyncs its log, so what was written survives power loss.
    pub(super) fn sync(&self) -> Result<()> {
        self.db.sync(&self.log, &self.dir)
    }

    fn commit(&self) -> Result<()> {
        if self.deferred.load(Ordering::SeqCst) {
            Ok(())
        } else {
            self.sync()
        }
    }

    pub(super) fn schema_version(&self) -> Result<Option<u32>> {
        let raw = self.db.get(keys::SCHEMA).map_err(|e| self.engine(e))?;
        Ok(raw.map(|v| {
            v.as_ref()
                .try_into()
                .map(u32::from_be_bytes)
                .unwrap_or(u32::MAX)
        }))
    }

    pub(super) fn set_schema_version(&self, version: u32) -> Result<()> {
        self.db
            .insert(keys::SCHEMA, &version.to_be_bytes())
            .map_err(|e| self.engine(e))?;
        Ok(())
    }

    /// True when the database holds no key at all (a store being created).
    pub(super) fn is_blank(&self) -> Result<bool> {
        Ok(self.db.first().map_err(|e| self.engine(e))?.is_none())
    }

    pub(super) fn remove_prefix(&self, prefix: &[u8]) -> Result<()> {
        let mut batch = sled::Batch::default();
        for item in self.db.scan_prefix(prefix).keys() {
            batch.remove(item.map_err(|e| self.engine(e))?);
        }
        self.apply(batch)
    }

    fn engine(&self, source: sled::Error) -> StoreError {
        engine_error(&self.dir, source)
    }

    fn get<T: DeserializeOwned>(&self, key: &[u8]) -> Result<Option<T>> {
        match self.db.get(key).map_err(|e| self.engine(e))? {
            Some(bytes) => self.decode(key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    fn decode<T: DeserializeOwned>(&self, key: &[u8], bytes: &[u8]) -> Result<T> {
        decode(bytes).map_err(|detail| StoreError::Corrupt {
            dir: self.dir.clone(),
            detail: format!(
                "record {} is unreadable: {detail}",
                String::from_utf8_lossy(key)
            ),
        })
    }

    fn scan<T: DeserializeOwned>(&self, prefix: &[u8]) -> Result<Vec<T>> {
        self.db
            .scan_prefix(prefix)
            .map(|item| {
                let (key, value) = item.map_err(|e| self.engine(e))?;
                self.decode(&key, &value)
            })
            .collect()
    }

    fn apply(&self, batch: sled::Batch) -> Result<()> {
        self.db.apply_batch(batch).map_err(|e| self.engine(e))?;
        engine::crash_point(&self.db);
        Ok(())
    }

    fn lock_writes(&self) -> std::sync::MutexGuard<'_, ()> {
        // A panic while holding the lock leaves no partial state (batches are atomic).
        self.writing
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, HashMap<ClientId, Summary>> {
        self.pending
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The summary to update: taken out of the in-memory set during `bulk` (no copy).
    fn take_summary(&self, client: ClientId) -> Result<Summary> {
        // Bind first: the guard must be gone before `summary` locks `pending` again.
        let kept = self.pending().remove(&client);
        match kept {
            Some(summary) => Ok(summary),
            None => self.summary(client),
        }
    }

    /// The summary of `client` among those a write is changing, taken on first use.
    fn summary_in<'m>(
        &self,
        summaries: &'m mut HashMap<ClientId, Summary>,
        client: ClientId,
    ) -> Result<&'m mut Summary> {
        if let std::collections::hash_map::Entry::Vacant(slot) = summaries.entry(client) {
            slot.insert(self.take_summary(client)?);
        }
        Ok(summaries.get_mut(&client).expect("inserted above"))
    }

    /// Adds a summary to the write, or keeps it in memory until the end of `bulk`.
    fn put_summary(&self, tx: &mut Tx, client: ClientId, summary: Summary) {
        if self.deferred.load(Ordering::SeqCst) {
            // The timeline may reach sled before this summary does (a kill inside `bulk`):
            // the mark goes with it, and the next open rebuilds what it marks.
            tx.insert(keys::unsettled(client), Vec::new());
            self.pending().insert(client, summary);
        } else {
            tx.insert(keys::summary(client), encode(&summary));
        }
    }

    fn overlay(&self) -> std::sync::MutexGuard<'_, Writes> {
        self.overlay
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs one write: applied as one batch, or inside `bulk` kept with the earlier ones until
    /// they are many. A failed write changes nothing.
    fn write(&self, f: impl FnOnce(&mut Tx) -> Result<()>) -> Result<()> {
        let below = std::mem::take(&mut *self.overlay());
        let mut tx = Tx::over(&self.db, &self.dir, below);
        if let Err(e) = f(&mut tx) {
            *self.overlay() = tx.abandon();
            return Err(e);
        }
        let writes = tx.into_writes();
        if self.deferred.load(Ordering::SeqCst) && writes.len() < OVERLAY_RECORDS {
            *self.overlay() = writes;
            Ok(())
        } else {
            self.apply(tx::batch(writes))
        }
    }

    /// Reads through the writes `bulk` has not applied yet.
    fn read<T>(&self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = Tx::over(&self.db, &self.dir, std::mem::take(&mut *self.overlay()));
        let result = f(&tx);
        *self.overlay() = tx.abandon();
        result
    }

    /// Applies what `bulk` kept back, before reads that go straight to sled.
    fn settle(&self) -> Result<()> {
        let writes = std::mem::take(&mut *self.overlay());
        if writes.is_empty() {
            return Ok(());
        }
        self.apply(tx::batch(writes))
    }

    /// Writes what was kept back during `bulk`.
    fn write_pending(&self) -> Result<()> {
        let postings =
            std::mem::take(&mut *self.postings.lock().unwrap_or_else(|p| p.into_inner()));
        if !postings.is_empty() {
            let mut fresh = false;
            self.write(|tx| {
                fresh = search::write_deferred(tx, postings)?;
                Ok(())
            })?;
            if fresh {
                self.search.forget_vocabulary();
            }
        }
        self.settle()?;
        let mut batch = sled::Batch::default();
        for (client, summary) in self.pending().drain() {
            put(&mut batch, keys::summary(client), &summary);
            batch.remove(keys::unsettled(client));
        }
        self.apply(batch)
    }

    /// Rebuilds the summaries a crash left behind their timelines (see [`keys::UNSETTLED`]).
    fn settle_unsettled(&self) -> Result<()> {
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
        self.digest_before()?;
        self.apply(batch)?;
        self.sync()?;
        self.digest_after(Some(&marked));
        Ok(())
    }

    fn locate(&self, id: EventId) -> Result<Option<Located>> {
        self.read(|tx| timeline::locate(tx, id))
    }

    /// Records `new` events and replaces `changed` ones in one write (see
    /// [`Store::save_events`]); with `edits`, each replaced event is kept as an earlier version
    /// in the same write and the new one says when it was edited.
    fn write_events(
        &self,
        new: &[Event],
        changed: &[Event],
        now: DateTime<Utc>,
        edits: bool,
    ) -> Result<()> {
        let _guard = self.lock_writes();
        let half_life = self.half_life_days;
        // Clients whose summary lost the latest of something: recomputed after the write.
        let mut stale = Vec::new();
        self.digest_before()?;
        let mut new_tokens = false;
        // Inside `bulk`, postings wait in memory. A write refused after numbering its notes
        // leaves their postings there: harmless, as every candidate is checked against the
        // event its number now names.
        let mut postings = self.postings.lock().unwrap_or_else(|p| p.into_inner());
        let mut deferred = self
            .deferred
            .load(Ordering::SeqCst)
            .then_some(&mut *postings);
        self.write(|tx| {
            // Everything is checked before any summary is taken, so a refused write leaves the
            // summaries `bulk` keeps in memory as they were.
            for event in new {
                if timeline::locate(tx, event.id)?.is_some() {
                    return Err(StoreError::Corrupt {
                        dir: self.dir.clone(),
                        detail: format!("event {} already exists", event.id),
                    });
                }
            }
            let mut olds = Vec::with_capacity(changed.len());
            for event in changed {
                let missing = || StoreError::Missing {
                    what: "event",
                    id: event.id.to_string(),
                };
                let at = timeline::locate(tx, event.id)?.ok_or_else(missing)?;
                olds.push((at, timeline::get(tx, event.id)?.ok_or_else(missing)?));
            }
            // An edit keeps what it replaces, and the event counts its versions.
            let stamped: Vec<Event>;
            let changed = if edits {
                stamped = (changed.iter().zip(&olds))
                    .map(|(event, (_, old))| Event {
                        edited: Some(versions::keep(tx, old, now)),
                        ..event.clone()
                    })
                    .collect();
                &stamped[..]
            } else {
                changed
            };
            let mut summaries: HashMap<ClientId, Summary> = HashMap::new();
            for event in new {
                if event.is_live() {
                    self.summary_in(&mut summaries, event.client)?
                        .apply(event, now, half_life);
                }
                timeline::put(tx, None, event)?;
                new_tokens |= search::add(tx, event, deferred.as_deref_mut())?;
            }
            for (event, (at, old)) in changed.iter().zip(&olds) {
                if old.is_live() {
                    let lost = self
                        .summary_in(&mut summaries, old.client)?
                        .unapply(old, half_life);
                    if lost && !Summary::holds_latest_of(event, old) {
                        stale.push(old.client);
                    }
                }
                if event.is_live() {
                    self.summary_in(&mut summaries, event.client)?
                        .apply(event, now, half_life);
                }
                timeline::put(tx, Some(at), event)?;
                new_tokens |= search::update(tx, old, event, deferred.as_deref_mut())?;
            }
            for (client, summary) in summaries {
                self.put_summary(tx, client, summary);
            }
            // Rebuilt below, in a second write: marked until then.
            for &client in &stale {
                tx.insert(keys::unsettled(client), Vec::new());
            }
            Ok(())
        })?;
        if new_tokens {
            self.search.forget_vocabulary();
        }
        for &client in &stale {
            let summary = self.rebuild(client, now)?;
            let deferred = self.deferred.load(Ordering::SeqCst);
            self.write(|tx| {
                self.put_summary(tx, client, summary);
                if !deferred {
                    tx.remove(keys::unsettled(client));
                }
                Ok(())
            })?;
        }
        self.commit()?;
        let touched: Vec<ClientId> = (new.iter().chain(changed))
            .map(|e| e.client)
            .chain(stale)
            .collect();
        self.digest_after(Some(&touched));
        Ok(())
    }

    /// `check` under the write lock: every summary rebuilt and compared (and, with `fix`,
    /// stored); promises whose mark needs repair are added to `repaired`.
    fn check_summaries(
        &self,
        now: DateTime<Utc>,
        fix: bool,
        repaired: &mut Vec<Event>,
    ) -> Result<Vec<Drift>> {
        let _guard = self.lock_writes();
        let mut drifts = Vec::new();
        let mut batch = sled::Batch::default();
        if fix {
            self.digest_before()?;
        }
        for client in self.clients()? {
            let expected = self.rebuild(client.id, now)?;
            let mut problems =
                self.summary(client.id)?
                    .drift_from(&expected, now, self.half_life_days);
            let (found, marks) = self.timeline_problems(client.id)?;
            problems.extend(found);
            repaired.extend(marks);
            if fix {
                put(&mut batch, keys::summary(client.id), &expected);
                batch.remove(keys::unsettled(client.id));
            }
            if !problems.is_empty() {
                drifts.push(Drift {
                    client: client.id,
                    problems,
                });
            }
        }
        self.apply(batch)?;
        self.commit()?;
        if fix {
            self.digest_after(None);
        }
        Ok(drifts)
    }

    /// The summary recomputed from a client's timeline.
    pub(super) fn rebuild(&self, client: ClientId, now: DateTime<Utc>) -> Result<Summary> {
        let mut summary = Summary::default();
        self.for_each_event(client, &mut |event| {
            if event.is_live() {
                summary.apply(&event, now, self.half_life_days);
            }
            Ok(())
        })?;
        Ok(summary)
    }

    /// Checks that every timeline entry is reachable through the id index, and that every
    /// promise's mark agrees with its outcome events; returns the problems and the promises
    /// as they should be.
    fn timeline_problems(&self, client: ClientId) -> Result<(Vec<String>, Vec<Event>)> {
        let mut problems = Vec::new();
        let mut settling = Vec::new();
        self.for_each_event(client, &mut |event| {
            if self.locate(event.id)? != Some(Located::of(&event)) {
                problems.push(format!("event {} is missing from the id index", event.id));
            }
            if event.promise.is_some() || event.resolves.is_some() {
                settling.push(event);
            }
            Ok(())
        })?;
        let (marks, repaired): (Vec<String>, Vec<Event>) =
            crate::model::mark_problems(&settling).into_iter().unzip();
        problems.extend(marks);
        Ok((problems, repaired))
    }
}

/// Opens sled at `path`, inside the store `dir` (see `engine.rs` for what is fixed around it).
pub(super) fn open_engine_at(path: &Path, dir: &Path, options: &StoreOptions) -> Result<Engine> {
    Engine::open(path, dir, options)
}

fn put<T: Serialize>(batch: &mut sled::Batch, key: Vec<u8>, value: &T) {
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

impl Store for SledStore {
    fn dir(&self) -> &Path {
        &self.dir
    }

    fn is_empty(&self) -> Result<bool> {
        Ok(self.db.scan_prefix(keys::CLIENTS).next().is_none())
    }

    fn put_client(&self, client: &Client) -> Result<()> {
        let _guard = self.lock_writes();
        let old: Option<Client> = self.get(&keys::client(client.id))?;
        let new_handles = client.handles();
        for handle in &new_handles {
            let owner = self
                .db
                .get(keys::handle(handle))
                .map_err(|e| self.engine(e))?;
            if owner.is_some_and(|o| o.as_ref() != client.id.to_key().as_bytes()) {
                return Err(StoreError::NameTaken(handle.clone()));
            }
        }
        let mut batch = sled::Batch::default();
        for handle in old.iter().flat_map(Client::handles) {
            if !new_handles.contains(&handle) {
                batch.remove(keys::handle(&handle));
            }
        }
        for handle in &new_handles {
            batch.insert(keys::handle(handle), client.id.to_key().as_bytes());
        }
        put(&mut batch, keys::client(client.id), client);
        self.bump_names(&mut batch)?;
        self.digest_before()?;
        self.apply(batch)?;
        self.search.forget_names();
        self.commit()?;
        self.digest_after(Some(&[client.id]));
        self.names_changed()
    }

    fn client(&self, id: ClientId) -> Result<Option<Client>> {
        self.get(&keys::client(id))
    }

    fn clients(&self) -> Result<Vec<Client>> {
        let mut clients: Vec<Client> = self.scan(keys::CLIENTS)?;
        clients.sort_by_cached_key(|c| fold(&c.name));
        Ok(clients)
    }

    fn client_by_handle(&self, handle: &str) -> Result<Option<ClientId>> {
        let raw = self
            .db
            .get(keys::handle(&fold(handle)))
            .map_err(|e| self.engine(e))?;
        Ok(raw.and_then(|id| std::str::from_utf8(&id).ok()?.parse().ok()))
    }

    fn put_person(&self, person: &Person) -> Result<()> {
        let _guard = self.lock_writes();
        let mut batch = sled::Batch::default();
        if let Some(old_client) = self.get::<ClientId>(&keys::person_index(person.id))? {
            if old_client != person.client {
                batch.remove(keys::person(old_client, person.id));
            }
        }
        put(&mut batch, keys::person(person.client, person.id), person);
        put(&mut batch, keys::person_index(person.id), &person.client);
        self.bump_names(&mut batch)?;
        self.apply(batch)?;
        self.search.forget_names();
        self.commit()?;
        self.names_changed()
    }

    fn person(&self, id: PersonId) -> Result<Option<Person>> {
        match self.get::<ClientId>(&keys::person_index(id))? {
            Some(client) => self.get(&keys::person(client, id)),
            None => Ok(None),
        }
    }

    fn people(&self, client: Option<ClientId>) -> Result<Vec<Person>> {
        let prefix = client.map_or_else(|| keys::PEOPLE.to_vec(), keys::people_of);
        let mut people: Vec<Person> = self.scan(&prefix)?;
        people.sort_by_cached_key(|p| (p.client, fold(&p.name)));
        Ok(people)
    }

    fn save_events(&self, new: &[Event], changed: &[Event], now: DateTime<Utc>) -> Result<()> {
        self.write_events(new, changed, now, false)
    }

    fn edit_event(&self, event: &Event, now: DateTime<Utc>) -> Result<()> {
        let stored = self.event(event.id)?.ok_or_else(|| StoreError::Missing {
            what: "event",
            id: event.id.to_string(),
        })?;
        if (Event {
            edited: stored.edited,
            ..event.clone()
        }) == stored
        {
            return Ok(());
        }
        self.write_events(&[], std::slice::from_ref(event), now, true)
    }

    fn event_versions(&self, id: EventId) -> Result<Vec<EventVersion>> {
        self.settle()?;
        versions::of(&self.db, &self.dir, id)
    }

    fn event(&self, id: EventId) -> Result<Option<Event>> {
        self.read(|tx| timeline::get(tx, id))
    }

    fn events_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<EventId>> {
        let prefix = prefix.trim().to_uppercase();
        self.settle()?;
        timeline::ids_with_prefix(&self.db, &self.dir, &prefix, limit)
    }

    fn events_page(&self, client: ClientId, after: Option<&Cursor>, limit: usize) -> Result<Page> {
        self.settle()?;
        timeline::page(&self.db, &self.dir, client, after, limit)
    }

    fn for_each_event(
        &self,
        client: ClientId,
        f: &mut dyn FnMut(Event) -> Result<()>,
    ) -> Result<()> {
        self.settle()?;
        timeline::for_each(&self.db, &self.dir, client, f)
    }

    fn summary(&self, client: ClientId) -> Result<Summary> {
        if let Some(summary) = self.pending().get(&client) {
            return Ok(summary.clone());
        }
        Ok(self.get(&keys::summary(client))?.unwrap_or_default())
    }

    fn check(&self, now: DateTime<Utc>, fix: bool) -> Result<Vec<Drift>> {
        let mut repaired = Vec::new();
        let drifts = self.check_summaries(now, fix, &mut repaired)?;
        if fix && !repaired.is_empty() {
            // Through the ordinary write, which keeps the summaries just rebuilt exact.
            self.save_events(&[], &repaired, now)?;
        }
        Ok(drifts)
    }

    fn put_draft(&self, draft: &Draft) -> Result<()> {
        self.put_draft_record(draft)
    }

    fn remove_draft(&self, client: ClientId) -> Result<()> {
        self.remove_draft_record(client)
    }

    fn drafts(&self) -> Result<Vec<Draft>> {
        self.draft_records()
    }

    fn unfiled(&self) -> Result<Vec<crate::model::Unfiled>> {
        self.unfiled_notes()
    }

    fn keep_unfiled(&self, note: &crate::model::Unfiled) -> Result<u32> {
        self.keep_unfiled_note(note)
    }

    fn file_unfiled(&self, number: u32, events: &[Event], now: DateTime<Utc>) -> Result<()> {
        self.file_unfiled_note(number, events, now)
    }

    fn drop_unfiled(&self, number: u32) -> Result<crate::model::Unfiled> {
        self.drop_unfiled_note(number)
    }

    fn search(&self, query: &Query) -> Result<Results> {
        self.settle()?;
        let names = self
            .search
            .names(|| Ok(NameIndex::new(&self.clients()?, &self.people(None)?)))?;
        let terms = terms::parse(&query.text);
        let mut results = Results::default();
        if query.wants_names() {
            results.clients = names.clients(query, &terms);
            results.people = names.people(query, &terms);
        }
        results.notes = search::notes(&self.db, &self.dir, &self.search, query, &|id| {
            names.client_name(id)
        })?;
        Ok(results)
    }

    fn bulk(&self, f: &mut dyn FnMut(&dyn Store) -> anyhow::Result<()>) -> anyhow::Result<()> {
        self.deferred.store(true, Ordering::SeqCst);
        let result = f(self);
        self.deferred.store(false, Ordering::SeqCst);
        self.write_pending()?;
        self.sync()?;
        self.digest_settle();
        if self.names_dirty.swap(false, Ordering::SeqCst) {
            self.save_names()?;
        }
        result
    }
}
