//! The dashboard's forms and archive question driven through `App`, as the key loop drives
//! them, against a real store in a temporary directory.

use rapport::app::form::FieldId;
use rapport::app::form::Form;
use rapport::app::Confirm;
use rapport::app::{App, Pane, View};
use rapport::config::{Action, KeyCode};

use crate::dashboard;
use dashboard::Fixture;

impl Fixture {
    /// Opens the new-client form, types `name` and saves.
    fn add_client(&self, app: &mut App, name: &str) {
        self.act(app, Action::Add);
        self.typed(app, name);
        self.key(app, KeyCode::Enter);
    }
}

fn error_of(app: &App, id: FieldId) -> Option<String> {
    let form = app.overlays.get::<Form>().expect("the form is still open");
    form.fields.iter().find(|f| f.id == id)?.error.clone()
}

// Through the store process too: the form matches on the store's errors ("already exists").
both_stores! {
    #[test]
    fn add_a_client_from_the_welcome_screen() {
        let fx = Fixture::empty();
        let mut app = App::load(&fx.env()).unwrap();
        assert_eq!(app.view, View::Welcome);
        fx.act(&mut app, Action::Add);
        assert!(app.modal(), "a opens the form");
        assert_eq!(app.overlays.get::<Form>().unwrap().title, "New client");
        // q, j and k are letters in a form, not quit and move.
        fx.typed(&mut app, "星空 quokka jk");
        assert!(!app.quit);
        app.paste(" テック", &fx.env()).unwrap();
        fx.key(&mut app, KeyCode::Enter);

        assert!(!app.overlays.is_open::<Form>(), "saved and closed");
        assert_eq!(app.message.as_deref(), Some("saved 星空 quokka jk テック"));
        assert_eq!(app.view, View::Browse);
        let stored = fx.store.clients().unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].name, "星空 quokka jk テック");
        assert_eq!(stored[0].cadence_days, fx.config.cadence_days());
        assert_eq!(stored[0].created, fx.now);
        assert_eq!(app.current().unwrap().client.id, stored[0].id);
    }

    #[test]
    fn the_cursor_lands_on_the_new_client() {
        let fx = Fixture::empty();
        let mut app = App::load(&fx.env()).unwrap();
        for name in ["Beta", "Alpha", "Gamma"] {
            fx.add_client(&mut app, name);
            assert_eq!(app.current().unwrap().client.name, name);
        }
        assert_eq!(app.clients.len(), 3);
    }

    #[test]
    fn a_taken_name_is_shown_under_the_field() {
        let fx = Fixture::empty();
        let mut app = App::load(&fx.env()).unwrap();
        fx.add_client(&mut app, "Acme Oy");
        fx.add_client(&mut app, "ACME oy");
        let error = error_of(&app, FieldId::Name).expect("an error under the name");
        assert!(error.contains("already exists"), "{error}");
        // Fix it in place and save: nothing typed was lost.
        fx.typed(&mut app, " Labs");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(app.message.as_deref(), Some("saved ACME oy Labs"));
        assert_eq!(fx.store.clients().unwrap().len(), 2);
    }

    #[test]
    fn edit_a_client_keeps_the_cursor_on_it() {
        let fx = Fixture::empty();
        let mut app = App::load(&fx.env()).unwrap();
        fx.add_client(&mut app, "Acme");
        fx.add_client(&mut app, "Zeta");
        fx.act(&mut app, Action::Edit);
        fx.key(&mut app, KeyCode::Home);
        fx.typed(&mut app, "Old ");
        fx.key(&mut app, KeyCode::Tab);
        fx.typed(&mut app, "z");
        fx.key(&mut app, KeyCode::Enter);
        let row = app.current().unwrap();
        assert_eq!(
            (row.client.name.as_str(), row.client.alias.as_deref()),
            ("Old Zeta", Some("z"))
        );
        assert_eq!(fx.store.clients().unwrap().len(), 2, "edited, not added");
    }

    #[test]
    fn add_people_and_refuse_a_namesake() {
        let fx = Fixture::empty();
        let mut app = App::load(&fx.env()).unwrap();
        fx.add_client(&mut app, "Acme");
        fx.act(&mut app, Action::NextPane);
        assert_eq!(app.focus, Pane::People);
        fx.act(&mut app, Action::Add);
        assert_eq!(app.overlays.get::<Form>().unwrap().title, "New person at Acme");
        fx.typed(&mut app, "Mikko");
        fx.key(&mut app, KeyCode::Tab);
        fx.typed(&mut app, "Sysadmin");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(app.message.as_deref(), Some("saved Mikko"));
        assert_eq!(app.focus, Pane::People);
        assert_eq!(app.selected.people.len(), 1);

        fx.act(&mut app, Action::Add);
        fx.typed(&mut app, "mikko");
        fx.key(&mut app, KeyCode::Enter);
        let error = error_of(&app, FieldId::Name).expect("namesake refused");
        assert!(error.contains("already a mikko"), "{error}");
        assert_eq!(fx.store.people(None).unwrap().len(), 1);
    }

    #[test]
    fn esc_on_a_changed_form_asks_before_discarding() {
        let fx = Fixture::empty();
        let mut app = App::load(&fx.env()).unwrap();
        fx.act(&mut app, Action::Add);
        fx.typed(&mut app, "Acme");
        fx.key(&mut app, KeyCode::Esc);
        assert!(app.overlays.get::<Form>().unwrap().discarding);
        fx.key(&mut app, KeyCode::Char('n'));
        assert_eq!(app.overlays.get::<Form>().unwrap().fields[0].value.as_text(), "Acme");
        fx.key(&mut app, KeyCode::Esc);
        fx.key(&mut app, KeyCode::Char('y'));
        assert!(!app.modal());
        assert!(fx.store.clients().unwrap().is_empty());
    }

    #[test]
    fn archive_asks_and_only_y_archives() {
        let fx = Fixture::empty();
        let mut app = App::load(&fx.env()).unwrap();
        fx.add_client(&mut app, "Acme");
        fx.add_client(&mut app, "Beta");
        fx.act(&mut app, Action::Archive);
        let question = &app.overlays.get::<Confirm>().expect("asked").question;
        assert_eq!(question, "Archive Beta? History is kept. y/n");
        fx.key(&mut app, KeyCode::Char('q'));
        assert!(!app.modal() && !app.quit, "q only cancels");
        assert_eq!(app.clients.len(), 2);

        fx.act(&mut app, Action::Archive);
        fx.key(&mut app, KeyCode::Char('y'));
        assert_eq!(app.clients.len(), 1);
        let beta = fx
            .store
            .clients()
            .unwrap()
            .into_iter()
            .find(|c| c.name == "Beta")
            .unwrap();
        assert!(beta.archived, "kept in the store, archived");
        assert!(app.message.as_deref().unwrap().starts_with("archived Beta"));
    }
}
