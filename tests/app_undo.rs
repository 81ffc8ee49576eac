//! `u` in the dashboard: it takes back the last thing this dashboard did (a note, a promise
//! mark, an archive), says what it took back, and nothing a CLI or another window wrote.

use rapport::app::capture::Capture;
use rapport::app::App;
use rapport::config::{Action, KeyCode};
use rapport::model::Event;

use crate::dashboard;
use dashboard::Fixture;

fn message(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

impl Fixture {
    /// `n`, `text`, Enter on the selected client: the note as stored.
    fn note(&self, app: &mut App, text: &str) -> Event {
        self.act(app, Action::Capture);
        self.typed(app, text);
        self.key(app, KeyCode::Enter);
        let client = app.current().unwrap().client.id;
        let page = self.store.events_page(client, None, 1).unwrap();
        page.events.into_iter().next().expect("an event")
    }

    /// `x`, `y` on the selected client; its name.
    fn archive(&self, app: &mut App) -> String {
        let name = app.current().unwrap().client.name.clone();
        self.act(app, Action::Archive);
        self.press(app, "y");
        assert!(message(app).starts_with("archived"), "{}", message(app));
        name
    }

    fn listed(&self, app: &App, name: &str) -> bool {
        app.clients.iter().any(|r| r.client.name == name)
    }
}

both_stores! {
    #[test]
    fn u_after_an_archive_unarchives_and_leaves_the_earlier_note_alone() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let note = fx.note(&mut app, "licence summary sent");
        fx.act(&mut app, Action::Down);
        let archived = fx.archive(&mut app);
        assert!(!fx.listed(&app, &archived));

        fx.act(&mut app, Action::Undo);
        assert!(fx.store.event(note.id).unwrap().unwrap().is_live(), "the note stays");
        assert_eq!(message(&app), format!("restored {archived} from the archive"));
        assert!(fx.listed(&app, &archived), "back in the list");
        assert_eq!(app.current().unwrap().client.name, archived, "and selected");
        let client = app.current().unwrap().client.id;
        assert!(!fx.store.client(client).unwrap().unwrap().archived);
        // The archive was the one thing to take back; the note before it stays.
        fx.act(&mut app, Action::Undo);
        assert!(message(&app).starts_with("nothing to undo"), "{}", message(&app));
        assert!(fx.store.event(note.id).unwrap().unwrap().is_live());
    }

    #[test]
    fn u_after_a_note_names_it_and_puts_its_text_back_in_the_box() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let typed = "call: @Pekka confirmed the budget for the licence renewal +1";
        let note = fx.note(&mut app, typed);
        // Looking elsewhere meanwhile: the box reopens on the note's client.
        fx.act(&mut app, Action::Down);
        fx.act(&mut app, Action::Undo);
        assert!(!fx.store.event(note.id).unwrap().unwrap().is_live(), "a tombstone");
        assert_eq!(
            message(&app),
            format!(
                "removed the call on Lumikko Retail Oy: ‘Pekka confirmed the budget for the…’ \
                 (`rapport restore {}` brings it back)",
                note.id
            )
        );
        assert_eq!(app.current().unwrap().client.id, note.client);
        let capture = app.overlays.get::<Capture>().expect("the box is open again");
        assert_eq!(capture.editor.text(), typed, "as typed, syntax and all");
        assert!(capture.notice.as_deref().unwrap().starts_with("Taken back"));
        // A typo fixed, and saved again (a minute on, so that it is the newest event).
        fx.now += chrono::Duration::minutes(1);
        fx.press(&mut app, "backspace");
        fx.typed(&mut app, "2");
        fx.key(&mut app, KeyCode::Enter);
        let again = fx.store.events_page(note.client, None, 1).unwrap().events;
        assert_eq!((again[0].text.as_str(), again[0].trust), (note.text.as_str(), 2));
    }

    #[test]
    fn a_cli_write_is_not_undone_from_the_dashboard() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        // Another process (the CLI) writes a note; the dashboard hears of it and lists it.
        let mut other = fx.note(&mut App::load(&fx.env()).unwrap(), "written elsewhere");
        app.refresh(&[other.client], &fx.env()).unwrap();
        fx.act(&mut app, Action::Undo);
        assert_eq!(
            message(&app),
            "nothing to undo: u takes back a note, a promise mark, an archive, an edit, a \
             person's removal or move, or an agenda snooze or dismissal made in this dashboard"
        );
        assert!(fx.store.event(other.id).unwrap().unwrap().is_live());

        // A note saved here and then changed elsewhere is not this dashboard's to remove.
        fx.now += chrono::Duration::minutes(1);
        let mine = fx.note(&mut app, "mine, then edited");
        other = fx.store.event(mine.id).unwrap().unwrap();
        other.text = "edited by the CLI".into();
        fx.store.save_events(&[], &[other], fx.now).unwrap();
        fx.act(&mut app, Action::Undo);
        let said = message(&app);
        assert!(
            said.starts_with(&format!(
                "nothing undone: {} was changed since it was saved here",
                mine.id
            )),
            "{said}"
        );
        assert!(fx.store.event(mine.id).unwrap().unwrap().is_live());
        assert!(!app.overlays.is_open::<Capture>());
    }

    #[test]
    fn an_archive_unarchived_elsewhere_is_left_alone() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let name = fx.archive(&mut app);
        let mut client = (fx.store.clients().unwrap().into_iter())
            .find(|c| c.name == name)
            .unwrap();
        client.archived = false;
        fx.store.put_client(&client).unwrap();
        fx.act(&mut app, Action::Undo);
        assert_eq!(
            message(&app),
            format!("nothing undone: {name} is not archived any more")
        );
    }

    #[test]
    fn u_after_a_form_save_does_not_reach_past_it_to_an_older_note() {
        let fx = Fixture::demo();
        let mut app = fx.on("lumikko");
        let note = fx.note(&mut app, "licence summary sent");
        // The client's form, saved: the newest thing done here is that save.
        fx.act(&mut app, Action::Edit);
        fx.key(&mut app, KeyCode::End);
        fx.typed(&mut app, " Ab");
        fx.key(&mut app, KeyCode::Enter);
        assert!(message(&app).starts_with("saved"), "{}", message(&app));

        fx.act(&mut app, Action::Undo);
        assert!(message(&app).starts_with("nothing to undo"), "{}", message(&app));
        assert!(fx.store.event(note.id).unwrap().unwrap().is_live(), "the note stays");
    }
}
