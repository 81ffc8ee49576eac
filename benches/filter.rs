//! `RAPPORT_BENCH_STORE=DIR cargo bench --bench filter`: the dashboard under a timeline filter on
//! a big store (e.g. a copy of `rapport demo --scale 1000000`; the store is opened and locked,
//! so use a copy nobody else needs). On the client with the most events it times, as the
//! dashboard's loop runs them (update, then a 160×45 frame):
//!
//! - Enter in the filter popup (the first bounded read) and each later search step between keys;
//! - `j` in the timeline, median and p99, with the search steps the loop runs between keys;
//! - the same keys without a filter, for comparison.
//!
//! Numbers are printed, never asserted: they depend on the machine.

use chrono::Utc;
use rapport::app::{App, Env, Pane};
use rapport::config::{Action, Config, KeyCode, KeySpec};
use rapport::store::StoreOptions;
use rapport::ui::{self, Look, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::{Duration, Instant};

const KEYS: usize = 300;

struct Bench<'a> {
    env: Env<'a>,
    terminal: Terminal<TestBackend>,
    theme: Theme,
}

impl Bench<'_> {
    fn draw(&mut self, app: &App) {
        let ctx = Look {
            theme: &self.theme,
            keys: &self.env.config.keys,
        };
        self.terminal.draw(|f| ui::draw(f, app, &ctx)).unwrap();
    }

    /// `f(app)` then a frame: what one key costs.
    fn timed(&mut self, app: &mut App, f: impl FnOnce(&mut App, &Env)) -> Duration {
        let started = Instant::now();
        f(app, &self.env);
        self.draw(app);
        started.elapsed()
    }

    /// The loop's work between keys: search steps, each with its frame, until done.
    fn read_to_end(&mut self, app: &mut App) -> Vec<Duration> {
        let mut steps = Vec::new();
        while app.filtering() {
            steps.push(self.timed(app, |app, env| app.filter_more(env).unwrap()));
        }
        steps
    }

    fn keys(&mut self, app: &mut App) -> (Vec<Duration>, Vec<Duration>) {
        let (mut keys, mut steps) = (Vec::new(), Vec::new());
        for _ in 0..KEYS {
            keys.push(self.timed(app, |app, env| app.act(Action::Down, env).unwrap()));
            steps.extend(self.read_to_end(app));
        }
        (keys, steps)
    }
}

fn stats(name: &str, mut times: Vec<Duration>) {
    if times.is_empty() {
        println!("{name:<44} none");
        return;
    }
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let total: Duration = times.iter().sum();
    println!(
        "{name:<44} n={:<5} median {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  total {:>8.1} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0)),
        ms(total)
    );
}

fn key(code: KeyCode) -> KeySpec {
    KeySpec::plain(code)
}

fn main() {
    let Some(dir) = std::env::var_os("RAPPORT_BENCH_STORE") else {
        eprintln!("set RAPPORT_BENCH_STORE to a store directory (a copy: it is locked)");
        return;
    };
    let started = Instant::now();
    let store = rapport::store::open(dir.as_ref(), &StoreOptions::default()).expect("open");
    println!(
        "store opened in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let config = Config::default();
    let mut bench = Bench {
        env: Env {
            store: &store,
            dir: dir.as_ref(),
            config: &config,
            now: Utc::now(),
        },
        terminal: Terminal::new(TestBackend::new(160, 45)).unwrap(),
        theme: Theme::default(),
    };
    let mut app = App::load(&bench.env).expect("load");
    let biggest = app
        .clients
        .iter()
        .max_by_key(|r| r.summary.event_count)
        .expect("a client");
    let (id, events) = (biggest.client.id, biggest.summary.event_count);
    println!("client {} with {events} events", biggest.client.name);
    app.focus_client(id, &bench.env).unwrap();
    app.focus = Pane::Timeline;

    let (keys, _) = bench.keys(&mut app);
    stats("no filter: j", keys);

    // Kinds: `i` jumps to incident. Incidents alone are one event in thirty: `j` walks into
    // rows not read yet. With a tag, a handful in thousands; a tag nothing has reads every
    // event, a step at a time.
    for (name, kinds, tag) in [
        ("incident", "i ", ""),
        ("incident #replication", "i ", "replication"),
        ("#kubernetes (matches nothing)", "", "kubernetes"),
    ] {
        app.act(Action::ClearFilter, &bench.env).unwrap();
        app.act(Action::Top, &bench.env).unwrap();
        app.act(Action::Filter, &bench.env).unwrap();
        for c in kinds.chars() {
            app.key(key(KeyCode::Char(c)), &bench.env).unwrap();
        }
        app.key(key(KeyCode::Tab), &bench.env).unwrap();
        app.key(key(KeyCode::Tab), &bench.env).unwrap();
        for c in tag.chars() {
            app.key(key(KeyCode::Char(c)), &bench.env).unwrap();
        }
        let enter = bench.timed(&mut app, |app, env| {
            app.key(key(KeyCode::Enter), env).unwrap()
        });
        let started = Instant::now();
        let steps = bench.read_to_end(&mut app);
        let whole = started.elapsed() + enter;
        let timeline = &app.selected.timeline;
        println!(
            "\n{name}: {} found, {} read, complete: {}; Enter to done {:.1} ms",
            timeline.rows.len(),
            timeline.scanned,
            timeline.complete(),
            whole.as_secs_f64() * 1e3
        );
        stats("  Enter (apply, first step, frame)", vec![enter]);
        stats("  search steps between keys (each + frame)", steps);
        let (keys, steps) = bench.keys(&mut app);
        stats("  j under the filter", keys);
        stats("  search steps while moving", steps);
    }
}
