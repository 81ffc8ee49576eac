//! Key layout. One sled tree; a short prefix names the record type, and keys sort so that the
//! scans we need are prefix or range scans:
//!
//! ```text
//! m/schema                          schema version (u32, big-endian)
//! m/names                           generation of the names file (u64, big-endian)
//! c/<client>                        Client
//! n/<folded name or alias>          ClientId          (unique names and aliases)
//! p/<client>/<person>               Person            (stakeholders by client)
//! P/<person>                        ClientId          (find a person by id)
//! e/<client>/<time:8><event>        chunk of Events   (a client's timeline in time order)
//! E/<event>                         chunk of Located  (find an event by id)
//! s/<client>                        Summary
//! d/<client>                        Draft             (an unsaved dashboard note)
//! V/<event>/<n:4>                   EventVersion      (the event before its n+1th edit)
//! m/docs                            next note number of the search index (u32, big-endian)
//! m/indexed                         notes below it have their postings written (u32)
//! #/<block:4>                       64 note refs      (note number → event, `search/docs.rs`)
//! v/<token>                         notes with the token (u32, big-endian)
//! w/<token>\0<first note:4>         posting chunk     (note numbers with the token)
//! m/outbox                          next outbox number (u64, big-endian; only in a team)
//! o/<seq:8>                         Shareable         (waits to be pushed, `outbox.rs`)
//! A/<event>                         String            (who wrote a pulled event)
//! ```
//!
//! Timelines and the id index are chunked maps (`chunks.rs`): the key names the first entry of
//! a chunk of neighbours, so a million events take a few hundred thousand records.

use crate::model::{ClientId, EventId, PersonId};
use crate::store::Position;
use chrono::{DateTime, Utc};

pub const SCHEMA: &[u8] = b"m/schema";
/// Bumped with every client or person write; the names file records the one it reflects.
pub const NAMES_GENERATION: &[u8] = b"m/names";
pub const CLIENTS: &[u8] = b"c/";
pub const PEOPLE: &[u8] = b"p/";
pub const EVENT_INDEX: &[u8] = b"E/";
pub const SUMMARIES: &[u8] = b"s/";
pub const DRAFTS: &[u8] = b"d/";
/// Earlier versions of edited events (see `versions.rs`).
pub const VERSIONS: &[u8] = b"V/";
/// Clients whose stored summary may lag their timeline: set in the batch that writes events
/// ahead of the summary (inside `load`, or before a rebuild), cleared with the summary.
pub const UNSETTLED: &[u8] = b"u/";
/// The search index (see `search.rs`).
pub const DOCS_NEXT: &[u8] = b"m/docs";
/// Notes below this number have their postings written (see `search::catch_up`).
pub const DOCS_WRITTEN: &[u8] = b"m/indexed";
pub const DOC_BLOCKS: &[u8] = b"#/";
pub const VOCABULARY: &[u8] = b"v/";
pub const POSTINGS: &[u8] = b"w/";
/// The next outbox number; present once the store is in a team (see `outbox.rs`).
pub const OUTBOX_NEXT: &[u8] = b"m/outbox";
pub const OUTBOX: &[u8] = b"o/";

pub fn outbox(seq: u64) -> Vec<u8> {
    join(&[OUTBOX, &seq.to_be_bytes()])
}

pub fn author(event: EventId) -> Vec<u8> {
    join(&[b"A/", event.to_key().as_bytes()])
}

/// Where a page of a timeline resumes, as the sort key of a timeline entry (`e/<client>/`
/// comes before it): a page's own cursor is the key of its last event, and a time with no id
/// sorts before every event at that time.
pub fn resume_at(position: &Position) -> Vec<u8> {
    match position {
        Position::Before(at) => time_bytes(at.timestamp_millis()).to_vec(),
        Position::Resume(key) => key.clone(),
    }
}

fn join(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

pub fn client(id: ClientId) -> Vec<u8> {
    join(&[CLIENTS, id.to_key().as_bytes()])
}

pub fn handle(folded: &str) -> Vec<u8> {
    join(&[b"n/", folded.as_bytes()])
}

pub fn people_of(client: ClientId) -> Vec<u8> {
    join(&[PEOPLE, client.to_key().as_bytes(), b"/"])
}

pub fn person(client: ClientId, id: PersonId) -> Vec<u8> {
    join(&[&people_of(client), id.to_key().as_bytes()])
}

pub fn person_index(id: PersonId) -> Vec<u8> {
    join(&[b"P/", id.to_key().as_bytes()])
}

pub fn timeline(client: ClientId) -> Vec<u8> {
    join(&[b"e/", client.to_key().as_bytes(), b"/"])
}

pub fn event(client: ClientId, at: DateTime<Utc>, id: EventId) -> Vec<u8> {
    join(&[&timeline(client), &event_suffix(at, id)])
}

/// An event's position within its client's timeline.
pub fn event_suffix(at: DateTime<Utc>, id: EventId) -> Vec<u8> {
    event_suffix_ms(at.timestamp_millis(), id)
}

/// The same, from the time in milliseconds since the epoch.
pub fn event_suffix_ms(at_ms: i64, id: EventId) -> Vec<u8> {
    join(&[&time_bytes(at_ms), id.to_key().as_bytes()])
}

pub fn event_index(id: EventId) -> Vec<u8> {
    join(&[EVENT_INDEX, id.to_key().as_bytes()])
}

pub fn summary(client: ClientId) -> Vec<u8> {
    join(&[SUMMARIES, client.to_key().as_bytes()])
}

pub fn unsettled(client: ClientId) -> Vec<u8> {
    join(&[UNSETTLED, client.to_key().as_bytes()])
}

pub fn draft(client: ClientId) -> Vec<u8> {
    join(&[DRAFTS, client.to_key().as_bytes()])
}

/// The earlier versions of one event.
pub fn versions_of(id: EventId) -> Vec<u8> {
    join(&[VERSIONS, id.to_key().as_bytes(), b"/"])
}

/// The `n`th earlier version of an event (0 the original): big-endian, so oldest first.
pub fn version(id: EventId, n: u32) -> Vec<u8> {
    join(&[&versions_of(id), &n.to_be_bytes()])
}

/// Milliseconds since the epoch with the sign bit flipped, so byte order is time order even
/// before 1970.
fn time_bytes(at_ms: i64) -> [u8; 8] {
    ((at_ms as u64) ^ (1 << 63)).to_be_bytes()
}

/// Reads back a schema-3 timeline key (`e/<client>/<time:8><event>`): client, time, event.
pub fn parse_event_key(key: &[u8]) -> Option<(ClientId, i64, EventId)> {
    let id_len = crate::model::ID_LEN;
    let rest = key.strip_prefix(b"e/")?;
    let client = std::str::from_utf8(rest.get(..id_len)?)
        .ok()?
        .parse()
        .ok()?;
    let time: [u8; 8] = rest.get(id_len + 1..id_len + 9)?.try_into().ok()?;
    let at_ms = (u64::from_be_bytes(time) ^ (1 << 63)) as i64;
    let event = std::str::from_utf8(rest.get(id_len + 9..)?)
        .ok()?
        .parse()
        .ok()?;
    Some((client, at_ms, event))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn timeline_keys_sort_by_event_time_not_id() {
        let client = ClientId::new_at(1);
        let early = Utc.with_ymd_and_hms(1969, 7, 20, 20, 17, 0).unwrap();
        let late = Utc.with_ymd_and_hms(2026, 11, 20, 14, 0, 0).unwrap();
        // The later event gets the smaller id: key order must still follow `at`.
        let a = event(client, early, EventId::new_at(2_000_000_000_000));
        let b = event(client, late, EventId::new_at(1));
        assert!(a < b);
        assert!(a.starts_with(&timeline(client)));
        let id = EventId::new_at(7);
        let at = early.timestamp_millis();
        assert_eq!(
            parse_event_key(&event(client, early, id)),
            Some((client, at, id))
        );
        assert_eq!(parse_event_key(b"e/short"), None);
    }
}
