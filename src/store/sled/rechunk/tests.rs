use super::super::migrate;
use super::super::tests::{client, event, now, open};
use super::*;
use crate::model::{ClientId, Kind};
use crate::store::CURRENT_SCHEMA;

/// A store with one client and `n` events, written back in the schema-3 layout.
fn schema_3_store(dir: &Path, n: i64) -> (ClientId, Vec<Event>) {
    let store = open(dir);
    let c = client("Acme", None);
    store.put_client(&c).unwrap();
    for days in 0..n {
        store
            .add_event(&event(c.id, days, Kind::Call), now())
            .unwrap();
    }
    let page = store.events_page(c.id, None, 1000).unwrap();
    unchunk(&store).unwrap();
    store.set_schema_version(3).unwrap();
    store.sync().unwrap();
    drop(store);
    migrate::write_guard(dir, 3).unwrap();
    (c.id, page.events)
}

#[test]
fn a_schema_3_store_is_rewritten_into_chunks_with_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (id, events) = schema_3_store(dir.path(), 200);
    let store = open(dir.path());
    assert_eq!(store.schema_version().unwrap(), Some(CURRENT_SCHEMA));
    assert_eq!(store.events_page(id, None, 1000).unwrap().events, events);
    // The migration rebuilt the summaries with the real clock (their 30-day windows too).
    assert!(store.check(chrono::Utc::now(), false).unwrap().is_empty());
    let records = store.db().scan_prefix(keys::timeline(id)).count();
    assert!(
        records < 200 / 4,
        "{records} timeline records for 200 events"
    );
    for event in &events {
        assert_eq!(store.event(event.id).unwrap().as_ref(), Some(event));
    }
    assert!(!dir.path().join(NEXT).exists() && !dir.path().join(PREV).exists());
}

#[test]
fn a_copy_cut_short_is_discarded_and_a_swap_cut_short_is_completed() {
    let dir = tempfile::tempdir().unwrap();
    let (id, events) = schema_3_store(dir.path(), 30);
    // Crash during the copy: a partial db.next beside the intact old database.
    fs::create_dir(dir.path().join(NEXT)).unwrap();
    fs::write(dir.path().join(NEXT).join("db"), b"half a copy").unwrap();
    drop(open(dir.path()));
    // Crash between the two renames of the swap: only db.next is there.
    fs::rename(dir.path().join("db"), dir.path().join(NEXT)).unwrap();
    let store = open(dir.path());
    assert_eq!(store.events_page(id, None, 100).unwrap().events, events);
    assert!(!dir.path().join(NEXT).exists() && !dir.path().join(PREV).exists());
}
