//! The add/edit forms for clients and people: fields, focus, key handling and validation.
//! Pure: the app saves what `build` returns and reports store refusals back with `set_error`.
//! Validation follows `rapport client/person add|edit`, so both ways in accept the same data.

mod input;
#[cfg(test)]
mod tests;
mod validate;

pub use input::TextInput;
pub use validate::{cadence, namesake, tags, taken_field, time_zone};

use crate::config::{KeyCode, KeySpec};
use crate::model::{Channel, Client, ClientState, ContactStyle, Person, Role, Stance};

/// Which field, so validation and store errors can find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldId {
    Name,
    Alias,
    State,
    Cadence,
    Style,
    Tags,
    Title,
    Role,
    Stance,
    Channel,
    Email,
    Phone,
    TimeZone,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(TextInput),
    /// One of a fixed set of words, cycled rather than typed (no spelling mistakes).
    Choice {
        options: Vec<&'static str>,
        index: usize,
    },
}

impl Value {
    /// The value as one string, for change tracking and display.
    pub fn as_text(&self) -> &str {
        match self {
            Value::Text(t) => t.text(),
            Value::Choice { options, index } => options[*index],
        }
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub id: FieldId,
    pub label: &'static str,
    /// Shown dimmed while the field is empty.
    pub hint: &'static str,
    pub value: Value,
    pub error: Option<String>,
}

/// The record being added or edited; fields the form does not show (concerns, facts,
/// archived, created) come back unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Client(Box<Client>),
    Person(Box<Person>),
}

/// What a key did to the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Editing,
    /// Enter: validate with `build` and save.
    Save,
    /// Closed without saving.
    Cancel,
}

#[derive(Clone, Debug)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Esc on a changed form asks "Discard changes? y/n" before anything is thrown away.
    pub discarding: bool,
    record: Record,
    initial: Vec<String>,
}

fn text(id: FieldId, label: &'static str, hint: &'static str, value: &str) -> Field {
    Field {
        id,
        label,
        hint,
        value: Value::Text(TextInput::new(value)),
        error: None,
    }
}

fn choice<T: Copy + PartialEq>(
    id: FieldId,
    label: &'static str,
    all: &'static [T],
    current: T,
    words: fn(T) -> &'static str,
) -> Field {
    Field {
        id,
        label,
        hint: "",
        value: Value::Choice {
            options: all.iter().map(|&v| words(v)).collect(),
            index: all.iter().position(|&v| v == current).unwrap_or(0),
        },
        error: None,
    }
}

impl Form {
    fn new(title: String, record: Record, fields: Vec<Field>) -> Self {
        let initial = fields
            .iter()
            .map(|f| f.value.as_text().to_string())
            .collect();
        Self {
            title,
            fields,
            focus: 0,
            discarding: false,
            record,
            initial,
        }
    }

    pub fn client(title: String, c: Client) -> Self {
        let fields = vec![
            text(FieldId::Name, "name", "required, unique", &c.name),
            text(
                FieldId::Alias,
                "alias",
                "short handle",
                c.alias.as_deref().unwrap_or(""),
            ),
            choice(
                FieldId::State,
                "state",
                ClientState::ALL,
                c.state,
                ClientState::as_str,
            ),
            text(
                FieldId::Cadence,
                "cadence",
                "days",
                &c.cadence_days.to_string(),
            ),
            choice(
                FieldId::Style,
                "style",
                ContactStyle::ALL,
                c.style,
                ContactStyle::as_str,
            ),
            text(
                FieldId::Tags,
                "tags",
                "comma, separated",
                &c.tags.join(", "),
            ),
        ];
        Self::new(title, Record::Client(Box::new(c)), fields)
    }

    pub fn person(title: String, p: Person) -> Self {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let fields = vec![
            text(FieldId::Name, "name", "required", &p.name),
            text(FieldId::Title, "title", "CTO, Sysadmin", &opt(&p.title)),
            choice(FieldId::Role, "role", Role::ALL, p.role, Role::as_str),
            choice(
                FieldId::Stance,
                "stance",
                Stance::ALL,
                p.stance,
                Stance::as_str,
            ),
            choice(
                FieldId::Channel,
                "channel",
                Channel::ALL,
                p.channel,
                Channel::as_str,
            ),
            text(FieldId::Email, "email", "", &opt(&p.email)),
            text(FieldId::Phone, "phone", "", &opt(&p.phone)),
            text(
                FieldId::TimeZone,
                "time zone",
                "Europe/Helsinki",
                &opt(&p.time_zone),
            ),
        ];
        Self::new(title, Record::Person(Box::new(p)), fields)
    }

    /// The record as it was when the form opened.
    pub fn record(&self) -> &Record {
        &self.record
    }

    pub fn dirty(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, was)| f.value.as_text() != was)
    }

    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    pub fn key(&mut self, key: KeySpec) -> Outcome {
        let plain = !key.ctrl && !key.alt;
        if self.discarding {
            self.discarding = false;
            let yes = plain && matches!(key.code, KeyCode::Char('y' | 'Y'));
            return if yes {
                Outcome::Cancel
            } else {
                Outcome::Editing
            };
        }
        // Ctrl-C arrives as a key in raw mode; inside a form it cancels like Esc, so a reflex
        // does not quit the dashboard with the typing lost.
        let cancel = key.code == KeyCode::Esc || (key.ctrl && key.code == KeyCode::Char('c'));
        if cancel {
            if !self.dirty() {
                return Outcome::Cancel;
            }
            self.discarding = true;
            return Outcome::Editing;
        }
        let count = self.fields.len();
        match key.code {
            KeyCode::Enter => return Outcome::Save,
            KeyCode::Tab if key.shift => self.focus = (self.focus + count - 1) % count,
            KeyCode::Up => self.focus = (self.focus + count - 1) % count,
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % count,
            _ if plain => self.edit(key.code),
            _ => {}
        }
        Outcome::Editing
    }

    /// Typing and moving inside the focused field.
    fn edit(&mut self, code: KeyCode) {
        let field = &mut self.fields[self.focus];
        match &mut field.value {
            Value::Text(t) => match code {
                KeyCode::Char(c) if field.id != FieldId::Cadence || c.is_ascii_digit() => {
                    t.insert(c.encode_utf8(&mut [0; 4]))
                }
                KeyCode::Backspace => t.backspace(),
                KeyCode::Delete => t.delete(),
                KeyCode::Left => t.left(),
                KeyCode::Right => t.right(),
                KeyCode::Home => t.home(),
                KeyCode::End => t.end(),
                _ => {}
            },
            Value::Choice { options, index } => {
                let n = options.len();
                match code {
                    KeyCode::Left => *index = (*index + n - 1) % n,
                    KeyCode::Right | KeyCode::Char(' ') => *index = (*index + 1) % n,
                    // A letter jumps to the next option starting with it ("b" → blocker).
                    KeyCode::Char(c) => {
                        let c = c.to_lowercase().next().unwrap_or(c);
                        if let Some(i) = (1..=n)
                            .map(|step| (*index + step) % n)
                            .find(|&i| options[i].starts_with(c))
                        {
                            *index = i;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// A bracketed paste goes into the focused text field as typed text.
    pub fn paste(&mut self, text: &str) {
        if self.discarding {
            return;
        }
        let field = &mut self.fields[self.focus];
        if let Value::Text(t) = &mut field.value {
            if field.id == FieldId::Cadence {
                t.insert(
                    &text
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect::<String>(),
                );
            } else {
                t.insert(text);
            }
        }
    }

    /// Shows `message` under field `id` and moves there.
    pub fn set_error(&mut self, id: FieldId, message: String) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id) {
            self.fields[i].error = Some(message);
            self.focus = i;
        }
    }
}
