//! Unfiled notes in the dashboard: counted in the status bar, listed first in the agenda,
//! assigned to a client picked as for `N` (read then with that client's people) or dropped
//! after a y/n; on the bare store and through the store process.

use rapport::app::picker::NotePicker;
use rapport::app::Confirm;
use rapport::app::{App, View};
use rapport::config::{Action, KeyCode};
use rapport::model::{Given, Unfiled};

use crate::dashboard;
use dashboard::{screen_text, Fixture};

/// Two notes kept as `rapport note` keeps them where no rule matched, then the dashboard.
fn with_unfiled(fx: &Fixture, first: &str) -> App {
    for text in [first, "second thought"] {
        let place = vec!["tmux session scratch".to_string()];
        let note = Unfiled::new(text, place, Given::default(), fx.now);
        fx.store.keep_unfiled(&note).unwrap();
    }
    fx.app()
}

fn nordpay_person(fx: &Fixture, app: &App) -> (rapport::model::ClientId, rapport::model::Person) {
    let row = (app.clients.iter())
        .find(|r| r.client.alias.as_deref() == Some("nordpay"))
        .unwrap();
    let people = fx.store.people(Some(row.client.id)).unwrap();
    (row.client.id, people[0].clone())
}

both_stores! {
    #[test]
    fn an_unfiled_note_is_assigned_from_the_agenda() {
        let fx = Fixture::demo();
        let app = fx.app();
        let (client, person) = nordpay_person(&fx, &app);
        let first = person.name.split(' ').next().unwrap().to_string();
        let text = format!("call: agreed the plan with @{first}. I send the runbook due:fri");
        let mut app = with_unfiled(&fx, &text);
        assert_eq!(app.unfiled.len(), 2);
        let screen = screen_text(fx.draw(&app, (120, 30)).buffer());
        assert!(screen.contains("2 unfiled (A)"), "{screen}");

        fx.act(&mut app, Action::Agenda);
        assert_eq!(app.view, View::Agenda);
        let agenda = app.agenda.as_ref().unwrap();
        assert_eq!(agenda.current_unfiled().map(|n| n.number), Some(1));
        let screen = screen_text(fx.draw(&app, (120, 30)).buffer());
        assert!(screen.contains("Unfiled notes (2)"), "{screen}");
        assert!(screen.contains("tmux session scratch"), "{screen}");
        assert!(screen.contains("Enter assign"), "{screen}");

        // Enter: the picker; typing the client's alias and Enter files it there.
        fx.act(&mut app, Action::Open);
        assert!(app.overlays.is_open::<NotePicker>(), "the client picker");
        fx.typed(&mut app, "nordpay");
        fx.key(&mut app, KeyCode::Enter);
        let message = app.message.clone().unwrap_or_default();
        assert!(message.contains("unfiled note 1 filed for"), "{message}");
        assert!(message.contains("with the promise made in it"), "{message}");
        assert_eq!(app.unfiled.len(), 1);
        assert_eq!(app.agenda.as_ref().unwrap().unfiled.len(), 1);
        let page = fx.store.events_page(client, None, 10).unwrap();
        let call = page.events.iter().find(|e| e.text.starts_with("agreed the plan")).unwrap();
        assert_eq!(call.people, [person.id], "@{first} linked among the client's people");
        let promise = page.events.iter().find(|e| e.made_in == Some(call.id)).unwrap();
        assert_eq!(promise.promise.as_ref().unwrap().due, "2026-11-27".parse().ok());
        assert!(fx.store.unfiled().unwrap().iter().all(|n| n.number != 1));
    }

    #[test]
    fn an_unfiled_note_is_dropped_after_yes_and_kept_after_no() {
        let fx = Fixture::demo();
        let mut app = with_unfiled(&fx, "first thought");
        fx.act(&mut app, Action::Agenda);
        fx.act(&mut app, Action::Archive);
        let question = &app.overlays.get::<Confirm>().expect("asked first").question;
        assert!(question.starts_with("Drop unfiled note 1 (first thought)?"), "{question}");
        fx.press(&mut app, "n");
        assert_eq!(fx.store.unfiled().unwrap().len(), 2, "no keeps it");
        fx.act(&mut app, Action::Archive);
        fx.press(&mut app, "y");
        assert_eq!(app.message.as_deref(), Some("dropped unfiled note 1: first thought"));
        let left: Vec<u32> = fx.store.unfiled().unwrap().iter().map(|n| n.number).collect();
        assert_eq!(left, [2]);
        assert_eq!(app.agenda.as_ref().unwrap().unfiled.len(), 1);
    }

    #[test]
    fn doubtful_syntax_leaves_the_note_unfiled_with_a_reason() {
        let fx = Fixture::demo();
        let mut app = with_unfiled(&fx, "call: went great +4");
        fx.act(&mut app, Action::Agenda);
        fx.act(&mut app, Action::Open);
        fx.typed(&mut app, "nordpay");
        fx.key(&mut app, KeyCode::Enter);
        let message = app.message.clone().unwrap_or_default();
        assert!(message.starts_with("unfiled note 1 stays unfiled: '+4"), "{message}");
        assert_eq!(fx.store.unfiled().unwrap().len(), 2);
    }
}
