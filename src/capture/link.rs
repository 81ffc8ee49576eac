//! A note's @names linked to the client's people, the same way for the command line and the
//! dashboard. A name that does not resolve never costs the note: it stays in the text, and the
//! caller says what to do about it (a warning, a question).

use crate::model::{ClientId, Person, PersonId};
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

/// An edit keeps the people its event named who have since moved to another client or been
/// removed: an @name in `unlinked` that names one of `past` (the stored event's people) links
/// them again, rather than asking about a new person or dropping them; what stays in
/// `unlinked` is still to be said.
pub fn relink_past(past: &[Person], unlinked: &mut Vec<Unlinked>, people: &mut Vec<PersonId>) {
    unlinked.retain(|missing| {
        let Unlinked::Unknown { name, .. } = missing else {
            return true;
        };
        // As a name resolves: in full, or by the start of it or of one of its words.
        let query = name.to_lowercase();
        let fits = |p: &&Person| {
            let full = p.name.to_lowercase();
            full.starts_with(&query) || full.split_whitespace().any(|w| w.starts_with(&query))
        };
        let mut named = past.iter().filter(fits);
        match (named.next(), named.next()) {
            (Some(person), None) => {
                if !people.contains(&person.id) {
                    people.push(person.id);
                }
                false
            }
            _ => true,
        }
    });
}
