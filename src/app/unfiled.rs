//! Unfiled notes in the dashboard (`model::Unfiled`: typed where no client could be found):
//! counted in the status bar, listed first in the agenda, where Enter assigns the selected one
//! to a client picked as for `N` (it is read then as the note it is, with that client's people)
//! and the archive key drops it after a y/n.

use super::editing::{Confirm, Confirmed};
use super::picker::{NotePicker, Picker};
use super::{App, Env};
use crate::capture::unfiled::{file, Refused};
use crate::model::ClientId;
use crate::store::StoreError;

impl App {
    /// Re-reads the unfiled notes (on every reload: a note kept through the socket is one).
    pub(super) fn load_unfiled(&mut self, env: &Env) -> Result<(), StoreError> {
        self.unfiled = env.store.unfiled()?;
        Ok(())
    }

    /// Enter on an unfiled note in the agenda: which client is it for?
    pub(super) fn start_assign(&mut self, number: u32) {
        if self.clients.is_empty() {
            self.message = Some("no client yet: add one first".into());
            return;
        }
        self.overlays.open(NotePicker {
            picker: Picker::new(&self.clients),
            assigning: Some(number),
        });
    }

    /// The picker chose `client` for unfiled note `number`: filed, or why not.
    pub(super) fn assign_unfiled(
        &mut self,
        number: u32,
        client: ClientId,
        env: &Env,
    ) -> Result<(), StoreError> {
        let Some(note) = self.unfiled.iter().find(|n| n.number == number).cloned() else {
            self.message = Some(format!("unfiled note {number} is gone already"));
            return Ok(());
        };
        let name = (self.clients.iter())
            .find(|r| r.client.id == client)
            .map_or_else(String::new, |r| r.client.name.clone());
        let filed = match file(&note, client, env.store, env.config, env.now) {
            Ok(filed) => filed,
            Err(Refused::Name(e)) => return Err(resolve_error(e)),
            Err(why) => {
                self.message = Some(refusal(number, why));
                return Ok(());
            }
        };
        env.store.file_unfiled(number, &filed.events, env.now)?;
        self.reload(env)?;
        let promises = match filed.events.len() - 1 {
            0 => String::new(),
            1 => " with the promise made in it".into(),
            n => format!(" with the {n} promises made in it"),
        };
        let unlinked: Vec<&str> = filed.unlinked.iter().map(|u| u.name()).collect();
        let kept = match unlinked.as_slice() {
            [] => String::new(),
            names => format!("; @{} kept as text", names.join(", @")),
        };
        self.message = Some(format!(
            "unfiled note {number} filed for {name}{promises}{kept}"
        ));
        Ok(())
    }

    /// The archive key on an unfiled note: asks first.
    pub(super) fn ask_drop_unfiled(&mut self, number: u32) {
        let text = (self.unfiled.iter())
            .find(|n| n.number == number)
            .map(|n| n.one_line())
            .unwrap_or_default();
        let short: String = text.chars().take(40).collect();
        let more = if short.len() < text.len() { "…" } else { "" };
        self.overlays.open(Confirm {
            question: format!("Drop unfiled note {number} ({short}{more})? It is gone then. y/n"),
            action: Confirmed::DropUnfiled(number),
        });
    }

    pub(super) fn drop_unfiled(&mut self, number: u32, env: &Env) -> Result<(), StoreError> {
        let note = env.store.drop_unfiled(number)?;
        self.reload(env)?;
        self.message = Some(format!(
            "dropped unfiled note {number}: {}",
            note.one_line()
        ));
        Ok(())
    }
}

fn resolve_error(e: crate::resolve::ResolveError) -> StoreError {
    match e {
        crate::resolve::ResolveError::Store(e) => e,
        other => StoreError::Remote(other.to_string()),
    }
}

/// Why the note stays unfiled, in the status line.
fn refusal(number: u32, why: Refused) -> String {
    let what = match why {
        Refused::Doubtful(doubts) => doubts
            .iter()
            .map(|d| format!("'{d}'"))
            .collect::<Vec<_>>()
            .join(", "),
        Refused::Empty(read) => format!("nothing left once its syntax is read ({read})"),
        Refused::Name(e) => e.to_string(),
    };
    format!("unfiled note {number} stays unfiled: {what}; type it again, then drop it")
}
