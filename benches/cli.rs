//! `cargo bench --bench cli`: what the user waits for at the command line.
//!
//! - `rapport note`, from process start to durable (the id is printed after the fsync), median
//!   and p90 over repeated runs, on an empty store and on a synthetic store of
//!   `RAPPORT_BENCH_EVENTS` events (default 1,000,000; generated once and kept in
//!   `target/bench-stores/`);
//! - the same `rapport note` while a dashboard holds the store, through its socket;
//! - `rapport status --tmux` (read from the digest, never the database) and `rapport agenda`
//!   on the big store;
//! - the dashboard's Enter on a note: the store's `add_event`, from call to durable (p50, p99);
//! - the dashboard's Enter on an edit (`e`): the store's `edit_event` of the latest note, with
//!   its earlier version kept, from call to durable (p50, p99);
//! - the store's size on disk per event, against its JSON Lines export.
//!
//! The big store has edits in place (1% of its events, some twice: `common::edits`), and the
//! floor is measured in the same run: `sh -c "printf 'x\n' >> f && sync f"` in the store's
//! directory (a process started, a line appended and fsynced), so the goals' verdicts
//! (`rapport note` ≤ 4× the floor, Enter p99 ≤ 10 ms) are printed beside the numbers.
//!
//! Numbers are printed, never asserted: they depend on the machine.

mod common;
use common::{ms, percentile};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 40;

fn rapport(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
    cmd.arg("--data-dir")
        .arg(data)
        .env("XDG_CONFIG_HOME", data.join("no-config"));
    cmd
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("rapport runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Times `rapport note` against `client` in `data`.
fn note_latency(data: &Path, client: &str) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|i| {
            let started = Instant::now();
            run(rapport(data).args(["note", client, &format!("bench note {i}"), "--kind", "call"]));
            started.elapsed()
        })
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.9))
}

/// The floor: `sh -c "printf 'x\n' >> f && sync f"` in `dir`, timed as `rapport note` is.
fn floor_latency(dir: &Path) -> (Duration, Duration) {
    let file = dir.join("floor.txt");
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let status = Command::new("sh")
                .arg("-c")
                .arg("printf 'x\\n' >> \"$1\" && sync \"$1\"")
                .arg("sh")
                .arg(&file)
                .status()
                .expect("sh runs");
            assert!(status.success());
            started.elapsed()
        })
        .collect();
    let _ = std::fs::remove_file(&file);
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.9))
}

/// "= 2.1× the floor (goal ≤ 4×: met)"
fn against_floor(median: Duration, floor: Duration) -> String {
    let ratio = median.as_secs_f64() / floor.as_secs_f64();
    let verdict = if ratio <= 4.0 { "met" } else { "NOT met" };
    format!("= {ratio:.1}× the floor (goal ≤ 4×: {verdict})")
}

/// Times `rapport ARGS` (output discarded) over `runs` runs: (median, p90).
fn command_latency(data: &Path, args: &[&str], runs: usize) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            run(rapport(data).args(args));
            started.elapsed()
        })
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.9))
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn big_store(events: u64) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-stores/{events}"));
    if !dir.join("ready").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!(
            "generating a {events}-event store in {} (once)…",
            dir.display()
        );
        let started = Instant::now();
        run(rapport(&dir).args(["demo", "--scale", &events.to_string()]));
        eprintln!("  generated in {:.1} s", started.elapsed().as_secs_f64());
        std::fs::write(dir.join("ready"), "").unwrap();
    }
    dir
}

fn main() {
    // `cargo bench` passes harness flags like `--bench`; there is nothing to configure.
    let events: u64 = std::env::var("RAPPORT_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let empty = tempfile::tempdir().unwrap();
    run(rapport(empty.path()).args(["client", "add", "Acme Oy", "--alias", "acme"]));
    let (p50, p90) = note_latency(empty.path(), "acme");
    println!(
        "rapport note, start → durable, empty store:        median {:>6.1} ms   p90 {:>6.1} ms",
        ms(p50),
        ms(p90)
    );

    let big = big_store(events);
    common::edits::put_in_place(&big, events);
    let client = first_client(&big);
    let (floor, floor_p90) = floor_latency(&big);
    println!(
        "floor, sh -c \"printf 'x\\n' >> f && sync f\" beside the store: median {:>6.1} ms   p90 {:>6.1} ms",
        ms(floor),
        ms(floor_p90)
    );
    let (p50, p90) = note_latency(&big, &client);
    println!(
        "rapport note, start → durable, {events}-event store: median {:>6.1} ms   p90 {:>6.1} ms   {}",
        ms(p50),
        ms(p90),
        against_floor(p50, floor)
    );

    for (args, runs) in [(&["status", "--tmux"][..], RUNS), (&["agenda"][..], 10)] {
        let (p50, p90) = command_latency(&big, args, runs);
        println!(
            "rapport {}, {events}-event store: median {:>6.1} ms   p90 {:>6.1} ms",
            args.join(" "),
            ms(p50),
            ms(p90)
        );
    }

    through_the_dashboard(&big, &client, events, floor);

    let export = big.join("export.jsonl");
    run(rapport(&big).args(["export", "-o"]).arg(&export));
    let store_bytes = dir_size(&big.join("db"));
    let export_bytes = std::fs::metadata(&export).unwrap().len();
    std::fs::remove_file(&export).unwrap();
    println!(
        "size on disk: store {:.0} MB = {:.0} B/event; JSON Lines export {:.0} MB = {:.0} B/event ({:.2}×)",
        mb(store_bytes),
        store_bytes as f64 / events as f64,
        mb(export_bytes),
        export_bytes as f64 / events as f64,
        store_bytes as f64 / export_bytes as f64
    );
}

/// With the store held as a running dashboard holds it: `rapport note` through the socket,
/// and the dashboard's own save (Enter) from call to durable.
fn through_the_dashboard(data: &Path, client: &str, events: u64, floor: Duration) {
    use rapport::store::Store;
    let store = std::sync::Arc::new(
        rapport::store::open(data, &rapport::store::StoreOptions::default()).unwrap(),
    );
    let serving = rapport::socket::serve(data, store.clone(), |_| {}).unwrap();
    let (p50, p90) = note_latency(data, client);
    println!(
        "rapport note through a running dashboard's socket, {events}-event store: median {:>6.1} ms   p90 {:>6.1} ms   {}",
        ms(p50),
        ms(p90),
        against_floor(p50, floor)
    );
    drop(serving);
    let id = store.client_by_handle(client).unwrap().unwrap();
    let times = common::save_latencies(&*store, id, 500, "電話で相談した 🎣");
    let p99 = percentile(&times, 0.99);
    println!(
        "dashboard Enter → durable (add_event), {events}-event store: p50 {:>6.2} ms   p99 {:>6.2} ms   max {:>6.2} ms   (goal p99 ≤ 10 ms: {})",
        ms(percentile(&times, 0.5)),
        ms(p99),
        ms(times[times.len() - 1]),
        if p99 <= Duration::from_millis(10) { "met" } else { "NOT met" }
    );
    let times = edit_latencies(&*store, id, 200);
    println!(
        "dashboard edit → durable (edit_event), {events}-event store: p50 {:>6.2} ms   p99 {:>6.2} ms   max {:>6.2} ms",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(times[times.len() - 1])
    );
}

/// Edits the text of `client`'s latest event `runs` times, each from call to durable, sorted.
fn edit_latencies(
    store: &dyn rapport::store::Store,
    client: rapport::model::ClientId,
    runs: usize,
) -> Vec<Duration> {
    let page = store.events_page(client, None, 1).unwrap();
    let mut event = page.events.into_iter().next().expect("an event to edit");
    let mut times: Vec<Duration> = (0..runs)
        .map(|i| {
            event.text = format!("電話で相談した 🎣 corrected {i}");
            let started = Instant::now();
            store.edit_event(&event, chrono::Utc::now()).unwrap();
            started.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn first_client(data: &Path) -> String {
    let list: serde_json::Value =
        serde_json::from_str(&run(rapport(data).args(["client", "list", "--json"]))).unwrap();
    list[0]["alias"]
        .as_str()
        .or(list[0]["name"].as_str())
        .unwrap()
        .to_string()
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
