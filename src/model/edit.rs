//! Correcting an event: what an edit may change ([`Revision`]), what it keeps (the id, the
//! client, when it was recorded, a removal, the links between a promise and its outcome and
//! the call it was made in), and the earlier version each edit leaves ([`EventVersion`]).
//!
//! The promise bookkeeping stays consistent on both sides:
//! - a promise's due date may change, marked or not; a kind other than promise drops its
//!   bookkeeping while it is open, and is refused once it is marked (its outcome event would
//!   resolve nothing): remove the outcome first;
//! - an outcome event stays an outcome: its kind cannot change, and its text keeps the word
//!   that says how the promise ended (`Kept:`), which `rapport restore` reads back;
//! - a note edited into a promise becomes an open promise.

use super::settle::recorded;
use super::{Event, EventId, Kind, Outcome, PersonId, PromiseInfo};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// On an edited event: when it was last edited and how many earlier versions are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edited {
    pub at: DateTime<Utc>,
    /// Versions before the current one.
    pub earlier: u32,
}

impl Edited {
    /// Versions in all, the current one included.
    pub fn versions(&self) -> u32 {
        self.earlier + 1
    }
}

/// An event as it was until an edit replaced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventVersion {
    /// When the edit that replaced it was made.
    pub replaced: DateTime<Utc>,
    pub event: Event,
}

/// What an edit sets: everything a note says about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub kind: Kind,
    pub text: String,
    pub people: Vec<PersonId>,
    pub tags: Vec<String>,
    pub trust: i8,
    pub private: bool,
    pub minutes: Option<u32>,
    pub billed: bool,
    pub at: DateTime<Utc>,
    /// The due date, on a promise.
    pub due: Option<NaiveDate>,
}

/// Why an edit is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{id} is removed; `rapport restore {id}` brings it back, then edit it")]
    Removed { id: EventId },
    #[error(
        "promise {id} is marked {outcome} by {by}, so it stays a promise; \
         `rapport delete {by}` opens it again, then edit it"
    )]
    Settled {
        id: EventId,
        outcome: Outcome,
        by: EventId,
    },
    #[error("{id} records how promise {original} ended; its kind stays promise")]
    OutcomeKind { id: EventId, original: EventId },
    #[error("{id} records how promise {original} ended: keep '{word}' at the start of its text")]
    OutcomeWord {
        id: EventId,
        original: EventId,
        word: &'static str,
    },
}

impl Revision {
    /// What `event` says now: an edit starts from it.
    pub fn of(event: &Event) -> Self {
        Self {
            kind: event.kind,
            text: event.text.clone(),
            people: event.people.clone(),
            tags: event.tags.clone(),
            trust: event.trust,
            private: event.private,
            minutes: event.minutes,
            billed: event.billed,
            at: event.at,
            due: event.promise.as_ref().and_then(|p| p.due),
        }
    }
}

impl Event {
    /// This event with `revision` applied, its identity and links kept. Equal to `self` when
    /// the revision changes nothing.
    pub fn revised(&self, revision: &Revision) -> Result<Event, EditError> {
        if !self.is_live() {
            return Err(EditError::Removed { id: self.id });
        }
        if let Some(original) = self.resolves {
            self.outcome_stays(original, revision)?;
        }
        let promise = match (&self.promise, revision.kind) {
            (Some(info), Kind::Promise) => Some(PromiseInfo {
                due: revision.due,
                ..info.clone()
            }),
            (None, Kind::Promise) if self.resolves.is_none() => Some(PromiseInfo {
                due: revision.due,
                ..PromiseInfo::default()
            }),
            (Some(info), _) => {
                if let (Some(outcome), Some(by)) = (info.outcome, info.outcome_event) {
                    return Err(EditError::Settled {
                        id: self.id,
                        outcome,
                        by,
                    });
                }
                None
            }
            (None, _) => None,
        };
        Ok(Event {
            kind: revision.kind,
            text: revision.text.clone(),
            people: revision.people.clone(),
            tags: revision.tags.clone(),
            trust: revision.trust,
            private: revision.private,
            minutes: revision.minutes,
            billed: revision.billed,
            at: revision.at,
            promise,
            ..self.clone()
        })
    }

    fn outcome_stays(&self, original: EventId, revision: &Revision) -> Result<(), EditError> {
        if revision.kind != self.kind {
            return Err(EditError::OutcomeKind {
                id: self.id,
                original,
            });
        }
        let word = match recorded(self) {
            Some(Outcome::Kept) => "Kept:",
            Some(Outcome::Broken) => "Broken:",
            None => return Ok(()),
        };
        if !revision.text.starts_with(word) {
            return Err(EditError::OutcomeWord {
                id: self.id,
                original,
                word,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Settle;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
    }

    fn promise() -> Event {
        Event {
            id: EventId::new_at(1),
            kind: Kind::Promise,
            text: "Send the plan".into(),
            promise: Some(PromiseInfo {
                due: NaiveDate::from_ymd_opt(2026, 11, 27),
                ..PromiseInfo::default()
            }),
            ..Event::default()
        }
    }

    fn settled() -> crate::model::Settled {
        promise()
            .settle(Settle {
                outcome: Outcome::Kept,
                trust: 2,
                at: now(),
                now: now(),
                note: None,
            })
            .unwrap()
    }

    #[test]
    fn an_unchanged_revision_gives_the_same_event() {
        let p = promise();
        assert_eq!(p.revised(&Revision::of(&p)).unwrap(), p);
        let outcome = settled().outcome;
        assert_eq!(outcome.revised(&Revision::of(&outcome)).unwrap(), outcome);
    }

    #[test]
    fn a_promise_keeps_its_mark_when_its_due_date_moves() {
        let marked = settled().promise;
        let mut revision = Revision::of(&marked);
        revision.due = NaiveDate::from_ymd_opt(2026, 12, 4);
        let moved = marked.revised(&revision).unwrap();
        let info = moved.promise.unwrap();
        assert_eq!(info.due, NaiveDate::from_ymd_opt(2026, 12, 4));
        assert_eq!(info.outcome, Some(Outcome::Kept));
        assert_eq!(info.outcome_event, marked.promise.unwrap().outcome_event);
    }

    #[test]
    fn an_open_promise_may_become_a_note_but_a_marked_one_may_not() {
        let open = promise();
        let mut revision = Revision::of(&open);
        revision.kind = Kind::Note;
        let note = open.revised(&revision).unwrap();
        assert_eq!(note.promise, None);
        assert!(!note.is_open_promise());
        let marked = settled().promise;
        let err = marked.revised(&revision).unwrap_err();
        assert!(matches!(err, EditError::Settled { .. }), "{err}");
        assert!(err.to_string().contains("rapport delete"), "{err}");
        // Back to a promise: open again, with the due date the edit gives.
        let mut back = Revision::of(&note);
        back.kind = Kind::Promise;
        back.due = NaiveDate::from_ymd_opt(2026, 12, 1);
        let again = note.revised(&back).unwrap();
        assert!(again.is_open_promise());
    }

    #[test]
    fn an_outcome_stays_an_outcome() {
        let outcome = settled().outcome;
        let mut revision = Revision::of(&outcome);
        revision.trust = 3;
        revision.text = "Kept: Send the plan, a day early".into();
        let edited = outcome.revised(&revision).unwrap();
        assert_eq!((edited.trust, edited.resolves), (3, outcome.resolves));
        revision.text = "Sent the plan".into();
        let err = outcome.revised(&revision).unwrap_err();
        assert!(matches!(err, EditError::OutcomeWord { word: "Kept:", .. }));
        revision.text = outcome.text.clone();
        revision.kind = Kind::Note;
        let err = outcome.revised(&revision).unwrap_err();
        assert!(matches!(err, EditError::OutcomeKind { .. }));
    }

    #[test]
    fn a_removed_event_is_not_edited() {
        let mut gone = promise();
        gone.deleted = Some(now());
        let err = gone.revised(&Revision::of(&gone)).unwrap_err();
        assert!(err.to_string().contains("rapport restore"), "{err}");
    }
}
