//! `u`: the last thing this dashboard did is taken back, for a few minutes. One entry, of this
//! session only: a write from the CLI or another dashboard is never undone from here.
//!
//! Each kind of action is one [`Undo`] variant, recorded where the action is done and taken
//! back by its arm in [`App::undo`].

use super::{App, Env};
use crate::model::{Event, EventId};
use crate::store::StoreError;
use chrono::{DateTime, Duration, Utc};

/// How long `u` can take back the last action.
pub const UNDO_WINDOW: Duration = Duration::minutes(5);

/// What `u` takes back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undo {
    /// A saved note: it becomes a tombstone, with the promises made in it.
    Note {
        event: EventId,
        promises: Vec<EventId>,
    },
    /// A promise marked kept or broken: it is open again and its outcome a tombstone.
    Mark { promise: EventId, outcome: EventId },
}

/// The last action of this session that `u` can take back, and when it was done.
#[derive(Debug, Default)]
pub struct History {
    last: Option<(Undo, DateTime<Utc>)>,
}

impl History {
    /// `undo` is now what `u` takes back.
    pub fn record(&mut self, undo: Undo, at: DateTime<Utc>) {
        self.last = Some((undo, at));
    }

    /// Nothing to take back any more.
    pub fn forget(&mut self) {
        self.last = None;
    }

    /// What `u` would take back now, if anything.
    pub fn last(&self) -> Option<&Undo> {
        self.last.as_ref().map(|(undo, _)| undo)
    }
}

impl App {
    /// `u`: the last action is taken back, within the window.
    pub(super) fn undo(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some((undo, done)) = self.undo.last.take() else {
            self.message = Some("nothing to undo: no note was saved here yet".into());
            return Ok(());
        };
        if env.now - done > UNDO_WINDOW {
            self.message = Some(too_late(&undo));
            return Ok(());
        }
        match undo {
            Undo::Note { event, promises } => self.remove_note(event, promises, env),
            Undo::Mark { promise, outcome } => self.reopen_promise(promise, outcome, env),
        }
    }

    /// A note saved in this session becomes a tombstone, the promises made in it too, in one
    /// write.
    fn remove_note(
        &mut self,
        id: EventId,
        promises: Vec<EventId>,
        env: &Env,
    ) -> Result<(), StoreError> {
        let Some(mut event) = env.store.event(id)?.filter(Event::is_live) else {
            self.message = Some(format!("{id} is already removed"));
            return Ok(());
        };
        event.deleted = Some(env.now);
        let mut changed = vec![event.clone()];
        for promise in promises {
            if let Some(mut promise) = env.store.event(promise)?.filter(Event::is_live) {
                promise.deleted = Some(env.now);
                changed.push(promise);
            }
        }
        env.store.save_events(&[], &changed, env.now)?;
        self.refresh(&[event.client], env)?;
        self.message = Some(format!(
            "removed {id} (bring it back with `rapport restore {id}`)"
        ));
        Ok(())
    }
}

/// Past the window: what stays, and how to change it by hand.
fn too_late(undo: &Undo) -> String {
    let minutes = UNDO_WINDOW.num_minutes();
    match undo {
        Undo::Note { event, .. } => format!(
            "{event} was saved more than {minutes} minutes ago; `rapport delete {event}` removes it"
        ),
        Undo::Mark { promise, .. } => {
            format!("promise {promise} was marked more than {minutes} minutes ago; the mark stays")
        }
    }
}
