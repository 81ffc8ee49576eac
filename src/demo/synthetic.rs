//! Synthetic workspaces of any size for benchmarks: deterministic for a seed, and streamed, so
//! a million events are never in memory at once.

use super::words::{self, Texts};
use crate::model::{
    Channel, Client, ClientId, ClientState, ContactStyle, Event, EventId, Kind, Outcome, Person,
    PersonId, PromiseInfo, Role, Stance,
};
use chrono::{DateTime, Duration, Utc};
use fastrand::Rng;
use ulid::Ulid;

/// How far back the synthetic timeline reaches.
const SPAN_DAYS: i64 = 3 * 365;

/// Clients and people in memory, events on demand.
#[derive(Clone, Debug)]
pub struct Synthetic {
    pub clients: Vec<Client>,
    pub people: Vec<Person>,
    n_events: u64,
    event_seed: u64,
    now: DateTime<Utc>,
}

/// A synthetic workspace of `n_events` events ending at `now`: `max(1, n/1000)` clients and
/// `max(1, n/100)` people dealt out evenly among them. The same seed gives the same ids,
/// names and events.
pub fn synthetic(n_events: u64, seed: u64, now: DateTime<Utc>) -> Synthetic {
    let mut rng = Rng::with_seed(seed);
    let n_clients = (n_events / 1000).max(1) as usize;
    let n_people = (n_events / 100).max(1) as usize;
    let start = now - Duration::days(SPAN_DAYS);
    let clients: Vec<Client> = (0..n_clients).map(|c| client(&mut rng, c, start)).collect();
    let people = (0..n_people)
        .map(|i| person(&mut rng, i, &clients))
        .collect();
    Synthetic {
        clients,
        people,
        n_events,
        event_seed: rng.u64(..),
        now,
    }
}

impl Synthetic {
    /// How many events `events()` yields.
    pub fn n_events(&self) -> u64 {
        self.n_events
    }

    /// The timeline, oldest first, generated lazily; every call starts over with the same events.
    pub fn events(&self) -> SyntheticEvents {
        let n_clients = self.clients.len();
        let mut people_of = vec![Vec::new(); n_clients];
        for (i, p) in self.people.iter().enumerate() {
            people_of[i % n_clients].push(p.id);
        }
        SyntheticEvents {
            rng: Rng::with_seed(self.event_seed),
            clients: self.clients.iter().map(|c| c.id).collect(),
            people_of,
            next: 0,
            n: self.n_events,
            start_ms: (self.now - Duration::days(SPAN_DAYS)).timestamp_millis(),
            span_ms: Duration::days(SPAN_DAYS).num_milliseconds() as u64,
            now: self.now,
            pending: None,
            texts: Texts::new(),
        }
    }
}

fn client(rng: &mut Rng, c: usize, start: DateTime<Utc>) -> Client {
    let created = start - Duration::minutes(rng.i64(0..90 * 24 * 60));
    let state = match rng.u8(..20) {
        0..=1 => ClientState::Prospect,
        2..=14 => ClientState::Active,
        15..=17 => ClientState::Dormant,
        _ => ClientState::Former,
    };
    let japanese = words::is_japanese_client(c);
    Client {
        id: ClientId(Ulid::from_parts(millis(created), rng.u128(..))),
        name: format!(
            "Client {:04} {}",
            c + 1,
            if japanese { "K.K." } else { "Oy" }
        ),
        alias: Some(format!("c{:04}", c + 1)),
        state,
        cadence_days: [14, 21, 30, 30, 45, 60, 90][rng.usize(..7)],
        style: match rng.u8(..10) {
            0..=5 => ContactStyle::Periodic,
            6..=8 => ContactStyle::Ambient,
            _ => ContactStyle::Triggered,
        },
        tags: vec![words::TAGS[rng.usize(..words::TAGS.len())].to_string()],
        archived: state == ClientState::Former && rng.bool(),
        created,
        ..Client::default()
    }
}

/// Person `i`: people are dealt out like cards, so client `i % n` gets it as its `i / n`th.
fn person(rng: &mut Rng, i: usize, clients: &[Client]) -> Person {
    let (c, slot) = (i % clients.len(), i / clients.len());
    let client = &clients[c];
    let created = client.created + Duration::minutes(rng.i64(0..30 * 24 * 60));
    let name = words::person_name(rng, c, slot);
    Person {
        id: PersonId(Ulid::from_parts(millis(created), rng.u128(..))),
        client: client.id,
        name,
        role: Role::ALL[rng.usize(..Role::ALL.len())],
        stance: Stance::ALL[rng.usize(..Stance::ALL.len())],
        channel: Channel::ALL[rng.usize(..Channel::ALL.len())],
        email: rng.bool().then(|| format!("p{:05}@example.com", i + 1)),
        created,
        ..Person::default()
    }
}

/// The lazily generated timeline of a [`Synthetic`] workspace.
pub struct SyntheticEvents {
    rng: Rng,
    clients: Vec<ClientId>,
    people_of: Vec<Vec<PersonId>>,
    /// Events yielded so far.
    next: u64,
    n: u64,
    start_ms: i64,
    span_ms: u64,
    now: DateTime<Utc>,
    /// The outcome of the promise just yielded, due in the next slot.
    pending: Option<Event>,
    texts: Texts,
}

impl SyntheticEvents {
    /// A time in slot `i`: slots split the span evenly and the jitter stays inside the slot,
    /// so events come out sorted.
    fn slot_time(&mut self, i: u64) -> DateTime<Utc> {
        // u64 arithmetic unless the product overflows (beyond ~190M events).
        let base = match self.span_ms.checked_mul(i) {
            Some(product) => product / self.n,
            None => (u128::from(self.span_ms) * u128::from(i) / u128::from(self.n)) as u64,
        } as i64;
        let width = self.span_ms / self.n;
        let jitter = if width > 0 {
            self.rng.u64(..width) as i64
        } else {
            0
        };
        let ms = self.start_ms + base + jitter;
        DateTime::from_timestamp_millis(ms).unwrap_or(self.now)
    }

    fn event(&mut self, i: u64) -> Event {
        let rng = &mut self.rng;
        // A tenth of the clients get a third of the events, as in a real practice.
        let n_clients = self.clients.len();
        let c = if rng.u8(..3) == 0 {
            rng.usize(..n_clients.div_ceil(10))
        } else {
            rng.usize(..n_clients)
        };
        let ps = &self.people_of[c];
        let mut people = Vec::new();
        match rng.u8(..10) {
            0..=1 => {}
            2..=7 => people.push(ps[rng.usize(..ps.len())]),
            _ => {
                let (a, b) = (ps[rng.usize(..ps.len())], ps[rng.usize(..ps.len())]);
                people.push(a);
                if a != b {
                    people.push(b);
                }
            }
        }
        let kind = words::KINDS[rng.usize(..words::KINDS.len())];
        let japanese = words::is_japanese_client(c);
        let text = self.texts.text(rng, kind, japanese);
        let tags = if rng.u8(..10) == 0 {
            vec![words::TAGS[rng.usize(..words::TAGS.len())].to_string()]
        } else {
            Vec::new()
        };
        let private = kind == Kind::Note && rng.u8(..3) == 0;
        let (minutes, billed) = match kind {
            Kind::Advice => (Some(5 * rng.u32(2..=24)), rng.bool()),
            Kind::Call | Kind::Video | Kind::Meeting => (Some(5 * rng.u32(3..=18)), false),
            _ => (None, false),
        };
        let trust = rng.i8(-1..=2);
        let at = self.slot_time(i);
        let mut event = Event {
            id: EventId(Ulid::from_parts(millis(at), self.rng.u128(..))),
            client: self.clients[c],
            people,
            at,
            kind,
            text,
            tags,
            trust,
            private,
            minutes,
            billed,
            created: at,
            ..Event::default()
        };
        if kind == Kind::Promise {
            let due = at.date_naive() + Duration::days(self.rng.i64(1..=30));
            event.promise = Some(PromiseInfo {
                due: Some(due),
                ..PromiseInfo::default()
            });
            // Old promises are mostly settled; the outcome takes the next slot.
            let old = at < self.now - Duration::days(45);
            if old && i + 1 < self.n && self.rng.u8(..4) != 0 {
                self.resolve(&mut event, i + 1);
            }
        }
        event
    }

    fn resolve(&mut self, promise: &mut Event, slot: u64) {
        let outcome = if self.rng.u8(..5) == 0 {
            Outcome::Broken
        } else {
            Outcome::Kept
        };
        let at = self.slot_time(slot);
        let id = EventId(Ulid::from_parts(millis(at), self.rng.u128(..)));
        let word = if outcome == Outcome::Kept {
            "Kept"
        } else {
            "Broken"
        };
        self.pending = Some(Event {
            id,
            client: promise.client,
            people: promise.people.clone(),
            at,
            kind: Kind::Promise,
            text: format!("{word}: {}", promise.text),
            trust: if outcome == Outcome::Kept {
                self.rng.i8(1..=2)
            } else {
                -1
            },
            resolves: Some(promise.id),
            created: at,
            ..Event::default()
        });
        if let Some(info) = &mut promise.promise {
            info.outcome = Some(outcome);
            info.outcome_event = Some(id);
        }
    }
}

impl Iterator for SyntheticEvents {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        if self.next >= self.n {
            return None;
        }
        let event = match self.pending.take() {
            Some(outcome) => outcome,
            None => self.event(self.next),
        };
        self.next += 1;
        Some(event)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.n - self.next).unwrap_or(usize::MAX);
        (left, Some(left))
    }
}

impl ExactSizeIterator for SyntheticEvents {}

fn millis(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}
