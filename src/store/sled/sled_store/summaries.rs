//! Summaries kept exact: updated in the write that changes a timeline (kept in memory inside
//! `load`), rebuilt from the timeline when a write lost the latest of something or a crash
//! left a mark, and compared with the timeline by `check`.

use super::{put, SledStore};
use crate::model::{ClientId, Event, Summary};
use crate::store::codec::encode;
use crate::store::sled::keys;
use crate::store::sled::timeline::Located;
use crate::store::sled::tx::Tx;
use crate::store::upkeep::Change;
use crate::store::{Drift, Result, Store};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::atomic::Ordering;

impl SledStore {
    pub(super) fn pending(&self) -> std::sync::MutexGuard<'_, HashMap<ClientId, Summary>> {
        self.pending
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The summary to update: taken out of the in-memory set during `load` (no copy).
    pub(super) fn take_summary(&self, client: ClientId) -> Result<Summary> {
        // Bind first: the guard must be gone before `summary` locks `pending` again.
        let kept = self.pending().remove(&client);
        match kept {
            Some(summary) => Ok(summary),
            None => self.summary(client),
        }
    }

    /// The summary of `client` among those a write is changing, taken on first use.
    pub(super) fn summary_in<'m>(
        &self,
        summaries: &'m mut HashMap<ClientId, Summary>,
        client: ClientId,
    ) -> Result<&'m mut Summary> {
        if let std::collections::hash_map::Entry::Vacant(slot) = summaries.entry(client) {
            slot.insert(self.take_summary(client)?);
        }
        Ok(summaries.get_mut(&client).expect("inserted above"))
    }

    /// Adds a summary to the write, or keeps it in memory until the end of `load`.
    pub(super) fn put_summary(&self, tx: &mut Tx, client: ClientId, summary: Summary) {
        if self.deferred.load(Ordering::SeqCst) {
            // The timeline may reach sled before this summary does (a kill inside `load`):
            // the mark goes with it, and the next open rebuilds what it marks.
            tx.insert(keys::unsettled(client), Vec::new());
            self.pending().insert(client, summary);
        } else {
            tx.insert(keys::summary(client), encode(&summary));
        }
    }

    /// `check` under the write lock: every summary rebuilt and compared (and, with `fix`,
    /// stored); promises whose mark needs repair are added to `repaired`.
    pub(super) fn check_summaries(
        &self,
        now: DateTime<Utc>,
        fix: bool,
        repaired: &mut Vec<Event>,
    ) -> Result<Vec<Drift>> {
        let _guard = self.lock_writes();
        let mut drifts = Vec::new();
        let mut batch = sled::Batch::default();
        if fix {
            self.observers.before()?;
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
            self.observers.committed(self, &Change::default())?;
        }
        Ok(drifts)
    }

    /// The summary recomputed from a client's timeline.
    pub(in crate::store::sled) fn rebuild(
        &self,
        client: ClientId,
        now: DateTime<Utc>,
    ) -> Result<Summary> {
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
    pub(super) fn timeline_problems(&self, client: ClientId) -> Result<(Vec<String>, Vec<Event>)> {
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
