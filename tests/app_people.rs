//! Correcting people in the dashboard: `X` removes a person (asked first), `M` moves them to
//! another client (picked), the person view adds, edits and removes facts, and `u` takes a
//! removal or a move back. Driven through `App` as the key loop drives it, on both stores.

use rapport::app::overlay::Kind;
use rapport::app::Confirm;
use rapport::app::{App, Pane, View};
use rapport::config::{Action, KeyCode};
use rapport::model::{Person, PersonId};

use crate::dashboard;
use dashboard::Fixture;

/// The demo on Nordpay with the people pane focused and the cursor on `name`.
fn on_person(fx: &Fixture, name: &str) -> App {
    let mut app = fx.on("nordpay");
    fx.act(&mut app, Action::NextPane);
    assert_eq!(app.focus, Pane::People);
    while app.selected.people[app.selected.person_cursor].person.name != name {
        let before = app.selected.person_cursor;
        fx.act(&mut app, Action::Down);
        assert_ne!(app.selected.person_cursor, before, "no {name} at Nordpay");
    }
    app
}

fn in_pane(app: &App) -> Vec<String> {
    (app.selected.people.iter())
        .map(|r| r.person.name.clone())
        .collect()
}

fn stored(fx: &Fixture, id: PersonId) -> Person {
    fx.store.person(id).unwrap().expect("the person is stored")
}

both_stores! {
    #[test]
    fn x_asks_then_removes_a_person_and_u_restores_them() {
        let fx = Fixture::demo();
        let mut app = on_person(&fx, "Mikko Virtanen");
        let mikko = app.selected.people[app.selected.person_cursor].person.id;
        fx.press(&mut app, "X");
        assert_eq!(app.overlay(), Some(Kind::Confirm));
        assert!(app.overlays.get::<Confirm>().unwrap().question.contains("Remove Mikko Virtanen?"));
        fx.press(&mut app, "n");
        assert!(in_pane(&app).contains(&"Mikko Virtanen".to_string()), "n keeps him");

        fx.press(&mut app, "X");
        fx.press(&mut app, "y");
        assert!(!in_pane(&app).contains(&"Mikko Virtanen".to_string()));
        assert!(stored(&fx, mikko).removed.is_some(), "a tombstone, not a deletion");
        let message = app.message.clone().unwrap();
        assert!(message.contains("removed Mikko Virtanen") && message.contains("u takes it back"), "{message}");
        // His past keeps his name on the timeline.
        assert_eq!(app.selected.names.get(&mikko).map(String::as_str), Some("Mikko Virtanen"));
        assert!(app.selected.timeline.rows.iter().any(|r| r.event.people.contains(&mikko)
            && r.people.contains("Mikko Virtanen")));

        fx.press(&mut app, "u");
        assert_eq!(app.message.as_deref(), Some("restored Mikko Virtanen"));
        assert!(in_pane(&app).contains(&"Mikko Virtanen".to_string()));
        assert_eq!(stored(&fx, mikko).removed, None);
    }

    #[test]
    fn m_moves_a_person_to_the_picked_client_and_u_moves_them_back() {
        let fx = Fixture::demo();
        let mut app = on_person(&fx, "Laura Koskinen");
        let laura = stored(&fx, app.selected.people[app.selected.person_cursor].person.id);
        fx.press(&mut app, "M");
        assert_eq!(app.overlay(), Some(Kind::MoveTo));
        fx.typed(&mut app, "kaarna");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(app.overlay(), None);
        let moved = stored(&fx, laura.id);
        let kaarna = fx.store.client_by_handle("kaarna").unwrap().unwrap();
        assert_eq!(moved.client, kaarna);
        assert_eq!(moved.left, [laura.client]);
        assert_eq!(
            moved.facts.last().unwrap().text,
            "moved from Nordpay Oy to Kaarna Health Oy"
        );
        assert_eq!(
            app.message.as_deref(),
            Some("moved Laura Koskinen from Nordpay Oy to Kaarna Health Oy · u takes it back")
        );
        assert!(!in_pane(&app).contains(&"Laura Koskinen".to_string()));
        // Nordpay's timeline still names her in its past.
        assert_eq!(app.selected.names.get(&laura.id).map(String::as_str), Some("Laura Koskinen"));

        fx.press(&mut app, "u");
        assert_eq!(app.message.as_deref(), Some("moved Laura Koskinen back to Nordpay Oy"));
        assert_eq!(stored(&fx, laura.id), laura, "as she was, without the move's fact");
        assert!(in_pane(&app).contains(&"Laura Koskinen".to_string()));
    }

    #[test]
    fn a_move_onto_a_namesake_is_refused() {
        let fx = Fixture::demo();
        let kaarna = fx.store.client_by_handle("kaarna").unwrap().unwrap();
        let twin = Person {
            id: PersonId::new_at(1),
            client: kaarna,
            name: "Laura Koskinen".into(),
            ..Person::default()
        };
        fx.store.put_person(&twin).unwrap();
        let mut app = on_person(&fx, "Laura Koskinen");
        let laura = app.selected.people[app.selected.person_cursor].person.clone();
        fx.press(&mut app, "M");
        fx.typed(&mut app, "kaarna");
        fx.key(&mut app, KeyCode::Enter);
        let message = app.message.clone().unwrap();
        assert!(message.contains("not moved: there is already a Laura Koskinen at Kaarna Health Oy"), "{message}");
        assert_eq!(stored(&fx, laura.id).client, laura.client);
        fx.press(&mut app, "M");
        fx.key(&mut app, KeyCode::Esc);
        assert_eq!((app.overlay(), app.message.as_deref()), (None, Some("cancelled")));
    }

    #[test]
    fn the_person_view_adds_edits_and_removes_facts() {
        let fx = Fixture::demo();
        let mut app = on_person(&fx, "Mikko Virtanen");
        let mikko = app.selected.people[app.selected.person_cursor].person.id;
        let before = stored(&fx, mikko).facts.len();
        fx.act(&mut app, Action::Open);
        assert_eq!(app.view, View::PersonDetail);

        fx.press(&mut app, "a");
        assert_eq!(app.overlay(), Some(Kind::Fact));
        fx.typed(&mut app, "sauna every Thursday q j");
        assert!(!app.quit, "letters are text in the box");
        fx.key(&mut app, KeyCode::Enter);
        let facts = stored(&fx, mikko).facts;
        assert_eq!(facts.len(), before + 1);
        assert_eq!(facts[before].text, "sauna every Thursday q j");
        assert_eq!(facts[before].noted.to_string(), "2026-11-23");
        assert_eq!(app.view, View::PersonDetail, "still on Mikko");
        assert_eq!(app.selected.people[app.selected.person_cursor].person.id, mikko);
        assert_eq!(app.fact_here(), Some(before), "the cursor on the new fact");

        fx.press(&mut app, "e");
        for _ in 0..4 {
            fx.key(&mut app, KeyCode::Backspace);
        }
        fx.typed(&mut app, "s");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(stored(&fx, mikko).facts[before].text, "sauna every Thursdays");

        fx.press(&mut app, "a");
        fx.typed(&mut app, "   ");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(app.overlay(), Some(Kind::Fact), "an empty fact is not saved");
        fx.key(&mut app, KeyCode::Esc);

        fx.press(&mut app, "X");
        assert!(app.overlays.get::<Confirm>().unwrap().question.contains("sauna every Thursdays"));
        fx.press(&mut app, "y");
        let facts = stored(&fx, mikko).facts;
        assert_eq!(facts.len(), before);
        assert!(!facts.iter().any(|f| f.text.contains("sauna")));
        // j moves between facts in the person view, not between people.
        fx.press(&mut app, "j");
        assert_eq!(app.selected.fact_cursor, 1);
        assert_eq!(app.selected.people[app.selected.person_cursor].person.id, mikko);
    }

    #[test]
    fn the_old_clients_timeline_still_names_a_moved_person_on_any_event() {
        let fx = Fixture::demo();
        let nordpay = fx.store.client_by_handle("nordpay").unwrap().unwrap();
        let ilona = Person {
            id: PersonId::new_at(fx.now.timestamp_millis() as u64),
            client: nordpay,
            name: "Ilona Rask".into(),
            created: fx.now,
            ..Person::default()
        };
        fx.store.put_person(&ilona).unwrap();
        let mut app = fx.on("nordpay");
        // A note is neither contact nor thanks: only the event itself says she was there.
        let win = fx.noted(&mut app, "note: @Ilona sent the runbook");
        assert_eq!(win.people, [ilona.id]);
        while app.focus != Pane::People {
            fx.act(&mut app, Action::NextPane);
        }
        while app.selected.people[app.selected.person_cursor].person.id != ilona.id {
            fx.act(&mut app, Action::Down);
        }
        fx.press(&mut app, "M");
        fx.typed(&mut app, "kaarna");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(stored(&fx, ilona.id).left, [nordpay], "{:?}", app.message);
        assert!(!in_pane(&app).contains(&"Ilona Rask".to_string()));

        let row = (app.selected.timeline.rows.iter())
            .find(|r| r.event.id == win.id)
            .expect("the note on Nordpay's timeline");
        assert_eq!(row.people, "Ilona Rask");
        let screen = dashboard::screen_text(fx.draw(&app, (160, 45)).buffer());
        assert!(screen.contains("Ilona Rask"), "{screen}");

        // An edit of that past event keeps her: the box names her, and Enter asks nothing.
        while app.focus != Pane::Timeline {
            fx.act(&mut app, Action::NextPane);
        }
        let at = app.selected.timeline.rows.iter().position(|r| r.event.id == win.id).unwrap();
        app.selected.timeline.cursor = at;
        fx.act(&mut app, Action::Edit);
        assert!(fx.text(&app).contains("@Ilona_Rask"), "{}", fx.text(&app));
        fx.typed(&mut app, " #docs");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(app.overlay(), None, "{:?}", app.message);
        let edited = fx.store.event(win.id).unwrap().unwrap();
        assert_eq!((edited.people, edited.tags), (vec![ilona.id], vec!["docs".to_string()]));
    }
}
