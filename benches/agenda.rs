//! `cargo bench --bench agenda`: the agenda on a big store. First `rapport agenda` from process
//! start to exit (capped and `--all`), beside two floors: `rapport --version` (starting the
//! process) and `rapport status --tmux` (the digest, without opening the database). Then the
//! dashboard's `A` — the one key that reads every person — from the key to a drawn frame, as
//! the key loop does it (update, then draw).
//!
//! The store is `RAPPORT_BENCH_STORE` (a copy you may write to: opening may migrate it), else
//! the one `cargo bench --bench cli` generates in `target/bench-stores/1000000`.
//! Numbers are printed, never asserted: they depend on the machine.

mod common;
use common::ms;
use rapport::app::{App, Env};
use rapport::config::{Action, Config};
use rapport::store::Store;
use rapport::ui::{self, Look, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 20;

fn main() {
    let dir = std::env::var_os("RAPPORT_BENCH_STORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-stores/1000000")
        });
    if !dir.join("db").exists() {
        eprintln!(
            "no store in {}: run `cargo bench --bench cli` once, or set RAPPORT_BENCH_STORE",
            dir.display()
        );
        return;
    }
    // First, so the store is opened (and migrated, if it must be) once before timing.
    cli(&dir);
    let config = Config::default();
    let started = Instant::now();
    let options = rapport::store::StoreOptions {
        cache_bytes: config.cache_bytes(),
        half_life_days: config.half_life_days(),
    };
    let store = rapport::store::open(&dir, &options).expect("open the store");
    println!("store opened in {:.0} ms", ms(started.elapsed()));
    let env = Env {
        store: &store,
        dir: &dir,
        config: &config,
        now: chrono::Utc::now(),
    };
    let mut app = App::load(&env).expect("load the dashboard");
    let people = time(|| {
        store.people(None).expect("read people");
    });
    println!(
        "Store::people(None), {} people: p50 {:.1} ms  max {:.1} ms",
        store.people(None).unwrap().len(),
        ms(people.0),
        ms(people.1)
    );

    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let theme = Theme::default();
    let ctx = Look {
        theme: &theme,
        keys: &config.keys,
    };
    let mut items = 0;
    let open = time(|| {
        app.act(Action::Agenda, &env).expect("A");
        terminal.draw(|f| ui::draw(f, &app, &ctx)).unwrap();
        items = app.agenda.as_ref().map_or(0, |a| a.items.len());
        app.act(Action::Back, &env).expect("Esc");
    });
    println!(
        "A → agenda drawn (160x45), {} clients, {items} items: p50 {:.1} ms  max {:.1} ms",
        app.clients.len(),
        ms(open.0),
        ms(open.1)
    );
    app.act(Action::Agenda, &env).expect("A");
    let tick = time(|| app.tick(&env).expect("tick"));
    println!(
        "minute tick with the agenda open: p50 {:.1} ms  max {:.1} ms",
        ms(tick.0),
        ms(tick.1)
    );
}

/// `rapport ARGS` on `dir` from start to exit, output discarded, beside the floors.
fn cli(dir: &Path) {
    let run = |args: &[&str]| {
        let status = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .arg("--data-dir")
            .arg(dir)
            .args(args)
            .env("XDG_CONFIG_HOME", dir.join("no-config"))
            .stdout(Stdio::null())
            .status()
            .expect("rapport runs");
        assert!(status.success(), "rapport {args:?}");
    };
    let started = Instant::now();
    run(&["agenda"]);
    println!(
        "first rapport agenda (opens the store, migrating it if needed): {:.0} ms",
        ms(started.elapsed())
    );
    for args in [
        &["--version"][..],
        &["status", "--tmux"],
        &["agenda"],
        &["agenda", "--all"],
    ] {
        let (p50, max) = time(|| run(args));
        println!(
            "rapport {:<14} p50 {:>6.1} ms  max {:>6.1} ms",
            args.join(" "),
            ms(p50),
            ms(max)
        );
    }
}

/// p50 and max of `RUNS` calls.
fn time(mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    (times[RUNS / 2], times[RUNS - 1])
}
