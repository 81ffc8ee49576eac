//! Keeping the names file current (`store::files::names_file`): rewritten after a durable
//! write that changed a client or a person, so the file never names what the database does
//! not have; its generation, the backend's, tells at open whether it is behind.

use super::{Change, Observer};
use crate::model::{ClientName, PersonName};
use crate::store::files::names_file::NamesFile;
use crate::store::{Result, Store};
use std::path::Path;

pub(super) struct Keeper;

impl Observer for Keeper {
    fn opened(&self, store: &dyn Store, dir: &Path, current: &Change) -> Result<()> {
        let generation = current.names.unwrap_or(0);
        if NamesFile::load(dir)?.is_none_or(|file| file.generation != generation) {
            save(store, dir, generation)?;
        }
        Ok(())
    }

    fn committed(&self, store: &dyn Store, dir: &Path, change: &Change) -> Result<()> {
        match change.names {
            Some(generation) => save(store, dir, generation),
            None => Ok(()),
        }
    }
}

fn save(store: &dyn Store, dir: &Path, generation: u64) -> Result<()> {
    NamesFile {
        generation,
        clients: store.clients()?.iter().map(ClientName::from).collect(),
        people: store.people(None)?.iter().map(PersonName::from).collect(),
    }
    .save(dir)
}
