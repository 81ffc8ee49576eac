//! Keeping the names file current (`store::files::names_file`): a generation number in the
//! database, bumped in the same batch as a client or person write, tells when the file is
//! behind; the file is rewritten after the write is durable.

use super::SledStore;
use crate::model::{ClientName, PersonName};
use crate::store::files::names_file::NamesFile;
use crate::store::sled::keys;
use crate::store::{Result, Store};
use std::sync::atomic::Ordering;

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

    /// Adds the next names generation to a batch that changes a client or a person.
    pub(super) fn bump_names(&self, batch: &mut sled::Batch) -> Result<()> {
        let next = self.names_generation()? + 1;
        batch.insert(keys::NAMES_GENERATION, &next.to_be_bytes());
        Ok(())
    }

    /// Rewrites the names file (after a durable write, so the file never names what the
    /// database does not have).
    pub(super) fn save_names(&self) -> Result<()> {
        NamesFile {
            generation: self.names_generation()?,
            clients: self.clients()?.iter().map(ClientName::from).collect(),
            people: self.people(None)?.iter().map(PersonName::from).collect(),
        }
        .save(&self.dir)
    }

    /// After a client or person write: the names file follows, now or at the end of `bulk`.
    pub(super) fn names_changed(&self) -> Result<()> {
        if self.deferred.load(Ordering::SeqCst) {
            self.names_dirty.store(true, Ordering::SeqCst);
            Ok(())
        } else {
            self.save_names()
        }
    }
}
