//! One order for the overlays (`app/overlay.rs`): the one drawn on top is the one the keys and
//! pastes go to and the one the status bar speaks for.

use rapport::app::capture::Capture;
use rapport::app::filter::FilterForm;
use rapport::app::form::Form;
use rapport::app::overlay::Help;
use rapport::app::overlay::Kind;
use rapport::app::picker::NotePicker;
use rapport::app::Confirm;
use rapport::app::{App, View};
use rapport::config::Action;

use crate::dashboard;
use dashboard::{row_text, screen_text, Fixture};

const SIZE: (u16, u16) = (80, 24);

/// The status bar's text at `SIZE`.
fn status(fx: &Fixture, app: &App) -> String {
    row_text(fx.draw(app, SIZE).buffer(), SIZE.1 - 1)
}

#[test]
fn each_overlay_alone_is_on_top_and_only_help_lets_the_key_map_see_keys() {
    let fx = Fixture::demo();
    let opened = [
        (Action::Search, Kind::Search),
        (Action::CapturePick, Kind::Picker),
        (Action::Capture, Kind::Capture),
        (Action::Archive, Kind::Confirm),
        (Action::Filter, Kind::Filter),
        (Action::Add, Kind::Form),
        (Action::Help, Kind::Help),
    ];
    for (action, overlay) in opened {
        let mut app = fx.app();
        assert_eq!(app.overlay(), None);
        fx.act(&mut app, action);
        assert_eq!(
            app.overlays.kinds().collect::<Vec<_>>(),
            [overlay],
            "{action:?}"
        );
        assert_eq!(app.modal(), overlay != Kind::Help, "{action:?}");
    }
}

/// The loop used to give the demo key to the welcome screen before anything else: with help
/// open the demo loaded behind it, and help stayed up over the clients it brought.
#[test]
fn the_demo_key_closes_help_over_the_welcome_screen_and_loads_nothing() {
    let fx = Fixture::empty();
    let mut app = fx.app();
    assert_eq!(app.view, View::Welcome);
    fx.act(&mut app, Action::Help);
    assert!(status(&fx, &app).contains("HELP  any key closes"));
    fx.press(&mut app, "d");
    assert!(!app.overlays.is_open::<Help>(), "any key closes help");
    assert_eq!(app.view, View::Welcome);
    assert!(app.clients.is_empty(), "no demo behind the help");
    // With help closed, the same key loads the demo.
    fx.press(&mut app, "d");
    assert_eq!(app.view, View::Browse);
    assert!(app.message.as_deref().unwrap().starts_with("demo loaded"));
}

/// Help says "any key closes": `q` too (`? q` used to quit); only Ctrl-C also leaves.
#[test]
fn ctrl_c_leaves_from_help_and_any_other_key_only_closes_it() {
    let fx = Fixture::demo();
    for (key, quits) in [("ctrl-c", true), ("q", false), ("j", false), ("F12", false)] {
        let mut app = fx.app();
        fx.act(&mut app, Action::Help);
        fx.press(&mut app, key);
        assert_eq!(
            (app.overlays.is_open::<Help>(), app.quit),
            (false, quits),
            "{key}"
        );
        assert_eq!(app.cursor, 0, "{key} did not move behind help");
    }
    let mut app = fx.app();
    fx.press(&mut app, "ctrl-c");
    assert!(app.quit, "unbound ctrl-c quits");
}

/// Keys went to the filter popup before the question, though the question was drawn over it
/// and the bar asked "y yes".
#[test]
fn a_question_over_the_filter_popup_gets_the_key_it_asks_for() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.acts(&mut app, &[Action::Filter, Action::Archive]);
    assert_eq!(
        app.overlays.kinds().collect::<Vec<_>>(),
        [Kind::Confirm, Kind::Filter]
    );
    let question = app.overlays.get::<Confirm>().unwrap().question.clone();
    assert!(screen_text(fx.draw(&app, SIZE).buffer()).contains(&question));
    assert!(status(&fx, &app).contains("CONFIRM  y yes"));
    fx.press(&mut app, "n");
    assert!(
        !app.overlays.is_open::<Confirm>(),
        "the question took the key"
    );
    assert_eq!(app.message.as_deref(), Some("cancelled"));
    assert!(
        app.overlays.is_open::<FilterForm>(),
        "the popup beneath is still open"
    );
    assert!(status(&fx, &app).contains("FILTER"));
}

/// The bar hinted a form's keys while the filter popup drawn over it had the keyboard.
#[test]
fn the_filter_popup_over_a_form_gets_the_keys_the_paste_and_the_bar() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.acts(&mut app, &[Action::Add, Action::Filter]);
    assert_eq!(app.overlay(), Some(Kind::Filter));
    assert!(
        status(&fx, &app).contains("FILTER"),
        "{}",
        status(&fx, &app)
    );
    app.paste("#db", &fx.env()).unwrap();
    let name = app.overlays.get::<Form>().unwrap().fields[0]
        .value
        .as_text()
        .to_string();
    assert_eq!(name, "", "nothing pasted into the form beneath");
    fx.press(&mut app, "esc");
    assert!(!app.overlays.is_open::<FilterForm>());
    assert_eq!(app.overlay(), Some(Kind::Form));
    assert!(status(&fx, &app).contains("FORM"));
}

/// A paste used to go into every open box at once: the note and the picker over it.
#[test]
fn a_paste_goes_to_the_overlay_on_top_only() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.acts(&mut app, &[Action::Capture, Action::CapturePick]);
    assert_eq!(app.overlay(), Some(Kind::Picker));
    app.paste("Kaarna", &fx.env()).unwrap();
    assert_eq!(
        app.overlays
            .get::<NotePicker>()
            .unwrap()
            .picker
            .query
            .text(),
        "Kaarna"
    );
    assert!(app.overlays.get::<Capture>().unwrap().editor.is_blank());
}

/// The bar went on naming the view's keys (`q quit`, `n note`) under the search popup, which
/// takes them as letters of the query.
#[test]
fn the_bar_under_the_search_popup_names_its_keys_not_the_views() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Search);
    let bar = status(&fx, &app);
    assert!(bar.starts_with(" SEARCH  type to search"), "{bar}");
    assert!(!bar.contains("quit") && !bar.contains("note"), "{bar}");
    fx.press(&mut app, "q");
    assert!(!app.quit, "q is a letter of the query");
}
