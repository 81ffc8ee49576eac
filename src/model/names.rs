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
        }
    }
}
