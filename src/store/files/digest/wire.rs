//! A summary as the digest's agenda section holds it: times as seconds and nanoseconds, ids
//! as numbers. The model's own encoding writes them as text (RFC 3339, base32), and parsing
//! the hundred thousand times of a million-event store's summaries was most of what
//! `rapport agenda` spent reading the digest. Exact both ways (nanoseconds kept).
//!
//! Every field is named in both conversions, without `..`: a field added to `Summary` does
//! not compile here until the digest carries it too (else the agenda from the digest would
//! quietly differ from the agenda from the store).

use crate::model::{
    AdviceEntry, AgendaMark, ContactEntry, EarlyPromise, EventId, OpenFollowUp, OpenPromise,
    Outcome, PersonId, Summary, TrustEntry, TrustScore,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Seconds since the epoch and the nanoseconds after.
type Time = (i64, u32);

fn time(t: &DateTime<Utc>) -> Time {
    (t.timestamp(), t.timestamp_subsec_nanos())
}

fn at((secs, nanos): Time) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, nanos).unwrap_or_default()
}

fn day(d: &NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn from_day(d: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(d)
}

fn event(id: u128) -> EventId {
    EventId(ulid::Ulid(id))
}

fn person(id: u128) -> PersonId {
    PersonId(ulid::Ulid(id))
}

fn by_person(map: &BTreeMap<PersonId, DateTime<Utc>>) -> Vec<(u128, Time)> {
    map.iter().map(|(p, t)| (p.0 .0, time(t))).collect()
}

fn to_by_person(list: Vec<(u128, Time)>) -> BTreeMap<PersonId, DateTime<Utc>> {
    list.into_iter().map(|(p, t)| (person(p), at(t))).collect()
}

#[derive(Serialize, Deserialize)]
pub struct WireSummary {
    last_contact: Option<Time>,
    last_event: Option<Time>,
    last_contact_by_person: Vec<(u128, Time)>,
    event_count: u64,
    /// The model's own encoding: one per client, and its formula is its own business.
    trust: TrustScore,
    recent_advice: Vec<(u128, Time, u32)>,
    recent_trust: Vec<(u128, Time, i8)>,
    /// Without their texts (the digest's second section has them).
    open_promises: Vec<(u128, Time, Option<i32>)>,
    last_thanks_by_person: Vec<(u128, Time)>,
    recent_contacts: Vec<(u128, Time)>,
    first_event: Option<Time>,
    early_promises: Vec<(u128, Time, Option<Outcome>)>,
    agenda_marks: Vec<(String, u128, Time, Option<i32>)>,
    /// With their texts: few, and read with the rest.
    open_follow_ups: Vec<(u128, Time, i32, String, Option<u128>)>,
}

impl From<&Summary> for WireSummary {
    fn from(summary: &Summary) -> Self {
        let Summary {
            last_contact,
            last_event,
            last_contact_by_person,
            event_count,
            trust,
            recent_advice,
            recent_trust,
            open_promises,
            last_thanks_by_person,
            recent_contacts,
            first_event,
            early_promises,
            agenda_marks,
            open_follow_ups,
        } = summary;
        Self {
            last_contact: last_contact.as_ref().map(time),
            last_event: last_event.as_ref().map(time),
            last_contact_by_person: by_person(last_contact_by_person),
            event_count: *event_count,
            trust: trust.clone(),
            recent_advice: (recent_advice.iter())
                .map(|a| (a.event.0 .0, time(&a.at), a.minutes))
                .collect(),
            recent_trust: (recent_trust.iter())
                .map(|t| (t.event.0 .0, time(&t.at), t.delta))
                .collect(),
            open_promises: (open_promises.iter())
                .map(|p| (p.event.0 .0, time(&p.at), p.due.as_ref().map(day)))
                .collect(),
            last_thanks_by_person: by_person(last_thanks_by_person),
            recent_contacts: (recent_contacts.iter())
                .map(|c| (c.event.0 .0, time(&c.at)))
                .collect(),
            first_event: first_event.as_ref().map(time),
            early_promises: (early_promises.iter())
                .map(|p| (p.event.0 .0, time(&p.at), p.outcome))
                .collect(),
            agenda_marks: (agenda_marks.iter())
                .map(|(item, m)| {
                    (
                        item.clone(),
                        m.event.0 .0,
                        time(&m.at),
                        m.until.as_ref().map(day),
                    )
                })
                .collect(),
            open_follow_ups: (open_follow_ups.iter())
                .map(|f| {
                    let person = f.person.map(|p| p.0 .0);
                    (
                        f.event.0 .0,
                        time(&f.at),
                        day(&f.on),
                        f.text.clone(),
                        person,
                    )
                })
                .collect(),
        }
    }
}

impl WireSummary {
    /// The summary, with the open promises' texts (in order; missing ones empty).
    pub fn summary(self, texts: Vec<String>) -> Summary {
        let Self {
            last_contact,
            last_event,
            last_contact_by_person,
            event_count,
            trust,
            recent_advice,
            recent_trust,
            open_promises,
            last_thanks_by_person,
            recent_contacts,
            first_event,
            early_promises,
            agenda_marks,
            open_follow_ups,
        } = self;
        let mut texts = texts.into_iter();
        Summary {
            last_contact: last_contact.map(at),
            last_event: last_event.map(at),
            last_contact_by_person: to_by_person(last_contact_by_person),
            event_count,
            trust,
            recent_advice: (recent_advice.into_iter())
                .map(|(e, t, minutes)| AdviceEntry {
                    event: event(e),
                    at: at(t),
                    minutes,
                })
                .collect(),
            recent_trust: (recent_trust.into_iter())
                .map(|(e, t, delta)| TrustEntry {
                    event: event(e),
                    at: at(t),
                    delta,
                })
                .collect(),
            open_promises: (open_promises.into_iter())
                .map(|(e, t, due)| OpenPromise {
                    event: event(e),
                    at: at(t),
                    due: due.and_then(from_day),
                    text: texts.next().unwrap_or_default(),
                })
                .collect(),
            last_thanks_by_person: to_by_person(last_thanks_by_person),
            recent_contacts: (recent_contacts.into_iter())
                .map(|(e, t)| ContactEntry {
                    event: event(e),
                    at: at(t),
                })
                .collect(),
            first_event: first_event.map(at),
            early_promises: (early_promises.into_iter())
                .map(|(e, t, outcome)| EarlyPromise {
                    event: event(e),
                    at: at(t),
                    outcome,
                })
                .collect(),
            agenda_marks: (agenda_marks.into_iter())
                .map(|(item, e, t, until)| {
                    let mark = AgendaMark {
                        event: event(e),
                        at: at(t),
                        until: until.and_then(from_day),
                    };
                    (item, mark)
                })
                .collect(),
            open_follow_ups: (open_follow_ups.into_iter())
                .filter_map(|(e, t, on, text, p)| {
                    Some(OpenFollowUp {
                        event: event(e),
                        at: at(t),
                        on: from_day(on)?,
                        text,
                        person: p.map(person),
                    })
                })
                .collect(),
        }
    }

    pub fn promises(&self) -> usize {
        self.open_promises.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_field_comes_back_exactly() {
        let t = |n: u32| {
            Utc.with_ymd_and_hms(2026, 11, n, 9, 30, 0).unwrap()
                + chrono::Duration::nanoseconds(123_456_789)
        };
        let p = PersonId(ulid::Ulid(77));
        let e = |n: u128| EventId(ulid::Ulid(n));
        let summary = Summary {
            last_contact: Some(t(1)),
            last_event: Some(t(2)),
            last_contact_by_person: [(p, t(3))].into(),
            event_count: 9,
            trust: TrustScore {
                raw: 3,
                good: 2.5,
                bad: 0.75,
                as_of: Some(t(4)),
            },
            recent_advice: vec![AdviceEntry {
                event: e(1),
                at: t(5),
                minutes: 45,
            }],
            recent_trust: vec![TrustEntry {
                event: e(2),
                at: t(6),
                delta: -2,
            }],
            open_promises: vec![OpenPromise {
                event: e(3),
                at: t(7),
                due: NaiveDate::from_ymd_opt(2026, 12, 1),
                text: "the plan".into(),
            }],
            last_thanks_by_person: [(p, t(8))].into(),
            recent_contacts: vec![ContactEntry {
                event: e(4),
                at: t(9),
            }],
            first_event: Some(t(10)),
            early_promises: vec![EarlyPromise {
                event: e(5),
                at: t(11),
                outcome: Some(Outcome::Kept),
            }],
            agenda_marks: [(
                "K3F9Q2A".to_string(),
                AgendaMark {
                    event: e(6),
                    at: t(12),
                    until: NaiveDate::from_ymd_opt(2026, 12, 2),
                },
            )]
            .into(),
            open_follow_ups: vec![OpenFollowUp {
                event: e(7),
                at: t(13),
                on: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
                text: "ask about the play".into(),
                person: Some(p),
            }],
        };
        let bytes = rmp_serde::to_vec_named(&WireSummary::from(&summary)).unwrap();
        let wire: WireSummary = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(wire.promises(), 1);
        assert_eq!(wire.summary(vec!["the plan".into()]), summary);
    }
}
