//! `e` on a timeline event: the note box opens on the event in the inline syntax, Enter saves
//! an edit (the store keeps the version it replaces), Esc leaves it, `u` takes it back; the
//! client's own draft is never touched by an edit box.

use chrono::NaiveDate;
use rapport::app::capture::Capture;
use rapport::app::{App, Pane};
use rapport::config::{Action, KeyCode};
use rapport::model::{Event, Kind};
use rapport::search::Query;

use crate::dashboard;
use dashboard::{screen_text, Fixture};

impl Fixture {
    /// `n`, `text`, Enter, then the timeline focused on the saved note.
    pub(crate) fn noted(&self, app: &mut App, text: &str) -> Event {
        self.act(app, Action::Capture);
        self.typed(app, text);
        self.key(app, KeyCode::Enter);
        while app.focus != Pane::Timeline {
            self.act(app, Action::NextPane);
        }
        let row = &app.selected.timeline.rows[app.selected.timeline.cursor];
        row.event.clone()
    }
}

both_stores! {
    #[test]
    fn e_opens_the_event_in_the_syntax_and_enter_saves_an_edit() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let note = fx.noted(&mut app, "call: failover went fine +1 #db 45m");
        let events_before = app.current().unwrap().summary.event_count;
        fx.act(&mut app, Action::Edit);
        let editing = app.overlays.get::<Capture>().and_then(|c| c.editing.as_ref());
        assert_eq!(editing.map(|e| e.title.as_str()), Some("Edit call of 23 Nov 12:00"));
        assert_eq!(
            fx.text(&app),
            "call: failover went fine #db +1 45m at:2026-11-23_12:00"
        );
        let screen = screen_text(fx.draw(&app, (120, 40)).buffer());
        assert!(screen.contains("Edit call of 23 Nov 12:00"), "{screen}");

        fx.typed(&mut app, " #ops +2");
        // `+1` and `+2` are two trusts: asked about, as a note would be; fix it instead.
        fx.key(&mut app, KeyCode::Enter);
        assert!(app.overlays.get::<Capture>().unwrap().question.is_some());
        fx.press(&mut app, "esc");
        for _ in 0..3 {
            fx.press(&mut app, "backspace");
        }
        fx.key(&mut app, KeyCode::Enter);
        assert!(!app.overlays.is_open::<Capture>(), "{:?}", app.message);
        let message = app.message.clone().unwrap();
        assert!(message.starts_with("edited the call of 23 Nov 12:00 (2 versions)"), "{message}");

        let now = fx.stored(&note);
        assert_eq!(now.tags, ["db", "ops"]);
        assert_eq!((now.text.as_str(), now.trust, now.minutes), ("failover went fine", 1, Some(45)));
        assert_eq!(now.at, note.at, "the time stays, to the millisecond");
        assert_eq!(now.edited.map(|e| e.versions()), Some(2));
        let versions = fx.store.event_versions(note.id).unwrap();
        assert_eq!(versions.len(), 1);
        assert_eq!(versions[0].event, note);
        assert_eq!(app.current().unwrap().summary.event_count, events_before, "no new note");
        assert!(fx.store.drafts().unwrap().is_empty(), "an edit is no draft");
        let screen = screen_text(fx.draw(&app, (160, 45)).buffer());
        assert!(screen.contains("edited 23 Nov 12:00 (2 versions)"), "{screen}");
    }

    #[test]
    fn esc_leaves_the_event_and_the_clients_draft_as_they_were() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let note = fx.noted(&mut app, "call: failover went fine +1");
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "licence summary sent?");
        fx.press(&mut app, "esc");
        fx.act(&mut app, Action::Edit);
        fx.typed(&mut app, " and more");
        app.write_draft(&fx.env());
        fx.press(&mut app, "esc");
        assert_eq!(app.message.as_deref(), Some("the call is unchanged"));
        assert_eq!(fx.stored(&note), note);
        assert!(fx.store.event_versions(note.id).unwrap().is_empty());
        let drafts = fx.store.drafts().unwrap();
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].text, "licence summary sent?");
        fx.act(&mut app, Action::Capture);
        assert_eq!(fx.text(&app), "licence summary sent?", "the draft continues");
        assert!(app.overlays.get::<Capture>().unwrap().editing.is_none());
    }

    #[test]
    fn u_puts_the_previous_version_back_as_another_edit() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let note = fx.noted(&mut app, "call: failover went fine +1");
        let trust = app.current().unwrap().trust;
        fx.act(&mut app, Action::Edit);
        for _ in fx.text(&app).chars() {
            fx.press(&mut app, "backspace");
        }
        fx.typed(&mut app, "call: failover failed -3");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(fx.stored(&note).trust, -3);
        assert!(app.current().unwrap().trust < trust, "the summary follows the edit");
        fx.act(&mut app, Action::Undo);
        let message = app.message.clone().unwrap();
        assert_eq!(message, "undid the edit of the call on Lumikko Retail Oy: ‘failover went fine’");
        let back = fx.stored(&note);
        assert_eq!((back.text.as_str(), back.trust), ("failover went fine", 1));
        assert_eq!(fx.store.event_versions(note.id).unwrap().len(), 2, "history kept");
        assert!((app.current().unwrap().trust - trust).abs() < 1e-9);
        assert!(fx.store.check(fx.now, false).unwrap().is_empty());
    }

    #[test]
    fn an_edit_that_adds_a_due_sentence_to_a_call_saves_the_promise_with_it_and_u_takes_both_back() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let call = fx.noted(&mut app, "call: failover went fine +1");
        let client = call.client;
        let open = |fx: &Fixture| fx.store.summary(client).unwrap().open_promises.len();
        let open_before = open(&fx);
        fx.act(&mut app, Action::Edit);
        for _ in fx.text(&app).chars() {
            fx.press(&mut app, "backspace");
        }
        fx.typed(&mut app, "call: failover went fine. I will send the quokka runbook due:2026-11-27 +1");
        let preview = app.overlays.get::<Capture>().unwrap().preview.summary.clone();
        assert_eq!(preview, "call · +1 · promise due Fri 2026-11-27: I will send the quokka runbook");
        fx.key(&mut app, KeyCode::Enter);
        assert!(!app.overlays.is_open::<Capture>(), "{:?}", app.message);
        let message = app.message.clone().unwrap();
        assert!(
            message.starts_with("edited the call of 23 Nov 12:00 (2 versions) and made 1 promise in it"),
            "{message}"
        );

        let edited = fx.stored(&call);
        assert_eq!(edited.text, "failover went fine. I will send the quokka runbook");
        assert_eq!((edited.kind, edited.promise.clone()), (Kind::Call, None), "the call stays a call");
        assert_eq!(fx.store.event_versions(call.id).unwrap()[0].event, call, "the old version kept");
        let events = fx.store.events_page(client, None, 5).unwrap().events;
        let promise = events.iter().find(|e| e.made_in == Some(call.id)).expect("the promise");
        assert_eq!(
            (promise.kind, promise.text.as_str(), promise.at, promise.created),
            (Kind::Promise, "I will send the quokka runbook", call.at, fx.now)
        );
        assert_eq!(promise.promise.as_ref().unwrap().due, NaiveDate::from_ymd_opt(2026, 11, 27));
        assert_eq!(open(&fx), open_before + 1, "the summary holds it");
        let found = fx.store.search(&Query::new("quokka")).unwrap().notes.len();
        assert_eq!(found, 2, "the call and the promise are both in the note index");
        assert!(fx.store.check(fx.now, false).unwrap().is_empty());
        let screen = screen_text(fx.draw(&app, (160, 45)).buffer());
        assert!(screen.contains("I will send the quokka runbook"), "{screen}");

        // Editing it again does not make the promise twice: the stored text has no `due:`.
        fx.act(&mut app, Action::Edit);
        assert!(!fx.text(&app).contains("due:"), "{}", fx.text(&app));
        fx.press(&mut app, "esc");

        fx.act(&mut app, Action::Undo);
        let message = app.message.clone().unwrap();
        assert_eq!(
            message,
            "undid the edit of the call on Lumikko Retail Oy: ‘failover went fine’, and removed \
             the promise made in it"
        );
        assert_eq!(fx.stored(&call).text, "failover went fine");
        assert!(fx.store.event(promise.id).unwrap().unwrap().deleted.is_some());
        assert_eq!(open(&fx), open_before);
        assert!(fx.store.check(fx.now, false).unwrap().is_empty());
    }

    #[test]
    fn a_due_alone_added_to_a_call_promises_the_whole_call() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let call = fx.noted(&mut app, "call: Anna wants the upgrade plan +1");
        fx.act(&mut app, Action::Edit);
        fx.typed(&mut app, " due:2026-11-27");
        fx.key(&mut app, KeyCode::Enter);
        let message = app.message.clone().unwrap();
        assert!(message.starts_with("made 1 promise in the call of 23 Nov 12:00"), "{message}");
        assert_eq!(fx.stored(&call), call, "the call itself is unchanged, no version");
        assert!(fx.store.event_versions(call.id).unwrap().is_empty());
        let events = fx.store.events_page(call.client, None, 5).unwrap().events;
        let promise = events.iter().find(|e| e.made_in == Some(call.id)).expect("the promise");
        assert_eq!(promise.text, "Anna wants the upgrade plan");

        fx.act(&mut app, Action::Undo);
        assert!(fx.store.event(promise.id).unwrap().unwrap().deleted.is_some());
        assert_eq!(fx.stored(&call), call, "no earlier version was put back");
    }
}
