//! The capture box, its question about a new @name and the client picker drawn on ratatui's
//! `TestBackend` with the demo workspace and a pinned clock, compared with insta snapshots.
//! Regenerate after an intended change: `INSTA_UPDATE=always cargo test --test render_capture`,
//! then read every changed `.snap` file before committing it.

use chrono::Duration;
use rapport::app::capture::Capture;
use rapport::app::App;
use rapport::config::Action;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, row_text, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

/// Draws `app` at both sizes, checks no glyph hides another, and snapshots each.
fn snapshot_both(fx: &Fixture, app: &App, name: &str) -> Vec<TestBackend> {
    [SMALL, LARGE]
        .into_iter()
        .map(|size| {
            let backend = fx.draw(app, size);
            let what = format!("{name} at {}x{}", size.0, size.1);
            check_no_hidden_glyphs(backend.buffer(), &what);
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), backend);
            backend
        })
        .collect()
}

/// Where the text `needle` starts on screen, in terminal columns.
fn find(backend: &TestBackend, needle: &str) -> Position {
    let buffer = backend.buffer();
    for y in 0..buffer.area.height {
        let row = row_text(buffer, y);
        if let Some(at) = row.find(needle) {
            return Position::new(row[..at].width() as u16, y);
        }
    }
    panic!("{needle:?} is not on screen:\n{}", screen_text(buffer))
}

#[test]
fn capture_box_with_japanese_emoji_and_preview() {
    let fx = Fixture::demo();
    let mut app = fx.on("hoshizora");
    fx.act(&mut app, Action::Capture);
    fx.typed(
        &mut app,
        "call: ＠佐藤さん、移行計画を相談した 🚀 +1 #移行 @鈴木_花子",
    );
    fx.press(&mut app, "alt-enter");
    fx.typed(&mut app, "次回は金曜 📅");
    for mut backend in snapshot_both(&fx, &app, "capture_japanese") {
        let screen = screen_text(backend.buffer());
        assert!(
            screen.contains("→ Hoshizora Fintech K.K. · call · with 佐藤 健一, 鈴木 花子 · +1"),
            "{screen}"
        );
        assert!(screen.contains("@鈴木 花子? new"), "{screen}");
        // The terminal cursor (where an IME composes) sits right after the last character.
        let line = find(&backend, "次回は金曜 📅");
        let end = Position::new(line.x + "次回は金曜 📅".width() as u16, line.y);
        assert!(backend.cursor_visible());
        backend.assert_cursor_position(end);
    }
}

#[test]
fn capture_box_wraps_a_long_line_and_keeps_the_cursor_on_it() {
    let fx = Fixture::demo();
    let mut app = fx.on("hoshizora");
    fx.act(&mut app, Action::Capture);
    let long = "移行計画".repeat(30);
    fx.typed(&mut app, &long);
    let backend = fx.draw(&app, SMALL);
    let buffer = backend.buffer().clone();
    check_no_hidden_glyphs(&buffer, "a long line");
    let start = find(&backend, "移行計画移行計画");
    // 240 columns of text in a box 74 columns wide: four rows, none cut off to the right.
    let rows: Vec<String> = (start.y..start.y + 4)
        .map(|y| row_text(&buffer, y))
        .collect();
    let shown: usize = rows.iter().map(|r| r.matches('計').count()).sum();
    assert_eq!(shown, 30, "every character is shown:\n{}", rows.join("\n"));
    let cursor = backend.cursor_position();
    assert_eq!(cursor.y, start.y + 3, "on the last wrapped row");
}

/// A line of ZWJ sequences and a `❤️` exactly as wide as the box: the terminal draws each as
/// two columns, so the line is one row (the editor widget, adding up chars, wrapped it at half
/// the width), and the cursor lands where the text ends on screen.
#[test]
fn a_line_of_zwj_emoji_as_wide_as_the_box_is_one_row() {
    let fx = Fixture::demo();
    let mut app = fx.on("hoshizora");
    fx.act(&mut app, Action::Capture);
    let coder = "👩\u{200d}💻";
    let heart = "\u{2764}\u{fe0f}";
    // The box is 76 columns at 80x24: 74 inside.
    let line = format!("{}{heart}", coder.repeat(36));
    assert_eq!(rapport::width::of(&line), 74);
    fx.typed(&mut app, &line);
    fx.press(&mut app, "left");
    let mut backend = fx.draw(&app, SMALL);
    check_no_hidden_glyphs(backend.buffer(), "a line of ZWJ emoji");
    let start = find(&backend, &coder.repeat(4));
    let row = row_text(backend.buffer(), start.y);
    assert_eq!(row.matches(coder).count(), 36, "one row: {row}");
    assert!(row.contains(heart), "{row}");
    let next = row_text(backend.buffer(), start.y + 1);
    assert!(
        !next.contains(coder),
        "nothing wrapped onto the next row: {next}"
    );
    // Left steps over the heart: the cursor is before it, 72 columns in.
    backend.assert_cursor_position(Position::new(start.x + 72, start.y));
    insta::assert_snapshot!("capture_zwj_80x24", backend);
    // At the end of the full row the cursor starts the next one, inside the box.
    fx.press(&mut app, "end");
    let mut backend = fx.draw(&app, SMALL);
    backend.assert_cursor_position(Position::new(start.x, start.y + 1));
    let wide = fx.draw(&app, LARGE);
    check_no_hidden_glyphs(wide.buffer(), "a line of ZWJ emoji, wide");
    insta::assert_snapshot!("capture_zwj_160x45", wide);
}

#[test]
fn call_box_restored_after_a_restart() {
    let mut fx = Fixture::demo();
    let mut app = fx.on("lumikko");
    fx.act(&mut app, Action::Call);
    fx.typed(&mut app, "@Pekka on the line");
    fx.now += Duration::minutes(12);
    fx.press(&mut app, "ctrl-j");
    fx.typed(&mut app, "renewal slips to Q3");
    app.write_draft(&fx.env());
    fx.now += Duration::hours(3);
    let mut app = fx.app();
    app.restore_drafts(&fx.env()).unwrap();
    // The drafts wait on the main view: named in the status line, marked in the list.
    assert!(
        !app.overlays.is_open::<Capture>(),
        "no box takes the first keys"
    );
    for backend in snapshot_both(&fx, &app, "drafts_waiting") {
        let screen = screen_text(backend.buffer());
        let status = screen.lines().last().unwrap();
        assert!(
            status.contains("draft for Lumikko Retail Oy — n continues, ctrl-d discards"),
            "{screen}"
        );
        let marked = screen.lines().filter(|l| l.contains('✎')).count();
        assert_eq!(marked, 1, "{screen}");
        assert!(
            screen.contains("Lumikko Re") && screen.contains("✎"),
            "{screen}"
        );
    }
    fx.act(&mut app, Action::Capture);
    let backends = snapshot_both(&fx, &app, "capture_call_restored");
    let screen = screen_text(backends[0].buffer());
    // The call ended with its last key, not three hours later at the restart.
    assert!(
        screen.contains("Call with Lumikko Retail Oy · 12 min, ended"),
        "{screen}"
    );
    assert!(
        screen.contains("Restored: this note was not saved"),
        "{screen}"
    );
    assert!(screen.contains(" CALL "), "{screen}");
}

#[test]
fn new_name_question() {
    let fx = Fixture::demo();
    let mut app = fx.on("lumikko");
    fx.act(&mut app, Action::Capture);
    fx.typed(&mut app, "meeting: cutover plan with @Anu and @Sato_Ken");
    fx.press(&mut app, "enter");
    let backend = fx.draw(&app, SMALL);
    check_no_hidden_glyphs(backend.buffer(), "question");
    insta::assert_snapshot!("capture_question_80x24", backend);
}

#[test]
fn fuzzy_client_picker() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::CapturePick);
    fx.typed(&mut app, "oy");
    fx.press(&mut app, "down");
    for mut backend in snapshot_both(&fx, &app, "capture_picker") {
        let query = find(&backend, "> oy");
        backend.assert_cursor_position(Position::new(query.x + 4, query.y));
    }
}
