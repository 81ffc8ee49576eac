//! The write path's after-commit observers: what keeps the files beside the database
//! (`store/files/`) current, whatever the backend. A backend tells [`Observers`] four things —
//! the store opened, a write is about to change clients or summaries ([`Observers::before`]),
//! a write is durable and what it changed ([`Observers::committed`]), a batch of writes
//! begins or ends — and gets the digest and the names file kept for it: once per commit,
//! once per batch, never after a write that failed. The inbox is not an observer: it is read
//! at open (`files/inbox.rs`), folded in through the backend's ordinary writes.

mod digest;
mod names;

use crate::model::ClientId;
use crate::store::{Result, Store};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a durable commit changed.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Change<'a> {
    /// The clients whose record, summary or people changed; `None`: any of them.
    pub clients: Option<&'a [ClientId]>,
    /// The clients' and people's names changed; the backend's names generation is now this.
    pub names: Option<u64>,
}

/// One thing kept current after each commit.
pub(crate) trait Observer: Send + Sync {
    /// At open: made current if missing or behind; `current` says everything may have changed
    /// and the names generation the backend is at.
    fn opened(&self, store: &dyn Store, dir: &Path, current: &Change) -> Result<()>;
    /// Before a write that can change clients or summaries: nothing may trust what is kept
    /// while the database changes.
    fn before(&self, _dir: &Path) -> Result<()> {
        Ok(())
    }
    /// After a durable commit (or a batch of them) that changed `change`.
    fn committed(&self, store: &dyn Store, dir: &Path, change: &Change) -> Result<()>;
    /// Finishes now what it would finish later on its own (a file written in the background).
    #[cfg(test)]
    fn flush(&self) {}
}

/// The observers of one open store.
pub(crate) struct Observers {
    dir: PathBuf,
    list: Vec<Box<dyn Observer>>,
    /// Inside a batch: what its commits changed, told once at its end.
    batch: Mutex<Option<Pending>>,
}

/// A batch's changes so far.
#[derive(Default)]
struct Pending {
    /// `None`: any client.
    clients: Option<BTreeSet<ClientId>>,
    names: Option<u64>,
    commits: usize,
}

impl Observers {
    /// The files every backend keeps in `dir`: the digest, then the names file.
    pub fn files(dir: &Path) -> Self {
        Self::of(
            dir,
            vec![Box::new(digest::Keeper::default()), Box::new(names::Keeper)],
        )
    }

    fn of(dir: &Path, list: Vec<Box<dyn Observer>>) -> Self {
        Self {
            dir: dir.to_path_buf(),
            list,
            batch: Mutex::new(None),
        }
    }

    /// At open, with the backend's names generation.
    pub fn opened(&self, store: &dyn Store, names_generation: u64) -> Result<()> {
        let current = Change {
            clients: None,
            names: Some(names_generation),
        };
        self.list
            .iter()
            .try_for_each(|o| o.opened(store, &self.dir, &current))
    }

    pub fn before(&self) -> Result<()> {
        self.list.iter().try_for_each(|o| o.before(&self.dir))
    }

    /// After a durable commit; inside a batch, kept for its end. Every observer is told even
    /// when one fails (the commit stands); the first failure is returned.
    pub fn committed(&self, store: &dyn Store, change: &Change) -> Result<()> {
        if let Some(pending) = self.pending().as_mut() {
            pending.add(change);
            return Ok(());
        }
        self.tell(store, change)
    }

    /// Commits from now on are told at [`Observers::end_batch`].
    pub fn start_batch(&self) {
        self.pending().get_or_insert_with(Pending::default);
    }

    /// Forgets the batch's changes: what it wrote did not become durable. (The digest stays
    /// removed, so readers ask the store; the names file's generation tells the next open.)
    pub fn cancel_batch(&self) {
        self.pending().take();
    }

    /// Tells what the batch's commits changed, once (nothing if none committed). Call it
    /// after the batch is durable, even when it stopped half-way.
    pub fn end_batch(&self, store: &dyn Store) -> Result<()> {
        let Some(pending) = self.pending().take() else {
            return Ok(());
        };
        if pending.commits == 0 {
            return Ok(());
        }
        let clients: Option<Vec<ClientId>> = pending.clients.map(|c| c.into_iter().collect());
        self.tell(
            store,
            &Change {
                clients: clients.as_deref(),
                names: pending.names,
            },
        )
    }

    fn tell(&self, store: &dyn Store, change: &Change) -> Result<()> {
        let mut first = Ok(());
        for observer in &self.list {
            let told = observer.committed(store, &self.dir, change);
            if first.is_ok() {
                first = told;
            }
        }
        first
    }

    /// Everything kept is on disk now (tests read the files while the store is open).
    #[cfg(test)]
    pub fn flush(&self) {
        self.list.iter().for_each(|o| o.flush());
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Option<Pending>> {
        self.batch.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Pending {
    fn add(&mut self, change: &Change) {
        self.clients = match (self.commits, self.clients.take(), change.clients) {
            (0, _, more) => more.map(|more| more.iter().copied().collect()),
            (_, Some(mut all), Some(more)) => {
                all.extend(more.iter().copied());
                Some(all)
            }
            _ => None,
        };
        self.commits += 1;
        self.names = change.names.or(self.names);
    }
}

#[cfg(test)]
mod tests;
