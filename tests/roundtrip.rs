//! Export → import into an empty store → export is lossless, over generated data with any
//! Unicode (control characters, CJK, emoji, astral planes) and every optional field.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rapport::exchange::{export_jsonl, import_jsonl, Filter};
use rapport::model::*;
use rapport::store::{self, Store, StoreOptions};
use std::io::BufRead;

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    // 1950..2100, with sub-second precision.
    (-631_152_000i64..4_102_444_800, 0u32..1_000_000_000)
        .prop_map(|(secs, nanos)| Utc.timestamp_opt(secs, nanos).unwrap())
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (0i64..60_000)
        .prop_map(|d| NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(d))
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zあ-ん漢字😀 \n\t\"\\\\]{0,40}"]
}

fn pick<T: Clone + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn client(i: usize) -> impl Strategy<Value = Client> {
    (
        text(),
        proptest::option::of(text()),
        pick(ClientState::ALL),
        1u32..400,
        pick(ContactStyle::ALL),
        proptest::option::of(day()),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec((text(), day()), 0..3),
        any::<bool>(),
        time(),
        proptest::option::of(pick(Lang::ALL)),
    )
        .prop_map(
            move |(
                name,
                alias,
                state,
                cadence_days,
                style,
                snooze_until,
                tags,
                concerns,
                archived,
                created,
                lang,
            )| Client {
                id: ClientId::new_at(i as u64),
                // Names must stay unique when folded: the index keeps them apart.
                name: format!("{name}#{i}"),
                alias: alias.map(|a| format!("{a}@{i}")),
                state,
                cadence_days,
                style,
                snooze_until,
                tags,
                archived,
                created,
                lang,
                concerns: concerns
                    .into_iter()
                    .map(|(text, since)| Concern { text, since })
                    .collect(),
            },
        )
}

fn person(client: ClientId) -> impl Strategy<Value = Person> {
    (
        text(),
        proptest::option::of(text()),
        pick(Role::ALL),
        pick(Stance::ALL),
        pick(Channel::ALL),
        proptest::option::of(text()),
        proptest::option::of(text()),
        // Import stores only what the CLI would (model::valid): known zones.
        proptest::option::of(pick(&["Europe/Helsinki", "Asia/Tokyo", "UTC", ""])),
        proptest::collection::vec((text(), day()), 0..3),
        time(),
        // Removed people are exported and imported like the others.
        proptest::option::of(time()),
    )
        .prop_map(
            move |(
                name,
                title,
                role,
                stance,
                channel,
                email,
                phone,
                time_zone,
                facts,
                created,
                removed,
            )| {
                Person {
                    id: PersonId::new_at(fastrand::u64(..1 << 40)),
                    client,
                    // Never blank, as model::valid asks.
                    name: format!("p{name}"),
                    title,
                    role,
                    stance,
                    channel,
                    email,
                    phone,
                    time_zone: time_zone.map(String::from),
                    created,
                    facts: facts
                        .into_iter()
                        .map(|(text, noted)| Fact {
                            text,
                            noted,
                            kind: None,
                        })
                        .collect(),
                    left: Vec::new(),
                    birthday: None,
                    anniversary: None,
                    removed,
                }
            },
        )
}

fn event(client: ClientId, people: Vec<PersonId>) -> impl Strategy<Value = Event> {
    let promise = proptest::option::of((
        proptest::option::of(day()),
        proptest::option::of(pick(Outcome::ALL)),
    ));
    (
        pick(Kind::ALL),
        text(),
        proptest::collection::vec(text(), 0..3),
        -3i8..=3,
        any::<bool>(),
        proptest::option::of(1u32..600),
        any::<bool>(),
        promise,
        time(),
        proptest::option::of(time()),
        proptest::sample::subsequence(people.clone(), 0..=people.len()),
        (
            proptest::option::of(0u64..1 << 40),
            proptest::option::of((time(), 0u32..5)),
            proptest::option::of(day()),
            any::<bool>(),
        ),
    )
        .prop_map(
            move |(
                kind,
                text,
                tags,
                trust,
                private,
                minutes,
                billed,
                promise,
                at,
                deleted,
                people,
                (made_in, edited, follow, unreported),
            )| Event {
                id: EventId::new_at(fastrand::u64(..1 << 40)),
                client,
                people,
                at,
                kind,
                text,
                tags,
                trust,
                private,
                minutes,
                billed,
                deleted,
                promise: promise.map(|(due, outcome)| PromiseInfo {
                    due,
                    outcome,
                    outcome_event: None,
                }),
                resolves: None,
                made_in: made_in.map(EventId::new_at),
                // Edited or not, with or without `made_in` before it.
                edited: edited.map(|(at, earlier)| Edited { at, earlier }),
                // A follow-up day, last of all, on any kind (only notes are listed).
                follow,
                // Left out of the report, or not: after `follow`, last of all.
                unreported,
                created: at,
            },
        )
}

/// A workspace: a few clients, people at them, events naming those people.
fn workspace() -> impl Strategy<Value = (Vec<Client>, Vec<Person>, Vec<Event>)> {
    (1usize..4)
        .prop_flat_map(|n| (0..n).map(client).collect::<Vec<_>>())
        .prop_flat_map(|clients| {
            let people: Vec<_> = clients
                .iter()
                .map(|c| proptest::collection::vec(person(c.id), 0..3))
                .collect();
            (Just(clients), people)
        })
        .prop_flat_map(|(clients, people)| {
            let events: Vec<_> = clients
                .iter()
                .zip(&people)
                .map(|(c, ps)| {
                    proptest::collection::vec(event(c.id, ps.iter().map(|p| p.id).collect()), 0..6)
                })
                .collect();
            (
                Just(clients),
                Just(people.into_iter().flatten().collect::<Vec<_>>()),
                events,
            )
        })
        .prop_map(|(c, p, e)| (c, p, e.into_iter().flatten().collect()))
}

fn export(store: &dyn Store) -> Vec<u8> {
    let mut out = Vec::new();
    export_jsonl(store, &mut out, Filter::default()).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_byte_identical((clients, people, events) in workspace()) {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let dirs = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let first = store::open(dirs.0.path(), &StoreOptions::default()).unwrap();
        clients.iter().for_each(|c| first.put_client(c).unwrap());
        people.iter().for_each(|p| first.put_person(p).unwrap());
        events.iter().for_each(|e| first.add_event(e, now).unwrap());
        let exported = export(&first);

        let second = store::open(dirs.1.path(), &StoreOptions::default()).unwrap();
        let bytes = exported.clone();
        let open = move || -> anyhow::Result<Box<dyn BufRead>> { Ok(Box::new(std::io::Cursor::new(bytes.clone()))) };
        let counts = import_jsonl(&second, &open, now).unwrap();
        prop_assert_eq!(counts.events, events.len());
        prop_assert_eq!(counts.people, people.len());
        let again = export(&second);
        prop_assert_eq!(String::from_utf8_lossy(&exported), String::from_utf8_lossy(&again));
        // The summaries built by import agree with the timeline too.
        prop_assert!(second.check(now, false).unwrap().is_empty());
    }
}
