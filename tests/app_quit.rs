//! `q` quits from the main view only: in the agenda, the detail views and the help it goes
//! back, and in a popup it is a letter or a "no". With a draft waiting, quitting asks first.

use rapport::app::overlay::Help;
use rapport::app::Confirm;
use rapport::app::{App, View};
use rapport::config::Action;

use crate::dashboard;
use dashboard::Fixture;

fn question(app: &App) -> String {
    let confirm = app
        .overlays
        .get::<Confirm>()
        .expect("asked before quitting");
    confirm.question.clone()
}

both_stores! {
    #[test]
    fn q_goes_back_from_the_agenda_and_the_detail_views_and_quits_from_browse() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        fx.act(&mut app, Action::Agenda);
        assert_eq!(app.view, View::Agenda);
        fx.press(&mut app, "q");
        assert_eq!((app.view, app.quit), (View::Browse, false), "the agenda closed");
        assert!(app.agenda.is_none());
        fx.act(&mut app, Action::Open);
        assert_eq!(app.view, View::ClientDetail);
        fx.press(&mut app, "q");
        assert_eq!((app.view, app.quit), (View::Browse, false), "back from the detail");
        fx.acts(&mut app, &[Action::NextPane, Action::Open]);
        assert_eq!(app.view, View::PersonDetail);
        fx.press(&mut app, "q");
        assert_eq!((app.view, app.quit), (View::Browse, false), "back from the person");
        fx.press(&mut app, "q");
        assert!(app.quit, "the main view quits");
    }

    #[test]
    fn q_closes_help_and_only_then_quits() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        fx.press(&mut app, "?");
        fx.press(&mut app, "q");
        assert!(!app.overlays.is_open::<Help>() && !app.quit, "any key closes help, q too");
        fx.act(&mut app, Action::Agenda);
        fx.press(&mut app, "?");
        fx.press(&mut app, "q");
        assert_eq!((app.overlays.is_open::<Help>(), app.view), (false, View::Agenda), "one step back at a time");
        fx.press(&mut app, "q");
        assert_eq!(app.view, View::Browse);
        fx.press(&mut app, "q");
        assert!(app.quit);
    }

    #[test]
    fn quitting_with_a_draft_asks_first_and_no_stays() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "half a thought");
        fx.press(&mut app, "esc");
        for key in ["q", "ctrl-c"] {
            fx.press(&mut app, key);
            assert_eq!(
                question(&app),
                "Quit? The draft for Lumikko Retail Oy stays for next time. y/n",
                "{key}"
            );
            assert!(!app.quit);
            fx.press(&mut app, "n");
            assert!(!app.quit && !app.overlays.is_open::<Confirm>(), "{key}: n stays");
        }
        fx.press(&mut app, "q");
        fx.press(&mut app, "y");
        assert!(app.quit, "y quits");
        assert_eq!(fx.store.drafts().unwrap().len(), 1, "the draft is kept");
    }

    #[test]
    fn quitting_without_a_draft_does_not_ask() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        // A box closed blank leaves no draft behind.
        fx.act(&mut app, Action::Call);
        fx.press(&mut app, "esc");
        fx.press(&mut app, "q");
        assert!(app.quit && !app.overlays.is_open::<Confirm>());
    }
}
