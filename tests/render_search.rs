//! The search popup drawn on ratatui's `TestBackend` with the demo workspace and a pinned
//! clock, compared with insta snapshots. Regenerate after an intended change:
//! `INSTA_UPDATE=always cargo test --test render_search`, then read every changed `.snap` file.

use rapport::config::Action;
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, row_text, screen_text, Fixture};

#[test]
fn search_popup_with_a_japanese_query() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Search);
    fx.typed(&mut app, "佐藤");
    for size in [(80, 24), (160, 45)] {
        let mut backend = fx.draw(&app, size);
        let what = format!("search at {}x{}", size.0, size.1);
        check_no_hidden_glyphs(backend.buffer(), &what);
        insta::assert_snapshot!(format!("search_japanese_{}x{}", size.0, size.1), backend);
        let screen = screen_text(backend.buffer());
        assert!(screen.contains("People"), "{screen}");
        assert!(
            screen.contains("佐藤 健一 · Hoshizora Fintech K.K."),
            "{screen}"
        );
        // The terminal cursor sits after the query, where the IME composes.
        let row = (0..size.1)
            .find(|&y| row_text(backend.buffer(), y).contains("> 佐藤"))
            .expect("the query line");
        let text = row_text(backend.buffer(), row);
        let x = text[..text.find("> 佐藤").unwrap()].width() + "> 佐藤".width();
        backend.assert_cursor_position(Position::new(x as u16, row));
    }
}

#[test]
fn search_popup_with_notes_cut_around_the_match() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Search);
    fx.typed(&mut app, "replica");
    let backend = fx.draw(&app, (80, 24));
    check_no_hidden_glyphs(backend.buffer(), "replica at 80x24");
    insta::assert_snapshot!("search_notes_80x24", backend);
    let screen = screen_text(backend.buffer());
    assert!(screen.contains("Notes"), "{screen}");
    assert!(screen.contains("Enter go to"), "{screen}");
}

/// A ZWJ family and `❤️` put the cursor by their chars' widths (past the text), and a
/// half-width kana with its sound mark is drawn in two cells: the cursor sits after each as
/// drawn, and closing the popup leaves no stray `ﾟ` on the terminal.
#[test]
fn the_query_cursor_follows_clusters_as_drawn() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    let size = (80, 24);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let theme = rapport::ui::theme::Theme::default();
    let look = rapport::ui::Look {
        theme: &theme,
        keys: &fx.config.keys,
    };
    fx.act(&mut app, Action::Search);
    let query = "aｶﾟ👨\u{200d}👩\u{200d}👧\u{2764}\u{fe0f}b";
    fx.typed(&mut app, query);
    terminal
        .draw(|f| rapport::ui::draw(f, &app, &look))
        .unwrap();
    let backend = terminal.backend_mut();
    let row = (0..size.1)
        .find(|&y| row_text(backend.buffer(), y).contains("> a"))
        .expect("the query line");
    let text = row_text(backend.buffer(), row);
    let start = rapport::width::of(&text[..text.find("> a").unwrap()]) + 2;
    // a 1, ｶﾟ 3 (as ratatui's buffer lays it out), the family 2, ❤️ 2, b 1.
    assert_eq!(rapport::width::of(query), 9);
    let x = (start + 9) as u16;
    backend.assert_cursor_position(Position::new(x, row));
    assert_eq!(backend.buffer()[(x - 1, row)].symbol(), "b", "{text}");
    fx.key(&mut app, rapport::config::KeyCode::Esc);
    terminal
        .draw(|f| rapport::ui::draw(f, &app, &look))
        .unwrap();
    let screen = screen_text(terminal.backend().buffer());
    assert!(!screen.contains('ﾟ'), "{screen}");
}
