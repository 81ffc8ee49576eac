//! A client's summary cut down to what the clients pane shows: times as milliseconds and no
//! ids or texts, because reading a thousand full summaries (ULIDs and RFC 3339 strings) took
//! longer than the rest of the first frame.

use crate::model::{EventId, OpenPromise, Summary, TrustEntry, TrustScore};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Glance {
    last_contact: Option<i64>,
    last_event: Option<i64>,
    event_count: u64,
    trust: (i64, f64, Option<i64>),
    /// Recent trust movements (time, delta), for the trend.
    recent_trust: Vec<(i64, i8)>,
    /// Due dates of open promises, as days since 1 January of year 1.
    promises_due: Vec<Option<i32>>,
}

impl Glance {
    pub fn of(summary: &Summary) -> Self {
        let ms = |t: &DateTime<Utc>| t.timestamp_millis();
        let trust = &summary.trust;
        Self {
            last_contact: summary.last_contact.as_ref().map(ms),
            last_event: summary.last_event.as_ref().map(ms),
            event_count: summary.event_count,
            trust: (trust.raw, trust.value, trust.as_of.as_ref().map(ms)),
            recent_trust: (summary.recent_trust.iter())
                .map(|t| (ms(&t.at), t.delta))
                .collect(),
            promises_due: (summary.open_promises.iter())
                .map(|p| p.due.map(|d| chrono::Datelike::num_days_from_ce(&d)))
                .collect(),
        }
    }

    /// A summary that shows the same in the clients pane (ids and texts left blank).
    pub fn summary(&self) -> Summary {
        let time = |ms: &i64| DateTime::from_timestamp_millis(*ms).unwrap_or_default();
        let (raw, value, as_of) = self.trust;
        Summary {
            last_contact: self.last_contact.as_ref().map(time),
            last_event: self.last_event.as_ref().map(time),
            event_count: self.event_count,
            trust: TrustScore {
                raw,
                value,
                as_of: as_of.as_ref().map(time),
            },
            recent_trust: (self.recent_trust.iter())
                .map(|(at, delta)| TrustEntry {
                    event: EventId(ulid::Ulid::nil()),
                    at: time(at),
                    delta: *delta,
                })
                .collect(),
            open_promises: (self.promises_due.iter())
                .map(|due| OpenPromise {
                    event: EventId(ulid::Ulid::nil()),
                    at: DateTime::default(),
                    due: due.and_then(NaiveDate::from_num_days_from_ce_opt),
                    text: String::new(),
                })
                .collect(),
            ..Summary::default()
        }
    }
}
