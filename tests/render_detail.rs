//! Detail views with long texts: facts and events wrap under their own first character
//! (a hanging indent), measured in display columns so Japanese wraps where a terminal would.
//! Regenerate after an intended change: `INSTA_UPDATE=always cargo test --test render_detail`,
//! then read every changed `.snap`.

use chrono::NaiveDate;
use rapport::app::{App, View};
use rapport::config::Action;
use rapport::model::Fact;
use unicode_width::UnicodeWidthStr;

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, row_text, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);

const JAPANESE: &str = "毎年夏はラップランドで釣りをするのが楽しみで、今年は息子さんと一緒に大きな鮭を釣ったと嬉しそうに話していた";
const ENGLISH: &str = "Runs the Helsinki marathon every May and compares training plans; ask about the knee before talking business";

/// The first person at the Japanese demo client, given the two long facts, open in detail.
fn person_with_long_facts(fx: &Fixture) -> App {
    let mut app = fx.app();
    let at = app
        .clients
        .iter()
        .position(|r| r.client.alias.as_deref() == Some("hoshizora"))
        .expect("the demo has hoshizora");
    for _ in 0..at {
        fx.act(&mut app, Action::Down);
    }
    fx.act(&mut app, Action::NextPane);
    let mut person = app.selected.people[0].person.clone();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    // Added last, shown first: the English fact, then the Japanese one.
    for text in [JAPANESE, ENGLISH] {
        person.facts.push(Fact {
            text: text.into(),
            noted: today,
            kind: None,
        });
    }
    fx.store.put_person(&person).expect("save the facts");
    app.reload(&fx.env()).unwrap();
    fx.act(&mut app, Action::Open);
    assert_eq!(app.view, View::PersonDetail);
    app
}

/// The detail pane's inside on row `y` (between the clients pane and the right border).
fn inside(row: &str) -> &str {
    let rest = row.split_once("││").map_or("", |(_, rest)| rest);
    rest.strip_suffix('│').unwrap_or(rest)
}

/// The lines of the fact starting with `head` and its continuation lines.
fn fact_lines(screen: &str, head: &str) -> Vec<String> {
    let rows: Vec<&str> = screen.lines().map(inside).collect();
    let start = rows
        .iter()
        .position(|r| r.starts_with(head))
        .unwrap_or_else(|| panic!("no fact starting {head:?}:\n{screen}"));
    let mut lines = vec![rows[start].to_string()];
    lines.extend(
        rows[start + 1..]
            .iter()
            .take_while(|r| r.starts_with("   ") && !r.trim().is_empty())
            .map(|r| r.to_string()),
    );
    lines
}

#[test]
fn long_facts_wrap_under_their_first_character() {
    let fx = Fixture::demo();
    let app = person_with_long_facts(&fx);
    let backend = fx.draw(&app, SMALL);
    let buffer = backend.buffer();
    check_no_hidden_glyphs(buffer, "person detail at 80x24");
    let screen = screen_text(buffer);
    // `  2026-11-23  ` is the head; the text starts 14 columns in.
    let head = "  2026-11-23  ";
    let text_column = head.width();
    let width = inside(&row_text(buffer, 1)).width();

    let english = fact_lines(&screen, &format!("{head}Runs"));
    let japanese = fact_lines(&screen, &format!("{head}毎年"));
    for (what, lines, text, joiner) in [
        ("English", &english, ENGLISH, " "),
        ("Japanese", &japanese, JAPANESE, ""),
    ] {
        assert!(lines.len() >= 3, "{what} wraps:\n{screen}");
        for line in &lines[1..] {
            let indent = line.len() - line.trim_start().len();
            assert_eq!(indent, text_column, "{what}: {line:?}\n{screen}");
        }
        for line in lines.iter() {
            assert!(line.width() <= width, "{what}: {line:?} overflows");
        }
        let pieces: Vec<&str> = lines.iter().map(|l| l[text_column..].trim_end()).collect();
        assert_eq!(pieces.join(joiner), text, "{what}: nothing lost");
    }
    insta::assert_snapshot!("person_long_facts_80x24", backend);
}

/// The person view's facts with the cursor on the second one (marked, for `e` and `X`), then
/// the fact box open on it for an edit, at both sizes.
#[test]
fn the_person_view_marks_the_fact_to_edit_and_opens_its_box() {
    let fx = Fixture::demo();
    let mut app = person_with_long_facts(&fx);
    fx.act(&mut app, Action::Down);
    assert_eq!(app.selected.fact_cursor, 1);
    let backend = fx.draw(&app, SMALL);
    let buffer = backend.buffer();
    let screen = screen_text(buffer);
    let row_of = |head: &str| {
        (0..buffer.area.height)
            .find(|&y| inside(&row_text(buffer, y)).starts_with(head))
            .unwrap_or_else(|| panic!("no row {head:?}:\n{screen}"))
    };
    // The English fact (shown first) is plain; the Japanese one under the cursor is marked.
    let (first, second) = (row_of("  2026-11-23  Runs"), row_of("  2026-11-23  毎年"));
    let x = buffer
        .area
        .width
        .checked_sub(10)
        .expect("a wide enough screen");
    assert_ne!(
        buffer[(x - 30, first)].style(),
        buffer[(x - 30, second)].style(),
        "the cursor's fact stands out:\n{screen}"
    );
    fx.press(&mut app, "e");
    for size in [SMALL, (160, 45)] {
        let backend = fx.draw(&app, size);
        check_no_hidden_glyphs(backend.buffer(), "the fact box");
        let screen = screen_text(backend.buffer());
        assert!(screen.contains("Edit a fact about"), "{screen}");
        assert!(
            screen.contains("FACT"),
            "the status bar says what the keys do:\n{screen}"
        );
        insta::assert_snapshot!(format!("person_fact_edit_{}x{}", size.0, size.1), backend);
    }
}

/// The person view lists a birthday and a work anniversary with the day each comes next.
#[test]
fn the_person_view_shows_the_yearly_dates() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::NextPane);
    let mut person = app.selected.people[0].person.clone();
    person.birthday = Some("1980-02-29".parse().unwrap());
    person.anniversary = Some("12-07".parse().unwrap());
    fx.store.put_person(&person).expect("save the dates");
    app.reload(&fx.env()).unwrap();
    fx.act(&mut app, Action::Open);
    assert_eq!(app.view, View::PersonDetail);
    let backend = fx.draw(&app, SMALL);
    check_no_hidden_glyphs(backend.buffer(), "person dates at 80x24");
    let screen = screen_text(backend.buffer());
    assert!(
        screen.contains("1980-02-29 · next Sun 28 Feb 2027"),
        "Feb 29 on Feb 28:\n{screen}"
    );
    assert!(screen.contains("12-07 · next Mon 7 Dec 2026"), "{screen}");
    insta::assert_snapshot!("person_dates_80x24", backend);
}

/// The client detail at 80x24 holds less than the brief: the moving keys scroll it, the
/// bottom border says where the view is, and it never scrolls past its last line.
#[test]
fn the_client_detail_scrolls_to_its_end_and_no_further() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Open);
    assert_eq!(app.view, View::ClientDetail);
    let first = screen_text(fx.frame(&mut app, SMALL).buffer());
    // In one column the client's own fields come last; `free advice` is the last of them.
    assert!(
        !first.contains("free advice") && first.contains("more below"),
        "the brief is cut at 80x24, and says so:\n{first}"
    );
    fx.press(&mut app, "G");
    let backend = fx.frame(&mut app, SMALL);
    check_no_hidden_glyphs(backend.buffer(), "client detail scrolled to its end");
    let end = screen_text(backend.buffer());
    assert!(end.contains("free advice"), "G shows the end:\n{end}");
    assert!(!end.contains("more below"), "{end}");
    let top = app.detail_top;
    assert!(top > 0);
    for key in ["j", "pgdn", "G"] {
        fx.press(&mut app, key);
        assert_eq!(app.detail_top, top, "{key} past the end moves nothing");
    }
    fx.press(&mut app, "k");
    assert_eq!(
        app.detail_top,
        top - 1,
        "one up from the end is one line up"
    );
    fx.press(&mut app, "G");
    insta::assert_snapshot!("client_detail_end_80x24", fx.frame(&mut app, SMALL));
    fx.press(&mut app, "g");
    assert_eq!(app.detail_top, 0);
    assert_eq!(
        app.cursor, 0,
        "the moving keys scroll the detail, not the clients"
    );
}
