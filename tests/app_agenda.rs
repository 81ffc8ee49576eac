//! The agenda view (`A`) driven through `App`, as the key loop drives it, on the demo workspace
//! at the pinned clock: it opens with the demo's items, moves, jumps to an item's client (and
//! its promise or person), goes back, and follows the data and the clock while open.

use chrono::Duration;
use rapport::app::capture::Capture;
use rapport::app::form::Form;
use rapport::app::overlay::Help;
use rapport::app::search_popup::Search;
use rapport::app::Confirm;
use rapport::app::{App, Pane, View};
use rapport::config::{Action, KeyCode};
use rapport::insight::{ItemKind, Urgency};

use crate::dashboard;
use dashboard::Fixture;

fn open(fx: &Fixture, app: &mut App) {
    fx.act(app, Action::Agenda);
    assert_eq!(app.view, View::Agenda);
}

/// Moves the agenda cursor to the first item of `kind` that `also` accepts.
fn to_item(fx: &Fixture, app: &mut App, kind: ItemKind, also: impl Fn(&str) -> bool) {
    fx.act(app, Action::Top);
    loop {
        let agenda = app.agenda.as_ref().unwrap();
        let item = &agenda.items[agenda.cursor];
        if item.kind == kind && also(&item.title) {
            return;
        }
        let before = agenda.cursor;
        fx.act(app, Action::Down);
        assert_ne!(app.agenda.as_ref().unwrap().cursor, before, "no {kind:?}");
    }
}

fn titles(app: &App) -> Vec<String> {
    let agenda = app.agenda.as_ref().expect("the agenda is open");
    agenda.items.iter().map(|i| i.title.clone()).collect()
}

/// `n` notes at Nordpay, each newer than its open promise (made 42 days ago).
fn newer_notes(fx: &Fixture, app: &App, n: usize) {
    use rapport::model::{Event, EventId, Kind};
    let client = app
        .clients
        .iter()
        .find(|r| r.client.alias.as_deref() == Some("nordpay"))
        .unwrap()
        .client
        .id;
    let notes: Vec<Event> = (0..n)
        .map(|i| {
            let at = fx.now - Duration::days(30) + Duration::minutes(i as i64);
            Event {
                id: EventId::new_at(at.timestamp_millis() as u64),
                client,
                at,
                kind: Kind::Note,
                text: format!("note {i}"),
                created: at,
                ..Event::default()
            }
        })
        .collect();
    fx.store.save_events(&notes, &[], fx.now).unwrap();
}

/// What the status bar and `rapport status` count, over the dashboard's summaries.
fn due(app: &App, fx: &Fixture) -> (usize, usize) {
    let clients = (app.clients.iter()).map(|r| (r.client.clone(), r.summary.clone()));
    let due = rapport::insight::Due::of(clients, fx.now, false);
    (due.check_ins.len(), due.overdue + due.today + due.soon)
}

fn ids(app: &App) -> Vec<String> {
    let agenda = app.agenda.as_ref().expect("the agenda is open");
    agenda.items.iter().map(|i| i.id.clone()).collect()
}

fn current(app: &App) -> rapport::insight::AgendaItem {
    app.agenda.as_ref().unwrap().current().unwrap().clone()
}

fn says(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

// On the bare store and through the store process, as the dashboard runs.
both_stores! {
    #[test]
    fn a_opens_the_agenda_with_the_demo_items_and_esc_goes_back() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        assert!(app.agenda.is_none(), "nothing is built before A");
        open(&fx, &mut app);
        let agenda = app.agenda.as_ref().unwrap();
        // Promises first (someone waits on them), then check-ins.
        assert_eq!(agenda.items[0].kind, ItemKind::Promise);
        let first = (agenda.items.iter())
            .find(|i| i.kind == ItemKind::CheckIn)
            .unwrap();
        assert_eq!(first.urgency, Urgency::Overdue);
        assert_eq!(first.title, "Check in with Lumikko Retail Oy");
        assert_eq!(
            first.reason,
            "last contact 75 days ago (every 30 days); gone quiet: ask how they are, not for work"
        );
        assert_eq!(
            first.opener.as_deref(),
            Some("Ask Anu about: bakes korvapuusti for every release night")
        );
        let titles = titles(&app);
        for expected in [
            "Keep the promise to Lumikko Retail Oy: Send the Oracle licence audit summary (cores, options in use)",
            "Keep the promise to Nordpay Oy: Deliver the Oracle → Postgres licence and effort comparison for card issuing",
            "Widen the thread at Kuusi Publishing Oy",
            "Name a price at Brightline Media AB",
        ] {
            assert!(titles.iter().any(|t| t == expected), "{expected}: {titles:#?}");
        }
        // Grouped by kind, in the agenda's order.
        let kinds: Vec<ItemKind> = agenda.items.iter().map(|i| i.kind).collect();
        assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");

        fx.act(&mut app, Action::Back);
        assert_eq!(app.view, View::Browse);
        assert!(app.agenda.is_none(), "closed, and its people let go");
        // A opens and closes it too, back where it was opened from.
        fx.act(&mut app, Action::Open);
        assert_eq!(app.view, View::ClientDetail);
        open(&fx, &mut app);
        fx.act(&mut app, Action::Agenda);
        assert_eq!(app.view, View::ClientDetail);
    }

    #[test]
    fn movement_stays_within_the_items() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        let cursor = |app: &App| app.agenda.as_ref().unwrap().cursor;
        let last = app.agenda.as_ref().unwrap().items.len() - 1;
        fx.act(&mut app, Action::Up);
        assert_eq!(cursor(&app), 0);
        fx.acts(&mut app, &[Action::Down, Action::Down]);
        assert_eq!(cursor(&app), 2);
        fx.act(&mut app, Action::Bottom);
        assert_eq!(cursor(&app), last);
        fx.act(&mut app, Action::Down);
        assert_eq!(cursor(&app), last);
        fx.act(&mut app, Action::PageUp);
        assert_eq!(cursor(&app), last.saturating_sub(10));
        fx.act(&mut app, Action::Top);
        assert_eq!(cursor(&app), 0);
        // The clients behind it do not move.
        assert_eq!(app.cursor, 0);
    }

    #[test]
    fn enter_on_a_check_in_selects_its_client_in_browse() {
        let fx = Fixture::demo();
        let mut app = fx.on("nordpay");
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::CheckIn, |t| t.contains("Lumikko"));
        fx.act(&mut app, Action::Open);
        assert_eq!(app.view, View::Browse);
        assert!(app.agenda.is_none());
        assert_eq!(app.current().unwrap().client.name, "Lumikko Retail Oy");
        assert_eq!(app.focus, Pane::Clients);
        // The person the opener is about is the one selected in the people pane.
        let person = &app.selected.people[app.selected.person_cursor].person;
        assert_eq!(person.name, "Anu Heikkinen");
    }

    #[test]
    fn enter_on_a_promise_puts_the_timeline_cursor_on_it() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::Promise, |t| t.contains("Nordpay"));
        let promise = app.agenda.as_ref().unwrap().current().unwrap().event;
        fx.act(&mut app, Action::Open);
        assert_eq!(app.current().unwrap().client.name, "Nordpay Oy");
        assert_eq!(app.focus, Pane::Timeline);
        let timeline = &app.selected.timeline;
        assert_eq!(Some(timeline.rows[timeline.cursor].event.id), promise);
        assert!(timeline.cursor > 0, "not simply the newest event");
    }

    #[test]
    fn enter_on_a_coverage_gap_with_a_person_focuses_that_person() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::Coverage, |t| {
            t.starts_with("Thank Anu")
        });
        fx.act(&mut app, Action::Open);
        assert_eq!(app.current().unwrap().client.name, "Lumikko Retail Oy");
        assert_eq!(app.focus, Pane::People);
        let person = &app.selected.people[app.selected.person_cursor].person;
        assert_eq!(person.name, "Anu Heikkinen");
    }

    #[test]
    fn a_call_logged_from_the_agenda_takes_the_check_in_off_it() {
        let mut fx = Fixture::demo();
        let mut app = fx.on("nordpay");
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::CheckIn, |t| t.contains("Lumikko"));
        // `c` is for the item's client, not the one selected behind the agenda.
        fx.act(&mut app, Action::Call);
        let capture = app.overlays.get::<Capture>().expect("the call box is open");
        assert_eq!(capture.client_name, "Lumikko Retail Oy");
        fx.now += Duration::minutes(20);
        fx.typed(&mut app, "Asked Anu how the release night went; all well");
        fx.key(&mut app, KeyCode::Enter);
        assert!(!app.overlays.is_open::<Capture>(), "saved: {:?}", app.message);
        assert_eq!(app.view, View::Agenda, "still in the agenda");
        assert!(
            !titles(&app)
                .iter()
                .any(|t| t == "Check in with Lumikko Retail Oy"),
            "{:#?}",
            titles(&app)
        );
    }

    #[test]
    fn the_minute_recomputes_an_open_agenda_only() {
        let mut fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        let before = titles(&app);
        // Four weeks on: more clients are due.
        fx.now += Duration::days(28);
        app.tick(&fx.env()).unwrap();
        let after = titles(&app);
        let due = |titles: &[String]| titles.iter().filter(|t| t.starts_with("Check in")).count();
        assert!(due(&after) > due(&before), "{before:#?}\n{after:#?}");
        fx.act(&mut app, Action::Back);
        app.tick(&fx.env()).unwrap();
        assert!(app.agenda.is_none(), "closed stays closed");
    }

    #[test]
    fn browse_keys_are_refused_with_the_way_back() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        for action in [
            Action::Edit,
            Action::NextPane,
            Action::Sort,
        ] {
            fx.act(&mut app, action);
            let message = app.message.clone().unwrap_or_default();
            assert!(
                message.starts_with("not in the agenda: esc goes back"),
                "{action:?}: {message}"
            );
            assert!(!app.overlays.is_open::<Confirm>() && !app.overlays.is_open::<Form>());
            assert_eq!((app.view, app.focus), (View::Agenda, Pane::Clients));
        }
        // Help and q still work: q goes back from the agenda, then quits.
        fx.act(&mut app, Action::Help);
        assert!(app.overlays.is_open::<Help>());
        fx.press(&mut app, "j");
        assert!(!app.overlays.is_open::<Help>() && !app.quit, "any key closes help");
        fx.press(&mut app, "q");
        assert_eq!((app.view, app.quit), (View::Browse, false));
        fx.press(&mut app, "q");
        assert!(app.quit);
    }

    #[test]
    fn the_coverage_lines_of_the_people_pane_come_from_the_insight() {
        let fx = Fixture::demo();
        let app = fx.on("kaarna");
        assert_eq!(
            app.selected.gaps,
            [
                "only Riikka Laine contacted in 90 days",
                "no manager contact in 90 days",
                "thank Riikka Laine: last recognised 118d ago",
            ]
        );
        let people = fx.store.people(None).unwrap();
        assert!(people.len() > 10, "the demo has people");
    }


    #[test]
    fn a_promise_further_back_is_paged_in_up_to_a_bound() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        newer_notes(&fx, &app, 300);
        app.reload(&fx.env()).unwrap();
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::Promise, |t| t.contains("Nordpay"));
        let promise = app.agenda.as_ref().unwrap().current().unwrap().event;
        fx.act(&mut app, Action::Open);
        let timeline = &app.selected.timeline;
        assert_eq!(Some(timeline.rows[timeline.cursor].event.id), promise);
        assert!(timeline.cursor >= 300, "paged in past the first page");
        assert_eq!(app.focus, Pane::Timeline);

        // Past the bound it stops reading and says where the promise is listed.
        newer_notes(&fx, &app, 1000);
        app.reload(&fx.env()).unwrap();
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::Promise, |t| t.contains("Nordpay"));
        fx.act(&mut app, Action::Open);
        assert_eq!(app.current().unwrap().client.name, "Nordpay Oy");
        assert_eq!(app.focus, Pane::Clients);
        let message = app.message.clone().unwrap_or_default();
        assert!(
            message.starts_with("the promise is older than the last 10")
                && message.ends_with("`rapport log \"nordpay\" --kind promise` lists it"),
            "{message}"
        );
    }

    #[test]
    fn search_works_from_the_agenda_and_enter_goes_to_browse() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        fx.act(&mut app, Action::Search);
        assert!(app.overlays.is_open::<Search>(), "/ opens the search over the agenda");
        fx.typed(&mut app, "Nordpay");
        fx.key(&mut app, KeyCode::Enter);
        assert_eq!(app.view, View::Browse);
        assert!(app.agenda.is_none());
        assert_eq!(app.current().unwrap().client.name, "Nordpay Oy");
        assert_eq!(app.focus, Pane::Clients);
    }

    #[test]
    fn items_snoozed_or_dismissed_through_the_store_leave_the_agenda() {
        use rapport::model::{mark_tag, Event, EventId, Kind};
        let fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::Promise, |t| t.contains("Nordpay"));
        let item = app.agenda.as_ref().unwrap().current().unwrap().clone();
        assert_eq!(item.id.len(), 7);
        // What `rapport agenda --dismiss ID --reason …` writes.
        let note = Event {
            id: EventId::new_at(fx.now.timestamp_millis() as u64),
            client: item.client.unwrap(),
            at: fx.now,
            kind: Kind::Note,
            text: "Dismissed from the agenda: done on the phone".into(),
            tags: vec![mark_tag(&item.id, None)],
            private: true,
            created: fx.now,
            ..Event::default()
        };
        fx.store.save_events(&[note], &[], fx.now).unwrap();
        // The open agenda follows the data, as after any write.
        app.reload(&fx.env()).unwrap();
        assert_eq!(app.view, View::Agenda);
        let ids: Vec<String> = (app.agenda.as_ref().unwrap().items.iter())
            .map(|i| i.id.clone())
            .collect();
        assert!(!ids.contains(&item.id), "{:#?}", titles(&app));
        assert!(!titles(&app).contains(&item.title));
    }

    #[test]
    fn z_snoozes_the_selected_item_for_what_tab_offers_and_u_brings_it_back() {
        use rapport::app::agenda::{Asking, MarkInput};
        use rapport::model::mark_tag;
        let fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::Promise, |t| t.contains("Nordpay"));
        let item = current(&app);
        let before = due(&app, &fx);
        fx.press(&mut app, "z");
        let box_ = app.overlays.get::<MarkInput>().expect("the snooze box is open");
        assert_eq!(box_.asking, Asking::Snooze);
        assert!(box_.preview.starts_with("Tab: 1d 3d 1w 2w"), "{}", box_.preview);
        // Tab offers the usual snoozes in turn.
        fx.key(&mut app, KeyCode::Tab);
        fx.key(&mut app, KeyCode::Tab);
        let box_ = app.overlays.get::<MarkInput>().unwrap();
        assert_eq!(box_.input.text(), "3d");
        let until = (fx.now + Duration::days(3)).date_naive();
        assert_eq!(
            box_.preview,
            format!("off the agenda through {}", until.format("%a %-d %b %Y"))
        );
        fx.key(&mut app, KeyCode::Enter);
        assert!(!app.overlays.is_open::<MarkInput>(), "{}", says(&app));
        assert_eq!(app.view, View::Agenda, "still in the agenda");
        assert!(!ids(&app).contains(&item.id), "gone at once: {:#?}", titles(&app));
        assert_eq!(
            says(&app),
            format!(
                "snoozed {} until {}: ‘Keep the promise to Nordpay Oy: Deliver…’ (u takes it back)",
                item.id,
                until.format("%A %-d %B")
            )
        );
        // The note `rapport agenda --snooze` writes, private, and the count follows.
        let page = fx.store.events_page(item.client.unwrap(), None, 5).unwrap();
        let note = &page.events[0];
        assert_eq!(note.tags, [mark_tag(&item.id, Some(until))]);
        assert!(note.private);
        assert_eq!(due(&app, &fx), (before.0, before.1 - 1));

        fx.press(&mut app, "u");
        assert_eq!(
            says(&app),
            format!(
                "took back the snooze of {}: ‘Keep the promise to Nordpay Oy: Deliver…’ is on the agenda again",
                item.id
            )
        );
        assert!(ids(&app).contains(&item.id));
        assert_eq!(due(&app, &fx), before);
        assert!(!fx.store.event(note.id).unwrap().unwrap().is_live());
    }

    #[test]
    fn x_dismisses_the_selected_item_with_the_reason_kept_in_the_timeline() {
        use rapport::app::agenda::{Asking, MarkInput};
        let mut fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::CheckIn, |t| t.contains("Lumikko"));
        let item = current(&app);
        let before = due(&app, &fx);
        fx.press(&mut app, "x");
        let box_ = app.overlays.get::<MarkInput>().expect("the dismiss box is open");
        assert_eq!(box_.asking, Asking::Dismiss);
        // No reason, no dismissal: the box stays and says so.
        fx.key(&mut app, KeyCode::Enter);
        assert!(app.overlays.is_open::<MarkInput>());
        assert!(says(&app).starts_with("type the reason"), "{}", says(&app));
        fx.typed(&mut app, "Anu is on parental leave");
        fx.key(&mut app, KeyCode::Enter);
        assert!(!app.overlays.is_open::<MarkInput>(), "{}", says(&app));
        assert!(!ids(&app).contains(&item.id));
        assert!(says(&app).starts_with(&format!("dismissed {}: ", item.id)), "{}", says(&app));
        assert_eq!(due(&app, &fx), (before.0 - 1, before.1));
        let page = fx.store.events_page(item.client.unwrap(), None, 5).unwrap();
        assert_eq!(
            page.events[0].text,
            "Dismissed from the agenda: Check in with Lumikko Retail Oy — Anu is on parental leave"
        );
        // The dismissal holds a month on; `u` is past its window then.
        fx.now += Duration::days(30);
        app.tick(&fx.env()).unwrap();
        assert!(!ids(&app).contains(&item.id));
        fx.press(&mut app, "u");
        assert!(says(&app).contains("`rapport delete "), "{}", says(&app));
    }

    #[test]
    fn a_duration_that_does_not_read_keeps_the_box_and_esc_keeps_the_item() {
        use rapport::app::agenda::MarkInput;
        let fx = Fixture::demo();
        let mut app = fx.app();
        open(&fx, &mut app);
        let item = current(&app);
        fx.press(&mut app, "z");
        fx.key(&mut app, KeyCode::Enter);
        assert!(says(&app).starts_with("type how long"), "{}", says(&app));
        fx.typed(&mut app, "soonish");
        let preview = app.overlays.get::<MarkInput>().unwrap().preview.clone();
        assert!(preview.contains("is no duration"), "{preview}");
        fx.key(&mut app, KeyCode::Enter);
        assert!(app.overlays.is_open::<MarkInput>());
        assert!(says(&app).contains("is no duration"), "{}", says(&app));
        fx.key(&mut app, KeyCode::Esc);
        assert!(!app.overlays.is_open::<MarkInput>());
        assert!(ids(&app).contains(&item.id), "nothing written");
        assert_eq!(says(&app), "cancelled: the item stays on the agenda");
    }

    #[test]
    fn items_about_the_practice_say_why_they_cannot_be_marked() {
        use rapport::app::agenda::MarkInput;
        let mut fx = Fixture::demo();
        // One active client is a practice over capacity.
        fx.config.thresholds.active_clients = 1;
        let mut app = fx.app();
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::Capacity, |_| true);
        for key in ["z", "x"] {
            fx.press(&mut app, key);
            assert!(!app.overlays.is_open::<MarkInput>());
            assert!(
                says(&app).contains("is about your practice, not one client"),
                "{key}: {}",
                says(&app)
            );
        }
        // Outside the agenda, z says where it works.
        fx.act(&mut app, Action::Back);
        fx.press(&mut app, "z");
        assert_eq!(says(&app), "z snoozes an item in the agenda (A opens it)");
    }

    #[test]
    fn d_marks_a_follow_up_done_and_u_brings_it_back() {
        use rapport::model::{Event, EventId, Kind};
        let fx = Fixture::demo();
        let mut app = fx.app();
        let row = (app.clients.iter())
            .find(|r| r.client.alias.as_deref() == Some("nordpay"))
            .unwrap();
        let at = fx.now - Duration::days(3);
        // What `rapport follow nordpay "ask about the play" --on today` writes.
        let follow = Event {
            id: EventId::new_at(at.timestamp_millis() as u64),
            client: row.client.id,
            at,
            kind: Kind::Note,
            text: "ask about the Christmas play".into(),
            follow: Some(fx.now.date_naive()),
            created: at,
            ..Event::default()
        };
        fx.store.save_events(&[follow], &[], fx.now).unwrap();
        app.reload(&fx.env()).unwrap();
        let count = |app: &App| {
            let clients = (app.clients.iter()).map(|r| (r.client.clone(), r.summary.clone()));
            rapport::insight::Due::of(clients, fx.now, false).follow_ups
        };
        assert_eq!(count(&app), 1);
        open(&fx, &mut app);
        to_item(&fx, &mut app, ItemKind::CheckIn, |_| true);
        fx.press(&mut app, "d");
        assert!(says(&app).starts_with("only a follow-up is done"), "{}", says(&app));
        to_item(&fx, &mut app, ItemKind::FollowUp, |t| t.contains("Christmas"));
        let item = current(&app);
        assert_eq!(item.title, "Follow up with Nordpay Oy: ask about the Christmas play");
        fx.press(&mut app, "d");
        assert_eq!(app.view, View::Agenda, "still in the agenda");
        assert!(!ids(&app).contains(&item.id), "gone at once: {:#?}", titles(&app));
        assert_eq!(
            says(&app),
            format!(
                "done {}: ‘Follow up with Nordpay Oy: ask about the…’ (u takes it back)",
                item.id
            )
        );
        assert_eq!(count(&app), 0);
        fx.press(&mut app, "u");
        assert!(ids(&app).contains(&item.id), "{}", says(&app));
        assert!(says(&app).starts_with("took back the done mark of"), "{}", says(&app));
        assert_eq!(count(&app), 1);
    }

    #[test]
    fn a_birthday_today_is_in_the_status_bar_and_d_marks_it_done() {
        let fx = Fixture::demo();
        let mut app = fx.app();
        let before = app.due.line();
        let row = (app.clients.iter())
            .find(|r| r.client.alias.as_deref() == Some("nordpay"))
            .unwrap();
        let mut person = fx.store.people(Some(row.client.id)).unwrap().remove(0);
        let today = fx.now.date_naive().format("%m-%d").to_string();
        person.birthday = Some(today.parse().unwrap());
        fx.store.put_person(&person).unwrap();
        app.refresh(&[person.client], &fx.env()).unwrap();
        assert!(app.due.line().ends_with("1 birthday today"), "{}", app.due.line());
        open(&fx, &mut app);
        let birthday = format!("{}'s birthday today", person.name);
        to_item(&fx, &mut app, ItemKind::Date, |t| t.starts_with(&birthday));
        fx.press(&mut app, "d");
        assert_eq!(app.view, View::Agenda, "still in the agenda");
        assert!(says(&app).starts_with("done "), "{}", says(&app));
        assert!(!titles(&app).iter().any(|t| t.starts_with(&birthday)));
        assert_eq!(app.due.line(), before);
    }
}
