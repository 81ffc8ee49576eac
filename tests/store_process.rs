//! The dashboard's store process, run from the real binary: calls answered, paused when idle
//! and resumed by the next call, the store closed and let go when it ends, and a store that
//! cannot be opened reported rather than waited on.

use chrono::{TimeZone, Utc};
use rapport::model::{Client, ClientId, Event, EventId, Kind};
use rapport::store::{Reserved, Store, StoreOptions};
use rapport::store_process::{StoreProcess, PAUSE_AFTER};
use std::path::Path;
use std::time::{Duration, Instant};

fn spawn(dir: &Path) -> rapport::store::Result<StoreProcess> {
    let reserved = Reserved::take(dir)?;
    StoreProcess::spawn_program(
        Path::new(env!("CARGO_BIN_EXE_rapport")),
        reserved,
        &StoreOptions::default(),
    )
}

/// The process state letter from /proc: `T` while paused.
fn state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the process is there");
    let (_, rest) = stat.rsplit_once(')').expect("a stat line");
    rest.trim_start().chars().next().expect("a state")
}

fn acme() -> Client {
    Client {
        id: ClientId::new_at(1),
        name: "Acme Oy".into(),
        ..Client::default()
    }
}

fn note(client: ClientId, text: &str) -> Event {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    Event {
        id: EventId::new_at(at.timestamp_millis() as u64),
        client,
        kind: Kind::Note,
        at,
        text: text.into(),
        ..Event::default()
    }
}

#[test]
fn calls_are_answered_and_the_store_is_let_go_when_it_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    let store = spawn(&dir).unwrap();
    let client = acme();
    store.put_client(&client).unwrap();
    store
        .add_event(&note(client.id, "移行計画 🚀"), now)
        .unwrap();
    assert_eq!(store.summaries(&[client.id]).unwrap()[0].event_count, 1);
    let pid = store.pid();
    drop(store);
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists() || state(pid) == 'Z',
        "the store process ended with its handle"
    );
    // Closed and unlocked: this process can open the store, and the note is there.
    let store = rapport::store::open(&dir, &StoreOptions::default()).unwrap();
    let page = store.events_page(client.id, None, 10).unwrap();
    assert_eq!(page.events.len(), 1);
    assert_eq!(page.events[0].text, "移行計画 🚀");
}

#[test]
fn an_idle_store_process_is_paused_and_the_next_call_resumes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = spawn(&tmp.path().join("data")).unwrap();
    store.put_client(&acme()).unwrap();
    let due = store
        .pause_due()
        .expect("a running process is due to pause");
    // Too early: a call just came.
    store.pause_if_idle(Instant::now());
    assert!(!store.paused());
    assert_ne!(state(store.pid()), 'T');
    std::thread::sleep(due.saturating_duration_since(Instant::now()) + Duration::from_millis(10));
    store.pause_if_idle(Instant::now());
    assert!(store.paused());
    // The signal is delivered a moment after it is sent.
    let sent = Instant::now();
    while state(store.pid()) != 'T' {
        assert!(
            sent.elapsed() < Duration::from_secs(5),
            "stopped: no thread of it can wake"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(store.pause_due(), None, "nothing more to do while paused");
    // The next call resumes it and is answered.
    assert_eq!(store.clients().unwrap().len(), 1);
    assert!(!store.paused());
    assert_ne!(state(store.pid()), 'T');
    assert!(store.pause_due().unwrap() > Instant::now() + PAUSE_AFTER / 2);
}

#[test]
fn a_store_that_cannot_be_opened_is_reported_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = spawn(&dir).unwrap();
    store.put_client(&acme()).unwrap();
    drop(store);
    let db = dir.join("db").join("db");
    let len = std::fs::metadata(&db).unwrap().len() as usize;
    let garbage: Vec<u8> = (0..len).map(|i| (i * 7 + 13) as u8).collect();
    std::fs::write(&db, garbage).unwrap();
    let err = spawn(&dir).err().expect("a damaged store is refused");
    let text = err.to_string();
    assert!(text.contains("could not be read"), "{text}");
    assert!(text.contains("restore it from an export"), "{text}");
}

fn kill_9(store: &StoreProcess) {
    let pid = rustix::process::Pid::from_raw(store.pid() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::KILL).unwrap();
}

#[test]
fn a_store_process_that_died_is_started_again_and_calls_are_answered() {
    let tmp = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(spawn(&tmp.path().join("data")).unwrap());
    let (told, ended) = std::sync::mpsc::channel();
    store.on_end(move || {
        let _ = told.send(());
    });
    let client = acme();
    store.put_client(&client).unwrap();
    let first = store.pid();
    kill_9(&store);
    // Noticed at once, without a call.
    ended
        .recv_timeout(Duration::from_secs(5))
        .expect("the end is told");
    // Calls arriving now, from several threads (the socket's peers), wait for the new run.
    let calls: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            std::thread::spawn(move || store.clients().map(|c| c.len()))
        })
        .collect();
    for call in calls {
        assert_eq!(call.join().unwrap().unwrap(), 1);
    }
    store.revive().unwrap();
    assert_ne!(store.pid(), first, "a new run");
    let news = store.news().expect("the restart is news");
    assert!(news.contains("started again"), "{news}");
    assert_eq!(store.news(), None, "told once");
    // Writes work on the new run.
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    store
        .add_event(&note(client.id, "after the restart"), now)
        .unwrap();
    assert_eq!(store.summaries(&[client.id]).unwrap()[0].event_count, 1);
}

#[test]
fn a_store_process_that_keeps_dying_is_given_up_with_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let store = spawn(&tmp.path().join("data")).unwrap();
    store.put_client(&acme()).unwrap();
    let mut last = None;
    for _ in 0..rapport::store_process::GIVE_UP_AFTER {
        kill_9(&store);
        last = Some(store.clients());
    }
    let err = last.unwrap().expect_err("given up").to_string();
    assert!(
        err.contains("ended unexpectedly 3 times within a minute"),
        "{err}"
    );
    assert!(err.contains("start rapport again"), "{err}");
    // And it stays given up, saying the same.
    let again = store.revive().expect_err("still given up").to_string();
    assert_eq!(again, err);
}

/// The dashboard's `j` through the store process: the next client's people, first timeline
/// page and trust chart come in one call, one round trip (three calls cost three, and a
/// round trip costs more than the reading); `k` back costs none.
#[test]
fn selecting_the_next_client_is_one_round_trip() {
    use rapport::app::{App, Env};
    use rapport::config::{Action, Config};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = spawn(&dir).unwrap();
    let config = Config::default();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    rapport::demo::load(&store, &config, now).unwrap();
    let env = Env {
        store: &store,
        dir: &dir,
        config: &config,
        now,
    };
    let mut app = App::load(&env).unwrap();
    for _ in 0..3 {
        let before = store.round_trips();
        app.act(Action::Down, &env).unwrap();
        assert_eq!(store.round_trips() - before, 1, "round trips for one `j`");
        assert!(
            !app.selected.timeline.rows.is_empty(),
            "the timeline is read"
        );
        assert_eq!(app.selected.chart.len(), 90, "a chart point a day");
    }
    // `k` back to a client just left is answered from what the dashboard kept.
    let before = store.round_trips();
    app.act(Action::Up, &env).unwrap();
    assert_eq!(store.round_trips() - before, 0, "round trips for `k` back");
    assert_eq!(app.selected.chart.len(), 90);
}
