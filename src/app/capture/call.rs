//! The timing of a note: a call's start and end (`c` to the last key while it is on), and when
//! a note's keys were typed, which a draft keeps so that a call continued later keeps its length.

use chrono::{DateTime, Utc};

/// A call being noted: when it started, whether it is still on and, for the view, how long it
/// has run. A call is on while its box stays open from `c`; closing the box ends it at the last
/// key typed in it, so a draft continued later does not stretch the call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Call {
    pub started: DateTime<Utc>,
    /// When it ended; `None` while it is on and the timer runs.
    pub ended: Option<DateTime<Utc>>,
    /// Whole minutes from `started` to its end or, while on, to the last update.
    pub minutes: i64,
}

impl Call {
    /// A call on since `started`.
    pub(super) fn on(started: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        let mut call = Self {
            started,
            ended: None,
            minutes: 0,
        };
        call.update(now);
        call
    }

    /// A call that ended at `ended`.
    pub(super) fn over(started: DateTime<Utc>, ended: DateTime<Utc>) -> Self {
        Self::on(started, ended).ended_at(ended)
    }

    pub(super) fn ended_at(mut self, ended: DateTime<Utc>) -> Self {
        self.ended = Some(ended.max(self.started));
        self.update(ended);
        self
    }

    pub(super) fn update(&mut self, now: DateTime<Utc>) {
        let end = self.ended.unwrap_or(now);
        self.minutes = (end - self.started).num_minutes().max(0);
    }

    /// Minutes for the saved event: at least one.
    pub(super) fn length(&self, now: DateTime<Utc>) -> u32 {
        let mut call = *self;
        call.update(now);
        call.minutes.max(1) as u32
    }
}

/// When the keys of a note were typed: its first and its last change. During a call only the
/// keys typed while it is on count, so that the span is the call's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Typed {
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}
