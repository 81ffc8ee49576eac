//! The selected client's timeline: paged in from the store as the cursor moves, never read
//! whole, and narrowed by a filter (`f`) with a bounded read per step; and the trust chart,
//! derived from the current score and the window's movements.

use super::rows::EventRow;
use crate::model::{ClientId, Event, EventFilter, EventId, PersonId, Summary};
use crate::store::{Cursor, Page, Store, StoreError};
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
/// Days the trust chart covers, one score a day.
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
    /// People named on loaded rows whom the client's names lack (they moved to another
    /// client since), looked up by id once each: the past keeps their names.
    pub others: HashMap<PersonId, String>,
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
        let mut timeline = Timeline::unread(filter);
        timeline.fill(source)?;
        Ok(timeline)
    }

    /// As [`Timeline::load`], given its first page (read from [`Timeline::first_page`] with
    /// the rest of the selection, in one call).
    pub fn load_from(
        first: Page,
        source: &Source,
        filter: EventFilter,
    ) -> Result<Self, StoreError> {
        let mut timeline = Timeline::unread(filter);
        timeline.take_page(first, source)?;
        timeline.fill(source)?;
        Ok(timeline)
    }

    /// Where a timeline under `filter` starts reading: nothing newer than `until` can match.
    pub fn first_page(filter: &EventFilter) -> Option<Cursor> {
        filter.until.map(Cursor::before)
    }

    fn unread(filter: EventFilter) -> Self {
        Timeline {
            next: Self::first_page(&filter),
            filter,
            ..Timeline::default()
        }
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
        self.take_page(page, source)
    }

    /// Keeps what matches of `page`, the one after what is read so far.
    fn take_page(&mut self, page: Page, source: &Source) -> Result<(), StoreError> {
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
            self.keep(event, source)?;
        }
        Ok(())
    }

    fn keep(&mut self, event: Event, source: &Source) -> Result<(), StoreError> {
        if !self.filter.matches(&event) {
            return Ok(());
        }
        let names = source.names;
        if event.people.iter().all(|p| names.contains_key(p)) {
            self.rows.push(EventRow::new(event, names));
            return Ok(());
        }
        let mut named = HashMap::new();
        for &id in &event.people {
            if let Some(name) = names.get(&id).or(self.others.get(&id)) {
                named.insert(id, name.clone());
            } else if let Some(person) = source.store.person(id)? {
                self.others.insert(id, person.name.clone());
                named.insert(id, person.name);
            }
        }
        self.rows.push(EventRow::new(event, &named));
        Ok(())
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

/// The window whose trust moves the chart at `now` needs: `(since, until]` of
/// [`Store::trust_moves`].
pub fn chart_window(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (now - Duration::days(CHART_DAYS), now)
}

/// Daily trust scores over the last `CHART_DAYS` days, oldest first, the last one now, from
/// every live event whatever the timeline's filter: the chart is the client's trust, not the
/// trust of what is shown. Needs only the window's trust movements (`moves`, from
/// [`Store::trust_moves`] over [`chart_window`]); `insight::daily` derives the past from them.
pub fn trust_series(
    moves: &[(DateTime<Utc>, i8)],
    summary: &Summary,
    now: DateTime<Utc>,
    half_life: f64,
) -> Vec<f64> {
    crate::insight::daily(&summary.trust, moves, now, half_life, CHART_DAYS as usize)
}
