use super::*;
use crate::insight::fixture::{
    day, days_ago, event, now, person, quiet_for, summary_of, with_fact,
};
use crate::model::{ContactStyle, Event, EventId, Kind, PromiseInfo};

fn client(name: &str, cadence: u32) -> Client {
    let (mut client, _) = quiet_for(0);
    client.id = ClientId::new_at(name.len() as u64);
    client.name = name.into();
    client.cadence_days = cadence;
    client
}

fn call(days: i64, people: &[&Person]) -> Event {
    let mut e = event(Kind::Call, days_ago(days), 1);
    e.people = people.iter().map(|p| p.id).collect();
    e
}

fn promise(text: &str, due: NaiveDate) -> Event {
    let mut e = event(Kind::Promise, days_ago(20), 0);
    e.text = text.into();
    e.promise = Some(PromiseInfo {
        due: Some(due),
        ..PromiseInfo::default()
    });
    e
}

struct World {
    clients: Vec<Client>,
    summaries: Vec<Summary>,
    people: Vec<Vec<Person>>,
}

impl World {
    fn add(&mut self, client: Client, events: &[Event], people: Vec<Person>) {
        self.clients.push(client);
        self.summaries.push(summary_of(events));
        self.people.push(people);
    }

    fn agenda(&self, rules: &Rules) -> Vec<AgendaItem> {
        let data: Vec<ClientData> = (0..self.clients.len())
            .map(|i| ClientData {
                client: &self.clients[i],
                summary: &self.summaries[i],
                people: &self.people[i],
            })
            .collect();
        agenda(&data, rules, now())
    }
}

fn world() -> World {
    let mut w = World {
        clients: Vec::new(),
        summaries: Vec::new(),
        people: Vec::new(),
    };
    let boss = person("Mikko Virtanen", Role::Manager);
    let mikko = with_fact(
        with_fact(boss, "two boys in junior ice hockey", day(2026, 1, 5)),
        "the fishing trip to Lapland.",
        day(2026, 6, 1),
    );
    w.add(
        client("Nordpay Oy", 14),
        &[call(41, &[&mikko])],
        vec![mikko],
    );
    let anna = person("Anna Berg", Role::Manager);
    w.add(client("Beta AB", 30), &[call(30, &[&anna])], vec![anna]);
    let mut snoozed = client("Snoozed Ltd", 30);
    snoozed.snooze_until = Some(day(2026, 12, 24));
    let lars = person("Lars Holm", Role::Manager);
    w.add(
        snoozed,
        &[
            call(60, &[&lars]),
            promise("send the runbook", day(2026, 11, 20)),
        ],
        vec![lars],
    );
    let mut archived = client("Gone GmbH", 30);
    archived.archived = true;
    w.add(archived, &[promise("old", day(2026, 11, 1))], vec![]);
    let mut ambient = client("Ambient AS", 30);
    ambient.style = ContactStyle::Ambient;
    let mut advice = event(Kind::Advice, days_ago(3), 1);
    advice.minutes = Some(150);
    let eva = person("Eva", Role::Manager);
    w.add(ambient, &[advice, call(2, &[&eva])], vec![eva]);
    w
}

#[test]
fn the_agenda_lists_what_needs_doing_with_reasons() {
    let items = world().agenda(&Rules::default());
    let lines: Vec<String> = items
        .iter()
        .map(|i| format!("{:?}/{:?}: {} — {}", i.kind, i.urgency, i.title, i.reason))
        .collect();
    assert_eq!(
        lines,
        [
            "Promise/Overdue: Keep the promise to Snoozed Ltd: send the runbook — overdue by 3 days",
            "CheckIn/Overdue: Check in with Nordpay Oy — last contact 41 days ago (every 14 days); gone quiet: ask how they are, not for work",
            "CheckIn/Today: Check in with Beta AB — last contact 30 days ago (every 30 days)",
            "Coverage/Note: Widen the thread at Ambient AS — all contact in 90 days went through Eva",
            "Coverage/Note: Widen the thread at Beta AB — all contact in 90 days went through Anna Berg",
            "Coverage/Note: Widen the thread at Nordpay Oy — all contact in 90 days went through Mikko Virtanen",
            "Advice/Note: Name a price at Ambient AS — 2 h 30 min of unbilled advice in 30 days (threshold 2 h): name a price or ask for prepayment",
        ]
    );
    assert_eq!(
        items[1].opener.as_deref(),
        Some("Ask Mikko about: the fishing trip to Lapland")
    );
    assert_eq!(items[1].day, Some(day(2026, 10, 27)));
    assert_eq!(items[0].day, Some(day(2026, 11, 20)));
}

#[test]
fn capacity_items_follow_the_configured_capacity() {
    let rules = Rules {
        active_clients: 0,
        ..Rules::default()
    };
    let items = world().agenda(&rules);
    let capacity: Vec<&AgendaItem> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Capacity)
        .collect();
    assert_eq!(capacity.len(), 1, "{capacity:?}");
    assert_eq!(
        capacity[0].reason,
        "1 active in the last 7 days; capacity 0"
    );
}

#[test]
fn quiet_allies_get_an_opener_too() {
    let mut w = world();
    let mut ally = with_fact(
        person("Sari Laine", Role::Other),
        "new puppy",
        day(2026, 3, 1),
    );
    ally.stance = Stance::Ally;
    let summary = summary_of(&[call(120, &[&ally]), call(1, &[])]);
    w.people[1].push(ally);
    w.summaries[1] = summary;
    let items = w.agenda(&Rules::default());
    let quiet = items
        .iter()
        .find(|i| i.kind == ItemKind::QuietPerson)
        .expect("a quiet ally");
    assert_eq!(quiet.title, "Get back in touch with Sari Laine (Beta AB)");
    assert_eq!(quiet.reason, "ally, last contact 120 days ago");
    assert_eq!(quiet.opener.as_deref(), Some("Ask Sari about: new puppy"));
}

#[test]
fn an_opener_needs_a_fact() {
    assert_eq!(opener(&person("Nobody", Role::Other)), None);
}

#[test]
fn openers_come_from_personal_facts_only() {
    let sanna = with_fact(
        person("Sanna Koski", Role::Billing),
        "invoices must quote PO 4500-1187",
        day(2026, 11, 1),
    );
    assert_eq!(opener(&sanna), None);
    let sanna = with_fact(sanna, "ran the Helsinki half marathon", day(2026, 5, 1));
    assert_eq!(
        opener(&sanna).as_deref(),
        Some("Ask Sanna about: ran the Helsinki half marathon")
    );
    let mut marked = with_fact(person("Olli", Role::Other), "likes sauna", day(2026, 6, 1));
    marked.facts[0].kind = Some(crate::model::FactKind::Practical);
    assert_eq!(opener(&marked), None);
    // The check-in's person is one with a personal fact, even if a practical-only one is
    // the more recently contacted.
    let (mut w, olli) = (world(), marked);
    w.people[1].push(olli.clone());
    w.summaries[1] = summary_of(&[call(31, &[&w.people[1][0]]), call(30, &[&olli])]);
    let items = w.agenda(&Rules::default());
    let beta = items
        .iter()
        .find(|i| i.title == "Check in with Beta AB")
        .unwrap();
    assert_eq!(
        beta.opener, None,
        "Anna has no facts and Olli only a practical one"
    );
}

#[test]
fn a_new_client_has_no_coverage_items_for_its_first_month() {
    let mut w = world();
    w.clients[1].created = now() - Duration::days(3);
    w.summaries[1] = summary_of(&[call(2, &[&w.people[1][0]])]);
    let items = w.agenda(&Rules::default());
    assert!(
        !items
            .iter()
            .any(|i| i.kind == ItemKind::Coverage && i.client_name.as_deref() == Some("Beta AB")),
        "{items:#?}"
    );
}

#[test]
fn items_snoozed_or_dismissed_stay_off_until_the_mark_ends() {
    use crate::model::mark_tag;
    let w = world();
    let items = w.agenda(&Rules::default());
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    assert!(ids.iter().all(|id| id.len() == 7), "{ids:?}");
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    assert_eq!(w.agenda(&Rules::default()), items, "and stable");
    let beta = items
        .iter()
        .find(|i| i.title == "Check in with Beta AB")
        .unwrap();
    let widen = (items.iter())
        .find(|i| i.title == "Widen the thread at Beta AB")
        .unwrap();
    let mark = |id: &str, until, at| {
        let mut note = event(Kind::Note, days_ago(at), 0);
        note.tags = vec![mark_tag(id, until)];
        note
    };
    let mut w = w;
    let anna = w.people[1][0].clone();
    w.summaries[1] = summary_of(&[
        call(30, &[&anna]),
        mark(&beta.id, Some(day(2026, 11, 30)), 1),
        mark(&widen.id, None, 1),
    ]);
    let titles = |w: &World, at| {
        let data: Vec<ClientData> = (0..w.clients.len())
            .map(|i| ClientData {
                client: &w.clients[i],
                summary: &w.summaries[i],
                people: &w.people[i],
            })
            .collect();
        (agenda(&data, &Rules::default(), at).into_iter())
            .map(|i| i.title)
            .collect::<Vec<_>>()
    };
    let now_titles = titles(&w, now());
    assert!(
        !now_titles.iter().any(|t| t.contains("Beta AB")),
        "{now_titles:?}"
    );
    // The snooze ends after 30 November; the dismissal does not.
    let later = titles(&w, now() + Duration::days(8));
    assert!(
        later.contains(&"Check in with Beta AB".to_string()),
        "{later:?}"
    );
    assert!(!later.contains(&"Widen the thread at Beta AB".to_string()));
}

fn follow_up(text: &str, on: NaiveDate, who: Option<&Person>) -> Event {
    let mut e = event(Kind::Note, days_ago(10), 0);
    e.id = EventId::new_at(chrono::Datelike::num_days_from_ce(&on) as u64);
    e.text = text.into();
    e.follow = Some(on);
    e.people = who.iter().map(|p| p.id).collect();
    e
}

#[test]
fn follow_ups_come_on_their_day_with_their_person_after_the_promises() {
    use crate::insight::Due;
    let mut w = world();
    let sanna = person("Sanna Laine", Role::Other);
    let events = [
        promise("send the plan", day(2026, 11, 23)),
        follow_up(
            "ask about the Christmas play",
            day(2026, 11, 23),
            Some(&sanna),
        ),
        follow_up("ask how the move went", day(2026, 11, 20), None),
        follow_up("not yet", day(2026, 11, 24), Some(&sanna)),
    ];
    let mut client = client("Follow Oy", 365);
    client.id = ClientId::new_at(99);
    w.add(client.clone(), &events, vec![sanna]);
    let items = w.agenda(&Rules::default());
    let theirs: Vec<String> = (items.iter())
        .filter(|i| i.client == Some(client.id) && i.kind <= ItemKind::FollowUp)
        .map(|i| format!("{:?}/{:?}: {} — {}", i.kind, i.urgency, i.title, i.reason))
        .collect();
    assert_eq!(
        theirs,
        [
            "Promise/Today: Keep the promise to Follow Oy: send the plan — due today",
            "FollowUp/Overdue: Follow up with Follow Oy: ask how the move went — since 2026-11-20 (3 days ago), at Follow Oy",
            "FollowUp/Today: Follow up with Sanna: ask about the Christmas play — today, at Follow Oy",
        ]
    );
    let pairs = |w: &World| w.clients.clone().into_iter().zip(w.summaries.clone());
    assert_eq!(Due::of(pairs(&w), now(), false).follow_ups, 2);

    // Done: a mark note closes it, in the agenda and the count alike.
    let item = items
        .iter()
        .find(|i| i.title.contains("Christmas"))
        .unwrap();
    let done = mark_note(item, &Mark::Done, now()).unwrap();
    let last = w.summaries.len() - 1;
    w.summaries[last].apply(&done, now(), 90.0);
    assert!(!w.agenda(&Rules::default()).iter().any(|i| i.id == item.id));
    assert_eq!(Due::of(pairs(&w), now(), false).follow_ups, 1);
}

#[test]
fn dates_come_three_days_ahead_after_the_follow_ups_and_count_on_their_day() {
    use crate::insight::Due;
    let mut w = world();
    let mut sanna = person("Sanna Virtanen", Role::Other);
    sanna.birthday = Some("1980-11-26".parse().unwrap());
    let mut mikko = person("Mikko Laine", Role::Gatekeeper);
    mikko.id = PersonId::new_at(77);
    mikko.anniversary = Some("2021-11-23".parse().unwrap());
    let mut later = person("Anu Later", Role::Other);
    later.id = PersonId::new_at(78);
    later.birthday = Some("11-27".parse().unwrap());
    let mut client = client("Dates Oy", 365);
    client.id = ClientId::new_at(98);
    let events = [follow_up("ask about the move", day(2026, 11, 23), None)];
    w.add(client.clone(), &events, vec![sanna, mikko, later]);
    let items = w.agenda(&Rules::default());
    let theirs: Vec<String> = (items.iter())
        .filter(|i| i.client == Some(client.id) && i.kind <= ItemKind::Date)
        .map(|i| format!("{:?}/{:?}: {} — {}", i.kind, i.urgency, i.title, i.reason))
        .collect();
    assert_eq!(
        theirs,
        [
            "FollowUp/Today: Follow up with Dates Oy: ask about the move — today, at Dates Oy",
            "Date/Today: Mikko: 5 years at Dates Oy today (Nov 23) — started 2021-11-23",
            "Date/Soon: Sanna Virtanen's birthday on Thursday (Nov 26) — at Dates Oy",
        ]
    );
    let dated = |w: &World| {
        let dates: Vec<Vec<_>> = (w.people.iter())
            .map(|p| p.iter().flat_map(Person::dates).collect())
            .collect();
        let all = w.clients.clone().into_iter().zip(w.summaries.clone());
        all.zip(dates)
            .map(|((c, s), d)| (c, s, d))
            .collect::<Vec<_>>()
    };
    let due = Due::with_dates(dated(&w).into_iter(), now(), false);
    assert_eq!((due.birthdays, due.anniversaries), (0, 1));
    assert!(
        due.line().contains("1 work anniversary today"),
        "{}",
        due.line()
    );

    // Done, as a follow-up is: off the agenda and out of the count, for this year.
    let item = (items.iter())
        .find(|i| i.title.starts_with("Mikko"))
        .unwrap();
    let done = mark_note(item, &Mark::Done, now()).unwrap();
    let last = w.summaries.len() - 1;
    w.summaries[last].apply(&done, now(), 90.0);
    assert!(!w.agenda(&Rules::default()).iter().any(|i| i.id == item.id));
    let due = Due::with_dates(dated(&w).into_iter(), now(), false);
    assert_eq!(due.anniversaries, 0);
}
