//! The search popup (`/`) driven through `App` as the key loop drives it, against a real store
//! holding the demo workspace: incremental results, Enter into the item's context, Esc.

use rapport::app::search_popup::{Item, Search};
use rapport::app::{App, Pane};
use rapport::config::{Action, KeyCode};
use rapport::model::{Event, EventId, Kind};

use crate::dashboard;
use dashboard::Fixture;

fn search(fx: &Fixture, query: &str) -> App {
    let mut app = fx.app();
    fx.act(&mut app, Action::Search);
    assert!(app.modal(), "the popup takes every key");
    fx.typed(&mut app, query);
    app
}

fn note_texts(app: &App) -> Vec<String> {
    let search = app.overlays.get::<Search>().expect("the popup is open");
    search
        .results
        .notes
        .iter()
        .map(|h| h.event.text.clone())
        .collect()
}

// On the bare store and through the store process, as the dashboard runs.
both_stores! {
    #[test]
    fn each_key_searches_and_results_come_in_groups() {
        let fx = Fixture::demo();
        let mut app = search(&fx, "q");
        assert!(!app.quit, "q is a letter in the popup");
        fx.key(&mut app, KeyCode::Backspace);
        fx.typed(&mut app, "chunki");
        let texts = note_texts(&app);
        assert!(
            texts
                .iter()
                .any(|t| t.contains("Proposed chunking by merchant_id")),
            "{texts:?}"
        );
        assert!(
            texts.iter().all(|t| t.to_lowercase().contains("chunk")),
            "{texts:?}"
        );
        fx.key(&mut app, KeyCode::Esc);
        assert!(!app.overlays.is_open::<Search>() && !app.modal());
        // `/` again starts afresh.
        fx.act(&mut app, Action::Search);
        assert_eq!(app.overlays.get::<Search>().unwrap().query.text(), "");
    }

    #[test]
    fn enter_on_a_note_selects_its_client_and_puts_the_timeline_on_it() {
        let fx = Fixture::demo();
        let mut app = search(&fx, "chunki");
        let search = app.overlays.get::<Search>().unwrap();
        let wanted = search
            .results
            .notes
            .iter()
            .position(|h| h.event.text.contains("Proposed chunking"))
            .unwrap();
        let id = search.results.notes[wanted].event.id;
        let skip = search.results.clients.len() + search.results.people.len() + wanted;
        for _ in 0..skip {
            fx.key(&mut app, KeyCode::Down);
        }
        fx.key(&mut app, KeyCode::Enter);
        assert!(!app.overlays.is_open::<Search>());
        assert_eq!(
            app.current().unwrap().client.alias.as_deref(),
            Some("nordpay")
        );
        assert_eq!(app.focus, Pane::Timeline);
        let timeline = &app.selected.timeline;
        assert_eq!(timeline.rows[timeline.cursor].event.id, id);
    }

    #[test]
    fn enter_pages_the_timeline_to_an_old_note() {
        let fx = Fixture::demo();
        let app = fx.on("nordpay");
        let client = app.current().unwrap().client.id;
        // A note far below the first page (64 events), under many newer ones.
        let old = fx.now - chrono::Duration::days(400);
        let oldest = Event {
            id: EventId::new_at(old.timestamp_millis() as u64),
            client,
            at: old,
            kind: Kind::Note,
            text: "the zookeeper quorum story".into(),
            ..Event::default()
        };
        let mut newer = Vec::new();
        for i in 0..150 {
            let at = fx.now - chrono::Duration::minutes(i + 1);
            newer.push(Event {
                id: EventId::new_at(at.timestamp_millis() as u64),
                client,
                at,
                text: format!("filler {i}"),
                ..Event::default()
            });
        }
        fx.store.add_event(&oldest, fx.now).unwrap();
        fx.store.save_events(&newer, &[], fx.now).unwrap();
        let mut app = search(&fx, "zookee");
        assert_eq!(note_texts(&app), ["the zookeeper quorum story"]);
        fx.key(&mut app, KeyCode::Enter);
        let timeline = &app.selected.timeline;
        assert!(
            timeline.rows.len() > 150,
            "paged in: {}",
            timeline.rows.len()
        );
        assert_eq!(timeline.rows[timeline.cursor].event.id, oldest.id);
    }

    #[test]
    fn enter_on_a_person_selects_them_in_the_people_pane() {
        let fx = Fixture::demo();
        let mut app = search(&fx, "keyboards");
        let search = app.overlays.get::<Search>().unwrap();
        assert_eq!(
            search.results.people.len(),
            1,
            "{:?}",
            search.results.people
        );
        let hit = search.results.people[0].clone();
        assert_eq!(hit.field, "fact");
        for _ in 0..search.results.clients.len() {
            fx.key(&mut app, KeyCode::Down);
        }
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(app.current().unwrap().client.id, hit.client);
        assert_eq!(app.focus, Pane::People);
        let row = &app.selected.people[app.selected.person_cursor];
        assert_eq!(row.person.id, hit.person);
    }

    #[test]
    fn enter_on_a_client_and_japanese_queries() {
        let fx = Fixture::demo();
        let mut app = search(&fx, "ｈｏｓｈｉ");
        let first = &app.overlays.get::<Search>().unwrap().results.clients[0];
        assert_eq!(first.name, "Hoshizora Fintech K.K.");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(
            app.current().unwrap().client.alias.as_deref(),
            Some("hoshizora")
        );
        assert_eq!(app.focus, Pane::Clients);
        let app = search(&fx, "出力");
        let texts = note_texts(&app);
        assert!(
            texts
                .iter()
                .any(|t| t.contains("pg_stat_user_tables の出力")),
            "{texts:?}"
        );
        let app = search(&fx, "佐藤");
        let people = &app.overlays.get::<Search>().unwrap().results.people;
        assert_eq!(people[0].name, "佐藤 健一");
    }
}

/// `/sari` went to Sakura Logistics (a fuzzy match on a client, listed first) rather than to
/// Sari Mäkelä, whose name starts so; `etl` listed Revontuli Games, its letters strewn through
/// a word.
#[test]
fn a_name_found_by_its_start_comes_before_a_fuzzy_client() {
    use rapport::model::{Client, ClientId, Person, PersonId};
    let fx = Fixture::empty();
    let clients = ["Sakura Logistics", "Revontuli Games"].map(|name| Client {
        id: ClientId::new_at(name.len() as u64),
        name: name.into(),
        ..Client::default()
    });
    for client in &clients {
        fx.store.put_client(client).unwrap();
    }
    let sari = Person {
        id: PersonId::new_at(100),
        client: clients[1].id,
        name: "Sari Mäkelä".into(),
        ..Person::default()
    };
    fx.store.put_person(&sari).unwrap();
    let mut app = search(&fx, "sari");
    let popup = app.overlays.get::<Search>().unwrap();
    assert_eq!(popup.results.clients.len(), 1, "Sakura is still found");
    assert!(
        matches!(popup.items()[0], Item::Person(id, ..) if id == sari.id),
        "{:?}",
        popup.items()
    );
    fx.key(&mut app, KeyCode::Enter);
    assert_eq!(app.current().unwrap().client.id, clients[1].id);
    assert_eq!(app.focus, Pane::People);
    let row = &app.selected.people[app.selected.person_cursor];
    assert_eq!(row.person.id, sari.id);
    // Drawn in the same order: Sari on the first result line, Sakura below.
    let screen = dashboard::screen_text(fx.draw(&search(&fx, "sari"), (80, 24)).buffer());
    let row = |text: &str| {
        (screen.lines().position(|l| l.contains(text))).unwrap_or_else(|| panic!("{screen}"))
    };
    assert!(row("Sari Mäkelä") < row("Sakura Logistics"), "{screen}");

    let app = search(&fx, "etl");
    let popup = app.overlays.get::<Search>().unwrap();
    assert!(popup.results.is_empty(), "{:?}", popup.results);
}
