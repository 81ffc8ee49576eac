use crate::model::{Client, Event, Kind, Person, PromiseInfo};
use crate::store::*;
use chrono::{Duration, TimeZone};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

pub(crate) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

pub(crate) fn client(name: &str, alias: Option<&str>) -> Client {
    Client {
        id: ClientId::new_at(1),
        name: name.into(),
        alias: alias.map(Into::into),
        ..Client::default()
    }
}

pub(crate) fn event(client: ClientId, days_ago: i64, kind: Kind) -> Event {
    let at = now() - Duration::days(days_ago);
    Event {
        id: EventId::new_at(at.timestamp_millis() as u64),
        client,
        at,
        kind,
        text: format!("{kind} {days_ago} days ago"),
        trust: 1,
        ..Event::default()
    }
}

pub(crate) fn open(dir: &Path) -> SledStore {
    crate::store::open(dir, &StoreOptions::default()).unwrap()
}

#[test]
fn names_and_aliases_are_unique_case_insensitively() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.put_client(&client("Acme Oy", Some("acme"))).unwrap();
    let err = store.put_client(&client("ACME oy", None)).unwrap_err();
    assert!(
        matches!(err, StoreError::NameTaken(ref n) if n == "acme oy"),
        "{err}"
    );
    let err = store
        .put_client(&client("Other", Some("Acme")))
        .unwrap_err();
    assert!(matches!(err, StoreError::NameTaken(_)));
    let found = store.client_by_handle(" ACME ").unwrap().unwrap();
    // Renaming frees the old name.
    let mut renamed = store.client(found).unwrap().unwrap();
    renamed.name = "Acme Group".into();
    store.put_client(&renamed).unwrap();
    assert_eq!(store.client_by_handle("acme oy").unwrap(), None);
    store.put_client(&client("Acme Oy", None)).unwrap();
    assert_eq!(store.clients().unwrap().len(), 2);
}

#[test]
fn timeline_pages_newest_first_by_event_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let c = client("Acme", None);
    store.put_client(&c).unwrap();
    // Written out of order (back-dated): the page order must follow `at`.
    for days_ago in [5, 1, 9, 3, 7] {
        store
            .add_event(&event(c.id, days_ago, Kind::Call), now())
            .unwrap();
    }
    let first = store.events_page(c.id, None, 2).unwrap();
    let ages: Vec<i64> = first
        .events
        .iter()
        .map(|e| (now() - e.at).num_days())
        .collect();
    assert_eq!(ages, [1, 3]);
    let second = store.events_page(c.id, first.next.as_ref(), 10).unwrap();
    let ages: Vec<i64> = second
        .events
        .iter()
        .map(|e| (now() - e.at).num_days())
        .collect();
    assert_eq!(ages, [5, 7, 9]);
    assert!(second.next.is_none());
    let summary = store.summary(c.id).unwrap();
    assert_eq!(summary.last_contact, Some(now() - Duration::days(1)));
    assert_eq!(summary.event_count, 5);
}

#[test]
fn a_page_can_start_before_a_moment() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let c = client("Acme", None);
    store.put_client(&c).unwrap();
    for days_ago in [1, 3, 5, 7, 9] {
        store
            .add_event(&event(c.id, days_ago, Kind::Call), now())
            .unwrap();
    }
    // Exactly at the moment is not before it.
    let at = now() - Duration::days(5);
    let page = store
        .events_page(c.id, Some(&Cursor::before(at)), 10)
        .unwrap();
    let ages: Vec<i64> = page
        .events
        .iter()
        .map(|e| (now() - e.at).num_days())
        .collect();
    assert_eq!(ages, [7, 9]);
    let page = store
        .events_page(
            c.id,
            Some(&Cursor::before(at + Duration::milliseconds(1))),
            1,
        )
        .unwrap();
    assert_eq!((now() - page.events[0].at).num_days(), 5);
    assert!(page.next.is_some());
}

#[test]
fn tombstones_keep_the_event_and_the_summary_exact() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let c = client("Acme", None);
    store.put_client(&c).unwrap();
    let old = event(c.id, 10, Kind::Call);
    let mut latest = event(c.id, 2, Kind::Meeting);
    let mut promise = event(c.id, 4, Kind::Promise);
    promise.promise = Some(PromiseInfo::default());
    for e in [&old, &latest, &promise] {
        store.add_event(e, now()).unwrap();
    }
    assert_eq!(store.summary(c.id).unwrap().open_promises.len(), 1);
    latest.deleted = Some(now());
    store.update_event(&latest, now()).unwrap();
    let summary = store.summary(c.id).unwrap();
    assert_eq!(
        summary.last_contact,
        Some(old.at),
        "recomputed from the timeline"
    );
    assert_eq!(summary.event_count, 2);
    assert_eq!(
        store.event(latest.id).unwrap().unwrap().deleted,
        Some(now()),
        "never hard-deleted"
    );
    assert!(store.check(now(), false).unwrap().is_empty());
}

#[test]
fn schema_1_stores_migrate_by_building_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let c = client("Acme", None);
    let expected = {
        let store = open(dir.path());
        store.put_client(&c).unwrap();
        store.add_event(&event(c.id, 3, Kind::Call), now()).unwrap();
        store.summary(c.id).unwrap()
    };
    testing::downgrade_to_v1(dir.path()).unwrap();
    let store = open(dir.path());
    assert_eq!(store.schema_version().unwrap(), Some(CURRENT_SCHEMA));
    assert_eq!(
        store.summary(c.id).unwrap().last_contact,
        expected.last_contact
    );
    assert_eq!(store.summary(c.id).unwrap().event_count, 1);
}

#[test]
fn schema_4_stores_migrate_by_rebuilding_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let c = client("Acme", None);
    let person = crate::model::PersonId::new_at(5);
    let expected = {
        let store = open(dir.path());
        store.put_client(&c).unwrap();
        let mut win = event(c.id, 3, Kind::Win);
        win.people.push(person);
        store.add_event(&win, now()).unwrap();
        store.add_event(&event(c.id, 2, Kind::Call), now()).unwrap();
        store.summary(c.id).unwrap()
    };
    assert!(expected.last_thanks_by_person.contains_key(&person));
    assert_eq!(expected.recent_contacts.len(), 1);
    testing::downgrade_to_v4(dir.path()).unwrap();
    {
        let store = SledStore::open_raw(dir.path(), &StoreOptions::default()).unwrap();
        let old = store.summary(c.id).unwrap();
        assert!(old.last_thanks_by_person.is_empty() && old.first_event.is_none());
    }
    let store = open(dir.path());
    assert_eq!(store.schema_version().unwrap(), Some(CURRENT_SCHEMA));
    let rebuilt = store.summary(c.id).unwrap();
    assert_eq!(
        rebuilt.last_thanks_by_person,
        expected.last_thanks_by_person
    );
    assert_eq!(rebuilt.first_event, expected.first_event);
    assert_eq!(rebuilt.recent_contacts.len(), 1);
}

#[test]
fn schema_6_stores_count_advice_to_someone_as_contact_after_migrating() {
    use crate::store::codec::encode;
    let dir = tempfile::tempdir().unwrap();
    let c = client("Acme", None);
    let person = crate::model::PersonId::new_at(5);
    {
        let store = open(dir.path());
        store.put_client(&c).unwrap();
        let mut advice = event(c.id, 3, Kind::Advice);
        advice.people.push(person);
        store.add_event(&advice, now()).unwrap();
        assert!(store.summary(c.id).unwrap().last_contact.is_some());
    }
    // What schema 6 kept: advice was no contact.
    {
        let store = SledStore::open_raw(dir.path(), &StoreOptions::default()).unwrap();
        let mut old = store.summary(c.id).unwrap();
        (old.last_contact, old.last_contact_by_person) = (None, Default::default());
        old.recent_contacts.clear();
        (store.db())
            .insert(super::keys::summary(c.id), encode(&old))
            .unwrap();
        store.sync().unwrap();
    }
    testing::force_schema_version(dir.path(), 6).unwrap();
    let store = open(dir.path());
    assert_eq!(store.schema_version().unwrap(), Some(CURRENT_SCHEMA));
    let summary = store.summary(c.id).unwrap();
    assert_eq!(summary.last_contact, Some(now() - Duration::days(3)));
    assert!(summary.last_contact_by_person.contains_key(&person));
}

#[test]
fn schema_7_stores_get_the_bounded_trust_score_after_migrating() {
    use crate::store::codec::encode;
    /// What schema 7 kept of trust: one net decayed sum in `value`.
    #[derive(serde::Serialize)]
    struct OldTrust {
        raw: i64,
        value: f64,
        as_of: Option<DateTime<Utc>>,
    }
    #[derive(serde::Serialize)]
    struct OldSummary {
        event_count: u64,
        trust: OldTrust,
    }
    let dir = tempfile::tempdir().unwrap();
    let c = client("Acme", None);
    let expected = {
        let store = open(dir.path());
        store.put_client(&c).unwrap();
        for days in 1..=5 {
            store
                .add_event(&event(c.id, days, Kind::Call), now())
                .unwrap();
        }
        store.summary(c.id).unwrap().trust
    };
    {
        let store = SledStore::open_raw(dir.path(), &StoreOptions::default()).unwrap();
        let old = OldSummary {
            event_count: 5,
            trust: OldTrust {
                raw: 5,
                value: 4.9,
                as_of: Some(now() - Duration::days(1)),
            },
        };
        (store.db())
            .insert(super::keys::summary(c.id), encode(&old))
            .unwrap();
        store.sync().unwrap();
        let read = store.summary(c.id).unwrap().trust;
        assert_eq!(
            (read.good, read.bad),
            (0.0, 0.0),
            "the old sum is not read as a score"
        );
    }
    testing::force_schema_version(dir.path(), 7).unwrap();
    let store = open(dir.path());
    assert_eq!(store.schema_version().unwrap(), Some(CURRENT_SCHEMA));
    let trust = store.summary(c.id).unwrap().trust;
    let score = trust.at(now(), 90.0);
    assert!((score - expected.at(now(), 90.0)).abs() < 1e-9);
    assert!(score > 4.0 && score < 10.0, "five +1 calls: {score}");
    assert_eq!(trust.raw, 5);
}

#[test]
fn a_newer_store_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    testing::force_schema_version(dir.path(), CURRENT_SCHEMA + 1).unwrap();
    let before = snapshot(dir.path());
    let err = crate::store::open(dir.path(), &StoreOptions::default())
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("newer rapport"));
    assert_eq!(snapshot(dir.path()), before);
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else if path.file_name().unwrap() != "lock" {
            files.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

#[test]
fn a_second_opener_gets_a_sentence_naming_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let _first = open(dir.path());
    let err = crate::store::open(dir.path(), &StoreOptions::default())
        .err()
        .unwrap();
    let text = err.to_string();
    assert!(text.contains("is open in another process"), "{text}");
    assert!(
        text.contains(&format!("pid {}", std::process::id())),
        "{text}"
    );
}

#[test]
fn files_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = open(&data);
    store.put_client(&client("Acme", None)).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    for (path, _) in snapshot(&data) {
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    assert_eq!(mode(&data.join("db")), 0o700);
}

#[test]
fn people_are_listed_by_client() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let (a, mut b) = (client("A", None), client("B", None));
    b.id = ClientId::new_at(2);
    store.put_client(&a).unwrap();
    store.put_client(&b).unwrap();
    for (n, c) in [("Zoe", a.id), ("Adam", a.id), ("Eve", b.id)] {
        let p = Person {
            id: PersonId::new_at(3),
            client: c,
            name: n.into(),
            ..Person::default()
        };
        store.put_person(&p).unwrap();
    }
    let names: Vec<String> = store
        .people(Some(a.id))
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Adam", "Zoe"]);
    assert_eq!(store.people(None).unwrap().len(), 3);
}

#[test]
fn quick_notes_wait_in_the_inbox_and_are_folded_in_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let c = client("Acme", Some("acme"));
    drop({
        let store = open(dir.path());
        store.put_client(&c).unwrap();
        store
    });
    let names = crate::store::quick_names(dir.path())
        .unwrap()
        .expect("names file written on put_client");
    assert_eq!(names.clients[0].alias.as_deref(), Some("acme"));
    let first = event(c.id, 1, Kind::Call);
    crate::store::quick_add(dir.path(), &first).unwrap();
    // A crash mid-append leaves a torn line: the next note must not be swallowed by it.
    std::fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("inbox"))
        .unwrap()
        .write_all(b"{\"id\":\"01J")
        .unwrap();
    let second = event(c.id, 0, Kind::Email);
    crate::store::quick_add(dir.path(), &second).unwrap();
    let stranger = event(ClientId::new_at(99), 0, Kind::Note);
    crate::store::quick_add(dir.path(), &stranger).unwrap();

    let store = open(dir.path());
    assert!(store.event(first.id).unwrap().is_some());
    assert!(store.event(second.id).unwrap().is_some());
    assert_eq!(store.summary(c.id).unwrap().event_count, 2);
    assert_eq!(
        std::fs::metadata(dir.path().join("inbox")).unwrap().len(),
        0
    );
    let rejected = std::fs::read_to_string(dir.path().join("inbox.rejected")).unwrap();
    assert!(
        rejected.contains("{\"id\":\"01J") && rejected.contains(&stranger.id.to_string()),
        "kept aside, not dropped"
    );
    assert!(store.check(now(), false).unwrap().is_empty());
}

#[test]
fn an_inbox_folded_in_twice_stores_each_event_once() {
    let dir = tempfile::tempdir().unwrap();
    let c = client("Acme", None);
    drop({
        let store = open(dir.path());
        store.put_client(&c).unwrap();
        store
    });
    let e = event(c.id, 1, Kind::Call);
    crate::store::quick_add(dir.path(), &e).unwrap();
    let line = std::fs::read(dir.path().join("inbox")).unwrap();
    drop(open(dir.path()));
    // As if a crash had come between storing and emptying the inbox.
    std::fs::write(dir.path().join("inbox"), &line).unwrap();
    let store = open(dir.path());
    assert_eq!(store.summary(c.id).unwrap().event_count, 1);
}

#[test]
fn the_names_file_is_rebuilt_when_it_falls_behind() {
    let dir = tempfile::tempdir().unwrap();
    drop({
        let store = open(dir.path());
        store.put_client(&client("Acme", None)).unwrap();
        store
    });
    std::fs::remove_file(dir.path().join("names")).unwrap();
    assert!(crate::store::quick_names(dir.path()).unwrap().is_none());
    drop(open(dir.path()));
    assert_eq!(
        crate::store::quick_names(dir.path())
            .unwrap()
            .unwrap()
            .clients
            .len(),
        1
    );
}

#[test]
fn events_saved_together_land_together_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let c = client("Acme", None);
    store.put_client(&c).unwrap();
    let mut promise = event(c.id, 5, Kind::Promise);
    promise.promise = Some(PromiseInfo::default());
    store.add_event(&promise, now()).unwrap();
    let before = store.summary(c.id).unwrap();

    // The second half refers to an event that does not exist: nothing of the write lands.
    let kept = event(c.id, 1, Kind::Promise);
    let ghost = event(c.id, 2, Kind::Call);
    let err = store.save_events(std::slice::from_ref(&kept), &[ghost], now());
    assert!(matches!(err, Err(StoreError::Missing { .. })));
    assert_eq!(store.event(kept.id).unwrap(), None);
    assert_eq!(store.summary(c.id).unwrap(), before);

    // Both halves valid: the outcome and the mark on the promise, in one write.
    let mut marked = promise.clone();
    marked.promise = Some(PromiseInfo {
        outcome_event: Some(kept.id),
        ..PromiseInfo::default()
    });
    store
        .save_events(std::slice::from_ref(&kept), &[marked.clone()], now())
        .unwrap();
    assert_eq!(store.event(promise.id).unwrap(), Some(marked));
    assert_eq!(store.summary(c.id).unwrap().event_count, 2);
    assert!(store.check(now(), false).unwrap().is_empty());
}

#[test]
fn the_digest_follows_every_write_and_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let c = client("Acme", None);
    let entry = |store: Option<&SledStore>, dir: &Path| {
        if let Some(store) = store {
            store.digest_written();
        }
        let digest = crate::store::quick_digest(dir, true)
            .unwrap()
            .expect("a digest");
        let found = digest.entries().find(|(client, _)| client.id == c.id);
        found.map(|(client, summary)| Entry { client, summary })
    };
    struct Entry {
        client: Client,
        summary: crate::model::Summary,
    }
    {
        let store = open(dir.path());
        assert_eq!(
            crate::store::quick_digest(dir.path(), true)
                .unwrap()
                .unwrap()
                .clients,
            []
        );
        store.put_client(&c).unwrap();
        assert_eq!(
            entry(Some(&store), dir.path())
                .unwrap()
                .summary
                .last_contact,
            None
        );
        store.add_event(&event(c.id, 3, Kind::Call), now()).unwrap();
        let mut promise = event(c.id, 2, Kind::Promise);
        promise.promise = Some(PromiseInfo::default());
        store.add_event(&promise, now()).unwrap();
        let held = entry(Some(&store), dir.path()).unwrap();
        assert_eq!(held.summary.last_contact, Some(now() - Duration::days(3)));
        assert_eq!(held.summary.open_promises.len(), 1);
        promise.promise.as_mut().unwrap().outcome = Some(crate::model::Outcome::Kept);
        store.update_event(&promise, now()).unwrap();
        assert!(entry(Some(&store), dir.path())
            .unwrap()
            .summary
            .open_promises
            .is_empty());
        let mut archived = c.clone();
        archived.archived = true;
        store.put_client(&archived).unwrap();
        assert!(entry(Some(&store), dir.path()).unwrap().client.archived);
    }
    // A quick note waits in the inbox; the digest reader folds it in.
    crate::store::quick_add(dir.path(), &event(c.id, 1, Kind::Email)).unwrap();
    assert_eq!(
        entry(None, dir.path()).unwrap().summary.last_contact,
        Some(now() - Duration::days(1))
    );
    // A lost digest is written again when the store opens.
    std::fs::remove_file(dir.path().join("digest")).unwrap();
    assert!(crate::store::quick_digest(dir.path(), true)
        .unwrap()
        .is_none());
    let store = open(dir.path());
    assert_eq!(
        entry(Some(&store), dir.path())
            .unwrap()
            .summary
            .last_contact,
        Some(now() - Duration::days(1))
    );
    // `check --fix` rewrites it from the recomputed summaries.
    store.check(now(), true).unwrap();
    assert!(entry(Some(&store), dir.path()).is_some());
}

#[test]
fn trust_moves_are_the_windows_live_movements_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acme = client("Acme Oy", None);
    store.put_client(&acme).unwrap();
    // 300 events, more than one page of the store's own reading, one a day.
    let mut events: Vec<Event> = (0..300)
        .map(|days| Event {
            trust: (days % 3) as i8 - 1,
            ..event(acme.id, days, Kind::Call)
        })
        .collect();
    events[5].deleted = Some(now());
    store.save_events(&events, &[], now()).unwrap();
    let since = now() - Duration::days(280);
    let until = now() - Duration::days(2);
    let expected: Vec<(DateTime<Utc>, i8)> = events
        .iter()
        .filter(|e| e.at > since && e.at <= until && e.is_live() && e.trust != 0)
        .map(|e| (e.at, e.trust))
        .collect();
    let moves = store.trust_moves(acme.id, since, until).unwrap();
    assert!(moves.len() > 150, "{}", moves.len());
    assert_eq!(moves, expected);
}

#[test]
fn the_digest_is_written_after_the_write_is_acknowledged_and_before_the_store_closes() {
    let dir = tempfile::tempdir().unwrap();
    let c = client("Acme", None);
    {
        let store = open(dir.path());
        store.put_client(&c).unwrap();
        // A burst of notes, each acknowledged once durable: the file follows when the writer
        // gets to it, and closing the store waits for it.
        for days in (1..=20).rev() {
            store
                .add_event(&event(c.id, days, Kind::Call), now())
                .unwrap();
        }
    }
    let digest = crate::store::quick_digest(dir.path(), true)
        .unwrap()
        .expect("the digest, written before the store closed");
    let (_, summary) = (digest.entries())
        .find(|(client, _)| client.id == c.id)
        .unwrap();
    assert_eq!(summary.last_contact, Some(now() - Duration::days(1)));
}
