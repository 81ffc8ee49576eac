//! The pre-call brief of one client — concerns, who is who (with their personal facts and the
//! time where they are), open promises, the last events and what to open with — built once
//! here, so `rapport brief` (text) and the dashboard's client detail (a pane) show the same
//! content and differ only in layout.

use super::{check_in, coverage, days_since_contact, opener, today, trust_trend, CheckIn, Gap};
use super::{local_time, LocalTime, Trend};
use crate::model::{Client, Event, Person, PersonId, Role, Summary};
use crate::when;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Events the brief lists (the newest live ones).
pub const LAST_EVENTS: usize = 5;
/// Personal openers, from the people contacted most recently.
const PERSONAL_OPENERS: usize = 3;

/// What the brief says about one client.
#[derive(Clone, Debug)]
pub struct Brief {
    pub trust: f64,
    pub trend: Trend,
    pub days_since_contact: Option<i64>,
    pub check_in: Option<CheckIn>,
    /// `replication lag at month-end (since 2026-09-01)`.
    pub concerns: Vec<String>,
    /// The live people, managers first, then gatekeepers, then the rest.
    pub people: Vec<Who>,
    /// `Send the runbook (overdue since 2026-11-20)`.
    pub promises: Vec<String>,
    /// `2026-10-13 10:00  call with Mikko Virtanen: Failover test went fine`.
    pub last_events: Vec<String>,
    /// `Ask Mikko about: the fishing trip to Lapland`, then what the relationship suggests.
    pub openers: Vec<String>,
}

/// One person in the brief.
#[derive(Clone, Debug)]
pub struct Who {
    pub role: Role,
    /// `Mikko Virtanen, Sysadmin — gatekeeper, ally; last contact 41d ago`.
    pub line: String,
    /// The time where they are, when their zone is known.
    pub local: Option<LocalTime>,
    /// Their facts, newest first.
    pub facts: Vec<String>,
    /// Their birthday and work anniversary, when known ("birthday 03-14 (next …)").
    pub dates: Vec<String>,
}

/// What the brief is made of: one client's summary, its live people (in the order shown)
/// and its newest events (`names` names the people in them, removed ones included).
pub struct Sources<'a> {
    pub client: &'a Client,
    pub summary: &'a Summary,
    pub people: &'a [Person],
    pub recent: &'a [Event],
    pub names: &'a HashMap<PersonId, String>,
}

impl Brief {
    pub fn of(sources: &Sources, now: DateTime<Utc>, half_life_days: f64) -> Self {
        let Sources {
            client,
            summary,
            people,
            recent,
            names,
        } = *sources;
        let today = today(now);
        let promises = (summary.open_promises.iter())
            .map(|p| {
                let due = match p.due {
                    Some(due) if due < today => format!(" (overdue since {due})"),
                    Some(due) => format!(" (due {due})"),
                    None => String::new(),
                };
                format!("{}{due}", p.text.trim())
            })
            .collect();
        Brief {
            trust: summary.trust.at(now, half_life_days),
            trend: trust_trend(summary, now, half_life_days),
            days_since_contact: days_since_contact(summary, now),
            check_in: check_in(client, summary, now),
            concerns: (client.concerns.iter())
                .map(|c| format!("{} (since {})", c.text, c.since))
                .collect(),
            people: people.iter().map(|p| who(p, summary, now)).collect(),
            promises,
            last_events: (recent.iter().filter(|e| e.is_live()))
                .take(LAST_EVENTS)
                .map(|e| event_line(e, names))
                .collect(),
            openers: openers(client, summary, people, now),
        }
    }
}

fn who(person: &Person, summary: &Summary, now: DateTime<Utc>) -> Who {
    let days = (summary.last_contact_by_person.get(&person.id)).map(|t| (now - *t).num_days());
    let title = (person.title.as_deref())
        .map(|t| format!(", {t}"))
        .unwrap_or_default();
    let contact = match days {
        Some(_) => format!("last contact {}", when::ago(days, "d ago")),
        None => "never contacted".into(),
    };
    let mut facts: Vec<_> = person.facts.iter().collect();
    facts.sort_by_key(|f| std::cmp::Reverse(f.noted));
    Who {
        role: person.role,
        line: format!(
            "{}{title} — {}, {}; {contact}",
            person.name, person.role, person.stance
        ),
        local: (person.time_zone.as_deref()).and_then(|zone| local_time(zone, now)),
        facts: facts.iter().map(|f| f.text.trim().to_string()).collect(),
        dates: (person.dates())
            .map(|d| super::date_line(d, super::today(now)))
            .collect(),
    }
}

fn event_line(event: &Event, names: &HashMap<PersonId, String>) -> String {
    let with: Vec<&str> = (event.people.iter())
        .filter_map(|p| names.get(p).map(String::as_str))
        .collect();
    let with = if with.is_empty() {
        String::new()
    } else {
        format!(" with {}", with.join(", "))
    };
    let text = event.text.replace('\n', " ⏎ ");
    let private = if event.private { " [private]" } else { "" };
    format!(
        "{}  {}{with}: {text}{private}",
        when::show(event.at),
        event.kind
    )
}

/// Personal openers first (the people you talk to most recently first), then what the
/// relationship itself suggests: a concern to follow up, a gap to mend.
fn openers(
    client: &Client,
    summary: &Summary,
    people: &[Person],
    now: DateTime<Utc>,
) -> Vec<String> {
    let mut by_recency: Vec<&Person> = people.iter().filter(|p| !p.facts.is_empty()).collect();
    by_recency.sort_by_key(|p| std::cmp::Reverse(summary.last_contact_by_person.get(&p.id)));
    let mut lines: Vec<String> = (by_recency.into_iter())
        .filter_map(opener)
        .take(PERSONAL_OPENERS)
        .collect();
    if let Some(concern) = client.concerns.last() {
        lines.push(format!("Follow up on: {}", concern.text));
    }
    let name = |id: &PersonId| {
        (people.iter().find(|p| p.id == *id)).map_or_else(|| "them".to_string(), |p| p.name.clone())
    };
    for gap in coverage(client, summary, people, now) {
        lines.push(match gap {
            Gap::SingleThreaded { person } => {
                format!("Ask {} who else should hear about this", name(&person))
            }
            Gap::NoManagerContact { .. } => "Ask to include a manager in the next update".into(),
            Gap::Unthanked { person, .. } => format!("Thank {} for their help", name(&person)),
        });
    }
    lines
}
