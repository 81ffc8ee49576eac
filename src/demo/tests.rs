use super::build::build;
use super::*;
use crate::model::{ClientState, ContactStyle, EventId, Role};
use chrono::{Duration, FixedOffset};
use std::collections::{HashMap, HashSet};

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 15, 10, 30, 0).unwrap()
}

fn helsinki() -> FixedOffset {
    FixedOffset::east_opt(2 * 3600).unwrap()
}

fn delta(kind: Kind) -> i8 {
    match kind {
        Kind::Win => 2,
        Kind::Incident => -1,
        Kind::Favor | Kind::Advice | Kind::Meeting => 1,
        _ => 0,
    }
}

fn outcome_delta(outcome: Outcome) -> i8 {
    match outcome {
        Outcome::Kept => 2,
        Outcome::Broken => -3,
    }
}

fn demo() -> Workspace {
    workspace(now(), &helsinki(), &delta, &outcome_delta).expect("the demo asset builds")
}

pub(super) fn is_japanese(text: &str) -> bool {
    // Hiragana, katakana and CJK ideographs.
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn demo_covers_every_state_role_and_kind() {
    let ws = demo();
    for state in ClientState::ALL {
        assert!(
            ws.clients.iter().any(|c| c.state == *state),
            "no {state} client"
        );
    }
    for style in ContactStyle::ALL {
        assert!(
            ws.clients.iter().any(|c| c.style == *style),
            "no {style} client"
        );
    }
    for role in Role::ALL {
        assert!(ws.people.iter().any(|p| p.role == *role), "no {role}");
    }
    for kind in Kind::ALL {
        assert!(ws.events.iter().any(|e| e.kind == *kind), "no {kind} event");
    }
    assert!(ws.clients.iter().any(|c| c.archived));
    let today = now().with_timezone(&helsinki()).date_naive();
    assert!(ws
        .clients
        .iter()
        .any(|c| c.snooze_until.is_some_and(|d| d > today)));
    assert!(ws
        .events
        .iter()
        .any(|e| is_japanese(&e.text) && e.text.chars().any(|c| c > '\u{1f000}')));
    assert!(ws.events.iter().filter(|e| is_japanese(&e.text)).count() >= 3);
    assert!(ws.events.iter().any(|e| e.private));
    assert!(
        (150..=250).contains(&ws.events.len()),
        "{} events",
        ws.events.len()
    );
}

#[test]
fn demo_is_consistent() {
    let ws = demo();
    let mut handles = HashSet::new();
    for c in &ws.clients {
        for h in c.handles() {
            assert!(handles.insert(h.clone()), "duplicate handle {h}");
        }
    }
    let ids: HashSet<EventId> = ws.events.iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), ws.events.len(), "event ids are unique");
    assert!(
        ws.events.windows(2).all(|w| w[0].at <= w[1].at),
        "sorted by time"
    );
    assert!(ws
        .events
        .iter()
        .all(|e| e.at <= now() && e.at > now() - Duration::days(200)));
    let client_of: HashMap<_, _> = ws.people.iter().map(|p| (p.id, p.client)).collect();
    for e in &ws.events {
        assert!(ws.clients.iter().any(|c| c.id == e.client));
        for p in &e.people {
            assert_eq!(client_of.get(p), Some(&e.client), "{}", e.text);
        }
        assert!(crate::model::TRUST_RANGE.contains(&e.trust));
        assert_eq!(e.created, e.at);
        assert_eq!(e.id.0.timestamp_ms(), e.at.timestamp_millis() as u64);
    }
}

#[test]
fn demo_promises_are_linked_both_ways() {
    let ws = demo();
    let by_id: HashMap<_, _> = ws.events.iter().map(|e| (e.id, e)).collect();
    let today = now().with_timezone(&helsinki()).date_naive();
    let mut seen = HashSet::new();
    for e in ws.events.iter().filter(|e| e.promise.is_some()) {
        let info = e.promise.as_ref().unwrap();
        assert!(info.due.is_some(), "every demo promise has a due date");
        if let Some(outcome) = info.outcome {
            let done = by_id[&info.outcome_event.expect("outcome event")];
            assert_eq!(done.resolves, Some(e.id));
            assert_eq!(
                (done.kind, done.client, done.trust),
                (Kind::Promise, e.client, outcome_delta(outcome))
            );
            assert!(done.at >= e.at && done.promise.is_none());
            assert!(done.text.starts_with(if outcome == Outcome::Kept {
                "Kept: "
            } else {
                "Broken: "
            }));
            seen.insert(outcome);
        }
    }
    assert_eq!(seen.len(), 2, "a kept and a broken promise");
    for e in ws.events.iter().filter(|e| e.resolves.is_some()) {
        let promise = by_id[&e.resolves.unwrap()];
        assert_eq!(promise.promise.as_ref().unwrap().outcome_event, Some(e.id));
    }
    let open = |e: &&Event| e.is_open_promise();
    assert!(ws
        .events
        .iter()
        .filter(open)
        .any(|e| e.promise.as_ref().unwrap().due < Some(today)));
    assert!(ws
        .events
        .iter()
        .filter(open)
        .any(|e| e.promise.as_ref().unwrap().due > Some(today)));
}

#[test]
fn demo_tells_its_stories() {
    let ws = demo();
    let client = |alias: &str| {
        ws.clients
            .iter()
            .find(|c| c.alias.as_deref() == Some(alias))
            .unwrap()
    };
    let events = |alias: &str| {
        let id = client(alias).id;
        ws.events.iter().filter(move |e| e.client == id)
    };
    // The desert: a 30-day cadence, last contact about 75 days ago.
    let last = events("lumikko")
        .filter(|e| e.kind.is_contact())
        .map(|e| e.at)
        .max()
        .unwrap();
    assert_eq!(client("lumikko").cadence_days, 30);
    assert!((74..=76).contains(&(now() - last).num_days()));
    // One thread: every Kaarna event with people is with the same single person.
    let talked: HashSet<_> = events("kaarna").flat_map(|e| e.people.clone()).collect();
    assert_eq!(talked.len(), 1);
    assert!(
        ws.people
            .iter()
            .filter(|p| p.client == client("kaarna").id)
            .count()
            > 1
    );
    // Lots of free advice lately.
    let since = now() - Duration::days(30);
    let free: u32 = events("brightline")
        .filter(|e| e.at > since)
        .map(|e| e.unbilled_advice_minutes())
        .sum();
    assert!(free >= 240, "{free} minutes");
    assert!(ws
        .people
        .iter()
        .any(|p| p.name == "佐藤 健一" && p.time_zone.as_deref() == Some("Asia/Tokyo")));
}

#[test]
fn unknown_person_is_an_error() {
    let text = r#"
        [[clients]]
        name = "A Oy"
        [[clients.people]]
        name = "Anna Virtanen"
        [clients.timeline]
        events = [{ days_ago = 3, kind = "call", with = ["Bertil"], text = "hello" }]
    "#;
    let err = build(text, now(), &Utc, &delta, &outcome_delta).unwrap_err();
    assert!(format!("{err:#}").contains("Bertil"), "{err:#}");
    let ok = text.replace("Bertil", "anna");
    assert_eq!(
        build(&ok, now(), &Utc, &delta, &outcome_delta)
            .unwrap()
            .events
            .len(),
        1
    );
}

#[test]
fn relative_times_are_local() {
    let text = r#"
        [[clients]]
        name = "A Oy"
        [clients.timeline]
        events = [
          { days_ago = 1, time = "09:15", kind = "note", text = "yesterday" },
          { days_ago = 0, time = "23:00", kind = "note", text = "later today" },
        ]
    "#;
    let ws = build(text, now(), &helsinki(), &delta, &outcome_delta).unwrap();
    assert_eq!(
        ws.events[0].at,
        Utc.with_ymd_and_hms(2026, 3, 14, 7, 15, 0).unwrap()
    );
    assert_eq!(
        ws.events[1].at,
        now(),
        "clamped to now, never in the future"
    );
    assert_eq!(ws.clients[0].created, ws.events[0].at);
}
