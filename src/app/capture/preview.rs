//! The line under the capture box: what saving would store, worked out after every change so
//! the view only prints it. @names are checked against the people already loaded for the
//! client, so typing never waits for the store.

use crate::app::rows::PersonRow;
use crate::capture::Parsed;
use crate::model::{Client, ClientId, ClientName, PersonName};
use crate::resolve::{self, Names, ResolveError};
use crate::store::StoreError;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// `call · with Mikko · +1 · #db`; empty while nothing is typed.
    pub summary: String,
    /// @names that are nobody at this client yet: saving asks about each.
    pub unknown: Vec<String>,
    /// @names that fit several people: they stay text.
    pub ambiguous: Vec<String>,
    /// Words that look like syntax and did not read, with what they would need.
    pub doubtful: Vec<String>,
}

impl Preview {
    pub fn of(note: &Parsed, names: &Known) -> Self {
        if note.text.is_empty() && note.mentions.is_empty() && note.tags.is_empty() {
            return Preview::default();
        }
        let (mut unknown, mut ambiguous) = (Vec::new(), Vec::new());
        // Linked people by their full names, so the preview says who `@anu` turned out to be.
        let mut shown = note.clone();
        shown.mentions.clear();
        for mention in &note.mentions {
            match resolve::person(names, mention, Some(names.client.id)) {
                Ok(person) if !shown.mentions.contains(&person.name) => {
                    shown.mentions.push(person.name)
                }
                Ok(_) => {}
                Err(ResolveError::Ambiguous { .. }) => {
                    ambiguous.push(mention.clone());
                    shown.mentions.push(mention.clone());
                }
                // The in-memory names cannot fail, so anything else is a new name.
                Err(_) => {
                    unknown.push(mention.clone());
                    shown.mentions.push(mention.clone());
                }
            }
        }
        Preview {
            summary: shown.preview(),
            unknown,
            ambiguous,
            doubtful: note.doubtful.iter().map(ToString::to_string).collect(),
        }
    }
}

/// One client and its loaded people, as names to resolve @mentions against.
pub struct Known {
    pub client: ClientName,
    pub people: Vec<PersonName>,
}

impl Known {
    pub fn new(client: &Client, people: &[PersonRow]) -> Self {
        Self {
            client: ClientName::from(client),
            people: people.iter().map(|r| PersonName::from(&r.person)).collect(),
        }
    }
}

impl Names for Known {
    fn client_names(&self) -> Result<Vec<ClientName>, StoreError> {
        Ok(vec![self.client.clone()])
    }

    fn person_names(&self, client: Option<ClientId>) -> Result<Vec<PersonName>, StoreError> {
        Ok(match client {
            Some(id) if id != self.client.id => Vec::new(),
            _ => self.people.clone(),
        })
    }
}
