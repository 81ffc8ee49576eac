//! Derived insights: pure functions of (data, config values, now). No clock, no store, no
//! terminal. One file per concept; `agenda` puts them together into one list of things to do.
//!
//! Most inputs are the per-client [`Summary`](crate::model::Summary) the store keeps current on
//! every write, so every insight here costs the same on a store of any size. The few that need
//! a timeline (`trust::explain`, `trust::series`) take the events of one period, which a
//! single-client view reads as a bounded page.
//!
//! Calendar days ("due today", snoozes) are the consultant's: `today(now)` is the local date.
//! Capacity's after-hours rule takes the zone as a parameter so tests can pin it.

mod advice;
mod agenda;
mod brief;
mod capacity;
mod coverage;
mod dates;
mod due;
#[cfg(test)]
mod fixture;
mod follow;
mod local_time;
mod promises;
mod trust;
mod warmth;

pub use advice::{advice_nudge, AdviceNudge};
pub use agenda::{
    agenda, capped, check_in_id, is_marked, item_id, mark_note, normalise_id, opener,
    opener_person, promise_id, snooze_until, AgendaItem, ClientData, ItemKind, Mark, MarkError,
    Urgency, GROUP_CAP,
};
pub use brief::{Brief, Sources, Who, LAST_EVENTS};
pub use capacity::{capacity, Capacity, ACTIVE_DAYS, BURST_CLIENTS, QUIET_BEFORE_DAYS};
pub use coverage::{coverage, Gap, COVERAGE_DAYS, GRACE_DAYS, THANKS_DAYS};
pub use dates::{coming as date_coming, date_id, date_line, dates_coming, DateComing, DATES_AHEAD};
pub use due::{plural, Due};
pub use follow::{follow_up_id, follow_ups_due};
pub use local_time::{local_time, LocalTime};
pub use promises::{
    overdue_promises, promise_state, promises_due, start_small, PromiseState, StartSmall,
    DUE_SOON_DAYS,
};
pub use trust::{daily, explain, movements, score_at, series, trust_trend, Chart, Mover, Trend};
pub use warmth::{
    attention, check_in, check_in_due, days_since_contact, next_check_in, warmth, Attention,
    CheckIn, Warmth,
};

use crate::config::Config;
use chrono::{DateTime, Local, NaiveDate, Utc};

/// The config values the insights use, taken out of the config once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rules {
    /// Days after which a trust movement counts half.
    pub half_life_days: f64,
    /// Unbilled advice minutes per client per 30 days before a nudge.
    pub free_advice_minutes: u32,
    /// Active clients one consultant can keep warm.
    pub active_clients: u32,
}

impl Rules {
    pub fn from_config(config: &Config) -> Self {
        Self {
            half_life_days: config.half_life_days(),
            free_advice_minutes: config.free_advice_minutes(),
            active_clients: config.client_capacity(),
        }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Self::from_config(&Config::default())
    }
}

/// When the relationship started: the client's creation or its first event, whichever is
/// earlier (a client added today with notes back-dated to last spring started last spring).
/// `None` for a client from before creation times were kept, with no events.
pub fn started(
    client: &crate::model::Client,
    summary: &crate::model::Summary,
) -> Option<DateTime<Utc>> {
    let created = (client.created > DateTime::<Utc>::UNIX_EPOCH).then_some(client.created);
    [created, summary.first_event].into_iter().flatten().min()
}

/// The local calendar day of `now`.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Local).date_naive()
}
