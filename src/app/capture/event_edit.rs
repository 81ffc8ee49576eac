//! `e` on a timeline event: the note box opens on the event written in the inline syntax
//! (`capture::written`, so @names, #tags, +1, due: and at: round-trip), Enter saves an edit of
//! it (the store keeps the version it replaces), Esc leaves it unchanged. Such a box is never a
//! draft: the client's own draft stays parked as it was. `u` puts the previous version back,
//! as another edit, so the history keeps that too.

use super::editor::Editor;
use super::{Capture, Editing};
use crate::app::undo::Undo;
use crate::app::{App, Env};
use crate::capture::{takes_time, written, Parsed, Unlinked};
use crate::config::Action;
use crate::model::{Event, EventId, Kind, PersonId, Revision};
use crate::store::StoreError;
use chrono::{DateTime, Local, Timelike, Utc};

impl App {
    /// `e` in the timeline: the box, on the selected event.
    pub(in crate::app) fn edit_selected_event(&mut self, env: &Env) {
        let timeline = &self.selected.timeline;
        let Some(event) = timeline.rows.get(timeline.cursor).map(|r| r.event.clone()) else {
            self.message = Some("no event to edit here".into());
            return;
        };
        let Some(client) = self.current().map(|r| r.client.clone()) else {
            return;
        };
        if !event.is_live() {
            let id = event.id;
            self.message = Some(format!("{id} is removed; `rapport restore {id}` first"));
            return;
        }
        let mut capture = Capture::new(&client);
        capture.editor = Editor::new(&written(&event, &self.selected.names));
        capture.editing = Some(Editing {
            title: format!("Edit {} of {}", event.kind, short_time(event.at)),
            event,
        });
        self.overlays.open(capture);
        self.refresh_preview(env.now);
    }

    /// Esc on an edit box: it closes, nothing written. False when the box is a note's.
    pub(super) fn close_edit(&mut self) -> bool {
        if self
            .overlays
            .get::<Capture>()
            .is_none_or(|c| c.editing.is_none())
        {
            return false;
        }
        if let Some(editing) = self.overlays.take::<Capture>().and_then(|c| c.editing) {
            self.message = Some(format!("the {} is unchanged", editing.event.kind));
        }
        true
    }

    /// Enter on an edit box, its @names answered: the event as the box reads it, saved as an
    /// edit of the stored one. The box stays open, with why, when the edit is refused.
    pub(super) fn save_edit(
        &mut self,
        env: &Env,
        note: Parsed,
        mut people: Vec<PersonId>,
        unlinked: &[Unlinked],
    ) -> Result<(), StoreError> {
        let Some(capture) = self.overlays.get::<Capture>() else {
            return Ok(());
        };
        let Some(editing) = capture.editing.clone() else {
            return Ok(());
        };
        if !note.promises.is_empty() {
            return self.refuse_edit(
                "an edit changes this event only: a promise made in it is its own event (n notes it)"
                    .into(),
            );
        }
        super::save::add_answered(capture, env, unlinked, &mut people)?;
        // The stored event, not the one the box opened on: another process may have marked it.
        let id = editing.event.id;
        let Some(current) = env.store.event(id)? else {
            return self.refuse_edit(format!("{id} is no longer in the store"));
        };
        let new = match current.revised(&revision(&note, people, &current, env)) {
            Ok(new) => new,
            Err(e) => return self.refuse_edit(e.to_string()),
        };
        if new == current {
            self.overlays.close::<Capture>();
            self.message = Some(format!("nothing changed in the {}", current.kind));
            return Ok(());
        }
        if let Err(e) = env.store.edit_event(&new, env.now) {
            return self.refuse_edit(format!("not saved: {e}"));
        }
        self.overlays.close::<Capture>();
        self.undo.record(Undo::Edit(id), env.now);
        self.notes.edits += 1;
        self.refresh(&[current.client], env)?;
        self.keep_on(id);
        let versions = env
            .store
            .event(id)?
            .and_then(|e| e.edited)
            .map_or(2, |e| e.versions());
        let undo = (env.config.keys.get(Action::Undo).first())
            .map(|k| format!(" · {k} takes it back"))
            .unwrap_or_default();
        self.message = Some(format!(
            "edited the {} of {} ({versions} versions){undo}",
            new.kind,
            short_time(new.at)
        ));
        Ok(())
    }

    /// The box stays open with everything typed, and says why where the eyes are.
    fn refuse_edit(&mut self, why: String) -> Result<(), StoreError> {
        if let Some(capture) = self.overlays.get_mut::<Capture>() {
            capture.notice = Some(format!(
                "{why}. Everything typed is still here: Enter tries again, Esc leaves the event \
                 unchanged."
            ));
        }
        self.message = Some(why);
        Ok(())
    }

    /// `u` after an edit: the version before it, back as another edit.
    pub(in crate::app) fn undo_edit(&mut self, id: EventId, env: &Env) -> Result<(), StoreError> {
        let Some(current) = env.store.event(id)?.filter(Event::is_live) else {
            self.message = Some(format!("{id} is removed; the edit stays"));
            return Ok(());
        };
        let Some(previous) = env.store.event_versions(id)?.pop() else {
            self.message = Some(format!("{id} has no earlier version"));
            return Ok(());
        };
        let back = match current.revised(&Revision::of(&previous.event)) {
            Ok(back) => back,
            Err(e) => {
                self.message = Some(format!("the edit stays: {e}"));
                return Ok(());
            }
        };
        env.store.edit_event(&back, env.now)?;
        self.refresh(&[current.client], env)?;
        self.keep_on(id);
        let client = env
            .store
            .client(current.client)?
            .map(|c| c.name)
            .unwrap_or_default();
        let text: String = back.text.chars().take(40).collect();
        let more = if back.text.chars().count() > 40 {
            "…"
        } else {
            ""
        };
        self.message = Some(format!(
            "undid the edit of the {} on {client}: ‘{text}{more}’",
            back.kind
        ));
        Ok(())
    }

    /// The timeline's cursor on `id`, where it is loaded.
    fn keep_on(&mut self, id: EventId) {
        let timeline = &mut self.selected.timeline;
        if let Some(i) = timeline.rows.iter().position(|r| r.event.id == id) {
            timeline.cursor = i;
        }
    }
}

/// What the box says, over the stored event: its time stays unless `at:` moves it (the box
/// shows it to the minute), and without a trust word the kind's default applies.
fn revision(note: &Parsed, people: Vec<PersonId>, current: &Event, env: &Env) -> Revision {
    let shown = current.at.with_second(0).and_then(|t| t.with_nanosecond(0));
    let at = match note.at {
        Some(at) if Some(at) != shown => at,
        _ => current.at,
    };
    // What the syntax cannot say for this kind (minutes on a note, `billed` off advice) is not in
    // the box: kept while the kind stays.
    let same = note.kind == current.kind;
    let minutes = match same && !takes_time(note.kind) {
        true => current.minutes,
        false => note.minutes,
    };
    let billed = note.billed || (same && note.kind != Kind::Advice && current.billed);
    Revision {
        kind: note.kind,
        text: note.text.clone(),
        people,
        tags: note.tags.clone(),
        trust: note
            .trust
            .unwrap_or_else(|| env.config.trust_delta(note.kind)),
        private: note.private,
        minutes,
        billed,
        at,
        due: note.due,
    }
}

/// "12 Nov 10:00", local time.
fn short_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%-d %b %H:%M").to_string()
}
