//! The mouse driven through `App` as the loop drives it: a frame is drawn, its hit map kept,
//! and pointer events are looked up in it. Screen positions are found by the text drawn there,
//! as a user would aim.

use rapport::app::form::Form;
use rapport::app::mouse::{Hits, Mouse, Pointer};
use rapport::app::overlay::Help;
use rapport::app::{App, Pane, View};
use rapport::config::Action;
use rapport::ui::{self, Look, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

use crate::dashboard;
use dashboard::{row_text, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

/// One frame of `app`, and where it put its panes and rows.
fn frame(fx: &Fixture, app: &App, (width, height): (u16, u16)) -> (Buffer, Hits) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::default();
    let ctx = Look {
        theme: &theme,
        keys: &fx.config.keys,
    };
    let mut hits = Hits::default();
    terminal
        .draw(|f| hits = ui::draw_mapped(f, app, &ctx))
        .unwrap();
    (terminal.backend().buffer().clone(), hits)
}

/// The cell where `text` starts on screen (the first match, top to bottom).
fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buffer.area.height {
        let row = row_text(buffer, y);
        if let Some(at) = row.find(text) {
            let column = unicode_width::UnicodeWidthStr::width(&row[..at]);
            return (column as u16, y);
        }
    }
    panic!("{text:?} is not on screen:\n{}", screen_text(buffer))
}

/// The first chars of a name: enough to find it where a narrow pane cuts it.
fn start(name: &str) -> String {
    name.chars().take(8).collect()
}

fn send(fx: &Fixture, app: &mut App, hits: &Hits, pointer: Pointer, (column, row): (u16, u16)) {
    let mouse = Mouse {
        pointer,
        column,
        row,
    };
    app.mouse(mouse, hits, &fx.env()).expect("mouse");
}

/// `app` again, by the same keys (an `App` is not `Clone`).
fn scrolled_copy(fx: &Fixture, app: &App) -> App {
    let mut copy = fx.app();
    while copy.cursor < app.cursor {
        fx.act(&mut copy, Action::Down);
    }
    copy.focus = Pane::People;
    while copy.selected.person_cursor < app.selected.person_cursor {
        fx.act(&mut copy, Action::Down);
    }
    copy.focus = Pane::Timeline;
    while copy.selected.timeline.cursor < app.selected.timeline.cursor {
        fx.act(&mut copy, Action::Down);
    }
    copy.focus = app.focus;
    copy
}

// On the bare store and through the store process, as the dashboard runs.
both_stores! {
    #[test]
    fn a_click_selects_the_client_row_under_it() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        let third = app.clients[2].client.name.clone();
        let (buffer, hits) = frame(&fx, &app, SMALL);
        let (x, y) = find(&buffer, &start(&third));
        send(&fx, &mut app, &hits, Pointer::Click, (x + 3, y));
        assert_eq!(app.cursor, 2);
        assert_eq!(app.focus, Pane::Clients);
        let (buffer, _) = frame(&fx, &app, SMALL);
        assert!(
            screen_text(&buffer).contains(&format!("People · {third}")),
            "the people pane follows the selection"
        );
    }

    #[test]
    fn a_click_on_a_person_focuses_the_people_pane_and_selects_them() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        let person = app.selected.people[2].person.name.clone();
        // At 80x24 the pane holds the first person and their fact only (`+3 more` below).
        let size = LARGE;
        let (buffer, hits) = frame(&fx, &app, size);
        send(
            &fx,
            &mut app,
            &hits,
            Pointer::Click,
            find(&buffer, &start(&person)),
        );
        assert_eq!(app.focus, Pane::People, "{size:?}");
        assert_eq!(app.selected.person_cursor, 2, "{size:?}");
        // A heading selects nobody, but still focuses the pane.
        app.focus = Pane::Clients;
        send(
            &fx,
            &mut app,
            &hits,
            Pointer::Click,
            find(&buffer, "Gatekeepers"),
        );
        assert_eq!((app.focus, app.selected.person_cursor), (Pane::People, 2));
        // The line of their latest fact, under their name, is theirs too.
        app.selected.person_cursor = 0;
        let (x, y) = find(&buffer, &start(&person));
        send(&fx, &mut app, &hits, Pointer::Click, (x, y + 1));
        assert_eq!(app.selected.person_cursor, 2, "a click on the fact line");
    }

    #[test]
    fn a_click_on_an_events_wrapped_text_selects_that_event() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        let second = app.selected.timeline.rows[1].clone();
        let (buffer, hits) = frame(&fx, &app, SMALL);
        let (x, y) = find(&buffer, &second.when);
        // The line under the event's head is its text.
        send(&fx, &mut app, &hits, Pointer::Click, (x, y + 1));
        assert_eq!(app.focus, Pane::Timeline);
        assert_eq!(app.selected.timeline.cursor, 1);
    }

    #[test]
    fn the_wheel_moves_the_list_under_the_pointer_without_focusing_it() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        let (buffer, hits) = frame(&fx, &app, SMALL);
        let timeline = find(&buffer, "trust ");
        for _ in 0..3 {
            send(&fx, &mut app, &hits, Pointer::WheelDown, timeline);
        }
        send(&fx, &mut app, &hits, Pointer::WheelUp, timeline);
        assert_eq!(app.selected.timeline.cursor, 2);
        assert_eq!(app.focus, Pane::Clients, "the focus stays");
        let clients = find(&buffer, "Clients (");
        send(&fx, &mut app, &hits, Pointer::WheelDown, clients);
        assert_eq!(app.cursor, 1);
        // The status bar and other places outside the panes do nothing.
        send(&fx, &mut app, &hits, Pointer::WheelDown, (0, SMALL.1 - 1));
        assert_eq!(app.cursor, 1);
    }

    #[test]
    fn the_clients_pane_beside_a_detail_view_takes_clicks() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        fx.act(&mut app, Action::Open);
        assert_eq!(app.view, View::ClientDetail);
        let fourth = app.clients[3].client.name.clone();
        let (buffer, hits) = frame(&fx, &app, SMALL);
        send(
            &fx,
            &mut app,
            &hits,
            Pointer::Click,
            find(&buffer, &start(&fourth)),
        );
        assert_eq!(app.cursor, 3);
        let (buffer, _) = frame(&fx, &app, SMALL);
        assert!(
            row_text(&buffer, 0).contains(&fourth),
            "the detail shows the clicked client"
        );
    }

    #[test]
    fn the_wheel_scrolls_the_client_detail_and_stops_at_its_end() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        fx.act(&mut app, Action::Open);
        let (buffer, hits) = frame(&fx, &app, SMALL);
        app.drawn(&hits);
        let name = app.clients[0].client.name.clone();
        let detail = find(&buffer, &format!(" {name}"));
        let inside = (detail.0, detail.1 + 2);
        for _ in 0..3 {
            send(&fx, &mut app, &hits, Pointer::WheelDown, inside);
        }
        send(&fx, &mut app, &hits, Pointer::WheelUp, inside);
        assert_eq!(app.detail_top, 2, "the wheel scrolls the detail a line a step");
        assert_eq!(app.cursor, 0, "not the clients");
        for _ in 0..200 {
            send(&fx, &mut app, &hits, Pointer::WheelDown, inside);
        }
        let end = app.detail_top;
        assert!(end < 200, "it stops at the end, at {end}");
        let (buffer, _) = frame(&fx, &app, SMALL);
        assert!(screen_text(&buffer).contains("free advice"), "the last lines show");
    }

    #[test]
    fn forms_ignore_the_mouse_and_a_click_closes_help() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        let (buffer, hits) = frame(&fx, &app, SMALL);
        let second = find(&buffer, &start(&app.clients[1].client.name));
        fx.act(&mut app, Action::Add);
        send(&fx, &mut app, &hits, Pointer::Click, second);
        assert!(app.overlays.is_open::<Form>());
        assert_eq!(app.cursor, 0, "nothing behind the form moved");
        app.overlays.close::<Form>();

        fx.act(&mut app, Action::Help);
        send(&fx, &mut app, &hits, Pointer::WheelDown, second);
        assert!(app.overlays.is_open::<Help>(), "the wheel leaves help open");
        send(&fx, &mut app, &hits, Pointer::Click, second);
        assert!(!app.overlays.is_open::<Help>());
        assert_eq!(app.cursor, 0, "the click only closed help");
    }

    /// At many sizes, and scrolled down in every pane, each row the map records shows what it
    /// claims (the client's or person's name, the event's time on its first line), and a click
    /// there selects exactly it.
    #[test]
    fn the_map_matches_the_screen_at_every_size() {
        use rapport::app::mouse::Row;
        let fx = Fixture::demo();
        let mut scrolled = fx.app();
        fx.acts(
            &mut scrolled,
            &[Action::Bottom, Action::NextPane, Action::Bottom],
        );
        fx.acts(
            &mut scrolled,
            &[Action::NextPane, Action::Bottom, Action::Up],
        );
        for width in (ui::MIN_WIDTH..=200).step_by(14) {
            for height in (ui::MIN_HEIGHT..=60).step_by(12) {
                for shown in [fx.app(), scrolled_copy(&fx, &scrolled)] {
                    let (buffer, hits) = frame(&fx, &shown, (width, height));
                    // A client click changes the people and the timeline; so it gets its own copy.
                    let mut for_clients = scrolled_copy(&fx, &shown);
                    let mut for_rest = scrolled_copy(&fx, &shown);
                    let mut seen = std::collections::HashSet::new();
                    for y in 0..height {
                        for x in 0..width {
                            let Some((_, Some(row))) = hits.at(x, y) else {
                                continue;
                            };
                            // Only the first cell of each row's first line.
                            if !seen.insert(row) {
                                continue;
                            }
                            let text = row_text(&buffer, y);
                            let first_line = match row {
                                Row::Client(i) => start(&shown.clients[i].client.name),
                                Row::Person(i) => start(&shown.selected.people[i].person.name),
                                Row::Event(i) => shown.selected.timeline.rows[i].when.clone(),
                            };
                            assert!(
                                text.contains(&first_line),
                                "{width}x{height}: {row:?} at row {y} shows {text:?}"
                            );
                            let app = match row {
                                Row::Client(_) => &mut for_clients,
                                _ => &mut for_rest,
                            };
                            send(&fx, app, &hits, Pointer::Click, (x, y));
                            let selected = match row {
                                Row::Client(_) => Row::Client(app.cursor),
                                Row::Person(_) => Row::Person(app.selected.person_cursor),
                                Row::Event(_) => Row::Event(app.selected.timeline.cursor),
                            };
                            assert_eq!(selected, row, "{width}x{height}: click at ({x},{y})");
                        }
                    }
                    let events = seen.iter().any(|r| matches!(r, Row::Event(_)));
                    assert!(
                        events || height < 24,
                        "{width}x{height}: no events on screen"
                    );
                }
            }
        }
    }

}
