//! What the bench binaries share: milliseconds, percentiles, and the dashboard's Enter timed.
//! Each bench uses part of it.
#![allow(dead_code)]

pub mod edits;

use rapport::model::{ClientId, Event, EventId, Kind};
use rapport::store::Store;
use std::time::{Duration, Instant};

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `p` quantile (0 to 1) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The dashboard's Enter on a note, `runs` times: `add_event` from call to durable, sorted.
pub fn save_latencies(
    store: &dyn Store,
    client: ClientId,
    runs: usize,
    text: &str,
) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|i| {
            let now = chrono::Utc::now();
            let event = Event {
                id: EventId::new_at(now.timestamp_millis() as u64),
                client,
                at: now,
                kind: Kind::Call,
                text: format!("Enter on note {i}: {text}"),
                created: now,
                ..Event::default()
            };
            let started = Instant::now();
            store.add_event(&event, now).unwrap();
            started.elapsed()
        })
        .collect();
    times.sort();
    times
}
