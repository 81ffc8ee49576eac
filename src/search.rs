//! Search, the pure part: text normalization, tokens and terms, tiers of a match, fuzzy ranking
//! of names, and the shapes of a query and its results. The store keeps the note index
//! (`store/search.rs`) and answers [`Query`]s with [`Results`].

pub mod names;
pub mod terms;
pub mod text;

use crate::model::{ClientId, Event, EventFilter, Kind, PersonId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::ops::Range;
pub use terms::Tier;

/// Results per group when the caller names no limit (the dashboard's popup shows this many).
pub const LIMIT: usize = 50;

/// What to look for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub text: String,
    /// Only this client, its people and its notes.
    pub client: Option<ClientId>,
    /// Notes of these kinds; any when empty. Clients and people are left out when set.
    pub kinds: Vec<Kind>,
    /// Notes from this moment on. Clients and people are left out when set.
    pub since: Option<DateTime<Utc>>,
    /// At most this many results in each group.
    pub limit: usize,
}

impl Query {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            client: None,
            kinds: Vec::new(),
            since: None,
            limit: LIMIT,
        }
    }

    /// Which notes may be shown (live ones only: a removed note is never found).
    pub fn filter(&self) -> EventFilter {
        EventFilter {
            kinds: self.kinds.clone(),
            since: self.since,
            ..EventFilter::default()
        }
    }

    /// Whether clients and people are searched too: not when the query is about notes only.
    pub fn wants_names(&self) -> bool {
        self.kinds.is_empty() && self.since.is_none()
    }
}

/// A text with the byte ranges that matched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marked {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Marked {
    /// The text cut into pieces, each with whether it matched.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        let mut pieces = Vec::new();
        let mut at = 0;
        for mark in &self.marks {
            let (start, end) = (mark.start.max(at), mark.end.min(self.text.len()));
            if start >= end
                || !self.text.is_char_boundary(start)
                || !self.text.is_char_boundary(end)
            {
                continue;
            }
            if at < start {
                pieces.push((&self.text[at..start], false));
            }
            pieces.push((&self.text[start..end], true));
            at = end;
        }
        if at < self.text.len() {
            pieces.push((&self.text[at..], false));
        }
        pieces
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientHit {
    pub client: ClientId,
    pub name: String,
    /// Which field matched: name, alias, tag or concern.
    pub field: String,
    pub shown: Marked,
    pub tier: Tier,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonHit {
    pub person: PersonId,
    pub client: ClientId,
    pub name: String,
    pub client_name: String,
    /// Which field matched: name, title or fact.
    pub field: String,
    pub shown: Marked,
    pub tier: Tier,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteHit {
    pub event: Event,
    pub client_name: String,
    pub shown: Marked,
    pub tier: Tier,
}

/// Results in groups, each best first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub clients: Vec<ClientHit>,
    pub people: Vec<PersonHit>,
    pub notes: Vec<NoteHit>,
}

impl Results {
    pub fn is_empty(&self) -> bool {
        self.clients.is_empty() && self.people.is_empty() && self.notes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.clients.len() + self.people.len() + self.notes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_text_cuts_into_pieces() {
        let marked = Marked {
            text: "月末のレプリケーション".into(),
            marks: std::iter::once(9..18).collect(),
        };
        assert_eq!(
            marked.pieces(),
            vec![("月末の", false), ("レプリ", true), ("ケーション", false)]
        );
    }
}
