//! Drafts in the dashboard: a blank box leaves none, a call lasts as long as it was typed in,
//! a restored draft waits for `n` instead of taking the first keys, and Ctrl-D discards one
//! after asking. Driven through `App` against the demo workspace and a pinned clock.

use chrono::Duration;
use rapport::app::capture::Capture;
use rapport::app::App;
use rapport::app::Confirm;
use rapport::config::{Action, KeyCode};
use rapport::model::{Draft, Kind};

use crate::dashboard;
use dashboard::Fixture;

fn message(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

fn title_minutes(app: &App) -> (i64, bool) {
    let call = app.overlays.get::<Capture>().unwrap().call.expect("a call");
    (call.minutes, call.ended.is_some())
}

both_stores! {
    #[test]
    fn an_empty_call_box_leaves_no_draft_and_no_timer() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let lumikko = app.current().unwrap().client.id;
        fx.act(&mut app, Action::Call);
        // The loop writes the draft when typing pauses: a blank call is none.
        app.write_draft(&fx.env());
        fx.press(&mut app, "esc");
        assert_eq!(message(&app), "closed");
        assert!(fx.store.drafts().unwrap().is_empty());
        assert!(!app.has_draft(lumikko));
        fx.now += Duration::minutes(3);
        fx.act(&mut app, Action::Capture);
        let capture = app.overlays.get::<Capture>().unwrap();
        assert_eq!(capture.call, None, "a note, not the old call");
        assert_eq!(app.next_call_minute(fx.now), None, "no timer");

        // Typed and emptied again: the same.
        fx.press(&mut app, "esc");
        fx.act(&mut app, Action::Call);
        fx.typed(&mut app, "ab");
        app.write_draft(&fx.env());
        assert_eq!(fx.store.drafts().unwrap().len(), 1);
        fx.press(&mut app, "backspace");
        fx.press(&mut app, "backspace");
        app.write_draft(&fx.env());
        assert!(fx.store.drafts().unwrap().is_empty(), "removed once blank");
        fx.press(&mut app, "esc");
        fx.act(&mut app, Action::Capture);
        assert_eq!(app.overlays.get::<Capture>().unwrap().call, None);
    }

    #[test]
    fn a_blank_draft_left_by_an_older_version_is_removed_at_start() {
        let fx = Fixture::demo();
        let app = fx.on("lumikko");
        let client = app.current().unwrap().client.id;
        fx.store
            .put_draft(&Draft {
                client,
                text: " \n".into(),
                call_started: Some(fx.now - Duration::hours(5)),
                written: fx.now - Duration::hours(5),
                ..Draft::default()
            })
            .unwrap();
        let mut app = fx.app();
        app.restore_drafts(&fx.env()).unwrap();
        assert!(fx.store.drafts().unwrap().is_empty());
        assert!(!app.has_draft(client) && app.message.is_none());
    }

    #[test]
    fn a_call_lasts_as_long_as_it_was_typed_in() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let started = fx.now;
        fx.act(&mut app, Action::Call);
        fx.now += Duration::minutes(1);
        fx.typed(&mut app, "@Pekka on the line");
        fx.now += Duration::minutes(9);
        fx.typed(&mut app, ", renewal slips");
        fx.now += Duration::seconds(20);
        fx.press(&mut app, "esc");
        let draft = &fx.store.drafts().unwrap()[0];
        assert_eq!(
            (draft.typed_first, draft.typed_last),
            (Some(started + Duration::minutes(1)), Some(started + Duration::minutes(10)))
        );
        // Forty minutes later the call is still ten minutes long, and lines added are not in it.
        fx.now += Duration::minutes(40);
        fx.act(&mut app, Action::Capture);
        assert_eq!(title_minutes(&app), (10, true));
        assert_eq!(app.next_call_minute(fx.now), None, "no timer runs");
        fx.press(&mut app, "ctrl-j");
        fx.typed(&mut app, "afterthought");
        assert_eq!(title_minutes(&app), (10, true));
        fx.key(&mut app, KeyCode::Enter);
        let client = app.current().unwrap().client.id;
        let call = fx.store.events_page(client, None, 1).unwrap().events.remove(0);
        assert_eq!((call.kind, call.at, call.minutes), (Kind::Call, started, Some(10)));
        assert_eq!(call.text, "Pekka on the line, renewal slips\nafterthought");
    }

    #[test]
    fn a_call_draft_restored_hours_later_uses_its_typed_span() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let started = fx.now;
        fx.act(&mut app, Action::Call);
        fx.typed(&mut app, "on the line");
        fx.now += Duration::minutes(25);
        fx.typed(&mut app, "!");
        app.write_draft(&fx.env());
        // The dashboard dies with the box open; the next start is hours later.
        drop(app);
        fx.now += Duration::hours(4);
        let mut app = fx.app();
        app.restore_drafts(&fx.env()).unwrap();
        fx.act(&mut app, Action::Capture);
        assert_eq!(title_minutes(&app), (25, true));
        fx.key(&mut app, KeyCode::Enter);
        let client = app.current().unwrap().client.id;
        let call = fx.store.events_page(client, None, 1).unwrap().events.remove(0);
        assert_eq!((call.at, call.minutes), (started, Some(25)));
    }

    #[test]
    fn a_restored_draft_waits_for_n_and_is_named_and_marked() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let lumikko = app.current().unwrap().client.id;
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "licence summary");
        fx.press(&mut app, "esc");
        drop(app);

        let mut app = fx.app();
        app.restore_drafts(&fx.env()).unwrap();
        assert!(!app.modal(), "no box takes the first keys");
        assert_eq!(
            message(&app),
            "draft for Lumikko Retail Oy — n continues, ctrl-d discards"
        );
        assert_eq!(app.current().unwrap().client.id, lumikko);
        assert!(app.has_draft(lumikko));
        // `j` moves, as on any start.
        fx.press(&mut app, "j");
        assert_ne!(app.current().unwrap().client.id, lumikko);
        fx.press(&mut app, "k");
        fx.act(&mut app, Action::Capture);
        let capture = app.overlays.get::<Capture>().unwrap();
        assert_eq!(capture.editor.text(), "licence summary");
        assert!(capture.notice.as_deref().unwrap().starts_with("Restored"));
    }

    #[test]
    fn ctrl_d_discards_a_draft_after_asking() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let lumikko = app.current().unwrap().client.id;
        fx.act(&mut app, Action::Call);
        fx.typed(&mut app, "wrong client");
        // From the box: a no brings the box back as it was, call still on.
        fx.press(&mut app, "ctrl-d");
        let question = app.overlays.get::<Confirm>().expect("asked").question.clone();
        assert_eq!(question, "Discard the draft for Lumikko Retail Oy? Its text is lost. y/n");
        assert_eq!(fx.store.drafts().unwrap().len(), 1, "written while asked");
        fx.press(&mut app, "n");
        assert_eq!(message(&app), "kept the draft");
        let capture = app.overlays.get::<Capture>().expect("the box is back");
        assert_eq!(capture.editor.text(), "wrong client");
        assert_eq!(title_minutes(&app), (0, false));
        fx.press(&mut app, "ctrl-d");
        fx.press(&mut app, "y");
        assert_eq!(message(&app), "discarded the draft for Lumikko Retail Oy");
        assert!(!app.overlays.is_open::<Capture>() && !app.has_draft(lumikko));
        assert!(fx.store.drafts().unwrap().is_empty());

        // From the main view, on the selected client.
        fx.press(&mut app, "ctrl-d");
        assert_eq!(message(&app), "no draft for Lumikko Retail Oy");
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "again");
        fx.press(&mut app, "esc");
        fx.press(&mut app, "ctrl-d");
        assert!(app.overlays.is_open::<Confirm>());
        fx.press(&mut app, "esc");
        assert!(app.has_draft(lumikko) && !app.overlays.is_open::<Capture>());
        fx.press(&mut app, "ctrl-d");
        fx.press(&mut app, "y");
        assert!(!app.has_draft(lumikko));
        assert!(fx.store.drafts().unwrap().is_empty());
    }
}
