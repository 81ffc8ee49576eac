//! Earlier versions of edited events: `V/<event>/<n:4>` holds the event as it was before its
//! n+1th edit, written in the same batch as the edit. The event itself counts its versions
//! ([`Edited::earlier`]), so keeping one costs no read, and listing them reads one prefix.

use super::keys;
use super::sled_store::engine_error;
use super::tx::Tx;
use crate::model::{Edited, Event, EventId, EventVersion};
use crate::store::codec::{decode, encode};
use crate::store::{Result, StoreError};
use chrono::{DateTime, Utc};
use std::path::Path;

/// Keeps `old` as an earlier version, replaced `now`; returns what the new version says of
/// its edits.
pub fn keep(tx: &mut Tx, old: &Event, now: DateTime<Utc>) -> Edited {
    let n = old.edited.map_or(0, |e| e.earlier);
    let version = EventVersion {
        replaced: now,
        event: old.clone(),
    };
    tx.insert(keys::version(old.id, n), encode(&version));
    Edited {
        at: now,
        earlier: n + 1,
    }
}

/// The earlier versions of `id`, oldest first.
pub fn of(db: &sled::Db, dir: &Path, id: EventId) -> Result<Vec<EventVersion>> {
    db.scan_prefix(keys::versions_of(id))
        .map(|record| {
            let (key, value) = record.map_err(|e| engine_error(dir, e))?;
            decode(&value).map_err(|detail| StoreError::Corrupt {
                dir: dir.to_path_buf(),
                detail: format!(
                    "version record {} is unreadable: {detail}",
                    String::from_utf8_lossy(&key)
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{client, event, now, open};
    use crate::model::{Kind, PromiseInfo, Revision};
    use crate::search::Query;
    use crate::store::{Store, StoreError};
    use chrono::Duration;

    #[test]
    fn an_edit_keeps_each_earlier_version_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let c = client("Acme", None);
        store.put_client(&c).unwrap();
        let original = event(c.id, 3, Kind::Call);
        store.add_event(&original, now()).unwrap();
        assert!(store.event_versions(original.id).unwrap().is_empty());

        let mut first = original.clone();
        first.text = "failover went fine".into();
        let later = now() + Duration::hours(1);
        store.edit_event(&first, later).unwrap();
        let mut second = store.event(original.id).unwrap().unwrap();
        second.trust = 3;
        store
            .edit_event(&second, later + Duration::hours(1))
            .unwrap();

        let stored = store.event(original.id).unwrap().unwrap();
        assert_eq!(
            (stored.text.as_str(), stored.trust),
            ("failover went fine", 3)
        );
        let edited = stored.edited.expect("stamped by the store");
        assert_eq!(
            (edited.at, edited.versions()),
            (later + Duration::hours(1), 3)
        );
        let versions = store.event_versions(original.id).unwrap();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0].event, original);
        assert_eq!(versions[0].replaced, later);
        assert_eq!(versions[1].event.text, "failover went fine");
        assert_eq!(versions[1].event.trust, 1);
        // +1 became +3, three days ago (decayed a little, to 2.93): 10·2.93/(2.93+4) on the
        // bounded scale, where the +1 alone made 2.0; `check` finds it exact.
        let trust = store.summary(c.id).unwrap().trust.at(now(), 90.0);
        assert!((4.0..4.5).contains(&trust), "{trust}");
        assert!(store.check(now(), false).unwrap().is_empty());

        // Reopened: all of it was durable.
        drop(store);
        let store = open(dir.path());
        assert_eq!(store.event_versions(original.id).unwrap(), versions);
    }

    #[test]
    fn an_edit_that_changes_nothing_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let c = client("Acme", None);
        store.put_client(&c).unwrap();
        let e = event(c.id, 1, Kind::Note);
        store.add_event(&e, now()).unwrap();
        store.edit_event(&e, now()).unwrap();
        assert_eq!(store.event(e.id).unwrap().unwrap().edited, None);
        assert!(store.event_versions(e.id).unwrap().is_empty());
    }

    #[test]
    fn a_refused_edit_leaves_no_version() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let c = client("Acme", None);
        store.put_client(&c).unwrap();
        let ghost = event(c.id, 1, Kind::Note);
        let err = store.edit_event(&ghost, now()).unwrap_err();
        assert!(matches!(err, StoreError::Missing { .. }), "{err}");
        assert!(store.event_versions(ghost.id).unwrap().is_empty());
    }

    #[test]
    fn search_the_summary_and_the_timeline_follow_an_edit() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let c = client("Acme", None);
        store.put_client(&c).unwrap();
        let mut call = event(c.id, 1, Kind::Call);
        call.text = "talked about replication".into();
        let older = event(c.id, 5, Kind::Note);
        let mut promise = event(c.id, 2, Kind::Promise);
        promise.promise = Some(PromiseInfo::default());
        store
            .save_events(&[call.clone(), older.clone(), promise.clone()], &[], now())
            .unwrap();

        let mut revision = Revision::of(&call);
        revision.text = "talked about partitioning".into();
        revision.at = now() - Duration::days(10);
        store
            .edit_event(&call.revised(&revision).unwrap(), now())
            .unwrap();
        let found = |word: &str| store.search(&Query::new(word)).unwrap().notes.len();
        assert_eq!((found("partitioning"), found("replication")), (1, 0));
        let summary = store.summary(c.id).unwrap();
        assert_eq!(summary.last_contact, Some(now() - Duration::days(10)));
        let page = store.events_page(c.id, None, 10).unwrap();
        assert_eq!(page.events.last().unwrap().id, call.id, "oldest now");

        let mut revision = Revision::of(&promise);
        revision.due = chrono::NaiveDate::from_ymd_opt(2026, 12, 4);
        store
            .edit_event(&promise.revised(&revision).unwrap(), now())
            .unwrap();
        let open = store.summary(c.id).unwrap().open_promises;
        assert_eq!(open[0].due, revision.due);
        assert!(store.check(now(), false).unwrap().is_empty());
    }

    /// A promise made in a call, as an edit of the call adds it.
    fn promise_in(call: &crate::model::Event) -> crate::model::Event {
        let mut promise = event(call.client, 0, Kind::Promise);
        promise.text = "send the runbook".into();
        promise.made_in = Some(call.id);
        promise.promise = Some(PromiseInfo {
            due: chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
            ..PromiseInfo::default()
        });
        promise
    }

    #[test]
    fn an_edit_and_the_promises_made_in_it_are_one_durable_write() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let c = client("Acme", None);
        store.put_client(&c).unwrap();
        let call = event(c.id, 1, Kind::Call);
        store.add_event(&call, now()).unwrap();
        let mut edited = call.clone();
        edited.text = "failover went fine. I will send the runbook".into();
        let promise = promise_in(&call);
        store
            .edit_events(&[edited], std::slice::from_ref(&promise), &[], now())
            .unwrap();
        drop(store);
        let store = open(dir.path());
        assert_eq!(store.event_versions(call.id).unwrap()[0].event, call);
        assert_eq!(store.event(promise.id).unwrap(), Some(promise.clone()));
        let open_promises = store.summary(c.id).unwrap().open_promises;
        assert_eq!(open_promises.len(), 1);
        assert_eq!(store.search(&Query::new("runbook")).unwrap().notes.len(), 2);
        assert!(store.check(now(), false).unwrap().is_empty());

        // Its undo: the version back and the promise a tombstone, in one write again.
        let back = store
            .event(call.id)
            .unwrap()
            .unwrap()
            .revised(&Revision::of(&call));
        let mut removed = promise.clone();
        removed.deleted = Some(now());
        store
            .edit_events(&[back.unwrap()], &[], &[removed], now())
            .unwrap();
        assert_eq!(store.event(call.id).unwrap().unwrap().text, call.text);
        assert_eq!(store.event_versions(call.id).unwrap().len(), 2);
        assert!(store.summary(c.id).unwrap().open_promises.is_empty());
        assert!(store.check(now(), false).unwrap().is_empty());
    }

    #[test]
    fn a_refused_edit_with_promises_leaves_neither_half() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let c = client("Acme", None);
        store.put_client(&c).unwrap();
        let call = event(c.id, 1, Kind::Call);
        store.add_event(&call, now()).unwrap();
        let summary = store.summary(c.id).unwrap();
        let mut edited = call.clone();
        edited.text = "failover went fine. I will send the runbook".into();

        // The promise is refused (its id is taken): the edit is not written either.
        let taken = crate::model::Event {
            id: call.id,
            ..promise_in(&call)
        };
        let err = store
            .edit_events(std::slice::from_ref(&edited), &[taken], &[], now())
            .unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert_eq!(store.event(call.id).unwrap(), Some(call.clone()));
        assert!(store.event_versions(call.id).unwrap().is_empty());

        // The edit is refused (its event is gone): the promise is not written either.
        let ghost = event(c.id, 2, Kind::Call);
        let promise = promise_in(&ghost);
        let err = store
            .edit_events(&[ghost], std::slice::from_ref(&promise), &[], now())
            .unwrap_err();
        assert!(matches!(err, StoreError::Missing { .. }), "{err}");
        assert_eq!(store.event(promise.id).unwrap(), None);
        assert_eq!(store.search(&Query::new("runbook")).unwrap().notes.len(), 0);
        assert_eq!(store.summary(c.id).unwrap(), summary);
        assert!(store.check(now(), false).unwrap().is_empty());
    }
}
