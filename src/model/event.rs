use super::{word_enum, ClientId, EventId, PersonId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::RangeInclusive;

/// The bounds of a single event's trust movement.
pub const TRUST_RANGE: RangeInclusive<i8> = -3..=3;

/// What happened.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Call,
    Video,
    Email,
    Chat,
    Meeting,
    CheckIn,
    Win,
    Incident,
    Promise,
    Advice,
    Favor,
    #[default]
    Note,
}
word_enum!(Kind {
    Call => "call", Video => "video", Email => "email", Chat => "chat", Meeting => "meeting",
    CheckIn => "check-in", Win => "win", Incident => "incident", Promise => "promise",
    Advice => "advice", Favor => "favor", Note => "note",
});

impl Kind {
    /// Whether this kind of event is contact with the client, which resets the check-in cadence.
    /// Wins, incidents or a note to self are not a conversation.
    pub fn is_contact(self) -> bool {
        matches!(
            self,
            Kind::Call | Kind::Video | Kind::Email | Kind::Chat | Kind::Meeting | Kind::CheckIn
        )
    }
}

/// How a promise ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Kept,
    Broken,
}
word_enum!(Outcome { Kept => "kept", Broken => "broken" });

/// Promise bookkeeping on a `promise` event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PromiseInfo {
    pub due: Option<NaiveDate>,
    /// Set once the promise is kept or broken.
    pub outcome: Option<Outcome>,
    /// The event that recorded the outcome (its own trust movement).
    pub outcome_event: Option<EventId>,
}

/// One entry on a client's trust timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Event {
    pub id: EventId,
    pub client: ClientId,
    pub people: Vec<PersonId>,
    /// When it happened (UTC); may be in the past when back-dated.
    pub at: DateTime<Utc>,
    pub kind: Kind,
    pub text: String,
    pub tags: Vec<String>,
    pub trust: i8,
    pub private: bool,
    pub minutes: Option<u32>,
    pub billed: bool,
    /// Present on promises.
    pub promise: Option<PromiseInfo>,
    /// On an outcome event: the promise it resolves.
    pub resolves: Option<EventId>,
    /// When it was recorded.
    pub created: DateTime<Utc>,
    /// Removal is a tombstone, never a hard delete, so undo and sync stay possible.
    pub deleted: Option<DateTime<Utc>>,
    /// On a promise made during a call (or meeting, video, check-in, advice): that event. Left
    /// out of the stored and exported form when absent, so older stores and exports read the same.
    /// Last, so that encodings by position (the overview) read older records too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub made_in: Option<EventId>,
    /// Set by the store when the event is corrected: when, and how many earlier versions it
    /// keeps (`Store::event_versions`). Left out when never edited, and last, as `made_in`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edited: Option<super::Edited>,
    /// On a follow-up (a note, never a promise): the day it comes up on the agenda. A
    /// reminder, never kept or broken and never moving trust. Left out when absent, and last,
    /// as `made_in`, so older stores and exports read the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow: Option<NaiveDate>,
    /// Left out of the client's report (`rapport report --leave-out`), though shareable: the
    /// consultant's choice, kept on the event (set as an edit, so it has its history). Left
    /// out when false, and last, as `made_in`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unreported: bool,
}

impl Default for Event {
    fn default() -> Self {
        Self {
            id: EventId(ulid::Ulid::nil()),
            client: ClientId(ulid::Ulid::nil()),
            people: Vec::new(),
            at: DateTime::<Utc>::UNIX_EPOCH,
            kind: Kind::default(),
            text: String::new(),
            tags: Vec::new(),
            trust: 0,
            private: false,
            minutes: None,
            billed: false,
            promise: None,
            resolves: None,
            made_in: None,
            edited: None,
            follow: None,
            unreported: false,
            created: DateTime::<Utc>::UNIX_EPOCH,
            deleted: None,
        }
    }
}

impl Event {
    pub fn is_live(&self) -> bool {
        self.deleted.is_none()
    }

    /// Whether this event is contact with the client (and with its people), which resets the
    /// check-in cadence and counts for coverage: a contact kind, or advice given to someone
    /// named — advice is a conversation, counted like an email. (Advice given during a call is
    /// covered by the call.)
    pub fn is_contact(&self) -> bool {
        self.kind.is_contact() || (self.kind == Kind::Advice && !self.people.is_empty())
    }

    /// An open promise: a promise event, not removed, with no outcome yet.
    pub fn is_open_promise(&self) -> bool {
        self.is_live() && self.promise.as_ref().is_some_and(|p| p.outcome.is_none())
    }

    /// An open follow-up: a live note with a follow day (done ones are closed by a mark).
    pub fn is_follow_up(&self) -> bool {
        self.is_live() && self.kind == Kind::Note && self.follow.is_some()
    }

    /// Minutes of advice given for free, which the practice says to watch.
    pub fn unbilled_advice_minutes(&self) -> u32 {
        if self.kind == Kind::Advice && !self.billed {
            self.minutes.unwrap_or(0)
        } else {
            0
        }
    }
}

/// Which of some events promises were made in, for the marks that show the link: a promise
/// says which call it was made in, a call how many promises were made in it.
#[derive(Debug, Default)]
pub struct MadeIn {
    kinds: HashMap<EventId, Kind>,
    promises: HashMap<EventId, usize>,
}

impl MadeIn {
    pub fn of<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        let mut links = Self::default();
        for e in events {
            links.kinds.insert(e.id, e.kind);
            // A promise edited into another kind keeps its link, but is no promise of the call.
            let promise = e.is_live() && e.kind == Kind::Promise;
            if let Some(call) = e.made_in.filter(|_| promise) {
                *links.promises.entry(call).or_insert(0) += 1;
            }
        }
        links
    }

    /// `[made in call 01KAQ8ZC]` on a promise (the kind when that event is among them),
    /// `[1 promise]` on a call.
    pub fn marks(&self, e: &Event) -> Vec<String> {
        let mut marks = Vec::new();
        if let Some(call) = e.made_in {
            let id = call.to_string();
            let short = id.get(..8).unwrap_or(&id);
            marks.push(match self.kinds.get(&call) {
                Some(kind) => format!("[made in {kind} {short}]"),
                None => format!("[made in {short}]"),
            });
        }
        match self.promises.get(&e.id) {
            Some(1) => marks.push("[1 promise]".into()),
            Some(n) => marks.push(format!("[{n} promises]")),
            None => {}
        }
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_and_the_promises_made_in_it_name_each_other() {
        let call = Event {
            id: EventId::new_at(1),
            kind: Kind::Call,
            ..Event::default()
        };
        let promise = |n| Event {
            id: EventId::new_at(n),
            kind: Kind::Promise,
            made_in: Some(call.id),
            ..Event::default()
        };
        let (one, two) = (promise(2), promise(3));
        let short = &call.id.to_string()[..8];
        let links = MadeIn::of([&call, &one, &two]);
        assert_eq!(links.marks(&call), ["[2 promises]"]);
        assert_eq!(links.marks(&one), [format!("[made in call {short}]")]);
        let alone = MadeIn::of([&one]);
        assert_eq!(alone.marks(&one), [format!("[made in {short}]")]);
        assert_eq!(alone.marks(&call), ["[1 promise]"]);
        assert!(MadeIn::of([&call]).marks(&call).is_empty());
    }

    /// `made_in` is new: events written before it read as made nowhere, and an event made
    /// nowhere is written as before, without the key.
    #[test]
    fn made_in_reads_old_events_and_writes_only_when_set() {
        let old = r#"{"id":"01KAQ8ZC0000000000000000AA","kind":"promise","text":"x"}"#;
        let event: Event = serde_json::from_str(old).unwrap();
        assert_eq!(event.made_in, None);
        let written = serde_json::to_string(&event).unwrap();
        assert!(!written.contains("made_in"), "{written}");

        let call = EventId::new_at(1);
        let made = Event {
            made_in: Some(call),
            ..event
        };
        let written = serde_json::to_string(&made).unwrap();
        assert!(
            written.contains(&format!(r#""made_in":"{call}""#)),
            "{written}"
        );
        let back: Event = serde_json::from_str(&written).unwrap();
        assert_eq!(back.made_in, Some(call));
    }
}
