//! The person view's facts: `j`/`k` move between them, `a` adds one, `e` edits the one under
//! the cursor and `X` removes it (asked first, in `people.rs`).

use super::super::form::TextInput;
use super::super::{App, Confirm, Confirmed, Env};
use crate::config::{Action, KeyCode, KeySpec};
use crate::model::{Fact, Person, PersonId};
use crate::store::StoreError;
use chrono::Local;

/// The one-line box for a fact (`a` or `e` in the person view).
#[derive(Clone, Debug)]
pub struct FactInput {
    pub person: PersonId,
    /// Written by the update step, so the view only prints it.
    pub title: String,
    /// The fact being edited (its position in `Person::facts`); `None` adds one.
    pub index: Option<usize>,
    pub input: TextInput,
}

impl App {
    /// The position in `Person::facts` of the fact under the person view's cursor (which
    /// counts facts as shown: newest first).
    pub fn fact_here(&self) -> Option<usize> {
        let person = self.person_here()?;
        person
            .facts_newest_first()
            .get(self.selected.fact_cursor)
            .copied()
    }

    /// The person view's own keys: moving between facts, adding, editing and removing one.
    /// False for the keys it leaves to the rest of the dashboard.
    pub(in crate::app) fn person_act(&mut self, action: Action) -> bool {
        let Some(person) = self.person_here().cloned() else {
            return false;
        };
        let last = person.facts.len().saturating_sub(1);
        let cursor = &mut self.selected.fact_cursor;
        match action {
            Action::Down => *cursor = (*cursor + 1).min(last),
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::Add => self.open_fact(&person, None),
            Action::Edit => match self.fact_here() {
                Some(i) => self.open_fact(&person, Some(i)),
                None => {
                    self.message = Some(format!("{} has no facts yet: a adds one", person.name))
                }
            },
            Action::Remove => match self.fact_here() {
                Some(index) => self.overlays.open(Confirm {
                    question: format!("Remove the fact \"{}\"? y/n", person.facts[index].text),
                    action: Confirmed::RemoveFact {
                        person: person.id,
                        index,
                    },
                }),
                None => self.message = Some(format!("{} has no facts to remove", person.name)),
            },
            _ => return false,
        }
        true
    }

    fn open_fact(&mut self, person: &Person, index: Option<usize>) {
        let (title, text) = match index {
            Some(i) => (
                format!(" Edit a fact about {} ", person.name),
                person.facts[i].text.as_str(),
            ),
            None => (format!(" A fact about {} ", person.name), ""),
        };
        self.overlays.open(FactInput {
            person: person.id,
            title,
            index,
            input: TextInput::new(text),
        });
    }

    /// A key while the fact box is open: Enter saves, Esc cancels, the rest edits.
    pub(in crate::app) fn fact_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(open) = self.overlays.get_mut::<FactInput>() else {
            return Ok(());
        };
        let input = &mut open.input;
        match key.code {
            KeyCode::Esc => {
                self.overlays.close::<FactInput>();
                self.message = Some("cancelled".into());
            }
            _ if key.ctrl && key.code == KeyCode::Char('c') => {
                self.overlays.close::<FactInput>();
                self.message = Some("cancelled".into());
            }
            KeyCode::Enter => return self.save_fact(env),
            _ if key.ctrl || key.alt => {}
            code => {
                input.edit(code);
            }
        }
        Ok(())
    }

    /// Writes the fact from the box; an empty one leaves the box open and says so.
    fn save_fact(&mut self, env: &Env) -> Result<(), StoreError> {
        let Some(open) = self.overlays.get::<FactInput>() else {
            return Ok(());
        };
        let text = open.input.text().trim().to_string();
        if text.is_empty() {
            self.message = Some("the fact is empty: write it, or Esc".into());
            return Ok(());
        }
        let (id, index) = (open.person, open.index);
        let Some(mut person) = env.store.person(id)? else {
            self.overlays.close::<FactInput>();
            self.message = Some("that person is gone already".into());
            return Ok(());
        };
        let edited = index.filter(|&i| i < person.facts.len());
        match edited {
            Some(i) => person.facts[i].text = text.clone(),
            None => person.facts.push(Fact {
                text: text.clone(),
                noted: env.now.with_timezone(&Local).date_naive(),
                kind: None,
            }),
        }
        if let Err(e) = env.store.put_person(&person) {
            // The box stays open with the text: nothing typed is lost.
            self.message = Some(format!("not saved: {e}"));
            return Ok(());
        }
        self.overlays.close::<FactInput>();
        let at = edited.unwrap_or(person.facts.len() - 1);
        self.show_person(&person, Some(at), env)?;
        self.message = Some(match edited {
            Some(_) => format!("fact about {} now reads: {text}", person.name),
            None => format!("noted for {}: {text}", person.name),
        });
        Ok(())
    }
}
