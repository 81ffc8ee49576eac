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
            // A follow-up is a note: on another kind the syntax reads as doubtful.
            follow: self.follow.filter(|_| self.kind == Kind::Note),
            created: now,
            ..Event::default()
        }
    }

    /// The promises made in the note saved as `made_in`: each its sentence, due date and the
    /// kind's default trust, with the note's people, time and privacy (or their line's), linked
    /// to the note.
    /// Saved in the same write as the note.
    pub fn promise_events(&self, made_in: &Event, config: &Config) -> Vec<Event> {
        let mut ids: Vec<EventId> = vec![made_in.id];
        (self.promises.iter())
            .map(|promise| {
                // Fresh ids for one millisecond: never the note's, never each other's.
                let mut id = EventId::new_at(made_in.created.timestamp_millis() as u64);
                while ids.contains(&id) {
                    id = EventId::new_at(made_in.created.timestamp_millis() as u64);
                }
                ids.push(id);
                Event {
                    id,
                    client: made_in.client,
                    people: made_in.people.clone(),
                    at: made_in.at,
                    kind: Kind::Promise,
                    text: promise.text.clone(),
                    trust: config.trust_delta(Kind::Promise),
                    private: made_in.private || promise.private,
                    promise: Some(PromiseInfo {
                        due: Some(promise.due),
                        ..PromiseInfo::default()
                    }),
                    made_in: Some(made_in.id),
                    created: made_in.created,
                    ..Event::default()
                }
            })
            .collect()
    }
}
