//! The selected client's timeline: paged in from the store as the cursor moves, never read
//! whole, and narrowed by a filter (`f`) with a bounded read per step; and the trust chart,
//! derived from the current score and the window's movements.

use super::rows::EventRow;
use crate::model::{ClientId, Event, EventFilter, EventId, PersonId, Summary};
use crate::store::{Cursor, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

#[cfg(test)]
mod tests;

/// Events read per page.
pub const PAGE: usize = 64;
/// Pages one step may read. A filter that matches little would otherwise read a long timeline
/// in one keystroke; what is left is read in later steps, which the dashboard runs while no
/// key waits (`Timeline::searching`).
pub const STEP_PAGES: usize = 16;
/// Rows kept loaded past the cursor: more than a tall screen shows.
pub const AHEAD: usize = PAGE / 2;
/// Days the trust chart covers.
pub const CHART_DAYS: i64 = 90;

/// The loaded part of a timeline: the rows matching `filter`, newest first.
#[derive(Debug, Default)]
pub struct Timeline {
    pub rows: Vec<EventRow>,
    pub cursor: usize,
    /// Which events the rows are; an empty filter keeps every live event.
    pub filter: EventFilter,
    /// Events read from the store so far, matching or not: the work done.
    pub scanned: usize,
    /// The oldest event read so far: how far back a search has got.
    pub reached: Option<DateTime<Utc>>,
    next: Option<Cursor>,
    exhausted: bool,
    /// `G` under a filter: read on to the end, the cursor on the last row found.
    to_end: bool,
}

/// Where a timeline's rows come from.
pub struct Source<'a> {
    pub store: &'a dyn Store,
    pub client: ClientId,
    pub names: &'a HashMap<PersonId, String>,
}

impl Timeline {
    /// The first rows of the timeline that match `filter`, within one step's reading.
    pub fn load(source: &Source, filter: EventFilter) -> Result<Self, StoreError> {
        let mut timeline = Timeline {
            // Nothing newer than `until` can match: start reading there.
            next: filter.until.map(Cursor::before),
            filter,
            ..Timeline::default()
        };
        timeline.fill(source)?;
        Ok(timeline)
    }

    /// True while rows the view wants are not read yet: the dashboard runs `read_on` until
    /// this is false, between keys, and the view says "searching older…".
    pub fn reading_on(&self) -> bool {
        !self.exhausted && (self.to_end || self.rows.len() <= self.cursor + AHEAD)
    }

    /// Whether every matching event is loaded.
    pub fn complete(&self) -> bool {
        self.exhausted
    }

    /// Reads on, at most one step's worth (the dashboard calls this while idle).
    pub fn read_on(&mut self, source: &Source) -> Result<(), StoreError> {
        self.fill(source)?;
        if self.to_end {
            self.cursor = self.rows.len().saturating_sub(1);
        }
        Ok(())
    }

    /// Reads pages until the view has its rows, the timeline ends, or the step's pages are used.
    fn fill(&mut self, source: &Source) -> Result<(), StoreError> {
        for _ in 0..STEP_PAGES {
            if !self.reading_on() {
                break;
            }
            self.read_page(source)?;
        }
        Ok(())
    }

    /// Reads the next page, keeping what matches.
    pub(super) fn read_page(&mut self, source: &Source) -> Result<(), StoreError> {
        let page = source
            .store
            .events_page(source.client, self.next.as_ref(), PAGE)?;
        self.next = page.next;
        self.exhausted = self.next.is_none();
        for event in page.events {
            self.scanned += 1;
            self.reached = Some(event.at);
            if self.filter.exhausted_at(&event) {
                self.exhausted = true;
                self.next = None;
                break;
            }
            self.keep(event, source.names);
        }
        Ok(())
    }

    fn keep(&mut self, event: Event, names: &HashMap<PersonId, String>) {
        if self.filter.matches(&event) {
            self.rows.push(EventRow::new(event, names));
        }
    }

    /// Moves the cursor by `delta` rows, reading more when it nears the end of what is loaded.
    pub fn step(&mut self, delta: isize, source: &Source) -> Result<(), StoreError> {
        self.to_end = false;
        self.cursor = self.cursor.saturating_add_signed(delta);
        self.fill(source)?;
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// The cursor on `event` if it is loaded or within `pages` more pages; `false` (cursor
    /// unmoved) if not.
    pub fn seek(
        &mut self,
        event: EventId,
        pages: usize,
        source: &Source,
    ) -> Result<bool, StoreError> {
        let mut left = pages;
        loop {
            if let Some(i) = self.rows.iter().position(|r| r.event.id == event) {
                self.cursor = i;
                return Ok(true);
            }
            if self.exhausted || left == 0 {
                return Ok(false);
            }
            left -= 1;
            self.read_page(source)?;
        }
    }

    /// To the oldest event. Unfiltered, every remaining page is read (the user asked for the
    /// end, and each page is a screen of rows). Filtered, a step at a time: the cursor follows
    /// the last row found while the rest is searched between keys.
    pub fn bottom(&mut self, source: &Source) -> Result<(), StoreError> {
        if self.filter.is_empty() {
            while !self.exhausted {
                self.read_page(source)?;
            }
        } else {
            self.to_end = true;
            self.fill(source)?;
        }
        self.cursor = self.rows.len().saturating_sub(1);
        Ok(())
    }
}

/// Daily trust scores over the last `CHART_DAYS`, oldest first, from every live event whatever
/// the timeline's filter: the chart is the client's trust, not the trust of what is shown.
/// Reads only the window's trust movements ([`Store::trust_moves`]):
/// S(t) = k^(t−now) · (S(now) − Σ d·k^(now−tₑ)) over the events after t.
pub fn trust_series(
    store: &dyn Store,
    client: ClientId,
    summary: &Summary,
    now: DateTime<Utc>,
    half_life: f64,
) -> Result<Vec<f64>, StoreError> {
    let start = now - Duration::days(CHART_DAYS);
    let moves: Vec<(DateTime<Utc>, f64)> = store
        .trust_moves(client, start, now)?
        .into_iter()
        .map(|(at, d)| (at, f64::from(d)))
        .collect();
    let decay = |then| crate::model::summary_decay(now, then, half_life);
    let current = summary.trust.at(now, half_life);
    Ok((0..=CHART_DAYS)
        .rev()
        .map(|days_ago| {
            let t = now - Duration::days(days_ago);
            let since: f64 = moves
                .iter()
                .filter(|(at, _)| *at > t)
                .map(|(at, d)| d * decay(*at))
                .sum();
            (current - since) / decay(t)
        })
        .collect())
}
