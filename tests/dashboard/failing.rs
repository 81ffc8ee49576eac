//! A store that fails on demand, as a full disk does: a write refused with nothing written, or
//! a write done whose follow-up (the names file, the digest) then failed.

use chrono::{DateTime, Utc};
use rapport::model::{
    Client, ClientId, ClientName, Draft, Event, EventId, EventVersion, Person, PersonId,
    PersonName, Summary,
};
use rapport::resolve::Names;
use rapport::search::{Query, Results};
use rapport::store::{Cursor, Drift, Page, Result, Store, StoreError};
use std::sync::Mutex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fail {
    Never,
    /// Every write is refused before anything is written.
    Before,
    /// Every write is made, then reported failed.
    After,
}

pub struct Failing<'a> {
    pub inner: &'a dyn Store,
    pub fail: Mutex<Fail>,
}

impl<'a> Failing<'a> {
    pub fn new(inner: &'a dyn Store) -> Self {
        Self {
            inner,
            fail: Mutex::new(Fail::Never),
        }
    }

    pub fn set(&self, fail: Fail) {
        *self.fail.lock().unwrap() = fail;
    }

    fn write<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let full = || StoreError::Io {
            context: "writing the names file".into(),
            source: std::io::Error::from_raw_os_error(28),
        };
        match *self.fail.lock().unwrap() {
            Fail::Never => f(),
            Fail::Before => Err(full()),
            Fail::After => f().and_then(|_| Err(full())),
        }
    }
}

impl Names for Failing<'_> {
    fn client_names(&self) -> Result<Vec<ClientName>> {
        self.inner.client_names()
    }

    fn person_names(&self, client: Option<ClientId>) -> Result<Vec<PersonName>> {
        self.inner.person_names(client)
    }
}

impl Store for Failing<'_> {
    fn is_empty(&self) -> Result<bool> {
        self.inner.is_empty()
    }

    fn put_client(&self, client: &Client) -> Result<()> {
        self.write(|| self.inner.put_client(client))
    }

    fn client(&self, id: ClientId) -> Result<Option<Client>> {
        self.inner.client(id)
    }

    fn clients(&self) -> Result<Vec<Client>> {
        self.inner.clients()
    }

    fn client_by_handle(&self, handle: &str) -> Result<Option<ClientId>> {
        self.inner.client_by_handle(handle)
    }

    fn put_person(&self, person: &Person) -> Result<()> {
        self.write(|| self.inner.put_person(person))
    }

    fn person(&self, id: PersonId) -> Result<Option<Person>> {
        self.inner.person(id)
    }

    fn people(&self, client: Option<ClientId>) -> Result<Vec<Person>> {
        self.inner.people(client)
    }

    fn save_events(&self, new: &[Event], changed: &[Event], now: DateTime<Utc>) -> Result<()> {
        self.write(|| self.inner.save_events(new, changed, now))
    }

    fn edit_event(&self, event: &Event, now: DateTime<Utc>) -> Result<()> {
        self.write(|| self.inner.edit_event(event, now))
    }

    fn edit_events(
        &self,
        edits: &[Event],
        new: &[Event],
        changed: &[Event],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|| self.inner.edit_events(edits, new, changed, now))
    }

    fn event_versions(&self, id: EventId) -> Result<Vec<EventVersion>> {
        self.inner.event_versions(id)
    }

    fn event(&self, id: EventId) -> Result<Option<Event>> {
        self.inner.event(id)
    }

    fn events_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<EventId>> {
        self.inner.events_with_prefix(prefix, limit)
    }

    fn events_with_suffix(&self, suffix: &str, limit: usize) -> Result<Vec<EventId>> {
        self.inner.events_with_suffix(suffix, limit)
    }

    fn events_page(&self, client: ClientId, after: Option<&Cursor>, limit: usize) -> Result<Page> {
        self.inner.events_page(client, after, limit)
    }

    fn for_each_event(
        &self,
        client: ClientId,
        f: &mut dyn FnMut(Event) -> Result<()>,
    ) -> Result<()> {
        self.inner.for_each_event(client, f)
    }

    fn summary(&self, client: ClientId) -> Result<Summary> {
        self.inner.summary(client)
    }

    fn summaries(&self, clients: &[ClientId]) -> Result<Vec<Summary>> {
        self.inner.summaries(clients)
    }

    fn check(&self, now: DateTime<Utc>, fix: bool) -> Result<Vec<Drift>> {
        self.inner.check(now, fix)
    }

    fn put_draft(&self, draft: &Draft) -> Result<()> {
        self.write(|| self.inner.put_draft(draft))
    }

    fn remove_draft(&self, client: ClientId) -> Result<()> {
        self.write(|| self.inner.remove_draft(client))
    }

    fn drafts(&self) -> Result<Vec<Draft>> {
        self.inner.drafts()
    }

    fn unfiled(&self) -> Result<Vec<rapport::model::Unfiled>> {
        self.inner.unfiled()
    }

    fn keep_unfiled(&self, note: &rapport::model::Unfiled) -> Result<u32> {
        self.write(|| self.inner.keep_unfiled(note))
    }

    fn file_unfiled(
        &self,
        number: u32,
        events: &[rapport::model::Event],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        self.write(|| self.inner.file_unfiled(number, events, now))
    }

    fn drop_unfiled(&self, number: u32) -> Result<rapport::model::Unfiled> {
        self.write(|| self.inner.drop_unfiled(number))
    }

    fn search(&self, query: &Query) -> Result<Results> {
        self.inner.search(query)
    }
}
