//! The one part of the demo that writes: the hand-written workspace into a store.

use crate::config::Config;
use crate::store::{Batch, Store};
use anyhow::Result;
use chrono::{DateTime, Utc};

/// Fills `store` with the hand-written demo workspace as of `now` (`rapport demo` and the
/// dashboard's welcome screen): the numbers of clients, people and events written.
pub fn load(store: &dyn Store, config: &Config, now: DateTime<Utc>) -> Result<(usize, usize, u64)> {
    let delta = |k| config.trust_delta(k);
    let outcome = |o| config.promise_delta(o);
    let ws = super::workspace(now, &chrono::Local, &delta, &outcome)?;
    let counts = (ws.clients.len(), ws.people.len(), ws.events.len() as u64);
    let batch = Batch {
        clients: ws.clients,
        people: ws.people,
        events: ws.events,
    };
    store.load(&batch, now)?;
    Ok(counts)
}
