//! The names file (`names_file`) as a quick note reads it: the clients decoded at once, the
//! people only as a lookup asks for them, and only those it asks for. At a million events the
//! file holds thousands of people, and decoding every one (two ids parsed and a name copied
//! each) was four fifths of `rapport note`'s instructions; a note needs the people of one
//! client. The people are skimmed in place (names and ids borrowed from the file's bytes) and
//! only the ones asked for are turned into [`PersonName`]s. The file itself is unchanged.

use super::names_file;
use crate::model::{ClientId, ClientName, PersonName};
use crate::resolve::Names;
use crate::store::codec;
use crate::store::{Result, StoreError};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct QuickNames {
    dir: PathBuf,
    bytes: Vec<u8>,
    pub generation: u64,
    pub clients: Vec<ClientName>,
    /// People already asked for, by client (`None`: everyone's).
    asked: Mutex<HashMap<Option<ClientId>, Vec<PersonName>>>,
}

/// The file with its people left as they are.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    generation: u64,
    #[serde(default)]
    clients: Vec<ClientName>,
}

/// The file's people, borrowed from its bytes.
#[derive(Deserialize)]
struct People<'a> {
    #[serde(default, borrow)]
    people: Vec<Skimmed<'a>>,
}

/// A person as the file holds them: [`PersonName`]'s fields, ids still text.
#[derive(Deserialize)]
struct Skimmed<'a> {
    id: &'a str,
    client: &'a str,
    name: &'a str,
    #[serde(default)]
    removed: bool,
    #[serde(default, borrow)]
    left: Vec<&'a str>,
}

impl Skimmed<'_> {
    fn at(&self, client: &str) -> bool {
        self.client == client || self.left.contains(&client)
    }

    fn parsed(&self) -> std::result::Result<PersonName, String> {
        let id = |text: &str| text.parse::<ulid::Ulid>().map_err(|e| e.to_string());
        Ok(PersonName {
            id: crate::model::PersonId(id(self.id)?),
            client: ClientId(id(self.client)?),
            name: self.name.to_string(),
            removed: self.removed,
            left: (self.left.iter())
                .map(|c| id(c).map(ClientId))
                .collect::<std::result::Result<_, _>>()?,
        })
    }
}

impl QuickNames {
    /// The file in `dir`, or `None` when it is missing or unreadable (the store rebuilds it).
    pub fn load(dir: &Path) -> Result<Option<Self>> {
        let Some(bytes) = names_file::read(dir)? else {
            return Ok(None);
        };
        let Ok(head) = codec::decode::<Head>(&bytes) else {
            return Ok(None);
        };
        Ok(Some(Self {
            dir: dir.to_path_buf(),
            bytes,
            generation: head.generation,
            clients: head.clients,
            asked: Mutex::default(),
        }))
    }

    /// The people at `client` (or who left it, for "moved to …"), or everyone.
    fn people(&self, client: Option<ClientId>) -> Result<Vec<PersonName>> {
        let mut asked = self.asked.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(people) = asked.get(&client) {
            return Ok(people.clone());
        }
        let unreadable = |detail: String| StoreError::Corrupt {
            dir: self.dir.clone(),
            detail: format!("the names file: {detail}"),
        };
        let file = codec::decode_borrowed::<People>(&self.bytes).map_err(unreadable)?;
        let wanted = client.map(|c| c.to_string());
        let people = (file.people.iter())
            .filter(|p| wanted.as_deref().is_none_or(|c| p.at(c)))
            .map(Skimmed::parsed)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(unreadable)?;
        asked.insert(client, people.clone());
        Ok(people)
    }
}

impl Names for QuickNames {
    fn client_names(&self) -> Result<Vec<ClientName>> {
        Ok(self.clients.clone())
    }

    fn person_names(&self, client: Option<ClientId>) -> Result<Vec<PersonName>> {
        let people = self.people(client)?;
        // Who left `client` is there only for "moved to …", which asks for everyone.
        Ok(people
            .into_iter()
            .filter(|p| client.is_none_or(|c| c == p.client))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonId;
    use crate::store::NamesFile;

    fn person(client: ClientId, name: &str, left: Vec<ClientId>) -> PersonName {
        PersonName {
            id: PersonId(ulid::Ulid::new()),
            client,
            name: name.into(),
            removed: name.starts_with('~'),
            left,
        }
    }

    #[test]
    fn it_answers_as_the_whole_file_does() {
        let dir = tempfile::tempdir().unwrap();
        let (acme, beta) = (ClientId(ulid::Ulid::new()), ClientId(ulid::Ulid::new()));
        let file = NamesFile {
            generation: 7,
            clients: vec![ClientName {
                id: acme,
                name: "Acme Oy".into(),
                alias: Some("acme".into()),
            }],
            people: vec![
                person(acme, "Mikko 🎣", vec![]),
                person(beta, "佐藤 健一", vec![acme]),
                person(acme, "~Sari", vec![]),
            ],
        };
        file.save(dir.path()).unwrap();
        let quick = QuickNames::load(dir.path()).unwrap().unwrap();
        assert_eq!(quick.generation, 7);
        assert_eq!(quick.client_names().unwrap(), file.client_names().unwrap());
        for client in [Some(acme), Some(beta), None] {
            assert_eq!(
                quick.person_names(client).unwrap(),
                file.person_names(client).unwrap()
            );
            // Asked again: from what was kept.
            assert_eq!(
                quick.person_names(client).unwrap(),
                file.person_names(client).unwrap()
            );
        }
    }

    #[test]
    fn a_missing_or_unreadable_file_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(QuickNames::load(dir.path()).unwrap().is_none());
        std::fs::write(dir.path().join(names_file::FILE), b"\x01\xc1").unwrap();
        assert!(QuickNames::load(dir.path()).unwrap().is_none());
    }
}
