//! `K` and `B` on an open promise in the timeline: it is marked kept or broken with the trust
//! movement from config, exactly as `rapport kept`/`broken` marks it (`model::settle`), in one
//! durable write; `u` takes the mark back for a few minutes.

use super::timeline::Source;
use super::undo::Undo;
use super::{App, Env, Pane};
use crate::config::Action;
use crate::model::{EventId, Outcome, Settle, Settled};
use crate::store::StoreError;

impl App {
    /// `K`/`B`: the selected timeline row, if it is an open promise, is kept or broken.
    pub(super) fn mark_promise(&mut self, outcome: Outcome, env: &Env) -> Result<(), StoreError> {
        let selected = self
            .selected
            .timeline
            .rows
            .get(self.selected.timeline.cursor);
        let promise = match selected {
            Some(row) if self.focus == Pane::Timeline && row.event.is_open_promise() => {
                row.event.clone()
            }
            _ => {
                self.message = Some(format!(
                    "{} and {} mark an open promise: select one in the timeline",
                    env.key(Action::Kept),
                    env.key(Action::Broken)
                ));
                return Ok(());
            }
        };
        let settled = match promise.settle(Settle {
            outcome,
            trust: env.config.promise_delta(outcome),
            at: env.now,
            now: env.now,
            note: None,
        }) {
            Ok(settled) => settled,
            Err(refused) => {
                self.message = Some(refused.to_string());
                return Ok(());
            }
        };
        let Settled {
            outcome: record,
            promise,
        } = settled;
        env.store.save_events(
            std::slice::from_ref(&record),
            std::slice::from_ref(&promise),
            env.now,
        )?;
        let undo = Undo::Mark {
            promise: promise.id,
            outcome: record.id,
        };
        self.undo.record(undo, env.now);
        self.refresh(&[promise.client], env)?;
        self.select_event(promise.id, env)?;
        let word = match outcome {
            Outcome::Kept => "kept",
            Outcome::Broken => "broken",
        };
        self.message = Some(format!(
            "Promise {word} · trust {:+} · {} takes it back",
            record.trust,
            env.key(Action::Undo)
        ));
        Ok(())
    }

    /// `u` after `K`/`B`: the promise is open again and its outcome a tombstone, in one write.
    pub(super) fn reopen_promise(
        &mut self,
        promise: EventId,
        outcome: EventId,
        env: &Env,
    ) -> Result<(), StoreError> {
        let (Some(promise), Some(outcome)) = (env.store.event(promise)?, env.store.event(outcome)?)
        else {
            self.message = Some("nothing to undo: the promise is gone".into());
            return Ok(());
        };
        let marked = promise.promise.as_ref().and_then(|p| p.outcome_event) == Some(outcome.id);
        if !marked || !outcome.is_live() {
            self.message = Some(format!("{} was changed since; nothing undone", promise.id));
            return Ok(());
        }
        let (id, client) = (promise.id, promise.client);
        let text = super::undo::quote(&promise.text);
        let changed = Settled { outcome, promise }.undo(env.now);
        env.store.save_events(&[], &changed, env.now)?;
        self.refresh(&[client], env)?;
        self.select_event(id, env)?;
        let name = self.client_name(client, env)?;
        self.message = Some(format!("the promise on {name} is open again: {text}"));
        Ok(())
    }

    /// Puts the timeline cursor on event `id`, reading pages until it shows (it was loaded
    /// before the reload, so this reads no more than had been read).
    fn select_event(&mut self, id: EventId, env: &Env) -> Result<(), StoreError> {
        let source = Source {
            store: env.store,
            client: self.client_id(),
            names: &self.selected.names,
        };
        let timeline = &mut self.selected.timeline;
        loop {
            if let Some(i) = timeline.rows.iter().position(|r| r.event.id == id) {
                timeline.cursor = i;
                return Ok(());
            }
            if timeline.complete() {
                return Ok(());
            }
            timeline.read_page(&source)?;
        }
    }
}
