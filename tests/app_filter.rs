//! The timeline filter (`f`, `F`) driven through `App` as the key loop drives it, against the
//! demo in a real store.

use rapport::app::filter::FilterForm;
use rapport::app::timeline::{PAGE, STEP_PAGES};
use rapport::app::{App, Pane};
use rapport::config::{Action, KeyCode};
use rapport::model::{Client, ClientId, Event, EventId, Kind};

use crate::dashboard;
use dashboard::Fixture;

impl Fixture {
    /// `f`, toggles the kinds starting with `kind_letters` (one Space each), types `person` in
    /// the person field, Enter.
    fn filter(&self, app: &mut App, kind_letters: &str, person: &str) {
        self.act(app, Action::Filter);
        for letter in kind_letters.chars() {
            self.typed(app, &format!("{letter} "));
        }
        self.key(app, KeyCode::Tab);
        self.typed(app, person);
        self.key(app, KeyCode::Enter);
    }
}

fn texts(app: &App) -> Vec<String> {
    let rows = &app.selected.timeline.rows;
    rows.iter().map(|r| r.event.text.clone()).collect()
}

fn live_events(fx: &Fixture, app: &App) -> usize {
    let client = app.current().unwrap().client.id;
    let page = fx.store.events_page(client, None, 1_000).unwrap();
    page.events.iter().filter(|e| e.is_live()).count()
}

// On the bare store and through the store process, as the dashboard runs.
both_stores! {
    #[test]
    fn f_narrows_the_timeline_and_capital_f_clears_it() {
        let fx = Fixture::demo();
        let mut app = fx.on("hoshizora");
        fx.act(&mut app, Action::Filter);
        assert!(app.modal(), "the popup takes the keys");
        // q is a letter here (it jumps nowhere: no kind starts with q), not quit.
        fx.typed(&mut app, "q");
        assert!(!app.quit);
        fx.press(&mut app, "esc");
        assert!(!app.modal());
        assert_eq!(app.message.as_deref(), Some("cancelled"));

        fx.filter(&mut app, "a", "田中");
        assert!(!app.modal());
        let rows = &app.selected.timeline.rows;
        assert_eq!(rows.len(), 4, "{:?}", texts(&app));
        let tanaka = rows[0].event.people[0];
        assert!(rows
            .iter()
            .all(|r| r.event.kind == Kind::Advice && r.event.people.contains(&tanaka)));
        assert_eq!(
            app.focus,
            Pane::Timeline,
            "the keyboard goes to what was filtered"
        );
        assert_eq!(app.message.as_deref(), Some("F clears the filter"));
        let shown = app.selected.timeline.filter.describe(&app.selected.names);
        assert_eq!(shown, "advice · @田中 美咲");

        // From a detail view, which has no timeline, clearing shows the timeline.
        fx.act(&mut app, Action::Open);
        assert_eq!(app.view, rapport::app::View::ClientDetail);
        fx.act(&mut app, Action::ClearFilter);
        assert_eq!(app.view, rapport::app::View::Browse);
        assert_eq!(app.message.as_deref(), Some("filter cleared"));
        assert!(app.selected.timeline.filter.is_empty());
        assert_eq!(app.selected.timeline.rows.len(), live_events(&fx, &app));
        fx.act(&mut app, Action::ClearFilter);
        assert_eq!(app.message.as_deref(), Some("no filter to clear"));
    }

    #[test]
    fn reopening_shows_the_filter_and_another_client_keeps_all_but_the_person() {
        let fx = Fixture::demo();
        let mut app = fx.on("hoshizora");
        fx.filter(&mut app, "av", "鈴木");
        let form_again = |app: &mut App| {
            fx.act(app, Action::Filter);
            let form = app.overlays.get::<FilterForm>().cloned().expect("the popup");
            fx.press(app, "esc");
            form
        };
        let form = form_again(&mut app);
        assert_eq!(form.kinds, [Kind::Video, Kind::Advice]);
        assert_eq!(form.person.query.text(), "鈴木 大輔");
        assert_eq!(form.person.name().as_deref(), Some("鈴木 大輔"));
        // Kinds and dates belong to the user, the person to the client: moving on drops only them.
        fx.act(&mut app, Action::PrevPane);
        fx.act(&mut app, Action::PrevPane);
        assert_eq!(app.focus, Pane::Clients);
        fx.act(&mut app, Action::Down);
        let filter = &app.selected.timeline.filter;
        assert_eq!(filter.kinds, [Kind::Video, Kind::Advice]);
        assert_eq!(filter.person, None);
        let message = app.message.clone().unwrap_or_default();
        assert!(
            message.starts_with("filter kept without @鈴木 大輔, who is not at"),
            "{message}"
        );
        assert!(app
            .selected
            .timeline
            .rows
            .iter()
            .all(|r| matches!(r.event.kind, Kind::Video | Kind::Advice)));
        // Coming back does not bring the person back: the filter is what the title says.
        fx.act(&mut app, Action::Up);
        assert_eq!(app.selected.timeline.filter.person, None);
        assert_eq!(app.selected.timeline.rows.len(), 6 + 4, "videos and advice");
    }

    #[test]
    fn a_filter_survives_a_saved_note_and_shows_it_when_it_matches() {
        let fx = Fixture::demo();
        let mut app = fx.on("hoshizora");
        // The kind cursor starts on call: Space toggles it.
        fx.act(&mut app, Action::Filter);
        fx.typed(&mut app, " ");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(app.selected.timeline.filter.kinds, [Kind::Call]);
        assert!(
            app.selected.timeline.rows.is_empty(),
            "no calls at Hoshizora"
        );
        fx.act(&mut app, Action::Call);
        fx.typed(&mut app, "田中さんと電話 #replication");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(app.selected.timeline.filter.kinds, [Kind::Call]);
        assert_eq!(texts(&app), ["田中さんと電話"]);
        assert_eq!(app.selected.timeline.cursor, 0);
    }

    #[test]
    fn a_bad_date_keeps_the_popup_open_with_the_reason() {
        let fx = Fixture::demo();
        let mut app = fx.on("hoshizora");
        fx.act(&mut app, Action::Filter);
        for _ in 0..4 {
            fx.key(&mut app, KeyCode::Tab);
        }
        fx.typed(&mut app, "the beginning");
        fx.key(&mut app, KeyCode::Enter);
        let form = app.overlays.get::<FilterForm>().expect("still open");
        let (_, problem) = form.error.clone().expect("a problem");
        assert!(
            problem.contains("'the beginning' is not a day"),
            "{problem}"
        );
        // Words the command line takes: `90 days ago` is read relative to the fixed clock.
        for _ in 0.."the beginning".len() {
            fx.key(&mut app, KeyCode::Backspace);
        }
        fx.typed(&mut app, "90 days ago");
        let form = app.overlays.get::<FilterForm>().unwrap();
        assert_eq!(form.from_note.as_deref(), Some("= Tue 2026-08-25"));
        fx.key(&mut app, KeyCode::Enter);
        assert!(!app.overlays.is_open::<FilterForm>());
        let rows = &app.selected.timeline.rows;
        let since = chrono::NaiveDate::from_ymd_opt(2026, 8, 25).unwrap();
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| r.event.at.date_naive() >= since));
        assert!(app.selected.timeline.complete(), "since ends the read");
    }

    #[test]
    fn a_filter_matching_nothing_on_a_long_timeline_reads_a_step_per_key() {
        let fx = Fixture::empty();
        let client = Client {
            id: ClientId::new_at(1),
            name: "Long Oy".into(),
            ..Client::default()
        };
        fx.store.put_client(&client).unwrap();
        let events = 2_500;
        let batch = rapport::store::Batch {
            events: (0..events)
                .rev()
                .map(|i| Event {
                    id: EventId::new_at(10_000 + i),
                    client: client.id,
                    at: fx.now - chrono::Duration::hours(i as i64),
                    text: format!("note {i}"),
                    ..Event::default()
                })
                .collect(),
            ..Default::default()
        };
        fx.store.load(&batch, fx.now).unwrap();
        let mut app = fx.app();
        fx.act(&mut app, Action::Filter);
        fx.typed(&mut app, "i ");
        fx.key(&mut app, KeyCode::Enter);
        let step = STEP_PAGES * PAGE;
        assert_eq!(app.selected.timeline.scanned, step);
        assert!(app.filtering());
        fx.act(&mut app, Action::Down);
        assert_eq!(
            app.selected.timeline.scanned,
            2 * step,
            "a key reads one step"
        );
        // Between keys the dashboard reads on, a step at a time, to the end.
        let mut steps = 0;
        while app.filtering() {
            app.filter_more(&fx.env()).unwrap();
            steps += 1;
        }
        assert_eq!(steps, 1);
        assert_eq!(app.selected.timeline.scanned, events as usize);
        assert!(app.selected.timeline.rows.is_empty());
        app.filter_more(&fx.env()).unwrap();
        assert_eq!(
            app.selected.timeline.scanned, events as usize,
            "done is done"
        );
    }
}
