//! The digest (`DIR/digest`): every client with what "is anything due?" needs — the client
//! record, its last contact and its open promises — kept current by the store on every write,
//! so that `rapport status --tmux`, run every few seconds by tmux, answers in a few
//! milliseconds at any store size without opening sled (a quarter of a second at a million
//! events) and without asking a dashboard.
//!
//! Why a file of its own rather than the overview (written only when the dashboard closes) or
//! the socket (only while a dashboard runs): it must be right whatever runs. It is right
//! because of three rules:
//!
//! 1. **Gone before the database changes.** Before a write that can change a client or a
//!    summary, the store removes the file and syncs the directory; after the write is durable
//!    it writes the new file. A crash in between leaves no file, never a stale one; a reader
//!    that finds no file opens the store (or asks the dashboard), and the next open of the
//!    store writes the file again.
//! 2. **Quick notes are folded in.** `rapport note` without a dashboard appends to the inbox
//!    without opening the database; the reader folds the inbox's events into what the file
//!    says (a contact moves the last contact, a promise is added unless already there). It
//!    reads the inbox *before* the file, so an event moved from the inbox into the database in
//!    between is seen in the file, at worst twice — which the fold tolerates (ids are checked).
//! 3. **It holds inputs, not answers.** Due-ness depends on the time, so the file keeps what
//!    the insight functions need and the reader runs the same functions the agenda runs.

use super::codec::{decode, encode};
use super::replace::{replace, Durability};
use super::{Result, StoreError};
use crate::model::{Client, Event, OpenPromise, Summary};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::path::Path;

const FILE: &str = "digest";

/// One client as the digest holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DigestEntry {
    pub client: Client,
    pub last_contact: Option<DateTime<Utc>>,
    pub open_promises: Vec<OpenPromise>,
}

impl DigestEntry {
    pub fn of(client: &Client, summary: &Summary) -> Self {
        Self {
            client: client.clone(),
            last_contact: summary.last_contact,
            open_promises: summary.open_promises.clone(),
        }
    }

    /// A summary with what the entry knows (last contact, open promises) and nothing else.
    pub fn summary(&self) -> Summary {
        Summary {
            last_contact: self.last_contact,
            open_promises: self.open_promises.clone(),
            ..Summary::default()
        }
    }

    /// Folds in a new event the way `Summary::apply` would, for the fields the entry keeps.
    fn fold(&mut self, event: &Event) {
        if !event.is_live() {
            return;
        }
        if event.kind.is_contact() {
            self.last_contact = self.last_contact.max(Some(event.at));
        }
        if event.is_open_promise() && !self.open_promises.iter().any(|p| p.event == event.id) {
            self.open_promises.push(OpenPromise {
                event: event.id,
                at: event.at,
                due: event.promise.as_ref().and_then(|p| p.due),
                text: event.text.clone(),
            });
            self.open_promises.sort_by_key(|p| (p.due, p.at));
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Digest {
    /// Every client, archived included, in no particular order.
    pub clients: Vec<DigestEntry>,
}

impl Digest {
    /// The file in `dir`; `None` when it is missing or unreadable (then ask the store).
    pub fn load(dir: &Path) -> Option<Self> {
        decode(&fs::read(dir.join(FILE)).ok()?).ok()
    }

    /// Writes the file (not synced: rule 1 makes a lost or torn file harmless, as it then
    /// fails to decode or is missing).
    pub fn save(&self, dir: &Path) -> Result<()> {
        replace(dir, FILE, &encode(self), Durability::Cache)
    }

    /// Removes the file durably before the database changes (rule 1). Nothing to do when
    /// there is none.
    pub fn remove(dir: &Path) -> Result<()> {
        let path = dir.join(FILE);
        let io = |source| StoreError::Io {
            context: format!("removing {}", path.display()),
            source,
        };
        match fs::remove_file(&path) {
            Ok(()) => File::open(dir).and_then(|d| d.sync_all()).map_err(io),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io(e)),
        }
    }

    /// Replaces (or adds) one client's entry.
    pub fn put(&mut self, client: &Client, summary: &Summary) {
        let entry = DigestEntry::of(client, summary);
        match self.clients.iter_mut().find(|e| e.client.id == client.id) {
            Some(slot) => *slot = entry,
            None => self.clients.push(entry),
        }
    }

    /// Folds events not yet in the database (the inbox) in (rule 2); events of unknown
    /// clients are left out, as the store will reject them.
    pub fn fold_in(&mut self, events: &[Event]) {
        for event in events {
            if let Some(entry) = self
                .clients
                .iter_mut()
                .find(|e| e.client.id == event.client)
            {
                entry.fold(event);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientId, EventId, Kind, PromiseInfo};
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0).unwrap()
    }

    #[test]
    fn saved_loaded_removed_and_folded() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Digest::load(dir.path()), None);
        let client = Client {
            id: ClientId::new_at(1),
            name: "Acme".into(),
            ..Client::default()
        };
        let mut digest = Digest::default();
        digest.put(&client, &Summary::default());
        digest.put(&client, &Summary::default());
        assert_eq!(digest.clients.len(), 1);
        digest.save(dir.path()).unwrap();
        assert_eq!(Digest::load(dir.path()).as_ref(), Some(&digest));
        let call = Event {
            id: EventId::new_at(2),
            client: client.id,
            kind: Kind::Call,
            at: at(20),
            ..Event::default()
        };
        let promise = Event {
            id: EventId::new_at(3),
            client: client.id,
            kind: Kind::Promise,
            at: at(21),
            promise: Some(PromiseInfo::default()),
            ..Event::default()
        };
        let stranger = Event {
            client: ClientId::new_at(9),
            ..call.clone()
        };
        // Seen twice (inbox and file): still one promise.
        digest.fold_in(&[call, promise.clone(), promise, stranger]);
        let entry = &digest.clients[0];
        assert_eq!(entry.last_contact, Some(at(20)));
        assert_eq!(entry.open_promises.len(), 1);
        Digest::remove(dir.path()).unwrap();
        Digest::remove(dir.path()).unwrap();
        assert_eq!(Digest::load(dir.path()), None);
        std::fs::write(dir.path().join(FILE), b"\0\0torn").unwrap();
        assert_eq!(Digest::load(dir.path()), None, "a torn file is no file");
    }
}
