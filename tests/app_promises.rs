//! `K` and `B` on an open promise in the dashboard's timeline, and `u` taking the mark back,
//! driven through `App` against the demo workspace with the pinned clock.

use rapport::app::{App, Pane};
use rapport::config::Action;
use rapport::model::{Event, Outcome};

use crate::dashboard;
use dashboard::{check_no_hidden_glyphs, Fixture};

/// The status bar's message.
fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or_default()
}

impl Fixture {
    /// The demo on `alias`, the timeline focused and its cursor on the first open promise.
    fn on_open_promise(&self, alias: &str) -> App {
        let mut app = self.on(alias);
        self.acts(&mut app, &[Action::NextPane, Action::NextPane]);
        assert_eq!(app.focus, Pane::Timeline);
        while !self.selected(&app).is_open_promise() {
            let before = app.selected.timeline.cursor;
            self.act(&mut app, Action::Down);
            assert_ne!(app.selected.timeline.cursor, before, "no open promise");
        }
        app
    }

    fn selected(&self, app: &App) -> Event {
        let timeline = &app.selected.timeline;
        timeline.rows[timeline.cursor].event.clone()
    }

    fn open_promises(&self, app: &App) -> usize {
        let client = app.current().unwrap().client.id;
        self.store.summary(client).unwrap().open_promises.len()
    }
}

// Drawn once, on the bare store: its snapshot is named after this module.
#[test]
fn the_kept_promise_row_as_drawn() {
    let fx = Fixture::demo();
    let mut app = fx.on_open_promise("hoshizora");
    fx.act(&mut app, Action::Kept);
    let backend = fx.draw(&app, (80, 24));
    check_no_hidden_glyphs(backend.buffer(), "kept promise");
    insta::assert_snapshot!("kept_promise_80x24", backend);
}

// On the bare store and through the store process, as the dashboard runs.
both_stores! {
    #[test]
    fn kept_marks_the_promise_moves_trust_and_refreshes_the_panes() {
        let fx = Fixture::demo();
        let mut app = fx.on_open_promise("hoshizora");
        let promise = fx.selected(&app);
        let open_before = fx.open_promises(&app);
        let raw_before = app.current().unwrap().summary.trust.raw;
        fx.act(&mut app, Action::Kept);

        let delta = fx.config.promise_delta(Outcome::Kept);
        assert_eq!(
            message(&app),
            format!("Promise kept · trust {delta:+} · u takes it back")
        );
        let stored = fx.stored(&promise);
        let info = stored.promise.clone().unwrap();
        assert_eq!(info.outcome, Some(Outcome::Kept));
        let outcome = fx
            .store
            .event(info.outcome_event.expect("an outcome event"))
            .unwrap()
            .unwrap();
        assert_eq!(outcome.resolves, Some(promise.id));
        assert_eq!(outcome.trust, delta);
        assert_eq!(outcome.text, format!("Kept: {}", promise.text));
        // The clients pane and the timeline show it at once; the cursor stays on the promise.
        assert_eq!(fx.open_promises(&app), open_before - 1);
        let row = app.current().unwrap();
        assert_eq!(row.summary.trust.raw, raw_before + i64::from(delta));
        assert_eq!(fx.selected(&app).id, promise.id);
        assert!(!fx.selected(&app).is_open_promise());
        assert!(app
            .selected
            .timeline
            .rows
            .iter()
            .any(|r| r.event.id == outcome.id));

        // A second K on the same row: it is no longer open, and nothing more is written.
        fx.act(&mut app, Action::Kept);
        assert!(
            message(&app).contains("mark an open promise"),
            "{}",
            message(&app)
        );
        assert_eq!(fx.stored(&promise), stored);
    }

    #[test]
    fn broken_then_undo_leaves_the_promise_open_as_before() {
        let fx = Fixture::demo();
        let mut app = fx.on_open_promise("nordpay");
        let promise = fx.selected(&app);
        let open_before = fx.open_promises(&app);
        let raw_before = app.current().unwrap().summary.trust.raw;
        fx.act(&mut app, Action::Broken);
        let delta = fx.config.promise_delta(Outcome::Broken);
        assert!(message(&app).starts_with(&format!("Promise broken · trust {delta:+}")));
        let outcome_id = fx.stored(&promise).promise.unwrap().outcome_event.unwrap();

        fx.act(&mut app, Action::Undo);
        let client = app.current().unwrap().client.name.clone();
        assert!(
            message(&app).starts_with(&format!("the promise on {client} is open again: ‘")),
            "{}",
            message(&app)
        );
        assert_eq!(fx.stored(&promise), promise, "the promise is as it was");
        let outcome = fx.store.event(outcome_id).unwrap().unwrap();
        assert!(!outcome.is_live(), "the outcome is a tombstone");
        assert_eq!(fx.open_promises(&app), open_before);
        assert_eq!(app.current().unwrap().summary.trust.raw, raw_before);
        assert_eq!(fx.selected(&app).id, promise.id);
        assert!(fx.selected(&app).is_open_promise());
        // Once is enough.
        fx.act(&mut app, Action::Undo);
        assert!(
            message(&app).starts_with("nothing to undo"),
            "{}",
            message(&app)
        );
    }

    #[test]
    fn elsewhere_the_keys_say_what_they_are_for_and_write_nothing() {
        let fx = Fixture::demo();
        // The clients pane focused: the timeline's row is not what the user is looking at.
        let mut app = fx.on("hoshizora");
        let before = fx.store.summary(app.current().unwrap().client.id).unwrap();
        fx.act(&mut app, Action::Kept);
        assert_eq!(
            message(&app),
            "K and B mark an open promise: select one in the timeline"
        );
        // The timeline focused, on a chat.
        fx.acts(&mut app, &[Action::NextPane, Action::NextPane]);
        assert!(!fx.selected(&app).is_open_promise());
        fx.act(&mut app, Action::Broken);
        assert!(message(&app).starts_with("K and B mark an open promise"));
        let after = fx.store.summary(app.current().unwrap().client.id).unwrap();
        assert_eq!(before, after);
    }

}
