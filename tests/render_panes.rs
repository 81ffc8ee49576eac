//! The panes say what they are for (issue 15): tags in the timeline, each person's latest fact
//! on its own lines and the time where they are, people below the pane's edge counted, the
//! client detail as the brief, what is due in the status bar, free advice and capacity marked
//! in the clients list, and the call box's "their time" with a warning at their night.
//!
//! The clock is the fixtures' (Monday 2026-11-23 12:00 UTC): 14:00 in Helsinki, 21:00 in Tokyo.
//! Regenerate after an intended change: `INSTA_UPDATE=always cargo test --test ui render_panes`,
//! then read every changed `.snap`.

use chrono::NaiveDate;
use rapport::app::{App, Pane, View};
use rapport::config::Action;
use rapport::insight::Due;
use rapport::model::Fact;

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, row_text, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

const LONG_FACT: &str = "Runs the Helsinki marathon every May and compares training plans; ask about the knee before talking business";

/// Snapshots `app` at both sizes, as `<name>_80x24` and `<name>_160x45`.
fn snapshot_both(fx: &Fixture, app: &App, name: &str) {
    for size in [SMALL, LARGE] {
        let backend = fx.draw(app, size);
        check_no_hidden_glyphs(
            backend.buffer(),
            &format!("{name} at {}x{}", size.0, size.1),
        );
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), backend);
    }
}

fn screen(fx: &Fixture, app: &App, size: (u16, u16)) -> String {
    screen_text(fx.draw(app, size).buffer())
}

#[test]
fn the_timeline_shows_each_events_tags() {
    let fx = Fixture::demo();
    let mut app = fx.on("nordpay");
    fx.act(&mut app, Action::NextPane);
    fx.act(&mut app, Action::NextPane);
    assert_eq!(app.focus, Pane::Timeline);
    let tagged = (app.selected.timeline.rows.iter())
        .position(|r| r.event.tags.iter().any(|t| t == "month-end"))
        .expect("nordpay has a month-end event");
    for _ in 0..tagged {
        fx.act(&mut app, Action::Down);
    }
    let shown = screen(&fx, &app, LARGE);
    assert!(shown.contains("#month-end"), "{shown}");
    snapshot_both(&fx, &app, "timeline_tags");
}

/// Hoshizora's first person, given a long fact (the newest, so the one the pane shows).
fn with_long_fact(fx: &Fixture) -> App {
    let mut app = fx.on("hoshizora");
    let mut person = app.selected.people[0].person.clone();
    person.facts.push(Fact {
        text: LONG_FACT.into(),
        noted: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        kind: None,
    });
    fx.store.put_person(&person).expect("save the fact");
    app.reload(&fx.env()).unwrap();
    app
}

#[test]
fn a_persons_latest_fact_has_its_own_wrapped_lines_and_is_not_cut() {
    let fx = Fixture::demo();
    let app = with_long_fact(&fx);
    let backend = fx.draw(&app, LARGE);
    let buffer = backend.buffer();
    // The people pane is the middle third: its rows, joined, hold the whole fact.
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| row_text(buffer, y))
        .collect();
    let name = &app.selected.people[0].person.name;
    let at = rows.iter().position(|r| r.contains(name.as_str())).unwrap();
    assert!(
        !rows[at].contains("Runs the"),
        "the fact is not on the name's line: {}",
        rows[at]
    );
    let middle = |r: &String| -> String {
        let cells: Vec<&str> = r.split('│').collect();
        cells.get(3).map_or(String::new(), |c| c.trim().to_string())
    };
    let fact: Vec<String> = rows[at + 1..at + 4].iter().map(middle).collect();
    let joined = fact.join(" ");
    assert!(
        joined.contains("“Runs the Helsinki marathon") && joined.contains("talking business”"),
        "the whole fact, wrapped under the person: {fact:#?}"
    );
    snapshot_both(&fx, &app, "people_long_fact");
}

#[test]
fn people_show_the_time_where_they_are() {
    let fx = Fixture::demo();
    let app = fx.on("hoshizora");
    let shown = screen(&fx, &app, LARGE);
    assert!(shown.contains("21:00 JST"), "{shown}");
    let app = fx.on("nordpay");
    let shown = screen(&fx, &app, LARGE);
    assert!(shown.contains("14:00 EET"), "{shown}");
}

/// The people pane's text: the second box on the top rows (the timeline names people too).
fn people_pane(screen: &str) -> String {
    screen
        .lines()
        .skip(1)
        .take_while(|r| !r.contains('└'))
        .map(|r| r.split('│').nth(3).unwrap_or_default().to_string() + "\n")
        .collect()
}

#[test]
fn people_below_the_panes_edge_are_counted() {
    let fx = Fixture::demo();
    let app = with_long_fact(&fx);
    let shown = screen(&fx, &app, SMALL);
    let pane = people_pane(&shown);
    let people = &app.selected.people;
    let hidden = people
        .iter()
        .filter(|r| !pane.contains(r.person.name.as_str()))
        .count();
    assert!(hidden > 0, "the small pane cannot hold them all:\n{shown}");
    assert!(
        shown.contains(&format!("+{hidden} more")),
        "+{hidden} more:\n{shown}"
    );
    // Nobody hidden, no count.
    let roomy = people_pane(&screen(&fx, &app, LARGE));
    assert!(!roomy.contains(" more"), "{roomy}");
}

#[test]
fn client_detail_shows_the_brief() {
    let fx = Fixture::demo();
    let mut app = fx.on("nordpay");
    fx.act(&mut app, Action::Open);
    assert_eq!(app.view, View::ClientDetail);
    let brief = app.brief().expect("a brief");
    let shown = screen(&fx, &app, LARGE);
    for heading in ["Who is who", "Open promises", "Last events", "Openers"] {
        let wanted = match heading {
            "Open promises" => !brief.promises.is_empty(),
            _ => true,
        };
        assert_eq!(shown.contains(heading), wanted, "{heading}:\n{shown}");
    }
    for row in &app.selected.people {
        assert!(shown.contains(row.person.name.as_str()), "{shown}");
    }
    assert!(
        shown.contains("14:00 EET"),
        "the time where they are:\n{shown}"
    );
    // The beginning of each opener and event line (they may wrap).
    for line in brief.openers.iter().chain(&brief.last_events) {
        let start: String = line.chars().take(24).collect();
        assert!(shown.contains(&start), "{start:?}:\n{shown}");
    }
    snapshot_both(&fx, &app, "client_brief");
}

#[test]
fn the_status_bar_counts_what_is_due_as_rapport_status_does() {
    let fx = Fixture::demo();
    let app = fx.app();
    let clients = fx.store.clients().unwrap();
    let summaries: Vec<_> = (clients.iter())
        .map(|c| fx.store.summary(c.id).unwrap())
        .collect();
    let due = Due::of(clients.into_iter().zip(summaries), fx.now, false);
    let line = due.line();
    assert_ne!(line, "✓", "the demo has something due");
    let backend = fx.draw(&app, LARGE);
    let bar = row_text(backend.buffer(), LARGE.1 - 1);
    assert!(bar.contains(&format!("{line} (A)")), "{line:?} in {bar:?}");
}

#[test]
fn free_advice_and_capacity_are_marked_in_the_clients_list() {
    let mut fx = Fixture::demo();
    fx.config.thresholds.free_advice_minutes = 1;
    fx.config.thresholds.active_clients = 1;
    let app = fx.app();
    let backend = fx.draw(&app, LARGE);
    let buffer = backend.buffer();
    let mut marked = 0;
    for (i, row) in app.clients.iter().enumerate() {
        let text = row_text(buffer, 1 + i as u16);
        let pane = text.split('│').nth(1).unwrap_or_default().to_string();
        let advice = row.summary.unbilled_advice_minutes(fx.now) >= 1;
        assert_eq!(pane.trim_end().ends_with('$'), advice, "{pane}");
        marked += usize::from(advice);
    }
    assert!(marked > 0, "some demo client has had free advice lately");
    let title = row_text(buffer, 0);
    let active = app.capacity.active.len();
    assert!(active > 1, "more than one demo client active this week");
    assert!(
        title.contains(&format!("⚠ {active} active of 1")),
        "{title}"
    );
}

#[test]
fn the_call_box_gives_their_time_and_warns_at_their_night() {
    let fx = Fixture::demo();
    let mut app = fx.on("hoshizora");
    fx.act(&mut app, Action::Call);
    let shown = screen(&fx, &app, SMALL);
    assert!(shown.contains("21:00 JST"), "{shown}");
    assert!(shown.contains("outside 08–18"), "{shown}");
    snapshot_both(&fx, &app, "call_their_night");
    // At 14:00 in Helsinki nobody is warned.
    let mut app = fx.on("nordpay");
    fx.act(&mut app, Action::Call);
    let shown = screen(&fx, &app, SMALL);
    assert!(shown.contains("14:00 EET"), "{shown}");
    assert!(!shown.contains("outside 08–18"), "{shown}");
}
