//! Derived insights: pure functions of (data, now). No clock, no store, no terminal.

use crate::model::{Client, ClientState, ContactStyle, Summary};
use chrono::{DateTime, Local, NaiveDate, Utc};

/// How warm a relationship is: days since the last contact against the client's cadence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Warmth {
    Blazing,
    Warm,
    Cooling,
    Cold,
    /// "In the desert": twice the cadence or more, or never contacted.
    Out,
}

impl Warmth {
    pub const ALL: [Warmth; 5] = [
        Warmth::Blazing,
        Warmth::Warm,
        Warmth::Cooling,
        Warmth::Cold,
        Warmth::Out,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Warmth::Blazing => "blazing",
            Warmth::Warm => "warm",
            Warmth::Cooling => "cooling",
            Warmth::Cold => "cold",
            Warmth::Out => "in the desert",
        }
    }
}

pub fn warmth(client: &Client, summary: &Summary, now: DateTime<Utc>) -> Warmth {
    let Some(days) = days_since_contact(summary, now) else {
        return Warmth::Out;
    };
    let ratio = days as f64 / f64::from(client.cadence_days.max(1));
    match ratio {
        r if r < 0.25 => Warmth::Blazing,
        r if r < 0.6 => Warmth::Warm,
        r if r < 1.0 => Warmth::Cooling,
        r if r < 2.0 => Warmth::Cold,
        _ => Warmth::Out,
    }
}

/// Which way trust went over the last 30 days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Flat,
    Down,
}

/// Movements smaller than this are noise.
const TREND_STEP: f64 = 0.25;

pub fn trust_trend(summary: &Summary, now: DateTime<Utc>, half_life_days: f64) -> Trend {
    let change =
        summary.trust.at(now, half_life_days) - summary.trust_window_ago(now, half_life_days);
    if change > TREND_STEP {
        Trend::Up
    } else if change < -TREND_STEP {
        Trend::Down
    } else {
        Trend::Flat
    }
}

/// Open promises whose due day has passed.
pub fn overdue_promises(summary: &Summary, today: NaiveDate) -> usize {
    summary
        .open_promises
        .iter()
        .filter(|p| p.due.is_some_and(|due| due < today))
        .count()
}

/// The local calendar day of `now`.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Local).date_naive()
}

/// Whole days since the last contact that counted, if there was one.
pub fn days_since_contact(summary: &Summary, now: DateTime<Utc>) -> Option<i64> {
    summary.last_contact.map(|t| (now - t).num_days())
}

/// A check-in is due when a periodic, current client has gone quiet for its cadence
/// (or was never contacted), unless snoozed. Ambient and triggered clients are never due.
pub fn check_in_due(client: &Client, summary: &Summary, now: DateTime<Utc>) -> bool {
    let today = today(now);
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
    fn warmth_follows_the_cadence() {
        let cases = [
            (0, Warmth::Blazing),
            (7, Warmth::Blazing),
            (10, Warmth::Warm),
            (20, Warmth::Cooling),
            (30, Warmth::Cold),
            (60, Warmth::Out),
        ];
        for (days, expected) in cases {
            let (client, summary, now) = setup(days);
            assert_eq!(warmth(&client, &summary, now), expected, "{days} days");
        }
        let (client, mut summary, now) = setup(0);
        summary.last_contact = None;
        assert_eq!(warmth(&client, &summary, now), Warmth::Out);
    }

    #[test]
    fn overdue_promises_count_only_past_due_days() {
        use crate::model::{EventId, OpenPromise};
        let (_, mut summary, now) = setup(0);
        let promise = |due| OpenPromise {
            event: EventId::new_at(1),
            at: now,
            due,
            text: String::new(),
        };
        let today = today(now);
        summary.open_promises = vec![
            promise(today.pred_opt()),
            promise(Some(today)),
            promise(None),
        ];
        assert_eq!(overdue_promises(&summary, today), 1);
    }

    #[test]
    fn never_contacted_is_due() {
        let (client, mut summary, now) = setup(0);
        summary.last_contact = None;
        assert!(check_in_due(&client, &summary, now));
    }
}
