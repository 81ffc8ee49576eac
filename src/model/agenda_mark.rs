//! An agenda item done with for now: snoozed until a day, or dismissed for good with a reason.
//! Each is a private note in the client's timeline (so a dismissal and its reason stay on the
//! record, and removing the note takes the mark back), recognised by one tag naming the item:
//! `agenda-snooze:ID:DAY` or `agenda-dismiss:ID`. The summary keeps the marks in force.

use super::{Event, EventId, Kind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

const SNOOZE: &str = "agenda-snooze:";
const DISMISS: &str = "agenda-dismiss:";
/// A follow-up done: closed for good, as a dismissal, but said as what it is.
const DONE: &str = "agenda-done:";

/// A mark on one agenda item, as the summary keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaMark {
    /// The note that made the mark, and its time (the latest mark of an item holds).
    pub event: EventId,
    pub at: DateTime<Utc>,
    /// Snoozed through this day; `None`: dismissed.
    pub until: Option<NaiveDate>,
}

impl AgendaMark {
    /// Whether the item stays off the agenda on `today`.
    pub fn hides(&self, today: NaiveDate) -> bool {
        self.until.is_none_or(|until| until >= today)
    }
}

/// The tag marking an item: snoozed through `until`, or dismissed (`None`).
pub fn mark_tag(item: &str, until: Option<NaiveDate>) -> String {
    match until {
        Some(day) => format!("{SNOOZE}{item}:{day}"),
        None => format!("{DISMISS}{item}"),
    }
}

/// The tag closing a follow-up item as done.
pub fn done_tag(item: &str) -> String {
    format!("{DONE}{item}")
}

/// The item a live note marks, and how, if it is such a note.
pub fn agenda_mark(event: &Event) -> Option<(String, AgendaMark)> {
    if event.kind != Kind::Note || !event.is_live() {
        return None;
    }
    event.tags.iter().find_map(|tag| {
        let mark = |until| AgendaMark {
            event: event.id,
            at: event.at,
            until,
        };
        if let Some(item) = tag.strip_prefix(DISMISS).or_else(|| tag.strip_prefix(DONE)) {
            return Some((item.to_string(), mark(None)));
        }
        let (item, day) = tag.strip_prefix(SNOOZE)?.split_once(':')?;
        Some((item.to_string(), mark(Some(day.parse().ok()?))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(tags: &[String]) -> Event {
        Event {
            kind: Kind::Note,
            tags: tags.to_vec(),
            ..Event::default()
        }
    }

    #[test]
    fn marks_round_trip_through_their_tag_and_hide_until_their_day() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let (item, snooze) = agenda_mark(&note(&[mark_tag("K3F9Q2A", Some(day))])).unwrap();
        assert_eq!((item.as_str(), snooze.until), ("K3F9Q2A", Some(day)));
        assert!(snooze.hides(day) && !snooze.hides(day.succ_opt().unwrap()));
        let (_, dismiss) = agenda_mark(&note(&[mark_tag("K3F9Q2A", None)])).unwrap();
        assert!(dismiss.hides(NaiveDate::MAX));
        assert_eq!(agenda_mark(&note(&["agenda-snooze:X:soon".into()])), None);
        let (item, done) = agenda_mark(&note(&[done_tag("F0LL0W1")])).unwrap();
        assert_eq!(
            (item.as_str(), done.until),
            ("F0LL0W1", None),
            "done closes for good"
        );
        let mut call = note(&[mark_tag("K3F9Q2A", None)]);
        call.kind = Kind::Call;
        assert_eq!(agenda_mark(&call), None, "only notes mark items");
    }
}
