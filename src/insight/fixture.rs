//! Test data for the insights: a fixed clock and small builders.

use crate::model::{Client, ClientId, Event, EventId, Fact, Kind, Person, PersonId, Role, Summary};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// Monday 2026-11-23, noon UTC (the tests run with the local zone whatever it is, so they use
/// times far from midnight).
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

pub fn days_ago(days: i64) -> DateTime<Utc> {
    now() - Duration::days(days)
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A periodic client on a 30-day cadence, last contacted `days` ago.
pub fn quiet_for(days: i64) -> (Client, Summary) {
    let client = Client {
        id: ClientId::new_at(7),
        name: "Acme Oy".into(),
        cadence_days: 30,
        created: days_ago(400),
        ..Client::default()
    };
    let summary = Summary {
        last_contact: Some(days_ago(days)),
        ..Summary::default()
    };
    (client, summary)
}

pub fn event(kind: Kind, at: DateTime<Utc>, trust: i8) -> Event {
    Event {
        id: EventId::new_at(at.timestamp_millis().max(0) as u64),
        client: ClientId::new_at(7),
        kind,
        at,
        trust,
        text: format!("{kind}"),
        ..Event::default()
    }
}

pub fn person(name: &str, role: Role) -> Person {
    Person {
        id: PersonId::new_at(name.len() as u64),
        client: ClientId::new_at(7),
        name: name.into(),
        role,
        created: days_ago(400),
        ..Person::default()
    }
}

pub fn with_fact(mut person: Person, text: &str, noted: NaiveDate) -> Person {
    person.facts.push(Fact {
        text: text.into(),
        noted,
        kind: None,
    });
    person
}

/// A summary built the way the store builds it: every event applied at `now`.
pub fn summary_of(events: &[Event]) -> Summary {
    let mut summary = Summary::default();
    for e in events {
        summary.apply(e, now(), 90.0);
    }
    summary
}
