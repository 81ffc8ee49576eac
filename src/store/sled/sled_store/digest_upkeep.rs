//! Keeping the digest file current (see `store::files::digest` for why and the rules): removed
//! before a write that can change a client or a summary, written after it is durable, from a
//! copy held in memory so a write costs one small update, not a read of every summary.
//!
//! The file itself is written by a thread of its own, after the write is acknowledged: at a
//! million events it is megabytes, and encoding and writing it took more of a note's save than
//! the save itself. Rule 1 keeps that safe: the file is gone (durably) before the database
//! changes and comes back only once the write is durable, so a crash before the thread writes
//! leaves no file, never a stale one. Writes that come quickly one after another (a burst of
//! notes, an import) are written as one file. Dropping the store writes what is still due, so
//! a command leaves the file behind it.

use super::SledStore;
use crate::model::ClientId;
use crate::store::files::digest::Digest;
use crate::store::{Result, Store};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

#[derive(Default)]
struct DigestState {
    /// What the file holds (or will, once written); `None`: build it from the store.
    held: Option<Digest>,
    /// The file is removed: a write is under way (inside `bulk`, several), or `held` is due.
    removed: bool,
    /// Clients whose entries the running writes changed.
    dirty: BTreeSet<ClientId>,
    /// The writes are durable and `held` says what they did: the file may be written.
    due: bool,
    /// The store is closing: the writer writes what is due and ends.
    closing: bool,
}

/// What the store and the writer share.
struct Shared {
    dir: PathBuf,
    state: Mutex<DigestState>,
    /// Wakes the writer when the file becomes due, or the store closes.
    wake: Condvar,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, DigestState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes `held` if it is due. Under the lock: a write that starts meanwhile waits, so
    /// its removal of the file comes after, never before, this writing.
    fn write_due(&self, state: &mut DigestState) {
        if !state.due {
            return;
        }
        state.due = false;
        // A failure only leaves the file missing: readers then ask the store.
        if let Some(digest) = &state.held {
            if digest.save(&self.dir).is_ok() {
                state.removed = false;
            }
        }
    }
}

/// The digest's upkeep: the state, and the thread that writes the file (started at the first
/// write: most commands write nothing).
pub(super) struct DigestUpkeep {
    shared: Arc<Shared>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

impl DigestUpkeep {
    pub(super) fn new(dir: PathBuf) -> Self {
        Self {
            shared: Arc::new(Shared {
                dir,
                state: Mutex::default(),
                wake: Condvar::new(),
            }),
            writer: Mutex::new(None),
        }
    }

    /// Hands the file to the writer, starting it if need be; written here if it cannot start.
    fn schedule(&self, state: &mut DigestState) {
        state.due = true;
        let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if writer.is_none() {
            let shared = self.shared.clone();
            *writer = std::thread::Builder::new()
                .name("rapport-digest".into())
                .spawn(move || write_while_open(&shared))
                .ok();
        }
        match *writer {
            Some(_) => self.shared.wake.notify_one(),
            None => self.shared.write_due(state),
        }
    }
}

fn write_while_open(shared: &Shared) {
    let mut state = shared.state();
    loop {
        shared.write_due(&mut state);
        if state.closing {
            return;
        }
        state = (shared.wake)
            .wait_while(state, |s| !s.due && !s.closing)
            .unwrap_or_else(|p| p.into_inner());
    }
}

impl Drop for DigestUpkeep {
    /// What is due is written before the store lets go.
    fn drop(&mut self) {
        self.shared.state().closing = true;
        self.shared.wake.notify_one();
        let writer = self.writer.get_mut().unwrap_or_else(|p| p.into_inner());
        if let Some(writer) = writer.take() {
            let _ = writer.join();
        }
    }
}

impl SledStore {
    fn digest_state(&self) -> MutexGuard<'_, DigestState> {
        self.digest.shared.state()
    }

    /// At open: the file is written anew when it is missing or cut short. It is read only
    /// at the first write (most commands write nothing, and at a million events decoding it
    /// costs more than checking it).
    pub(super) fn digest_open(&self) -> Result<()> {
        if !Digest::looks_whole(&self.dir) {
            let mut state = self.digest_state();
            state.held = Some(self.digest_built()?);
            state.due = true;
            self.digest.shared.write_due(&mut state);
        }
        Ok(())
    }

    /// Before a write: the file goes (durably), so no reader trusts it while the database
    /// changes; a file not yet written waits for this write too.
    pub(super) fn digest_before(&self) -> Result<()> {
        let mut state = self.digest_state();
        state.due = false;
        if state.removed {
            return Ok(());
        }
        if state.held.is_none() {
            state.held = Digest::load(&self.dir, true);
        }
        Digest::remove(&self.dir)?;
        state.removed = true;
        Ok(())
    }

    /// After a durable write that changed `clients` (`None`: any): the entries are brought up
    /// to date now, and the file comes back once the writer gets to it (inside `bulk`, at its
    /// end). The write is saved whatever happens here, so a failure only leaves the file
    /// missing (readers then ask the store).
    pub(super) fn digest_after(&self, clients: Option<&[ClientId]>) {
        let mut state = self.digest_state();
        match clients {
            Some(ids) => state.dirty.extend(ids.iter().copied()),
            None => state.held = None,
        }
        if !self.deferred.load(Ordering::SeqCst) {
            self.digest_due(&mut state);
        }
    }

    /// At the end of `bulk` (or the inbox's intake): writes what the writes changed.
    pub(super) fn digest_settle(&self) {
        let mut state = self.digest_state();
        if state.removed {
            self.digest_due(&mut state);
        }
    }

    /// The held entries brought up to date with the writes, and the file handed to the writer.
    fn digest_due(&self, state: &mut DigestState) {
        if self.digest_update(state).is_ok() {
            self.digest.schedule(state);
        }
    }

    fn digest_update(&self, state: &mut DigestState) -> Result<()> {
        let dirty = std::mem::take(&mut state.dirty);
        let Some(mut digest) = state.held.take() else {
            state.held = Some(self.digest_built()?);
            return Ok(());
        };
        for id in dirty {
            match self.client(id)? {
                Some(client) => digest.put(&client, &self.summary(id)?),
                None => digest.forget(id),
            }
        }
        state.held = Some(digest);
        Ok(())
    }

    /// Waits for the writer: the file is on disk once the writes so far are (tests read it
    /// while the store is open).
    #[cfg(test)]
    pub(crate) fn digest_written(&self) {
        let mut state = self.digest_state();
        self.digest.shared.write_due(&mut state);
    }

    /// The digest of every client, from the store.
    fn digest_built(&self) -> Result<Digest> {
        let mut digest = Digest::default();
        for client in self.clients()? {
            digest.put(&client, &self.summary(client.id)?);
        }
        Ok(digest)
    }
}
