//! What of a client and an event goes to the team: types of their own, with no private
//! field. A private event has no shared form ([`SharedEvent::of`] is `None`), and a shared
//! note's private lines (`🔒`) are left out of its text, so the sync code has no way to send
//! either. Personal facts live on people, which this slice does not share at all.
//!
//! The conversions take the model types apart field by field: a field added to `Event` or
//! `Client` does not compile here until someone decides whether the team may see it.

use crate::model::{
    without_private_lines, Client, ClientId, ClientState, Concern, ContactStyle, Event, EventId,
    Kind, Lang, PersonId, PromiseInfo,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A client as the team sees it: all of it (a client holds nothing private).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedClient {
    pub id: ClientId,
    pub name: String,
    pub alias: Option<String>,
    pub state: ClientState,
    pub cadence_days: u32,
    pub style: ContactStyle,
    pub snooze_until: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub concerns: Vec<Concern>,
    pub archived: bool,
    pub created: DateTime<Utc>,
    pub lang: Option<Lang>,
}

/// An event as the team sees it: never a private one, never a private line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedEvent {
    pub id: EventId,
    pub client: ClientId,
    pub people: Vec<PersonId>,
    pub at: DateTime<Utc>,
    pub kind: Kind,
    pub text: String,
    pub tags: Vec<String>,
    pub trust: i8,
    pub minutes: Option<u32>,
    pub billed: bool,
    pub promise: Option<PromiseInfo>,
    pub resolves: Option<EventId>,
    pub created: DateTime<Utc>,
    pub deleted: Option<DateTime<Utc>>,
    pub made_in: Option<EventId>,
    pub follow: Option<NaiveDate>,
    pub unreported: bool,
}

impl From<&Client> for SharedClient {
    fn from(client: &Client) -> Self {
        let Client {
            id,
            name,
            alias,
            state,
            cadence_days,
            style,
            snooze_until,
            tags,
            concerns,
            archived,
            created,
            lang,
        } = client.clone();
        Self {
            id,
            name,
            alias,
            state,
            cadence_days,
            style,
            snooze_until,
            tags,
            concerns,
            archived,
            created,
            lang,
        }
    }
}

impl From<SharedClient> for Client {
    fn from(shared: SharedClient) -> Self {
        Client {
            id: shared.id,
            name: shared.name,
            alias: shared.alias,
            state: shared.state,
            cadence_days: shared.cadence_days,
            style: shared.style,
            snooze_until: shared.snooze_until,
            tags: shared.tags,
            concerns: shared.concerns,
            archived: shared.archived,
            created: shared.created,
            lang: shared.lang,
        }
    }
}

impl SharedEvent {
    /// The shared form of `event`; `None` for a private one.
    pub fn of(event: &Event) -> Option<Self> {
        let Event {
            id,
            client,
            people,
            at,
            kind,
            text,
            tags,
            trust,
            private,
            minutes,
            billed,
            promise,
            resolves,
            created,
            deleted,
            made_in,
            // How many versions this store keeps: local, not the team's.
            edited: _,
            follow,
            unreported,
        } = event.clone();
        if private {
            return None;
        }
        Some(Self {
            id,
            client,
            people,
            at,
            kind,
            text: without_private_lines(&text),
            tags,
            trust,
            minutes,
            billed,
            promise,
            resolves,
            created,
            deleted,
            made_in,
            follow,
            unreported,
        })
    }

    pub fn into_event(self) -> Event {
        Event {
            id: self.id,
            client: self.client,
            people: self.people,
            at: self.at,
            kind: self.kind,
            text: self.text,
            tags: self.tags,
            trust: self.trust,
            private: false,
            minutes: self.minutes,
            billed: self.billed,
            promise: self.promise,
            resolves: self.resolves,
            created: self.created,
            deleted: self.deleted,
            made_in: self.made_in,
            edited: None,
            follow: self.follow,
            unreported: self.unreported,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_note_has_no_shared_form_and_private_lines_stay_home() {
        let private = Event {
            private: true,
            text: "she is leaving".into(),
            ..Event::default()
        };
        assert_eq!(SharedEvent::of(&private), None);
        let mixed = Event {
            text: "call went fine\n🔒 budget is tight\nnext: staging".into(),
            ..Event::default()
        };
        let shared = SharedEvent::of(&mixed).unwrap();
        assert_eq!(shared.text, "call went fine\nnext: staging");
        let json = serde_json::to_string(&shared).unwrap();
        assert!(
            !json.contains("private") && !json.contains("budget"),
            "{json}"
        );
    }
}
