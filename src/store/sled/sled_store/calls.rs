//! The [`Store`] methods of [`SledStore`], over the layers of the sibling files.

use super::{put, SledStore};
use crate::model::{
    fold, Client, ClientId, Draft, Event, EventId, EventVersion, Person, PersonId, Summary,
};
use crate::search::names::NameIndex;
use crate::search::{terms, Query, Results};
use crate::store::sled::search;
use crate::store::sled::timeline::{self};
use crate::store::sled::{keys, versions};
use crate::store::{Batch, Cursor, Drift, Outgoing, Page, Pulled, Result, Store, StoreError};
use chrono::{DateTime, Utc};
use std::sync::atomic::Ordering;

impl Store for SledStore {
    fn team_enroll(&self) -> Result<u64> {
        self.enroll()
    }

    fn team_outbox(&self, after: u64, limit: usize) -> Result<Vec<Outgoing>> {
        self.outbox_after(after, limit)
    }

    fn team_pushed(&self, upto: u64) -> Result<()> {
        self.forget_pushed(upto)
    }

    fn team_waiting(&self) -> Result<u64> {
        self.waiting()
    }

    fn team_save_pulled(&self, pulled: &Pulled, now: DateTime<Utc>) -> Result<()> {
        self.save_pulled(pulled, now)
    }

    fn team_author(&self, event: EventId) -> Result<Option<String>> {
        self.author(event)
    }

    fn is_empty(&self) -> Result<bool> {
        Ok(self.db.scan_prefix(keys::CLIENTS).next().is_none())
    }

    fn put_client(&self, client: &Client) -> Result<()> {
        self.put_client_as(client, true)
    }
    fn client(&self, id: ClientId) -> Result<Option<Client>> {
        self.get(&keys::client(id))
    }

    fn clients(&self) -> Result<Vec<Client>> {
        let mut clients: Vec<Client> = self.scan(keys::CLIENTS)?;
        clients.sort_by_cached_key(|c| fold(&c.name));
        Ok(clients)
    }

    fn client_by_handle(&self, handle: &str) -> Result<Option<ClientId>> {
        let raw = self
            .db
            .get(keys::handle(&fold(handle)))
            .map_err(|e| self.engine(e))?;
        Ok(raw.and_then(|id| std::str::from_utf8(&id).ok()?.parse().ok()))
    }

    fn put_person(&self, person: &Person) -> Result<()> {
        let _guard = self.lock_writes();
        let mut batch = sled::Batch::default();
        // The digest holds each client's people (for the agenda): both clients change.
        let mut clients = vec![person.client];
        if let Some(old_client) = self.get::<ClientId>(&keys::person_index(person.id))? {
            if old_client != person.client {
                batch.remove(keys::person(old_client, person.id));
                clients.push(old_client);
            }
        }
        put(&mut batch, keys::person(person.client, person.id), person);
        put(&mut batch, keys::person_index(person.id), &person.client);
        let names = self.bump_names(&mut batch)?;
        self.observers.before()?;
        self.commit_names(batch, &clients, names)
    }

    fn person(&self, id: PersonId) -> Result<Option<Person>> {
        match self.get::<ClientId>(&keys::person_index(id))? {
            Some(client) => self.get(&keys::person(client, id)),
            None => Ok(None),
        }
    }

    fn people(&self, client: Option<ClientId>) -> Result<Vec<Person>> {
        let prefix = client.map_or_else(|| keys::PEOPLE.to_vec(), keys::people_of);
        let mut people: Vec<Person> = self.scan(&prefix)?;
        people.sort_by_cached_key(|p| (p.client, fold(&p.name)));
        Ok(people)
    }

    fn save_events(&self, new: &[Event], changed: &[Event], now: DateTime<Utc>) -> Result<()> {
        self.write_events(new, changed, &[], now, true)
    }

    fn edit_event(&self, event: &Event, now: DateTime<Utc>) -> Result<()> {
        self.edit_events(std::slice::from_ref(event), &[], &[], now)
    }

    fn edit_events(
        &self,
        edits: &[Event],
        new: &[Event],
        changed: &[Event],
        now: DateTime<Utc>,
    ) -> Result<()> {
        // An edit that changes nothing keeps no version; the write goes on without it.
        let mut changing = Vec::with_capacity(edits.len());
        for event in edits {
            let stored = self.event(event.id)?.ok_or_else(|| StoreError::Missing {
                what: "event",
                id: event.id.to_string(),
            })?;
            let same = Event {
                edited: stored.edited,
                ..event.clone()
            } == stored;
            if !same {
                changing.push(event.clone());
            }
        }
        if changing.is_empty() && new.is_empty() && changed.is_empty() {
            return Ok(());
        }
        self.write_events(new, changed, &changing, now, true)
    }

    fn event_versions(&self, id: EventId) -> Result<Vec<EventVersion>> {
        self.settle()?;
        versions::of(&self.db, &self.dir, id)
    }

    fn event(&self, id: EventId) -> Result<Option<Event>> {
        self.read(|tx| timeline::get(tx, id))
    }

    fn events_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<EventId>> {
        let prefix = prefix.trim().to_uppercase();
        self.settle()?;
        timeline::ids_with_prefix(&self.db, &self.dir, &prefix, limit)
    }

    fn events_with_suffix(&self, suffix: &str, limit: usize) -> Result<Vec<EventId>> {
        let suffix = suffix.trim().to_uppercase();
        self.settle()?;
        timeline::ids_with_suffix(&self.db, &self.dir, &suffix, limit)
    }

    fn events_page(&self, client: ClientId, after: Option<&Cursor>, limit: usize) -> Result<Page> {
        self.settle()?;
        timeline::page(&self.db, &self.dir, client, after, limit)
    }

    fn for_each_event(
        &self,
        client: ClientId,
        f: &mut dyn FnMut(Event) -> Result<()>,
    ) -> Result<()> {
        self.settle()?;
        timeline::for_each(&self.db, &self.dir, client, f)
    }

    fn summary(&self, client: ClientId) -> Result<Summary> {
        if let Some(summary) = self.pending().get(&client) {
            return Ok(summary.clone());
        }
        Ok(self.get(&keys::summary(client))?.unwrap_or_default())
    }

    fn check(&self, now: DateTime<Utc>, fix: bool) -> Result<Vec<Drift>> {
        let mut repaired = Vec::new();
        let drifts = self.check_summaries(now, fix, &mut repaired)?;
        if fix && !repaired.is_empty() {
            // Through the ordinary write, which keeps the summaries just rebuilt exact.
            self.save_events(&[], &repaired, now)?;
        }
        Ok(drifts)
    }

    fn put_draft(&self, draft: &Draft) -> Result<()> {
        self.put_draft_record(draft)
    }

    fn remove_draft(&self, client: ClientId) -> Result<()> {
        self.remove_draft_record(client)
    }

    fn drafts(&self) -> Result<Vec<Draft>> {
        self.draft_records()
    }

    fn unfiled(&self) -> Result<Vec<crate::model::Unfiled>> {
        self.unfiled_notes()
    }

    fn keep_unfiled(&self, note: &crate::model::Unfiled) -> Result<u32> {
        self.keep_unfiled_note(note)
    }

    fn file_unfiled(&self, number: u32, events: &[Event], now: DateTime<Utc>) -> Result<()> {
        self.file_unfiled_note(number, events, now)
    }

    fn drop_unfiled(&self, number: u32) -> Result<crate::model::Unfiled> {
        self.drop_unfiled_note(number)
    }

    fn search(&self, query: &Query) -> Result<Results> {
        self.settle()?;
        let names = self
            .search
            .names(|| Ok(NameIndex::new(&self.clients()?, &self.people(None)?)))?;
        let terms = terms::parse(&query.text);
        let mut results = Results::default();
        if query.wants_names() {
            results.clients = names.clients(query, &terms);
            results.people = names.people(query, &terms);
        }
        results.notes = search::notes(&self.db, &self.dir, &self.search, query, &|id| {
            names.client_name(id)
        })?;
        Ok(results)
    }

    fn load(&self, batch: &Batch, now: DateTime<Utc>) -> Result<()> {
        // Every write deferred, then one durable flush and one word to the observers.
        self.deferred.store(true, Ordering::SeqCst);
        self.observers.start_batch();
        let result = crate::store::batch::load_each(self, batch, now);
        self.deferred.store(false, Ordering::SeqCst);
        if let Err(e) = self.write_pending().and_then(|()| self.sync()) {
            self.observers.cancel_batch();
            return Err(e);
        }
        self.observers.end_batch(self)?;
        result
    }
}
