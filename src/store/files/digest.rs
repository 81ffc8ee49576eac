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
//!    the insight functions need and the reader runs the same functions the agenda runs:
//!    `status` the first section (clients, last contacts, open promises, agenda marks),
//!    `rapport agenda` all three (every client's record, summary and live people too).
//!
//! The bytes, and why the keeper never decodes them, are in `digest/layout.rs`.

mod layout;
mod wire;

pub use layout::{looks_whole, publish_staged, Chunk, Encoded};

use crate::model::{
    agenda_mark, AgendaMark, Client, ClientId, ClientState, ContactStyle, DateKind, Event, EventId,
    OpenFollowUp, OpenPromise, Person, PersonDate, PersonId, Summary, Yearly,
};
use crate::store::{Result, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use layout::{read_sections, AGENDA, ENTRIES, TEXTS};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::path::Path;
use wire::WireSummary;

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
    /// Agenda items snoozed or dismissed: (item id, note, noted at, snoozed through).
    marks: Vec<(String, u128, i64, Option<i32>)>,
    /// Follow-ups as (event id, noted at, day), for the count (texts in the agenda section).
    follow_ups: Vec<(u128, i64, i32)>,
    /// The live people's yearly dates as (person id, kind, date), for the count on the day.
    dates: Vec<(u128, DateKind, Yearly)>,
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
    fn of(client: &Client, summary: &Summary, people: &[Person]) -> (Self, Vec<String>) {
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
            marks: (summary.agenda_marks.iter())
                .map(|(item, m)| {
                    let until = m.until.map(|d| d.num_days_from_ce());
                    (item.clone(), m.event.0 .0, ms(&m.at), until)
                })
                .collect(),
            follow_ups: (summary.open_follow_ups.iter())
                .map(|f| (f.event.0 .0, ms(&f.at), f.on.num_days_from_ce()))
                .collect(),
            dates: (people.iter().flat_map(Person::dates))
                .map(|d| (d.person.0 .0, d.kind, d.date))
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

    /// The yearly dates of the client's live people.
    pub fn dates(&self) -> Vec<PersonDate> {
        (self.dates.iter())
            .map(|&(person, kind, date)| PersonDate {
                person: PersonId(ulid::Ulid(person)),
                kind,
                date,
            })
            .collect()
    }

    /// A summary with what the entry knows (last contact, open promises, agenda marks) and
    /// nothing else; the promises' texts when given (else empty).
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
        let agenda_marks = (self.marks.iter())
            .map(|(item, event, at, until)| {
                let mark = AgendaMark {
                    event: EventId(ulid::Ulid(*event)),
                    at: time(*at),
                    until: until.and_then(day),
                };
                (item.clone(), mark)
            })
            .collect();
        let open_follow_ups = (self.follow_ups.iter())
            .filter_map(|(id, at, on)| {
                Some(OpenFollowUp {
                    event: EventId(ulid::Ulid(*id)),
                    at: time(*at),
                    on: day(*on)?,
                    text: String::new(),
                    person: None,
                })
            })
            .collect();
        Summary {
            last_contact: self.last_contact.map(time),
            open_promises,
            agenda_marks,
            open_follow_ups,
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
        let marks = agenda_mark(event).is_some();
        let follow = event.is_follow_up() && !self.follow_ups.iter().any(|f| f.0 == event.id.0 .0);
        if (event.is_open_promise() && !known) || marks || follow {
            let mut summary = self.summary(texts.as_deref().map(Vec::as_slice));
            if event.is_open_promise() && !known {
                summary.add_open_promise(event);
            }
            if follow {
                summary.add_follow_up(event);
            }
            if let Some((item, mark)) = agenda_mark(event) {
                let held = summary.agenda_marks.get(&item);
                if held.is_none_or(|held| held.at <= mark.at) {
                    summary.agenda_marks.insert(item, mark);
                }
            }
            // The people's dates do not change with events: kept as they are.
            let (entry, new_texts) = Self::of(&self.client(), &summary, &[]);
            self.promises = entry.promises;
            self.marks = entry.marks;
            self.follow_ups = entry.follow_ups;
            if let Some(texts) = texts {
                *texts = new_texts;
            }
        }
    }
}

/// One client's chunks for the file: its entry, its promises' texts, its agenda inputs.
pub fn chunk(client: &Client, summary: &Summary, people: &[Person]) -> Chunk {
    let (entry, texts) = DigestEntry::of(client, summary, people);
    let inputs = AgendaInputsRef {
        client,
        summary: WireSummary::from(summary),
        people,
    };
    let encode = "encoding into memory";
    Chunk {
        id: client.id.0 .0,
        parts: [
            rmp_serde::to_vec(&entry).expect(encode),
            rmp_serde::to_vec(&texts).expect(encode),
            // Named: the model's types skip empty optional fields, which arrays cannot.
            rmp_serde::to_vec_named(&inputs).expect(encode),
        ],
    }
}

#[derive(Serialize)]
struct AgendaInputsRef<'a> {
    client: &'a Client,
    summary: WireSummary,
    people: &'a [Person],
}

#[derive(Deserialize)]
struct AgendaInputsWire {
    client: Client,
    summary: WireSummary,
    people: Vec<Person>,
}

/// One client as the agenda reads it: what `rapport agenda` would read from the store.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AgendaInputs {
    pub client: Client,
    pub summary: Summary,
    /// The client's live people, in the store's order.
    pub people: Vec<Person>,
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
        let to = if with_texts { TEXTS + 1 } else { ENTRIES + 1 };
        let sections = read_sections(dir, ENTRIES, to)?;
        let clients: Vec<DigestEntry> = rmp_serde::from_slice(&sections[ENTRIES]).ok()?;
        let texts: Vec<Vec<String>> = match sections.get(TEXTS) {
            Some(bytes) => rmp_serde::from_slice(bytes).ok()?,
            None => Vec::new(),
        };
        let whole = |(e, t): (&DigestEntry, &Vec<String>)| e.promises.len() == t.len();
        if with_texts && (texts.len() != clients.len() || !clients.iter().zip(&texts).all(whole)) {
            return None;
        }
        Some(Self { clients, texts })
    }

    /// Every client's agenda inputs, the promises' texts put back; `None` when the file is
    /// missing or unreadable, or its sections disagree (then ask the store).
    pub fn load_agenda(dir: &Path) -> Option<Vec<AgendaInputs>> {
        let sections = read_sections(dir, TEXTS, AGENDA + 1)?;
        let texts: Vec<Vec<String>> = rmp_serde::from_slice(&sections[0]).ok()?;
        let wires: Vec<AgendaInputsWire> = rmp_serde::from_slice(&sections[1]).ok()?;
        if texts.len() != wires.len() {
            return None;
        }
        (wires.into_iter().zip(texts))
            .map(|(wire, texts)| {
                (wire.summary.promises() == texts.len()).then(|| AgendaInputs {
                    client: wire.client,
                    summary: wire.summary.summary(texts),
                    people: wire.people,
                })
            })
            .collect()
    }

    /// Removes the file durably before the database changes (rule 1). Nothing to do when
    /// there is none.
    pub fn remove(dir: &Path) -> Result<()> {
        let path = dir.join(layout::FILE);
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
        self.dated_entries()
            .map(|(client, summary, _)| (client, summary))
    }

    /// The same with each client's live people's yearly dates (the due count's birthdays).
    pub fn dated_entries(&self) -> impl Iterator<Item = (Client, Summary, Vec<PersonDate>)> + '_ {
        (self.clients.iter().enumerate()).map(|(i, entry)| {
            let texts = self.texts.get(i).map(Vec::as_slice);
            (entry.client(), entry.summary(texts), entry.dates())
        })
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

/// Folds events not yet in the database (the inbox) into the agenda's inputs as the store
/// will (rule 2), skipping one the summary has seen already (read in the file and the inbox
/// both): every event the agenda counts leaves its id in the summary.
pub fn fold_in_agenda(
    inputs: &mut [AgendaInputs],
    events: &[Event],
    now: DateTime<Utc>,
    half_life_days: f64,
) {
    for event in events.iter().filter(|e| e.is_live()) {
        let Some(one) = inputs.iter_mut().find(|i| i.client.id == event.client) else {
            continue;
        };
        if !seen(&one.summary, event.id) {
            one.summary.apply(event, now, half_life_days);
        }
    }
}

fn seen(summary: &Summary, id: EventId) -> bool {
    summary.open_promises.iter().any(|p| p.event == id)
        || summary.recent_contacts.iter().any(|c| c.event == id)
        || summary.recent_advice.iter().any(|a| a.event == id)
        || summary.recent_trust.iter().any(|t| t.event == id)
        || summary.early_promises.iter().any(|p| p.event == id)
        || summary.agenda_marks.values().any(|m| m.event == id)
        || summary.open_follow_ups.iter().any(|f| f.event == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{mark_tag, ClientId, EventId, Kind, PersonId, PromiseInfo};
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0).unwrap()
    }

    /// An open promise of `client`, made on the 21st.
    fn promise(client: ClientId, text: &str) -> Event {
        Event {
            id: EventId::new_at(3),
            client,
            kind: Kind::Promise,
            at: at(21),
            text: text.into(),
            promise: Some(PromiseInfo::default()),
            ..Event::default()
        }
    }

    fn written(dir: &Path, chunks: Vec<Chunk>) {
        let mut encoded = Encoded::default();
        chunks.into_iter().for_each(|c| encoded.put(c));
        encoded.stage(dir).unwrap();
        publish_staged(dir).unwrap();
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
        written(dir.path(), vec![chunk(&client, &Summary::default(), &[])]);
        let mut digest = Digest::load(dir.path(), true).unwrap();
        assert_eq!(digest.clients.len(), 1);
        let quick = Digest::load(dir.path(), false).unwrap();
        assert_eq!((quick.clients.len(), quick.texts.len()), (1, 0));
        let call = Event {
            id: EventId::new_at(2),
            client: client.id,
            kind: Kind::Call,
            at: at(20),
            ..Event::default()
        };
        let promise = promise(client.id, "keep it");
        let snooze = Event {
            id: EventId::new_at(4),
            client: client.id,
            kind: Kind::Note,
            at: at(22),
            tags: vec![mark_tag("K3F9Q2A", NaiveDate::from_ymd_opt(2026, 12, 1))],
            ..Event::default()
        };
        let stranger = Event {
            client: ClientId::new_at(9),
            ..call.clone()
        };
        // Seen twice (inbox and file): still one promise.
        let inbox = [call, promise.clone(), promise, snooze, stranger];
        digest.fold_in(&inbox);
        let (_, summary) = digest.entries().next().unwrap();
        assert_eq!(summary.last_contact, Some(at(20)));
        assert_eq!(summary.open_promises.len(), 1);
        assert_eq!(summary.open_promises[0].text, "keep it");
        assert!(summary.agenda_marks.contains_key("K3F9Q2A"));
        assert_eq!(digest.clients[0].client().name, "Acme");
        let mut agenda = Digest::load_agenda(dir.path()).unwrap();
        fold_in_agenda(&mut agenda, &inbox, at(23), 90.0);
        assert_eq!(agenda[0].summary.open_promises.len(), 1, "seen once");
        assert_eq!(agenda[0].summary.recent_contacts.len(), 1, "seen once");
        assert!(agenda[0].summary.agenda_marks.contains_key("K3F9Q2A"));
        Digest::remove(dir.path()).unwrap();
        Digest::remove(dir.path()).unwrap();
        assert_eq!(Digest::load(dir.path(), true), None);
        written(dir.path(), vec![chunk(&client, &Summary::default(), &[])]);
        assert!(looks_whole(dir.path()));
        let bytes = std::fs::read(dir.path().join(layout::FILE)).unwrap();
        std::fs::write(dir.path().join(layout::FILE), &bytes[..bytes.len() - 1]).unwrap();
        assert!(!looks_whole(dir.path()), "cut short");
        std::fs::write(dir.path().join(layout::FILE), b"\x02\0torn").unwrap();
        assert!(!looks_whole(dir.path()));
        assert_eq!(
            Digest::load(dir.path(), true),
            None,
            "a torn file is no file"
        );
        assert_eq!(Digest::load_agenda(dir.path()), None);
    }

    #[test]
    fn the_agenda_section_gives_back_the_client_its_summary_and_its_people() {
        let dir = tempfile::tempdir().unwrap();
        let client = Client {
            id: ClientId::new_at(1),
            name: "Acme".into(),
            alias: Some("acme".into()),
            ..Client::default()
        };
        let mut summary = Summary::default();
        let promise = promise(client.id, "send the plan");
        summary.apply(&promise, at(22), 90.0);
        let person = Person {
            id: PersonId::new_at(5),
            client: client.id,
            name: "Mikko".into(),
            birthday: Some("1980-02-29".parse().unwrap()),
            anniversary: Some("12-07".parse().unwrap()),
            ..Person::default()
        };
        written(
            dir.path(),
            vec![chunk(&client, &summary, std::slice::from_ref(&person))],
        );
        // The entries keep the dates too, for `status` (which reads only them).
        let entries = Digest::load(dir.path(), false).unwrap();
        let dates: Vec<_> = person.dates().collect();
        assert_eq!(entries.dated_entries().next().unwrap().2, dates);
        let back = Digest::load_agenda(dir.path()).unwrap();
        assert_eq!(
            back,
            vec![AgendaInputs {
                client,
                summary,
                people: vec![person]
            }]
        );
    }
}
