//! The time where the call's people are (`佐藤 健一 21:00 JST`), for the call box's header and
//! its warning when it is outside 08–18 there: the clock is the app's, moved on each minute.

use super::Capture;
use crate::app::App;
use crate::insight::{local_time, LocalTime};
use chrono::{DateTime, Utc};

/// The local time of the first of the client's people (managers first) whose zone is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TheirTime {
    pub name: String,
    pub local: LocalTime,
}

impl App {
    /// Works out the open box's `their_time` again at `now`, from the selected client's
    /// people (the box is for the selected client; any other shows none).
    pub(super) fn refresh_their_time(&mut self, now: DateTime<Utc>) {
        let current = self.clients.get(self.cursor).map(|r| r.client.id);
        let people = &self.selected.people;
        let Some(capture) = self.overlays.get_mut::<Capture>() else {
            return;
        };
        let ours = current == Some(capture.client);
        capture.their_time = (people.iter()).filter(|_| ours).find_map(|row| {
            let local = local_time(row.person.time_zone.as_deref()?, now)?;
            Some(TheirTime {
                name: row.person.name.clone(),
                local,
            })
        });
    }
}
