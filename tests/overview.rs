//! The dashboard's first frame comes from the overview file, before the database is open; it
//! must show what the database would: same clients, same order, the same selected client with
//! its people, timeline and chart.

use rapport::app::{App, Env};
use rapport::model::{Client, Summary};
use rapport::store::{Overview, Store};

mod dashboard;
use dashboard::{screen_text, Fixture, STORE_PATH};

fn from_overview(fixture: &Fixture, overview: &Overview) -> App {
    let env = Env {
        store: overview,
        config: &fixture.config,
        now: fixture.now,
    };
    let mut app = App::load(&env).expect("load from the overview");
    if let Some(id) = overview.focus {
        app.focus_client(id, &env).expect("focus");
    }
    app.store_path = STORE_PATH.into();
    app
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
    let dir = fixture.store.dir().to_path_buf();
    let mut checked = 0;
    // Every client, so that both Japanese notes and long timelines are covered.
    for i in 0..fixture.app().clients.len() {
        let mut truth = fixture.app();
        let id = truth.clients[i].client.id;
        truth.focus_client(id, &fixture.env()).unwrap();
        Overview::capture(&fixture.store, &listed(&truth), Some(id), fixture.now)
            .unwrap()
            .save(&dir)
            .unwrap();
        let overview = Overview::load(&dir).expect("the overview just saved");
        let early = from_overview(&fixture, &overview);
        for size in [(80, 24), (160, 45)] {
            let want = screen_text(fixture.draw(&truth, size).buffer());
            let got = screen_text(fixture.draw(&early, size).buffer());
            assert_eq!(got, want, "client {i} at {size:?}");
        }
        checked += 1;
    }
    assert!(checked >= 5, "the demo has clients");
}

#[test]
fn the_overview_refuses_writes_and_a_damaged_file_is_ignored() {
    let fixture = Fixture::demo();
    let dir = fixture.store.dir().to_path_buf();
    let first = fixture.app().clients[0].client.clone();
    let app = fixture.app();
    let overview =
        Overview::capture(&fixture.store, &listed(&app), Some(first.id), fixture.now).unwrap();
    let err = overview.put_client(&first).unwrap_err();
    assert!(err.to_string().contains("still opening"), "{err}");
    overview.save(&dir).unwrap();
    std::fs::write(dir.join("overview"), b"\x01garbage").unwrap();
    assert!(Overview::load(&dir).is_none());
}
