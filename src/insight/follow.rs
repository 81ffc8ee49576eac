//! Follow-ups: reminders written as notes (`follow:fri`, `rapport follow`), not promises —
//! nobody is waiting on them, so they are never kept or broken and never move trust. From its
//! day on, until a "done" note closes it (`rapport agenda --done ID`), each is on the agenda.

use super::agenda::item_id;
use crate::model::{Client, OpenFollowUp, Summary};
use chrono::NaiveDate;

/// The client's follow-ups whose day has come by `today`, earliest first.
pub fn follow_ups_due(summary: &Summary, today: NaiveDate) -> impl Iterator<Item = &OpenFollowUp> {
    (summary.open_follow_ups.iter()).take_while(move |f| f.on <= today)
}

/// The id of the agenda item for following up `follow` at `client`.
pub fn follow_up_id(client: &Client, follow: &OpenFollowUp) -> String {
    item_id(&format!("follow/{}/{}", follow.event, client.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventId, Kind};
    use chrono::{TimeZone, Utc};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn follow(on: u32, kind: Kind) -> Event {
        Event {
            id: EventId::new_at(u64::from(on)),
            kind,
            at: Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap(),
            follow: Some(day(on)),
            ..Event::default()
        }
    }

    #[test]
    fn a_follow_up_is_due_from_its_day_and_leaves_when_removed() {
        let mut summary = Summary::default();
        let (late, early) = (follow(9, Kind::Note), follow(4, Kind::Note));
        summary.apply(&late, day(1).and_hms_opt(0, 0, 0).unwrap().and_utc(), 90.0);
        summary.apply(&early, day(1).and_hms_opt(0, 0, 0).unwrap().and_utc(), 90.0);
        let due = |s: &Summary, d| follow_ups_due(s, day(d)).map(|f| f.on).collect::<Vec<_>>();
        assert_eq!(due(&summary, 3), vec![]);
        assert_eq!(due(&summary, 4), vec![day(4)]);
        assert_eq!(due(&summary, 10), vec![day(4), day(9)]);
        assert_eq!(summary.trust.raw, 0);
        assert!(
            summary.open_promises.is_empty(),
            "a follow-up is no promise"
        );
        summary.unapply(&early, 90.0);
        assert_eq!(due(&summary, 10), vec![day(9)]);
    }

    #[test]
    fn only_a_note_follows_up() {
        let mut summary = Summary::default();
        summary.apply(&follow(4, Kind::Call), Utc::now(), 90.0);
        assert!(summary.open_follow_ups.is_empty());
    }
}
