//! Overlays drawn over the views, at two sizes: what each looked like when it was wrong is
//! written beside its test. Regenerate after an intended change with `INSTA_UPDATE=always`,
//! then read every changed `.snap` file before committing it.

use rapport::app::filter::FilterForm;
use rapport::app::{App, View};
use rapport::config::{Action, KeyCode};

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, row_text, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

/// Snapshots `app` at both sizes and returns the screens' text.
fn snapshot_both(fx: &Fixture, app: &App, name: &str) -> Vec<String> {
    [SMALL, LARGE]
        .into_iter()
        .map(|size| {
            let backend = fx.draw(app, size);
            check_no_hidden_glyphs(backend.buffer(), &format!("{name} at {size:?}"));
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), backend);
            screen_text(backend.buffer())
        })
        .collect()
}

/// The welcome box stayed under the form, its corner beside the form's: `┌┌ New client`.
#[test]
fn the_first_client_form_over_the_welcome_screen_has_one_border() {
    let fx = Fixture::empty();
    let mut app = fx.app();
    assert_eq!(app.view, View::Welcome);
    fx.press(&mut app, "a");
    for screen in snapshot_both(&fx, &app, "welcome_add") {
        assert!(screen.contains("┌ New client"), "{screen}");
        for double in ["┌┌", "┐┐", "││", "└└", "┘┘", "Welcome to rapport"] {
            assert!(!screen.contains(double), "{double}:\n{screen}");
        }
    }
}

/// A short screen drew the key list without its top and bottom border.
#[test]
fn help_keeps_its_frame_on_a_short_screen() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.press(&mut app, "?");
    for size in [SMALL, (80, 20), (100, 14)] {
        let buffer = fx.draw(&app, size).buffer().clone();
        let screen = screen_text(&buffer);
        assert!(screen.contains("┌ Keys"), "{size:?}:\n{screen}");
        assert!(screen.contains("└ "), "{size:?}:\n{screen}");
    }
    let backend = fx.draw(&app, (80, 20));
    insta::assert_snapshot!("help_80x20", backend);
}

/// The bar's mode said BROWSE (or the view's) while the search popup had the keys.
#[test]
fn the_mode_is_search_while_the_popup_is_open_over_any_view() {
    let fx = Fixture::demo();
    for before in [&[][..], &[Action::Agenda], &[Action::Open]] {
        let mut app = fx.app();
        fx.acts(&mut app, before);
        fx.press(&mut app, "/");
        fx.typed(&mut app, "oracle");
        for size in [SMALL, LARGE] {
            let bar = row_text(fx.draw(&app, size).buffer(), size.1 - 1);
            assert!(bar.starts_with(" SEARCH "), "{before:?} {size:?}: {bar}");
        }
    }
    let mut app = fx.app();
    fx.press(&mut app, "/");
    fx.typed(&mut app, "oracle");
    snapshot_both(&fx, &app, "search_mode");
}

/// Moving onto a concern that just fits its column lost its first character to the cursor.
#[test]
fn a_focused_concern_shows_its_first_character() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Edit);
    // name, alias, state, cadence, style, snooze, tags, then the first concern.
    for _ in 0..7 {
        fx.key(&mut app, KeyCode::Down);
    }
    for screen in snapshot_both(&fx, &app, "concern_focused") {
        assert!(screen.contains("Oracle licence renewal"), "{screen}");
    }
    fx.key(&mut app, KeyCode::Down);
    for screen in snapshot_both(&fx, &app, "concern_focused_second") {
        let text = "stalled migration of the PL/SQL order engine";
        assert!(screen.contains(text), "{screen}");
    }
}

/// A filtered timeline in a narrow pane was titled ` Filter: … `, the client's name gone.
#[test]
fn a_filtered_timeline_keeps_the_clients_name_in_its_title() {
    let fx = Fixture::demo();
    let mut app = fx.on("hoshizora");
    fx.act(&mut app, Action::Filter);
    fx.typed(&mut app, "v a ");
    fx.key(&mut app, KeyCode::Enter);
    assert!(!app.overlays.is_open::<FilterForm>(), "{:?}", app.message);
    for screen in snapshot_both(&fx, &app, "filtered_title") {
        let title = (screen.lines())
            .filter_map(|row| row.rsplit_once('┌').map(|(_, title)| title))
            .find(|title| title.contains("video"))
            .unwrap_or_else(|| panic!("the timeline's title:\n{screen}"));
        assert!(title.contains("Hoshizora"), "{title}");
    }
}
