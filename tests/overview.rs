//! The dashboard's first frame comes from the overview file, before the database is open; it
//! must show what the database would: same clients, same order, the same selected client with
//! its people, timeline and chart.

use chrono::Duration;
use rapport::app::{App, Env};
use rapport::insight::Due;
use rapport::model::{Client, ClientId, Event, EventId, Kind, PromiseInfo, Summary};
use rapport::store::{Overview, Store};

use crate::dashboard;
use dashboard::{screen_text, Fixture, STORE_PATH};

/// The first frame's state for a terminal `rows` high, as the dashboard builds it.
fn from_overview(fixture: &Fixture, overview: &Overview, rows: u16) -> App {
    let env = Env {
        store: overview,
        dir: fixture.dir(),
        config: &fixture.config,
        now: fixture.now,
    };
    let mut app = App::early(overview, &env, rows.into()).expect("load from the overview");
    app.store_path = STORE_PATH.into();
    app
}

/// Saves the overview `truth` would leave with client `i` selected, and checks that the first
/// frame drawn from it is the one `truth` draws, at both sizes. Says whether a size had
/// clients drawn from sketches.
fn check_first_frame(fixture: &Fixture, i: usize) -> bool {
    let mut truth = fixture.app();
    let id = truth.clients[i].client.id;
    truth.focus_client(id, &fixture.env()).unwrap();
    let dir = fixture.dir();
    Overview::capture(&*fixture.store, &listed(&truth), Some(id), fixture.now)
        .unwrap()
        .save(dir)
        .unwrap();
    let overview = Overview::load(dir).expect("the overview just saved");
    let counted = truth.due.clone();
    let mut sketched = false;
    for size in [(80, 24), (160, 45)] {
        let early = from_overview(fixture, &overview, size.1);
        // With clients off screen held as sketches (their earliest promise only), the first
        // frame leaves out the due count rather than show one too low; the rest is the same.
        let left_out = early.clients.len() > usize::from(size.1) + 1;
        if left_out {
            assert_eq!(early.due, Due::default(), "client {i} at {size:?}");
            sketched = true;
        }
        truth.due = if left_out {
            Due::default()
        } else {
            counted.clone()
        };
        let want = screen_text(fixture.draw(&truth, size).buffer());
        let got = screen_text(fixture.draw(&early, size).buffer());
        assert_eq!(got, want, "client {i} at {size:?}");
    }
    sketched
}

fn listed(app: &App) -> Vec<(&Client, &Summary)> {
    app.clients
        .iter()
        .map(|r| (&r.client, &r.summary))
        .collect()
}

#[test]
fn the_first_frame_from_the_overview_matches_the_store() {
    let fixture = Fixture::demo();
    let clients = fixture.app().clients.len();
    assert!(clients >= 5, "the demo has clients");
    // Every client, so that both Japanese notes and long timelines are covered.
    for i in 0..clients {
        assert!(!check_first_frame(&fixture, i), "the demo fits");
    }
}

/// An edited event (edited, made in no call: the fields the overview once encoded by
/// position) is drawn from the overview as the store draws it, with its new text.
#[test]
fn the_first_frame_follows_an_edit() {
    let fixture = Fixture::demo();
    let app = fixture.app();
    let client = app.clients[0].client.id;
    let page = fixture.store.events_page(client, None, 1).unwrap();
    let mut event = page.events[0].clone();
    assert_eq!(event.made_in, None);
    event.text = "corrected afterwards".into();
    fixture.store.edit_event(&event, fixture.now).unwrap();
    check_first_frame(&fixture, 0);
    let overview = Overview::load(fixture.dir()).unwrap();
    let shown = overview.event(event.id).unwrap().unwrap();
    assert_eq!(shown.text, "corrected afterwards");
    assert!(shown.edited.is_some());
}

/// More clients than a screen shows: the first frame decodes only the rows around the one
/// looked at last, and must still place and draw them as the store would.
#[test]
fn a_long_client_list_is_drawn_alike_wherever_the_cursor_was() {
    let fixture = Fixture::empty();
    let now = fixture.now;
    for n in 0..130u64 {
        let client = Client {
            id: ClientId::new_at(n + 1),
            name: format!("Client {n:03} 株式会社"),
            cadence_days: [7, 14, 30, 90][n as usize % 4],
            created: now - Duration::days(400),
            ..Client::default()
        };
        fixture.store.put_client(&client).unwrap();
        // Silences from a day to a year, some promises long overdue, some not yet due.
        let at = now - Duration::days(((n * 37) % 365 + 1) as i64);
        let mut event = Event {
            id: EventId::new_at(at.timestamp_millis() as u64 + n),
            client: client.id,
            kind: if n % 3 == 0 {
                Kind::Promise
            } else {
                Kind::Call
            },
            at,
            text: format!("talked {n}"),
            trust: (n % 5) as i8 - 2,
            ..Event::default()
        };
        if event.kind == Kind::Promise {
            event.promise = Some(PromiseInfo {
                due: Some((at + Duration::days((n % 50) as i64 * 3)).date_naive()),
                ..PromiseInfo::default()
            });
        }
        fixture.store.add_event(&event, now).unwrap();
    }
    let listed = fixture.app().clients.len();
    assert_eq!(listed, 130);
    for i in [0, 1, 20, 21, 22, 23, 44, 45, 70, 128, 129] {
        assert!(check_first_frame(&fixture, i), "130 clients do not fit");
    }
}

#[test]
fn the_overview_refuses_writes_and_a_damaged_file_is_ignored() {
    let fixture = Fixture::demo();
    let dir = fixture.dir().to_path_buf();
    let first = fixture.app().clients[0].client.clone();
    let app = fixture.app();
    let overview =
        Overview::capture(&*fixture.store, &listed(&app), Some(first.id), fixture.now).unwrap();
    let err = overview.put_client(&first).unwrap_err();
    assert!(err.to_string().contains("still opening"), "{err}");
    overview.save(&dir).unwrap();
    std::fs::write(dir.join("overview"), b"\x01garbage").unwrap();
    assert!(Overview::load(&dir).is_none());
}

#[test]
fn the_overview_pages_before_a_time_as_the_store_does() {
    let fixture = Fixture::demo();
    let app = fixture.app();
    let id = app.clients[0].client.id;
    let overview =
        Overview::capture(&*fixture.store, &listed(&app), Some(id), fixture.now).unwrap();
    let newest = fixture.store.events_page(id, None, 4).unwrap().events;
    assert_eq!(newest.len(), 4, "the demo's first client has a timeline");
    // An `until` filter's first page starts before a time, not at a page's end.
    let before = rapport::store::Cursor::before(newest[2].at);
    let ids = |store: &dyn Store| -> Vec<EventId> {
        let page = store.events_page(id, Some(&before), 2).unwrap();
        page.events.iter().map(|e| e.id).collect()
    };
    let want = ids(&*fixture.store);
    assert!(!want.is_empty());
    assert_eq!(ids(&overview), want);
}

/// Version 11 gives people their yearly dates (10 clients' report languages, 9 follow-ups, 8
/// recent advice, 7 the name in each sort key, 6 the bounded trust); a
/// file of an older version is not read, so the dashboard starts from the store and writes
/// the file anew when it closes.
#[test]
fn an_overview_of_an_older_version_is_ignored() {
    let fixture = Fixture::demo();
    let dir = fixture.dir().to_path_buf();
    let app = fixture.app();
    let focus = app.current().map(|r| r.client.id);
    let overview = Overview::capture(&*fixture.store, &listed(&app), focus, fixture.now).unwrap();
    overview.save(&dir).unwrap();
    assert!(Overview::load(&dir).is_some());
    let mut bytes = std::fs::read(dir.join("overview")).unwrap();
    assert_eq!(bytes[0], 11);
    bytes[0] = 10;
    std::fs::write(dir.join("overview"), &bytes).unwrap();
    assert!(Overview::load(&dir).is_none());
}
