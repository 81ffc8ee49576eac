use super::super::tests::{client, event, now, open};
use crate::model::{ClientId, Event, Kind};
use crate::search::{Query, Tier};
use crate::store::Store;
use chrono::Duration;

fn note(client: ClientId, days_ago: i64, text: &str) -> Event {
    let mut e = event(client, days_ago, Kind::Note);
    e.text = text.into();
    e
}

fn texts(store: &dyn Store, query: &Query) -> Vec<String> {
    let results = store.search(query).unwrap();
    results.notes.iter().map(|h| h.event.text.clone()).collect()
}

fn find(store: &dyn Store, text: &str) -> Vec<String> {
    texts(store, &Query::new(text))
}

#[test]
fn exact_words_rank_over_prefixes_over_parts_and_newer_first_within() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acme = client("Acme", None);
    store.put_client(&acme).unwrap();
    for (days, text) in [
        (40, "old repl session"),
        (30, "replication lag at month end"),
        (20, "the repl was open"),
        (10, "fixed replication again"),
        (5, "unrelated backup"),
        (3, "a preplanned outage"),
    ] {
        store.add_event(&note(acme.id, days, text), now()).unwrap();
    }
    let results = store.search(&Query::new("repl")).unwrap();
    let ranked: Vec<(&str, Tier)> = results
        .notes
        .iter()
        .map(|h| (h.event.text.as_str(), h.tier))
        .collect();
    assert_eq!(
        ranked,
        [
            ("the repl was open", Tier::Exact),
            ("old repl session", Tier::Exact),
            ("fixed replication again", Tier::Prefix),
            ("replication lag at month end", Tier::Prefix),
            ("a preplanned outage", Tier::Partial),
        ]
    );
    assert_eq!(results.clients.len(), 0);
    let marked = &results.notes[2].shown;
    assert_eq!(&marked.text[marked.marks[0].clone()], "repl");
}

#[test]
fn japanese_emoji_and_full_width_queries_find_notes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acme = client("Acme", None);
    store.put_client(&acme).unwrap();
    store
        .add_event(
            &note(acme.id, 3, "月末のレプリケーション遅延について相談"),
            now(),
        )
        .unwrap();
    store
        .add_event(
            &note(acme.id, 2, "Shipped the upgrade 🎉 ＰＯＳＴＧＲＥＳ"),
            now(),
        )
        .unwrap();
    store
        .add_event(&note(acme.id, 1, "ﾊﾞｯｸｱｯﾌﾟ確認"), now())
        .unwrap();
    assert_eq!(find(&store, "レプリ").len(), 1);
    assert_eq!(find(&store, "遅延").len(), 1);
    assert_eq!(find(&store, "月").len(), 1, "one char");
    assert_eq!(find(&store, "談").len(), 1, "the last char of a run");
    assert_eq!(find(&store, "相談 月末").len(), 1);
    assert!(
        find(&store, "月相").is_empty(),
        "bigrams present, not adjacent"
    );
    assert_eq!(
        find(&store, "🎉"),
        ["Shipped the upgrade 🎉 ＰＯＳＴＧＲＥＳ"]
    );
    assert_eq!(find(&store, "postgres").len(), 1);
    assert_eq!(find(&store, "ＵＰＧ").len(), 1);
    assert_eq!(find(&store, "バックアップ"), ["ﾊﾞｯｸｱｯﾌﾟ確認"]);
    assert!(find(&store, "").is_empty());
}

#[test]
fn removed_notes_are_never_found_restored_ones_are_and_edits_reindex() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acme = client("Acme", None);
    store.put_client(&acme).unwrap();
    let mut e = note(acme.id, 3, "patroni failover drill");
    store.add_event(&e, now()).unwrap();
    assert_eq!(find(&store, "patroni").len(), 1);
    e.deleted = Some(now());
    store.update_event(&e, now()).unwrap();
    assert!(find(&store, "patroni").is_empty());
    assert!(find(&store, "fail").is_empty());
    e.deleted = None;
    store.update_event(&e, now()).unwrap();
    assert_eq!(find(&store, "patroni").len(), 1);
    e.text = "pgbouncer pool exhausted".into();
    store.update_event(&e, now()).unwrap();
    assert!(
        find(&store, "patroni").is_empty(),
        "old words no longer match"
    );
    assert_eq!(find(&store, "pgbounc").len(), 1, "new words do, once");
}

#[test]
fn filters_combine_client_kind_and_since() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acme = client("Acme", None);
    let mut globex = client("Globex", None);
    globex.id = ClientId::new_at(2);
    store.put_client(&acme).unwrap();
    store.put_client(&globex).unwrap();
    let mut call = note(acme.id, 2, "vacuum call");
    call.kind = Kind::Call;
    store.add_event(&call, now()).unwrap();
    store
        .add_event(&note(acme.id, 1, "vacuum note"), now())
        .unwrap();
    store
        .add_event(&note(acme.id, 50, "vacuum old note"), now())
        .unwrap();
    store
        .add_event(&note(globex.id, 1, "vacuum elsewhere"), now())
        .unwrap();
    let mut query = Query::new("vacuum");
    assert_eq!(texts(&store, &query).len(), 4);
    query.client = Some(acme.id);
    assert_eq!(texts(&store, &query).len(), 3);
    query.since = Some(now() - Duration::days(10));
    assert_eq!(texts(&store, &query), ["vacuum note", "vacuum call"]);
    query.kinds = vec![Kind::Call];
    assert_eq!(texts(&store, &query), ["vacuum call"]);
    query.limit = 0;
    assert!(texts(&store, &query).is_empty());
}

#[test]
fn clients_and_people_are_found_by_name_and_the_index_survives_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        let acme = client("Acme Replication Oy", Some("acme"));
        store.put_client(&acme).unwrap();
        store
            .add_event(&note(acme.id, 1, "replication again"), now())
            .unwrap();
        store
            .add_event(&note(acme.id, 9, "an older replica"), now())
            .unwrap();
        let results = store.search(&Query::new("repl")).unwrap();
        assert_eq!(results.clients[0].name, "Acme Replication Oy");
        assert_eq!(results.notes.len(), 2);
    }
    crate::store::testing::force_schema_version(dir.path(), 4).unwrap();
    let store = open(dir.path());
    assert_eq!(
        find(&store, "repl"),
        ["replication again", "an older replica"]
    );
    let mut more = note(store.clients().unwrap()[0].id, 0, "replicas added");
    more.id = crate::model::EventId::new_at(99);
    store.add_event(&more, now()).unwrap();
    assert_eq!(find(&store, "replicas"), ["replicas added"]);
}

#[test]
fn a_bulk_load_is_indexed_at_its_end_and_lost_postings_are_caught_up_at_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        let acme = client("Acme", None);
        store.put_client(&acme).unwrap();
        let batch = crate::store::Batch {
            // Oldest first, as an export is read back.
            events: (0..300)
                .rev()
                .map(|i| note(acme.id, i, &format!("bulk note {i} vacuum")))
                .collect(),
            ..Default::default()
        };
        store.load(&batch, now()).unwrap();
        let mut query = Query::new("vacuum");
        query.limit = 500;
        assert_eq!(texts(&store, &query).len(), 300);
        // As if a crash had come between the notes and their postings.
        for prefix in [
            crate::store::sled::keys::POSTINGS,
            crate::store::sled::keys::VOCABULARY,
        ] {
            store.remove_prefix(prefix).unwrap();
        }
        store
            .remove_prefix(crate::store::sled::keys::DOCS_WRITTEN)
            .unwrap();
        assert!(find(&store, "vacuum").is_empty());
    }
    let store = open(dir.path());
    assert_eq!(find(&store, "vacuum")[0], "bulk note 0 vacuum");
    let mut query = Query::new("bulk");
    query.limit = 500;
    assert_eq!(texts(&store, &query).len(), 300);
}
