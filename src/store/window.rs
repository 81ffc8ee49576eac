//! Reading a client's events inside a time window, page by page over any [`Store`], newest
//! first: `rapport hours`, `log --all` and the dashboard's day log read only the window (plus
//! the page that ends it), never whole timelines.

use super::Result;
use super::{Cursor, Store};
use crate::model::{Client, ClientId, Event};
use chrono::{DateTime, NaiveDate, Utc};

/// Events are read this many at a time, where the store is.
const PAGE: usize = 256;

/// A `[since, until)` window of time.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Window {
    /// From the start of local day `since` to the end of local day `until`; refuses one
    /// that is back to front, which could match nothing.
    pub fn days(since: NaiveDate, until: NaiveDate) -> anyhow::Result<Self> {
        if since > until {
            anyhow::bail!(
                "--since {since} is after --until {until}: nothing can match; swap them?"
            );
        }
        Ok(Self {
            since: crate::when::start_of(since),
            until: crate::when::end_of(until),
        })
    }
}

/// Visits the events of `client` inside `window`, newest first, tombstones included.
pub fn each_in_window(
    store: &dyn Store,
    client: ClientId,
    window: Window,
    f: &mut dyn FnMut(Event),
) -> Result<()> {
    // Newer than `until` cannot match: the read starts there.
    let mut cursor = Some(Cursor::before(window.until));
    loop {
        let page = store.events_page(client, cursor.as_ref(), PAGE)?;
        for event in page.events {
            if event.at < window.since {
                return Ok(());
            }
            if event.at < window.until {
                f(event);
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(()),
        }
    }
}

/// The events of every one of `clients` inside `window` that `keep` takes, oldest first (by
/// time, then id): the day's log, in the dashboard and in `rapport log --all`.
pub fn across_clients(
    store: &dyn Store,
    clients: &[Client],
    window: Window,
    keep: &dyn Fn(&Event) -> bool,
) -> Result<Vec<Event>> {
    let mut events = Vec::new();
    for client in clients {
        each_in_window(store, client.id, window, &mut |event| {
            if keep(&event) {
                events.push(event);
            }
        })?;
    }
    events.sort_by_key(|e| (e.at, e.id));
    Ok(events)
}
