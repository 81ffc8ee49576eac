//! `e` on a timeline event: the note box opens on the event written in the inline syntax
//! (`capture::written`, so @names, #tags, +1, due: and at: round-trip), Enter saves an edit of
//! it (the store keeps the version it replaces), Esc leaves it unchanged. A call's new `due:`
//! sentences are promises made in it, saved with the edit in one write. Such a box is never a
//! draft: the client's own draft stays parked as it was. `u` puts the previous version back,
//! as another edit, so the history keeps that too, and removes the promises the edit made.

use super::editor::Editor;
use super::{Capture, Editing};
use crate::app::undo::Undo;
use crate::app::{App, Env};
use crate::capture::{takes_time, written, Parsed, Unlinked};
use crate::config::Action;
use crate::model::{Event, EventId, Kind, Person, PersonId, Revision};
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
        let mut names = self.selected.names.clone();
        names.extend(timeline.others.iter().map(|(id, name)| (*id, name.clone())));
        capture.editor = Editor::new(&written(&event, &names));
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
        // A call's new `due:` sentences: promises made now, in the event as edited.
        let made_in = Event {
            created: env.now,
            ..new.clone()
        };
        let promises = note.promise_events(&made_in, env.config);
        if new == current && promises.is_empty() {
            self.overlays.close::<Capture>();
            self.message = Some(format!("nothing changed in the {}", current.kind));
            return Ok(());
        }
        let edits = std::slice::from_ref(&new);
        if let Err(e) = env.store.edit_events(edits, &promises, &[], env.now) {
            return self.refuse_edit(format!("not saved: {e}"));
        }
        self.overlays.close::<Capture>();
        let edited = new != current;
        let undo = Undo::Edit {
            event: id,
            edited,
            promises: promises.iter().map(|p| p.id).collect(),
        };
        self.undo.record(undo, env.now);
        self.notes.edits += 1;
        self.refresh(&[current.client], env)?;
        self.keep_on(id);
        self.message = Some(self.edited_message(&new, edited, promises.len(), env)?);
        Ok(())
    }

    /// "edited the call of 12 Nov 10:00 (2 versions) and made 1 promise in it · u takes it back".
    fn edited_message(
        &self,
        new: &Event,
        edited: bool,
        promises: usize,
        env: &Env,
    ) -> Result<String, StoreError> {
        let versions = env
            .store
            .event(new.id)?
            .and_then(|e| e.edited)
            .map_or(2, |e| e.versions());
        let undo = (env.config.keys.get(Action::Undo).first())
            .map(|k| format!(" · {k} takes it back"))
            .unwrap_or_default();
        let made = match promises {
            0 => String::new(),
            1 => " 1 promise".to_string(),
            n => format!(" {n} promises"),
        };
        let what = format!("the {} of {}", new.kind, short_time(new.at));
        Ok(match edited {
            true if promises > 0 => {
                format!("edited {what} ({versions} versions) and made{made} in it{undo}")
            }
            true => format!("edited {what} ({versions} versions){undo}"),
            false => format!("made{made} in {what}{undo}"),
        })
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

    /// `u` after an edit: the version before it, back as another edit, and the promises made
    /// in the edit removed (those still open), in one write.
    pub(in crate::app) fn undo_edit(
        &mut self,
        id: EventId,
        edited: bool,
        promises: &[EventId],
        env: &Env,
    ) -> Result<(), StoreError> {
        let Some(current) = env.store.event(id)?.filter(Event::is_live) else {
            self.message = Some(format!("{id} is removed; the edit stays"));
            return Ok(());
        };
        let back = match edited {
            true => match self.previous_version(&current, env)? {
                Some(back) => Some(back),
                None => return Ok(()),
            },
            false => None,
        };
        let mut removed = Vec::new();
        for &promise in promises {
            // A promise marked since (from the command line) keeps its outcome: it stays.
            let open = env
                .store
                .event(promise)?
                .filter(|p| p.is_live() && p.promise.as_ref().is_some_and(|i| i.outcome.is_none()));
            if let Some(mut promise) = open {
                promise.deleted = Some(env.now);
                removed.push(promise);
            }
        }
        if back.is_none() && removed.is_empty() {
            self.message = Some("nothing undone: the promises made there were marked since".into());
            return Ok(());
        }
        env.store
            .edit_events(back.as_slice(), &[], &removed, env.now)?;
        self.refresh(&[current.client], env)?;
        self.keep_on(id);
        let client = env
            .store
            .client(current.client)?
            .map(|c| c.name)
            .unwrap_or_default();
        let shown = back.as_ref().unwrap_or(&current);
        let text: String = shown.text.chars().take(40).collect();
        let more = if shown.text.chars().count() > 40 {
            "…"
        } else {
            ""
        };
        let promises = match removed.len() {
            0 => String::new(),
            1 => ", and removed the promise made in it".to_string(),
            n => format!(", and removed the {n} promises made in it"),
        };
        self.message = Some(match back {
            Some(back) => format!(
                "undid the edit of the {} on {client}: ‘{text}{more}’{promises}",
                back.kind
            ),
            None => format!(
                "removed the promises made in the {} on {client}: ‘{text}{more}’",
                current.kind
            ),
        });
        Ok(())
    }

    /// `current` as its last earlier version said it; `None`, with why, when it cannot be.
    fn previous_version(
        &mut self,
        current: &Event,
        env: &Env,
    ) -> Result<Option<Event>, StoreError> {
        let Some(previous) = env.store.event_versions(current.id)?.pop() else {
            self.message = Some(format!("{} has no earlier version", current.id));
            return Ok(None);
        };
        match current.revised(&Revision::of(&previous.event)) {
            Ok(back) => Ok(Some(back)),
            Err(e) => {
                self.message = Some(format!("the edit stays: {e}"));
                Ok(None)
            }
        }
    }

    /// The timeline's cursor on `id`, where it is loaded.
    fn keep_on(&mut self, id: EventId) {
        let timeline = &mut self.selected.timeline;
        if let Some(i) = timeline.rows.iter().position(|r| r.event.id == id) {
            timeline.cursor = i;
        }
    }
}

/// The people `event` names whom its client no longer lists as live (moved away, removed):
/// an edit naming them keeps them ([`relink_past`](crate::capture::relink_past)).
pub(super) fn past_people(env: &Env, event: &Event) -> Result<Vec<Person>, StoreError> {
    let mut past = Vec::new();
    for &id in &event.people {
        if let Some(person) = env.store.person(id)? {
            if person.client != event.client || !person.is_live() {
                past.push(person);
            }
        }
    }
    Ok(past)
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
