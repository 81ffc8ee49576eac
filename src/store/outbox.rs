//! What team mode asks of a store (`crate::team`): an outbox of the records that wait to be
//! pushed, kept in the same atomic write as the records themselves, and a way to save what a
//! pull brought without putting it back in the outbox. The store knows no server: it only
//! keeps the list, in order, and forgets what the team code says was pushed.
//!
//! Private events never enter the outbox: the write path leaves them out, and team mode's
//! shared types (`team/shared.rs`) have no way to carry one anyway.

use crate::model::{Client, ClientId, Event, EventId};
use crate::store::StoreError;
use serde::{Deserialize, Serialize};

/// A record that waits to be pushed: its current state is read when it is pushed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shareable {
    Client(ClientId),
    Event(EventId),
}

/// One entry of the outbox. `seq` grows with every write (a record written twice is listed
/// twice, the later under the higher number), so it is the device's push sequence: the server
/// keeps one row per (device, seq), and a push retried after a cut adds nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub seq: u64,
    pub record: Shareable,
}

/// What a pull brought, to be saved as the records they are (their ids kept), without
/// entering the outbox: clients first, then events with their author's name.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Pulled {
    pub clients: Vec<Client>,
    pub events: Vec<(Event, String)>,
}

/// The answer of a store that keeps no outbox (the overview the dashboard starts with).
pub(crate) fn unsupported() -> StoreError {
    StoreError::Io {
        context: "team sync".into(),
        source: std::io::Error::other("this store keeps no team outbox"),
    }
}
