//! Derived insights: pure functions of (data, now). No clock, no store, no terminal.

use crate::model::{Client, ClientState, ContactStyle, Summary};
use chrono::{DateTime, Local, Utc};

/// Whole days since the last contact that counted, if there was one.
pub fn days_since_contact(summary: &Summary, now: DateTime<Utc>) -> Option<i64> {
    summary.last_contact.map(|t| (now - t).num_days())
}

/// A check-in is due when a periodic, current client has gone quiet for its cadence
/// (or was never contacted), unless snoozed. Ambient and triggered clients are never due.
pub fn check_in_due(client: &Client, summary: &Summary, now: DateTime<Utc>) -> bool {
    let today = now.with_timezone(&Local).date_naive();
    let snoozed = client.snooze_until.is_some_and(|until| until >= today);
    let current = !client.archived && client.state != ClientState::Former;
    client.style == ContactStyle::Periodic
        && current
        && !snoozed
        && days_since_contact(summary, now).is_none_or(|d| d >= i64::from(client.cadence_days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate, TimeZone};

    fn setup(days_quiet: i64) -> (Client, Summary, DateTime<Utc>) {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let client = Client {
            cadence_days: 30,
            ..Client::default()
        };
        let summary = Summary {
            last_contact: Some(now - Duration::days(days_quiet)),
            ..Summary::default()
        };
        (client, summary, now)
    }

    #[test]
    fn due_exactly_when_the_cadence_is_reached() {
        let (client, summary, now) = setup(29);
        assert!(!check_in_due(&client, &summary, now));
        let (client, summary, now) = setup(30);
        assert!(check_in_due(&client, &summary, now));
    }

    #[test]
    fn ambient_snoozed_former_and_archived_are_never_due() {
        let (mut client, summary, now) = setup(90);
        client.style = ContactStyle::Ambient;
        assert!(!check_in_due(&client, &summary, now));
        client.style = ContactStyle::Periodic;
        client.snooze_until = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert!(!check_in_due(&client, &summary, now));
        client.snooze_until = None;
        client.state = ClientState::Former;
        assert!(!check_in_due(&client, &summary, now));
        client.state = ClientState::Active;
        client.archived = true;
        assert!(!check_in_due(&client, &summary, now));
    }

    #[test]
    fn never_contacted_is_due() {
        let (client, mut summary, now) = setup(0);
        summary.last_contact = None;
        assert!(check_in_due(&client, &summary, now));
    }
}
