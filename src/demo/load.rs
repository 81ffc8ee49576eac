//! The one part of the demo that writes: the hand-written workspace into a store.

use crate::config::Config;
use crate::model::Client;
use crate::store::{Batch, Store};
use anyhow::Result;
use chrono::{DateTime, Utc};

/// What a demo wrote, counted as the dashboard lists it: the archived clients apart, since
/// the list shows them only on request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Clients listed (not archived).
    pub clients: usize,
    pub archived: usize,
    pub people: usize,
    pub events: u64,
}

impl Counts {
    pub fn of(clients: &[Client], people: usize, events: u64) -> Self {
        let archived = clients.iter().filter(|c| c.archived).count();
        Self {
            clients: clients.len() - archived,
            archived,
            people,
            events,
        }
    }
}

/// "8 clients (and 1 archived), 31 people, 240 events".
impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: u64, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        write!(f, "{}", plural(self.clients as u64, "client", "clients"))?;
        if self.archived > 0 {
            write!(f, " (and {} archived)", self.archived)?;
        }
        write!(
            f,
            ", {}, {}",
            plural(self.people as u64, "person", "people"),
            plural(self.events, "event", "events")
        )
    }
}

/// Fills `store` with the hand-written demo workspace as of `now` (`rapport demo` and the
/// dashboard's welcome screen): what was written.
pub fn load(store: &dyn Store, config: &Config, now: DateTime<Utc>) -> Result<Counts> {
    let delta = |k| config.trust_delta(k);
    let outcome = |o| config.promise_delta(o);
    let ws = super::workspace(now, &chrono::Local, &delta, &outcome)?;
    let counts = Counts::of(&ws.clients, ws.people.len(), ws.events.len() as u64);
    let batch = Batch {
        clients: ws.clients,
        people: ws.people,
        events: ws.events,
    };
    store.load(&batch, now)?;
    Ok(counts)
}
