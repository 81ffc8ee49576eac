//! Archived clients in the dashboard: `.` lists them too (marked, at the end of the attention
//! order), and the archive key on one asks to restore it. Hidden again, they stay in the
//! store with their history, as `rapport client list --archived` shows them.

use super::editing::{Confirm, Confirmed};
use super::{App, Env};
use crate::model::ClientId;
use crate::store::StoreError;

impl App {
    /// `.`: archived clients shown or hidden; the selection stays on its client if listed.
    pub(super) fn toggle_archived(&mut self, env: &Env) -> Result<(), StoreError> {
        self.show_archived = !self.show_archived;
        self.reload(env)?;
        let archived = self.clients.iter().filter(|r| r.client.archived).count();
        let key = env.key(crate::config::Action::ShowArchived);
        self.message = Some(match (self.show_archived, archived) {
            (true, 0) => format!("no archived clients · {key} hides them again"),
            (true, n) => format!("showing {n} archived · x on one restores it · {key} hides them"),
            (false, _) => "archived clients hidden".into(),
        });
        Ok(())
    }

    /// The archive key on an archived client: asks before restoring it.
    pub(super) fn ask_restore(&mut self, id: ClientId, name: &str) {
        self.overlays.open(Confirm {
            question: format!("Restore {name} from the archive? y/n"),
            action: Confirmed::Restore(id),
        });
    }

    /// Yes to the question: the client is active in the list again, and stays selected.
    pub(super) fn restore(&mut self, id: ClientId, env: &Env) -> Result<(), StoreError> {
        let Some(mut client) = env.store.client(id)? else {
            self.message = Some("that client is gone".into());
            return Ok(());
        };
        if client.archived {
            client.archived = false;
            env.store.put_client(&client)?;
            self.refresh(&[id], env)?;
            self.focus_client(id, env)?;
        }
        // A restore is not taken back by `u`, and reaching past it would surprise.
        self.undo.forget();
        self.message = Some(format!(
            "restored {} from the archive",
            super::undo::one_line(&client.name)
        ));
        Ok(())
    }
}
