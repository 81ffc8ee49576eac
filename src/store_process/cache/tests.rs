use super::*;
use crate::store::Page;
use chrono::{Duration, TimeZone};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn ask(client: ClientId, now: DateTime<Utc>) -> Ask {
    Ask {
        client,
        limit: 64,
        since: now - Duration::days(90),
        until: now,
    }
}

/// Moves 100 days ago, 10 days ago and tomorrow: only the middle one is in today's window.
fn selection() -> Selection {
    let days = |d: i64| now() + Duration::days(d);
    Selection {
        people: Vec::new(),
        page: Page {
            events: Vec::new(),
            next: None,
        },
        trust_moves: vec![(days(1), 2), (days(-10), -1), (days(-100), 1)],
    }
}

fn moves(answer: Option<Result<Selection>>) -> Option<Vec<i8>> {
    let selection = answer?.expect("transcoded");
    Some(selection.trust_moves.iter().map(|(_, d)| *d).collect())
}

#[test]
fn a_kept_selection_answers_a_later_window_with_only_its_moves() {
    let cache = Cache::default();
    let client = ClientId::new_at(1);
    let asked = ask(client, now());
    assert!(cache.get::<Selection>(&asked).is_none(), "empty at first");
    cache.keep(&asked, cache.reading(), &selection());
    assert_eq!(moves(cache.get(&asked)), Some(vec![-1]));
    // A day later tomorrow's move is in the window too.
    let later = ask(client, now() + Duration::days(1));
    assert_eq!(moves(cache.get(&later)), Some(vec![2, -1]));
    // An earlier window or another page length was not read: asked of the store.
    let earlier = ask(client, now() - Duration::days(1));
    assert!(cache.get::<Selection>(&earlier).is_none());
    let longer = Ask { limit: 65, ..later };
    assert!(cache.get::<Selection>(&longer).is_none());
    assert!(cache
        .get::<Selection>(&ask(ClientId::new_at(2), now()))
        .is_none());
}

#[test]
fn a_write_empties_it_and_a_read_that_overlapped_one_is_not_kept() {
    let cache = Cache::default();
    let client = ClientId::new_at(1);
    let asked = ask(client, now());
    cache.keep(&asked, cache.reading(), &selection());
    cache.writing(|| ());
    assert!(
        cache.get::<Selection>(&asked).is_none(),
        "emptied by the write"
    );
    // Read before a write ended (or started) it may be from before it.
    let generation = cache.reading();
    cache.writing(|| ());
    cache.keep(&asked, generation, &selection());
    assert!(cache.get::<Selection>(&asked).is_none());
    cache.writing(|| cache.keep(&asked, cache.reading(), &selection()));
    assert!(
        cache.get::<Selection>(&asked).is_none(),
        "kept during a write"
    );
    cache.keep(&asked, cache.reading(), &selection());
    cache.clear();
    assert!(cache.get::<Selection>(&asked).is_none(), "cleared");
}

#[test]
fn only_the_latest_clients_are_kept() {
    let cache = Cache::default();
    let clients: Vec<ClientId> = (0..=KEPT as u64).map(ClientId::new_at).collect();
    for &client in &clients {
        cache.keep(&ask(client, now()), cache.reading(), &selection());
    }
    assert!(cache.get::<Selection>(&ask(clients[0], now())).is_none());
    for &client in &clients[1..] {
        assert!(cache.get::<Selection>(&ask(client, now())).is_some());
    }
}
