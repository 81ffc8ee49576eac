//! Paging a timeline with and without a filter: what is loaded, and how much is read for it.

use super::*;
use crate::model::{Client, EventId, Kind};
use crate::store::{SledStore, StoreOptions};
use chrono::TimeZone;
use std::sync::OnceLock;
use tempfile::TempDir;

/// Events on the shared timeline: three steps' reading, and a bit.
const EVENTS: usize = 3_000;
/// One event in this many is a call.
const RARE: usize = 50;

/// The shared timeline, written once (writing is the slow part) and only read by the tests.
fn long() -> &'static (TempDir, SledStore, ClientId) {
    static LONG: OnceLock<(TempDir, SledStore, ClientId)> = OnceLock::new();
    LONG.get_or_init(|| write(EVENTS))
}

fn is_call(i: usize) -> bool {
    i % RARE == RARE / 2
}

/// A client with `n` events an hour apart, newest at `newest()`: one in `RARE` a call, the
/// rest notes.
fn write(n: usize) -> (TempDir, SledStore, ClientId) {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::store::open(dir.path(), &StoreOptions::default()).unwrap();
    let client = Client {
        id: ClientId::new_at(1),
        name: "Acme Oy".into(),
        ..Client::default()
    };
    store.put_client(&client).unwrap();
    // Oldest first: appends are what the store writes fastest.
    let events: Vec<Event> = (0..n)
        .rev()
        .map(|i| Event {
            id: EventId::new_at(1_000 + i as u64),
            client: client.id,
            kind: if is_call(i) { Kind::Call } else { Kind::Note },
            at: newest() - Duration::hours(i as i64),
            text: format!("event {i}"),
            ..Event::default()
        })
        .collect();
    let batch = crate::store::Batch {
        events,
        ..Default::default()
    };
    store.load(&batch, newest()).unwrap();
    (dir, store, client.id)
}

fn newest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn load(store: &SledStore, client: ClientId, filter: EventFilter) -> Timeline {
    let names = HashMap::new();
    let source = Source {
        store,
        client,
        names: &names,
    };
    Timeline::load(&source, filter).unwrap()
}

/// Steps `timeline` on until it is done searching; how many steps that took.
fn read_to_end(timeline: &mut Timeline, store: &SledStore, client: ClientId) -> usize {
    let names = HashMap::new();
    let source = Source {
        store,
        client,
        names: &names,
    };
    let mut steps = 0;
    while timeline.reading_on() {
        let before = timeline.scanned;
        timeline.read_on(&source).unwrap();
        assert!(
            timeline.scanned - before <= STEP_PAGES * PAGE,
            "a step is bounded"
        );
        steps += 1;
        assert!(steps < 1_000, "searching never ends");
    }
    steps
}

fn calls() -> EventFilter {
    EventFilter {
        kinds: vec![Kind::Call],
        ..EventFilter::default()
    }
}

#[test]
fn unfiltered_reads_one_page() {
    let (_, store, client) = long();
    let timeline = load(store, *client, EventFilter::default());
    assert_eq!(timeline.rows.len(), PAGE);
    assert_eq!(timeline.scanned, PAGE);
    assert!(!timeline.reading_on());
}

#[test]
fn a_rare_filter_reads_a_bounded_step_then_continues_between_keys() {
    // One call in fifty: the view's rows are spread over much of the timeline.
    let (_, store, client) = long();
    let (store, client) = (store, *client);
    let mut timeline = load(store, client, calls());
    let step = STEP_PAGES * PAGE;
    assert_eq!(timeline.scanned, step, "one step's read, no more");
    assert!(timeline.reading_on());
    assert!(timeline.rows.iter().all(|r| r.event.kind == Kind::Call));
    assert_eq!(
        timeline.rows.len(),
        (0..step).filter(|&i| is_call(i)).count()
    );
    read_to_end(&mut timeline, store, client);
    // Enough for the view past the cursor, not the whole timeline.
    assert_eq!(timeline.rows.len(), AHEAD + 1);
    assert!(timeline.scanned < EVENTS);
    assert!(!timeline.complete());
    assert_eq!(timeline.rows[0].event.text, "event 25");
    assert_eq!(timeline.rows[1].event.text, "event 75");
}

#[test]
fn a_filter_matching_nothing_on_a_long_timeline_stays_bounded() {
    let (_, store, client) = long();
    let (store, client) = (store, *client);
    let nothing = EventFilter {
        tag: Some("kubernetes".into()),
        ..EventFilter::default()
    };
    let mut timeline = load(store, client, nothing);
    assert_eq!(timeline.scanned, STEP_PAGES * PAGE);
    assert!(timeline.rows.is_empty());
    // Moving the cursor (the user pressing j) costs one step too.
    let names = HashMap::new();
    let source = Source {
        store,
        client,
        names: &names,
    };
    timeline.step(1, &source).unwrap();
    assert_eq!(timeline.scanned, 2 * STEP_PAGES * PAGE);
    assert_eq!(timeline.cursor, 0);
    let steps = read_to_end(&mut timeline, store, client);
    assert_eq!(steps, EVENTS.div_ceil(STEP_PAGES * PAGE) - 2);
    assert!(timeline.complete() && timeline.rows.is_empty());
    assert_eq!(timeline.scanned, EVENTS);
    assert_eq!(
        timeline.reached,
        Some(newest() - Duration::hours(EVENTS as i64 - 1)),
        "how far back it read"
    );
}

#[test]
fn since_stops_the_read_and_until_starts_it() {
    let (_, store, client) = long();
    let (store, client) = (store, *client);
    let recent = EventFilter {
        since: Some(newest() - Duration::hours(19)),
        ..EventFilter::default()
    };
    let timeline = load(store, client, recent);
    assert!(timeline.complete());
    assert_eq!(timeline.rows.len(), 20);
    // Reading stops at the first event older than `since`.
    assert_eq!(timeline.scanned, 21);

    let window = EventFilter {
        since: Some(newest() - Duration::hours(2_009)),
        until: Some(newest() - Duration::hours(1_999)),
        ..EventFilter::default()
    };
    let mut timeline = load(store, client, window);
    read_to_end(&mut timeline, store, client);
    let texts: Vec<&str> = timeline
        .rows
        .iter()
        .map(|r| r.event.text.as_str())
        .collect();
    assert_eq!(texts.first(), Some(&"event 2000"), "until is exclusive");
    assert_eq!(texts.last(), Some(&"event 2009"));
    assert_eq!(texts.len(), 10);
    assert_eq!(timeline.scanned, 11, "nothing newer than until is read");
}

#[test]
fn bottom_under_a_filter_follows_the_search_to_the_end() {
    let (_, store, client) = long();
    let (store, client) = (store, *client);
    let names = HashMap::new();
    let source = Source {
        store,
        client,
        names: &names,
    };
    let mut timeline = load(store, client, calls());
    timeline.bottom(&source).unwrap();
    assert_eq!(timeline.scanned, 2 * STEP_PAGES * PAGE, "G costs one step");
    assert_eq!(timeline.cursor, timeline.rows.len() - 1);
    read_to_end(&mut timeline, store, client);
    assert!(timeline.complete());
    let calls = EVENTS / RARE;
    assert_eq!(timeline.rows.len(), calls);
    assert_eq!(
        timeline.cursor,
        calls - 1,
        "the cursor followed to the oldest call"
    );
    // Moving stops following.
    timeline.step(-5, &source).unwrap();
    assert_eq!(timeline.cursor, calls - 6);
    assert!(!timeline.reading_on());
}
