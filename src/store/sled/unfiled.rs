//! The unfiled notes of `files/unfiled.rs`, for a store that is open: filing one writes its
//! event through the ordinary write, then forgets the note.

use super::sled_store::SledStore;
use crate::model::{Event, Unfiled};
use crate::store::files::unfiled;
use crate::store::{Result, Store, StoreError};
use chrono::{DateTime, Utc};

impl SledStore {
    pub(super) fn unfiled_notes(&self) -> Result<Vec<Unfiled>> {
        let mut notes = unfiled::list(self.dir_path())?;
        // Filed, but the crash came before it was forgotten: its event is the proof.
        let mut filed = Vec::new();
        for note in &notes {
            if self.event(note.id)?.is_some() {
                filed.push(note.number);
            }
        }
        for number in &filed {
            unfiled::remove(self.dir_path(), *number)?;
        }
        notes.retain(|n| !filed.contains(&n.number));
        Ok(notes)
    }

    pub(super) fn keep_unfiled_note(&self, note: &Unfiled) -> Result<u32> {
        unfiled::keep(self.dir_path(), note)
    }

    pub(super) fn file_unfiled_note(
        &self,
        number: u32,
        events: &[Event],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let note = unfiled::get(self.dir_path(), number)?;
        if events.first().map(|e| e.id) != Some(note.id) {
            return Err(StoreError::Remote(format!(
                "unfiled note {number} is filed as its own event, under its id {}",
                note.id
            )));
        }
        // Filed before, and the crash came before it was forgotten: only forget it now.
        if self.event(note.id)?.is_none() {
            self.save_events(events, &[], now)?;
        }
        unfiled::remove(self.dir_path(), number).map(drop)
    }

    pub(super) fn drop_unfiled_note(&self, number: u32) -> Result<Unfiled> {
        unfiled::remove(self.dir_path(), number)
    }
}
