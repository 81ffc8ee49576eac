//! `cargo bench --bench search`: what a search costs on a big store, as the dashboard's `/`
//! popup calls it — one `Store::search` per keystroke, each prefix of a few queries typed out.
//!
//! Runs on the store in `RAPPORT_BENCH_STORE` (a copy of a `rapport demo --scale 1000000`
//! store: opening it migrates it, so never point this at a store someone else uses). Prints
//! the first search (cold caches), then median, p99 and max over every keystroke, and the
//! dashboard's Enter on a note (add_event, call to durable) with the index kept on write.
//! Numbers are printed, never asserted: they depend on the machine.

mod common;
use common::{ms, percentile};
use rapport::search::Query;
use rapport::store::{Store, StoreOptions};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "replication lag",
    "patroni",
    "pgbouncer pool",
    "レプリケーション",
    "月末",
    "vacuum",
    "licence audit",
    "anna",
    "佐藤",
    "bloat ledger",
    "checksum",
    "oom killer",
];

fn main() {
    let Some(dir) = std::env::var_os("RAPPORT_BENCH_STORE").map(PathBuf::from) else {
        println!("search bench: set RAPPORT_BENCH_STORE to a copy of a big demo store");
        return;
    };
    let opened = Instant::now();
    let store = rapport::store::open(&dir, &StoreOptions::default()).unwrap();
    println!(
        "open (and migrate if needed): {:>8.1} ms",
        ms(opened.elapsed())
    );
    let first = Instant::now();
    let results = store.search(&Query::new("r")).unwrap();
    println!(
        "first search (loads names and people): {:>8.1} ms, {} results",
        ms(first.elapsed()),
        results.len()
    );
    // The whole search, then notes alone (a `since` leaves names out) to see which part costs.
    for (label, notes_only) in [("search", false), ("  notes alone", true)] {
        let mut times = Vec::new();
        let mut slowest = (Duration::ZERO, String::new());
        for _ in 0..3 {
            for query in QUERIES {
                let chars: Vec<char> = query.chars().collect();
                for typed in 1..=chars.len() {
                    let mut q = Query::new(&chars[..typed].iter().collect::<String>());
                    if notes_only {
                        q.since = Some(chrono::DateTime::<chrono::Utc>::UNIX_EPOCH);
                    }
                    let started = Instant::now();
                    store.search(&q).unwrap();
                    let took = started.elapsed();
                    if took > slowest.0 {
                        slowest = (took, q.text);
                    }
                    times.push(took);
                }
            }
        }
        times.sort();
        println!(
            "{label} per keystroke ({} keystrokes): median {:>6.2} ms   p99 {:>6.2} ms   max {:>6.2} ms ({:?})",
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(slowest.0),
            slowest.1
        );
    }
    let client = store.clients().unwrap()[0].id;
    let saves = common::save_latencies(
        &store,
        client,
        300,
        "電話で相談した 🎣 replication lag again",
    );
    println!(
        "Enter → durable (add_event with the index): p50 {:>6.2} ms   p99 {:>6.2} ms   max {:>6.2} ms",
        ms(percentile(&saves, 0.5)),
        ms(percentile(&saves, 0.99)),
        ms(saves[saves.len() - 1])
    );
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status.lines().find(|l| l.starts_with("VmHWM"));
    println!("peak memory: {}", peak.unwrap_or("unknown"));
}
