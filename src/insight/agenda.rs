//! The agenda: everything the other insights say needs doing, as one list with a reason per
//! item — check-ins due, promises due, people gone quiet, coverage gaps, advice to bill, and
//! capacity. Check-ins (and quiet people) come with an opener drawn from a personal fact,
//! because the first minute of a welfare call should be about the person.

mod cap;
mod ids;
mod mark;

pub use cap::{capped, GROUP_CAP};
pub use ids::{item_id, normalise as normalise_id};
pub use mark::{mark_note, snooze_until, Mark, MarkError};

use super::{
    advice_nudge, capacity, check_in, coverage, date_id, dates_coming, follow_up_id,
    follow_ups_due, promises_due, today, CheckIn, DateComing, Gap, PromiseState, Rules,
};
use crate::model::{
    Client, ClientId, ClientState, DateKind, EventId, Fact, OpenFollowUp, OpenPromise, Person,
    PersonId, Role, Stance, Summary,
};
use chrono::{DateTime, Duration, Local, NaiveDate, Utc};
use serde::Serialize;

/// Allies and champions not contacted in this many days are worth a note.
pub const QUIET_PERSON_DAYS: i64 = 90;
/// Contacts after hours or at the weekend in a week before they are a pattern worth a note
/// (one Saturday email is not).
pub const AFTER_HOURS_NOTE: usize = 3;

/// One client's data, as the agenda reads it.
#[derive(Clone, Copy, Debug)]
pub struct ClientData<'a> {
    pub client: &'a Client,
    pub summary: &'a Summary,
    /// The client's people (for openers and coverage).
    pub people: &'a [Person],
}

/// What an agenda item is about, in the order the agenda lists them: what matters first —
/// promises made (someone is waiting), then check-ins due, then the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Promise,
    /// A reminder written for a day (`follow:fri`), after the promises: nobody is waiting.
    FollowUp,
    /// A birthday or a work anniversary, from a few days before through the day.
    Date,
    CheckIn,
    QuietPerson,
    Coverage,
    Advice,
    Capacity,
}

/// How pressing an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    Overdue,
    Today,
    Soon,
    /// Worth knowing; no day attached.
    Note,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgendaItem {
    /// Short and stable (see `ids.rs`): what `--snooze` and `--dismiss` take. Empty on the
    /// line standing for a cut group's rest.
    pub id: String,
    pub kind: ItemKind,
    pub urgency: Urgency,
    pub client: Option<ClientId>,
    pub client_name: Option<String>,
    pub person: Option<PersonId>,
    /// The promise, for promise items.
    pub event: Option<EventId>,
    /// The day the item is for (a check-in's or a promise's due day), for calendars.
    pub day: Option<NaiveDate>,
    /// What to do: "Check in with Nordpay Oy".
    pub title: String,
    /// Why: "last contact 41 days ago (every 14 days)".
    pub reason: String,
    /// Something to start the conversation with.
    pub opener: Option<String>,
    /// Set on the line that stands for the rest of a group cut short by [`capped`]: how many
    /// items it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more: Option<usize>,
}

impl AgendaItem {
    /// An item about no client or person: a note on the practice, or the line standing for a
    /// cut group's rest.
    pub(crate) fn unattached(kind: ItemKind, id: String, title: String, reason: String) -> Self {
        AgendaItem {
            id,
            kind,
            urgency: Urgency::Note,
            client: None,
            client_name: None,
            person: None,
            event: None,
            day: None,
            title,
            reason,
            opener: None,
            more: None,
        }
    }
}

/// Everything to do now, grouped by kind (`ItemKind` order), the most pressing first within
/// a kind. Former and archived clients are left out; snoozed ones only keep their promises and
/// advice (a snooze silences nagging, not commitments). Items snoozed or dismissed one by one
/// (`Summary::agenda_marks`) are left out while the mark holds.
pub fn agenda(clients: &[ClientData], rules: &Rules, now: DateTime<Utc>) -> Vec<AgendaItem> {
    let mut items: Vec<(i64, AgendaItem)> = Vec::new();
    for data in clients {
        let client = data.client;
        if client.archived || client.state == ClientState::Former {
            continue;
        }
        let snoozed = client.snooze_until.is_some_and(|u| u >= today(now));
        let start = items.len();
        if let Some(due) = check_in(client, data.summary, now) {
            items.push(check_in_item(data, &due));
        }
        for (promise, state) in promises_due(data.summary, today(now)) {
            items.push(promise_item(client, promise, state, today(now)));
        }
        for follow in follow_ups_due(data.summary, today(now)) {
            items.push(follow_up_item(data, follow, today(now)));
        }
        let dates = data.people.iter().flat_map(Person::dates);
        for coming in dates_coming(dates, today(now)) {
            items.push(date_item(data, &coming));
        }
        if !snoozed {
            items.extend(quiet_people(data, now));
            let gaps = coverage(client, data.summary, data.people, now);
            items.extend(gaps.iter().map(|gap| coverage_item(data, gap, now)));
        }
        if let Some(nudge) = advice_nudge(data.summary, now, rules.free_advice_minutes) {
            let mut item = item(ItemKind::Advice, Urgency::Note, client, "advice");
            item.title = format!("Name a price at {}", client.name);
            item.reason = format!(
                "{} of unbilled advice in 30 days (threshold {}): name a price or ask for prepayment",
                minutes(nudge.minutes),
                minutes(nudge.threshold)
            );
            items.push((-i64::from(nudge.minutes), item));
        }
        unmarked(&mut items, start, data.summary, today(now));
    }
    items.extend(capacity_items(clients, rules, now));
    items.sort_by(|(ka, a), (kb, b)| {
        (a.kind, a.urgency, ka, &a.client_name, &a.title).cmp(&(
            b.kind,
            b.urgency,
            kb,
            &b.client_name,
            &b.title,
        ))
    });
    items.into_iter().map(|(_, item)| item).collect()
}

/// The id of `client`'s check-in item. After the next contact a check-in is a new one, which
/// a mark on this one leaves alone.
pub fn check_in_id(client: &Client, summary: &Summary) -> String {
    let last = summary.last_contact.map_or(0, |t| t.timestamp_millis());
    item_id(&format!("check-in/{last}/{}", client.id))
}

/// The id of the item for keeping `promise` to `client`.
pub fn promise_id(client: &Client, promise: EventId) -> String {
    item_id(&format!("promise/{promise}/{}", client.id))
}

/// Whether the item `id` of the client with `summary` is snoozed or dismissed on `today`.
pub fn is_marked(summary: &Summary, id: &str, today: NaiveDate) -> bool {
    (summary.agenda_marks.get(id)).is_some_and(|m| m.hides(today))
}

/// Drops the client's items from `start` on that a snooze or a dismissal hides on `today`.
fn unmarked(items: &mut Vec<(i64, AgendaItem)>, start: usize, summary: &Summary, today: NaiveDate) {
    let marks = &summary.agenda_marks;
    if marks.is_empty() {
        return;
    }
    let hidden = |item: &AgendaItem| is_marked(summary, &item.id, today);
    let theirs = items.split_off(start);
    items.extend(theirs.into_iter().filter(|(_, item)| !hidden(item)));
}

/// An item about `client`, its id from `key` (what it is about besides the client).
fn item(kind: ItemKind, urgency: Urgency, client: &Client, key: &str) -> AgendaItem {
    AgendaItem {
        id: item_id(&format!("{key}/{}", client.id)),
        kind,
        urgency,
        client: Some(client.id),
        client_name: Some(client.name.clone()),
        person: None,
        event: None,
        day: None,
        title: String::new(),
        reason: String::new(),
        opener: None,
        more: None,
    }
}

fn check_in_item(data: &ClientData, due: &CheckIn) -> (i64, AgendaItem) {
    let urgency = match due.days_quiet {
        Some(d) if d == i64::from(due.cadence_days) => Urgency::Today,
        _ => Urgency::Overdue,
    };
    let mut item = item(ItemKind::CheckIn, urgency, data.client, "");
    item.id = check_in_id(data.client, data.summary);
    item.day = due.due;
    item.title = format!("Check in with {}", data.client.name);
    let every = format!("every {}", days(i64::from(due.cadence_days)));
    item.reason = match due.days_quiet {
        Some(d) => format!("last contact {} ago ({every})", days(d)),
        None => format!("never contacted ({every})"),
    };
    if due.in_desert {
        item.reason += "; gone quiet: ask how they are, not for work";
    }
    let person = opener_person(data);
    item.person = person.map(|p| p.id);
    item.opener = person.and_then(opener);
    (-due.days_quiet.unwrap_or(i64::MAX / 2), item)
}

fn promise_item(
    client: &Client,
    promise: &OpenPromise,
    state: PromiseState,
    today: NaiveDate,
) -> (i64, AgendaItem) {
    let urgency = match state {
        PromiseState::Overdue => Urgency::Overdue,
        PromiseState::DueToday => Urgency::Today,
        _ => Urgency::Soon,
    };
    let mut item = item(ItemKind::Promise, urgency, client, "");
    item.id = promise_id(client, promise.event);
    item.event = Some(promise.event);
    item.day = promise.due;
    item.title = format!(
        "Keep the promise to {}: {}",
        client.name,
        promise.text.trim()
    );
    let offset = promise.due.map_or(0, |due| (due - today).num_days());
    item.reason = match state {
        PromiseState::Overdue => format!("overdue by {}", days(-offset)),
        PromiseState::DueToday => "due today".into(),
        _ => format!("due in {}", days(offset)),
    };
    (offset, item)
}

/// "Follow up with Sanna: ask about the Christmas play", from its day until done.
fn follow_up_item(data: &ClientData, follow: &OpenFollowUp, today: NaiveDate) -> (i64, AgendaItem) {
    let late = (today - follow.on).num_days();
    let urgency = if late > 0 {
        Urgency::Overdue
    } else {
        Urgency::Today
    };
    let mut item = item(ItemKind::FollowUp, urgency, data.client, "");
    item.id = follow_up_id(data.client, follow);
    item.event = Some(follow.event);
    item.day = Some(follow.on);
    item.person = follow.person;
    let person = (follow.person)
        .and_then(|id| data.people.iter().find(|p| p.id == id))
        .map(|p| first_name(&p.name));
    let with = person.unwrap_or(&data.client.name);
    item.title = format!("Follow up with {with}: {}", follow.text.trim());
    item.reason = match late {
        0 => format!("today, at {}", data.client.name),
        _ => format!(
            "since {} ({} ago), at {}",
            follow.on,
            days(late),
            data.client.name
        ),
    };
    (-late, item)
}

/// "Sanna Virtanen's birthday on Friday (Dec 4)", "Mikko: 5 years at Acme Oy on Monday".
fn date_item(data: &ClientData, coming: &DateComing) -> (i64, AgendaItem) {
    let urgency = match coming.ahead {
        0 => Urgency::Today,
        _ => Urgency::Soon,
    };
    let mut item = item(ItemKind::Date, urgency, data.client, "");
    item.id = date_id(data.client.id, coming);
    item.day = Some(coming.on);
    item.person = Some(coming.date.person);
    let person = data.people.iter().find(|p| p.id == coming.date.person);
    let name = person.map_or("someone", |p| p.name.as_str());
    let (client, on) = (&data.client.name, coming.on);
    let when = match coming.ahead {
        0 => format!("today ({})", on.format("%b %-d")),
        1 => format!("tomorrow, {} ({})", on.format("%A"), on.format("%b %-d")),
        _ => format!("on {} ({})", on.format("%A"), on.format("%b %-d")),
    };
    item.title = match (coming.date.kind, coming.years) {
        (DateKind::Birthday, _) => format!("{name}'s birthday {when}"),
        (DateKind::Anniversary, Some(years)) => {
            let years = if years == 1 {
                "1 year".to_string()
            } else {
                format!("{years} years")
            };
            format!("{}: {years} at {client} {when}", first_name(name))
        }
        (DateKind::Anniversary, None) => format!("{name}'s work anniversary at {client} {when}"),
    };
    item.reason = match coming.date.kind {
        DateKind::Birthday => format!("at {client}"),
        DateKind::Anniversary => format!("started {}", coming.date.date),
    };
    (coming.ahead, item)
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// Allies and champions not contacted for `QUIET_PERSON_DAYS` (or never, when known that long).
fn quiet_people(data: &ClientData, now: DateTime<Utc>) -> Vec<(i64, AgendaItem)> {
    let long_ago = now - Duration::days(QUIET_PERSON_DAYS);
    let mut items = Vec::new();
    for person in data.people {
        let valued = person.stance == Stance::Ally || person.role == Role::Champion;
        let last = data.summary.last_contact_by_person.get(&person.id).copied();
        let quiet = match last {
            Some(t) => t <= long_ago,
            None => person.created <= long_ago,
        };
        if !valued || !quiet {
            continue;
        }
        let key = format!("quiet/{}", person.id);
        let mut item = item(ItemKind::QuietPerson, Urgency::Note, data.client, &key);
        item.person = Some(person.id);
        item.title = format!(
            "Get back in touch with {} ({})",
            person.name, data.client.name
        );
        let who = if person.role == Role::Champion {
            "champion"
        } else {
            "ally"
        };
        item.reason = match last {
            Some(t) => format!("{who}, last contact {} ago", days((now - t).num_days())),
            None => format!("{who}, never contacted"),
        };
        item.opener = opener(person);
        let silence = last.map_or(i64::MAX / 2, |t| (now - t).num_days());
        items.push((-silence, item));
    }
    items
}

fn coverage_item(data: &ClientData, gap: &Gap, now: DateTime<Utc>) -> (i64, AgendaItem) {
    let name = &data.client.name;
    let person = |id: &PersonId| data.people.iter().find(|p| p.id == *id);
    let person_name =
        |id: &PersonId| person(id).map_or_else(|| "someone".into(), |p| p.name.clone());
    let key = match gap {
        Gap::SingleThreaded { .. } => "coverage/threads".to_string(),
        Gap::NoManagerContact { .. } => "coverage/managers".to_string(),
        Gap::Unthanked { person, .. } => format!("coverage/thanks/{person}"),
    };
    let mut item = item(ItemKind::Coverage, Urgency::Note, data.client, &key);
    match gap {
        Gap::SingleThreaded { person } => {
            item.person = Some(*person);
            item.title = format!("Widen the thread at {name}");
            item.reason = format!(
                "all contact in {} days went through {}",
                super::COVERAGE_DAYS,
                person_name(person)
            );
        }
        Gap::NoManagerContact { known: true } => {
            item.title = format!("Talk to a manager at {name}");
            item.reason = format!("no manager contact in {} days", super::COVERAGE_DAYS);
        }
        Gap::NoManagerContact { known: false } => {
            item.title = format!("Find out who manages the work at {name}");
            item.reason = "no manager on record".into();
        }
        Gap::Unthanked { person, last } => {
            item.person = Some(*person);
            item.title = format!("Thank {} ({name})", person_name(person));
            item.reason = match last {
                Some(t) => format!(
                    "gatekeeper you work with, last recognised {} ago",
                    days((now - *t).num_days())
                ),
                None => "gatekeeper you work with, never recognised (a win or #thanks)".into(),
            };
        }
    }
    (0, item)
}

fn capacity_items(
    clients: &[ClientData],
    rules: &Rules,
    now: DateTime<Utc>,
) -> Vec<(i64, AgendaItem)> {
    let pairs: Vec<(&Client, &Summary)> = clients.iter().map(|d| (d.client, d.summary)).collect();
    let cap = capacity(&pairs, rules.active_clients, now, &Local);
    let name_of = |id: &ClientId| {
        (clients.iter().find(|d| d.client.id == *id)).map_or("?", |d| d.client.name.as_str())
    };
    let note = |key: &str, title: String, reason: String| {
        let id = item_id(&format!("capacity/{key}"));
        (
            0,
            AgendaItem::unattached(ItemKind::Capacity, id, title, reason),
        )
    };
    let mut items = Vec::new();
    if cap.over() {
        items.push(note(
            "over",
            "More active clients than you can keep warm".into(),
            format!(
                "{} active in the last {} days; capacity {}",
                cap.active.len(),
                super::ACTIVE_DAYS,
                cap.capacity
            ),
        ));
    }
    if cap.burst() {
        let names: Vec<&str> = cap.woke.iter().map(name_of).collect();
        items.push(note(
            "burst",
            format!("{} clients woke up at once", cap.woke.len()),
            format!(
                "{} became active this week after {} quiet days",
                names.join(", "),
                super::QUIET_BEFORE_DAYS
            ),
        ));
    }
    if cap.after_hours + cap.weekend >= AFTER_HOURS_NOTE {
        items.push(note(
            "hours",
            "Evenings and weekends".into(),
            format!(
                "{} after hours and {} at the weekend in the last {} days",
                contacts(cap.after_hours),
                contacts(cap.weekend),
                super::ACTIVE_DAYS
            ),
        ));
    }
    items
}

/// The person to open a check-in with: one with a personal fact, the most recently contacted
/// first (the one you actually talk to), then managers before others.
pub fn opener_person<'a>(data: &ClientData<'a>) -> Option<&'a Person> {
    let last = |p: &Person| data.summary.last_contact_by_person.get(&p.id).copied();
    (data.people.iter())
        .filter(|p| p.facts.iter().any(Fact::is_personal))
        .min_by_key(|p| {
            (
                std::cmp::Reverse(last(p)),
                p.role != Role::Manager,
                p.name.clone(),
            )
        })
}

/// "Ask Mikko about: weekend fishing in Lapland": the person's most recent personal fact as a
/// question to open with (practical ones, "invoices must quote PO 4500-1187", never are).
pub fn opener(person: &Person) -> Option<String> {
    let personal = person.facts.iter().filter(|f| f.is_personal());
    let fact = personal.max_by_key(|f| f.noted)?;
    let text = fact.text.trim().trim_end_matches('.');
    let first = person
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&person.name);
    (!text.is_empty()).then(|| format!("Ask {first} about: {text}"))
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn minutes(n: u32) -> String {
    match (n / 60, n % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn contacts(n: usize) -> String {
    if n == 1 {
        "1 contact".into()
    } else {
        format!("{n} contacts")
    }
}

#[cfg(test)]
mod tests;
