//! The client detail's content: the selected client's `insight::Brief`, the one `rapport
//! brief` prints, built from what the panes hold already (its people, the first page of its
//! timeline), so opening the detail reads nothing from the store.

use super::App;
use crate::insight::{Brief, Sources, LAST_EVENTS};
use crate::model::{Event, Person};

impl App {
    /// The brief of the client under the cursor. Its last events are the timeline's: under a
    /// timeline filter, the newest of those it shows.
    pub fn brief(&self) -> Option<Brief> {
        let row = self.current()?;
        let people: Vec<Person> = (self.selected.people.iter())
            .map(|r| r.person.clone())
            .collect();
        let recent: Vec<Event> = (self.selected.timeline.rows.iter())
            .map(|r| &r.event)
            .filter(|e| e.is_live())
            .take(LAST_EVENTS)
            .cloned()
            .collect();
        let sources = Sources {
            client: &row.client,
            summary: &row.summary,
            people: &people,
            recent: &recent,
            names: &self.selected.names,
        };
        Some(Brief::of(&sources, self.now, self.half_life))
    }
}
