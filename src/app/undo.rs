//! `u`: the last thing this dashboard did is taken back, for a few minutes. One entry, of this
//! session only: a write from the CLI or another dashboard is never undone from here, and a
//! record changed since (by either) is left as it is, with a word saying so.
//!
//! Each kind of action is one [`Undo`] variant, recorded where the action is done and taken
//! back by its arm in [`App::undo`]; the message names what was taken back.

use super::agenda::MarkUndo;
use super::capture::Call;
use super::{App, Env};
use crate::model::{ClientId, Event, EventId, PersonId};
use crate::store::StoreError;
use chrono::{DateTime, Duration, Utc};

/// How long `u` can take back the last action.
pub const UNDO_WINDOW: Duration = Duration::minutes(5);

/// What `u` takes back.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    /// A saved note: it becomes a tombstone, with the promises made in it, and the box opens
    /// again with the note as typed.
    Note {
        /// As stored: a note changed since is not this dashboard's to remove.
        event: Box<Event>,
        promises: Vec<EventId>,
        /// The box's text, inline syntax unread, and its call.
        typed: String,
        call: Option<Call>,
    },
    /// A promise marked kept or broken: it is open again and its outcome a tombstone.
    Mark { promise: EventId, outcome: EventId },
    /// A client archived (`x`): it is listed again.
    Archive(ClientId),
    /// A timeline event removed (`X`): restored.
    EventRemoved(EventId),
    /// An edit of an event (`e`): its previous version is put back, as another edit (when
    /// the edit made one), and the promises made in it are removed, in one write.
    Edit {
        event: EventId,
        /// False when only promises were made: the event's last version is older.
        edited: bool,
        promises: Vec<EventId>,
    },
    /// A person removed (`X`): restored.
    PersonRemoved(PersonId),
    /// A person moved to another client (`M`): back at `from`, without the move's fact.
    PersonMoved { person: PersonId, from: ClientId },
    /// An agenda item snoozed, dismissed or done (`z`, `x`, `d`): its note becomes a tombstone.
    AgendaMark(MarkUndo),
    /// An event left out of the client's reports, or put back (`x` in the report preview):
    /// the mark set the other way, as another edit.
    LeftOut { event: EventId, unreported: bool },
}

/// The last action of this session that `u` can take back, and when it was done.
#[derive(Debug, Default)]
pub struct History {
    last: Option<(Undo, DateTime<Utc>)>,
}

impl History {
    /// `undo` is now what `u` takes back; whatever was before it is out of reach.
    pub fn record(&mut self, undo: Undo, at: DateTime<Utc>) {
        self.last = Some((undo, at));
    }

    /// Nothing to take back any more: the last action is one `u` cannot undo, and reaching
    /// past it to an older one would undo something the user no longer sees.
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
            self.message = Some(
                "nothing to undo: u takes back a note, a promise mark, an archive, an edit, a \
                 person's removal or move, or an agenda snooze or dismissal made in this dashboard"
                    .into(),
            );
            return Ok(());
        };
        if env.now - done > UNDO_WINDOW {
            self.message = Some(too_late(&undo));
            return Ok(());
        }
        match undo {
            Undo::Note {
                event,
                promises,
                typed,
                call,
            } => {
                if self.remove_note(&event, promises, env)? {
                    self.reopen_note(event.client, &typed, call, env)?;
                }
                Ok(())
            }
            Undo::Mark { promise, outcome } => self.reopen_promise(promise, outcome, env),
            Undo::Archive(client) => self.unarchive(client, env),
            Undo::Edit {
                event,
                edited,
                promises,
            } => self.undo_edit(event, edited, &promises, env),
            Undo::EventRemoved(id) => self.restore_event(id, env),
            Undo::PersonRemoved(_) | Undo::PersonMoved { .. } => self.undo_person(undo, env),
            Undo::AgendaMark(mark) => self.unmark(mark, env),
            Undo::LeftOut { event, unreported } => self.undo_left_out(event, unreported, env),
        }
    }

    /// A note saved in this session becomes a tombstone, the promises made in it too, in one
    /// write; false when it was removed or changed since, and is left as it is.
    fn remove_note(
        &mut self,
        saved: &Event,
        promises: Vec<EventId>,
        env: &Env,
    ) -> Result<bool, StoreError> {
        let id = saved.id;
        let Some(mut event) = env.store.event(id)?.filter(Event::is_live) else {
            self.message = Some(format!("nothing undone: {id} is already removed"));
            return Ok(false);
        };
        if event != *saved {
            self.message = Some(format!(
                "nothing undone: {id} was changed since it was saved here; `rapport delete {id}` \
                 removes it"
            ));
            return Ok(false);
        }
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
            "removed the {} on {}: {} (`rapport restore {id}` brings it back)",
            event.kind,
            self.client_name(event.client, env)?,
            quote(&event.text)
        ));
        Ok(true)
    }

    /// The client archived here is listed again, and selected.
    fn unarchive(&mut self, id: ClientId, env: &Env) -> Result<(), StoreError> {
        let Some(mut client) = env.store.client(id)? else {
            self.message = Some("nothing undone: that client is gone".into());
            return Ok(());
        };
        if !client.archived {
            self.message = Some(format!(
                "nothing undone: {} is not archived any more",
                one_line(&client.name)
            ));
            return Ok(());
        }
        client.archived = false;
        env.store.put_client(&client)?;
        self.refresh(&[id], env)?;
        self.focus_client(id, env)?;
        self.message = Some(format!(
            "restored {} from the archive",
            one_line(&client.name)
        ));
        Ok(())
    }

    /// A client's name for a message, from the list or else the store.
    pub(super) fn client_name(&self, id: ClientId, env: &Env) -> Result<String, StoreError> {
        let listed = self.clients.iter().find(|r| r.client.id == id);
        let name = match listed {
            Some(row) => row.client.name.clone(),
            None => env.store.client(id)?.map(|c| c.name).unwrap_or_default(),
        };
        Ok(one_line(&name))
    }
}

/// Past the window: what stays, and how to change it by hand.
fn too_late(undo: &Undo) -> String {
    let minutes = UNDO_WINDOW.num_minutes();
    match undo {
        Undo::Note { event, .. } => format!(
            "{0} was saved more than {minutes} minutes ago; `rapport delete {0}` removes it",
            event.id
        ),
        Undo::Mark { promise, .. } => {
            format!("promise {promise} was marked more than {minutes} minutes ago; the mark stays")
        }
        Undo::Archive(_) => format!(
            "the archive was more than {minutes} minutes ago; `rapport client edit NAME \
             --unarchive` brings the client back"
        ),
        Undo::EventRemoved(id) => format!(
            "{id} was removed more than {minutes} minutes ago; `rapport restore {id}` brings it \
             back"
        ),
        Undo::Edit { event: id, .. } => format!(
            "the edit of {id} was more than {minutes} minutes ago; `rapport show {id}` lists its \
             versions"
        ),
        Undo::PersonRemoved(_) => format!(
            "the removal was more than {minutes} minutes ago; `rapport person restore NAME` \
             brings them back"
        ),
        Undo::PersonMoved { .. } => format!(
            "the move was more than {minutes} minutes ago; `rapport person move NAME --to \
             CLIENT` moves them again"
        ),
        Undo::LeftOut { event, unreported } => format!(
            "the mark was more than {minutes} minutes ago; `rapport report CLIENT --{} {event}` \
             sets it back",
            if *unreported { "put-back" } else { "leave-out" }
        ),
        Undo::AgendaMark(mark) => format!(
            "{} was marked more than {minutes} minutes ago; `rapport delete {}` takes the mark back",
            mark.item, mark.note
        ),
    }
}

/// How long a quoted cut of a note's text may be, in characters.
const QUOTE_CHARS: usize = 40;

/// `‘Anna confirmed the budget…’`: the start of `text` on one line, for a message.
pub(super) fn quote(text: &str) -> String {
    let line = one_line(text);
    let mut cut: String = line.chars().take(QUOTE_CHARS).collect();
    if let Some(next) = line.chars().nth(QUOTE_CHARS) {
        // Whole words where a word ends within the cut: "the licen…" reads as a typo.
        if !next.is_whitespace() {
            if let Some(space) = cut.rfind(' ') {
                cut.truncate(space);
            }
        }
        cut = cut.trim_end().to_string() + "…";
    }
    format!("‘{cut}’")
}

/// User text for a one-line message: line breaks and runs of spaces become one space, and
/// control characters (which could reprogram the terminal) are dropped.
pub(super) fn one_line(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_one_short_clean_line() {
        assert_eq!(
            quote("Anna  confirmed\nthe budget"),
            "‘Anna confirmed the budget’"
        );
        assert_eq!(quote("bad\x1b]0;title\x07 name"), "‘bad]0;title name’");
        let long = "word ".repeat(20);
        let quoted = quote(&long);
        assert_eq!(quoted, format!("‘{}…’", ["word"; 8].join(" ")));
        // A word cut in the middle goes whole.
        assert_eq!(
            quote(&"abcdefghijk ".repeat(5)),
            format!("‘{}…’", ["abcdefghijk"; 3].join(" "))
        );
        let unspaced = "移".repeat(50);
        assert_eq!(quote(&unspaced), format!("‘{}…’", "移".repeat(40)));
    }
}
