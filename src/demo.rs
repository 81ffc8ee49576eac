//! The demo workspace behind `rapport demo`, and synthetic data for benchmarks.
//!
//! Pure code but [`load`]: no store, no clock. The caller passes `now`, the local zone and the trust
//! defaults, so the demo always looks fresh (times in the asset are relative to today) and
//! tests are reproducible.

mod asset;
mod build;
mod load;
mod synthetic;
#[cfg(test)]
mod synthetic_tests;
#[cfg(test)]
mod tests;
mod words;

pub use load::{load, Counts};
pub use synthetic::{synthetic, Synthetic, SyntheticEvents};

use crate::model::{Client, Event, Kind, Outcome, Person};
use chrono::{DateTime, TimeZone, Utc};

/// A solo DBA consultant's practice, hand-written, embedded so `rapport demo` needs no files.
pub const DEMO_TOML: &str = include_str!("../assets/demo.toml");

/// Everything a fresh store needs: clients, their people and the timeline (sorted by `at`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workspace {
    pub clients: Vec<Client>,
    pub people: Vec<Person>,
    pub events: Vec<Event>,
}

/// Builds the demo workspace as of `now`, with days and times in the asset read in `tz`
/// (pass `&chrono::Local` from the command line).
///
/// `delta` gives the trust movement of an event kind when the asset leaves it unset;
/// `outcome_delta` that of the event recording a kept or broken promise.
pub fn workspace<Tz: TimeZone>(
    now: DateTime<Utc>,
    tz: &Tz,
    delta: &dyn Fn(Kind) -> i8,
    outcome_delta: &dyn Fn(Outcome) -> i8,
) -> anyhow::Result<Workspace> {
    build::build(DEMO_TOML, now, tz, delta, outcome_delta)
}
