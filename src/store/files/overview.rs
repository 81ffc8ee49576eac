//! The overview file (`DIR/overview`): what the dashboard's first screen shows — every client
//! with its summary, and the people and recent timeline of the client last looked at.
//!
//! Why: opening sled costs time in proportion to the store (a quarter of a second at a million
//! events), and the first frame should not wait for it. The dashboard draws from this file,
//! then opens the store and redraws from the truth. It is only a cache: written when the
//! dashboard closes, never trusted for anything but that first frame, and read-only.

use crate::store::{Cursor, Drift, Page, Position, Result, Store, StoreError};
use glance::{ClientRecord, Glance, SortKey};

mod glance;
mod named;
use super::replace::{replace, Durability};
use crate::model::{
    fold, Client, ClientId, ClientName, Draft, Event, EventId, EventVersion, Person, PersonId,
    PersonName, Summary,
};
use crate::search::{Query, Results};
use crate::store::Names;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

const FILE: &str = "overview";
/// The file's format (MessagePack arrays, compact and quick to read); another is ignored.
/// 2: clients and their glances in the compact forms of `glance.rs`; 3: days as year and
/// day of the year; 4: sort keys, and each client encoded on its own; 5: events encoded with
/// named fields (`named.rs`); 6: trust as good and bad sums (the bounded score); 7: sort keys
/// hold the name (ties in attention sort by it); 8: glances keep recent advice (the clients
/// pane's `$`); 9: the focused summary keeps follow-ups; 10: clients keep their report
/// language; 11: people have a birthday and an anniversary (before `removed`, which is left
/// out when empty and so must stay last).
const VERSION: u8 = 11;
/// Timeline events kept for the focused client: a first page and the chart's window, bounded.
const EVENTS: usize = 512;
/// Days of events the trust chart reads, and the dashboard's first timeline page.
const CHART_DAYS: i64 = 90;
const FIRST_PAGE: usize = 64;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Overview {
    #[serde(skip)]
    dir: PathBuf,
    /// Position of each client in `keys` and `records`.
    #[serde(skip)]
    index: HashMap<ClientId, usize>,
    /// What the attention order reads of every listed client, in list order: enough to place
    /// every row without decoding it.
    keys: Vec<SortKey>,
    /// Each listed client with its summary cut down to what the clients pane shows, encoded
    /// on its own, so that only the rows a screen shows are decoded (all of them took most of
    /// the first frame at a thousand clients).
    records: Vec<ByteBuf>,
    /// The focused client's full summary.
    summary: Summary,
    /// The client the dashboard had selected.
    pub focus: Option<ClientId>,
    people: Vec<Person>,
    /// The focused client's latest events, newest first.
    #[serde(with = "named")]
    events: Vec<Event>,
}

impl Overview {
    /// Reads the file; `None` when it is missing or unreadable (it is only a cache).
    pub fn load(dir: &Path) -> Option<Self> {
        let bytes = fs::read(dir.join(FILE)).ok()?;
        let (&version, rest) = bytes.split_first()?;
        if version != VERSION {
            return None;
        }
        let mut overview: Overview = rmp_serde::from_slice(rest).ok()?;
        overview.dir = dir.to_path_buf();
        overview.index_clients();
        Some(overview)
    }

    /// Takes what the first screen needs: the listed `clients` with their summaries (as the
    /// dashboard holds them), and from `store` the people and latest events of `focus`.
    pub fn capture(
        store: &dyn Store,
        clients: &[(&Client, &Summary)],
        focus: Option<ClientId>,
        now: DateTime<Utc>,
    ) -> Result<Self> {
        let summary = clients
            .iter()
            .find(|(c, _)| Some(c.id) == focus)
            .map(|(_, s)| (*s).clone())
            .unwrap_or_default();
        let keys = clients.iter().map(|(c, s)| SortKey::of(c, s)).collect();
        let records = clients
            .iter()
            .map(|(c, s)| {
                let record = (ClientRecord::from(*c), Glance::of(s));
                ByteBuf::from(rmp_serde::to_vec(&record).expect("encoding into memory"))
            })
            .collect();
        let (mut people, mut events) = (Vec::new(), Vec::new());
        if let Some(id) = focus {
            people = store.people(Some(id))?;
            let page = store.events_page(id, None, EVENTS)?;
            let window = now - Duration::days(CHART_DAYS);
            let keep = page
                .events
                .iter()
                .position(|e| e.at < window)
                .unwrap_or(EVENTS);
            events = page.events;
            events.truncate(keep.max(FIRST_PAGE));
        }
        let mut overview = Self {
            // Known once loaded; a captured overview is saved, not asked.
            dir: PathBuf::new(),
            keys,
            records,
            summary,
            focus,
            people,
            events,
            ..Self::default()
        };
        overview.index_clients();
        Ok(overview)
    }

    fn index_clients(&mut self) {
        self.index = (self.keys.iter().enumerate())
            .map(|(i, key)| (key.id(), i))
            .collect();
    }

    /// The listed client at `i`, decoded; `None` if its record cannot be read.
    fn record(&self, i: usize) -> Option<(Client, Glance)> {
        let bytes = self.records.get(i)?;
        let (record, glance): (ClientRecord, Glance) = rmp_serde::from_slice(bytes).ok()?;
        Some((record.into(), glance))
    }

    fn entry(&self, id: ClientId) -> Option<(Client, Glance)> {
        self.index.get(&id).and_then(|&i| self.record(i))
    }

    fn all(&self) -> impl Iterator<Item = (Client, Glance)> + '_ {
        (0..self.records.len()).filter_map(|i| self.record(i))
    }

    /// Every listed client in list order, as a sketch: a client and summary holding only what
    /// the attention order reads (see [`Overview::client_in_full`] for the rest).
    pub fn sketches(&self) -> Vec<(Client, Summary)> {
        self.keys.iter().map(SortKey::sketch).collect()
    }

    /// A listed client and its summary, as far as the file holds them.
    pub fn client_in_full(&self, id: ClientId) -> Option<(Client, Summary)> {
        let (client, glance) = self.entry(id)?;
        Some((client, self.summary_from(id, &glance)))
    }

    /// The focused client's summary is kept whole; the others' are cut down to a glance.
    fn summary_from(&self, id: ClientId, glance: &Glance) -> Summary {
        match Some(id) == self.focus {
            true => self.summary.clone(),
            false => glance.summary(),
        }
    }

    /// Replaces the file (no fsync: losing it only costs a slower start).
    pub fn save(&self, dir: &Path) -> Result<()> {
        let mut bytes = vec![VERSION];
        rmp_serde::encode::write(&mut bytes, self).expect("encoding into memory");
        replace(dir, FILE, &bytes, Durability::Cache)
    }

    fn read_only(&self) -> StoreError {
        StoreError::Io {
            context: format!("writing to {}", self.dir.display()),
            source: std::io::Error::other("the store is still opening"),
        }
    }
}

impl Names for Overview {
    fn client_names(&self) -> Result<Vec<ClientName>> {
        Ok(self.all().map(|(c, _)| ClientName::from(&c)).collect())
    }

    fn person_names(&self, client: Option<ClientId>) -> Result<Vec<PersonName>> {
        Ok(self.people(client)?.iter().map(PersonName::from).collect())
    }
}

/// The file's view of the store, for the first frame: reads answer from the file (empty for
/// what it does not hold), writes fail.
impl Store for Overview {
    fn is_empty(&self) -> Result<bool> {
        Ok(self.keys.is_empty())
    }

    fn put_client(&self, _: &Client) -> Result<()> {
        Err(self.read_only())
    }

    fn client(&self, id: ClientId) -> Result<Option<Client>> {
        Ok(self.entry(id).map(|(c, _)| c))
    }

    fn clients(&self) -> Result<Vec<Client>> {
        Ok(self.all().map(|(c, _)| c).collect())
    }

    fn client_by_handle(&self, handle: &str) -> Result<Option<ClientId>> {
        let handle = fold(handle);
        Ok(self
            .all()
            .find(|(c, _)| c.handles().contains(&handle))
            .map(|(c, _)| c.id))
    }

    fn put_person(&self, _: &Person) -> Result<()> {
        Err(self.read_only())
    }

    fn person(&self, id: PersonId) -> Result<Option<Person>> {
        Ok(self.people.iter().find(|p| p.id == id).cloned())
    }

    fn people(&self, client: Option<ClientId>) -> Result<Vec<Person>> {
        Ok(match client {
            Some(id) if Some(id) == self.focus => self.people.clone(),
            _ => Vec::new(),
        })
    }

    fn save_events(&self, _: &[Event], _: &[Event], _: DateTime<Utc>) -> Result<()> {
        Err(self.read_only())
    }

    fn edit_event(&self, _: &Event, _: DateTime<Utc>) -> Result<()> {
        Err(self.read_only())
    }

    fn edit_events(&self, _: &[Event], _: &[Event], _: &[Event], _: DateTime<Utc>) -> Result<()> {
        Err(self.read_only())
    }

    /// Versions are read from the store once it is open, never from this cache.
    fn event_versions(&self, _: EventId) -> Result<Vec<EventVersion>> {
        Ok(Vec::new())
    }

    fn event(&self, id: EventId) -> Result<Option<Event>> {
        Ok(self.events.iter().find(|e| e.id == id).cloned())
    }

    fn events_with_prefix(&self, _: &str, _: usize) -> Result<Vec<EventId>> {
        Ok(Vec::new())
    }

    fn events_with_suffix(&self, _: &str, _: usize) -> Result<Vec<EventId>> {
        Ok(Vec::new())
    }

    fn events_page(&self, client: ClientId, after: Option<&Cursor>, limit: usize) -> Result<Page> {
        if Some(client) != self.focus {
            return Ok(Page {
                events: Vec::new(),
                next: None,
            });
        }
        // The held list's own cursor is an index in it.
        let start = after.map_or(0, |c| match c.position() {
            Position::Resume(index) => index.as_slice().try_into().map_or(0, usize::from_be_bytes),
            Position::Before(at) => self.events.partition_point(|e| e.at >= *at),
        });
        let events: Vec<Event> = self
            .events
            .iter()
            .skip(start)
            .take(limit)
            .cloned()
            .collect();
        let end = start + events.len();
        let next = (end < self.events.len()).then(|| Cursor::resume(end.to_be_bytes().to_vec()));
        Ok(Page { events, next })
    }

    fn for_each_event(
        &self,
        client: ClientId,
        f: &mut dyn FnMut(Event) -> Result<()>,
    ) -> Result<()> {
        if Some(client) == self.focus {
            self.events.iter().rev().cloned().try_for_each(f)?;
        }
        Ok(())
    }

    fn summary(&self, client: ClientId) -> Result<Summary> {
        Ok(self
            .entry(client)
            .map(|(_, glance)| self.summary_from(client, &glance))
            .unwrap_or_default())
    }

    fn check(&self, _: DateTime<Utc>, _: bool) -> Result<Vec<Drift>> {
        Ok(Vec::new())
    }

    fn put_draft(&self, _: &Draft) -> Result<()> {
        Err(self.read_only())
    }

    fn remove_draft(&self, _: ClientId) -> Result<()> {
        Err(self.read_only())
    }

    /// Drafts are read from the store once it is open, never from this cache.
    fn drafts(&self) -> Result<Vec<Draft>> {
        Ok(Vec::new())
    }

    /// Like drafts, read from the store once it is open.
    fn unfiled(&self) -> Result<Vec<crate::model::Unfiled>> {
        Ok(Vec::new())
    }

    fn keep_unfiled(&self, _: &crate::model::Unfiled) -> Result<u32> {
        Err(self.read_only())
    }

    fn file_unfiled(&self, _: u32, _: &[Event], _: DateTime<Utc>) -> Result<()> {
        Err(self.read_only())
    }

    fn drop_unfiled(&self, _: u32) -> Result<crate::model::Unfiled> {
        Err(self.read_only())
    }

    /// Nothing is searched until the store is open.
    fn search(&self, _: &Query) -> Result<Results> {
        Ok(Results::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of an earlier format (5: glances without recent advice) is not read: the first
    /// frame then waits for the store, which opens as always and writes the file anew.
    #[test]
    fn a_file_of_an_earlier_format_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let empty = Overview::default();
        let mut bytes = vec![5];
        rmp_serde::encode::write(&mut bytes, &empty).unwrap();
        fs::write(dir.path().join(FILE), &bytes).unwrap();
        assert!(Overview::load(dir.path()).is_none());
        bytes[0] = VERSION;
        fs::write(dir.path().join(FILE), &bytes).unwrap();
        assert!(Overview::load(dir.path()).is_some());
    }
}
