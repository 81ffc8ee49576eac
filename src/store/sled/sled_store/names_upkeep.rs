//! The names generation: a number in the database, bumped in the same batch as a client or
//! person write, that tells the names file's observer (`store/upkeep/names.rs`) when the
//! file is behind.

use super::SledStore;
use crate::model::ClientId;
use crate::store::sled::keys;
use crate::store::upkeep::Change;
use crate::store::Result;

impl SledStore {
    pub(super) fn names_generation(&self) -> Result<u64> {
        let raw = self
            .db
            .get(keys::NAMES_GENERATION)
            .map_err(|e| self.engine(e))?;
        Ok(raw
            .and_then(|v| v.as_ref().try_into().ok())
            .map_or(0, u64::from_be_bytes))
    }

    /// Adds the next names generation to a batch that changes a client or a person; returns
    /// it, for the names file's observer.
    pub(super) fn bump_names(&self, batch: &mut sled::Batch) -> Result<u64> {
        let next = self.names_generation()? + 1;
        batch.insert(keys::NAMES_GENERATION, &next.to_be_bytes());
        Ok(next)
    }

    /// Applies and commits `batch`, a client or person write that bumped the names to
    /// `names`, then tells the observers what changed (`clients`).
    pub(super) fn commit_names(
        &self,
        batch: sled::Batch,
        clients: &[ClientId],
        names: u64,
    ) -> Result<()> {
        self.apply(batch)?;
        self.search.forget_names();
        self.commit()?;
        let change = Change {
            clients: Some(clients),
            names: Some(names),
        };
        self.observers.committed(self, &change)
    }
}
