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

/// The outcome an outcome event records, read back from the text [`Event::settle`] gave it.
pub(super) fn recorded(outcome: &Event) -> Option<Outcome> {
    if outcome.text.starts_with("Kept:") {
        Some(Outcome::Kept)
    } else if outcome.text.starts_with("Broken:") {
        Some(Outcome::Broken)
    } else {
        None
    }
}

/// The promise as its outcome event, about to be saved, says it is: removing the outcome
/// opens the promise again; restoring it marks the promise again. `None`: nothing to change.
pub fn follow(outcome: &Event, promise: &Event) -> Option<Event> {
    let info = promise.promise.as_ref()?;
    let mut followed = promise.clone();
    let mark = followed.promise.as_mut()?;
    if !outcome.is_live() {
        if info.outcome_event != Some(outcome.id) {
            return None;
        }
        mark.outcome = None;
        mark.outcome_event = None;
    } else {
        if info.outcome.is_some() || !promise.is_live() {
            return None;
        }
        mark.outcome = Some(recorded(outcome)?);
        mark.outcome_event = Some(outcome.id);
    }
    Some(followed)
}

/// Promises whose mark disagrees with their outcome events, among one client's `events`:
/// each with what is wrong and the promise as [`follow`] would leave it.
pub fn mark_problems(events: &[Event]) -> Vec<(String, Event)> {
    use std::collections::HashMap;
    let by_id: HashMap<EventId, &Event> = events.iter().map(|e| (e.id, e)).collect();
    let mut problems = Vec::new();
    for promise in events.iter().filter(|e| e.promise.is_some()) {
        let info = promise.promise.as_ref().expect("filtered");
        if let (Some(outcome), Some(id)) = (info.outcome, info.outcome_event) {
            let gone = by_id.get(&id).is_none_or(|o| !o.is_live());
            if gone {
                let mut open = promise.clone();
                let mark = open.promise.as_mut().expect("filtered");
                mark.outcome = None;
                mark.outcome_event = None;
                problems.push((
                    format!("promise {} is marked {outcome}, but its outcome event {id} is removed or missing", promise.id),
                    open,
                ));
            }
        }
    }
    for outcome in events.iter().filter(|e| e.is_live()) {
        let Some(promise) = outcome.resolves.and_then(|p| by_id.get(&p)) else {
            continue;
        };
        if promise
            .promise
            .as_ref()
            .is_some_and(|i| i.outcome.is_none())
        {
            if let Some(marked) = follow(outcome, promise) {
                problems.push((
                    format!(
                        "promise {} is open, but {} records how it ended",
                        promise.id, outcome.id
                    ),
                    marked,
                ));
            }
        }
    }
    problems
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

    #[test]
    fn removing_an_outcome_opens_its_promise_and_restoring_it_marks_it_again() {
        let original = promise();
        let settled = original.settle(how(Outcome::Kept, None)).unwrap();
        let mut removed = settled.outcome.clone();
        removed.deleted = Some(original.at);
        let open = follow(&removed, &settled.promise).expect("the mark goes");
        assert_eq!(open, original);
        let marked = follow(&settled.outcome, &open).expect("the mark comes back");
        assert_eq!(marked, settled.promise);
        assert_eq!(
            follow(&settled.outcome, &settled.promise),
            None,
            "already agrees"
        );
    }

    #[test]
    fn marks_that_disagree_with_their_outcomes_are_found_with_their_repair() {
        let original = promise();
        let settled = original.settle(how(Outcome::Broken, None)).unwrap();
        assert!(mark_problems(&[settled.promise.clone(), settled.outcome.clone()]).is_empty());
        let mut removed = settled.outcome.clone();
        removed.deleted = Some(original.at);
        let found = mark_problems(&[settled.promise.clone(), removed]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.contains("marked broken"), "{}", found[0].0);
        assert_eq!(found[0].1, original);
        let found = mark_problems(&[original.clone(), settled.outcome.clone()]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, settled.promise);
    }
}
