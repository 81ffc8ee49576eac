//! What each pane shows, prepared by the update step from store data and a clock, so the view
//! only formats (and can be tested with a fixed clock).

use crate::insight::{self, Gap, Trend, Warmth, COVERAGE_DAYS};
use crate::model::{Client, Event, Person, PersonId, Summary};
use chrono::{DateTime, Local, Utc};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One row of the clients pane.
#[derive(Clone, Debug)]
pub struct ClientRow {
    pub client: Client,
    pub summary: Summary,
    pub warmth: Warmth,
    pub days: Option<i64>,
    pub trust: f64,
    /// The 30-day trend, worked out when first asked for: it decays every recent trust
    /// movement, which for a thousand clients cost more than the rest of the list, and only
    /// the rows on screen need it.
    trend: OnceLock<Trend>,
    /// What the trend is worked out at.
    now: DateTime<Utc>,
    half_life: f64,
    pub check_in_due: bool,
    pub overdue_promises: usize,
    /// Unbilled advice over the threshold (`insight::advice_nudge`), set by the app, which
    /// has the config's threshold.
    pub free_advice: bool,
    /// Where the row goes in the "attention" order (shared with `rapport client list`).
    pub attention: insight::Attention,
}

impl ClientRow {
    pub fn new(client: Client, summary: Summary, now: DateTime<Utc>, half_life: f64) -> Self {
        Self {
            warmth: insight::warmth(&client, &summary, now),
            days: insight::days_since_contact(&summary, now),
            trend: OnceLock::new(),
            now,
            half_life,
            trust: summary.trust.at(now, half_life),
            check_in_due: insight::check_in_due(&client, &summary, now),
            overdue_promises: insight::overdue_promises(&summary, insight::today(now)),
            free_advice: false,
            attention: insight::attention(&client, &summary, now),
            client,
            summary,
        }
    }

    pub fn trend(&self) -> Trend {
        *(self.trend).get_or_init(|| insight::trust_trend(&self.summary, self.now, self.half_life))
    }
}

/// How the clients pane is ordered; `s` cycles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Attention,
    Name,
    LastContact,
    Trust,
}

impl Sort {
    pub fn next(self) -> Self {
        match self {
            Sort::Attention => Sort::Name,
            Sort::Name => Sort::LastContact,
            Sort::LastContact => Sort::Trust,
            Sort::Trust => Sort::Attention,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Attention => "attention",
            Sort::Name => "name",
            Sort::LastContact => "last contact",
            Sort::Trust => "trust",
        }
    }

    /// Sorts `rows`; rows alike in the chosen order sort by name (folded), then by id, so the
    /// order never depends on the order the rows came in (a row re-read after a write is
    /// appended, and must not jump past its equals).
    pub fn apply(self, rows: &mut [ClientRow]) {
        // Cached keys even where a key is cheap: the rows are large (a client and its
        // summary), and this sorts the keys and then moves each row once, where sorting the
        // rows moves them about a dozen times each (at a thousand clients the first frame's
        // two sorts took 1.5 M instructions of its 18.7 M, now 0.8 M).
        let name = |r: &ClientRow| (crate::model::fold(&r.client.name), r.client.id);
        match self {
            Sort::Attention => rows.sort_by_cached_key(|r| (r.attention, name(r))),
            Sort::Name => rows.sort_by_cached_key(name),
            Sort::LastContact => {
                rows.sort_by_cached_key(|r| (std::cmp::Reverse(r.summary.last_contact), name(r)))
            }
            Sort::Trust => rows.sort_by_cached_key(|r| (Trust(r.trust), name(r))),
        }
    }
}

/// Trust, highest first, as a key that orders every value (NaN included).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Trust(f64);

impl Eq for Trust {}

impl PartialOrd for Trust {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Trust {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.total_cmp(&self.0)
    }
}

/// One person in the stakeholders pane.
#[derive(Clone, Debug)]
pub struct PersonRow {
    pub person: Person,
    pub days: Option<i64>,
}

impl PersonRow {
    pub fn latest_fact(&self) -> Option<&str> {
        self.person
            .facts
            .iter()
            .max_by_key(|f| f.noted)
            .map(|f| f.text.as_str())
    }
}

pub fn people_rows(people: Vec<Person>, summary: &Summary, now: DateTime<Utc>) -> Vec<PersonRow> {
    let mut rows: Vec<PersonRow> = people
        .into_iter()
        .map(|person| {
            let days = summary
                .last_contact_by_person
                .get(&person.id)
                .map(|t| (now - *t).num_days());
            PersonRow { person, days }
        })
        .collect();
    rows.sort_by_cached_key(|r| {
        (
            r.person.role.group_order(),
            crate::model::fold(&r.person.name),
        )
    });
    rows
}

/// What is missing in a client's coverage (`insight::coverage`), said plainly for the
/// people pane: "no manager contact in 90 days".
pub fn coverage_lines(
    client: &Client,
    summary: &Summary,
    people: &[Person],
    now: DateTime<Utc>,
) -> Vec<String> {
    let name = |id: &PersonId| {
        (people.iter().find(|p| p.id == *id)).map_or("someone", |p| p.name.as_str())
    };
    (insight::coverage(client, summary, people, now).iter())
        .map(|gap| match gap {
            Gap::SingleThreaded { person } => {
                format!("only {} contacted in {COVERAGE_DAYS} days", name(person))
            }
            Gap::NoManagerContact { known: true } => {
                format!("no manager contact in {COVERAGE_DAYS} days")
            }
            Gap::NoManagerContact { known: false } => "no manager known".into(),
            Gap::Unthanked { person, last } => match last {
                Some(t) => format!(
                    "thank {}: last recognised {}d ago",
                    name(person),
                    (now - *t).num_days()
                ),
                None => format!("thank {}: never recognised", name(person)),
            },
        })
        .collect()
}

/// One timeline entry, with names and local time resolved.
#[derive(Clone, Debug)]
pub struct EventRow {
    pub event: Event,
    pub when: String,
    pub people: String,
    /// "edited 12 Nov 19:02 (2 versions)" on an event corrected since it was saved.
    pub edited: Option<String>,
}

impl EventRow {
    pub fn new(event: Event, names: &HashMap<PersonId, String>) -> Self {
        let when = event
            .at
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let people = event
            .people
            .iter()
            .filter_map(|p| names.get(p).cloned())
            .collect::<Vec<_>>()
            .join(", ");
        let edited = event.edited.map(|edited| {
            let at = edited.at.with_timezone(&Local).format("%-d %b %H:%M");
            format!("edited {at} ({} versions)", edited.versions())
        });
        Self {
            event,
            when,
            people,
            edited,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClientId;

    fn row(id: u64, name: &str) -> ClientRow {
        let client = Client {
            id: ClientId::new_at(id),
            name: name.into(),
            ..Client::default()
        };
        ClientRow::new(client, Summary::default(), Utc::now(), 30.0)
    }

    /// Rows alike in every order sort by name, whatever order they came in (a row re-read
    /// after a write used to land after its equals).
    #[test]
    fn ties_sort_by_name_then_id() {
        for sort in [Sort::Attention, Sort::Name, Sort::LastContact, Sort::Trust] {
            for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]] {
                let made = [
                    row(4, "beta"),
                    row(2, "Ärrä"),
                    row(3, "alpha"),
                    row(1, "beta"),
                ];
                let mut rows: Vec<ClientRow> = order.iter().map(|&i| made[i].clone()).collect();
                sort.apply(&mut rows);
                let got: Vec<(u64, &str)> = (rows.iter())
                    .map(|r| (r.client.id.0.timestamp_ms(), r.client.name.as_str()))
                    .collect();
                assert_eq!(
                    got,
                    [(3, "alpha"), (1, "beta"), (4, "beta"), (2, "Ärrä")],
                    "{sort:?} from {order:?}"
                );
            }
        }
    }
}
