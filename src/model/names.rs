//! Just enough of clients and people to resolve what the user typed, without loading them.

use super::{Client, ClientId, Person, PersonId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientName {
    pub id: ClientId,
    pub name: String,
    pub alias: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonName {
    pub id: PersonId,
    pub client: ClientId,
    pub name: String,
    /// Removed (`person remove`): never matched, only named in a hint.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
    /// The clients they left (`person move`), for "moved to …" at the old one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left: Vec<ClientId>,
}

impl From<&Client> for ClientName {
    fn from(c: &Client) -> Self {
        Self {
            id: c.id,
            name: c.name.clone(),
            alias: c.alias.clone(),
        }
    }
}

impl From<&Person> for PersonName {
    fn from(p: &Person) -> Self {
        Self {
            id: p.id,
            client: p.client,
            name: p.name.clone(),
            removed: !p.is_live(),
            left: p.left.clone(),
        }
    }
}
