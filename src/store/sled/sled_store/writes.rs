//! The write path inside sled: one atomic batch per call (an event with the summaries it
//! changes, its note index and earlier version), or, inside `load`, kept back in memory and
//! applied in large batches; reads look through what is kept back.

use super::{outbox, put, SledStore};
use crate::model::{Client, ClientId, Event, EventId, Summary};
use crate::store::sled::search;
use crate::store::sled::timeline::{self, Located};
use crate::store::sled::tx::{self, Tx, Writes};
use crate::store::sled::{keys, versions};
use crate::store::upkeep::Change;
use crate::store::{Result, Shareable, StoreError};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::atomic::Ordering;

/// Unapplied records inside `load` before they are applied as one batch: a few MB of chunks.
const OVERLAY_RECORDS: usize = 4096;

impl SledStore {
    pub(super) fn lock_writes(&self) -> std::sync::MutexGuard<'_, ()> {
        // A panic while holding the lock leaves no partial state (batches are atomic).
        self.writing
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(super) fn overlay(&self) -> std::sync::MutexGuard<'_, Writes> {
        self.overlay
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs one write: applied as one batch, or inside `load` kept with the earlier ones until
    /// they are many. A failed write changes nothing.
    pub(super) fn write(&self, f: impl FnOnce(&mut Tx) -> Result<()>) -> Result<()> {
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

    /// Reads through the writes `load` has not applied yet.
    pub(super) fn read<T>(&self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = Tx::over(&self.db, &self.dir, std::mem::take(&mut *self.overlay()));
        let result = f(&tx);
        *self.overlay() = tx.abandon();
        result
    }

    /// Applies what `load` kept back, before reads that go straight to sled.
    pub(super) fn settle(&self) -> Result<()> {
        let writes = std::mem::take(&mut *self.overlay());
        if writes.is_empty() {
            return Ok(());
        }
        self.apply(tx::batch(writes))
    }

    /// Writes what was kept back during `load`.
    pub(super) fn write_pending(&self) -> Result<()> {
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

    pub(super) fn locate(&self, id: EventId) -> Result<Option<Located>> {
        self.read(|tx| timeline::locate(tx, id))
    }

    /// Records `new` events and replaces `changed` and `edits` ones in one write (see
    /// [`Store::save_events`], [`Store::edit_events`]); each event an edit replaces is kept as
    /// an earlier version in the same write, and the new one says when it was edited. With
    /// `share`, in a team, the events that are not private are listed in the outbox in the
    /// same write (a pull's events are saved without).
    pub(super) fn write_events(
        &self,
        new: &[Event],
        changed: &[Event],
        edits: &[Event],
        now: DateTime<Utc>,
        share: bool,
    ) -> Result<()> {
        let _guard = self.lock_writes();
        let half_life = self.half_life_days;
        // Clients whose summary lost the latest of something: recomputed after the write.
        let mut stale = Vec::new();
        self.observers.before()?;
        let mut new_tokens = false;
        // Inside `load`, postings wait in memory. A write refused after numbering its notes
        // leaves their postings there: harmless, as every candidate is checked against the
        // event its number now names.
        let mut postings = self.postings.lock().unwrap_or_else(|p| p.into_inner());
        let mut deferred = self
            .deferred
            .load(Ordering::SeqCst)
            .then_some(&mut *postings);
        self.write(|tx| {
            // Everything is checked before any summary is taken, so a refused write leaves the
            // summaries `load` keeps in memory as they were.
            for event in new {
                if timeline::locate(tx, event.id)?.is_some() {
                    return Err(StoreError::Corrupt {
                        dir: self.dir.clone(),
                        detail: format!("event {} already exists", event.id),
                    });
                }
            }
            let mut olds = Vec::with_capacity(changed.len() + edits.len());
            for event in changed.iter().chain(edits) {
                let missing = || StoreError::Missing {
                    what: "event",
                    id: event.id.to_string(),
                };
                let at = timeline::locate(tx, event.id)?.ok_or_else(missing)?;
                olds.push((at, timeline::get(tx, event.id)?.ok_or_else(missing)?));
            }
            // An edit keeps what it replaces, and the event counts its versions.
            let stamped: Vec<Event> = (changed.iter().cloned())
                .chain(
                    (edits.iter().zip(&olds[changed.len()..])).map(|(event, (_, old))| Event {
                        edited: Some(versions::keep(tx, old, now)),
                        ..event.clone()
                    }),
                )
                .collect();
            let changed = &stamped[..];
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
            if share {
                let shared = new.iter().chain(changed).filter(|e| !e.private);
                outbox::enqueue(tx, shared.map(|e| Shareable::Event(e.id)))?;
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
        let touched: Vec<ClientId> = (new.iter().chain(changed).chain(edits))
            .map(|e| e.client)
            .chain(stale)
            .collect();
        self.observers.committed(
            self,
            &Change {
                clients: Some(&touched),
                names: None,
            },
        )
    }

    /// Adds or replaces a client (see [`crate::store::Store::put_client`]); with `share`, in a team, listed
    /// in the outbox in the same write (a pulled client is saved without).
    pub(super) fn put_client_as(&self, client: &Client, share: bool) -> Result<()> {
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
        if share {
            self.enqueue_client(&mut batch, client.id)?;
        }
        let names = self.bump_names(&mut batch)?;
        self.observers.before()?;
        self.commit_names(batch, &[client.id], names)
    }
}
