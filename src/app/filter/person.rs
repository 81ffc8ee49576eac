//! The filter's person field: a few typed letters of a name, ranked among the client's people
//! as the client picker ranks clients.

use crate::app::form::TextInput;
use crate::app::picker::rank;
use crate::model::PersonId;

/// Candidates the person field lists under itself.
pub const PERSON_ROWS: usize = 4;

/// A person among the client's, by a few typed letters.
#[derive(Clone, Debug, Default)]
pub struct PersonPick {
    pub query: TextInput,
    /// The client's people, as the people pane orders them.
    pub(super) people: Vec<(PersonId, String)>,
    /// Those matching the query, best first, names cut into matched and unmatched runs.
    pub matches: Vec<(PersonId, Vec<(String, bool)>)>,
    /// Which match Enter takes.
    pub chosen: usize,
}

impl PersonPick {
    pub(super) fn new(people: Vec<(PersonId, String)>, current: Option<PersonId>) -> Self {
        let name = current
            .and_then(|id| people.iter().find(|(p, _)| *p == id))
            .map(|(_, name)| name.clone());
        let mut pick = Self {
            query: TextInput::new(name.as_deref().unwrap_or("")),
            people,
            ..Self::default()
        };
        pick.rank();
        pick.chosen = pick
            .matches
            .iter()
            .position(|(id, _)| Some(*id) == current)
            .unwrap_or(0);
        pick
    }

    pub(super) fn rank(&mut self) {
        self.matches = if self.query.text().trim().is_empty() {
            Vec::new()
        } else {
            rank(self.query.text(), self.people.iter().cloned())
        };
        self.chosen = 0;
    }

    /// The chosen person's name, when one is chosen.
    pub fn name(&self) -> Option<String> {
        let (id, _) = self.matches.get(self.chosen)?;
        self.people
            .iter()
            .find(|(p, _)| p == id)
            .map(|(_, n)| n.clone())
    }
}
