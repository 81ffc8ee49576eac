//! Warmth and check-ins: days since the last contact that counted against the client's
//! cadence. Ambient and triggered clients are never due (they call when they need you);
//! snoozed, former and archived ones neither.

use super::today;
use crate::model::{Client, ClientState, ContactStyle, Summary};
use chrono::{DateTime, Duration, Local, NaiveDate, Utc};

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

/// Whole days since the last contact that counted, if there was one. A contact dated in the
/// future (a meeting noted ahead) counts as today.
pub fn days_since_contact(summary: &Summary, now: DateTime<Utc>) -> Option<i64> {
    // Whole days of elapsed seconds, as `(now - t).num_days()` counts them, without chrono's
    // calendar arithmetic: this runs several times per client on every redraw of the list.
    const DAY: i64 = 24 * 60 * 60;
    summary
        .last_contact
        .map(|t| ((now.timestamp() - t.timestamp()) / DAY).max(0))
}

/// A client rapport should nag about at all: current, periodic, not snoozed.
fn expects_check_ins(client: &Client, now: DateTime<Utc>) -> bool {
    let snoozed = client.snooze_until.is_some_and(|until| until >= today(now));
    let current = !client.archived && client.state != ClientState::Former;
    client.style == ContactStyle::Periodic && current && !snoozed
}

/// A check-in is due when a periodic, current client has gone quiet for its cadence
/// (or was never contacted), unless snoozed. Ambient and triggered clients are never due.
pub fn check_in_due(client: &Client, summary: &Summary, now: DateTime<Utc>) -> bool {
    expects_check_ins(client, now)
        && days_since_contact(summary, now).is_none_or(|d| d >= i64::from(client.cadence_days))
}

/// A due check-in, with what the agenda says about it.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckIn {
    /// Days since the last contact; `None` when there never was one.
    pub days_quiet: Option<i64>,
    pub cadence_days: u32,
    /// The local day it fell due; `None` when never contacted (due from the start).
    pub due: Option<NaiveDate>,
    /// Twice the cadence or more, or never: the check-in is about their welfare.
    pub in_desert: bool,
}

/// The check-in due for `client`, if one is.
pub fn check_in(client: &Client, summary: &Summary, now: DateTime<Utc>) -> Option<CheckIn> {
    if !check_in_due(client, summary, now) {
        return None;
    }
    Some(CheckIn {
        days_quiet: days_since_contact(summary, now),
        cadence_days: client.cadence_days,
        due: (summary.last_contact).map(|t| due_day(t, client.cadence_days).min(today(now))),
        in_desert: warmth(client, summary, now) == Warmth::Out,
    })
}

/// The local day the next check-in falls due (today when overdue or never contacted), for a
/// calendar; `None` for a client that expects none (ambient, triggered, snoozed, gone).
pub fn next_check_in(client: &Client, summary: &Summary, now: DateTime<Utc>) -> Option<NaiveDate> {
    if !expects_check_ins(client, now) {
        return None;
    }
    let due = (summary.last_contact).map(|t| due_day(t, client.cadence_days));
    Some(due.map_or(today(now), |d| d.max(today(now))))
}

/// The local day a cadence from `last` ends. A store may hold a cadence no calendar reaches
/// (4294967295 days, from before imports were checked): that is the last day there is.
fn due_day(last: DateTime<Utc>, cadence_days: u32) -> NaiveDate {
    Duration::try_days(i64::from(cadence_days))
        .and_then(|cadence| last.checked_add_signed(cadence))
        .map_or(NaiveDate::MAX, |t| t.with_timezone(&Local).date_naive())
}

/// The order "most in need of attention first": due check-ins, then overdue promises, then
/// the longest silence; former and archived clients last. The clients pane and
/// `rapport client list` both sort by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Attention {
    gone: bool,
    not_due: bool,
    no_overdue_promise: bool,
    /// Negated days of silence (never contacted: the longest).
    silence: i64,
}

pub fn attention(client: &Client, summary: &Summary, now: DateTime<Utc>) -> Attention {
    Attention {
        gone: client.archived || client.state == ClientState::Former,
        not_due: !check_in_due(client, summary, now),
        no_overdue_promise: super::overdue_promises(summary, today(now)) == 0,
        silence: -days_since_contact(summary, now).unwrap_or(i64::MAX / 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::fixture::{now, quiet_for};
    use chrono::NaiveDate;

    #[test]
    fn a_cadence_beyond_the_calendar_saturates() {
        let (mut client, summary) = quiet_for(10);
        client.cadence_days = u32::MAX;
        assert_eq!(
            next_check_in(&client, &summary, now()),
            Some(NaiveDate::MAX)
        );
        assert!(check_in(&client, &summary, now()).is_none());
        assert_eq!(warmth(&client, &summary, now()), Warmth::Blazing);
    }

    #[test]
    fn due_exactly_when_the_cadence_is_reached() {
        let (client, summary) = quiet_for(29);
        assert!(!check_in_due(&client, &summary, now()));
        let (client, summary) = quiet_for(30);
        assert!(check_in_due(&client, &summary, now()));
        // One second short of 30 days is still 29 whole days.
        let mut summary = summary;
        summary.last_contact = Some(now() - Duration::days(30) + Duration::seconds(1));
        assert!(!check_in_due(&client, &summary, now()));
    }

    #[test]
    fn ambient_snoozed_former_and_archived_are_never_due() {
        let (mut client, summary) = quiet_for(90);
        client.style = ContactStyle::Ambient;
        assert!(check_in(&client, &summary, now()).is_none());
        client.style = ContactStyle::Triggered;
        assert!(!check_in_due(&client, &summary, now()));
        client.style = ContactStyle::Periodic;
        client.snooze_until = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert!(!check_in_due(&client, &summary, now()));
        // A snooze ending yesterday is over.
        client.snooze_until = NaiveDate::from_ymd_opt(2026, 11, 22);
        assert!(check_in_due(&client, &summary, now()));
        client.snooze_until = None;
        client.state = ClientState::Former;
        assert!(!check_in_due(&client, &summary, now()));
        client.state = ClientState::Active;
        client.archived = true;
        assert!(!check_in_due(&client, &summary, now()));
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
            let (client, summary) = quiet_for(days);
            assert_eq!(warmth(&client, &summary, now()), expected, "{days} days");
        }
        let (client, mut summary) = quiet_for(0);
        summary.last_contact = None;
        assert_eq!(warmth(&client, &summary, now()), Warmth::Out);
    }

    #[test]
    fn never_contacted_is_due_and_in_the_desert() {
        let (client, mut summary) = quiet_for(0);
        summary.last_contact = None;
        let due = check_in(&client, &summary, now()).unwrap();
        assert_eq!((due.days_quiet, due.due, due.in_desert), (None, None, true));
    }

    #[test]
    fn a_check_in_says_when_it_fell_due() {
        let (client, summary) = quiet_for(45);
        let due = check_in(&client, &summary, now()).unwrap();
        assert_eq!(due.days_quiet, Some(45));
        assert_eq!(due.due, NaiveDate::from_ymd_opt(2026, 11, 8));
        assert!(!due.in_desert);
        assert!(
            check_in(&client, &quiet_for(60).1, now())
                .unwrap()
                .in_desert
        );
    }

    #[test]
    fn the_next_check_in_is_today_at_the_earliest() {
        let (mut client, summary) = quiet_for(10);
        assert_eq!(
            next_check_in(&client, &summary, now()),
            NaiveDate::from_ymd_opt(2026, 12, 13)
        );
        let (_, overdue) = quiet_for(45);
        assert_eq!(next_check_in(&client, &overdue, now()), Some(today(now())));
        client.style = ContactStyle::Ambient;
        assert_eq!(next_check_in(&client, &summary, now()), None);
    }

    #[test]
    fn a_contact_dated_ahead_counts_as_today() {
        let (client, mut summary) = quiet_for(0);
        summary.last_contact = Some(now() + Duration::days(3));
        assert_eq!(days_since_contact(&summary, now()), Some(0));
        assert_eq!(warmth(&client, &summary, now()), Warmth::Blazing);
    }

    #[test]
    fn attention_puts_due_then_overdue_promises_then_silence_then_gone() {
        use crate::model::{EventId, OpenPromise};
        let due = quiet_for(40);
        let quiet = quiet_for(20);
        let mut promised = quiet_for(5);
        promised.1.open_promises.push(OpenPromise {
            event: EventId::new_at(1),
            at: now(),
            due: NaiveDate::from_ymd_opt(2026, 11, 1),
            text: "runbook".into(),
        });
        let mut former = quiet_for(400);
        former.0.state = ClientState::Former;
        let mut archived = quiet_for(400);
        archived.0.archived = true;
        let key = |(c, s): &(Client, Summary)| attention(c, s, now());
        let mut order = [&archived, &quiet, &former, &promised, &due];
        order.sort_by_key(|cs| key(cs));
        let days: Vec<_> = order
            .iter()
            .map(|(_, s)| days_since_contact(s, now()))
            .collect();
        assert_eq!(days[..3], [Some(40), Some(5), Some(20)]);
        assert!(key(&former) > key(&quiet) && key(&archived) > key(&quiet));
    }
}
