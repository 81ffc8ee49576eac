//! The write path's own rules, over any [`Store`]: what a write means in the domain, decided
//! once here rather than in each backend or caller. The summary fold (`model::Summary`'s
//! `apply` and `unapply`) is applied by the backend inside the same atomic write as the events
//! it folds; what a promise's mark does when its outcome is removed is decided here; the files
//! beside the database are kept by the observers of `upkeep.rs` after each commit.

use super::{Result, Store};
use crate::model::Event;
use chrono::{DateTime, Utc};

/// Removes `event` (a tombstone at `removed`) or restores it (`None`) in one write; an outcome
/// takes its promise's mark with it, which is returned when it changed. `rapport delete` and
/// the dashboard's `X` both write through here.
pub fn set_removed(
    store: &dyn Store,
    mut event: Event,
    removed: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(Event, Option<Event>)> {
    event.deleted = removed;
    let promise = match event.resolves {
        Some(id) => store
            .event(id)?
            .and_then(|promise| crate::model::follow_outcome(&event, &promise)),
        None => None,
    };
    let changed: Vec<Event> = std::iter::once(event.clone())
        .chain(promise.clone())
        .collect();
    store.save_events(&[], &changed, now)?;
    Ok((event, promise))
}
