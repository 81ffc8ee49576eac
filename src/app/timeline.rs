//! The selected client's timeline: paged in from the store as the cursor moves, never read
//! whole; and the trust chart, derived from the current score and the window's movements.

use super::rows::EventRow;
use crate::model::{ClientId, PersonId, Summary};
use crate::store::{Cursor, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// Events read per page.
pub const PAGE: usize = 64;
/// Days the trust chart covers.
pub const CHART_DAYS: i64 = 90;

#[derive(Debug, Default)]
pub struct Timeline {
    pub rows: Vec<EventRow>,
    pub cursor: usize,
    next: Option<Cursor>,
    exhausted: bool,
}

impl Timeline {
    /// The first page of `client`'s timeline (live events only).
    pub fn load(
        store: &dyn Store,
        client: ClientId,
        names: &HashMap<PersonId, String>,
    ) -> Result<Self, StoreError> {
        let mut timeline = Timeline::default();
        timeline.more(store, client, names)?;
        Ok(timeline)
    }

    /// Reads the next page, if any.
    pub fn more(
        &mut self,
        store: &dyn Store,
        client: ClientId,
        names: &HashMap<PersonId, String>,
    ) -> Result<(), StoreError> {
        if self.exhausted {
            return Ok(());
        }
        let page = store.events_page(client, self.next.as_ref(), PAGE)?;
        self.rows.extend(
            page.events
                .into_iter()
                .filter(|e| e.is_live())
                .map(|e| EventRow::new(e, names)),
        );
        self.exhausted = page.next.is_none();
        self.next = page.next;
        Ok(())
    }

    /// Moves the cursor by `delta` rows, reading more when it nears the end of what is loaded.
    pub fn step(
        &mut self,
        delta: isize,
        store: &dyn Store,
        client: ClientId,
        names: &HashMap<PersonId, String>,
    ) -> Result<(), StoreError> {
        let wanted = self.cursor.saturating_add_signed(delta);
        while wanted + PAGE / 4 >= self.rows.len() && !self.exhausted {
            self.more(store, client, names)?;
        }
        self.cursor = wanted.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// Puts the cursor on event `id`, reading pages until it is loaded (a search result, which
    /// may be old). False when it is not on the timeline (removed since).
    pub fn reveal(
        &mut self,
        id: crate::model::EventId,
        store: &dyn Store,
        client: ClientId,
        names: &HashMap<PersonId, String>,
    ) -> Result<bool, StoreError> {
        let mut from = 0;
        loop {
            if let Some(i) = self.rows[from..].iter().position(|r| r.event.id == id) {
                self.cursor = from + i;
                return Ok(true);
            }
            if self.exhausted {
                return Ok(false);
            }
            from = self.rows.len();
            self.more(store, client, names)?;
        }
    }

    /// To the oldest event: reads every remaining page (the user asked for the end).
    pub fn bottom(
        &mut self,
        store: &dyn Store,
        client: ClientId,
        names: &HashMap<PersonId, String>,
    ) -> Result<(), StoreError> {
        while !self.exhausted {
            self.more(store, client, names)?;
        }
        self.cursor = self.rows.len().saturating_sub(1);
        Ok(())
    }
}

/// Daily trust scores over the last `CHART_DAYS`, oldest first. Reads only the window's events:
/// S(t) = k^(t−now) · (S(now) − Σ d·k^(now−tₑ)) over the events after t.
pub fn trust_series(
    store: &dyn Store,
    client: ClientId,
    summary: &Summary,
    now: DateTime<Utc>,
    half_life: f64,
) -> Result<Vec<f64>, StoreError> {
    let start = now - Duration::days(CHART_DAYS);
    let mut moves = Vec::new();
    let mut cursor = None;
    'pages: loop {
        let page = store.events_page(client, cursor.as_ref(), PAGE)?;
        for e in page.events {
            if e.at <= start {
                break 'pages;
            }
            if e.is_live() && e.trust != 0 && e.at <= now {
                moves.push((e.at, f64::from(e.trust)));
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let decay = |age: Duration| crate::model::summary_decay(age, half_life);
    let current = summary.trust.at(now, half_life);
    Ok((0..=CHART_DAYS)
        .rev()
        .map(|days_ago| {
            let t = now - Duration::days(days_ago);
            let since: f64 = moves
                .iter()
                .filter(|(at, _)| *at > t)
                .map(|(at, d)| d * decay(now - *at))
                .sum();
            (current - since) / decay(now - t)
        })
        .collect())
}
