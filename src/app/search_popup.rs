//! `/`: search clients, people and notes as you type. Every change of the query asks the
//! store's index once (capped at [`LIMIT`] results a group), never a timeline; Enter takes the
//! dashboard to the item: the client selected, the person selected in the people pane, the
//! note under the timeline's cursor.

use super::form::TextInput;
use super::{App, Env, Pane, View};
use crate::config::{KeyCode, KeySpec};
use crate::model::{ClientId, EventId, PersonId};
use crate::search::{Marked, Query, Results, LIMIT};
use crate::store::StoreError;

/// The open search popup.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: TextInput,
    pub results: Results,
    /// Index into [`Search::items`].
    pub cursor: usize,
}

/// One result line, whatever its group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item<'a> {
    Client(ClientId, &'a Marked),
    Person(PersonId, ClientId, &'a Marked),
    Note(EventId, ClientId, &'a Marked),
}

/// A group of results, as the popup shows it under a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Clients,
    People,
    Notes,
}

/// Where Enter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Client(ClientId),
    Person(PersonId, ClientId),
    Note(EventId, ClientId),
}

impl Search {
    /// The groups that have results, in the order shown: of clients and people, the one with
    /// the better match first, so that a person found by name comes before a client found
    /// only fuzzily (`/sari` is Sari Mäkelä, not Sakura Logistics) and Enter goes there;
    /// clients first on a tie. Notes come last: there may be fifty of them.
    pub fn groups(&self) -> Vec<Group> {
        let r = &self.results;
        let clients = r.clients.iter().map(|h| h.tier).min();
        let people = r.people.iter().map(|h| h.tier).min();
        let mut groups = match (clients, people) {
            (Some(c), Some(p)) if p < c => vec![Group::People, Group::Clients],
            _ => vec![Group::Clients, Group::People],
        };
        groups.retain(|g| match g {
            Group::Clients => clients.is_some(),
            _ => people.is_some(),
        });
        if !r.notes.is_empty() {
            groups.push(Group::Notes);
        }
        groups
    }

    /// The results of one group, best first.
    pub fn group(&self, group: Group) -> Vec<Item<'_>> {
        let r = &self.results;
        match group {
            Group::Clients => (r.clients.iter())
                .map(|h| Item::Client(h.client, &h.shown))
                .collect(),
            Group::People => (r.people.iter())
                .map(|h| Item::Person(h.person, h.client, &h.shown))
                .collect(),
            Group::Notes => (r.notes.iter())
                .map(|h| Item::Note(h.event.id, h.event.client, &h.shown))
                .collect(),
        }
    }

    /// Every result in the order shown (see [`Search::groups`]).
    pub fn items(&self) -> Vec<Item<'_>> {
        (self.groups().into_iter())
            .flat_map(|group| self.group(group))
            .collect()
    }

    fn target(&self) -> Option<Target> {
        Some(match self.items().get(self.cursor)? {
            Item::Client(id, _) => Target::Client(*id),
            Item::Person(id, client, _) => Target::Person(*id, *client),
            Item::Note(id, client, _) => Target::Note(*id, *client),
        })
    }

    /// Asks the store again for the current query.
    fn refresh(&mut self, env: &Env) -> Result<(), StoreError> {
        let mut query = Query::new(self.query.text());
        query.limit = LIMIT;
        self.results = env.store.search(&query)?;
        self.cursor = 0;
        Ok(())
    }
}

impl App {
    /// `/`: the search popup, empty.
    pub(super) fn open_search(&mut self) {
        self.overlays.open(Search::default());
    }

    /// A key while the popup is open.
    pub(super) fn search_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(search) = self.overlays.get_mut::<Search>() else {
            return Ok(());
        };
        let last = search.items().len().saturating_sub(1);
        let ctrl = |c: char| key.ctrl && key.code == KeyCode::Char(c);
        match key.code {
            KeyCode::Esc => self.overlays.close::<Search>(),
            _ if ctrl('c') => self.overlays.close::<Search>(),
            KeyCode::Enter => {
                if let Some(target) = search.target() {
                    self.overlays.close::<Search>();
                    self.go_to(target, env)?;
                }
            }
            KeyCode::Up => search.cursor = search.cursor.saturating_sub(1),
            _ if ctrl('p') => search.cursor = search.cursor.saturating_sub(1),
            KeyCode::Down | KeyCode::Tab => search.cursor = (search.cursor + 1).min(last),
            _ if ctrl('n') => search.cursor = (search.cursor + 1).min(last),
            _ if key.ctrl || key.alt => {}
            KeyCode::Char(c) => {
                search.query.insert(c.encode_utf8(&mut [0; 4]));
                search.refresh(env)?;
            }
            KeyCode::Backspace => {
                search.query.backspace();
                search.refresh(env)?;
            }
            KeyCode::Delete => {
                search.query.delete();
                search.refresh(env)?;
            }
            KeyCode::Left => search.query.left(),
            KeyCode::Right => search.query.right(),
            KeyCode::Home => search.query.home(),
            KeyCode::End => search.query.end(),
            _ => {}
        }
        Ok(())
    }

    /// Pasted text (an IME may commit a whole word at once) joins the query.
    pub(super) fn search_paste(&mut self, text: &str, env: &Env) -> Result<(), StoreError> {
        if let Some(search) = self.overlays.get_mut::<Search>() {
            search.query.insert(&text.replace(['\n', '\r'], " "));
            search.refresh(env)?;
        }
        Ok(())
    }

    fn go_to(&mut self, target: Target, env: &Env) -> Result<(), StoreError> {
        let client = match target {
            Target::Client(id) | Target::Person(_, id) | Target::Note(_, id) => id,
        };
        if !self.clients.iter().any(|r| r.client.id == client) {
            self.message = Some("that client is archived: `rapport client show` has it".into());
            return Ok(());
        }
        self.view = View::Browse;
        self.agenda = None;
        self.focus_client(client, env)?;
        match target {
            Target::Client(_) => self.focus = Pane::Clients,
            Target::Person(person, _) => {
                self.focus = Pane::People;
                let at = self
                    .selected
                    .people
                    .iter()
                    .position(|r| r.person.id == person);
                self.selected.person_cursor = at.unwrap_or(0);
            }
            Target::Note(event, _) => {
                self.focus = Pane::Timeline;
                // A note the timeline filter hides is shown by clearing the filter.
                if self.seek_note(event, env)? || self.drop_filter_for(event, env)? {
                    return Ok(());
                }
                self.message = Some("that note is no longer on the timeline".into());
            }
        }
        Ok(())
    }
}
