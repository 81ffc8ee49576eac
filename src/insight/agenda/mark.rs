//! Snoozing or dismissing an agenda item: how long a typed snooze lasts and the note that
//! marks the item (`model::agenda_mark`). One place for both, so `rapport agenda --snooze` /
//! `--dismiss` and the dashboard's `z` / `x` write the same note and refuse the same input.

use super::{AgendaItem, ItemKind};
use crate::model::{done_tag, mark_tag, Event, EventId, Kind};
use crate::when;
use chrono::{DateTime, Days, Months, NaiveDate, Utc};

/// What is done with the item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Off the agenda through this day.
    Snooze(NaiveDate),
    /// For good, for this reason (kept in the note's text).
    Dismiss(String),
    /// A follow-up (or a birthday, an anniversary) done: closed for good (a date, for its year).
    Done,
}

/// Why an item cannot be marked so; the message says what to do instead.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum MarkError {
    #[error("{0} is about your practice, not one client: it cannot be snoozed or dismissed (the thresholds are in the config)")]
    Practice(String),
    #[error("{0} is no follow-up or date: only those are done; snooze or dismiss it instead")]
    NotFollowUp(String),
    #[error("give the reason for dismissing")]
    NoReason,
    #[error("{0:?} is no duration: try 3d, 2w, 1m or a day such as 2026-12-30")]
    Unreadable(String),
    #[error("{0} has passed: snooze until today or later")]
    Passed(NaiveDate),
    #[error("{0:?} is too far away")]
    TooFar(String),
}

/// The last day of a snooze typed as `3d`, `2w` or `1m` from `today`, or a day (`fri`,
/// `2026-12-30`, as `due:` reads it).
pub fn snooze_until(
    text: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<NaiveDate, MarkError> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (n, unit) = text.split_at(split);
    let until = match (n.parse::<u32>(), unit) {
        (Ok(n), "d") => today.checked_add_days(Days::new(n.into())),
        (Ok(n), "w") => today.checked_add_days(Days::new(u64::from(n) * 7)),
        (Ok(n), "m") => today.checked_add_months(Months::new(n)),
        _ => Some(when::day(text, now).map_err(|_| MarkError::Unreadable(text.into()))?),
    };
    match until {
        Some(day) if day >= today => Ok(day),
        Some(day) => Err(MarkError::Passed(day)),
        None => Err(MarkError::TooFar(text.into())),
    }
}

/// The private note marking `item`, written at `now` (its text says what and why).
pub fn mark_note(item: &AgendaItem, mark: &Mark, now: DateTime<Utc>) -> Result<Event, MarkError> {
    let client = item
        .client
        .ok_or_else(|| MarkError::Practice(item.id.clone()))?;
    let (tag, text) = match mark {
        Mark::Snooze(until) => (
            mark_tag(&item.id, Some(*until)),
            format!("Snoozed on the agenda until {until}: {}", item.title),
        ),
        Mark::Done if !matches!(item.kind, ItemKind::FollowUp | ItemKind::Date) => {
            return Err(MarkError::NotFollowUp(item.id.clone()))
        }
        Mark::Done => (done_tag(&item.id), format!("Done: {}", item.title)),
        Mark::Dismiss(reason) => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(MarkError::NoReason);
            }
            (
                mark_tag(&item.id, None),
                format!("Dismissed from the agenda: {} — {reason}", item.title),
            )
        }
    };
    Ok(Event {
        id: EventId::new_at(now.timestamp_millis() as u64),
        client,
        at: now,
        kind: Kind::Note,
        text,
        tags: vec![tag],
        // Yours alone: a reason for not calling someone is not for the client's report.
        private: true,
        created: now,
        ..Event::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::{ItemKind, Urgency};
    use crate::model::{agenda_mark, ClientId};
    use chrono::TimeZone;

    fn item(client: Option<ClientId>) -> AgendaItem {
        AgendaItem {
            id: "9NV1DS7".into(),
            kind: ItemKind::CheckIn,
            urgency: Urgency::Overdue,
            client,
            client_name: None,
            person: None,
            event: None,
            day: None,
            title: "Check in with Beta AB".into(),
            reason: String::new(),
            opener: None,
            more: None,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
    }

    #[test]
    fn durations_count_from_today_and_days_read_as_due_reads_them() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let day = |s: &str| snooze_until(s, now(), today);
        assert_eq!(
            day("3d"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
        );
        assert_eq!(
            day(" 2w "),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap())
        );
        assert_eq!(
            day("1m"),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 23).unwrap())
        );
        assert_eq!(
            day("2026-12-30"),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 30).unwrap())
        );
        assert_eq!(day("soonish"), Err(MarkError::Unreadable("soonish".into())));
        assert_eq!(
            day("2026-11-01"),
            Err(MarkError::Passed(
                NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
            ))
        );
        assert!(matches!(day("99999999m"), Err(MarkError::TooFar(_))));
    }

    #[test]
    fn the_note_is_private_and_marks_the_item_it_names() {
        let client = ClientId::new_at(1);
        let until = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let note = mark_note(&item(Some(client)), &Mark::Snooze(until), now()).unwrap();
        assert!(note.private && note.client == client && note.at == now());
        assert_eq!(
            note.text,
            "Snoozed on the agenda until 2026-11-30: Check in with Beta AB"
        );
        let (id, mark) = agenda_mark(&note).unwrap();
        assert_eq!((id.as_str(), mark.until), ("9NV1DS7", Some(until)));

        let why = Mark::Dismiss(" Lars is the whole IT team ".into());
        let note = mark_note(&item(Some(client)), &why, now()).unwrap();
        assert_eq!(
            note.text,
            "Dismissed from the agenda: Check in with Beta AB — Lars is the whole IT team"
        );
        assert_eq!(agenda_mark(&note).unwrap().1.until, None);
        let blank = Mark::Dismiss("  ".into());
        assert_eq!(
            mark_note(&item(Some(client)), &blank, now()),
            Err(MarkError::NoReason)
        );
        assert_eq!(
            mark_note(&item(None), &why, now()),
            Err(MarkError::Practice("9NV1DS7".into()))
        );
    }

    #[test]
    fn only_a_follow_up_is_done_and_done_is_for_good() {
        let client = ClientId::new_at(1);
        let check_in = item(Some(client));
        assert_eq!(
            mark_note(&check_in, &Mark::Done, now()),
            Err(MarkError::NotFollowUp("9NV1DS7".into()))
        );
        let follow = AgendaItem {
            kind: ItemKind::FollowUp,
            title: "Follow up with Sanna: ask about the play".into(),
            ..check_in
        };
        let note = mark_note(&follow, &Mark::Done, now()).unwrap();
        assert!(note.private);
        assert_eq!(note.text, "Done: Follow up with Sanna: ask about the play");
        assert_eq!(
            agenda_mark(&note).unwrap(),
            (
                "9NV1DS7".into(),
                crate::model::AgendaMark {
                    event: note.id,
                    at: now(),
                    until: None,
                }
            )
        );
    }
}
