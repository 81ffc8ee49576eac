//! The selections the store process keeps for `k` back to a client just left: whatever the
//! dashboard writes (a note, an edit, a removal) shows after `j` `k` all the same.

use rapport::app::capture::Capture;
use rapport::app::{App, Pane};
use rapport::config::{Action, KeyCode};
use rapport::model::Event;

use crate::dashboard;
use dashboard::Fixture;

/// `j` then `k` in the clients pane: away from the client and back, through what is kept.
fn away_and_back(fx: &Fixture, app: &mut App) {
    while app.focus != Pane::Clients {
        fx.act(app, Action::NextPane);
    }
    let here = app.current().unwrap().client.id;
    fx.acts(app, &[Action::Down, Action::Up]);
    assert_eq!(app.current().unwrap().client.id, here, "back on the client");
}

/// The timeline's row of `event`, as loaded now.
fn row(app: &App, event: &Event) -> Option<Event> {
    let rows = &app.selected.timeline.rows;
    rows.iter()
        .find(|r| r.event.id == event.id)
        .map(|r| r.event.clone())
}

/// The timeline focused, its cursor on `event`.
fn on_event(fx: &Fixture, app: &mut App, event: &Event) {
    while app.focus != Pane::Timeline {
        fx.act(app, Action::NextPane);
    }
    while app.selected.timeline.rows[app.selected.timeline.cursor]
        .event
        .id
        != event.id
    {
        fx.act(app, Action::Down);
    }
}

both_stores! {
    #[test]
    fn a_note_an_edit_and_a_removal_show_after_j_k() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        // Both clients read once already: kept, if anything is.
        away_and_back(&fx, &mut app);

        let note = fx.noted(&mut app, "call: the cache test");
        away_and_back(&fx, &mut app);
        let shown = row(&app, &note).expect("the new note is in the timeline");
        assert_eq!(shown.text, "the cache test");

        on_event(&fx, &mut app, &note);
        fx.act(&mut app, Action::Edit);
        fx.typed(&mut app, " #cached");
        fx.key(&mut app, KeyCode::Enter);
        assert!(app.overlays.get::<Capture>().is_none(), "{:?}", app.message);
        away_and_back(&fx, &mut app);
        assert_eq!(row(&app, &note).expect("still shown").tags, ["cached"]);

        on_event(&fx, &mut app, &note);
        fx.act(&mut app, Action::Remove);
        fx.press(&mut app, "y");
        away_and_back(&fx, &mut app);
        assert_eq!(row(&app, &note), None, "removed");
    }
}
