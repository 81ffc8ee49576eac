//! The synthetic generator: deterministic, the right shape, and consistent.

use super::tests::{is_japanese, now};
use super::*;
use chrono::Duration;
use std::collections::{HashMap, HashSet};

#[test]
fn synthetic_is_deterministic() {
    let a = synthetic(5_000, 42, now());
    let b = synthetic(5_000, 42, now());
    assert_eq!(a.clients, b.clients);
    assert_eq!(a.people, b.people);
    let first: Vec<Event> = a.events().take(100).collect();
    assert_eq!(first, b.events().take(100).collect::<Vec<_>>());
    assert_eq!(
        first,
        a.events().take(100).collect::<Vec<_>>(),
        "events() starts over"
    );
    assert_ne!(
        first,
        synthetic(5_000, 43, now())
            .events()
            .take(100)
            .collect::<Vec<_>>()
    );
}

#[test]
fn synthetic_has_the_right_shape() {
    let big = synthetic(1_000_000, 1, now());
    assert_eq!((big.clients.len(), big.people.len()), (1_000, 10_000));
    assert!(big
        .clients
        .iter()
        .all(|c| big.people.iter().filter(|p| p.client == c.id).count() == 10));
    assert_eq!(
        (
            synthetic(10, 1, now()).clients.len(),
            synthetic(10, 1, now()).people.len()
        ),
        (1, 1)
    );

    let s = synthetic(20_000, 7, now());
    assert_eq!((s.clients.len(), s.people.len()), (20, 200));
    let mut handles = HashSet::new();
    for c in &s.clients {
        assert!(
            c.handles().into_iter().all(|h| handles.insert(h)),
            "unique names and aliases"
        );
        let names: HashSet<_> = s
            .people
            .iter()
            .filter(|p| p.client == c.id)
            .map(|p| p.name.to_lowercase())
            .collect();
        assert_eq!(names.len(), 10, "people's names are unique within a client");
    }
    let client_of: HashMap<_, _> = s.people.iter().map(|p| (p.id, p.client)).collect();
    let events: Vec<Event> = s.events().collect();
    assert_eq!(events.len(), 20_000);
    assert_eq!(s.events().len(), 20_000);
    let ids: HashSet<_> = events.iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), events.len());
    assert!(events.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(events[0].at >= now() - Duration::days(3 * 365) && events.last().unwrap().at <= now());
    let by_id: HashMap<_, _> = events.iter().map(|e| (e.id, e)).collect();
    for e in &events {
        assert!(e.people.iter().all(|p| client_of[p] == e.client));
        assert!((-1..=2).contains(&e.trust));
        if e.resolves.is_none() {
            assert!((40..=200).contains(&e.text.chars().count()), "{:?}", e.text);
            assert!(!e.text.contains(": ;"), "no empty fragment: {:?}", e.text);
        }
        if let Some(event) = e.promise.as_ref().and_then(|p| p.outcome_event) {
            assert_eq!(by_id[&event].resolves, Some(e.id));
        }
    }
    for kind in Kind::ALL {
        assert!(events.iter().any(|e| e.kind == *kind));
    }
    assert!(
        events.iter().any(|e| e.resolves.is_some()) && events.iter().any(|e| e.is_open_promise())
    );
    assert!(events.iter().any(|e| is_japanese(&e.text)) && events.iter().any(|e| e.private));
}

/// Generation speed: `cargo test --release --lib demo::tests::synthetic_speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn synthetic_speed() {
    let s = synthetic(1_000_000, 1, now());
    let start = std::time::Instant::now();
    let bytes: usize = s.events().map(|e| e.text.len()).sum();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "1M events in {secs:.3} s ({:.2} M/s), {bytes} bytes of text",
        1.0 / secs
    );
}
