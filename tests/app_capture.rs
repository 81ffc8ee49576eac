//! Note capture in the dashboard driven through `App`, as the key loop drives it, against a
//! real store holding the demo workspace and a pinned clock that the tests move by hand.

use chrono::Duration;
use rapport::app::capture::Capture;
use rapport::app::picker::NotePicker;
use rapport::app::App;
use rapport::config::{Action, KeyCode};
use rapport::model::{Event, Kind, Role};

use crate::dashboard;
use dashboard::Fixture;

/// The status bar's message begins with `start`.
fn says(app: &App, start: &str) {
    let message = app.message.as_deref().unwrap_or_default();
    assert!(message.starts_with(start), "{message:?}");
}

impl Fixture {
    /// `n`, `text`, Enter: the note as stored.
    fn saved_note(&self, app: &mut App, text: &str) -> Event {
        self.act(app, Action::Capture);
        self.typed(app, text);
        self.key(app, KeyCode::Enter);
        self.newest(app)
    }

    /// The newest event of the selected client, tombstones included.
    fn newest(&self, app: &App) -> Event {
        let client = app.current().unwrap().client.id;
        let page = self.store.events_page(client, None, 1).unwrap();
        page.events.into_iter().next().expect("an event")
    }

    fn person_id(&self, app: &App, name: &str) -> rapport::model::PersonId {
        let client = app.current().unwrap().client.id;
        let people = self.store.people(Some(client)).unwrap();
        people.iter().find(|p| p.name == name).expect(name).id
    }
}

// On the bare store and through the store process, as the dashboard runs.
both_stores! {
    #[test]
    fn typing_keeps_every_key_and_the_newline_keys_start_lines() {
        let fx = Fixture::demo();
        let mut app = fx.on("hoshizora");
        fx.act(&mut app, Action::Capture);
        assert!(app.modal(), "the box takes every key");
        // q, j and n are letters in the box, not quit, move and another box.
        fx.typed(&mut app, "qjn 移行計画 🚀");
        assert!(!app.quit);
        fx.press(&mut app, "alt-enter");
        fx.typed(&mut app, "二行目");
        fx.press(&mut app, "ctrl-j");
        fx.typed(&mut app, "three");
        // tmux may turn Shift-Enter into Enter, but a terminal that reports it gets a new line.
        fx.press(&mut app, "shift-enter");
        assert_eq!(fx.text(&app), "qjn 移行計画 🚀\n二行目\nthree\n");
        fx.press(&mut app, "backspace");
        fx.press(&mut app, "ctrl-w");
        fx.press(&mut app, "home");
        fx.typed(&mut app, "3: ");
        assert_eq!(fx.text(&app), "qjn 移行計画 🚀\n二行目\n3: ");
        // Undo and redo go a character at a time.
        fx.press(&mut app, "ctrl-z");
        fx.press(&mut app, "ctrl-u");
        assert_eq!(fx.text(&app), "qjn 移行計画 🚀\n二行目\n3");
        fx.press(&mut app, "ctrl-r");
        assert_eq!(fx.text(&app), "qjn 移行計画 🚀\n二行目\n3:");
        app.paste("貼り付け\r\nline two", &fx.env()).unwrap();
        assert_eq!(
            fx.text(&app),
            "qjn 移行計画 🚀\n二行目\n3:貼り付け\nline two"
        );
        let preview = &app.overlays.get::<Capture>().unwrap().preview;
        assert_eq!(preview.summary, "note");
    }

    #[test]
    fn esc_keeps_the_draft_and_reopening_continues_it() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let lumikko = app.current().unwrap().client.id;
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "licence summary sent?");
        fx.press(&mut app, "esc");
        assert!(!app.modal(), "closed");
        let message = app.message.clone().unwrap();
        assert!(
            message.contains("kept as a draft for Lumikko Retail Oy; n continues it"),
            "{message}"
        );
        // Written at once on Esc, not only after the pause.
        let drafts = fx.store.drafts().unwrap();
        assert_eq!(drafts.len(), 1);
        assert_eq!(
            (drafts[0].client, drafts[0].text.as_str()),
            (lumikko, "licence summary sent?")
        );

        // Another client starts empty; back on Lumikko the text is there, cursor at its end.
        fx.act(&mut app, Action::Down);
        fx.act(&mut app, Action::Capture);
        assert_eq!(fx.text(&app), "");
        fx.press(&mut app, "esc");
        assert_eq!(app.message.as_deref(), Some("closed"));
        fx.act(&mut app, Action::Up);
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, " ask Pekka");
        assert_eq!(fx.text(&app), "licence summary sent? ask Pekka");
        // Ctrl-C is a reflex: it closes like Esc and loses nothing.
        fx.press(&mut app, "ctrl-c");
        assert!(!app.quit && !app.modal());
        assert_eq!(
            fx.store.drafts().unwrap()[0].text,
            "licence summary sent? ask Pekka"
        );
    }

    #[test]
    fn enter_stores_an_event_with_the_parsed_fields() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("hoshizora");
        fx.act(&mut app, Action::Capture);
        fx.typed(
            &mut app,
            "call: ＠佐藤さん、移行計画を相談した 🚀 +1 #移行 !private",
        );
        let preview = &app.overlays.get::<Capture>().unwrap().preview;
        assert_eq!(
            preview.summary,
            "call · with 佐藤 健一 · +1 · #移行 · 🔒 private"
        );
        assert!(preview.unknown.is_empty());
        fx.key(&mut app, KeyCode::Enter);

        assert!(!app.overlays.is_open::<Capture>(), "saved and closed");
        let event = fx.newest(&app);
        assert_eq!(event.kind, Kind::Call);
        assert_eq!(event.text, "佐藤さん、移行計画を相談した 🚀");
        assert_eq!(event.people, [fx.person_id(&app, "佐藤 健一")]);
        assert_eq!((event.trust, event.private), (1, true));
        assert_eq!(event.tags, ["移行"]);
        assert_eq!((event.at, event.created), (fx.now, fx.now));
        assert_eq!(event.minutes, None, "not a call taken in call mode");
        // Shown at once, selected, with the id in the status bar.
        assert_eq!(app.selected.timeline.rows[0].event.id, event.id);
        assert_eq!(app.selected.timeline.cursor, 0);
        assert_eq!(
            app.message.as_deref(),
            Some(format!("saved call {} · u takes it back", event.id).as_str())
        );
        assert!(fx.store.drafts().unwrap().is_empty(), "the draft is gone");
        // The kind's default trust applies when the note gives none.
        fx.now += Duration::minutes(1);
        let win = fx.saved_note(&mut app, "win: 本番移行が完了");
        assert_eq!((win.kind, win.trust), (Kind::Win, 2));
    }

    #[test]
    fn nothing_to_save_keeps_the_box_open() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let before = fx.newest(&app).id;
        fx.act(&mut app, Action::Capture);
        fx.key(&mut app, KeyCode::Enter);
        says(&app, "nothing to save yet");
        fx.typed(&mut app, "call: +1 #db");
        fx.key(&mut app, KeyCode::Enter);
        let message = app.message.clone().unwrap();
        assert!(
            message.contains("empty once its syntax is read (call · +1 · #db)"),
            "{message}"
        );
        assert!(app.overlays.is_open::<Capture>());
        assert_eq!(fx.newest(&app).id, before, "nothing stored");
    }

    #[test]
    fn a_new_name_is_added_with_its_role_when_asked() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        fx.act(&mut app, Action::Capture);
        fx.typed(
            &mut app,
            "meeting: planned the cutover with @Anu and @Sato_Ken",
        );
        let preview = &app.overlays.get::<Capture>().unwrap().preview;
        assert_eq!(preview.summary, "meeting · with Anu Heikkinen, Sato Ken");
        assert_eq!(preview.unknown, ["Sato Ken"]);
        fx.key(&mut app, KeyCode::Enter);
        let question = app
            .overlays
            .get::<Capture>()
            .unwrap()
            .question
            .clone()
            .expect("asked");
        assert_eq!(question.name, "Sato Ken");
        assert!(question.text.contains("m manager · g gatekeeper · o other"));

        // A stray key is no answer; Esc goes back to the note with nobody added.
        fx.press(&mut app, "enter");
        assert!(app.overlays.get::<Capture>().unwrap().question.is_some());
        fx.press(&mut app, "esc");
        assert!(app.overlays.get::<Capture>().unwrap().question.is_none());
        assert_eq!(
            fx.text(&app),
            "meeting: planned the cutover with @Anu and @Sato_Ken"
        );

        fx.key(&mut app, KeyCode::Enter);
        fx.press(&mut app, "g");
        assert!(!app.overlays.is_open::<Capture>(), "saved after the answer");
        let sato = fx
            .store
            .people(Some(app.current().unwrap().client.id))
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Sato Ken")
            .expect("added at Lumikko");
        assert_eq!(sato.role, Role::Gatekeeper);
        let event = fx.newest(&app);
        assert_eq!(event.people, [fx.person_id(&app, "Anu Heikkinen"), sato.id]);
        assert!(app.selected.people.iter().any(|r| r.person.id == sato.id));
    }

    #[test]
    fn a_new_name_can_stay_text() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let people = fx.store.people(None).unwrap().len();
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "heard from @Liisa about the budget");
        fx.key(&mut app, KeyCode::Enter);
        fx.press(&mut app, "t");
        let event = fx.newest(&app);
        assert_eq!(event.text, "heard from Liisa about the budget");
        assert!(event.people.is_empty());
        assert_eq!(fx.store.people(None).unwrap().len(), people, "nobody added");
    }

    #[test]
    fn u_takes_the_last_note_back_for_five_minutes() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        fx.act(&mut app, Action::Undo);
        says(&app, "nothing to undo");

        let saved = fx.saved_note(&mut app, "call: wrong client, oops");
        fx.now += Duration::minutes(4);
        fx.act(&mut app, Action::Undo);
        let removed = fx.store.event(saved.id).unwrap().unwrap();
        assert_eq!(removed.deleted, Some(fx.now), "a tombstone, not gone");
        assert_eq!(
            app.message.as_deref(),
            Some(
                format!(
                    "removed the call on Lumikko Retail Oy: ‘wrong client, oops’ (`rapport \
                     restore {}` brings it back)",
                    saved.id
                )
                .as_str()
            )
        );
        // The box is open again with the note; Esc keeps it as a draft.
        fx.press(&mut app, "esc");
        assert!(app
            .selected
            .timeline
            .rows
            .iter()
            .all(|r| r.event.id != saved.id));
        fx.act(&mut app, Action::Undo);
        says(&app, "nothing to undo");

        // Past the window the note stays, and the message says how to remove it.
        let kept = fx.saved_note(&mut app, "a keeper");
        fx.now += Duration::minutes(6);
        fx.act(&mut app, Action::Undo);
        assert!(fx.store.event(kept.id).unwrap().unwrap().is_live());
        let message = app.message.clone().unwrap();
        assert!(
            message.contains(&format!("`rapport delete {}`", kept.id)),
            "{message}"
        );
    }

    #[test]
    fn a_call_is_timed_stamped_and_saved_with_its_duration() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let started = fx.now;
        fx.act(&mut app, Action::Call);
        let call = app.overlays.get::<Capture>().unwrap().call.expect("a call");
        assert_eq!((call.started, call.minutes), (started, 0));
        fx.typed(&mut app, "@Pekka on the line");
        fx.now += Duration::minutes(12) + Duration::seconds(30);
        fx.press(&mut app, "ctrl-j");
        fx.typed(&mut app, "licence renewal slips to Q3 -1");
        assert_eq!(
            fx.text(&app),
            "@Pekka on the line\n[+12m] licence renewal slips to Q3 -1"
        );
        assert_eq!(app.overlays.get::<Capture>().unwrap().call.unwrap().minutes, 12);
        // A minute passing moves the timer without a key.
        fx.now += Duration::minutes(13);
        app.tick(&fx.env()).unwrap();
        assert_eq!(app.overlays.get::<Capture>().unwrap().call.unwrap().minutes, 25);
        assert_eq!(
            app.next_call_minute(fx.now),
            Some(std::time::Duration::from_secs(30))
        );
        fx.key(&mut app, KeyCode::Enter);
        let event = fx.newest(&app);
        assert_eq!(
            event.kind,
            Kind::Call,
            "a call unless the note says otherwise"
        );
        assert_eq!(event.minutes, Some(25));
        assert_eq!(event.at, started, "it happened when the call began");
        assert_eq!(event.trust, -1);
        assert_eq!(event.people, [fx.person_id(&app, "Pekka Salonen")]);

        // The note may name another kind and its own duration.
        fx.act(&mut app, Action::Call);
        fx.now += Duration::minutes(3);
        fx.typed(&mut app, "video: screen share of the plan 45m");
        fx.key(&mut app, KeyCode::Enter);
        let video = fx.newest(&app);
        assert_eq!((video.kind, video.minutes), (Kind::Video, Some(45)));
    }

    #[test]
    fn a_promise_made_in_a_call_is_saved_with_the_call() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let started = fx.now;
        fx.act(&mut app, Action::Call);
        fx.typed(&mut app, "@Pekka on the line");
        fx.now += Duration::minutes(3);
        fx.press(&mut app, "ctrl-j");
        fx.typed(&mut app, "I will send the post-mortem doc due:fri +1");
        let preview = app.overlays.get::<Capture>().unwrap().preview.summary.clone();
        assert!(preview.starts_with("call · with Pekka Salonen · +1 · promise due "), "{preview}");
        assert!(preview.ends_with(": I will send the post-mortem doc"), "{preview}");
        fx.key(&mut app, KeyCode::Enter);
        let client = app.current().unwrap().client.id;
        let events = fx.store.events_page(client, None, 2).unwrap().events;
        let call = events.iter().find(|e| e.kind == Kind::Call).expect("the call");
        let promise = events.iter().find(|e| e.kind == Kind::Promise).expect("the promise");
        assert_eq!(
            (call.text.as_str(), call.trust, call.at, call.promise.clone()),
            ("Pekka on the line\n[+3m] I will send the post-mortem doc", 1, started, None)
        );
        assert_eq!(
            (promise.text.as_str(), promise.made_in, promise.at),
            ("I will send the post-mortem doc", Some(call.id), started)
        );
        assert_eq!(promise.people, call.people);
        assert!(promise.is_open_promise() && promise.promise.as_ref().unwrap().due.is_some());
        says(&app, &format!("saved call {} and 1 promise", call.id));

        // `u` takes the call back with the promise made in it.
        fx.act(&mut app, Action::Undo);
        for id in [call.id, promise.id] {
            let gone = fx.store.event(id).unwrap().unwrap();
            assert!(gone.deleted.is_some(), "{id} is still live");
        }
    }

    #[test]
    fn a_call_draft_keeps_its_start() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let started = fx.now;
        fx.act(&mut app, Action::Call);
        fx.typed(&mut app, "x");
        fx.press(&mut app, "esc");
        assert_eq!(fx.store.drafts().unwrap()[0].call_started, Some(started));
        fx.now += Duration::minutes(7);
        // `n` on a call draft continues its note; the call ended with its last key.
        fx.act(&mut app, Action::Capture);
        let call = app.overlays.get::<Capture>().unwrap().call.unwrap();
        assert_eq!((call.started, call.ended, call.minutes), (started, Some(started), 0));
    }

    #[test]
    fn a_draft_written_before_a_crash_reopens_at_the_next_start() {
        let fx = Fixture::demo();
        let mut app = fx.on("hoshizora");
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "途中まで書いた 📝");
        assert!(app.unwritten());
        // What the loop does once typing pauses; then the process dies without closing the box.
        app.write_draft(&fx.env());
        assert!(!app.unwritten());
        fx.typed(&mut app, " lost");
        drop(app);

        let mut app = fx.app();
        assert_ne!(
            app.current().unwrap().client.alias.as_deref(),
            Some("hoshizora")
        );
        app.restore_drafts(&fx.env()).unwrap();
        assert_eq!(
            app.current().unwrap().client.alias.as_deref(),
            Some("hoshizora")
        );
        // It waits for `n` rather than take the first keys.
        assert!(!app.overlays.is_open::<Capture>());
        fx.act(&mut app, Action::Capture);
        let capture = app.overlays.get::<Capture>().expect("reopened");
        assert_eq!(capture.editor.text(), "途中まで書いた 📝");
        assert!(capture.notice.as_deref().unwrap().starts_with("Restored"));
        assert!(!app.unwritten(), "nothing new to write");
        fx.typed(&mut app, "!");
        assert!(
            app.overlays.get::<Capture>().unwrap().notice.is_none(),
            "said once"
        );
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(fx.newest(&app).text, "途中まで書いた 📝!");
        assert!(fx.store.drafts().unwrap().is_empty());
    }

    #[test]
    fn emptying_a_note_forgets_its_draft() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "ab");
        app.write_draft(&fx.env());
        assert_eq!(fx.store.drafts().unwrap().len(), 1);
        fx.press(&mut app, "backspace");
        fx.press(&mut app, "backspace");
        fx.press(&mut app, "esc");
        assert!(fx.store.drafts().unwrap().is_empty());
    }

    #[test]
    fn capital_n_picks_the_client_by_fuzzy_name() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        fx.act(&mut app, Action::CapturePick);
        let picker = &app.overlays.get::<NotePicker>().expect("the picker").picker;
        assert_eq!(
            picker.matches.len(),
            app.clients.len(),
            "all, in pane order"
        );
        assert_eq!(picker.matches[0].client, app.clients[0].client.id);
        fx.typed(&mut app, "hsz");
        let picker = &app.overlays.get::<NotePicker>().unwrap().picker;
        let first: String = picker.matches[0]
            .parts
            .iter()
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(first, "Hoshizora Fintech K.K. (hoshizora)");
        assert!(picker.matches[0]
            .parts
            .iter()
            .any(|(t, hit)| *hit && t == "H"));
        fx.key(&mut app, KeyCode::Enter);
        assert!(!app.overlays.is_open::<NotePicker>());
        let capture = app
            .overlays
            .get::<Capture>()
            .expect("the box, for the picked client");
        assert_eq!(capture.client_name, "Hoshizora Fintech K.K.");
        assert_eq!(app.current().unwrap().client.name, "Hoshizora Fintech K.K.");

        // Esc cancels; a query that matches nothing picks nothing.
        fx.press(&mut app, "esc");
        fx.act(&mut app, Action::CapturePick);
        fx.typed(&mut app, "zzzq");
        assert!(app.overlays.get::<NotePicker>().unwrap().picker.matches.is_empty());
        fx.key(&mut app, KeyCode::Enter);
        assert!(app.overlays.is_open::<NotePicker>());
        fx.press(&mut app, "esc");
        assert!(!app.modal());
        // Down moves the choice.
        fx.act(&mut app, Action::CapturePick);
        fx.press(&mut app, "down");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(
            app.overlays.get::<Capture>().unwrap().client,
            app.clients[1].client.id
        );
    }

    #[test]
    fn a_refused_draft_write_is_said_and_tried_again() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "keep me");
        // A store that refuses every write (the overview cache is read-only).
        let refusing = rapport::store::Overview::default();
        let env = rapport::app::Env {
            store: &refusing,
            dir: fx.dir(),
            config: &fx.config,
            now: fx.now,
        };
        app.key("esc".parse().unwrap(), &env).unwrap();
        let message = app.message.clone().unwrap();
        assert!(message.starts_with("draft not written: "), "{message}");
        assert!(!app.modal(), "closed all the same, the text kept in memory");
        assert!(fx.store.drafts().unwrap().is_empty());
        fx.act(&mut app, Action::Capture);
        assert_eq!(fx.text(&app), "keep me");
        fx.press(&mut app, "esc");
        assert_eq!(
            fx.store.drafts().unwrap()[0].text,
            "keep me",
            "written this time"
        );
    }

    #[test]
    fn tab_completes_an_at_name_among_the_clients_people() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        fx.act(&mut app, Action::Capture);
        fx.typed(&mut app, "call with @an");
        fx.key(&mut app, KeyCode::Tab);
        assert_eq!(fx.text(&app), "call with @Anu_Heikkinen ");
        fx.typed(&mut app, "+1 and @zz");
        fx.key(&mut app, KeyCode::Tab);
        assert_eq!(fx.text(&app), "call with @Anu_Heikkinen +1 and @zz");
        assert!(app.message.as_deref().unwrap().starts_with("no one at"));
        fx.key(&mut app, KeyCode::Enter);
        // @zz is nobody: keep it as text.
        fx.key(&mut app, KeyCode::Char('t'));
        let saved = fx.newest(&app);
        assert!(
            saved.text.starts_with("call with Anu Heikkinen"),
            "{}",
            saved.text
        );
        assert_eq!(saved.people.len(), 1, "the completed name is linked");
    }
}

#[test]
fn unspaced_japanese_names_the_clients_people() {
    let fx = Fixture::demo();
    let mut app = fx.on("hoshizora");
    let event = fx.saved_note(&mut app, "＃移行の件で＠佐藤さんと相談した");
    assert_eq!(event.text, "移行の件で佐藤さんと相談した");
    assert_eq!(event.people, [fx.person_id(&app, "佐藤 健一")]);
    assert_eq!(event.tags, ["移行"]);
}

#[test]
fn doubtful_words_are_flagged_and_enter_asks_once() {
    let fx = Fixture::demo();
    let mut app = fx.on("lumikko");
    let before = fx.newest(&app).id;
    fx.act(&mut app, Action::Capture);
    fx.typed(&mut app, "send the plan due:12-15 +4");
    let preview = &app.overlays.get::<Capture>().unwrap().preview;
    assert_eq!(
        preview.doubtful,
        [
            "due:12-15 needs a date such as fri, 2026-12-01 or next_monday",
            "+4 needs a trust within -3..+3"
        ]
    );
    fx.key(&mut app, KeyCode::Enter);
    let question = app.overlays.get::<Capture>().unwrap().question.clone();
    let question = question.expect("asked before saving");
    assert!(
        question.text.starts_with("Did not read: due:12-15 needs"),
        "{}",
        question.text
    );
    // A role key is no answer here; Esc goes back to fix it, nothing saved.
    fx.press(&mut app, "m");
    assert!(app.overlays.get::<Capture>().unwrap().question.is_some());
    fx.press(&mut app, "esc");
    assert_eq!(fx.newest(&app).id, before, "nothing saved");
    fx.key(&mut app, KeyCode::Enter);
    fx.press(&mut app, "t");
    assert!(!app.overlays.is_open::<Capture>(), "saved as text");
    let event = fx.newest(&app);
    assert_eq!(
        (event.kind, event.text.as_str()),
        (Kind::Note, "send the plan due:12-15 +4")
    );
}

#[test]
fn at_backdates_a_note_from_the_box() {
    let fx = Fixture::demo();
    let mut app = fx.on("lumikko");
    fx.act(&mut app, Action::Capture);
    fx.typed(&mut app, "call: went fine at:yesterday_15:30");
    let summary = app
        .overlays
        .get::<Capture>()
        .unwrap()
        .preview
        .summary
        .clone();
    assert_eq!(summary, "call · at Sun 2026-11-22 15:30");
    fx.key(&mut app, KeyCode::Enter);
    let event = fx.newest(&app);
    assert_eq!(event.at.to_rfc3339(), "2026-11-22T15:30:00+00:00");
    assert_eq!(event.created, fx.now);
}
