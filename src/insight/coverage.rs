//! Coverage: who the relationship runs through. A client whose recent contact went through
//! one person is one resignation away from silence; one whose managers nobody spoke to lately
//! is where you meet the CIO for the first time when a project is already in trouble; and a
//! gatekeeper whose help goes unrecognised stops helping.

use crate::model::{Client, ClientState, Person, PersonId, Role, Summary};
use chrono::{DateTime, Duration, Utc};

/// How far back contact counts for coverage.
pub const COVERAGE_DAYS: i64 = 90;
/// How recently a gatekeeper should have been recognised (a `win` with them or `#thanks`).
pub const THANKS_DAYS: i64 = 90;
/// New clients and new people get this many days before coverage speaks about them: a client
/// added today has one thread and no manager yet, and a gatekeeper met yesterday has not been
/// "never recognised" — that is how every relationship starts, not a gap.
pub const GRACE_DAYS: i64 = 30;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Every contact of the last `COVERAGE_DAYS` went through this one person.
    SingleThreaded { person: PersonId },
    /// No manager was contacted in `COVERAGE_DAYS`; `known` says whether any is on record.
    NoManagerContact { known: bool },
    /// A gatekeeper worked with lately whose contribution was not recognised in
    /// `THANKS_DAYS` (`last`: when it last was).
    Unthanked {
        person: PersonId,
        last: Option<DateTime<Utc>>,
    },
}

/// The coverage gaps of a current client (none for former or archived ones, and none about
/// the client or a person within `GRACE_DAYS` of their start).
pub fn coverage(
    client: &Client,
    summary: &Summary,
    people: &[Person],
    now: DateTime<Utc>,
) -> Vec<Gap> {
    if client.archived || client.state == ClientState::Former {
        return Vec::new();
    }
    let recent =
        |t: Option<&DateTime<Utc>>, days| t.is_some_and(|t| *t > now - Duration::days(days));
    let contacted = |p: &PersonId| recent(summary.last_contact_by_person.get(p), COVERAGE_DAYS);
    let new =
        |since: Option<DateTime<Utc>>| since.is_some_and(|t| t > now - Duration::days(GRACE_DAYS));
    let mut gaps = Vec::new();
    if new(super::started(client, summary)) {
        // Only people can be owed recognition this early; a new client's threads are young.
        return unthanked(summary, people, now, &new);
    }
    let threads: Vec<&PersonId> = (summary.last_contact_by_person.keys())
        .filter(|p| contacted(p))
        .collect();
    if let [only] = threads[..] {
        gaps.push(Gap::SingleThreaded { person: *only });
    }
    let managers: Vec<&Person> = people.iter().filter(|p| p.role == Role::Manager).collect();
    if !managers.iter().any(|m| contacted(&m.id)) {
        gaps.push(Gap::NoManagerContact {
            known: !managers.is_empty(),
        });
    }
    gaps.extend(unthanked(summary, people, now, &new));
    gaps
}

/// Gatekeepers worked with lately, known longer than `GRACE_DAYS`, not recognised lately.
fn unthanked(
    summary: &Summary,
    people: &[Person],
    now: DateTime<Utc>,
    new: &dyn Fn(Option<DateTime<Utc>>) -> bool,
) -> Vec<Gap> {
    let recent =
        |t: Option<&DateTime<Utc>>, days| t.is_some_and(|t| *t > now - Duration::days(days));
    let gatekeepers = people.iter().filter(|p| p.role == Role::Gatekeeper);
    (gatekeepers.filter(|p| !new(Some(p.created))))
        .filter_map(|gatekeeper| {
            let last = summary.last_thanks_by_person.get(&gatekeeper.id);
            let worked_with = recent(
                summary.last_contact_by_person.get(&gatekeeper.id),
                COVERAGE_DAYS,
            );
            (worked_with && !recent(last, THANKS_DAYS)).then(|| Gap::Unthanked {
                person: gatekeeper.id,
                last: last.copied(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::fixture::{days_ago, event, now, person, quiet_for, summary_of};
    use crate::model::{Event, Kind};

    fn with(mut e: Event, people: &[&Person]) -> Event {
        e.people = people.iter().map(|p| p.id).collect();
        e
    }

    #[test]
    fn one_person_in_ninety_days_is_single_threaded() {
        let (client, _) = quiet_for(0);
        let boss = person("Anna Berg", Role::Manager);
        let admin = person("Jari", Role::Other);
        let people = [boss.clone(), admin.clone()];
        let summary = summary_of(&[
            with(event(Kind::Call, days_ago(5), 1), &[&admin]),
            with(event(Kind::Call, days_ago(91), 1), &[&boss]),
        ]);
        let gaps = coverage(&client, &summary, &people, now());
        assert_eq!(
            gaps,
            [
                Gap::SingleThreaded { person: admin.id },
                Gap::NoManagerContact { known: true }
            ]
        );
        // The manager on the edge of the window: 89 days ago counts.
        let summary = summary_of(&[
            with(event(Kind::Call, days_ago(5), 1), &[&admin]),
            with(event(Kind::Email, days_ago(89), 0), &[&boss]),
        ]);
        assert!(coverage(&client, &summary, &people, now()).is_empty());
    }

    #[test]
    fn notes_to_self_are_not_contact_and_no_manager_known_is_said() {
        let (client, _) = quiet_for(0);
        let admin = person("Jari", Role::Other);
        let summary = summary_of(&[with(event(Kind::Note, days_ago(1), 0), &[&admin])]);
        assert_eq!(
            coverage(&client, &summary, &[admin], now()),
            [Gap::NoManagerContact { known: false }]
        );
    }

    #[test]
    fn gatekeepers_worked_with_and_not_thanked_are_flagged() {
        let (client, _) = quiet_for(0);
        let boss = person("Anna Berg", Role::Manager);
        let thanked = person("Mikko", Role::Gatekeeper);
        let forgotten = person("Liisa", Role::Gatekeeper);
        let absent = person("Pekka", Role::Gatekeeper);
        let mut thanks = with(event(Kind::Note, days_ago(30), 0), &[&thanked]);
        thanks.tags = vec!["#Thanks".into()];
        let summary = summary_of(&[
            with(
                event(Kind::Meeting, days_ago(3), 1),
                &[&boss, &thanked, &forgotten],
            ),
            thanks,
            with(event(Kind::Win, days_ago(120), 2), &[&forgotten]),
        ]);
        let people = [boss, thanked, forgotten.clone(), absent];
        assert_eq!(
            coverage(&client, &summary, &people, now()),
            [Gap::Unthanked {
                person: forgotten.id,
                last: Some(days_ago(120))
            }]
        );
    }

    #[test]
    fn new_clients_and_new_people_have_a_grace_period() {
        let (mut client, _) = quiet_for(0);
        let mut admin = person("Jari", Role::Gatekeeper);
        let summary = summary_of(&[with(event(Kind::Call, days_ago(1), 1), &[&admin])]);
        // Added today, one call with a gatekeeper: no gap about threads, managers or thanks.
        client.created = days_ago(0);
        admin.created = days_ago(0);
        let people = [admin.clone()];
        assert_eq!(coverage(&client, &summary, &people, now()), []);
        // A month in (day 31), the client's gaps speak; the gatekeeper added today does not.
        client.created = days_ago(31);
        assert_eq!(
            coverage(&client, &summary, &people, now()),
            [
                Gap::SingleThreaded { person: admin.id },
                Gap::NoManagerContact { known: false }
            ]
        );
        // Known a month too: now they are owed a thank-you.
        admin.created = days_ago(31);
        let gaps = coverage(&client, &summary, &[admin.clone()], now());
        assert_eq!(gaps.len(), 3, "{gaps:?}");
        // A new client with notes back-dated a year started a year ago: no grace.
        client.created = days_ago(0);
        let summary = summary_of(&[
            with(event(Kind::Note, days_ago(365), 0), &[]),
            with(event(Kind::Call, days_ago(1), 1), &[&admin]),
        ]);
        assert_eq!(coverage(&client, &summary, &[admin], now()).len(), 3);
    }

    #[test]
    fn former_and_archived_clients_have_no_gaps() {
        let (mut client, summary) = quiet_for(200);
        client.state = ClientState::Former;
        assert!(coverage(&client, &summary, &[], now()).is_empty());
        client.state = ClientState::Active;
        client.archived = true;
        assert!(coverage(&client, &summary, &[], now()).is_empty());
        client.archived = false;
        assert_eq!(coverage(&client, &summary, &[], now()).len(), 1);
    }
}
