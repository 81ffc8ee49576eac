//! `f`: narrowing the selected client's timeline by kind, person, tag, privacy and dates, and
//! `F` to see it whole again. The filter lives in the timeline; moving to another client keeps
//! it, except the person, who belongs to the client left behind.

mod form;
mod person;
#[cfg(test)]
mod tests;

pub use form::{FilterField, FilterForm, Filtering, PRIVATE};
pub use person::{PersonPick, PERSON_ROWS};

use super::timeline::{Source, Timeline};
use super::{App, Env, Pane, Selected, View};
use crate::config::{Action, KeySpec};
use crate::model::{ClientId, EventFilter, EventId, Person};
use crate::store::StoreError;

impl App {
    /// `f`: the filter popup over the current filter.
    pub(super) fn open_filter(&mut self, env: &Env) {
        let Some(row) = self.current() else {
            self.message = Some("no client yet: add one first".into());
            return;
        };
        let people = self
            .selected
            .people
            .iter()
            .map(|r| (r.person.id, r.person.name.clone()))
            .collect();
        let current = &self.selected.timeline.filter;
        self.overlays
            .open(FilterForm::new(&row.client.name, current, people, env.now));
    }

    /// A key while the filter popup is open.
    pub(super) fn filter_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(form) = self.overlays.get_mut::<FilterForm>() else {
            return Ok(());
        };
        match form.key(key) {
            Filtering::Editing => form.preview(env.now),
            Filtering::Cancel => {
                self.overlays.close::<FilterForm>();
                self.message = Some("cancelled".into());
            }
            Filtering::Apply => {
                if let Some(filter) = form.build(env.now) {
                    self.overlays.close::<FilterForm>();
                    self.apply_filter(filter, env)?;
                }
            }
        }
        Ok(())
    }

    /// `F`: the whole timeline again.
    pub(super) fn clear_filter(&mut self, env: &Env) -> Result<(), StoreError> {
        if self.selected.timeline.filter.is_empty() {
            self.message = Some("no filter to clear".into());
            return Ok(());
        }
        self.apply_filter(EventFilter::default(), env)?;
        self.message = Some("filter cleared".into());
        Ok(())
    }

    /// Clears an active filter that hides `event`, and puts the cursor on it: true if found.
    pub(super) fn drop_filter_for(
        &mut self,
        event: EventId,
        env: &Env,
    ) -> Result<bool, StoreError> {
        if self.selected.timeline.filter.is_empty() {
            return Ok(false);
        }
        self.apply_filter(EventFilter::default(), env)?;
        let found = self.seek_note(event, env)?;
        if found {
            self.message = Some("filter cleared to show the note".into());
        }
        Ok(found)
    }

    /// The timeline cursor on `event`, reading as many pages as it takes: true if found.
    pub(super) fn seek_note(&mut self, event: EventId, env: &Env) -> Result<bool, StoreError> {
        let source = Source {
            store: env.store,
            client: self.client_id(),
            names: &self.selected.names,
        };
        self.selected.timeline.seek(event, usize::MAX, &source)
    }

    /// Reads the timeline afresh under `filter`, shows it and puts the keyboard on it.
    fn apply_filter(&mut self, filter: EventFilter, env: &Env) -> Result<(), StoreError> {
        let empty = filter.is_empty();
        self.with_timeline(env, |timeline, source| {
            *timeline = Timeline::load(source, filter)?;
            Ok(())
        })?;
        // The timeline is in the browse view (a detail view has none).
        self.view = View::Browse;
        self.focus = Pane::Timeline;
        if !empty {
            let clear = env.config.keys.get(Action::ClearFilter).first();
            self.message = clear.map(|k| format!("{k} clears the filter"));
        }
        Ok(())
    }

    /// The filter for `client`'s timeline when it is selected: the current one, without a
    /// person who is not among `people` (another client's), which is said.
    pub(super) fn carry_filter(&mut self, client: ClientId, people: &[Person]) -> EventFilter {
        let mut filter = self.selected.timeline.filter.clone();
        if let Some(person) = filter.person {
            if !people.iter().any(|p| p.id == person) {
                filter.person = None;
                let name = self.selected.names.get(&person).cloned();
                let client = self.clients.iter().find(|r| r.client.id == client);
                if let (Some(name), Some(row)) = (name, client) {
                    self.message = Some(format!(
                        "filter kept without @{name}, who is not at {}",
                        row.client.name
                    ));
                }
            }
        }
        filter
    }

    /// True while the timeline still reads on to fill the view (a rare filter on a long
    /// timeline): the dashboard calls `filter_more` between keys until it is false.
    pub fn filtering(&self) -> bool {
        self.selected.timeline.reading_on()
    }

    /// One more bounded step of reading for the filtered timeline.
    pub fn filter_more(&mut self, env: &Env) -> Result<(), StoreError> {
        if !self.filtering() {
            return Ok(());
        }
        self.with_timeline(env, |timeline, source| timeline.read_on(source))
    }

    /// Runs `f` on the selected timeline with where its rows come from.
    pub(super) fn with_timeline(
        &mut self,
        env: &Env,
        f: impl FnOnce(&mut Timeline, &Source) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let client = self.client_id();
        let Selected {
            timeline, names, ..
        } = &mut self.selected;
        let source = Source {
            store: env.store,
            client,
            names,
        };
        f(timeline, &source)
    }
}
