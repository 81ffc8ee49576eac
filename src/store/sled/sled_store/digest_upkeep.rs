//! Keeping the digest file current (see `store::files::digest` for why and the rules): removed
//! before a write that can change a client or a summary, written after it is durable, from a
//! copy held in memory so a write costs one small file, not a read of every summary.

use super::SledStore;
use crate::model::ClientId;
use crate::store::files::digest::Digest;
use crate::store::{Result, Store};
use std::collections::BTreeSet;
use std::sync::atomic::Ordering;

#[derive(Default)]
pub(super) struct DigestState {
    /// What the file holds (or will, once written); `None`: build it from the store.
    held: Option<Digest>,
    /// The file is removed and a write is under way (inside `bulk`, several).
    removed: bool,
    /// Clients whose entries the running writes changed.
    dirty: BTreeSet<ClientId>,
}

impl SledStore {
    fn digest_state(&self) -> std::sync::MutexGuard<'_, DigestState> {
        self.digest
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// At open: the file is written anew when it is missing or cut short. It is read only
    /// at the first write (most commands write nothing, and at a million events decoding it
    /// costs more than checking it).
    pub(super) fn digest_open(&self) -> Result<()> {
        if !Digest::looks_whole(&self.dir) {
            let mut state = self.digest_state();
            state.held = None;
            self.digest_write(&mut state)?;
        }
        Ok(())
    }

    /// Before a write: the file goes (durably), so no reader trusts it while the database
    /// changes.
    pub(super) fn digest_before(&self) -> Result<()> {
        let mut state = self.digest_state();
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

    /// After a durable write that changed `clients` (`None`: any): the file comes back, now
    /// or at the end of `bulk`. The write is saved whatever happens here, so a failure only
    /// leaves the file missing (readers then ask the store).
    pub(super) fn digest_after(&self, clients: Option<&[ClientId]>) {
        let mut state = self.digest_state();
        match clients {
            Some(ids) => state.dirty.extend(ids.iter().copied()),
            None => state.held = None,
        }
        if !self.deferred.load(Ordering::SeqCst) {
            let _ = self.digest_write(&mut state);
        }
    }

    /// At the end of `bulk` (or the inbox's intake): writes what the writes changed.
    pub(super) fn digest_settle(&self) {
        let mut state = self.digest_state();
        if state.removed {
            let _ = self.digest_write(&mut state);
        }
    }

    fn digest_write(&self, state: &mut DigestState) -> Result<()> {
        let dirty = std::mem::take(&mut state.dirty);
        let digest = match state.held.take() {
            Some(mut digest) => {
                for id in dirty {
                    match self.client(id)? {
                        Some(client) => digest.put(&client, &self.summary(id)?),
                        None => digest.forget(id),
                    }
                }
                digest
            }
            None => {
                let mut digest = Digest::default();
                for client in self.clients()? {
                    digest.put(&client, &self.summary(client.id)?);
                }
                digest
            }
        };
        digest.save(&self.dir)?;
        state.held = Some(digest);
        state.removed = false;
        Ok(())
    }
}
