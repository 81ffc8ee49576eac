//! The update side of the forms and the archive question: opening them from the key map,
//! their keys while open (routed in `overlay.rs`), and writing through the store when the user says so.

use super::form::{self, FieldId, Form, FormKey, Record};
use super::{App, Env, Pane, View};
use crate::config::{KeyCode, KeySpec};
use crate::model::{Client, ClientId, EventId, Person, PersonId};
use crate::store::StoreError;

/// A yes/no popup; only `y` says yes, so a stray key never archives anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    /// Written by the update step so the view only prints it.
    pub question: String,
    pub action: Confirmed,
}

/// What a `y` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmed {
    Archive(ClientId),
    /// The archive key on an archived client (`archive.rs`).
    Restore(ClientId),
    /// Drop unfiled note N (`app/unfiled.rs`).
    DropUnfiled(u32),
    /// `X` on a person (`people.rs`).
    RemovePerson(PersonId),
    /// `X` on a fact in the person view: its position in `Person::facts`.
    RemoveFact {
        person: PersonId,
        index: usize,
    },
    /// `X` on a timeline event (`removal.rs`).
    RemoveEvent(EventId),
    /// Ctrl-D: the client's draft goes; `reopen`: the box it was asked from opens again on a no.
    DiscardDraft {
        client: ClientId,
        reopen: bool,
    },
    /// Quit, leaving drafts (kept in the store) or a call behind (`quit.rs`).
    Quit,
}

fn is_yes(key: KeySpec) -> bool {
    !key.ctrl && !key.alt && matches!(key.code, KeyCode::Char('y' | 'Y'))
}

impl App {
    /// `a`: a new person in the people pane, otherwise a new client.
    pub(super) fn add(&mut self, env: &Env) {
        let id_time = env.now.timestamp_millis() as u64;
        if let (Pane::People, Some(row)) = (self.focus, self.current()) {
            let person = Person {
                id: PersonId::new_at(id_time),
                client: row.client.id,
                created: env.now,
                ..Person::default()
            };
            let title = format!("New person at {}", row.client.name);
            self.overlays.open(Form::person(title, person));
            return;
        }
        let client = Client {
            id: ClientId::new_at(id_time),
            cadence_days: env.config.cadence_days(),
            created: env.now,
            ..Client::default()
        };
        self.overlays
            .open(Form::client("New client".into(), client));
    }

    /// `e`: the selected person in the people pane, otherwise the selected client.
    pub(super) fn edit(&mut self) {
        let person = self.selected.people.get(self.selected.person_cursor);
        let form = match (self.focus, person, self.current()) {
            (Pane::People, Some(row), _) => {
                let title = format!("Edit {}", row.person.name);
                Some(Form::person(title, row.person.clone()))
            }
            (_, _, Some(row)) => {
                let title = format!("Edit {}", row.client.name);
                let mut form = Form::client(title, row.client.clone());
                form.preview(self.now);
                Some(form)
            }
            _ => {
                self.message = Some("nothing to edit yet: `a` adds a client".into());
                None
            }
        };
        if let Some(form) = form {
            self.overlays.open(form);
        }
    }

    /// `x`: asks before archiving the selected client (or restoring an archived one).
    pub(super) fn archive(&mut self) {
        match self.current() {
            Some(row) if row.client.archived => {
                let (id, name) = (row.client.id, row.client.name.clone());
                self.ask_restore(id, &name)
            }
            Some(row) => self.overlays.open(Confirm {
                question: format!("Archive {}? History is kept. y/n", row.client.name),
                action: Confirmed::Archive(row.client.id),
            }),
            None => self.message = Some("no client to archive".into()),
        }
    }

    /// A key while the yes/no question is open: only `y` says yes.
    pub(super) fn confirm_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(confirm) = self.overlays.take::<Confirm>() else {
            return Ok(());
        };
        if is_yes(key) {
            return self.confirmed(confirm.action, env);
        }
        match confirm.action {
            Confirmed::DiscardDraft { client, reopen } => self.keep_draft(client, reopen),
            _ => self.message = Some("cancelled".into()),
        }
        Ok(())
    }

    /// A key while a form is open.
    pub(super) fn form_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(form) = self.overlays.get_mut::<Form>() else {
            return Ok(());
        };
        match form.key(key) {
            FormKey::Editing => {
                form.preview(env.now);
                Ok(())
            }
            FormKey::Cancel => {
                self.overlays.close::<Form>();
                self.message = Some("cancelled".into());
                Ok(())
            }
            FormKey::Save => self.save(env),
        }
    }

    /// Validates and writes the form's record. Any refusal leaves the form open with the
    /// reason shown, so nothing typed is lost.
    fn save(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some(form) = self.overlays.get_mut::<Form>() else {
            return Ok(());
        };
        let Some(record) = form.build(env.now) else {
            return Ok(());
        };
        let written = match &record {
            Record::Client(c) => env.store.put_client(c),
            Record::Person(p) => match form::namesake(&env.store.people(Some(p.client))?, p) {
                Some(problem) => {
                    form.set_error(FieldId::Name, problem);
                    return Ok(());
                }
                None => env.store.put_person(p),
            },
        };
        // A write refused says so; one that stored the record and then failed (the names
        // file, on a full disk) must not call the record unsaved.
        let trouble = match written {
            Ok(()) => None,
            Err(e) if is_stored(&record, env) => Some(e),
            Err(e) => {
                match (&e, &record) {
                    (StoreError::NameTaken(handle), Record::Client(c)) => {
                        form.set_error(form::taken_field(c, handle), e.to_string())
                    }
                    _ => self.message = Some(format!("not saved: {e}")),
                }
                return Ok(());
            }
        };
        self.overlays.close::<Form>();
        // A form save is not taken back by `u`, and reaching past it to an older action
        // would undo something the user no longer has in mind: `u` now says so.
        self.undo.forget();
        let client = match &record {
            Record::Client(c) => c.id,
            Record::Person(p) => p.client,
        };
        self.refresh(&[client], env)?;
        let name = match record {
            Record::Client(c) => {
                self.show_client(c.id, env)?;
                c.name
            }
            Record::Person(p) => {
                self.show_client(p.client, env)?;
                self.focus = Pane::People;
                let people = &self.selected.people;
                if let Some(i) = people.iter().position(|r| r.person.id == p.id) {
                    self.selected.person_cursor = i;
                }
                p.name
            }
        };
        self.message = Some(match trouble {
            Some(e) => format!("saved {name}, but then: {e}"),
            None => format!("saved {name}"),
        });
        Ok(())
    }

    /// Puts the clients cursor on `id`, if it is listed.
    fn show_client(&mut self, id: ClientId, env: &Env) -> Result<(), StoreError> {
        if let Some(i) = self.clients.iter().position(|r| r.client.id == id) {
            self.cursor = i;
            self.select(env)?;
        }
        Ok(())
    }

    fn confirmed(&mut self, action: Confirmed, env: &Env) -> Result<(), StoreError> {
        let id = match action {
            Confirmed::Archive(id) => id,
            Confirmed::Restore(id) => return self.restore(id, env),
            Confirmed::DropUnfiled(number) => return self.drop_unfiled(number, env),
            Confirmed::DiscardDraft { client, .. } => return self.discard_draft(client, env),
            Confirmed::RemoveEvent(event) => return self.remove_event(event, env),
            Confirmed::Quit => {
                self.quit = true;
                return Ok(());
            }
            _ => return self.confirmed_person(action, env),
        };
        let Some(mut client) = env.store.client(id)? else {
            self.message = Some("that client is gone already".into());
            return Ok(());
        };
        client.archived = true;
        env.store.put_client(&client)?;
        // The row disappears; stay at the same height in the list rather than jump to the top.
        let at = self.cursor;
        self.refresh(&[id], env)?;
        self.cursor = at.min(self.clients.len().saturating_sub(1));
        self.select(env)?;
        if matches!(self.view, View::ClientDetail | View::PersonDetail) {
            self.view = View::Browse;
        }
        self.undo.record(super::undo::Undo::Archive(id), env.now);
        let undo = (env.config.keys.get(crate::config::Action::Undo).first())
            .map(|k| format!(" · {k} takes it back"))
            .unwrap_or_default();
        self.message = Some(format!("archived {} (history kept){undo}", client.name));
        Ok(())
    }
}

/// Whether the store holds `record` exactly as written (a store that cannot say: no).
fn is_stored(record: &Record, env: &Env) -> bool {
    match record {
        Record::Client(c) => env.store.client(c.id).is_ok_and(|s| s.as_ref() == Some(c)),
        Record::Person(p) => env.store.person(p.id).is_ok_and(|s| s.as_ref() == Some(p)),
    }
}
