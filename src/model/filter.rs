//! Which timeline events to show: the one filter shared by the dashboard's `f`, `rapport log`
//! and `rapport search`, so the three agree on what "kind call, with Anna, since May" means.

use super::{fold, Event, Kind, PersonId};
use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, Utc};
use std::collections::HashMap;

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

    /// A short line for a pane title: `call,video · @Anna Berg · #replication · 🔒 · May 1–Jun 30
    /// 2026`. `names` gives the person's name. Days are local, `until` shown as the last day
    /// it lets in (it is exclusive). Empty for an empty filter.
    pub fn describe(&self, names: &HashMap<PersonId, String>) -> String {
        let mut parts = Vec::new();
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            parts.push(kinds.join(","));
        }
        if let Some(person) = self.person {
            let name = names.get(&person).map_or("someone", String::as_str);
            parts.push(format!("@{name}"));
        }
        if let Some(tag) = &self.tag {
            parts.push(format!("#{}", tag.trim_start_matches('#')));
        }
        match self.private {
            Some(true) => parts.push("🔒".into()),
            Some(false) => parts.push("shareable".into()),
            None => {}
        }
        let day = |at: DateTime<Utc>| at.with_timezone(&Local).date_naive();
        // The last moment `until` lets in is just before it.
        let last = self.until.map(|u| day(u - Duration::milliseconds(1)));
        match (self.since.map(day), last) {
            (Some(from), Some(to)) if from.year() == to.year() => {
                parts.push(format!("{}–{} {}", short(from), short(to), to.year()))
            }
            (Some(from), Some(to)) => parts.push(format!("{}–{}", long(from), long(to))),
            (Some(from), None) => parts.push(format!("since {}", long(from))),
            (None, Some(to)) => parts.push(format!("until {}", long(to))),
            (None, None) => {}
        }
        if self.removed {
            parts.push("with removed".into());
        }
        parts.join(" · ")
    }
}

/// `May 1`
fn short(day: NaiveDate) -> String {
    day.format("%b %-d").to_string()
}

/// `May 1 2026`
fn long(day: NaiveDate) -> String {
    day.format("%b %-d %Y").to_string()
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

    fn local_day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        crate::when::start_of(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn describe_is_short_and_names_the_person() {
        let anna = PersonId::new_at(7);
        let names = HashMap::from([(anna, "佐藤 花子".to_string())]);
        assert_eq!(EventFilter::default().describe(&names), "");
        let filter = EventFilter {
            kinds: vec![Kind::Call, Kind::Video],
            person: Some(anna),
            tag: Some("#replication".into()),
            private: Some(true),
            since: Some(local_day(2026, 5, 1)),
            // Exclusive: the start of Jul 1 lets in all of Jun 30.
            until: Some(local_day(2026, 7, 1)),
            removed: false,
        };
        assert_eq!(
            filter.describe(&names),
            "call,video · @佐藤 花子 · #replication · 🔒 · May 1–Jun 30 2026"
        );
        let across_years = EventFilter {
            since: Some(local_day(2025, 12, 1)),
            until: Some(local_day(2026, 2, 1)),
            ..EventFilter::default()
        };
        assert_eq!(across_years.describe(&names), "Dec 1 2025–Jan 31 2026");
        let open_ended = EventFilter {
            tag: Some("backup".into()),
            private: Some(false),
            since: Some(local_day(2026, 5, 1)),
            person: Some(PersonId::new_at(8)),
            removed: true,
            ..EventFilter::default()
        };
        assert_eq!(
            open_ended.describe(&names),
            "@someone · #backup · shareable · since May 1 2026 · with removed"
        );
        let until_only = EventFilter {
            until: Some(local_day(2026, 1, 1)),
            ..EventFilter::default()
        };
        assert_eq!(until_only.describe(&names), "until Dec 31 2025");
    }
}
