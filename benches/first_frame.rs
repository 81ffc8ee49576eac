//! `cargo bench --bench first_frame`: what the dashboard does before its first frame, step by
//! step, on a big store: read the overview file, build the app state, draw 160×45.
//!
//! The store is `RAPPORT_BENCH_STORE`, or the one `cargo bench --bench cli` generates
//! (`target/bench-stores/1000000`). It needs an overview file, which the dashboard leaves when it
//! closes: open `rapport` on it once and quit. Numbers are printed, never asserted.

mod common;
use common::ms;
use rapport::app::{App, Env};
use rapport::config::Config;
use rapport::store::Overview;
use rapport::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::PathBuf;
use std::time::Instant;

const RUNS: usize = 30;

fn main() {
    let dir = std::env::var_os("RAPPORT_BENCH_STORE").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-stores/1000000"),
        PathBuf::from,
    );
    if Overview::load(&dir).is_none() {
        eprintln!(
            "no overview file in {}: open `rapport --data-dir {0}` once and quit, then run again",
            dir.display()
        );
        return;
    }
    let runs = std::env::var("RAPPORT_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(RUNS);
    let config = Config::default();
    let theme = Theme::new(&config.colors);
    let mut steps = [Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..runs {
        let started = Instant::now();
        let overview = Overview::load(&dir).expect("the overview reads");
        let loaded = Instant::now();
        let env = Env {
            store: &overview,
            dir: &dir,
            config: &config,
            now: chrono::Utc::now(),
        };
        // As the dashboard builds it: only the rows a 45-line screen can show, in full.
        let app = App::early(&overview, &env, 45).expect("the app loads");
        let built = Instant::now();
        let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
        let view = ui::Look {
            theme: &theme,
            keys: &config.keys,
        };
        terminal.draw(|f| ui::draw(f, &app, &view)).unwrap();
        let drawn = Instant::now();
        steps[0].push(loaded - started);
        steps[1].push(built - loaded);
        steps[2].push(drawn - built);
    }
    for (name, mut times) in ["read overview", "build app state", "draw 160×45"]
        .into_iter()
        .zip(steps)
    {
        times.sort();
        println!(
            "{name:<16} median {:>6.2} ms   p90 {:>6.2} ms",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 9 / 10])
        );
    }
}
