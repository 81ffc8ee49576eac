//! Paging a timeline: [`Page`] and its [`Cursor`]. The cursor is the API's, not an engine's:
//! callers make one only with [`Cursor::before`] or get one from a page, and it serialises
//! (it crosses the socket); what a backend puts in it to resume is its own affair.

use super::{Result, Store};
use crate::model::{ClientId, Event};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A page of a client's timeline, newest first.
#[derive(Clone, Serialize, Deserialize)]
pub struct Page {
    pub events: Vec<Event>,
    /// Pass back to get the next (older) page; `None` at the start of the timeline.
    pub next: Option<Cursor>,
}

/// A position in a timeline, for paging. Opaque to callers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor(Position);

/// Where a page starts, as a backend reads a [`Cursor`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Position {
    /// Only events before this time (an `until` filter starts here rather than paging
    /// through everything newer).
    Before(DateTime<Utc>),
    /// Just after where the backend's previous page stopped, in the backend's own terms
    /// (sled: the last event's key; the overview: an index).
    Resume(#[serde(with = "serde_bytes")] Vec<u8>),
}

impl Cursor {
    /// Where a page read starts to give only events before `at`.
    pub fn before(at: DateTime<Utc>) -> Self {
        Cursor(Position::Before(at))
    }

    /// A backend's own place to resume from, for the `next` of a page it returns.
    pub(crate) fn resume(token: Vec<u8>) -> Self {
        Cursor(Position::Resume(token))
    }

    /// For a backend: where the page starts.
    pub(crate) fn position(&self) -> &Position {
        &self.0
    }
}

/// [`Store::trust_moves`] read from the timeline's pages, newest first, stopping at `since`.
pub(super) fn trust_moves_by_pages<S: Store + ?Sized>(
    store: &S,
    client: ClientId,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, i8)>> {
    /// Read where the store is, so larger than a screen's page.
    const PAGE: usize = 256;
    let mut moves = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.events_page(client, cursor.as_ref(), PAGE)?;
        for e in page.events {
            if e.at <= since {
                return Ok(moves);
            }
            if e.is_live() && e.trust != 0 && e.at <= until {
                moves.push((e.at, e.trust));
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(moves),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_survives_the_wire_as_it_was() {
        // As the socket writes it.
        let at = DateTime::from_timestamp_millis(1_700_000_000_123).unwrap();
        for cursor in [Cursor::before(at), Cursor::resume(vec![0, 1, 0xff])] {
            let bytes = rmp_serde::to_vec_named(&cursor).unwrap();
            let back: Cursor = rmp_serde::from_slice(&bytes).unwrap();
            assert_eq!(back, cursor);
        }
    }
}
