//! Drafts in the store: the open note is written when typing pauses (the loop decides when),
//! when the box closes and when the dashboard exits, so a crash, `kill -9` or a closed pane
//! loses at most the last half second of typing. A blank box leaves no draft. At the next start
//! the drafts wait, marked in the clients list and named in the status line, for `n` to
//! continue one or Ctrl-D to discard it; none opens by itself to take the first keys.

use super::{Call, Capture, Editor, Typed};
use crate::app::{App, Confirm, Confirmed, Env};
use crate::config::Action;
use crate::model::{ClientId, Draft};
use crate::store::StoreError;

impl App {
    /// Writes the open note's draft if it changed: the text as typed, the call's start and
    /// when it was typed; a blank note (a call's included) is forgotten. A store that refuses
    /// is reported, and the next change tries again; typing is never lost to it.
    pub fn write_draft(&mut self, env: &Env) {
        let Some(capture) = self.overlays.get_mut::<Capture>().filter(|c| c.dirty) else {
            return;
        };
        let written = if capture.editor.is_blank() {
            env.store.remove_draft(capture.client)
        } else {
            env.store.put_draft(&Draft {
                client: capture.client,
                text: capture.editor.text(),
                call_started: capture.call.map(|c| c.started),
                written: env.now,
                typed_first: capture.typed.map(|t| t.first),
                typed_last: capture.typed.map(|t| t.last),
            })
        };
        match written {
            Ok(()) => capture.dirty = false,
            Err(e) => self.message = Some(format!("draft not written: {e}")),
        }
    }

    /// At start: every client's draft is ready to continue, the cursor on the latest one's
    /// client and the status line saying so. A call in a draft ended at its last key. Blank
    /// drafts (left by older versions) are removed.
    pub fn restore_drafts(&mut self, env: &Env) -> Result<(), StoreError> {
        let mut drafts = env.store.drafts()?;
        drafts.sort_by_key(|d| d.written);
        let mut names = Vec::new();
        for draft in drafts {
            if draft.text.trim().is_empty() {
                env.store.remove_draft(draft.client)?;
                continue;
            }
            // An archived client's draft stays in the store, out of the way.
            let Some(row) = self.clients.iter().find(|r| r.client.id == draft.client) else {
                continue;
            };
            names.push((draft.client, row.client.name.clone()));
            let capture = restored(Capture::new(&row.client), &draft);
            self.notes.parked.insert(draft.client, capture);
        }
        let Some((latest, name)) = names.pop() else {
            return Ok(());
        };
        self.focus_client(latest, env)?;
        let more = match names.len() {
            0 => String::new(),
            1 => format!(" (and 1 more: {})", names[0].1),
            n => format!(" (and {n} more, marked ✎)"),
        };
        self.message = Some(format!(
            "draft for {name}{more} — {} continues, {} discards",
            env.key(Action::Capture),
            env.key(Action::DiscardDraft)
        ));
        Ok(())
    }

    /// Ctrl-D, in the box (`from_box`) or on the clients list: asks before the draft of that
    /// client goes. A box being asked about is kept as it is, to come back to on a no.
    pub(in crate::app) fn ask_discard(&mut self, from_box: bool, env: &Env) {
        let (client, name) = if from_box {
            self.write_draft(env);
            let Some(capture) = self.overlays.take::<Capture>() else {
                return;
            };
            if capture.editor.is_blank() {
                self.message = Some("closed; nothing was typed, so there is no draft".into());
                return;
            }
            let asked = (capture.client, capture.client_name.clone());
            self.notes.parked.insert(capture.client, capture);
            asked
        } else {
            match self.current() {
                Some(row) => (row.client.id, row.client.name.clone()),
                None => return,
            }
        };
        if !self.has_draft(client) {
            self.message = Some(format!("no draft for {name}"));
            return;
        }
        self.overlays.open(Confirm {
            question: format!("Discard the draft for {name}? Its text is lost. y/n"),
            action: Confirmed::DiscardDraft {
                client,
                reopen: from_box,
            },
        });
    }

    /// `y`: the draft goes, from memory and from the store.
    pub(in crate::app) fn discard_draft(
        &mut self,
        client: ClientId,
        env: &Env,
    ) -> Result<(), StoreError> {
        let Some(capture) = self.notes.parked.remove(&client) else {
            return Ok(());
        };
        if let Err(e) = env.store.remove_draft(client) {
            // Kept, so that nothing shows as gone that a restart would bring back.
            self.notes.parked.insert(client, capture);
            return Err(e);
        }
        self.notes.edits += 1;
        self.message = Some(format!("discarded the draft for {}", capture.client_name));
        Ok(())
    }

    /// Not `y`: the draft stays, and a box it came from is open again as it was.
    pub(in crate::app) fn keep_draft(&mut self, client: ClientId, reopen: bool) {
        self.message = Some("kept the draft".into());
        if reopen {
            if let Some(capture) = self.notes.parked.remove(&client) {
                self.overlays.open(capture);
            }
        }
    }
}

/// The box for a stored draft: its text, its call (ended at its last key) and its span.
fn restored(mut capture: Capture, draft: &Draft) -> Capture {
    capture.editor = Editor::new(&draft.text);
    capture.typed = match (draft.typed_first, draft.typed_last) {
        (Some(first), Some(last)) => Some(Typed { first, last }),
        _ => None,
    };
    // A draft from before the span was kept ended no later than it was written.
    let last = draft.typed_last.unwrap_or(draft.written);
    capture.call = draft.call_started.map(|started| Call::over(started, last));
    capture.notice = Some(
        "Restored: this note was not saved when rapport last closed. Enter saves it, Esc keeps \
         it as a draft, Ctrl-D discards it."
            .into(),
    );
    capture
}
