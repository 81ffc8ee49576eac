//! The day's log (`L`): today's events of every client, oldest first, with the client's name,
//! scrolled with the moving keys and closed with Esc or `q`. Regenerate after an intended
//! change: `INSTA_UPDATE=always cargo test --test ui render_day_log`, then read the `.snap`.

use chrono::Duration;
use rapport::app::day_log::DayLog;
use rapport::app::overlay::Kind as Overlay;
use rapport::config::Action;
use rapport::model::{Client, ClientId, Event, EventId, Kind};

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, screen_text, Fixture};

const SIZE: (u16, u16) = (80, 24);

/// Acme Oy and 株式会社ほしぞら; today a call at each, a private note at Acme, and a call
/// yesterday that must not show.
fn day() -> Fixture {
    let fx = Fixture::empty();
    let client = |n: u64, name: &str| {
        let client = Client {
            id: ClientId::new_at(n),
            name: name.into(),
            created: fx.now - Duration::days(30),
            ..Client::default()
        };
        fx.store.put_client(&client).unwrap();
        client.id
    };
    let (acme, hoshi) = (client(1, "Acme Oy"), client(2, "株式会社ほしぞら"));
    let event = |n: u64, client, hours_ago: i64, kind, text: &str, minutes| Event {
        id: EventId::new_at(n),
        client,
        at: fx.now - Duration::hours(hours_ago),
        kind,
        text: text.into(),
        minutes,
        created: fx.now,
        ..Event::default()
    };
    let mut private = event(13, acme, 1, Kind::Note, "tired, new baby", None);
    private.private = true;
    for e in [
        event(10, acme, 3, Kind::Call, "failover test went fine", Some(45)),
        event(11, hoshi, 2, Kind::Call, "移行計画を相談した🚀", Some(30)),
        event(12, acme, 20, Kind::Call, "yesterday's call", Some(60)),
        private,
    ] {
        fx.store.add_event(&e, fx.now).unwrap();
    }
    fx
}

#[test]
fn l_opens_today_across_clients_and_esc_or_q_closes_it() {
    let fx = day();
    let mut app = fx.app();
    fx.act(&mut app, Action::DayLog);
    assert_eq!(app.overlay(), Some(Overlay::DayLog));
    let log = app.overlays.get::<DayLog>().unwrap();
    let texts: Vec<&str> = log.rows.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "failover test went fine",
            "移行計画を相談した🚀",
            "tired, new baby"
        ]
    );
    assert_eq!(log.minutes(), 75);
    fx.press(&mut app, "j");
    assert_eq!(app.overlays.get::<DayLog>().unwrap().scroll, 1);
    fx.press(&mut app, "G");
    assert_eq!(app.overlays.get::<DayLog>().unwrap().scroll, 2);
    fx.press(&mut app, "q");
    assert_eq!(app.overlay(), None, "q closes the log, it does not quit");
    assert!(!app.quit);
    fx.act(&mut app, Action::DayLog);
    fx.press(&mut app, "esc");
    assert_eq!(app.overlay(), None);
}

#[test]
fn day_log_80x24() {
    let fx = day();
    let mut app = fx.app();
    fx.act(&mut app, Action::DayLog);
    let backend = fx.draw(&app, SIZE);
    check_no_hidden_glyphs(backend.buffer(), "day log at 80x24");
    let screen = screen_text(backend.buffer());
    assert!(
        screen.contains("Today · Mon 23 Nov · 3 events · 1:15 recorded"),
        "{screen}"
    );
    assert!(!screen.contains("yesterday"), "{screen}");
    assert!(
        screen.contains(" TODAY "),
        "the status bar says where we are: {screen}"
    );
    insta::assert_snapshot!("day_log_80x24", backend);
}
