//! The filter popup and a filtered timeline drawn on ratatui's `TestBackend`. Regenerate after an
//! intended change: `INSTA_UPDATE=always cargo test --test render_filter`, then read every
//! changed `.snap`.

use rapport::app::App;
use rapport::config::{Action, KeyCode};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, row_text, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

/// Hoshizora with the popup open: video and advice on, `田中` typed in the person field.
fn popup(fx: &Fixture) -> App {
    let mut app = fx.on("hoshizora");
    fx.act(&mut app, Action::Filter);
    fx.typed(&mut app, "v a ");
    fx.key(&mut app, KeyCode::Tab);
    fx.typed(&mut app, "田中");
    app
}

fn snapshot(fx: &Fixture, app: &App, name: &str, size: (u16, u16)) -> String {
    let backend = fx.draw(app, size);
    check_no_hidden_glyphs(backend.buffer(), &format!("{name} at {size:?}"));
    let screen = screen_text(backend.buffer());
    insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), backend);
    screen
}

#[test]
fn the_popup_with_a_japanese_name_picked() {
    let fx = Fixture::demo();
    let app = popup(&fx);
    for size in [SMALL, LARGE] {
        let screen = snapshot(&fx, &app, "filter_popup", size);
        assert!(
            screen.contains("Filter Hoshizora Fintech K.K.'s timeline"),
            "{screen}"
        );
        assert!(
            screen.contains("[video]") && screen.contains("[advice]"),
            "{screen}"
        );
        assert!(
            screen.contains("> 田中 美咲"),
            "the match under the field: {screen}"
        );
        assert!(screen.contains(" FILTER "), "{screen}");
        assert!(screen.contains("Enter apply · Esc cancel"), "{screen}");
    }
    // The terminal cursor sits after 田中, in display columns.
    let backend = fx.draw(&app, SMALL);
    let buffer = backend.buffer();
    let y = (0..SMALL.1)
        .find(|&y| row_text(buffer, y).contains("person  田中"))
        .expect("the person field");
    let row = row_text(buffer, y);
    let start = row[..row.find('田').unwrap()].width();
    let want = Position::new((start + "田中".width()) as u16, y);
    assert_eq!(backend.cursor_position(), want);
}

#[test]
fn dates_read_as_and_problems_under_their_field() {
    let fx = Fixture::demo();
    let mut app = popup(&fx);
    fx.key(&mut app, KeyCode::Tab);
    fx.key(&mut app, KeyCode::Tab);
    fx.key(&mut app, KeyCode::Tab);
    fx.typed(&mut app, "may 1");
    fx.key(&mut app, KeyCode::Tab);
    fx.typed(&mut app, "april 1");
    fx.key(&mut app, KeyCode::Enter);
    let screen = snapshot(&fx, &app, "filter_popup_dates", SMALL);
    assert!(screen.contains("may 1  = Fri 2026-05-01"), "{screen}");
    assert!(
        screen.contains("2026-04-01 is before 2026-05-01"),
        "{screen}"
    );
}

#[test]
fn a_filtered_timeline_says_so_in_its_title() {
    let fx = Fixture::demo();
    let mut app = popup(&fx);
    fx.key(&mut app, KeyCode::Enter);
    for size in [SMALL, LARGE] {
        let screen = snapshot(&fx, &app, "filtered_timeline", size);
        assert!(screen.contains("ilter: video,advice · @田中"), "{screen}");
        assert!(screen.contains("F clears the filter"), "{screen}");
    }
    let screen = screen_text(fx.draw(&app, LARGE).buffer());
    // The pane is too narrow for "Timeline · " too: the filter and the name stay.
    assert!(
        screen.contains("┌ Hoshizora Fintech K.K. · filter: video,advice · @田中 美咲 ─"),
        "{screen}"
    );
    assert!(screen.contains("9 matches, all read"), "{screen}");
    // Nothing matching says so, and how to see everything again.
    fx.act(&mut app, Action::Filter);
    fx.key(&mut app, KeyCode::Tab);
    fx.key(&mut app, KeyCode::Tab);
    fx.typed(&mut app, "kubernetes");
    fx.key(&mut app, KeyCode::Enter);
    let screen = screen_text(fx.draw(&app, SMALL).buffer());
    assert!(screen.contains("nothing matches the filter"), "{screen}");
    // The name keeps a few letters; the filter is cut to the pane.
    assert!(
        screen.contains("┌ Hoshizo… · filter: video,advice · @田中 美咲…┐"),
        "{screen}"
    );
    assert!(screen.contains("no match, all read"), "{screen}");
}
