//! Enter in the capture box: the note is read, its new @names asked about, and the event stored
//! durably before the box closes. `u` takes the last one back (`undo.rs`).

use super::question::{Answer, Question, Reply};
use super::Capture;
use crate::app::undo::Undo;
use crate::app::{App, Env};
use crate::capture::{link, relink_past, Unlinked};
use crate::config::{Action, KeySpec};
use crate::model::{Event, EventId, Person, PersonId};
use crate::resolve::ResolveError;
use crate::store::StoreError;

impl App {
    /// Saves the open note, or asks about the first new @name not answered yet.
    pub(super) fn save_note(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some(capture) = self.overlays.get_mut::<Capture>() else {
            return Ok(());
        };
        if capture.editor.is_blank() {
            self.message = Some("nothing to save yet: write what happened, or Esc".into());
            return Ok(());
        }
        let note = capture.parsed(env.now);
        if note.text.is_empty() {
            self.message = Some(format!(
                "the note is empty once its syntax is read ({}); add a few words on what happened",
                note.preview()
            ));
            return Ok(());
        }
        if capture.ask_about_doubts(&note) {
            return Ok(());
        }
        let mut people = Vec::new();
        let mut unlinked =
            link(env.store, &note.mentions, capture.client, &mut people).map_err(store_error)?;
        if let Some(editing) = &capture.editing {
            let past = super::event_edit::past_people(env, &editing.event)?;
            relink_past(&past, &mut unlinked, &mut people);
        }
        let unanswered = unlinked.iter().find_map(|missing| match missing {
            Unlinked::Unknown {
                name,
                suggestions,
                hint,
            } if !capture.answers.iter().any(|(n, _)| n == name) => Some((name, suggestions, hint)),
            _ => None,
        });
        if let Some((name, suggestions, hint)) = unanswered {
            let mut question = Question::new(name, &capture.client_name, suggestions);
            // Someone removed or moved away: say so, restoring may be what is wanted.
            if let Some(hint) = hint {
                question.text.push_str(&format!(" ({hint})"));
            }
            capture.question = Some(question);
            return Ok(());
        }
        if capture.editing.is_some() {
            return self.save_edit(env, note, people, &unlinked);
        }
        let stored = self.store_note(env, note, people, &unlinked);
        match stored {
            Ok((event, promises, trouble)) => self.saved(event, promises, &unlinked, trouble, env),
            Err(e) => {
                // The box stays open with everything typed, and says why where the eyes are.
                if let Some(capture) = self.overlays.get_mut::<Capture>() {
                    capture.notice = Some(format!(
                        "Not saved: {e}. Everything typed is still here: Enter tries again, \
                         Esc keeps it as a draft."
                    ));
                }
                self.message = Some(format!("not saved: {e}"));
                Ok(())
            }
        }
    }

    /// Adds the people the answers asked for, then the event and the promises made in it, in
    /// one write; all durable when this returns. With the event and how many promises, the
    /// error of a write that stored them and then failed, if one did.
    fn store_note(
        &mut self,
        env: &Env,
        note: crate::capture::Parsed,
        mut people: Vec<PersonId>,
        unlinked: &[Unlinked],
    ) -> Result<(Event, Vec<EventId>, Option<StoreError>), StoreError> {
        let Some(capture) = self.overlays.get::<Capture>() else {
            return Err(StoreError::Missing {
                what: "note",
                id: String::new(),
            });
        };
        add_answered(capture, env, unlinked, &mut people)?;
        // A call note happened when the call began, and lasted until Enter while its box has
        // stayed open, or else until the last key typed while it was on (`Call`), unless the
        // note gives its own duration.
        let at = note
            .at
            .or(capture.call.map(|c| c.started))
            .unwrap_or(env.now);
        let mut event = note.to_event(capture.client, people, at, env.now, env.config);
        if let Some(call) = capture.call {
            event.minutes = note.minutes.or(Some(call.length(env.now)));
        }
        let promises = note.promise_events(&event, env.config);
        let ids: Vec<EventId> = promises.iter().map(|p| p.id).collect();
        let events: Vec<Event> = std::iter::once(event.clone()).chain(promises).collect();
        match env.store.save_events(&events, &[], env.now) {
            Ok(()) => Ok((event, ids, None)),
            Err(e) => match env.store.event(event.id) {
                // Stored, and something after it (the names file, the digest) failed: the
                // note is saved, and saving it again would only be refused.
                Ok(Some(_)) => Ok((event, ids, Some(e))),
                _ => Err(e),
            },
        }
    }

    /// The note is stored: the box closes, the draft goes, the timeline shows the event.
    fn saved(
        &mut self,
        event: Event,
        promises: Vec<EventId>,
        unlinked: &[Unlinked],
        trouble: Option<StoreError>,
        env: &Env,
    ) -> Result<(), StoreError> {
        let Some(capture) = self.overlays.take::<Capture>() else {
            return Ok(());
        };
        let draft_gone = env.store.remove_draft(capture.client);
        let made = promises.len();
        let undo = Undo::Note {
            event: Box::new(event.clone()),
            promises,
            typed: capture.editor.text(),
            // Saving ended the call: its box, opened again by `u`, is an ended call.
            call: capture.call.map(|c| c.ended_at(c.ended.unwrap_or(env.now))),
        };
        self.undo.record(undo, env.now);
        self.notes.edits += 1;
        self.refresh(&[event.client], env)?;
        let timeline = &mut self.selected.timeline;
        if let Some(i) = timeline.rows.iter().position(|r| r.event.id == event.id) {
            timeline.cursor = i;
        }
        let undo = env
            .config
            .keys
            .get(Action::Undo)
            .first()
            .map(|k| format!(" · {k} takes it back"))
            .unwrap_or_default();
        let made = match made {
            0 => String::new(),
            1 => " and 1 promise".to_string(),
            n => format!(" and {n} promises"),
        };
        let mut message = format!("saved {} {}{made}{undo}", event.kind, event.id);
        for missing in unlinked {
            if let Unlinked::Ambiguous { name, .. } = missing {
                message.push_str(&format!(" · @{name} fits several people: kept as text"));
            }
        }
        if let Some(e) = trouble {
            message.push_str(&format!(" · but then: {e}"));
        }
        if let Err(e) = draft_gone {
            message.push_str(&format!(" · the old draft could not be removed: {e}"));
        }
        self.message = Some(message);
        Ok(())
    }

    /// A key while a new @name is being asked about.
    pub(super) fn answer(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(capture) = self.overlays.get_mut::<Capture>() else {
            return Ok(());
        };
        let Some(question) = capture.question.as_ref() else {
            return Ok(());
        };
        match question.reply_to(key) {
            Reply::Ignored => Ok(()),
            Reply::Back => {
                capture.question = None;
                capture.unanswered();
                self.message = Some("back to the note; nobody was added".into());
                Ok(())
            }
            Reply::Answer(answer) => {
                let question = question.clone();
                capture.answered(&question, answer);
                capture.question = None;
                self.save_note(env)
            }
        }
    }
}

/// Adds the people the answers asked for (new @names added with a role) and links them.
pub(super) fn add_answered(
    capture: &super::Capture,
    env: &Env,
    unlinked: &[Unlinked],
    people: &mut Vec<PersonId>,
) -> Result<(), StoreError> {
    for (name, answer) in &capture.answers {
        let Answer::Add(role) = answer else { continue };
        if !unlinked.iter().any(|u| u.is_unknown() && u.name() == name) {
            continue;
        }
        let person = Person {
            id: PersonId::new_at(env.now.timestamp_millis() as u64),
            client: capture.client,
            name: name.clone(),
            role: *role,
            created: env.now,
            ..Person::default()
        };
        env.store.put_person(&person)?;
        people.push(person.id);
    }
    Ok(())
}

/// `link` fails only when the store does.
fn store_error(e: ResolveError) -> StoreError {
    match e {
        ResolveError::Store(e) => e,
        other => StoreError::Io {
            context: "linking the note's @names".into(),
            source: std::io::Error::other(other.to_string()),
        },
    }
}
