//! Keeping the digest file current (see `store::files::digest` for why and the rules): removed
//! before a write that can change a client or a summary, written after it is durable, from a
//! copy held in memory so a write costs one small file, not a read of every summary.

use super::{Change, Observer};
use crate::model::ClientId;
use crate::store::files::digest::Digest;
use crate::store::{Result, Store};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;

#[derive(Default)]
pub(super) struct Keeper(Mutex<State>);

#[derive(Default)]
struct State {
    /// What the file holds (or will, once written); `None`: build it from the store.
    held: Option<Digest>,
    /// The file is removed and a write is under way (inside a batch, several).
    removed: bool,
    /// Clients whose entries the running writes changed.
    dirty: BTreeSet<ClientId>,
}

impl Observer for Keeper {
    /// The file is written anew when it is missing or cut short. It is read only at the first
    /// write (most commands write nothing, and at a million events decoding it costs more than
    /// checking it).
    fn opened(&self, store: &dyn Store, dir: &Path, _: &Change) -> Result<()> {
        if !Digest::looks_whole(dir) {
            let mut state = self.state();
            state.held = None;
            state.write(store, dir)?;
        }
        Ok(())
    }

    /// The file goes (durably), so no reader trusts it while the database changes.
    fn before(&self, dir: &Path) -> Result<()> {
        let mut state = self.state();
        if state.removed {
            return Ok(());
        }
        if state.held.is_none() {
            state.held = Digest::load(dir, true);
        }
        Digest::remove(dir)?;
        state.removed = true;
        Ok(())
    }

    /// The file comes back after the write that removed it. The write is saved whatever
    /// happens here, so a failure only leaves the file missing (readers then ask the store).
    fn committed(&self, store: &dyn Store, dir: &Path, change: &Change) -> Result<()> {
        let mut state = self.state();
        match change.clients {
            Some(ids) => state.dirty.extend(ids.iter().copied()),
            None => state.held = None,
        }
        if state.removed {
            let _ = state.write(store, dir);
        }
        Ok(())
    }
}

impl Keeper {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl State {
    fn write(&mut self, store: &dyn Store, dir: &Path) -> Result<()> {
        let dirty = std::mem::take(&mut self.dirty);
        let digest = match self.held.take() {
            Some(mut digest) => {
                for id in dirty {
                    match store.client(id)? {
                        Some(client) => digest.put(&client, &store.summary(id)?),
                        None => digest.forget(id),
                    }
                }
                digest
            }
            None => {
                let mut digest = Digest::default();
                for client in store.clients()? {
                    digest.put(&client, &store.summary(client.id)?);
                }
                digest
            }
        };
        digest.save(dir)?;
        self.held = Some(digest);
        self.removed = false;
        Ok(())
    }
}
