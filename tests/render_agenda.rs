//! The agenda view (`A`) of the demo workspace at the pinned clock: grouped items with urgency,
//! reason and opener, wrapped with a hanging indent by display width (the demo has Japanese
//! clients). Regenerate after an intended change:
//! `INSTA_UPDATE=always cargo test --test render_agenda`, then read every changed `.snap`.

use chrono::Duration;
use rapport::app::{App, View};
use rapport::config::Action;
use rapport::model::{
    Client, ClientId, Event, EventId, Fact, Kind, Person, PersonId, PromiseInfo, Role,
};
use unicode_width::UnicodeWidthStr;

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);
const WIDE: (u16, u16) = (160, 45);

const PROMISE: &str =
    "移行計画書（ロールバック手順とJSTの夜間メンテナンス枠を含む）を佐藤さんに送る";
const FACT: &str = "毎朝皇居の周りを走っていて、来年の東京マラソンに出る予定🏃";

/// The demo, plus Japanese where the agenda shows it: a promise at Hoshizora due in two days,
/// and a new client never contacted whose manager has a personal fact (a check-in opener).
fn demo_in_japanese() -> Fixture {
    let fx = Fixture::demo();
    let hoshizora = fx.store.client_by_handle("hoshizora").unwrap().unwrap();
    let due = (fx.now + Duration::days(2)).date_naive();
    let promise = Event {
        id: EventId::new_at(fx.now.timestamp_millis() as u64 - 1000),
        client: hoshizora,
        at: fx.now - Duration::days(1),
        kind: Kind::Promise,
        text: PROMISE.into(),
        promise: Some(PromiseInfo {
            due: Some(due),
            ..PromiseInfo::default()
        }),
        created: fx.now - Duration::days(1),
        ..Event::default()
    };
    fx.store.add_event(&promise, fx.now).unwrap();
    let client = Client {
        id: ClientId::new_at(fx.now.timestamp_millis() as u64 - 2000),
        name: "株式会社ほしぞらデータサービス".into(),
        alias: Some("hoshidata".into()),
        cadence_days: 30,
        created: fx.now - Duration::days(60),
        ..Client::default()
    };
    fx.store.put_client(&client).unwrap();
    let manager = Person {
        id: PersonId::new_at(fx.now.timestamp_millis() as u64 - 3000),
        client: client.id,
        name: "山田 太郎".into(),
        role: Role::Manager,
        facts: vec![Fact {
            text: FACT.into(),
            noted: (fx.now - Duration::days(40)).date_naive(),
            kind: None,
        }],
        created: client.created,
        ..Person::default()
    };
    fx.store.put_person(&manager).unwrap();
    fx
}

fn agenda(fx: &Fixture) -> App {
    let mut app = fx.app();
    fx.act(&mut app, Action::Agenda);
    assert_eq!(app.view, View::Agenda);
    // Ids hash the demo's client and event ids, which are new on every load: pinned here so
    // the pictures stay the same (`insight::item_id` is tested for stability on its own).
    for (i, item) in app.agenda.as_mut().unwrap().items.iter_mut().enumerate() {
        item.id = format!("ID{i:05}");
    }
    app
}

/// The inside of the agenda's border on each row.
fn inside(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .map(|row| {
            let row = row.strip_prefix('│').unwrap_or(row);
            row.strip_suffix('│').unwrap_or(row)
        })
        .collect()
}

#[test]
fn agenda_80x24() {
    let fx = demo_in_japanese();
    let app = agenda(&fx);
    let backend = fx.draw(&app, SMALL);
    check_no_hidden_glyphs(backend.buffer(), "agenda at 80x24");
    let screen = screen_text(backend.buffer());
    assert!(screen.contains(" Agenda · "), "{screen}");
    assert!(screen.contains("Check-ins ("), "{screen}");
    assert!(
        screen.contains(" AGENDA "),
        "the status bar says where we are"
    );
    insta::assert_snapshot!("agenda_80x24", backend);
}

#[test]
fn agenda_160x45() {
    let fx = demo_in_japanese();
    let app = agenda(&fx);
    let backend = fx.draw(&app, WIDE);
    check_no_hidden_glyphs(backend.buffer(), "agenda at 160x45");
    insta::assert_snapshot!("agenda_160x45", backend);
}

/// Every line of an item after its first starts under the title's first character, Japanese
/// titles included, and no line is wider than the pane.
#[test]
fn items_wrap_under_the_title() {
    let fx = demo_in_japanese();
    let mut app = agenda(&fx);
    // Down to the end, so every item has been on screen at some point.
    let count = app.agenda.as_ref().unwrap().items.len();
    let mut japanese = 0;
    for _ in 0..count {
        let screen = screen_text(fx.draw(&app, SMALL).buffer());
        let rows = inside(&screen);
        let width = rows[1].width();
        for row in &rows[1..rows.len() - 2] {
            assert!(row.width() <= width, "{row:?} overflows:\n{screen}");
            let indent = row.len() - row.trim_start().len();
            let text = row.trim_start();
            let is_heading = indent == 0 && !text.is_empty();
            assert!(
                is_heading || text.is_empty() || indent == 2 || indent == 11,
                "{row:?} is neither a heading, a title nor under one:\n{screen}"
            );
            if indent == 11 && text.chars().any(|c| c > '\u{3000}') {
                japanese += 1;
            }
        }
        let agenda = app.agenda.as_ref().unwrap();
        let title: String = agenda.items[agenda.cursor].title.chars().take(16).collect();
        assert!(screen.contains(&title), "{title:?} is in view:\n{screen}");
        fx.act(&mut app, Action::Down);
    }
    assert!(japanese > 0, "some wrapped or reason line is Japanese");
}

/// A client in good standing: contacted today by a manager and a developer.
fn all_in_hand(fx: &Fixture) {
    let at = fx.now - Duration::hours(2);
    let client = Client {
        id: ClientId::new_at(1),
        name: "Calm Waters Oy".into(),
        created: fx.now - Duration::days(10),
        ..Client::default()
    };
    fx.store.put_client(&client).unwrap();
    let mut people = Vec::new();
    for (i, (name, role)) in [("Aino Laine", Role::Manager), ("Eero Koski", Role::Other)]
        .into_iter()
        .enumerate()
    {
        let person = Person {
            id: PersonId::new_at(10 + i as u64),
            client: client.id,
            name: name.into(),
            role,
            created: client.created,
            ..Person::default()
        };
        fx.store.put_person(&person).unwrap();
        people.push(person.id);
    }
    let call = Event {
        id: EventId::new_at(100),
        client: client.id,
        people,
        at,
        kind: Kind::Call,
        text: "all well".into(),
        created: at,
        ..Event::default()
    };
    fx.store.add_event(&call, fx.now).unwrap();
}

#[test]
fn nothing_due_says_so_calmly() {
    let fx = Fixture::empty();
    all_in_hand(&fx);
    let app = agenda(&fx);
    assert!(app.agenda.as_ref().unwrap().items.is_empty());
    let backend = fx.draw(&app, SMALL);
    let screen = screen_text(backend.buffer());
    assert!(screen.contains("Nothing due — "), "{screen}");
    insta::assert_snapshot!("agenda_empty_80x24", backend);
}

/// `z` on the first item: the box asks for how long, says what the typed duration reads as,
/// and the status bar names its keys.
#[test]
fn snooze_box_80x24() {
    let fx = demo_in_japanese();
    let mut app = agenda(&fx);
    fx.press(&mut app, "z");
    fx.key(&mut app, rapport::config::KeyCode::Tab);
    let backend = fx.draw(&app, SMALL);
    let screen = screen_text(backend.buffer());
    assert!(screen.contains("off the agenda through "), "{screen}");
    assert!(screen.contains(" SNOOZE "), "{screen}");
    insta::assert_snapshot!("snooze_box_80x24", backend);
}
