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

use super::replace::{replace, Durability};
use crate::model::{
    Client, ClientId, ClientState, ContactStyle, Event, EventId, OpenPromise, Summary,
};
use crate::store::{Result, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

const FILE: &str = "digest";
/// The file's format: this byte, then MessagePack arrays (no field names: at a million
/// events the file holds thousands of promises, and names and RFC 3339 strings tripled the
/// time to read it). Another byte is read as no file.
const VERSION: u8 = 1;
// After the byte: the lengths of the entries and of the texts (u32, little-endian each), the
// entries, then the promises' texts (one list per entry), both MessagePack. `status --tmux` only counts, so it
// never reads the texts, which at a million events are most of the file.

/// One client as the digest holds it: times as milliseconds, days as days since 1 January of
/// year 1, ids as numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DigestEntry {
    id: u128,
    name: String,
    state: ClientState,
    style: ContactStyle,
    cadence_days: u32,
    snooze_until: Option<i32>,
    archived: bool,
    last_contact: Option<i64>,
    /// Open promises as (event id, made at, due day), in the summary's order; their texts
    /// are kept apart (see `Digest`).
    promises: Vec<(u128, i64, Option<i32>)>,
}

fn ms(t: &DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn day(d: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(d)
}

impl DigestEntry {
    fn of(client: &Client, summary: &Summary) -> (Self, Vec<String>) {
        let entry = Self {
            id: client.id.0 .0,
            name: client.name.clone(),
            state: client.state,
            style: client.style,
            cadence_days: client.cadence_days,
            snooze_until: client.snooze_until.map(|d| d.num_days_from_ce()),
            archived: client.archived,
            last_contact: summary.last_contact.as_ref().map(ms),
            promises: (summary.open_promises.iter())
                .map(|p| (p.event.0 .0, ms(&p.at), p.due.map(|d| d.num_days_from_ce())))
                .collect(),
        };
        let texts = summary
            .open_promises
            .iter()
            .map(|p| p.text.clone())
            .collect();
        (entry, texts)
    }

    /// The client, with what the digest keeps of it (enough for the insights' due-ness).
    pub fn client(&self) -> Client {
        Client {
            id: ClientId(ulid::Ulid(self.id)),
            name: self.name.clone(),
            state: self.state,
            style: self.style,
            cadence_days: self.cadence_days,
            snooze_until: self.snooze_until.and_then(day),
            archived: self.archived,
            ..Client::default()
        }
    }

    /// A summary with what the entry knows (last contact, open promises) and nothing else;
    /// the promises' texts when given (else empty).
    pub fn summary(&self, texts: Option<&[String]>) -> Summary {
        let text = |i: usize| texts.and_then(|t| t.get(i)).cloned().unwrap_or_default();
        let open_promises = (self.promises.iter().enumerate())
            .map(|(i, (id, at, due))| OpenPromise {
                event: EventId(ulid::Ulid(*id)),
                at: time(*at),
                due: due.and_then(day),
                text: text(i),
            })
            .collect();
        Summary {
            last_contact: self.last_contact.map(time),
            open_promises,
            ..Summary::default()
        }
    }

    /// Folds in a new event the way `Summary::apply` would, for the fields the entry keeps
    /// (`texts`: the entry's promise texts, when loaded).
    fn fold(&mut self, event: &Event, texts: Option<&mut Vec<String>>) {
        if !event.is_live() {
            return;
        }
        if event.is_contact() {
            self.last_contact = self.last_contact.max(Some(ms(&event.at)));
        }
        let known = self.promises.iter().any(|(id, _, _)| *id == event.id.0 .0);
        if event.is_open_promise() && !known {
            let mut summary = self.summary(texts.as_deref().map(Vec::as_slice));
            summary.add_open_promise(event);
            let (entry, new_texts) = Self::of(&self.client(), &summary);
            self.promises = entry.promises;
            if let Some(texts) = texts {
                *texts = new_texts;
            }
        }
    }
}

/// The version byte and the two lengths.
const HEADER: u64 = 9;

/// The lengths of the entries and of the texts, after checking the version.
fn header(file: &mut File) -> Option<(u64, u64)> {
    let mut head = [0u8; HEADER as usize];
    file.read_exact(&mut head).ok()?;
    let len = |at: usize| {
        u64::from(u32::from_le_bytes([
            head[at],
            head[at + 1],
            head[at + 2],
            head[at + 3],
        ]))
    };
    (head[0] == VERSION).then(|| (len(1), len(5)))
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Digest {
    /// Every client, archived included, in no particular order.
    pub clients: Vec<DigestEntry>,
    /// Each entry's promise texts, in the entry's order; empty when loaded without them.
    pub texts: Vec<Vec<String>>,
}

impl Digest {
    /// The file in `dir`, with the promises' texts or without (quicker); `None` when it is
    /// missing or unreadable (then ask the store).
    pub fn load(dir: &Path, with_texts: bool) -> Option<Self> {
        let mut file = File::open(dir.join(FILE)).ok()?;
        let (len, _) = header(&mut file)?;
        let mut entries = vec![0u8; len as usize];
        file.read_exact(&mut entries).ok()?;
        let clients: Vec<DigestEntry> = rmp_serde::from_slice(&entries).ok()?;
        let texts: Vec<Vec<String>> = if with_texts {
            let mut rest = Vec::new();
            file.read_to_end(&mut rest).ok()?;
            rmp_serde::from_slice(&rest).ok()?
        } else {
            Vec::new()
        };
        if with_texts && texts.len() != clients.len() {
            return None;
        }
        Some(Self { clients, texts })
    }

    /// Whether the file is there and as long as its header says, without decoding it (a
    /// store opening checks this; decoding is left to the first write).
    pub fn looks_whole(dir: &Path) -> bool {
        let Ok(mut file) = File::open(dir.join(FILE)) else {
            return false;
        };
        let size = file.metadata().map_or(0, |m| m.len());
        header(&mut file).is_some_and(|(a, b)| size == HEADER + a + b)
    }

    /// Writes the file (not synced: rule 1 makes a lost or torn file harmless, as it then
    /// fails to decode or is missing). Needs the texts.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let entries = rmp_serde::to_vec(&self.clients).expect("encoding into memory");
        let texts = rmp_serde::to_vec(&self.texts).expect("encoding into memory");
        let too_big = |_| StoreError::Io {
            context: format!("writing {}", dir.join(FILE).display()),
            source: std::io::Error::other("the digest would be over 4 GiB"),
        };
        let mut bytes = vec![VERSION];
        bytes.extend_from_slice(&u32::try_from(entries.len()).map_err(too_big)?.to_le_bytes());
        bytes.extend_from_slice(&u32::try_from(texts.len()).map_err(too_big)?.to_le_bytes());
        bytes.extend_from_slice(&entries);
        bytes.extend_from_slice(&texts);
        replace(dir, FILE, &bytes, Durability::Cache)
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

    /// Each client with a summary of what the digest knows (texts included if loaded).
    pub fn entries(&self) -> impl Iterator<Item = (Client, Summary)> + '_ {
        (self.clients.iter().enumerate()).map(|(i, entry)| {
            let texts = self.texts.get(i).map(Vec::as_slice);
            (entry.client(), entry.summary(texts))
        })
    }

    /// Replaces (or adds) one client's entry (the digest must hold its texts).
    pub fn put(&mut self, client: &Client, summary: &Summary) {
        let (entry, texts) = DigestEntry::of(client, summary);
        match self.clients.iter().position(|e| e.id == entry.id) {
            Some(i) => {
                self.clients[i] = entry;
                self.texts[i] = texts;
            }
            None => {
                self.clients.push(entry);
                self.texts.push(texts);
            }
        }
    }

    /// Forgets a client (gone from the store).
    pub fn forget(&mut self, client: ClientId) {
        if let Some(i) = self.clients.iter().position(|e| e.id == client.0 .0) {
            self.clients.remove(i);
            self.texts.remove(i);
        }
    }

    /// Folds events not yet in the database (the inbox) in (rule 2); events of unknown
    /// clients are left out, as the store will reject them.
    pub fn fold_in(&mut self, events: &[Event]) {
        for event in events {
            let id = event.client.0 .0;
            if let Some(i) = self.clients.iter().position(|e| e.id == id) {
                self.clients[i].fold(event, self.texts.get_mut(i));
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
        assert_eq!(Digest::load(dir.path(), true), None);
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
        assert_eq!(Digest::load(dir.path(), true).as_ref(), Some(&digest));
        let quick = Digest::load(dir.path(), false).unwrap();
        assert_eq!((quick.clients.len(), quick.texts.len()), (1, 0));
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
            text: "keep it".into(),
            promise: Some(PromiseInfo::default()),
            ..Event::default()
        };
        let stranger = Event {
            client: ClientId::new_at(9),
            ..call.clone()
        };
        // Seen twice (inbox and file): still one promise.
        digest.fold_in(&[call, promise.clone(), promise, stranger]);
        let (_, summary) = digest.entries().next().unwrap();
        assert_eq!(summary.last_contact, Some(at(20)));
        assert_eq!(summary.open_promises.len(), 1);
        assert_eq!(summary.open_promises[0].text, "keep it");
        assert_eq!(digest.clients[0].client().name, "Acme");
        Digest::remove(dir.path()).unwrap();
        Digest::remove(dir.path()).unwrap();
        assert_eq!(Digest::load(dir.path(), true), None);
        digest.save(dir.path()).unwrap();
        assert!(Digest::looks_whole(dir.path()));
        let bytes = std::fs::read(dir.path().join(FILE)).unwrap();
        std::fs::write(dir.path().join(FILE), &bytes[..bytes.len() - 1]).unwrap();
        assert!(!Digest::looks_whole(dir.path()), "cut short");
        std::fs::write(dir.path().join(FILE), b"\0\0torn").unwrap();
        assert!(!Digest::looks_whole(dir.path()));
        assert_eq!(
            Digest::load(dir.path(), true),
            None,
            "a torn file is no file"
        );
    }
}
