//! Promises: which open ones are due soon or overdue, and "start small" — how many of the
//! promises of a relationship's first 30 days were kept (small promises kept early are what
//! trust is built on).

use crate::model::{Client, OpenPromise, Outcome, Summary, START_DAYS};
use chrono::{Duration, NaiveDate};

/// A promise due within this many days is "due soon".
pub const DUE_SOON_DAYS: i64 = 7;

/// Where an open promise stands on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PromiseState {
    /// Past its due day.
    Overdue,
    DueToday,
    /// Due within `DUE_SOON_DAYS`.
    DueSoon,
    /// No due day, or a later one.
    Open,
}

pub fn promise_state(promise: &OpenPromise, today: NaiveDate) -> PromiseState {
    // Comparing days first: counting the days between is the slow part, and most promises
    // in a large store are long overdue.
    match promise.due {
        Some(due) if due < today => PromiseState::Overdue,
        Some(due) if due == today => PromiseState::DueToday,
        Some(due) if (due - today).num_days() <= DUE_SOON_DAYS => PromiseState::DueSoon,
        _ => PromiseState::Open,
    }
}

/// Open promises whose due day has passed.
pub fn overdue_promises(summary: &Summary, today: NaiveDate) -> usize {
    (summary.open_promises.iter())
        .filter(|p| promise_state(p, today) == PromiseState::Overdue)
        .count()
}

/// Open promises overdue, due today or due soon, the most pressing first.
pub fn promises_due(summary: &Summary, today: NaiveDate) -> Vec<(&OpenPromise, PromiseState)> {
    let mut due: Vec<_> = (summary.open_promises.iter())
        .map(|p| (p, promise_state(p, today)))
        .filter(|(_, state)| *state != PromiseState::Open)
        .collect();
    due.sort_by_key(|(p, state)| (*state, p.due, p.at));
    due
}

/// The promises of a relationship's first `START_DAYS`, by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StartSmall {
    pub made: usize,
    pub kept: usize,
    pub broken: usize,
    /// Not yet kept or broken.
    pub open: usize,
}

impl StartSmall {
    /// The share kept of those settled or made; `None` when none were made.
    pub fn kept_share(&self) -> Option<f64> {
        (self.made > 0).then(|| self.kept as f64 / self.made as f64)
    }
}

/// The relationship starts at the client's creation or its first event, whichever is earlier
/// (a client added today with notes back-dated to last spring started last spring).
pub fn start_small(client: &Client, summary: &Summary) -> StartSmall {
    let Some(start) = super::started(client, summary) else {
        return StartSmall::default();
    };
    let end = start + Duration::days(START_DAYS);
    let mut tally = StartSmall::default();
    for promise in summary.early_promises.iter().filter(|p| p.at < end) {
        tally.made += 1;
        match promise.outcome {
            Some(Outcome::Kept) => tally.kept += 1,
            Some(Outcome::Broken) => tally.broken += 1,
            None => tally.open += 1,
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::fixture::{day, days_ago, event, now, quiet_for, summary_of};
    use crate::insight::today;
    use crate::model::{EventId, Kind, PromiseInfo};

    fn open(due: Option<NaiveDate>) -> OpenPromise {
        OpenPromise {
            event: EventId::new_at(1),
            at: now(),
            due,
            text: "runbook".into(),
        }
    }

    #[test]
    fn states_by_due_day() {
        let today = day(2026, 11, 23);
        let state = |due| promise_state(&open(due), today);
        assert_eq!(state(Some(day(2026, 11, 22))), PromiseState::Overdue);
        assert_eq!(state(Some(today)), PromiseState::DueToday);
        assert_eq!(state(Some(day(2026, 11, 30))), PromiseState::DueSoon);
        assert_eq!(state(Some(day(2026, 12, 1))), PromiseState::Open);
        assert_eq!(state(None), PromiseState::Open);
    }

    #[test]
    fn due_promises_come_most_pressing_first() {
        let today = today(now());
        let (_, mut summary) = quiet_for(0);
        summary.open_promises = vec![
            open(today.succ_opt()),
            open(None),
            open(today.pred_opt()),
            open(Some(today)),
        ];
        let states: Vec<_> = promises_due(&summary, today)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(
            states,
            [
                PromiseState::Overdue,
                PromiseState::DueToday,
                PromiseState::DueSoon
            ]
        );
        assert_eq!(overdue_promises(&summary, today), 1);
    }

    fn promise(days: i64, outcome: Option<Outcome>) -> crate::model::Event {
        let mut e = event(Kind::Promise, days_ago(days), 0);
        e.promise = Some(PromiseInfo {
            outcome,
            ..PromiseInfo::default()
        });
        e
    }

    #[test]
    fn start_small_counts_the_first_thirty_days_only() {
        let (mut client, _) = quiet_for(0);
        client.created = days_ago(100);
        let summary = summary_of(&[
            event(Kind::Call, days_ago(100), 1),
            promise(95, Some(Outcome::Kept)),
            promise(90, Some(Outcome::Kept)),
            promise(80, Some(Outcome::Broken)),
            promise(71, None),
            promise(69, Some(Outcome::Kept)), // day 31: past the start
        ]);
        let tally = start_small(&client, &summary);
        assert_eq!(
            tally,
            StartSmall {
                made: 4,
                kept: 2,
                broken: 1,
                open: 1
            }
        );
        assert_eq!(tally.kept_share(), Some(0.5));
    }

    #[test]
    fn a_back_dated_first_event_moves_the_start() {
        let (mut client, _) = quiet_for(0);
        client.created = now();
        let mut summary = summary_of(&[promise(50, Some(Outcome::Kept))]);
        assert_eq!(start_small(&client, &summary).made, 1);
        // A note from long before: the start moves back and the promise is no longer early.
        summary.apply(&event(Kind::Note, days_ago(200), 0), now(), 90.0);
        assert_eq!(start_small(&client, &summary), StartSmall::default());
        assert_eq!(start_small(&client, &summary).kept_share(), None);
    }

    #[test]
    fn an_earlier_creation_date_moves_the_start_too() {
        let (mut client, _) = quiet_for(0);
        client.created = days_ago(60);
        let summary = summary_of(&[promise(50, None), promise(20, None)]);
        // The first event is 50 days ago, but the client was created 60 days ago.
        assert_eq!(start_small(&client, &summary).made, 1);
    }
}
