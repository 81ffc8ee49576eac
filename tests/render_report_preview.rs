//! The report preview (`R`): the client's report exactly as `rapport report` writes it (private
//! lines and notes and call stamps absent), scrolled event by event, where `x` leaves the
//! selected event out of the report or puts it back (the store call `report --leave-out`
//! makes) and `u` takes that back. Regenerate after an intended change:
//! `INSTA_UPDATE=always cargo test --test ui render_report_preview`, then read the `.snap`.

use chrono::Duration;
use rapport::app::mouse::{Hits, Mouse, Pointer};
use rapport::app::overlay::Kind as Overlay;
use rapport::app::report_preview::ReportPreview;
use rapport::app::App;
use rapport::config::Action;
use rapport::model::{Client, ClientId, Event, EventId, Kind};
use rapport::report;

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, screen_text, Fixture};

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

/// The ids of the fixture's client and events.
struct Ids {
    client: ClientId,
    call: EventId,
    win: EventId,
    advice: EventId,
}

/// 株式会社ほしぞら with a call holding a private line and a call stamp, a win, a private
/// note and an advice, all within the report's 90 days.
fn hoshizora() -> (Fixture, Ids) {
    let fx = Fixture::empty();
    let client = Client {
        id: ClientId::new_at(1),
        name: "株式会社ほしぞら".into(),
        created: fx.now - Duration::days(200),
        ..Client::default()
    };
    fx.store.put_client(&client).unwrap();
    let event = |n: u64, days_ago: i64, kind, text: &str, minutes| Event {
        id: EventId::new_at(n),
        client: client.id,
        at: fx.now - Duration::days(days_ago),
        kind,
        text: text.into(),
        minutes,
        created: fx.now - Duration::days(days_ago),
        ..Event::default()
    };
    let mut private = event(12, 8, Kind::Note, "tired, new baby", None);
    private.private = true;
    let call = "移行計画を相談した🚀\n🔒 部長は転職を考えている\n[+3m] replication lag fixed";
    let events = [
        event(10, 20, Kind::Call, call, Some(45)),
        event(11, 10, Kind::Win, "Cutover done 🎉 本番移行完了", None),
        event(13, 5, Kind::Advice, "index on orders(created_at)", Some(15)),
        private,
    ];
    for e in &events {
        fx.store.add_event(e, fx.now).unwrap();
    }
    let ids = Ids {
        client: client.id,
        call: events[0].id,
        win: events[1].id,
        advice: events[2].id,
    };
    (fx, ids)
}

/// What `rapport report 株式会社ほしぞら` prints: the same read, signature and layout.
fn sent(fx: &Fixture, ids: &Ids) -> String {
    let client = fx.store.client(ids.client).unwrap().unwrap();
    let today = report::local_day(fx.now);
    let since = today - chrono::Days::new(report::DEFAULT_DAYS);
    let read = report::read(&*fx.store, &client, since, fx.now).unwrap();
    report::markdown(&report::sign(read, &fx.config.report, client.lang))
}

fn preview(app: &App) -> &ReportPreview {
    app.overlays
        .get::<ReportPreview>()
        .expect("the preview is open")
}

fn selected(app: &App) -> Option<EventId> {
    preview(app).selected().map(|(id, _)| id)
}

fn unreported(fx: &Fixture, id: EventId) -> bool {
    fx.store.event(id).unwrap().unwrap().unreported
}

// Through the store process too, as the dashboard reaches its store.
both_stores! {
    #[test]
    fn r_shows_the_report_as_sent_and_x_leaves_an_event_out_or_puts_it_back() {
        let (fx, ids) = hoshizora();
        let mut app = fx.app();
        fx.act(&mut app, Action::ReportPreview);
        assert_eq!(app.overlay(), Some(Overlay::ReportPreview));
        let shown: Vec<String> = (preview(&app).lines.iter())
            .map(|l| l.text.clone())
            .collect();
        let text = sent(&fx, &ids);
        assert_eq!(
            shown,
            text.lines().collect::<Vec<_>>(),
            "the exact words sent"
        );
        for absent in ["部長", "[+3m]", "tired"] {
            assert!(
                !text.contains(absent),
                "{absent} is not in the report:\n{text}"
            );
        }
        assert!(text.contains("replication lag fixed") && text.contains("index on orders"));

        // The cursor goes from event to event: the call, the advice (work, oldest first), the win.
        assert_eq!(selected(&app), Some(ids.call));
        fx.press(&mut app, "j");
        assert_eq!(selected(&app), Some(ids.advice));

        fx.press(&mut app, "x");
        assert!(
            unreported(&fx, ids.advice),
            "saved as the mark --leave-out sets"
        );
        assert!(
            !sent(&fx, &ids).contains("index on orders"),
            "rapport report leaves it out"
        );
        let p = preview(&app);
        assert!(
            (p.lines.iter()).any(|l| l.left_out && l.text.contains("index on orders")),
            "the preview lists it apart, to put back: {:?}",
            p.lines
        );
        assert!(
            !(p.lines.iter()).any(|l| !l.left_out && l.text.contains("index on orders")),
            "and refreshed in place"
        );
        let message = app.message.clone().unwrap_or_default();
        assert!(message.contains("left the advice of"), "{message}");

        fx.press(&mut app, "u");
        assert!(!unreported(&fx, ids.advice), "u takes the mark back");
        assert!(sent(&fx, &ids).contains("index on orders"));
        assert_eq!(app.overlay(), Some(Overlay::ReportPreview), "still open");
        assert_eq!(selected(&app), Some(ids.advice), "on the event again");

        // Left out again, then put back from the list of what was left out (the last line).
        fx.press(&mut app, "x");
        fx.press(&mut app, "G");
        assert_eq!(preview(&app).selected(), Some((ids.advice, true)));
        fx.press(&mut app, "x");
        assert!(!unreported(&fx, ids.advice));
        assert!(sent(&fx, &ids).contains("index on orders"), "put back");
        let versions = fx.store.event_versions(ids.advice).unwrap();
        assert_eq!(versions.len(), 4, "each mark is an edit, with its history");

        fx.press(&mut app, "q");
        assert_eq!(
            app.overlay(),
            None,
            "q closes the preview, it does not quit"
        );
        assert!(!app.quit);
        fx.act(&mut app, Action::ReportPreview);
        fx.press(&mut app, "esc");
        assert_eq!(app.overlay(), None);
    }
}

#[test]
fn the_preview_at_both_sizes_with_an_event_left_out() {
    let (fx, ids) = hoshizora();
    let mut app = fx.app();
    fx.act(&mut app, Action::ReportPreview);
    fx.press(&mut app, "j");
    fx.press(&mut app, "j");
    assert_eq!(selected(&app), Some(ids.win));
    fx.press(&mut app, "x");
    assert!(unreported(&fx, ids.win));
    fx.press(&mut app, "g");
    for size in [SMALL, LARGE] {
        let backend = fx.frame(&mut app, size);
        let name = format!("report_preview_{}x{}", size.0, size.1);
        check_no_hidden_glyphs(backend.buffer(), &name);
        let screen = screen_text(backend.buffer());
        assert!(screen.contains("Report for 株式会社ほしぞら"), "{screen}");
        assert!(
            screen.contains(" REPORT "),
            "the status bar says where we are"
        );
        assert!(!screen.contains("部長"), "{screen}");
        insta::assert_snapshot!(name, backend);
    }
}

#[test]
fn the_preview_scrolls_to_its_end_and_no_further() {
    let (fx, ids) = hoshizora();
    let mut app = fx.app();
    fx.act(&mut app, Action::ReportPreview);
    fx.frame(&mut app, (80, 14));
    fx.press(&mut app, "G");
    let top = preview(&app).top;
    assert!(top > 0, "the report is longer than 14 rows");
    fx.press(&mut app, "j");
    fx.press(&mut app, "pgdn");
    assert_eq!(preview(&app).top, top, "never past the end");
    let screen = screen_text(fx.frame(&mut app, (80, 14)).buffer());
    assert!(screen.contains(" end · "), "{screen}");
    fx.press(&mut app, "g");
    assert_eq!(preview(&app).top, 0);
    assert_eq!(selected(&app), Some(ids.call));
    // The wheel scrolls it too, a line a step, and stops at the end as the keys do.
    let wheel = |app: &mut App, pointer| {
        let mouse = Mouse {
            pointer,
            column: 20,
            row: 5,
        };
        app.mouse(mouse, &Hits::default(), &fx.env()).unwrap();
    };
    wheel(&mut app, Pointer::WheelDown);
    assert_eq!(preview(&app).top, 1);
    for _ in 0..100 {
        wheel(&mut app, Pointer::WheelDown);
    }
    assert_eq!(preview(&app).top, top);
}
