//! The agenda view (`A`): what the insights say needs doing across every listed client, built
//! here when the view opens, again when the data changes or a minute passes while it is open,
//! and only drawn by `ui::agenda`.
//!
//! The items need each client's people (openers, coverage). Those are read once, when the view
//! opens — one scan of ten thousand people at a million events — and kept while it is open, so
//! the minute tick recomputes from memory.

mod mark;

pub use mark::{Asking, MarkInput, MarkUndo, SNOOZES};

use super::timeline::Source;
use super::{App, Env, Pane, View, PAGE_ROWS};
use crate::config::{Action, Config};
use crate::insight::{self, AgendaItem, ClientData, ItemKind, Rules};
use crate::model::{ClientId, EventId, Person, PersonId, Unfiled};
use crate::store::StoreError;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Timeline pages Enter reads to find a promise (64 events each) before giving up.
const SEEK_PAGES: usize = 16;

/// The open agenda.
#[derive(Debug)]
pub struct Agenda {
    /// Listed first: notes waiting for their client (`app/unfiled.rs`).
    pub unfiled: Vec<Unfiled>,
    pub items: Vec<AgendaItem>,
    /// Over the unfiled notes, then the items.
    pub cursor: usize,
    /// Every listed client's people, read when the view opened.
    people: HashMap<ClientId, Vec<Person>>,
    /// Where Esc goes back to.
    from: View,
}

impl Agenda {
    pub fn current(&self) -> Option<&AgendaItem> {
        self.items.get(self.cursor.checked_sub(self.unfiled.len())?)
    }

    /// The unfiled note the cursor is on, if it is on one.
    pub fn current_unfiled(&self) -> Option<&Unfiled> {
        self.unfiled.get(self.cursor)
    }

    fn step(&mut self, delta: isize) {
        let last = (self.unfiled.len() + self.items.len()).saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }
}

/// What identifies an item across recomputations, to keep the cursor on it.
type ItemKey = (
    ItemKind,
    Option<ClientId>,
    Option<PersonId>,
    Option<EventId>,
);

fn key(item: &AgendaItem) -> ItemKey {
    (item.kind, item.client, item.person, item.event)
}

fn people_by_client(env: &Env) -> Result<HashMap<ClientId, Vec<Person>>, StoreError> {
    let mut by_client: HashMap<ClientId, Vec<Person>> = HashMap::new();
    for person in env.store.people(None)?.into_iter().filter(Person::is_live) {
        by_client.entry(person.client).or_default().push(person);
    }
    Ok(by_client)
}

impl App {
    /// `A`: opens the agenda, or closes it when open.
    pub(super) fn toggle_agenda(&mut self, env: &Env) -> Result<(), StoreError> {
        match self.view {
            View::Agenda => self.close_agenda(),
            View::Welcome => {
                self.message =
                    Some("no clients yet, so nothing to do: add one, or load the demo".into())
            }
            from => {
                self.agenda = Some(Agenda {
                    unfiled: Vec::new(),
                    items: Vec::new(),
                    cursor: 0,
                    people: people_by_client(env)?,
                    from,
                });
                self.view = View::Agenda;
                self.recompute_agenda(env.config, env.now);
            }
        }
        Ok(())
    }

    pub(super) fn close_agenda(&mut self) {
        if let Some(agenda) = self.agenda.take() {
            self.view = agenda.from;
        }
    }

    /// The data changed (a note saved, a write through the socket): people are read again.
    pub(super) fn reload_agenda(&mut self, env: &Env) -> Result<(), StoreError> {
        if self.view != View::Agenda {
            self.agenda = None;
            return Ok(());
        }
        if let Some(agenda) = self.agenda.as_mut() {
            agenda.people = people_by_client(env)?;
        }
        self.recompute_agenda(env.config, env.now);
        Ok(())
    }

    /// Items from the summaries in memory and the people read on opening, at `now`; the cursor
    /// stays on the item it was on while that is still there.
    pub(super) fn recompute_agenda(&mut self, config: &Config, now: DateTime<Utc>) {
        let Some(agenda) = self.agenda.as_mut() else {
            return;
        };
        let data: Vec<ClientData> = (self.clients.iter())
            .map(|row| ClientData {
                client: &row.client,
                summary: &row.summary,
                people: agenda.people.get(&row.client.id).map_or(&[], Vec::as_slice),
            })
            .collect();
        // Capped as `rapport agenda` is: the same items in the same order.
        let items = insight::capped(
            insight::agenda(&data, &Rules::from_config(config), now),
            insight::GROUP_CAP,
        );
        let was = agenda.current().map(key);
        let note = agenda.current_unfiled().map(|n| n.number);
        let unfiled = self.unfiled.clone();
        let at = match note {
            Some(number) => unfiled.iter().position(|n| n.number == number),
            None => (was.and_then(|was| items.iter().position(|item| key(item) == was)))
                .map(|i| i + unfiled.len()),
        };
        agenda.cursor = at.unwrap_or(agenda.cursor);
        agenda.unfiled = unfiled;
        agenda.items = items;
        agenda.step(0);
    }

    /// A key while the agenda is open; `false` leaves it to the usual handling.
    pub(super) fn agenda_act(&mut self, action: Action, env: &Env) -> Result<bool, StoreError> {
        let Some(agenda) = self.agenda.as_mut() else {
            return Ok(false);
        };
        if let Some(number) = agenda.current_unfiled().map(|n| n.number) {
            match action {
                Action::Open => {
                    self.start_assign(number);
                    return Ok(true);
                }
                Action::Archive => {
                    self.ask_drop_unfiled(number);
                    return Ok(true);
                }
                _ => {}
            }
        }
        let Some(agenda) = self.agenda.as_mut() else {
            return Ok(false);
        };
        match action {
            Action::Down => agenda.step(1),
            Action::Up => agenda.step(-1),
            Action::PageDown => agenda.step(PAGE_ROWS),
            Action::PageUp => agenda.step(-PAGE_ROWS),
            Action::Top => agenda.step(isize::MIN / 2),
            Action::Bottom => agenda.step(isize::MAX / 2),
            Action::Open => self.go_to_item(env)?,
            Action::Snooze => self.ask_mark(Asking::Snooze, env.now),
            Action::Archive => self.ask_mark(Asking::Dismiss, env.now),
            // The demo's key, as `x` is archive's: in the agenda it closes a follow-up.
            Action::Demo => self.mark_done(env)?,
            Action::Back | Action::Agenda => self.close_agenda(),
            // A note from the agenda is for the item's client ("check in with…", then `c`).
            Action::Capture | Action::Call => return self.select_item_client(env),
            Action::Quit | Action::Help | Action::CapturePick | Action::Undo | Action::Search => {
                return Ok(false)
            }
            other => {
                let back = env.config.keys.get(Action::Back).first();
                let back = back.map_or_else(|| "back".to_string(), ToString::to_string);
                self.message = Some(format!(
                    "not in the agenda: {back} goes back to the clients to {}",
                    other.description().to_lowercase()
                ));
            }
        }
        Ok(true)
    }

    /// Puts the clients cursor on the selected item's client; `Ok(false)` if it has none (then
    /// the key is answered here).
    fn select_item_client(&mut self, env: &Env) -> Result<bool, StoreError> {
        let client = (self.agenda.as_ref())
            .and_then(Agenda::current)
            .and_then(|item| item.client);
        let at = client.and_then(|id| self.clients.iter().position(|r| r.client.id == id));
        let Some(at) = at else {
            self.message = Some("this item is about your practice, not one client".into());
            return Ok(true);
        };
        if at != self.cursor {
            self.cursor = at;
            self.select(env)?;
        }
        Ok(false)
    }

    /// Enter: the browse view on the item's client, with its person or promise selected.
    fn go_to_item(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some(item) = self.agenda.as_ref().and_then(Agenda::current).cloned() else {
            return Ok(());
        };
        if self.select_item_client(env)? {
            return Ok(());
        }
        self.agenda = None;
        self.view = View::Browse;
        self.focus = Pane::Clients;
        let people = &self.selected.people;
        if let Some(i) = item
            .person
            .and_then(|id| people.iter().position(|r| r.person.id == id))
        {
            self.selected.person_cursor = i;
            if matches!(
                item.kind,
                ItemKind::QuietPerson | ItemKind::Coverage | ItemKind::Date
            ) {
                self.focus = Pane::People;
            }
        }
        if let Some(event) = item.event {
            self.seek_promise(event, env)?;
        }
        Ok(())
    }

    /// The timeline cursor on `event`, paging in a bounded number of pages to find it.
    fn seek_promise(&mut self, event: EventId, env: &Env) -> Result<(), StoreError> {
        let source = Source {
            store: env.store,
            client: self.client_id(),
            names: &self.selected.names,
        };
        let timeline = &mut self.selected.timeline;
        if timeline.seek(event, SEEK_PAGES, &source)? {
            self.focus = Pane::Timeline;
            return Ok(());
        }
        let read = timeline.rows.len();
        if let Some(row) = self.current() {
            let handle = row.client.alias.as_ref().unwrap_or(&row.client.name);
            self.message = Some(format!(
                "the promise is older than the last {read} events; `rapport log \"{handle}\" --kind promise` lists it"
            ));
        }
        Ok(())
    }
}
