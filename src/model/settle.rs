//! Marking a promise kept or broken, and taking that back. The command line (`rapport kept`)
//! and the dashboard (`K`/`B`, `u`) share these, so both write the same two events: the outcome
//! (its own trust movement) and the mark on the promise, saved together in one write.

use super::{Event, EventId, Kind, Outcome, PromiseInfo};
use chrono::{DateTime, Utc};

/// Why an event cannot be marked kept or broken.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettleError {
    #[error("{id} records how promise {original} ended; that promise is already settled")]
    IsOutcome { id: EventId, original: EventId },
    #[error("{id} is a {kind}, not a promise")]
    NotAPromise { id: EventId, kind: Kind },
    #[error("promise {id} was removed; `rapport restore {id}` first")]
    Removed { id: EventId },
    #[error("promise {id} is already marked {outcome}")]
    AlreadySettled { id: EventId, outcome: Outcome },
}

/// The two events one outcome writes: save `outcome` as new and `promise` as changed, at once.
#[derive(Clone, Debug, PartialEq)]
pub struct Settled {
    pub outcome: Event,
    pub promise: Event,
}

/// How a promise was settled, as the caller says it.
#[derive(Clone, Copy, Debug)]
pub struct Settle<'a> {
    pub outcome: Outcome,
    /// The trust movement, from config `[trust] promise_kept` / `promise_broken`.
    pub trust: i8,
    /// When it was kept or broken.
    pub at: DateTime<Utc>,
    /// When it is recorded.
    pub now: DateTime<Utc>,
    /// A word on how it went, appended to the outcome's text.
    pub note: Option<&'a str>,
}

impl Event {
    /// The outcome event for this open promise and the promise marked with it. The outcome
    /// shares the promise's people and privacy: a private promise never settles in public.
    pub fn settle(&self, how: Settle) -> Result<Settled, SettleError> {
        let Some(info) = self.promise.clone() else {
            return Err(match self.resolves {
                Some(original) => SettleError::IsOutcome {
                    id: self.id,
                    original,
                },
                None => SettleError::NotAPromise {
                    id: self.id,
                    kind: self.kind,
                },
            });
        };
        if !self.is_live() {
            return Err(SettleError::Removed { id: self.id });
        }
        if let Some(outcome) = info.outcome {
            return Err(SettleError::AlreadySettled {
                id: self.id,
                outcome,
            });
        }
        let verb = match how.outcome {
            Outcome::Kept => "Kept",
            Outcome::Broken => "Broken",
        };
        let mut text = format!("{verb}: {}", self.text);
        if let Some(note) = how.note.map(str::trim).filter(|n| !n.is_empty()) {
            text = format!("{text} — {note}");
        }
        let outcome = Event {
            id: EventId::new_at(how.now.timestamp_millis() as u64),
            client: self.client,
            people: self.people.clone(),
            at: how.at,
            kind: Kind::Promise,
            text,
            trust: how.trust,
            private: self.private,
            resolves: Some(self.id),
            created: how.now,
            ..Event::default()
        };
        let mut promise = self.clone();
        promise.promise = Some(PromiseInfo {
            outcome: Some(how.outcome),
            outcome_event: Some(outcome.id),
            ..info
        });
        Ok(Settled { outcome, promise })
    }
}

impl Settled {
    /// Takes the outcome back: the promise is open again and the outcome a tombstone (which
    /// takes its trust movement with it). Both are changed events, for one write.
    pub fn undo(mut self, now: DateTime<Utc>) -> [Event; 2] {
        if let Some(info) = self.promise.promise.as_mut() {
            info.outcome = None;
            info.outcome_event = None;
        }
        self.outcome.deleted = Some(now);
        [self.promise, self.outcome]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn promise() -> Event {
        Event {
            id: EventId::new_at(1),
            kind: Kind::Promise,
            text: "Send the plan".into(),
            private: true,
            promise: Some(PromiseInfo::default()),
            ..Event::default()
        }
    }

    fn how(outcome: Outcome, note: Option<&str>) -> Settle<'_> {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        Settle {
            outcome,
            trust: 2,
            at: now,
            now,
            note,
        }
    }

    #[test]
    fn settling_writes_the_outcome_and_marks_the_promise() {
        let settled = promise()
            .settle(how(Outcome::Kept, Some(" on time ")))
            .unwrap();
        assert_eq!(settled.outcome.text, "Kept: Send the plan — on time");
        assert_eq!(settled.outcome.trust, 2);
        assert!(settled.outcome.private, "privacy follows the promise");
        assert_eq!(settled.outcome.resolves, Some(settled.promise.id));
        let info = settled.promise.promise.clone().unwrap();
        assert_eq!(info.outcome, Some(Outcome::Kept));
        assert_eq!(info.outcome_event, Some(settled.outcome.id));
        assert!(!settled.promise.is_open_promise());
    }

    #[test]
    fn only_an_open_live_promise_settles() {
        let kept = promise().settle(how(Outcome::Kept, None)).unwrap();
        assert!(matches!(
            kept.promise.settle(how(Outcome::Broken, None)),
            Err(SettleError::AlreadySettled {
                outcome: Outcome::Kept,
                ..
            })
        ));
        assert!(matches!(
            kept.outcome.settle(how(Outcome::Kept, None)),
            Err(SettleError::IsOutcome { .. })
        ));
        let mut removed = promise();
        removed.deleted = Some(removed.at);
        assert!(matches!(
            removed.settle(how(Outcome::Kept, None)),
            Err(SettleError::Removed { .. })
        ));
        let call = Event {
            kind: Kind::Call,
            ..Event::default()
        };
        assert!(matches!(
            call.settle(how(Outcome::Kept, None)),
            Err(SettleError::NotAPromise { .. })
        ));
    }

    #[test]
    fn undo_reopens_the_promise_and_removes_the_outcome() {
        let original = promise();
        let settled = original.settle(how(Outcome::Broken, None)).unwrap();
        let [promise, outcome] = settled.undo(original.at);
        assert_eq!(promise, original);
        assert!(promise.is_open_promise());
        assert!(!outcome.is_live());
    }
}
