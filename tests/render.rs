//! The dashboard's views drawn on ratatui's `TestBackend` with a pinned clock and the demo
//! workspace, compared with insta snapshots in `tests/snapshots/`.
//!
//! Times are shown in local time (the status bar, the timeline, the demo's own "14:00 local"
//! events), so every test first switches this process to UTC: `TZ=UTC0` is set once, before
//! any chrono call. `UTC0` is a POSIX TZ string chrono parses by itself, so it needs no tzdata
//! on the machine (plain `UTC` is a zoneinfo file name: where that file is missing, chrono
//! falls back to the system's zone). Whatever `TZ` the CI machine has is overridden, so the
//! snapshots do not depend on it.
//!
//! Regenerate after an intended change: `INSTA_UPDATE=always cargo test --test render`, then
//! read every changed `.snap` file before committing it.

use rapport::app::overlay::Help;
use rapport::app::{App, Pane, View};
use rapport::config::Action;
use rapport::model::{Client, ClientId};
use rapport::ui::{self, Theme};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, draw, row_text, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

impl Fixture {
    /// Moves the clients cursor (with Down, as a user would) to the client aliased `alias`.
    fn select_alias(&self, app: &mut App, alias: &str) {
        assert_eq!(app.focus, Pane::Clients);
        let target = app
            .clients
            .iter()
            .position(|r| r.client.alias.as_deref() == Some(alias))
            .unwrap_or_else(|| panic!("no client aliased {alias} in the demo"));
        while app.cursor < target {
            let before = app.cursor;
            self.act(app, Action::Down);
            assert_eq!(
                app.cursor,
                before + 1,
                "Down moves the clients cursor one row"
            );
        }
        assert_eq!(app.current().unwrap().client.alias.as_deref(), Some(alias));
    }
}

/// Snapshots `app` at both sizes, as `<name>_80x24` and `<name>_160x45`.
fn snapshot_both(fixture: &Fixture, app: &App, name: &str) {
    for size in [SMALL, LARGE] {
        let backend = fixture.draw(app, size);
        check_no_hidden_glyphs(
            backend.buffer(),
            &format!("{name} at {}x{}", size.0, size.1),
        );
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), backend);
    }
}

/// The text of row `y` as a terminal shows it: the cells a wide glyph covers are skipped.
/// Display columns (as a terminal counts them) of every `│` in row `y`.
fn bar_columns(buffer: &Buffer, y: u16) -> Vec<usize> {
    let text = row_text(buffer, y);
    let mut columns = Vec::new();
    let mut column = 0;
    for c in text.chars() {
        if c == '│' {
            columns.push(column);
        }
        column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    columns
}

/// The first row whose text contains `needle`.
fn row_with(buffer: &Buffer, needle: &str) -> u16 {
    (0..buffer.area.height)
        .find(|&y| row_text(buffer, y).contains(needle))
        .unwrap_or_else(|| panic!("no row shows {needle:?}:\n{}", screen_text(buffer)))
}

/// Rows above the status bar with a cell in columns `xs` drawn reversed (the selection in the
/// focused pane; the status bar's mode is reversed too).
fn reversed_rows(buffer: &Buffer, xs: std::ops::Range<u16>) -> Vec<u16> {
    (0..buffer.area.height - 1)
        .filter(|&y| {
            xs.clone()
                .any(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED))
        })
        .collect()
}

/// The cells of row `y` holding `corner`.
fn corners(buffer: &Buffer, y: u16, corner: &str) -> Vec<u16> {
    (0..buffer.area.width)
        .filter(|&x| buffer[(x, y)].symbol() == corner)
        .collect()
}

/// The colour of a pane's border, read at its top-left corner.
fn border_color(buffer: &Buffer, x: u16, y: u16) -> Color {
    assert_eq!(buffer[(x, y)].symbol(), "┌", "a pane's corner at ({x},{y})");
    buffer[(x, y)].fg
}

#[test]
fn browse_first_client() {
    let fx = Fixture::demo();
    let app = fx.app();
    assert_eq!(app.view, View::Browse);
    assert_eq!(app.cursor, 0);
    snapshot_both(&fx, &app, "browse_first");
}

#[test]
fn browse_japanese_client() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.select_alias(&mut app, "hoshizora");
    snapshot_both(&fx, &app, "browse_hoshizora");
}

#[test]
fn japanese_client_keeps_pane_borders_aligned() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.select_alias(&mut app, "hoshizora");
    let backend = fx.draw(&app, SMALL);
    let buffer = backend.buffer();
    let screen = screen_text(buffer);
    assert!(
        screen.contains("佐藤 健一"),
        "the Japanese names are shown:\n{screen}"
    );
    check_no_hidden_glyphs(buffer, "hoshizora at 80x24");

    // The panes' corners on the top row give the columns every border must keep.
    let top = row_text(buffer, 0);
    let top_right: Vec<usize> = top
        .char_indices()
        .filter(|(_, c)| *c == '┐')
        .map(|(i, _)| top[..i].width())
        .collect();
    assert_eq!(
        top_right.len(),
        2,
        "clients and people panes on the top row: {top}"
    );
    let (clients_right, right_edge) = (top_right[0], top_right[1]);
    assert_eq!(right_edge, usize::from(SMALL.0) - 1);
    let status_row = SMALL.1 - 1;
    // Every row is exactly as wide as the screen, as a terminal counts columns.
    for y in 0..=status_row {
        assert_eq!(
            row_text(buffer, y).width(),
            usize::from(SMALL.0),
            "row {y} is wider or narrower than the screen:\n{screen}"
        );
    }
    let clients_bottom = (0..status_row)
        .find(|&y| row_text(buffer, y).starts_with('└'))
        .expect("clients pane bottom");

    // Clients pane: its right border `│` sits in the same cell and the same display column on
    // every row between its corners (cell check and what a terminal would show).
    for y in 1..clients_bottom {
        let x = clients_right as u16;
        assert_eq!(
            buffer[(x, y)].symbol(),
            "│",
            "clients pane right border at ({x},{y}):\n{screen}"
        );
        let bars = bar_columns(buffer, y);
        assert_eq!(
            bars.first().copied(),
            Some(0),
            "row {y} starts with the left border:\n{screen}"
        );
        assert_eq!(
            bars.get(1).copied(),
            Some(clients_right),
            "row {y}: clients right border moved:\n{screen}"
        );
    }

    // Timeline pane (below the people pane on the right): its right border is the screen edge.
    let timeline_top = (1..status_row)
        .find(|&y| row_text(buffer, y).contains("Timeline"))
        .expect("timeline pane title");
    assert!(row_text(buffer, timeline_top).ends_with('┐'));
    let timeline_bottom = status_row - 1;
    assert!(row_text(buffer, timeline_bottom).ends_with('┘'));
    for y in timeline_top + 1..timeline_bottom {
        let x = right_edge as u16;
        assert_eq!(
            buffer[(x, y)].symbol(),
            "│",
            "timeline right border at ({x},{y}):\n{screen}"
        );
        assert_eq!(
            bar_columns(buffer, y).last().copied(),
            Some(right_edge),
            "row {y}: timeline right border moved:\n{screen}"
        );
    }
}

#[test]
fn people_and_timeline_focus() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.acts(&mut app, &[Action::Down, Action::Down, Action::NextPane]);
    assert_eq!(app.focus, Pane::People);
    fx.acts(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.selected.person_cursor, 2);
    snapshot_both(&fx, &app, "focus_people");

    // The snapshots hold no styles: check focus and selection on the cells themselves.
    let theme = Theme::default();
    let backend = fx.draw(&app, SMALL);
    let buffer = backend.buffer();
    let [clients_x, right_x] = corners(buffer, 0, "┌")[..] else {
        panic!("two panes side by side:\n{}", screen_text(buffer))
    };
    let person = &app.selected.people[2];
    let name = person.person.name.clone();
    // Indented as a person row (the name is in a coverage line above it too), with the lines
    // of their latest fact under it.
    let first = row_with(buffer, &format!("  {name}"));
    let in_pane = |y: u16| {
        row_text(buffer, y)
            .split('│')
            .nth(3)
            .unwrap_or("")
            .to_string()
    };
    let fact_lines = (1..=3)
        .take_while(|k| in_pane(first + k).starts_with("    "))
        .take_while(|k| !in_pane(first + k).trim().is_empty())
        .count() as u16;
    assert!(
        person.latest_fact().is_some() && fact_lines > 0,
        "{name} has a fact shown"
    );
    assert_eq!(
        reversed_rows(buffer, right_x..SMALL.0),
        (first..=first + fact_lines).collect::<Vec<_>>(),
        "only {name} is selected"
    );
    assert!(
        reversed_rows(buffer, clients_x..right_x).is_empty(),
        "the unfocused clients pane shows no reversed row"
    );
    let client_row = row_with(buffer, "Saimaa Energia Oy");
    assert!(
        buffer[(2, client_row)].modifier.contains(Modifier::BOLD),
        "the selected client stays bold"
    );
    assert_eq!(
        border_color(buffer, right_x, 0),
        theme.accent,
        "the people pane is focused"
    );
    assert_eq!(
        border_color(buffer, clients_x, 0),
        theme.muted,
        "the clients pane is not"
    );

    fx.act(&mut app, Action::NextPane);
    assert_eq!(app.focus, Pane::Timeline);
    fx.acts(&mut app, &[Action::Down, Action::Down, Action::Down]);
    assert_eq!(app.selected.timeline.cursor, 3);
    snapshot_both(&fx, &app, "focus_timeline");

    let backend = fx.draw(&app, SMALL);
    let buffer = backend.buffer();
    let when = app.selected.timeline.rows[3].when.clone();
    let head = row_with(buffer, &when);
    // The whole event (its head and its wrapped text) is highlighted, and nothing else.
    let selected = reversed_rows(buffer, right_x..SMALL.0);
    assert_eq!(
        selected.first(),
        Some(&head),
        "the event of {when} is selected: {selected:?}"
    );
    assert!(
        selected.len() >= 2 && selected.windows(2).all(|w| w[1] == w[0] + 1),
        "{selected:?}"
    );
    let timeline_top = row_with(buffer, "Timeline ·");
    assert_eq!(
        border_color(buffer, right_x, timeline_top),
        theme.accent,
        "the timeline is focused"
    );
    assert_eq!(
        border_color(buffer, right_x, 0),
        theme.muted,
        "the people pane is not"
    );
}

#[test]
fn client_detail() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Open);
    assert_eq!(app.view, View::ClientDetail);
    snapshot_both(&fx, &app, "client_detail");
}

#[test]
fn person_detail() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.select_alias(&mut app, "hoshizora");
    fx.act(&mut app, Action::NextPane);
    fx.act(&mut app, Action::Open);
    assert_eq!(app.view, View::PersonDetail);
    snapshot_both(&fx, &app, "person_detail");
}

#[test]
fn help_overlay() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Help);
    assert!(app.overlays.is_open::<Help>());
    snapshot_both(&fx, &app, "help");
}

#[test]
fn welcome_on_an_empty_store() {
    let fx = Fixture::empty();
    let app = fx.app();
    assert_eq!(app.view, View::Welcome);
    snapshot_both(&fx, &app, "welcome");
}

#[test]
fn tiny_terminal_asks_to_be_bigger() {
    let fx = Fixture::demo();
    let app = fx.app();
    let backend = fx.draw(&app, (30, 8));
    let screen = screen_text(backend.buffer());
    assert!(screen.contains("make me bigger"), "{screen}");
    insta::assert_snapshot!("tiny_30x8", backend);
}

#[test]
fn every_size_draws_without_panicking() {
    let fx = Fixture::demo();
    let browse = fx.app();
    let mut help = fx.app();
    fx.act(&mut help, Action::Help);
    let mut japanese = fx.app();
    fx.select_alias(&mut japanese, "hoshizora");
    let mut timeline = fx.app();
    fx.select_alias(&mut timeline, "hoshizora");
    fx.acts(&mut timeline, &[Action::PrevPane, Action::Bottom]);
    let mut detail = fx.app();
    fx.act(&mut detail, Action::Open);
    let mut person = fx.app();
    fx.select_alias(&mut person, "hoshizora");
    fx.acts(&mut person, &[Action::NextPane, Action::Open]);
    let empty = Fixture::empty();
    let welcome = empty.app();
    // Drawing is slow without optimisations: one thread per state.
    std::thread::scope(|scope| {
        for (name, app) in [
            ("browse", &browse),
            ("help", &help),
            ("japanese", &japanese),
            ("timeline bottom", &timeline),
            ("client detail", &detail),
            ("person detail", &person),
            ("welcome", &welcome),
        ] {
            let config = &fx.config;
            scope.spawn(move || {
                for width in (20..=200).step_by(7) {
                    for height in (5..=60).step_by(5) {
                        let backend = draw(app, config, (width, height));
                        if width < ui::MIN_WIDTH || height < ui::MIN_HEIGHT {
                            assert!(
                                screen_text(backend.buffer()).contains("make me bigger"),
                                "{name} at {width}x{height}"
                            );
                        }
                        check_no_hidden_glyphs(
                            backend.buffer(),
                            &format!("{name} at {width}x{height}"),
                        );
                    }
                }
            });
        }
    });
}

/// Clients with wide names: CJK, full-width Latin and an emoji, cut at every possible column.
#[test]
fn wide_client_names_keep_the_clients_pane_aligned() {
    let fx = Fixture::demo();
    for (i, name) in [
        "株式会社ほしぞらデータサービス",
        "札幌🍣ラーメン合同会社",
        "Ｆｕｌｌｗｉｄｔｈ Ｏｙ",
    ]
    .into_iter()
    .enumerate()
    {
        let client = Client {
            id: ClientId::new_at(1_700_000_000_000 + i as u64),
            name: name.into(),
            alias: Some(format!("wide{i}")),
            created: fx.now,
            ..Client::default()
        };
        fx.store
            .put_client(&client)
            .expect("add a wide-named client");
    }
    let app = fx.app();
    assert_eq!(app.clients.len(), 11);
    let backend = fx.draw(&app, SMALL);
    insta::assert_snapshot!("browse_wide_names_80x24", backend);

    for width in ui::MIN_WIDTH..=200 {
        let backend = fx.draw(&app, (width, 24));
        let buffer = backend.buffer();
        let what = format!("{width}x24");
        check_no_hidden_glyphs(buffer, &what);
        let right = corners(buffer, 0, "┐")[0];
        let top = row_text(buffer, 0);
        let right_column = top[..top.find('┐').unwrap()].width();
        assert_eq!(
            right_column,
            usize::from(right),
            "{what}: the top row has no wide glyph before the corner"
        );
        let bottom = (1..buffer.area.height)
            .find(|&y| buffer[(0, y)].symbol() == "└")
            .unwrap();
        for y in 1..bottom {
            let screen = || screen_text(buffer);
            assert_eq!(
                buffer[(right, y)].symbol(),
                "│",
                "{what}: clients right border at ({right},{y}):\n{}",
                screen()
            );
            assert_eq!(
                bar_columns(buffer, y).get(1),
                Some(&right_column),
                "{what}: row {y} shifted:\n{}",
                screen()
            );
        }
    }
}

#[test]
fn help_lists_every_action_at_80x24() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.act(&mut app, Action::Help);
    let screen = screen_text(fx.draw(&app, SMALL).buffer());
    for action in Action::ALL {
        assert!(
            screen.contains(action.description()),
            "{action:?} in the help:\n{screen}"
        );
    }
    assert!(screen.contains("Undo the last change here"), "{screen}");
}

#[test]
fn clients_pane_columns_line_up() {
    let fx = Fixture::demo();
    let app = fx.app();
    for size in [SMALL, LARGE] {
        let buffer = fx.draw(&app, size).buffer().clone();
        // The end of the days column ("75d", "today", "never") in each client row.
        // Client i is on row i + 1 (the cursor is on the first, nothing scrolled); the pane's
        // inside is the row up to its right border.
        let ends: Vec<(String, usize)> = app
            .clients
            .iter()
            .zip(1..)
            .map(|(row, y)| {
                let text = row_text(&buffer, y);
                let inside = text
                    .trim_start_matches('│')
                    .split('│')
                    .next()
                    .unwrap()
                    .to_string();
                let days = rapport::when::ago(row.days, "d");
                let at = inside
                    .find(&format!("{days} "))
                    .unwrap_or_else(|| panic!("{days} in {inside}"));
                (row.client.name.clone(), inside[..at].width() + days.len())
            })
            .collect();
        assert!(
            ends.iter().all(|(_, end)| *end == ends[0].1),
            "{}x{}: days column ends at {ends:?}",
            size.0,
            size.1
        );
    }
}

#[test]
fn person_detail_lists_facts_newest_first() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    fx.select_alias(&mut app, "hoshizora");
    fx.acts(&mut app, &[Action::NextPane, Action::Open]);
    let screen = screen_text(fx.draw(&app, LARGE).buffer());
    let facts = screen
        .split("Personal facts")
        .nth(1)
        .expect("facts")
        .split("Recent with them")
        .next()
        .unwrap();
    let dates: Vec<&str> = facts
        .lines()
        .filter_map(|l| l.split("││  ").nth(1).and_then(|rest| rest.get(..10)))
        .filter(|d| d.starts_with("20"))
        .collect();
    assert!(dates.len() >= 2, "{facts}");
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "facts not newest first: {dates:?}"
    );
}

/// The chart's bar columns on row `y`, from the timeline's left edge to the first blank.
fn chart_bars(buffer: &Buffer, y: u16, left: u16) -> usize {
    (left..buffer.area.width)
        .take_while(|&x| "▁▂▃▄▅▆▇█".contains(buffer[(x, y)].symbol()))
        .count()
}

/// The trust label's row and the timeline's inner left edge, where the label starts.
fn timeline_left(buffer: &Buffer) -> (u16, u16) {
    let label = row_with(buffer, "trust ");
    let starts = |x: u16| {
        "trust "
            .chars()
            .enumerate()
            .all(|(i, c)| buffer[(x + i as u16, label)].symbol() == c.to_string())
    };
    let left = (0..buffer.area.width - 6).find(|&x| starts(x)).unwrap();
    (label, left)
}

/// 90 days at every width: as many days a column as the label says, no column blank, and the
/// period's high and low written beside the chart.
#[test]
fn trust_chart_covers_90_days_at_every_width() {
    let fx = Fixture::demo();
    let app = fx.app();
    for size in [SMALL, LARGE, (100, 30), (200, 50)] {
        let buffer = fx.draw(&app, size).buffer().clone();
        let (label, left) = timeline_left(&buffer);
        let text = row_text(&buffer, label);
        let per = text
            .split(", ")
            .find_map(|part| part.split_once(" days a column"))
            .map_or(1, |(n, _)| n.trim().parse::<usize>().unwrap());
        assert!(text.contains("90 days"), "{size:?}: {text}");
        let bottom = label + 2;
        let bars = chart_bars(&buffer, bottom, left);
        assert_eq!(
            bars,
            90usize.div_ceil(per),
            "{size:?}:\n{}",
            screen_text(&buffer)
        );
        let scale = row_text(&buffer, bottom);
        assert!(
            scale.contains(" +") || scale.contains(" -"),
            "the low beside the chart at {size:?}: {scale}"
        );
    }
}

/// A new client, with nothing that moved trust, draws one flat line at mid-height, at 0.
#[test]
fn a_client_with_no_movement_draws_a_flat_chart() {
    let fx = Fixture::empty();
    let client = Client {
        id: ClientId::new_at(1_700_000_000_000),
        name: "Uusi Asiakas Oy".into(),
        alias: Some("uusi".into()),
        created: fx.now,
        ..Client::default()
    };
    fx.store.put_client(&client).unwrap();
    let app = fx.app();
    snapshot_both(&fx, &app, "flat_chart");
    for size in [SMALL, LARGE] {
        let buffer = fx.draw(&app, size).buffer().clone();
        let (label, left) = timeline_left(&buffer);
        let top: String = (left..left + 30)
            .map(|x| buffer[(x, label + 1)].symbol().to_string())
            .collect();
        let bottom: String = (left..left + 30)
            .map(|x| buffer[(x, label + 2)].symbol().to_string())
            .collect();
        assert_eq!(top.trim(), "", "no bar reaches the top row: {top}");
        assert_eq!(bottom, "█".repeat(30), "one full row, all alike");
        assert!(row_text(&buffer, label + 2).contains("+0.0"));
    }
}

/// The status bar leaves out whole parts as the terminal narrows, never cutting one mid-word;
/// at 160 columns it shows everything.
#[test]
fn status_bar_drops_whole_parts_as_it_narrows() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    let status = |app: &App, width: u16| {
        let backend = fx.draw(app, (width, 24));
        row_text(backend.buffer(), 23)
    };
    // What is due, as `rapport status --tmux` says it, and the agenda's key.
    let due = "⚑ 1 due · 1 overdue promise (A)";
    let wide = status(&app, LARGE.0);
    let all = format!("/data/rapport · {due} · 8 clients · 12:00");
    // At 160 columns every key stays; the store path and the count give way to what is due.
    let due_and_time = format!("{due} · 12:00");
    for part in ["? help", "x archive", &due_and_time] {
        assert!(wide.contains(part), "{part} at 160: {wide}");
    }
    let keys = [
        "n note",
        "c call",
        "? help",
        "q quit",
        "j/k move",
        "Tab pane",
        "Enter open",
        "a add",
        "e edit",
        "s sort",
        "x archive",
    ];
    let right = [
        all.clone(),
        format!("{due} · 8 clients · 12:00"),
        format!("{due} · 12:00"),
        "12:00".to_string(),
    ];
    for width in ui::MIN_WIDTH..=LARGE.0 {
        let bar = status(&app, width);
        assert!(!bar.contains('…'), "{width}: {bar}");
        assert!(
            bar.starts_with(" BROWSE  n note · c call · ? help"),
            "{width}: {bar}"
        );
        let rest = bar.trim_end();
        let shown = right
            .iter()
            .find_map(|r| rest.strip_suffix(r))
            .unwrap_or(rest)
            .trim_end();
        assert!(keys.iter().any(|k| shown.ends_with(k)), "{width}: {bar}");
        // Keys go only once the store path and the count are gone.
        if bar.contains("clients") {
            assert!(bar.contains("x archive"), "{width}: {bar}");
        }
        // What is due outlives every key but the first four.
        if bar.contains("j/k move") {
            assert!(bar.contains(due), "{width}: {bar}");
        }
    }

    // A message longer than the bar is cut after a whole word.
    app.message = Some("archived Lumikko Retail Oy (history kept; `rapport client edit \"Lumikko Retail Oy\" --unarchive` brings it back)".into());
    let bar = status(&app, SMALL.0);
    assert!(
        bar.trim_end().ends_with("client edit…"),
        "cut after a word: {bar}"
    );
}

#[test]
fn the_demo_key_outside_the_welcome_screen_says_where_the_demo_goes() {
    let fx = Fixture::demo();
    let mut app = fx.app();
    let clients = app.clients.len();
    fx.act(&mut app, Action::Demo);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("empty store"), "{message}");
    assert_eq!(app.clients.len(), clients, "nothing loaded");
}
