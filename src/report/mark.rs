//! Leaving an event out of the client's reports, or putting it back: the one write that both
//! `rapport report --leave-out/--put-back` and the dashboard's report preview (`R`) make. It
//! is an edit of the event, so the store keeps the version before and the mark has a history.

use crate::model::Event;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// What setting the mark did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Left {
    /// The mark changed, and the edit is saved.
    Changed,
    /// The event was marked so already: nothing written.
    Already,
}

/// Marks `event` as left out of the reports (`unreported`), or not, as an edit saved durably.
pub fn set_left_out(
    store: &dyn Store,
    event: &Event,
    unreported: bool,
    now: DateTime<Utc>,
) -> Result<Left, StoreError> {
    if event.unreported == unreported {
        return Ok(Left::Already);
    }
    let marked = Event {
        unreported,
        ..event.clone()
    };
    store.edit_event(&marked, now)?;
    Ok(Left::Changed)
}
