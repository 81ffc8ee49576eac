//! `X` on a timeline event: asked first, removed as `rapport delete` removes it (an outcome
//! takes its promise's mark with it), and `u` brings it back, saying what it brought back.

use rapport::app::App;
use rapport::app::Confirm;
use rapport::config::Action;

use crate::dashboard;
use dashboard::Fixture;

fn message(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

both_stores! {
    #[test]
    fn x_on_an_event_asks_removes_and_u_brings_it_back() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let event = fx.noted(&mut app, "call: licence count agreed");

        // A no leaves it.
        fx.act(&mut app, Action::Remove);
        let question = app.overlays.get::<Confirm>().expect("asked first").question.clone();
        assert!(question.contains("Remove the call of"), "{question}");
        assert!(question.contains("‘licence count agreed’"), "{question}");
        fx.press(&mut app, "n");
        assert!(fx.stored(&event).is_live());

        fx.act(&mut app, Action::Remove);
        fx.press(&mut app, "y");
        assert!(!fx.stored(&event).is_live(), "a tombstone");
        assert!(
            message(&app).starts_with("removed the call on Lumikko Retail Oy: ‘licence count agreed’"),
            "{}",
            message(&app)
        );
        fx.act(&mut app, Action::Undo);
        assert!(fx.stored(&event).is_live(), "back");
        assert_eq!(
            message(&app),
            "restored the call on Lumikko Retail Oy: ‘licence count agreed’"
        );
    }

    #[test]
    fn removing_a_kept_outcome_reopens_its_promise_and_undo_marks_it_again() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let promise = fx.noted(&mut app, "promise: send the runbook due:fri");
        fx.act(&mut app, Action::Kept);
        assert!(!fx.stored(&promise).is_open_promise(), "kept");
        // Select the outcome, made at the same minute as the promise.
        fx.act(&mut app, Action::Top);
        let selected = |app: &App| app.selected.timeline.rows[app.selected.timeline.cursor].event.clone();
        for _ in 0..3 {
            if selected(&app).resolves == Some(promise.id) {
                break;
            }
            fx.act(&mut app, Action::Down);
        }
        let outcome = selected(&app);
        assert_eq!(outcome.resolves, Some(promise.id), "{outcome:?}");

        fx.act(&mut app, Action::Remove);
        fx.press(&mut app, "y");
        assert!(fx.stored(&promise).is_open_promise(), "open again");
        fx.act(&mut app, Action::Undo);
        assert!(fx.stored(&outcome).is_live());
        assert!(!fx.stored(&promise).is_open_promise(), "kept again");
    }
}
