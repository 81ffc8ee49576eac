//! What a read note becomes: one event on the client's timeline.

use super::Parsed;
use crate::config::Config;
use crate::model::{ClientId, Event, EventId, Kind, PersonId, PromiseInfo};
use chrono::{DateTime, Utc};

impl Parsed {
    /// The event recording this note for `client` with the `people` already linked, as
    /// happening `at` and recorded `now`. Without a trust word the kind's default from `config`
    /// applies.
    pub fn to_event(
        &self,
        client: ClientId,
        people: Vec<PersonId>,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
        config: &Config,
    ) -> Event {
        Event {
            id: EventId::new_at(now.timestamp_millis() as u64),
            client,
            people,
            at,
            kind: self.kind,
            text: self.text.clone(),
            tags: self.tags.clone(),
            trust: self.trust.unwrap_or_else(|| config.trust_delta(self.kind)),
            private: self.private,
            minutes: self.minutes,
            billed: self.billed,
            // A promise without a due date (`note --kind promise`) is still a promise.
            promise: (self.kind == Kind::Promise).then(|| PromiseInfo {
                due: self.due,
                ..PromiseInfo::default()
            }),
            created: now,
            ..Event::default()
        }
    }
}
