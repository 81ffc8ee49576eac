//! The clients list: its order after a write, ties, and archived clients shown and restored.

use rapport::app::{App, Confirm};
use rapport::config::{Action, KeyCode};
use rapport::model::ClientId;

use crate::dashboard;
use dashboard::{screen_text, Fixture};

fn ids(app: &App) -> Vec<ClientId> {
    app.clients.iter().map(|r| r.client.id).collect()
}

fn names(app: &App) -> Vec<String> {
    app.clients.iter().map(|r| r.client.name.clone()).collect()
}

both_stores! {
    /// A note on the client most in need of attention moved it to the end of the list with
    /// the cursor: `j` then went nowhere the user looked.
    #[test]
    fn a_note_leaves_its_client_under_the_cursor_until_the_selection_moves() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        let before = ids(&app);
        // The second: the first has an overdue promise, which keeps it first after a call.
        fx.act(&mut app, Action::Down);
        let (first, second) = (before[1], before[2]);
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "call: went through the plan +1");
        fx.key(&mut app, KeyCode::Enter);
        assert!(app.message.as_deref().unwrap().starts_with("saved"), "{:?}", app.message);
        // Sorted afresh, the client would be elsewhere: what the test is about.
        let fresh = ids(&fx.app());
        assert_ne!(fresh[1], first, "the note changes the attention order");
        assert_eq!(ids(&app), before, "the order holds");
        assert_eq!((app.cursor, app.current().unwrap().client.id), (1, first));
        // A minute passing does not move it either.
        let mut env = fx.env();
        env.now += chrono::Duration::minutes(1);
        app.tick(&env).unwrap();
        assert_eq!((app.cursor, app.current().unwrap().client.id), (1, first));
        // `j` goes to the client that was below, and the list takes its order.
        fx.act(&mut app, Action::Down);
        assert_eq!(app.current().unwrap().client.id, second);
        assert_eq!(ids(&app), fresh);
    }
}

/// `.` lists archived clients too, marked; `x` on one asks, and `y` restores it.
#[test]
fn archived_clients_are_shown_and_restored() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    let listed = app.clients.len();
    assert!(app.clients.iter().all(|r| !r.client.archived));
    fx.press(&mut app, ".");
    assert_eq!(app.clients.len(), listed + 1, "{:?}", names(&app));
    let at = (app.clients.iter().position(|r| r.client.archived)).expect("the archived one");
    // With the clients gone (archived or former), at the end of the attention order.
    assert!(at + 2 >= app.clients.len(), "{:?}", names(&app));
    let name = app.clients[at].client.name.clone();
    assert!(
        app.message.as_deref().unwrap().contains("1 archived"),
        "{:?}",
        app.message
    );
    while app.current().unwrap().client.name != name {
        fx.act(&mut app, Action::Down);
    }
    let screen = screen_text(fx.draw(&app, (80, 24)).buffer());
    let short: String = name.chars().take(8).collect();
    assert!(screen.contains(&format!("│x {short}")), "{screen}");
    assert!(
        screen.contains(&format!("Clients ({listed}+1)")),
        "{screen}"
    );
    insta::assert_snapshot!("archived_shown_80x24", fx.draw(&app, (80, 24)));
    let wide = screen_text(fx.draw(&app, (160, 45)).buffer());
    assert!(wide.contains(" archived "), "{wide}");
    fx.press(&mut app, "x");
    let question = &app.overlays.get::<Confirm>().expect("asked first").question;
    assert!(
        question.starts_with(&format!("Restore {name}")),
        "{question}"
    );
    fx.press(&mut app, "n");
    assert!(
        fx.store
            .client(app.current().unwrap().client.id)
            .unwrap()
            .unwrap()
            .archived
    );
    fx.press(&mut app, "x");
    fx.press(&mut app, "y");
    let id = app.current().unwrap().client.id;
    assert_eq!(app.current().unwrap().client.name, name, "still selected");
    assert!(!fx.store.client(id).unwrap().unwrap().archived);
    assert_eq!(
        app.message.as_deref(),
        Some(format!("restored {name} from the archive").as_str())
    );
    fx.press(&mut app, ".");
    assert_eq!(app.clients.len(), listed + 1, "restored, it stays listed");
    assert!(app.clients.iter().all(|r| !r.client.archived));
}

/// The welcome screen's demo said "9 clients" over a list of 8: one is archived.
#[test]
fn the_demo_counts_what_the_list_shows() {
    let fx = Fixture::empty();
    let mut app = fx.app();
    fx.press(&mut app, "d");
    let message = app.message.clone().unwrap();
    let listed = app.clients.len();
    assert!(
        message.starts_with(&format!("demo loaded: {listed} clients (and 1 archived), ")),
        "{message}"
    );
}
