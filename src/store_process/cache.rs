//! The clients selected lately, kept on the dashboard's side of the store process: `k` back
//! to a client just left (or `j` to it again) costs no round trip.
//!
//! Every call reaches the store process through [`super::StoreProcess`]'s `forward`, the
//! socket's peers' too, so a write is seen here: any write empties the cache (a person moved
//! away touches only the client they moved to, so dropping just the touched clients would
//! keep the old client's list). A selection read while a write was under way is not kept: it
//! may be from before the write.

use crate::model::ClientId;
use crate::socket::Call;
use crate::store::{Result, Selection, StoreError};
use chrono::{DateTime, Utc};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// Clients kept: a few either side of the cursor, a few hundred kilobytes of notes.
const KEPT: usize = 8;

#[derive(Default)]
pub struct Cache {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Bumped when a write starts and when it ends: a read that saw it change is not kept.
    generation: u64,
    writing: usize,
    /// The first page (from the newest event) of `limit` events, and the trust moves from
    /// `since` on (no upper end, so that a later `until` is answered too).
    kept: HashMap<ClientId, Kept>,
    /// Oldest first: which to drop when full.
    order: Vec<ClientId>,
}

struct Kept {
    limit: usize,
    since: DateTime<Utc>,
    selection: Selection,
}

/// Where the selection calls look first: the client, page length and window asked for.
pub struct Ask {
    pub client: ClientId,
    pub limit: usize,
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Ask {
    /// The call that reads what is kept for this ask: the trust moves without an upper end.
    pub fn wide(&self) -> Call {
        Call::Selection {
            client: self.client,
            after: None,
            limit: self.limit,
            since: self.since,
            until: open_end(),
        }
    }

    /// `selection`, read by [`Ask::wide`], with only the moves asked for.
    pub fn narrowed(&self, mut selection: Selection) -> Selection {
        (selection.trust_moves).retain(|(at, _)| *at > self.since && *at <= self.until);
        selection
    }
}

/// Later than any event: the end of year 9999, as far as RFC 3339 (the wire's form) goes.
fn open_end() -> DateTime<Utc> {
    DateTime::from_timestamp(253_402_300_799, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl Cache {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The kept selection for `ask`, as the caller's type, if one answers it.
    pub fn get<T: 'static>(&self, ask: &Ask) -> Option<Result<T>> {
        let state = self.state();
        let kept = state.kept.get(&ask.client)?;
        if kept.limit != ask.limit || kept.since > ask.since {
            return None;
        }
        let selection = kept.selection.clone();
        drop(state);
        Some(handed(ask.narrowed(selection)))
    }

    /// When a selection read starts: what [`Cache::keep`] is given back.
    pub fn reading(&self) -> u64 {
        self.state().generation
    }

    /// Keeps `selection` (read for `ask` with an open-ended window) unless a write came
    /// since `generation`.
    pub fn keep(&self, ask: &Ask, generation: u64, selection: &Selection) {
        let mut state = self.state();
        if state.writing > 0 || state.generation != generation {
            return;
        }
        state.order.retain(|&id| id != ask.client);
        if state.order.len() >= KEPT {
            let oldest = state.order.remove(0);
            state.kept.remove(&oldest);
        }
        state.order.push(ask.client);
        let kept = Kept {
            limit: ask.limit,
            since: ask.since,
            selection: selection.clone(),
        };
        state.kept.insert(ask.client, kept);
    }

    /// Runs write `f` with the cache emptied before and after it.
    pub fn writing<R>(&self, f: impl FnOnce() -> R) -> R {
        self.start_write();
        let result = f();
        self.end_write();
        result
    }

    fn start_write(&self) {
        let mut state = self.state();
        state.writing += 1;
        state.generation += 1;
        state.kept.clear();
        state.order.clear();
    }

    fn end_write(&self) {
        let mut state = self.state();
        state.writing -= 1;
        state.generation += 1;
        state.kept.clear();
        state.order.clear();
    }

    /// Forgets everything (a new run of the store process may have folded in the inbox).
    pub fn clear(&self) {
        self.start_write();
        self.end_write();
    }
}

/// `selection` as type `T`, which is its own type (a call's reply type is the call's). Handed
/// over by type, not through MessagePack: decoding a page of notes again cost a fifth of a
/// keystroke's time.
pub fn handed<T: 'static>(selection: Selection) -> Result<T> {
    let boxed: Box<dyn Any> = Box::new(selection);
    boxed
        .downcast::<T>()
        .map(|reply| *reply)
        .map_err(|_| StoreError::Remote("a selection was asked for as another type".into()))
}

#[cfg(test)]
mod tests;
