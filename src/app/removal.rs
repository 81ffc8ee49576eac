//! `X` on a timeline event: asked first, then removed as `rapport delete` removes it (a
//! tombstone; an outcome takes its promise's mark with it, in the same write). `u` brings it
//! back the same way.

use super::editing::{Confirm, Confirmed};
use super::undo::{quote, Undo};
use super::{App, Env};
use crate::model::{Event, EventId};
use crate::store::StoreError;

impl App {
    /// `X` with the timeline focused: asks before removing the selected event.
    pub(super) fn remove_selected_event(&mut self) {
        let timeline = &self.selected.timeline;
        let Some(event) = timeline.rows.get(timeline.cursor).map(|r| &r.event) else {
            self.message = Some("no event to remove here".into());
            return;
        };
        if !event.is_live() {
            let id = event.id;
            self.message = Some(format!(
                "{id} is removed already; `rapport restore {id}` brings it back"
            ));
            return;
        }
        self.overlays.open(Confirm {
            question: format!(
                "Remove the {} of {}: {}? y/n",
                event.kind,
                event.at.format("%-d %b"),
                quote(&event.text)
            ),
            action: Confirmed::RemoveEvent(event.id),
        });
    }

    /// The answer was yes: the event becomes a tombstone, undoable.
    pub(super) fn remove_event(&mut self, id: EventId, env: &Env) -> Result<(), StoreError> {
        let Some(event) = env.store.event(id)?.filter(Event::is_live) else {
            self.message = Some("nothing removed: that event is gone already".into());
            return Ok(());
        };
        let said = self.set_removed(event, true, env)?;
        self.undo.record(Undo::EventRemoved(id), env.now);
        self.message = Some(format!(
            "removed {said} · {} takes it back",
            env.key(crate::config::Action::Undo)
        ));
        Ok(())
    }

    /// `u` after `X`: the event is back, and its promise's mark with an outcome.
    pub(super) fn restore_event(&mut self, id: EventId, env: &Env) -> Result<(), StoreError> {
        let Some(event) = env.store.event(id)? else {
            self.message = Some("nothing undone: that event is gone".into());
            return Ok(());
        };
        if event.is_live() {
            self.message = Some(format!("nothing undone: {id} was restored already"));
            return Ok(());
        }
        let said = self.set_removed(event, false, env)?;
        self.message = Some(format!("restored {said}"));
        Ok(())
    }

    /// Removes or restores `event` (with the promise an outcome resolves) in one write;
    /// "the call on Acme Oy: ‘…’" for the message.
    fn set_removed(&mut self, event: Event, remove: bool, env: &Env) -> Result<String, StoreError> {
        let (event, _) =
            crate::store::set_removed(env.store, event, remove.then_some(env.now), env.now)?;
        self.refresh(&[event.client], env)?;
        Ok(format!(
            "the {} on {}: {}",
            event.kind,
            self.client_name(event.client, env)?,
            quote(&event.text)
        ))
    }
}
