//! Note capture in the dashboard: `n` opens a box for the selected client, `N` picks the client
//! first, `c` takes the note during a call. The box keeps every key until Enter saves or Esc
//! closes; what is typed lives on as a draft (`drafts.rs`) until it is saved (`save.rs`).

mod call;
mod drafts;
pub mod editor;
mod event_edit;
pub mod preview;
pub mod question;
mod save;
mod their_time;

use super::{App, Env};
use crate::capture::{parse, parse_or, Parsed, Vocabulary};
use crate::config::{Action, KeyCode, KeySpec};
use crate::model::{fold, Client, ClientId, Kind};
use crate::store::StoreError;
pub use call::{Call, Typed};
use chrono::{DateTime, Utc};
use editor::{Editor, EditorKey};
use preview::{Known, Preview};
use question::{Answer, Question};
use std::collections::HashMap;
pub use their_time::TheirTime;

/// A box opened with `e` on a timeline event: Enter saves an edit of it, never a new note, and
/// it is never kept as a draft (`event_edit.rs`).
#[derive(Clone, Debug)]
pub struct Editing {
    pub event: crate::model::Event,
    /// "Edit call of 12 Nov 10:00".
    pub title: String,
}

/// The open capture box.
#[derive(Clone, Debug)]
pub struct Capture {
    pub client: ClientId,
    pub client_name: String,
    pub editor: Editor,
    pub call: Option<Call>,
    /// When it was typed; `None` while it is blank.
    pub typed: Option<Typed>,
    pub preview: Preview,
    /// Said once at the top of the box (a draft restored after a restart).
    pub notice: Option<String>,
    /// Asked while saving, about one new @name.
    pub question: Option<Question>,
    /// Answers given so far while saving, by @name.
    answers: Vec<(String, Answer)>,
    /// Changed since the draft was last written.
    dirty: bool,
    /// The client's names and tags, which decide where unspaced Japanese names and tags end.
    pub(super) known: Vocabulary,
    /// Doubtful words were asked about while saving, and are to be saved as text.
    doubts_kept: bool,
    /// The event this box edits, if it edits one.
    pub editing: Option<Editing>,
    /// The time where the client's people are, for a call's header (`their_time.rs`).
    pub their_time: Option<TheirTime>,
}

impl Capture {
    fn new(client: &Client) -> Self {
        Self {
            client: client.id,
            client_name: client.name.clone(),
            editor: Editor::default(),
            call: None,
            typed: None,
            preview: Preview::default(),
            notice: None,
            question: None,
            answers: Vec::new(),
            dirty: false,
            known: Vocabulary::default(),
            doubts_kept: false,
            editing: None,
            their_time: None,
        }
    }

    /// The text changed at `now`: the typed span follows, and a blank note has none.
    fn changed(&mut self, now: DateTime<Utc>) {
        if self.editor.is_blank() {
            self.typed = None;
            return;
        }
        if self.call.is_some_and(|c| c.ended.is_some()) {
            return;
        }
        let first = self.typed.map_or(now, |t| t.first);
        self.typed = Some(Typed { first, last: now });
    }

    /// The box closes: a call on in it ends at its last key.
    fn closed(&mut self) {
        if let Some(call) = self.call.filter(|c| c.ended.is_none()) {
            let last = self.typed.map_or(call.started, |t| t.last);
            self.call = Some(call.ended_at(last));
        }
    }

    /// Asks, once per Enter, about words that look like syntax and did not read; true while
    /// that question waits.
    fn ask_about_doubts(&mut self, note: &Parsed) -> bool {
        if note.doubtful.is_empty() || self.doubts_kept {
            return false;
        }
        self.question = Some(Question::doubts(&note.doubtful));
        true
    }

    /// The answer to the question on screen: about doubtful words, or about one @name.
    fn answered(&mut self, question: &Question, answer: Answer) {
        match question.about {
            question::About::Doubts => self.doubts_kept = answer == Answer::Text,
            question::About::Name => self.answers.push((question.name.clone(), answer)),
        }
    }

    /// Back to the note from a question: nothing answered so far holds.
    fn unanswered(&mut self) {
        self.answers.clear();
        self.doubts_kept = false;
    }

    /// The note as saving would read it: during a call, a call unless it says otherwise.
    fn parsed(&self, now: DateTime<Utc>) -> Parsed {
        let text = self.editor.text();
        match self.call {
            Some(_) => parse_or(&text, Kind::Call, &self.known, now),
            None => parse(&text, &self.known, now),
        }
    }
}

/// Everything about notes the dashboard keeps between keys.
#[derive(Debug, Default)]
pub struct Notes {
    /// Boxes closed with Esc, by client: reopening continues them, undo history and all.
    parked: HashMap<ClientId, Capture>,
    /// Counts changes to the open note, so the loop can wait for typing to pause.
    edits: u64,
}

impl Notes {
    /// A number that changes whenever the open note does.
    pub fn edits(&self) -> u64 {
        self.edits
    }
}

impl App {
    /// The open capture box (an overlay), if any.
    fn open_note(&self) -> Option<&Capture> {
        self.overlays.get::<Capture>()
    }

    /// What quitting would leave behind: the clients with a draft (sorted by name), and the
    /// client of a call still on.
    pub(super) fn waiting(&self) -> (Vec<String>, Option<String>) {
        let boxes = || self.notes.parked.values().chain(self.open_note());
        let mut drafts: Vec<String> = boxes()
            .filter(|c| !c.editor.is_blank() && c.editing.is_none())
            .map(|c| c.client_name.clone())
            .collect();
        drafts.sort();
        let call = boxes()
            .find(|c| c.call.is_some_and(|call| call.ended.is_none()))
            .map(|c| c.client_name.clone());
        (drafts, call)
    }

    /// Whether client `id` has a draft: a box closed with text in it, or the open one.
    pub fn has_draft(&self, id: ClientId) -> bool {
        let open = self.open_note().filter(|c| c.client == id);
        self.notes.parked.contains_key(&id) || open.is_some_and(|c| !c.editor.is_blank())
    }

    /// Whether the open note has changes the store does not have yet.
    pub fn unwritten(&self) -> bool {
        self.open_note().is_some_and(|c| c.dirty)
    }

    /// Time from `now` until the open call's timer shows its next minute.
    pub fn next_call_minute(&self, now: DateTime<Utc>) -> Option<std::time::Duration> {
        let call = self.open_note()?.call.filter(|c| c.ended.is_none())?;
        let ms = (now - call.started).num_milliseconds().max(0);
        let left = 60_000 - ms % 60_000;
        Some(std::time::Duration::from_millis(left as u64))
    }

    /// The clock moved: the open call's timer follows.
    pub fn tick_call(&mut self, now: DateTime<Utc>) {
        let open = self.overlays.get_mut::<Capture>();
        if let Some(call) = open.and_then(|c| c.call.as_mut()) {
            call.update(now);
        }
        self.refresh_their_time(now);
    }
}

impl App {
    /// `n` and `c`: the capture box for the selected client, continuing its draft if any.
    pub(super) fn capture(&mut self, call: bool, env: &Env) {
        let Some(client) = self.current().map(|r| r.client.clone()) else {
            self.message = Some("no client yet: add one first".into());
            return;
        };
        let mut capture = self
            .notes
            .parked
            .remove(&client.id)
            .unwrap_or_else(|| Capture::new(&client));
        if call && capture.call.is_none() {
            capture.call = Some(Call::on(env.now, env.now));
            capture.dirty = true;
            self.notes.edits += 1;
        }
        self.overlays.open(capture);
        self.tick_call(env.now);
        self.refresh_preview(env.now);
    }

    /// A key while the box is open.
    pub(super) fn note_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        self.now = env.now;
        let Some(capture) = self.overlays.get_mut::<Capture>() else {
            return Ok(());
        };
        if capture.question.is_some() {
            return self.answer(key, env);
        }
        if key == KeySpec::plain(KeyCode::Tab) {
            if let Some(typed) = capture.editor.mention_at_cursor() {
                return self.complete_mention(&typed, env);
            }
        }
        match capture.editor.key(key) {
            EditorKey::Moved => {}
            EditorKey::Changed => self.edited(),
            EditorKey::Newline => {
                // Each new line of a call note says when in the call it was written; lines
                // added after the call are not in it.
                let stamp = (capture.call.filter(|c| c.ended.is_none()))
                    .map(|call| format!("[+{}m] ", Call::on(call.started, env.now).minutes))
                    .unwrap_or_default();
                capture.editor.newline(&stamp);
                self.edited();
            }
            EditorKey::Close => self.close_capture(env),
            EditorKey::Discard => self.ask_discard(true, env),
            EditorKey::Save => self.save_note(env)?,
        }
        self.tick_call(env.now);
        Ok(())
    }

    /// Tab after `@An`: the client's person whose name (or a word of it) starts so. One match
    /// is written out (spaces as `_`, as the syntax reads them); several are listed.
    fn complete_mention(&mut self, typed: &str, env: &Env) -> Result<(), StoreError> {
        let Some(capture) = self.overlays.get_mut::<Capture>() else {
            return Ok(());
        };
        let wanted = fold(typed);
        let people = env.store.people(Some(capture.client))?;
        let matching: Vec<&str> = people
            .iter()
            .filter(|p| p.is_live())
            .map(|p| p.name.as_str())
            .filter(|name| {
                fold(name)
                    .split_whitespace()
                    .any(|w| w.starts_with(&wanted))
            })
            .collect();
        match matching.as_slice() {
            [] => {
                self.message = Some(format!(
                    "no one at {} is called {typed}…",
                    capture.client_name
                ))
            }
            [one] => {
                capture
                    .editor
                    .complete_mention(typed, &format!("{} ", one.replace(' ', "_")));
                self.edited();
            }
            many => self.message = Some(format!("@{typed}: {} — type more", many.join(", "))),
        }
        Ok(())
    }

    /// Pasted text goes into the open box, lines and all.
    pub(super) fn note_paste(&mut self, text: &str, now: DateTime<Utc>) {
        self.now = now;
        let pasted = match self.overlays.get_mut::<Capture>() {
            Some(c) if c.question.is_none() => c.editor.paste(text),
            _ => false,
        };
        if pasted {
            self.edited();
        }
    }

    /// After any change to the open note: it needs writing, and the preview follows.
    fn edited(&mut self) {
        if let Some(capture) = self.overlays.get_mut::<Capture>() {
            // An edit box is no draft: nothing of it is written until Enter.
            capture.dirty = capture.editing.is_none();
            capture.notice = None;
            capture.changed(self.now);
            self.notes.edits += 1;
        }
        self.refresh_preview(self.now);
    }

    fn refresh_preview(&mut self, now: DateTime<Utc>) {
        self.refresh_their_time(now);
        let Some(capture) = self.overlays.get_mut::<Capture>() else {
            return;
        };
        let Some(row) = self.clients.iter().find(|r| r.client.id == capture.client) else {
            return;
        };
        // The box is for the selected client, whose people are loaded; should that ever not
        // hold, every @name reads as new rather than as someone at another client.
        let people = match self.clients.get(self.cursor) {
            Some(current) if current.client.id == capture.client => &self.selected.people[..],
            _ => &[],
        };
        let known = Known::new(&row.client, people);
        let tags = self.selected.timeline.rows.iter();
        let tags = tags.flat_map(|r| r.event.tags.iter());
        capture.known = Vocabulary::new(known.people.iter().map(|p| &p.name), tags);
        capture.preview = Preview::of(&capture.parsed(now), &known);
    }

    /// `u` took a saved note back: the box opens again on its client with the note as typed
    /// (before any draft begun since), so a typo is fixed and saved again.
    pub(in crate::app) fn reopen_note(
        &mut self,
        client: ClientId,
        typed: &str,
        call: Option<Call>,
        env: &Env,
    ) -> Result<(), StoreError> {
        self.focus_client(client, env)?;
        let Some(row) = self.current().filter(|r| r.client.id == client) else {
            return Ok(());
        };
        let fresh = Capture::new(&row.client);
        let mut capture = self.notes.parked.remove(&client).unwrap_or(fresh);
        let text = match capture.editor.is_blank() {
            true => typed.to_string(),
            false => format!("{typed}\n{}", capture.editor.text()),
        };
        capture.editor = Editor::new(&text);
        capture.call = capture.call.or(call);
        capture.notice = Some(
            "Taken back: the note is removed. Fix it and Enter saves it again; Esc keeps it as \
             a draft."
                .into(),
        );
        capture.dirty = true;
        self.notes.edits += 1;
        self.overlays.open(capture);
        self.refresh_preview(env.now);
        Ok(())
    }

    /// Esc: the box closes and its text stays a draft, written at once; a call in it ends.
    fn close_capture(&mut self, env: &Env) {
        if self.close_edit() {
            return;
        }
        self.write_draft(env);
        // A refused write keeps its message; the parked note stays unwritten and is tried again.
        let refused = self.unwritten();
        let Some(mut capture) = self.overlays.take::<Capture>() else {
            return;
        };
        capture.closed();
        if refused {
            self.notes.parked.insert(capture.client, capture);
            return;
        }
        // Nothing typed, nothing kept: no draft, and no call timer running on unseen.
        if capture.editor.is_blank() {
            self.message = Some("closed".into());
            return;
        }
        let key = env
            .config
            .keys
            .get(Action::Capture)
            .first()
            .map(|k| format!("; {k} continues it"))
            .unwrap_or_default();
        self.message = Some(format!("kept as a draft for {}{key}", capture.client_name));
        self.notes.parked.insert(capture.client, capture);
    }
}
