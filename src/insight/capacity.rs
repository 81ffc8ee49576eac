//! Capacity: how many clients are active at once against how many one consultant can keep
//! warm, a warning when several wake up together (the week everything happens at once), and
//! how much of the contact happened after hours or at the weekend.
//!
//! After-hours is judged in the consultant's own zone, not the client's: the question is
//! whose evenings the work eats, and a call at 20:00 in Helsinki is an evening there whatever
//! the hour in New York. The caller passes the zone (`Local` at the command line).

use crate::model::{Client, ClientId, ClientState, Summary};
use chrono::{DateTime, Datelike, Duration, TimeZone, Timelike, Utc, Weekday};

/// A client with a contact in this many days is active.
pub const ACTIVE_DAYS: i64 = 7;
/// An active client with no contact in this many days before the active window woke up.
pub const QUIET_BEFORE_DAYS: i64 = 21;
/// This many clients waking up at once is a burst.
pub const BURST_CLIENTS: usize = 3;
/// Working hours, local: from 08:00 until 18:00.
pub const WORK_HOURS: std::ops::Range<u32> = 8..18;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capacity {
    /// Active clients one consultant can keep warm (`[thresholds] active_clients`).
    pub capacity: u32,
    /// Clients with a contact in the last `ACTIVE_DAYS`.
    pub active: Vec<ClientId>,
    /// Active clients that were quiet for `QUIET_BEFORE_DAYS` before.
    pub woke: Vec<ClientId>,
    /// Contacts in the last `ACTIVE_DAYS` on a weekday outside working hours.
    pub after_hours: usize,
    /// Contacts in the last `ACTIVE_DAYS` on a Saturday or Sunday.
    pub weekend: usize,
}

impl Capacity {
    pub fn over(&self) -> bool {
        self.active.len() > self.capacity as usize
    }

    pub fn burst(&self) -> bool {
        self.woke.len() >= BURST_CLIENTS
    }
}

/// Capacity over current clients (former and archived ones do not count), with after-hours
/// judged in `zone`.
pub fn capacity<Z: TimeZone>(
    clients: &[(&Client, &Summary)],
    active_clients: u32,
    now: DateTime<Utc>,
    zone: &Z,
) -> Capacity {
    let active_from = now - Duration::days(ACTIVE_DAYS);
    let quiet_from = active_from - Duration::days(QUIET_BEFORE_DAYS);
    let mut capacity = Capacity {
        capacity: active_clients,
        ..Capacity::default()
    };
    for (client, summary) in clients {
        if client.archived || client.state == ClientState::Former {
            continue;
        }
        let contacts = || summary.recent_contacts.iter().filter(|c| c.at <= now);
        let recent: Vec<DateTime<Utc>> = contacts()
            .filter(|c| c.at > active_from)
            .map(|c| c.at)
            .collect();
        if recent.is_empty() {
            continue;
        }
        capacity.active.push(client.id);
        if !contacts().any(|c| c.at > quiet_from && c.at <= active_from) {
            capacity.woke.push(client.id);
        }
        for at in recent {
            let local = at.with_timezone(zone);
            if matches!(local.weekday(), Weekday::Sat | Weekday::Sun) {
                capacity.weekend += 1;
            } else if !WORK_HOURS.contains(&local.hour()) {
                capacity.after_hours += 1;
            }
        }
    }
    capacity
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::fixture::{days_ago, event, now, quiet_for, summary_of};
    use crate::model::Kind;
    use chrono::TimeZone;
    use chrono_tz::Europe::Helsinki;

    fn client_with(contacts: &[DateTime<Utc>]) -> (Client, Summary) {
        let (mut client, _) = quiet_for(0);
        client.id = ClientId::new_at(contacts.len() as u64);
        let events: Vec<_> = contacts
            .iter()
            .map(|at| event(Kind::Call, *at, 1))
            .collect();
        (client, summary_of(&events))
    }

    fn run(clients: &[(Client, Summary)], cap: u32) -> Capacity {
        let pairs: Vec<_> = clients.iter().map(|(c, s)| (c, s)).collect();
        capacity(&pairs, cap, now(), &Utc)
    }

    #[test]
    fn active_clients_against_capacity_and_who_woke_up() {
        let steady = client_with(&[days_ago(2), days_ago(12)]);
        let woke = client_with(&[days_ago(1)]);
        let quiet = client_with(&[days_ago(8)]);
        let mut former = client_with(&[days_ago(1)]);
        former.0.state = ClientState::Former;
        let clients = [steady.clone(), woke.clone(), quiet, former];
        let cap = run(&clients, 1);
        assert_eq!(cap.active, [steady.0.id, woke.0.id]);
        assert_eq!(cap.woke, [woke.0.id]);
        assert!(cap.over() && !cap.burst());
        assert!(!run(&clients, 2).over());
    }

    #[test]
    fn three_waking_at_once_is_a_burst() {
        let mut clients: Vec<_> = (0..3).map(|_| client_with(&[days_ago(2)])).collect();
        // A contact 28 days ago (within the quiet span) means that one did not wake up.
        clients[0] = client_with(&[days_ago(2), days_ago(27)]);
        assert!(!run(&clients, 10).burst());
        clients.push(client_with(&[days_ago(3)]));
        assert!(run(&clients, 10).burst());
    }

    #[test]
    fn after_hours_and_weekends_in_the_consultants_zone() {
        // Friday 2026-11-20 16:30 UTC is 18:30 in Helsinki (after hours there, not in UTC).
        let evening = Utc.with_ymd_and_hms(2026, 11, 20, 16, 30, 0).unwrap();
        let afternoon = Utc.with_ymd_and_hms(2026, 11, 20, 14, 0, 0).unwrap();
        // Saturday 2026-11-21 23:30 UTC is already Sunday in Helsinki; Sunday 22:30 UTC is
        // Monday 00:30 there: after hours, not weekend.
        let saturday_night = Utc.with_ymd_and_hms(2026, 11, 21, 23, 30, 0).unwrap();
        let sunday_late = Utc.with_ymd_and_hms(2026, 11, 22, 22, 30, 0).unwrap();
        let clients = [client_with(&[
            evening,
            afternoon,
            saturday_night,
            sunday_late,
        ])];
        let pairs: Vec<_> = clients.iter().map(|(c, s)| (c, s)).collect();
        let helsinki = capacity(&pairs, 6, now(), &Helsinki);
        assert_eq!((helsinki.after_hours, helsinki.weekend), (2, 1));
        let utc = capacity(&pairs, 6, now(), &Utc);
        assert_eq!((utc.after_hours, utc.weekend), (0, 2));
    }

    #[test]
    fn contacts_dated_ahead_are_not_activity_yet() {
        let ahead = client_with(&[now() + Duration::days(2)]);
        assert!(run(&[ahead], 6).active.is_empty());
    }
}
