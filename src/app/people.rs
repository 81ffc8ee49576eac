//! Correcting people from the dashboard: removing a person (`X`, asked first), moving them to
//! another client (`M`, picking it), and their personal facts in the person view (`a` adds,
//! `e` edits, `X` removes the selected one). `u` takes a removal or a move back.

mod facts;

pub use facts::FactInput;

use super::picker::{Picked, Picker};
use super::undo::Undo;
use super::{App, Confirm, Confirmed, Env, Pane, View};
use crate::config::{Action, KeySpec};
use crate::model::{ClientId, Person, PersonId, Summary};
use crate::store::{Store, StoreError};
use chrono::Local;
use std::collections::HashMap;

/// The names a client's timeline shows: its people, removed ones included, and whoever it
/// ever contacted or thanked who has since moved to another client (looked up by id).
pub(super) fn past_names(
    store: &dyn Store,
    people: &[Person],
    summary: &Summary,
) -> Result<HashMap<PersonId, String>, StoreError> {
    let mut names: HashMap<PersonId, String> =
        people.iter().map(|p| (p.id, p.name.clone())).collect();
    let named = (summary.last_contact_by_person.keys()).chain(summary.last_thanks_by_person.keys());
    let missing: Vec<PersonId> = named
        .filter(|id| !names.contains_key(id))
        .copied()
        .collect();
    for id in missing {
        if let Some(person) = store.person(id)? {
            names.insert(id, person.name);
        }
    }
    Ok(names)
}

/// Choosing the client a person moved to (`M`).
#[derive(Clone, Debug)]
pub struct MoveTo {
    pub person: PersonId,
    /// Written by the update step, so the view only prints it.
    pub title: String,
    pub picker: Picker,
}

impl App {
    /// The person under the people cursor.
    fn person_here(&self) -> Option<&Person> {
        (self.selected.people.get(self.selected.person_cursor)).map(|r| &r.person)
    }

    /// `X` in the people pane: asks before removing the selected person.
    pub(super) fn remove_person(&mut self) {
        if self.view == View::PersonDetail || self.focus != Pane::People {
            self.message = Some("select a person in the people pane first (tab)".into());
            return;
        }
        match self.person_here() {
            Some(p) => self.overlays.open(Confirm {
                question: format!("Remove {}? Their past events are kept. y/n", p.name),
                action: Confirmed::RemovePerson(p.id),
            }),
            None => self.message = Some("nobody to remove here".into()),
        }
    }

    /// `M`: asks which client the selected person works at now.
    pub(super) fn move_person(&mut self) {
        let in_person = self.focus == Pane::People || self.view == View::PersonDetail;
        match self.person_here().filter(|_| in_person) {
            Some(p) => self.overlays.open(MoveTo {
                person: p.id,
                title: format!(" Move {} to which client? ", p.name),
                picker: Picker::new(&self.clients),
            }),
            None => self.message = Some("select a person in the people pane first (tab)".into()),
        }
    }

    /// Re-reads `person`'s client and puts the cursors back on them (and on fact `fact`).
    fn show_person(
        &mut self,
        person: &Person,
        fact: Option<usize>,
        env: &Env,
    ) -> Result<(), StoreError> {
        self.refresh(&[person.client], env)?;
        if let Some(i) = (self.selected.people.iter()).position(|r| r.person.id == person.id) {
            self.selected.person_cursor = i;
        }
        let order = person.facts_newest_first();
        self.selected.fact_cursor = fact
            .and_then(|f| order.iter().position(|&i| i == f))
            .unwrap_or(0);
        Ok(())
    }

    /// A key while choosing the client a person moved to.
    pub(super) fn move_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(open) = self.overlays.get_mut::<MoveTo>() else {
            return Ok(());
        };
        match open.picker.key(key, &self.clients) {
            Picked::Editing => Ok(()),
            Picked::Cancel => {
                self.overlays.close::<MoveTo>();
                self.message = Some("cancelled".into());
                Ok(())
            }
            Picked::Client(to) => {
                let person = open.person;
                self.overlays.close::<MoveTo>();
                self.moved(person, to, env)
            }
        }
    }

    /// Moves `id` to client `to`, unless someone of that name works there already.
    fn moved(&mut self, id: PersonId, to: ClientId, env: &Env) -> Result<(), StoreError> {
        let Some(mut person) = env.store.person(id)? else {
            self.message = Some("that person is gone already".into());
            return Ok(());
        };
        let from = person.client;
        let (from_name, to_name) = (client_name(env, from)?, client_name(env, to)?);
        if from == to {
            self.message = Some(format!("{} is already at {to_name}", person.name));
            return Ok(());
        }
        person.move_to(
            to,
            (&from_name, &to_name),
            env.now.with_timezone(&Local).date_naive(),
        );
        if let Some(problem) = self.namesake_at(&person, &to_name, env)? {
            self.message = Some(format!("not moved: {problem}"));
            return Ok(());
        }
        env.store.put_person(&person)?;
        self.remember(Undo::PersonMoved { person: id, from }, env);
        self.after_leaving(&[from, to], env)?;
        self.message = Some(format!(
            "moved {} from {from_name} to {to_name}{}",
            person.name,
            self.undo_hint(env)
        ));
        Ok(())
    }

    /// The sentence refusing `person` at `client_name` when someone there has their name.
    fn namesake_at(
        &self,
        person: &Person,
        client_name: &str,
        env: &Env,
    ) -> Result<Option<String>, StoreError> {
        let people = env.store.people(Some(person.client))?;
        Ok(super::form::namesake(&people, person)
            .map(|_| format!("there is already a {} at {client_name}", person.name)))
    }

    /// After `y` to a question about a person or a fact.
    pub(super) fn confirmed_person(
        &mut self,
        action: Confirmed,
        env: &Env,
    ) -> Result<(), StoreError> {
        match action {
            Confirmed::RemovePerson(id) => {
                let Some(mut person) = env.store.person(id)? else {
                    self.message = Some("that person is gone already".into());
                    return Ok(());
                };
                person.removed = Some(env.now);
                env.store.put_person(&person)?;
                self.remember(Undo::PersonRemoved(id), env);
                self.after_leaving(&[person.client], env)?;
                self.message = Some(format!(
                    "removed {} (past events keep the name){}",
                    person.name,
                    self.undo_hint(env)
                ));
            }
            Confirmed::RemoveFact { person, index } => {
                let Some(mut person) = env.store.person(person)? else {
                    self.message = Some("that person is gone already".into());
                    return Ok(());
                };
                if index >= person.facts.len() {
                    self.message = Some("that fact is gone already".into());
                    return Ok(());
                }
                let fact = person.facts.remove(index);
                env.store.put_person(&person)?;
                self.show_person(&person, index.checked_sub(1), env)?;
                self.message = Some(format!("removed the fact \"{}\"", fact.text));
            }
            _ => {}
        }
        Ok(())
    }

    /// The person left the pane (removed or moved): the cursor stays at the same height, and
    /// the person view, showing nobody now, closes.
    fn after_leaving(&mut self, clients: &[ClientId], env: &Env) -> Result<(), StoreError> {
        let at = self.selected.person_cursor;
        self.refresh(clients, env)?;
        self.selected.person_cursor = at.min(self.selected.people.len().saturating_sub(1));
        if self.view == View::PersonDetail {
            self.view = View::Browse;
        }
        Ok(())
    }

    fn remember(&mut self, undo: Undo, env: &Env) {
        self.undo.record(undo, env.now);
    }

    fn undo_hint(&self, env: &Env) -> String {
        (env.config.keys.get(Action::Undo).first())
            .map(|k| format!(" · {k} takes it back"))
            .unwrap_or_default()
    }

    /// `u` after removing or moving a person: they are back as they were.
    pub(in crate::app) fn undo_person(&mut self, undo: Undo, env: &Env) -> Result<(), StoreError> {
        let (id, from) = match undo {
            Undo::PersonRemoved(id) => (id, None),
            Undo::PersonMoved { person, from } => (person, Some(from)),
            _ => return Ok(()),
        };
        let Some(mut person) = env.store.person(id)? else {
            self.message = Some("that person is gone already".into());
            return Ok(());
        };
        let to = person.client;
        let done = match from {
            None => {
                person.removed = None;
                format!("restored {}", person.name)
            }
            Some(from) => {
                let from_name = client_name(env, from)?;
                person.unmove(from, (&from_name, &client_name(env, to)?));
                format!("moved {} back to {from_name}", person.name)
            }
        };
        let here = client_name(env, person.client)?;
        if let Some(problem) = self.namesake_at(&person, &here, env)? {
            self.message = Some(format!("not undone: {problem}"));
            return Ok(());
        }
        env.store.put_person(&person)?;
        self.refresh(&[to, person.client], env)?;
        self.message = Some(done);
        Ok(())
    }
}

/// A client's name for a message (its id when it is gone).
fn client_name(env: &Env, id: ClientId) -> Result<String, StoreError> {
    Ok(env
        .store
        .client(id)?
        .map_or_else(|| id.to_string(), |c| c.name))
}
