//! A store that fails as a full disk does, under the note box and the forms: what is not saved
//! says so where the user looks and keeps everything typed; what was saved is not called unsaved.

use rapport::app::capture::Capture;
use rapport::app::form::Form;
use rapport::app::{App, Env};
use rapport::config::{Action, KeyCode, KeySpec};

use crate::dashboard;
use dashboard::failing::{Fail, Failing};
use dashboard::Fixture;

fn env<'a>(fx: &'a Fixture, store: &'a Failing) -> Env<'a> {
    Env {
        store,
        dir: fx.dir(),
        config: &fx.config,
        now: fx.now,
    }
}

fn keys(app: &mut App, env: &Env, text: &str) {
    for c in text.chars() {
        app.key(KeySpec::plain(KeyCode::Char(c)), env).unwrap();
    }
}

fn enter(app: &mut App, env: &Env) {
    app.key(KeySpec::plain(KeyCode::Enter), env).unwrap();
}

fn note_count(fx: &Fixture, app: &App) -> u64 {
    let client = app.current().unwrap().client.id;
    fx.store.summary(client).unwrap().event_count
}

// On the bare store and through the store process, as the dashboard runs.
both_stores! {
    #[test]
    fn a_note_the_store_refuses_says_why_in_the_box_and_keeps_the_text() {
        let fx = Fixture::demo();
        let store = Failing::new(&*fx.store);
        let env = env(&fx, &store);
        let mut app = fx.app();
        let before = note_count(&fx, &app);
        app.act(Action::Capture, &env).unwrap();
        keys(&mut app, &env, "call: disk is full +1");
        store.set(Fail::Before);
        enter(&mut app, &env);

        let capture = app.overlays.get::<Capture>().expect("the box stays open");
        assert_eq!(capture.editor.text(), "call: disk is full +1");
        let notice = capture.notice.clone().expect("the box says why");
        assert!(notice.contains("Not saved"), "{notice}");
        assert!(notice.contains("No space left on device"), "{notice}");
        let screen = dashboard::screen_text(fx.draw(&app, (100, 30)).buffer());
        assert!(screen.contains("Not saved"), "{screen}");
        assert_eq!(note_count(&fx, &app), before);

        // Room again: Enter saves it, once.
        store.set(Fail::Never);
        enter(&mut app, &env);
        assert!(!app.overlays.is_open::<Capture>(), "saved and closed");
        assert_eq!(note_count(&fx, &app), before + 1);
    }

    #[test]
    fn a_note_written_before_a_follow_up_failed_is_saved_not_kept_to_save_twice() {
        let fx = Fixture::demo();
        let store = Failing::new(&*fx.store);
        let env = env(&fx, &store);
        let mut app = fx.app();
        let before = note_count(&fx, &app);
        app.act(Action::Capture, &env).unwrap();
        keys(&mut app, &env, "call: saved anyway");
        store.set(Fail::After);
        enter(&mut app, &env);
        assert!(
            !app.overlays.is_open::<Capture>(),
            "the note is saved: the box closes"
        );
        assert_eq!(note_count(&fx, &app), before + 1);
        let message = app.message.clone().unwrap_or_default();
        assert!(message.starts_with("saved"), "{message}");
        assert!(message.contains("No space left on device"), "{message}");
    }

    #[test]
    fn a_form_tells_the_truth_about_what_was_saved() {
        let fx = Fixture::empty();
        let store = Failing::new(&*fx.store);
        let env = env(&fx, &store);
        let mut app = App::load(&env).unwrap();

        // Refused: the form stays open with the reason.
        app.act(Action::Add, &env).unwrap();
        keys(&mut app, &env, "Refused Oy");
        store.set(Fail::Before);
        enter(&mut app, &env);
        assert!(app.overlays.is_open::<Form>(), "the form stays open");
        let message = app.message.clone().unwrap_or_default();
        assert!(message.starts_with("not saved"), "{message}");
        assert!(fx.store.clients().unwrap().is_empty());

        // Written, then a follow-up failed: saved, and the follow-up's trouble said.
        store.set(Fail::After);
        enter(&mut app, &env);
        assert!(!app.overlays.is_open::<Form>(), "the record is saved: the form closes");
        let message = app.message.clone().unwrap_or_default();
        assert!(message.starts_with("saved Refused Oy"), "{message}");
        assert!(message.contains("No space left on device"), "{message}");
        assert_eq!(fx.store.clients().unwrap().len(), 1);
    }
}
