//! Export and import. JSON Lines is the lossless format: export → import into an empty store →
//! export gives the same bytes. CSV is for spreadsheets (events only, one row each).
//!
//! An edited event's earlier versions (version 2 of the format) come just before it, oldest
//! first; the import replays them: the oldest is added, then each later one is an edit made
//! when the one before it was replaced, so the store keeps the same versions and summaries.

use crate::model::{valid, Client, ClientId, Event, EventId, EventVersion, Person, PersonId};
use crate::store::{Loader, Store};
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};

/// The JSON Lines format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 2;

/// One line of a JSON Lines export.
#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Record {
    Header {
        format: String,
        version: u32,
    },
    Client(Client),
    Person(Person),
    Event(Event),
    /// An earlier version of the event on the next `event` line (format version 2).
    Version(EventVersion),
}

/// How many of each were written or read.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub clients: usize,
    pub people: usize,
    pub events: usize,
    pub skipped: usize,
    /// Events stored here that the file has a newer edit of, which was taken (`--merge`).
    pub taken: Vec<String>,
    /// Clients of the file that are a client here by name, made on another machine (`--merge`).
    pub joined: Vec<String>,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} clients, {} people, {} events",
            self.clients, self.people, self.events
        )?;
        if self.skipped > 0 {
            write!(f, " ({} already present, skipped)", self.skipped)?;
        }
        Ok(())
    }
}

/// Which events an export includes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Filter {
    /// Leave out notes marked private, the private lines of the others, and personal facts
    /// (for anything that may reach a client).
    pub without_private: bool,
    /// CSV: list removed (tombstoned) notes too. A JSON Lines export, a backup, always does.
    pub with_removed: bool,
}

impl Filter {
    fn keeps(self, event: &Event) -> bool {
        !(self.without_private && event.private)
    }

    /// The event as the export shows it: without its private lines when private is left out.
    fn shown(self, mut event: Event) -> Event {
        if self.without_private {
            event.text = crate::model::without_private_lines(&event.text);
        }
        event
    }
}

/// Clients, then people, then each client's timeline, all in a stable order.
pub fn export_jsonl(store: &dyn Store, out: &mut dyn Write, filter: Filter) -> Result<Counts> {
    let mut counts = Counts::default();
    let line = |record: &Record, out: &mut dyn Write| -> Result<()> {
        serde_json::to_writer(&mut *out, record)?;
        out.write_all(b"\n")?;
        Ok(())
    };
    line(
        &Record::Header {
            format: "rapport".into(),
            version: FORMAT_VERSION,
        },
        out,
    )?;
    let mut clients = store.clients()?;
    clients.sort_by_key(|c| c.id);
    let mut people = store.people(None)?;
    people.sort_by_key(|p| p.id);
    for client in &clients {
        line(&Record::Client(client.clone()), out)?;
        counts.clients += 1;
    }
    for mut person in people {
        // Personal facts are notes to self: an export for others leaves them out.
        if filter.without_private {
            person.facts.clear();
            (person.birthday, person.anniversary) = (None, None);
        }
        line(&Record::Person(person), out)?;
        counts.people += 1;
    }
    for client in &clients {
        store.for_each_event(client.id, &mut |event| {
            if !filter.keeps(&event) {
                return Ok(());
            }
            if event.edited.is_some() {
                for mut version in store.event_versions(event.id)? {
                    // An earlier private wording stays out of an export for others too.
                    if filter.keeps(&version.event) {
                        version.event = filter.shown(version.event);
                        line(&Record::Version(version), out).map_err(io_error)?;
                    }
                }
            }
            line(&Record::Event(filter.shown(event)), out).map_err(io_error)?;
            counts.events += 1;
            Ok(())
        })?;
    }
    out.flush()?;
    Ok(counts)
}

fn io_error(e: anyhow::Error) -> crate::store::StoreError {
    crate::store::StoreError::Io {
        context: "writing the export".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// Events as CSV, with names instead of ids; starts with a UTF-8 byte-order mark so that
/// spreadsheet programs read Japanese text correctly.
pub fn export_csv(store: &dyn Store, out: &mut dyn Write, filter: Filter) -> Result<Counts> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "id", "when_utc", "client", "people", "kind", "text", "tags", "trust", "private",
        "minutes", "billed", "due", "outcome", "removed",
    ])?;
    let names: HashMap<PersonId, String> = store
        .people(None)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut counts = Counts::default();
    for client in store.clients()? {
        counts.clients += 1;
        store.for_each_event(client.id, &mut |e| {
            if !filter.keeps(&e) || (e.deleted.is_some() && !filter.with_removed) {
                return Ok(());
            }
            let e = filter.shown(e);
            let people: Vec<&str> = e
                .people
                .iter()
                .filter_map(|p| names.get(p).map(String::as_str))
                .collect();
            let promise = e.promise.as_ref();
            let opt = |v: Option<String>| v.unwrap_or_default();
            let when = |at: DateTime<Utc>| at.format(CSV_TIME).to_string();
            writer
                .write_record([
                    e.id.to_string(),
                    when(e.at),
                    cell(&client.name),
                    cell(&people.join("; ")),
                    e.kind.to_string(),
                    cell(&e.text),
                    cell(&e.tags.join(" ")),
                    e.trust.to_string(),
                    e.private.to_string(),
                    opt(e.minutes.map(|m| m.to_string())),
                    e.billed.to_string(),
                    opt(promise.and_then(|p| p.due).map(|d| d.to_string())),
                    opt(promise.and_then(|p| p.outcome).map(|o| o.to_string())),
                    opt(e.deleted.map(when)),
                ])
                .map_err(|e| io_error(e.into()))?;
            counts.events += 1;
            Ok(())
        })?;
    }
    writer.flush()?;
    Ok(counts)
}

/// How the CSV writes a moment (UTC), the same in every column.
const CSV_TIME: &str = "%Y-%m-%d %H:%M:%S";

/// A text cell as a spreadsheet may take it: one that would run as a formula (OWASP's list:
/// `= + - @`, tab, carriage return) gets a `'` in front, which spreadsheets hide. So does one
/// that begins with `'` itself, or the spreadsheet would hide the note's own apostrophe; and so
/// every text cell that begins with `'` had one added, and dropping it gives the text back.
fn cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Reads a JSON Lines export. The whole input is checked before anything is written, so a bad
/// line leaves the store as it was; `open` is called twice (check, then write), so a file of a
/// million events is streamed, never held in memory. Records whose id is already stored are
/// skipped (`rapport import` refuses a store that is not empty unless told to merge).
pub fn import_jsonl(
    store: &dyn Store,
    open: &dyn Fn() -> Result<Box<dyn BufRead>>,
    now: DateTime<Utc>,
) -> Result<Counts> {
    let mut check = Validator::new(store)?;
    records(open()?, &mut |line, record| {
        check.record(store, line, &record)
    })?;
    if let Some(id) = check.versions_of {
        bail!("the file ends with versions of event {id}, without the event");
    }
    let joined = std::mem::take(&mut check.joined);
    let mut writer = Writer {
        same: check.same,
        store,
        loader: Loader::new(store, now),
        counts: Counts::default(),
        now,
        earlier: Vec::new(),
        clients: HashSet::new(),
        people: HashSet::new(),
    };
    let mut last = 0;
    records(open()?, &mut |line, record| {
        last = line;
        writer
            .record(record)
            .with_context(|| format!("storing the records up to line {line}"))
    })?;
    let Writer {
        loader, mut counts, ..
    } = writer;
    counts.joined = joined;
    loader
        .finish()
        .with_context(|| format!("storing the records up to line {last}"))?;
    Ok(counts)
}

/// Calls `f` with each record and its line number; checks the header.
fn records(input: Box<dyn BufRead>, f: &mut dyn FnMut(usize, Record) -> Result<()>) -> Result<()> {
    let mut seen_header = false;
    for (n, line) in input.lines().enumerate() {
        let n = n + 1;
        let line = line.with_context(|| format!("line {n}: not UTF-8 text"))?;
        // A byte-order mark, as Windows editors write, is not part of the first record.
        let line = match n {
            1 => line
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(line),
            _ => line,
        };
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(&line)
            .with_context(|| format!("line {n}: not a rapport record"))?;
        if let Record::Header { format, version } = &record {
            if format != "rapport" || *version > FORMAT_VERSION {
                bail!(
                    "line {n}: this is a '{format}' export of version {version}; \
                     this rapport reads rapport exports up to version {FORMAT_VERSION}"
                );
            }
            seen_header = true;
        } else if !seen_header {
            bail!("line {n}: a rapport export starts with a header line");
        }
        f(n, record)?;
    }
    if !seen_header {
        bail!("the file is empty");
    }
    Ok(())
}

/// References must point at clients and people in the file or the store; names must stay unique.
struct Validator {
    clients: HashSet<ClientId>,
    people: HashSet<PersonId>,
    handles: HashMap<String, ClientId>,
    events: HashSet<EventId>,
    /// The event whose earlier versions are being read: its line must come next.
    versions_of: Option<EventId>,
    /// A client of the file → the client here of the same name (made on another machine).
    same: HashMap<ClientId, ClientId>,
    /// What differs between each of those, said to the user.
    joined: Vec<String>,
}

impl Validator {
    fn new(store: &dyn Store) -> Result<Self> {
        Ok(Self {
            clients: store.clients()?.iter().map(|c| c.id).collect(),
            people: store.people(None)?.iter().map(|p| p.id).collect(),
            handles: HashMap::new(),
            events: HashSet::new(),
            versions_of: None,
            same: HashMap::new(),
            joined: Vec::new(),
        })
    }

    fn record(&mut self, store: &dyn Store, line: usize, record: &Record) -> Result<()> {
        // The same rules as the command line's, so an import cannot store what it refuses.
        let fields = match record {
            Record::Header { .. } => Ok(()),
            Record::Client(c) => valid::client(c),
            Record::Person(p) => valid::person(p),
            Record::Event(e) => valid::event(e),
            Record::Version(v) => valid::event(&v.event),
        };
        fields.with_context(|| format!("line {line}"))?;
        if let Some(id) = self.versions_of.take() {
            match record {
                Record::Version(v) if v.event.id == id => self.versions_of = Some(id),
                Record::Event(e) if e.id == id => {}
                _ => bail!("line {line}: versions of event {id} are not followed by the event"),
            }
        }
        match record {
            Record::Header { .. } => {}
            Record::Version(v) => self.versions_of = Some(v.event.id),
            Record::Client(c) => {
                let mut here = None;
                for handle in c.handles() {
                    let owner = match self.handles.get(&handle) {
                        Some(id) => Some(*id),
                        // The same name here, another id: the client made on another machine.
                        None => match store.client_by_handle(&handle)? {
                            Some(o) if o != c.id && here.is_none_or(|h| h == o) => {
                                here = Some(o);
                                None
                            }
                            owner => owner,
                        },
                    };
                    if owner.is_some_and(|o| o != c.id) {
                        bail!("line {line}: a different client is already named '{handle}'");
                    }
                    self.handles.insert(handle, c.id);
                }
                if let Some(here) = here.and_then(|id| store.client(id).transpose()) {
                    let here = here?;
                    self.joined.push(joined(&here, c));
                    self.same.insert(c.id, here.id);
                }
                self.clients.insert(c.id);
            }
            Record::Person(p) if !self.clients.contains(&p.client) => {
                bail!(
                    "line {line}: {} belongs to client {}, which is not in the file or the store",
                    p.name,
                    p.client
                )
            }
            Record::Person(p) => {
                self.people.insert(p.id);
            }
            Record::Event(e) => {
                if !self.clients.contains(&e.client) {
                    bail!("line {line}: event {} belongs to client {}, which is not in the file or the store", e.id, e.client);
                }
                if let Some(p) = e.people.iter().find(|p| !self.people.contains(p)) {
                    bail!("line {line}: event {} names person {p}, who is not in the file or the store", e.id);
                }
                if !self.events.insert(e.id) {
                    bail!("line {line}: event {} appears twice", e.id);
                }
            }
        }
        Ok(())
    }
}

/// The second pass: what is not stored yet goes to the store a batch at a time.
struct Writer<'a> {
    /// Clients of the file that are a client here ([`Validator::same`]): theirs join it.
    same: HashMap<ClientId, ClientId>,
    store: &'a dyn Store,
    loader: Loader<'a>,
    counts: Counts,
    now: DateTime<Utc>,
    /// Clients and people already on their way in a batch: a file that gives one twice has
    /// the second skipped, as when each record was stored at once. (Events appear once.)
    clients: HashSet<ClientId>,
    people: HashSet<PersonId>,
    /// The versions read for the next event (version 2 of the format).
    earlier: Vec<EventVersion>,
}

impl Writer<'_> {
    fn record(&mut self, mut record: Record) -> Result<()> {
        let here = |id: &mut ClientId, same: &HashMap<ClientId, ClientId>| {
            *id = same.get(id).copied().unwrap_or(*id);
        };
        match &mut record {
            Record::Client(c) if self.same.contains_key(&c.id) => return Ok(()),
            Record::Person(p) => here(&mut p.client, &self.same),
            Record::Event(e) => here(&mut e.client, &self.same),
            Record::Version(v) => here(&mut v.event.client, &self.same),
            _ => {}
        }
        let counts = &mut self.counts;
        match record {
            Record::Header { .. } => {}
            Record::Client(c)
                if self.clients.contains(&c.id) || self.store.client(c.id)?.is_some() =>
            {
                counts.skipped += 1
            }
            Record::Client(c) => {
                self.clients.insert(c.id);
                self.loader.client(c)?;
                counts.clients += 1;
            }
            Record::Person(p)
                if self.people.contains(&p.id) || self.store.person(p.id)?.is_some() =>
            {
                counts.skipped += 1
            }
            Record::Person(p) => {
                self.people.insert(p.id);
                self.loader.person(p)?;
                counts.people += 1;
            }
            Record::Version(version) => self.earlier.push(version),
            Record::Event(e) => match self.store.event(e.id)? {
                Some(here) => {
                    self.earlier.clear();
                    match newer_edit(&here, &e) {
                        Some(at) => {
                            // The edit needs the stored event as it is now: the batch goes first.
                            self.loader.flush()?;
                            self.store.edit_event(&e, at)?;
                            counts.taken.push(taken(&here, &e, at));
                        }
                        None => counts.skipped += 1,
                    }
                }
                None => self.new_event(e)?,
            },
        }
        Ok(())
    }

    /// An event not stored yet, with the versions read before it.
    fn new_event(&mut self, e: Event) -> Result<()> {
        if self.earlier.is_empty() {
            self.loader.event(e)?;
        } else {
            // An edit needs its event stored: what the batch holds goes first.
            self.loader.flush()?;
            replay(self.store, std::mem::take(&mut self.earlier), &e, self.now)?;
        }
        self.counts.events += 1;
        Ok(())
    }
}

/// What a merge says of a client of the file that is `here` by name: what differs.
fn joined(here: &Client, there: &Client) -> String {
    let (a, b) = (serde_json::to_value(here), serde_json::to_value(there));
    let differs: Vec<String> = match (a, b) {
        (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) => a
            .iter()
            .filter(|(k, v)| *k != "id" && b.get(*k) != Some(*v))
            .map(|(k, v)| {
                format!(
                    "{k}: {v} here, {} in the file",
                    b.get(k).unwrap_or(&serde_json::Value::Null)
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    format!(
        "{} in the file ({}) is {} here ({}), made on another machine: its people and events join it{}{}",
        there.name,
        there.id,
        here.name,
        here.id,
        if differs.is_empty() { "" } else { "; differs: " },
        differs.join("; ")
    )
}

/// When the file's `there` was edited, if that is later than the last change of the stored
/// `here` (its edit, or its making): a merge takes the newer wording, and the one stored here
/// becomes an earlier version of it, so nothing is lost.
fn newer_edit(here: &Event, there: &Event) -> Option<DateTime<Utc>> {
    let changed = |e: &Event| e.edited.as_ref().map_or(e.created, |d| d.at);
    let at = there.edited.as_ref()?.at;
    (at > changed(here) && here != there).then_some(at)
}

/// What a merge says about an edit it took.
fn taken(here: &Event, there: &Event, at: DateTime<Utc>) -> String {
    let short = |text: &str| -> String {
        let line = text.lines().next().unwrap_or_default();
        let cut: String = line.chars().take(50).collect();
        match cut.len() < text.len() {
            true => format!("{cut}…"),
            false => cut,
        }
    };
    format!(
        "took the newer edit of {} (edited {} in the file): '{}' was '{}'",
        there.id,
        at.format(CSV_TIME),
        short(&there.text),
        short(&here.text)
    )
}

/// Stores `event` with its `earlier` versions: the oldest added, each later one (and the
/// event) an edit made when the one before it was replaced.
fn replay(
    store: &dyn Store,
    earlier: Vec<EventVersion>,
    event: &Event,
    now: DateTime<Utc>,
) -> crate::store::Result<()> {
    let mut versions = earlier.into_iter();
    let Some(first) = versions.next() else {
        return store.add_event(event, now);
    };
    store.add_event(&first.event, now)?;
    let mut replaced = first.replaced;
    for version in versions {
        store.edit_event(&version.event, replaced)?;
        replaced = version.replaced;
    }
    store.edit_event(event, replaced)
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_a_spreadsheet_would_run_get_an_apostrophe_that_dropping_undoes() {
        for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted"] {
            let safe = cell(text);
            assert_eq!(safe.strip_prefix('\''), Some(text), "{text:?}");
        }
        for text in ["plain", "", " =not first", "1-2", "東京"] {
            assert_eq!(cell(text), text);
        }
    }
}
