//! The team outbox inside sled (`store/outbox.rs` says what it is for). `m/outbox` holds the
//! next number and is there only once the store is in a team; `o/<seq>` lists a record that
//! waits, written in the same batch as the record, so a crash never leaves a saved record
//! unlisted; `A/<event>` names who wrote a pulled event. Entries are forgotten from the
//! oldest up, so those left are always a run of consecutive numbers.

use super::SledStore;
use crate::model::{ClientId, Event, EventId};
use crate::store::codec::encode;
use crate::store::sled::keys;
use crate::store::sled::tx::Tx;
use crate::store::{Outgoing, Pulled, Result, Shareable, Store};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Records listed per write by `team_enroll`: bounded, so a big store is not one huge batch.
const ENROLL_BATCH: usize = 1000;

fn number(raw: Option<impl AsRef<[u8]>>) -> Option<u64> {
    raw.and_then(|v| v.as_ref().try_into().ok())
        .map(u64::from_be_bytes)
}

/// Lists `records` in the outbox within the write `tx`, when the store is in a team.
pub(super) fn enqueue(tx: &mut Tx, records: impl IntoIterator<Item = Shareable>) -> Result<()> {
    let Some(mut next) = number(tx.get(keys::OUTBOX_NEXT)?) else {
        return Ok(());
    };
    let start = next;
    for record in records {
        tx.insert(keys::outbox(next), encode(&record));
        next += 1;
    }
    if next != start {
        tx.insert(keys::OUTBOX_NEXT.to_vec(), next.to_be_bytes().to_vec());
    }
    Ok(())
}

impl SledStore {
    fn outbox_next(&self) -> Result<Option<u64>> {
        let raw = self.db.get(keys::OUTBOX_NEXT).map_err(|e| self.engine(e))?;
        Ok(number(raw))
    }

    /// In a team, lists `client` in the outbox within `batch`. What `load` kept back is
    /// applied first, so that the number read here is the latest.
    pub(super) fn enqueue_client(&self, batch: &mut sled::Batch, client: ClientId) -> Result<()> {
        if self.outbox_next()?.is_none() {
            return Ok(());
        }
        self.settle()?;
        let Some(next) = self.outbox_next()? else {
            return Ok(());
        };
        batch.insert(keys::outbox(next), encode(&Shareable::Client(client)));
        batch.insert(keys::OUTBOX_NEXT, &(next + 1).to_be_bytes());
        Ok(())
    }

    pub(super) fn enroll(&self) -> Result<u64> {
        let _guard = self.lock_writes();
        self.settle()?;
        if self.outbox_next()?.is_none() {
            self.write(|tx| {
                tx.insert(keys::OUTBOX_NEXT.to_vec(), 1u64.to_be_bytes().to_vec());
                Ok(())
            })?;
        }
        // Clients first, so that a pull elsewhere meets a client before its events.
        let clients = self.clients()?;
        let mut records: Vec<Shareable> = clients.iter().map(|c| Shareable::Client(c.id)).collect();
        for client in &clients {
            self.for_each_event(client.id, &mut |event| {
                if !event.private {
                    records.push(Shareable::Event(event.id));
                }
                Ok(())
            })?;
        }
        for chunk in records.chunks(ENROLL_BATCH) {
            self.write(|tx| enqueue(tx, chunk.iter().copied()))?;
        }
        self.sync()?;
        self.waiting()
    }

    pub(super) fn outbox_after(&self, after: u64, limit: usize) -> Result<Vec<Outgoing>> {
        self.settle()?;
        let from = keys::outbox(after.saturating_add(1));
        self.db
            .range(from..)
            .take_while(|item| {
                item.as_ref()
                    .map_or(true, |(k, _)| k.starts_with(keys::OUTBOX))
            })
            .take(limit)
            .map(|item| {
                let (key, value) = item.map_err(|e| self.engine(e))?;
                let seq = number(Some(&key[keys::OUTBOX.len()..])).unwrap_or(0);
                Ok(Outgoing {
                    seq,
                    record: self.decode(&key, &value)?,
                })
            })
            .collect()
    }

    pub(super) fn forget_pushed(&self, upto: u64) -> Result<()> {
        let _guard = self.lock_writes();
        self.settle()?;
        let mut batch = sled::Batch::default();
        for key in self.db.range(keys::outbox(0)..=keys::outbox(upto)).keys() {
            batch.remove(key.map_err(|e| self.engine(e))?);
        }
        self.apply(batch)?;
        self.sync()
    }

    /// The entries left are consecutive (forgotten from the oldest up): no scan needed.
    pub(super) fn waiting(&self) -> Result<u64> {
        let Some(next) = self.outbox_next()? else {
            return Ok(0);
        };
        let first = self.db.scan_prefix(keys::OUTBOX).keys().next();
        match first {
            Some(key) => {
                let key = key.map_err(|e| self.engine(e))?;
                Ok(next - number(Some(&key[keys::OUTBOX.len()..])).unwrap_or(next))
            }
            None => Ok(0),
        }
    }

    pub(super) fn save_pulled(&self, pulled: &Pulled, now: DateTime<Utc>) -> Result<()> {
        for client in &pulled.clients {
            if self.client(client.id)?.as_ref() != Some(client) {
                self.put_client_as(client, false)?;
            }
        }
        // The latest of each event, in the order they came.
        let mut latest: HashMap<EventId, usize> = HashMap::new();
        let mut events: Vec<&(Event, String)> = Vec::new();
        for item in &pulled.events {
            match latest.get(&item.0.id) {
                Some(&at) => events[at] = item,
                None => {
                    latest.insert(item.0.id, events.len());
                    events.push(item);
                }
            }
        }
        // Authors first: a crash before the events are saved leaves names of events to come,
        // and the pull, not yet acknowledged, saves the events again.
        let mut authors = sled::Batch::default();
        let (mut new, mut changed) = (Vec::new(), Vec::new());
        for (event, author) in events {
            authors.insert(keys::author(event.id), encode(author));
            match self.event(event.id)? {
                None => new.push(event.clone()),
                // The local edit stamp (versions kept here) is not the server's to change.
                Some(stored)
                    if (Event {
                        edited: stored.edited,
                        ..event.clone()
                    }) != stored =>
                {
                    changed.push(Event {
                        edited: stored.edited,
                        ..event.clone()
                    })
                }
                Some(_) => {}
            }
        }
        self.apply(authors)?;
        if new.is_empty() && changed.is_empty() {
            return self.sync();
        }
        self.write_events(&new, &changed, &[], now, false)
    }

    pub(super) fn author(&self, event: EventId) -> Result<Option<String>> {
        self.get(&keys::author(event))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Kind;
    use crate::store::sled::tests::{client, event, now, open};
    use crate::store::{Pulled, Shareable, Store};

    #[test]
    fn the_outbox_lists_shared_writes_in_order_and_never_a_private_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let acme = client("Acme Oy", Some("acme"));
        store.put_client(&acme).unwrap();
        let before = event(acme.id, 3, Kind::Call);
        store.add_event(&before, now()).unwrap();
        // Not in a team yet: nothing is listed, and nothing waits.
        assert_eq!(store.team_waiting().unwrap(), 0);
        assert!(store.team_outbox(0, 10).unwrap().is_empty());

        assert_eq!(store.team_enroll().unwrap(), 2);
        let shared = event(acme.id, 1, Kind::Note);
        let private = crate::model::Event {
            private: true,
            ..event(acme.id, 0, Kind::Note)
        };
        store
            .save_events(&[shared.clone(), private.clone()], &[], now())
            .unwrap();
        let listed: Vec<_> = store.team_outbox(0, 10).unwrap();
        let records: Vec<Shareable> = listed.iter().map(|o| o.record).collect();
        assert_eq!(
            records,
            [
                Shareable::Client(acme.id),
                Shareable::Event(before.id),
                Shareable::Event(shared.id)
            ]
        );
        let seqs: Vec<u64> = listed.iter().map(|o| o.seq).collect();
        assert_eq!(seqs, [1, 2, 3]);

        store.team_pushed(2).unwrap();
        assert_eq!(store.team_waiting().unwrap(), 1);
        assert_eq!(store.team_outbox(0, 10).unwrap()[0].seq, 3);
        drop(store);
        // The outbox and its numbering survive reopening.
        let store = open(dir.path());
        assert_eq!(store.team_waiting().unwrap(), 1);
        store
            .add_event(&event(acme.id, 0, Kind::Call), now())
            .unwrap();
        assert_eq!(store.team_outbox(3, 10).unwrap()[0].seq, 4);
    }

    #[test]
    fn a_schema_8_store_opens_as_9_in_no_team_and_can_join_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let acme = client("Acme Oy", Some("acme"));
        store.put_client(&acme).unwrap();
        store
            .add_event(&event(acme.id, 1, Kind::Call), now())
            .unwrap();
        drop(store);
        crate::store::testing::force_schema_version(dir.path(), 8).unwrap();
        let store = open(dir.path());
        assert_eq!(store.schema_version().unwrap(), Some(9));
        assert_eq!(store.team_waiting().unwrap(), 0);
        assert_eq!(store.team_enroll().unwrap(), 2);
    }

    #[test]
    fn a_pulled_record_is_saved_with_its_author_and_not_listed_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        store.team_enroll().unwrap();
        let acme = client("Acme Oy", Some("acme"));
        let call = event(acme.id, 1, Kind::Call);
        let pulled = Pulled {
            clients: vec![acme.clone()],
            events: vec![(call.clone(), "anna".into())],
        };
        store.team_save_pulled(&pulled, now()).unwrap();
        // Saved twice (a pull not acknowledged before a crash): nothing changes.
        store.team_save_pulled(&pulled, now()).unwrap();
        assert_eq!(store.event(call.id).unwrap(), Some(call.clone()));
        assert_eq!(store.client(acme.id).unwrap(), Some(acme.clone()));
        assert_eq!(store.team_author(call.id).unwrap().as_deref(), Some("anna"));
        assert_eq!(store.summary(acme.id).unwrap().last_contact, Some(call.at));
        assert_eq!(store.team_waiting().unwrap(), 0);
    }
}
