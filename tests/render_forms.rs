//! The add/edit form and the yes/no popups drawn on ratatui's `TestBackend`, with the fixture and
//! helpers shared with `tests/render.rs` (`tests/dashboard/mod.rs`). Regenerate after an intended change:
//! `INSTA_UPDATE=always cargo test --test render_forms`, then read every changed `.snap`.

use rapport::app::form::Form;
use rapport::app::App;
use rapport::config::{Action, KeyCode};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, draw, row_text, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);
/// The new-client form with a Japanese name typed and the cursor moved back two chars.
fn japanese_form(fx: &Fixture) -> App {
    let mut app = fx.app();
    fx.act(&mut app, Action::Add);
    fx.typed(&mut app, "星空テック株式会社");
    fx.key(&mut app, KeyCode::Left);
    fx.key(&mut app, KeyCode::Left);
    app
}

#[test]
fn client_form_with_a_japanese_name() {
    let fx = Fixture::demo();
    let app = japanese_form(&fx);
    let backend = draw(&app, &fx.config, SMALL);
    let buffer = backend.buffer();
    check_no_hidden_glyphs(buffer, "client form at 80x24");
    let screen = screen_text(buffer);
    assert!(screen.contains(" FORM "), "{screen}");

    // The terminal cursor sits before 会社: display columns, not chars or bytes.
    let y = (0..SMALL.1)
        .find(|&y| row_text(buffer, y).contains("星空テック株式会社"))
        .expect("the name is shown");
    let row = row_text(buffer, y);
    let start = row[..row.find('星').unwrap()].width();
    let want = Position::new((start + "星空テック株式".width()) as u16, y);
    assert_eq!(backend.cursor_position(), want, "{screen}");
    assert!(backend.cursor_visible());
    insta::assert_snapshot!("client_form_ja_80x24", backend);
}

#[test]
fn inline_error_under_a_taken_name() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    let taken = app.clients[0].client.name.clone();
    fx.act(&mut app, Action::Add);
    fx.typed(&mut app, &taken);
    fx.key(&mut app, KeyCode::Enter);
    let backend = draw(&app, &fx.config, SMALL);
    let screen = screen_text(backend.buffer());
    let name_row = screen
        .lines()
        .position(|l| l.contains(&format!("> {:>9}  {taken}", "name")))
        .expect("the focused name field");
    let error_row = screen.lines().nth(name_row + 1).unwrap();
    assert!(error_row.contains("a client named or aliased"), "{screen}");
}

#[test]
fn archive_confirmation() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Archive);
    let backend = draw(&app, &fx.config, SMALL);
    check_no_hidden_glyphs(backend.buffer(), "confirm at 80x24");
    let screen = screen_text(backend.buffer());
    assert!(screen.contains("History is kept. y/n"), "{screen}");
    assert!(screen.contains(" CONFIRM "), "{screen}");
    insta::assert_snapshot!("confirm_archive_80x24", backend);
}

#[test]
fn discard_question_over_a_changed_form() {
    let fx = Fixture::demo();
    let mut app = japanese_form(&fx);
    fx.key(&mut app, KeyCode::Esc);
    let backend = draw(&app, &fx.config, SMALL);
    let screen = screen_text(backend.buffer());
    assert!(screen.contains("Discard changes? y/n"), "{screen}");
    assert!(
        !backend.cursor_visible(),
        "no text cursor while asking:\n{screen}"
    );
}

#[test]
fn every_size_draws_forms_without_panicking() {
    let fx = Fixture::demo();
    let client = japanese_form(&fx);
    let mut person = fx.app();
    fx.act(&mut person, Action::NextPane);
    fx.act(&mut person, Action::Add);
    fx.key(&mut person, KeyCode::Up);
    fx.typed(&mut person, "Asia/東京");
    fx.key(&mut person, KeyCode::Enter);
    assert!(
        person.overlays.is_open::<Form>(),
        "refused: no name, bad zone"
    );
    let mut confirm = fx.app();
    fx.act(&mut confirm, Action::Archive);
    let mut concerns = fx.app();
    fx.act(&mut concerns, Action::Edit);
    fx.key(&mut concerns, KeyCode::Up);
    fx.typed(&mut concerns, "新しい懸念");
    for width in (20..=200).step_by(7) {
        for height in (5..=60).step_by(5) {
            for app in [&client, &person, &confirm, &concerns] {
                let backend = draw(app, &fx.config, (width, height));
                check_no_hidden_glyphs(backend.buffer(), &format!("form at {width}x{height}"));
            }
        }
    }
}

/// Editing the first demo client: a snooze typed as a word (its day previewed beside it) and a
/// concern added under the two it has, which keep their days.
#[test]
fn client_form_with_concerns_and_snooze() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Edit);
    // name, alias, state, cadence, style, then the snooze.
    for _ in 0..5 {
        fx.key(&mut app, KeyCode::Down);
    }
    fx.typed(&mut app, "fri");
    // tags, then the concerns: two kept ones and the blank line waiting for a new one.
    for _ in 0..4 {
        fx.key(&mut app, KeyCode::Down);
    }
    fx.typed(&mut app, "予算凍結 until March");
    let backend = draw(&app, &fx.config, SMALL);
    let buffer = backend.buffer();
    check_no_hidden_glyphs(buffer, "concerns form at 80x24");
    let screen = screen_text(buffer);
    assert!(screen.contains("fri  = Fri 2026-11-27"), "{screen}");
    assert!(screen.contains("since 2026-05-31"), "{screen}");
    assert!(screen.contains("Ctrl-D remove line"), "{screen}");
    let y = (0..SMALL.1)
        .find(|&y| row_text(buffer, y).contains("予算凍結 until March"))
        .expect("the new concern is shown");
    let row = row_text(buffer, y);
    let start = row[..row.find('予').unwrap()].width();
    let want = Position::new((start + "予算凍結 until March".width()) as u16, y);
    assert_eq!(backend.cursor_position(), want, "{screen}");
    insta::assert_snapshot!("client_form_concerns_80x24", backend);

    // Saved: the new concern is dated today, the old ones keep their days.
    fx.key(&mut app, KeyCode::Enter);
    assert!(!app.overlays.is_open::<Form>(), "{:?}", app.message);
    let client = &app.current().unwrap().client;
    let concerns: Vec<String> = client
        .concerns
        .iter()
        .map(|c| format!("{} {}", c.since, c.text))
        .collect();
    assert_eq!(concerns.len(), 3, "{concerns:?}");
    assert_eq!(concerns[2], "2026-11-23 予算凍結 until March");
    assert!(concerns[0].starts_with("2026-05-31 "), "{concerns:?}");
    assert_eq!(
        client.snooze_until.map(|d| d.to_string()).as_deref(),
        Some("2026-11-27")
    );
}
