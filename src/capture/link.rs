//! A note's @names linked to the client's people, the same way for the command line and the
//! dashboard. A name that does not resolve never costs the note: it stays in the text, and the
//! caller says what to do about it (a warning, a question).

use crate::model::{ClientId, PersonId};
use crate::resolve::{self, Names, ResolveError};

/// An @name that is not linked to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unlinked {
    Unknown {
        name: String,
        suggestions: Vec<String>,
        /// Someone of that name was removed, or moved to another client.
        hint: Option<String>,
    },
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
}

impl Unlinked {
    /// Whether a fuller list of names (the store, when the names file is behind) could link it.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Unlinked::Unknown { .. })
    }

    /// The @name as written (without `@`).
    pub fn name(&self) -> &str {
        match self {
            Unlinked::Unknown { name, .. } | Unlinked::Ambiguous { name, .. } => name,
        }
    }
}

/// Adds the people the @names resolve to (among `client`'s) to `people`, each once; returns the
/// names that did not resolve. Only a failing store is an error.
pub fn link(
    names: &dyn Names,
    mentions: &[String],
    client: ClientId,
    people: &mut Vec<PersonId>,
) -> Result<Vec<Unlinked>, ResolveError> {
    let mut unlinked = Vec::new();
    for name in mentions {
        match resolve::person(names, name, Some(client)) {
            Ok(person) => {
                if !people.contains(&person.id) {
                    people.push(person.id);
                }
            }
            Err(ResolveError::Unknown {
                suggestions, hint, ..
            }) => unlinked.push(Unlinked::Unknown {
                name: name.clone(),
                suggestions,
                hint,
            }),
            Err(ResolveError::Ambiguous { candidates, .. }) => unlinked.push(Unlinked::Ambiguous {
                name: name.clone(),
                candidates,
            }),
            Err(e @ ResolveError::Store(_)) => return Err(e),
        }
    }
    Ok(unlinked)
}
