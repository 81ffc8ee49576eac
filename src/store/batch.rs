//! Loading many records at once: a [`Batch`] for [`Store::load`], and a [`Loader`] that feeds
//! a stream of any length to it a batch at a time. A backend-neutral bulk write: each backend
//! makes a batch quick in its own way (sled: one durable flush per batch), and through the
//! socket a batch is one round trip, not one per record.

use crate::model::{Client, Event, Person};
use crate::store::{Result, Store};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// New records to store together: clients, then people, then events.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    pub clients: Vec<Client>,
    pub people: Vec<Person>,
    pub events: Vec<Event>,
}

impl Batch {
    pub fn len(&self) -> usize {
        self.clients.len() + self.people.len() + self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// [`Store::load`] as any store can do it: each record its own durable write, in order,
/// stopping at the first error.
pub(crate) fn load_each<S: Store + ?Sized>(
    store: &S,
    batch: &Batch,
    now: DateTime<Utc>,
) -> Result<()> {
    batch.clients.iter().try_for_each(|c| store.put_client(c))?;
    batch.people.iter().try_for_each(|p| store.put_person(p))?;
    batch
        .events
        .iter()
        .try_for_each(|e| store.add_event(e, now))
}

/// Records per batch: few durable writes for a million events, while a batch stays a few MB
/// (in memory, and as one message through the socket).
const RECORDS: usize = 16_384;

/// Stores records as they come, a [`Batch`] at a time; [`Loader::finish`] stores the rest.
pub struct Loader<'a> {
    store: &'a dyn Store,
    now: DateTime<Utc>,
    batch: Batch,
    /// Records per batch.
    capacity: usize,
}

impl<'a> Loader<'a> {
    pub fn new(store: &'a dyn Store, now: DateTime<Utc>) -> Self {
        Self {
            store,
            now,
            batch: Batch::default(),
            capacity: RECORDS,
        }
    }

    pub fn client(&mut self, client: Client) -> Result<()> {
        self.batch.clients.push(client);
        self.flush_if_full()
    }

    pub fn person(&mut self, person: Person) -> Result<()> {
        self.batch.people.push(person);
        self.flush_if_full()
    }

    pub fn event(&mut self, event: Event) -> Result<()> {
        self.batch.events.push(event);
        self.flush_if_full()
    }

    /// Stores what is still held.
    pub fn finish(mut self) -> Result<()> {
        self.flush()
    }

    fn flush_if_full(&mut self) -> Result<()> {
        if self.batch.len() >= self.capacity {
            self.flush()?;
        }
        Ok(())
    }

    /// Stores what is held now (before a write that needs it stored, such as an edit).
    pub fn flush(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.batch);
        if batch.is_empty() {
            return Ok(());
        }
        self.store.load(&batch, self.now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::store::sled::tests::{client, event, now, open};
    use crate::store::{quick_digest, NamesFile};

    #[test]
    fn a_batch_stopped_by_an_error_keeps_what_came_before_and_its_files_follow() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let acme = client("Acme", None);
        store.put_client(&acme).unwrap();
        let stored = event(acme.id, 3, Kind::Call);
        store.add_event(&stored, now()).unwrap();
        let beta = client("Beta", None);
        let emailed = event(beta.id, 1, Kind::Email);
        let batch = Batch {
            clients: vec![beta.clone()],
            events: vec![emailed.clone(), stored],
            ..Batch::default()
        };
        assert!(
            store.load(&batch, now()).is_err(),
            "the event is stored already"
        );
        assert_eq!(store.summary(beta.id).unwrap().event_count, 1);
        let names = NamesFile::load(dir.path())
            .unwrap()
            .expect("the names file");
        assert!(names.clients.iter().any(|c| c.id == beta.id));
        let digest = quick_digest(dir.path(), false)
            .unwrap()
            .expect("the digest");
        let entry = digest.entries().find(|(c, _)| c.id == beta.id);
        let summary = entry.expect("Beta in the digest").1;
        assert_eq!(summary.last_contact, Some(emailed.at));
    }

    #[test]
    fn a_loader_stores_a_stream_longer_than_a_batch() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let acme = client("Acme", None);
        let mut loader = Loader::new(&store, now());
        loader.capacity = 16;
        loader.client(acme.clone()).unwrap();
        let n = 16 * 3 + 5;
        for i in 0..n {
            let mut e = event(acme.id, 1, Kind::Note);
            e.id = crate::model::EventId::new_at(1_000 + i as u64);
            loader.event(e).unwrap();
        }
        loader.finish().unwrap();
        assert_eq!(store.summary(acme.id).unwrap().event_count, n as u64);
    }
}
