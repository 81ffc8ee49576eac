//! Reading what a report needs from the store: the client's timeline from `since` on (paged
//! newest first, stopping at the date, so a long history costs nothing), plus the few older
//! promises the period refers to.

use super::{build, Input, Report};
use crate::model::{Client, Event, EventId};
use crate::store::{Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashSet;

/// The period a report covers when `--since` is not given: about a quarter, the usual
/// reporting rhythm, and the window the dashboard's trust chart shows.
pub const DEFAULT_DAYS: u64 = 90;

/// Events read per page.
const PAGE: usize = 256;

/// The report for `client` from the start of local day `since` until `now`.
pub fn read(
    store: &dyn Store,
    client: &Client,
    since: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Report, StoreError> {
    Ok(preview(store, client, since, now)?.report)
}

/// A report and what was left out of it by a mark (`--leave-out`): the events that would be
/// in it without the mark, oldest first, for the dashboard's preview to put back.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub report: Report,
    pub left_out: Vec<Event>,
}

/// The report for `client`, as [`read`], with the events left out of it.
pub fn preview(
    store: &dyn Store,
    client: &Client,
    since: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Preview, StoreError> {
    let start = crate::when::start_of(since);
    let mut period = Vec::new();
    let mut cursor = None;
    'pages: loop {
        let page = store.events_page(client.id, cursor.as_ref(), PAGE)?;
        for event in page.events {
            if event.at < start {
                break 'pages;
            }
            period.push(event);
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    // Older promises: those settled within the period, and those still open (the summary
    // lists them, so the timeline before `since` is never read).
    let mut seen: HashSet<EventId> = period.iter().map(|e| e.id).collect();
    let mut wanted: Vec<EventId> = period.iter().filter_map(|e| e.resolves).collect();
    wanted.extend(
        store
            .summary(client.id)?
            .open_promises
            .iter()
            .map(|p| p.event),
    );
    let mut earlier = Vec::new();
    for id in wanted {
        if seen.insert(id) {
            earlier.extend(store.event(id)?);
        }
    }
    // The calls older promises were made during, for the link the report shows.
    let calls: Vec<EventId> = (earlier.iter().chain(&period))
        .filter_map(|e| e.made_in)
        .collect();
    for id in calls {
        if seen.insert(id) {
            earlier.extend(store.event(id)?);
        }
    }
    // People since removed or moved elsewhere are still named in what they took part in.
    let names = crate::resolve::names_in(store, client.id, period.iter().chain(&earlier))?;
    // Only a mark keeps these out: removed and private events stay out whatever it says, and
    // of the older events only the promises would show.
    let marked = |e: &&Event| e.unreported && e.is_live() && !e.private;
    let mut left_out: Vec<Event> = (period.iter().filter(marked))
        .chain(
            earlier
                .iter()
                .filter(marked)
                .filter(|e| e.promise.is_some()),
        )
        .cloned()
        .collect();
    left_out.sort_by_key(|e| (e.at, e.id));
    let report = build(Input {
        client: &client.name,
        names: &names,
        period,
        earlier,
        since,
        now,
    });
    Ok(Preview { report, left_out })
}
