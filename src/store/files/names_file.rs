//! The names file (`DIR/names`): every client's and person's name, rewritten by the store
//! whenever one changes. A quick note resolves names from it without opening sled, whose open
//! cost grows with the store. It is a cache: the database stays the truth, and a generation
//! number (also kept in the database) tells the store when the file is behind.

use super::replace::{replace, Durability};
use crate::model::{ClientId, ClientName, PersonName};
use crate::resolve::Names;
use crate::store::codec::{decode, encode};
use crate::store::{Result, StoreError};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::Path;

const FILE: &str = "names";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NamesFile {
    pub generation: u64,
    pub clients: Vec<ClientName>,
    pub people: Vec<PersonName>,
}

impl NamesFile {
    /// The file in `dir`, or `None` when it is missing or unreadable (the store rebuilds it).
    pub fn load(dir: &Path) -> Result<Option<Self>> {
        match fs::read(dir.join(FILE)) {
            Ok(bytes) => Ok(decode(&bytes).ok()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StoreError::Io {
                context: format!("reading {}", dir.join(FILE).display()),
                source,
            }),
        }
    }

    /// Replaces the file atomically, durably.
    pub fn save(&self, dir: &Path) -> Result<()> {
        replace(dir, FILE, &encode(self), Durability::Synced)
    }
}

impl Names for NamesFile {
    fn client_names(&self) -> Result<Vec<ClientName>> {
        Ok(self.clients.clone())
    }

    fn person_names(&self, client: Option<ClientId>) -> Result<Vec<PersonName>> {
        Ok(self
            .people
            .iter()
            .filter(|p| client.is_none_or(|c| c == p.client))
            .cloned()
            .collect())
    }
}
