//! Which timeline events to show: the one filter shared by the dashboard's `f`, `rapport log`
//! and `rapport search`, so the three agree on what "kind call, with Anna, since May" means.

use super::{fold, Event, Kind, PersonId};
use chrono::{DateTime, Utc};

/// Every condition set must hold; an empty filter keeps every live event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFilter {
    /// Any of these kinds; empty for every kind.
    pub kinds: Vec<Kind>,
    /// Events with this person.
    pub person: Option<PersonId>,
    /// Events carrying this tag (compared without case and without a leading `#`).
    pub tag: Option<String>,
    /// `Some(true)` only private events, `Some(false)` only shareable ones.
    pub private: Option<bool>,
    /// From this moment on (inclusive).
    pub since: Option<DateTime<Utc>>,
    /// Before this moment (exclusive).
    pub until: Option<DateTime<Utc>>,
    /// Keep removed events too (the command line's `--removed`).
    pub removed: bool,
}

impl EventFilter {
    pub fn is_empty(&self) -> bool {
        *self == EventFilter::default()
    }

    pub fn matches(&self, event: &Event) -> bool {
        (self.removed || event.is_live())
            && (self.kinds.is_empty() || self.kinds.contains(&event.kind))
            && self.person.is_none_or(|p| event.people.contains(&p))
            && self.tag.as_deref().is_none_or(|tag| has_tag(event, tag))
            && self.private.is_none_or(|private| event.private == private)
            && self.since.is_none_or(|since| event.at >= since)
            && self.until.is_none_or(|until| event.at < until)
    }

    /// True once a timeline read newest first has gone past `since`: no older event can match.
    pub fn exhausted_at(&self, event: &Event) -> bool {
        self.since.is_some_and(|since| event.at < since)
    }
}

fn has_tag(event: &Event, tag: &str) -> bool {
    let wanted = fold(tag.trim_start_matches('#'));
    event
        .tags
        .iter()
        .any(|t| fold(t.trim_start_matches('#')) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventId;
    use chrono::TimeZone;

    fn event(kind: Kind, day: u32) -> Event {
        Event {
            id: EventId::new_at(u64::from(day)),
            kind,
            at: Utc.with_ymd_and_hms(2026, 5, day, 9, 0, 0).unwrap(),
            tags: vec!["Replication".into()],
            ..Event::default()
        }
    }

    #[test]
    fn an_empty_filter_keeps_live_events_only() {
        let filter = EventFilter::default();
        let mut removed = event(Kind::Call, 2);
        assert!(filter.matches(&removed));
        removed.deleted = Some(removed.at);
        assert!(!filter.matches(&removed));
        let with_removed = EventFilter {
            removed: true,
            ..EventFilter::default()
        };
        assert!(with_removed.matches(&removed));
    }

    #[test]
    fn conditions_combine() {
        let anna = PersonId::new_at(7);
        let mut call = event(Kind::Call, 10);
        call.people.push(anna);
        let filter = EventFilter {
            kinds: vec![Kind::Call, Kind::Video],
            person: Some(anna),
            tag: Some("#replication".into()),
            private: Some(false),
            since: Some(Utc.with_ymd_and_hms(2026, 5, 10, 0, 0, 0).unwrap()),
            until: Some(Utc.with_ymd_and_hms(2026, 5, 11, 0, 0, 0).unwrap()),
            removed: false,
        };
        assert!(filter.matches(&call));
        let mut other = call.clone();
        other.kind = Kind::Email;
        assert!(!filter.matches(&other), "kind");
        let mut other = call.clone();
        other.people.clear();
        assert!(!filter.matches(&other), "person");
        let mut other = call.clone();
        other.tags = vec!["backup".into()];
        assert!(!filter.matches(&other), "tag");
        let mut other = call.clone();
        other.private = true;
        assert!(!filter.matches(&other), "private");
        assert!(!filter.matches(&event(Kind::Call, 9)), "before since");
        assert!(!filter.matches(&event(Kind::Call, 11)), "at until");
        assert!(filter.exhausted_at(&event(Kind::Call, 9)));
        assert!(!filter.exhausted_at(&call));
    }
}
