//! Drafts in the store: the open note is written when typing pauses (the loop decides when),
//! when the box closes and when the dashboard exits; at the next start the latest draft opens
//! again, so a crash, `kill -9` or a closed pane loses at most the last half second of typing.

use super::{Call, Capture, Editor};
use crate::app::{App, Env};
use crate::model::Draft;
use crate::store::StoreError;

impl App {
    /// Writes the open note's draft if it changed: the text as typed and the call's start; a
    /// note emptied again is forgotten. A store that refuses is reported, and the next change
    /// tries again; typing is never lost to it.
    pub fn write_draft(&mut self, env: &Env) {
        let Some(capture) = self.notes.open.as_mut().filter(|c| c.dirty) else {
            return;
        };
        let written = if capture.editor.is_blank() && capture.call.is_none() {
            env.store.remove_draft(capture.client)
        } else {
            env.store.put_draft(&Draft {
                client: capture.client,
                text: capture.editor.text(),
                call_started: capture.call.map(|c| c.started),
                written: env.now,
            })
        };
        match written {
            Ok(()) => capture.dirty = false,
            Err(e) => self.message = Some(format!("draft not written: {e}")),
        }
    }

    /// At start: every client's draft is ready to continue, and the latest one is open again,
    /// on its client, with a word on where it came from.
    pub fn restore_drafts(&mut self, env: &Env) -> Result<(), StoreError> {
        let mut drafts = env.store.drafts()?;
        drafts.sort_by_key(|d| d.written);
        let mut latest = None;
        for draft in drafts {
            // An archived client's draft stays in the store, out of the way.
            let Some(row) = self.clients.iter().find(|r| r.client.id == draft.client) else {
                continue;
            };
            let mut capture = Capture::new(&row.client);
            capture.editor = Editor::new(&draft.text);
            capture.call = draft.call_started.map(|s| Call::at(s, env.now));
            latest = Some(draft.client);
            self.notes.parked.insert(draft.client, capture);
        }
        let Some(client) = latest else {
            return Ok(());
        };
        self.focus_client(client, env)?;
        self.notes.open = self.notes.parked.remove(&client);
        if let Some(capture) = self.notes.open.as_mut() {
            capture.notice = Some(
                "Restored: this note was not saved when rapport last closed. Enter saves it, Esc \
                 keeps it as a draft."
                    .into(),
            );
        }
        self.refresh_preview(env.now);
        Ok(())
    }
}
