//! The add/edit forms for clients and people: fields, focus, key handling and validation.
//! Pure: the app saves what `build` returns and reports store refusals back with `set_error`.
//! Validation follows `rapport client/person add|edit`, so both ways in accept the same data.

mod fields;
mod input;
mod lines;
#[cfg(test)]
mod tests;
mod validate;

pub use input::TextInput;
pub use lines::{Item, Lines};
pub use validate::{cadence, namesake, snooze, tags, taken_field, time_zone};

use crate::config::{KeyCode, KeySpec};
use crate::model::{Client, Person};
use chrono::{DateTime, Utc};
use std::borrow::Cow;

/// Which field, so validation and store errors can find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldId {
    Name,
    Alias,
    State,
    Cadence,
    Style,
    Snooze,
    Tags,
    Concerns,
    Title,
    Role,
    Stance,
    Channel,
    Email,
    Phone,
    Birthday,
    Anniversary,
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
    /// One item per line (concerns).
    Lines(Lines),
}

impl Value {
    /// The value as one string, for change tracking and display; lines are joined by `\n`.
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            Value::Text(t) => Cow::Borrowed(t.text()),
            Value::Choice { options, index } => Cow::Borrowed(options[*index]),
            Value::Lines(lines) => Cow::Owned(lines.joined()),
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
    /// What the update step read the value as (`= Fri 2026-11-27` for `fri`), shown
    /// dimmed beside it; the view cannot work it out, as it never reads the clock.
    pub note: Option<String>,
}

/// The record being added or edited; fields the form does not show (facts, archived,
/// created) come back unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Client(Box<Client>),
    Person(Box<Person>),
}

/// What a key did to the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKey {
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

impl Form {
    /// A form over `record` (see `fields.rs` for which fields each kind has).
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

    /// The record as it was when the form opened.
    pub fn record(&self) -> &Record {
        &self.record
    }

    pub fn dirty(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, was)| f.value.as_text() != was.as_str())
    }

    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    pub fn key(&mut self, key: KeySpec) -> FormKey {
        let plain = !key.ctrl && !key.alt;
        if self.discarding {
            self.discarding = false;
            let yes = plain && matches!(key.code, KeyCode::Char('y' | 'Y'));
            return if yes {
                FormKey::Cancel
            } else {
                FormKey::Editing
            };
        }
        // Ctrl-C arrives as a key in raw mode; inside a form it cancels like Esc, so a reflex
        // does not quit the dashboard with the typing lost.
        let cancel = key.code == KeyCode::Esc || (key.ctrl && key.code == KeyCode::Char('c'));
        if cancel {
            if !self.dirty() {
                return FormKey::Cancel;
            }
            self.discarding = true;
            return FormKey::Editing;
        }
        match key.code {
            KeyCode::Enter => return FormKey::Save,
            KeyCode::Tab if key.shift => self.move_focus(false),
            KeyCode::Tab => self.move_focus(true),
            // Up and down go from line to line in a list (the guard moves), and on to the
            // next field at its ends.
            KeyCode::Up if !self.in_lines(Lines::up) => self.move_focus(false),
            KeyCode::Down if !self.in_lines(Lines::down) => self.move_focus(true),
            KeyCode::Up | KeyCode::Down => {}
            KeyCode::Char('d') if key.ctrl && !key.alt => {
                self.in_lines(|lines| {
                    lines.remove();
                    true
                });
            }
            _ if plain => self.edit(key.code),
            _ => {}
        }
        FormKey::Editing
    }

    /// Runs `step` on the focused field if it is a list; false when it is not.
    fn in_lines(&mut self, step: impl FnOnce(&mut Lines) -> bool) -> bool {
        match &mut self.fields[self.focus].value {
            Value::Lines(lines) => step(lines),
            _ => false,
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let count = self.fields.len();
        self.focus = if forward {
            (self.focus + 1) % count
        } else {
            (self.focus + count - 1) % count
        };
        if let Value::Lines(lines) = &mut self.fields[self.focus].value {
            lines.enter(!forward);
        }
    }

    /// Typing and moving inside the focused field.
    fn edit(&mut self, code: KeyCode) {
        let field = &mut self.fields[self.focus];
        match &mut field.value {
            Value::Text(t) => {
                let digits = field.id == FieldId::Cadence;
                edit_text(t, code, |c| !digits || c.is_ascii_digit());
            }
            Value::Lines(lines) => {
                match code {
                    KeyCode::Backspace => lines.backspace(),
                    _ => edit_text(lines.current(), code, |_| true),
                }
                lines.tidy();
            }
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
        if let Value::Lines(lines) = &mut field.value {
            lines.current().insert(text);
            lines.tidy();
        } else if let Value::Text(t) = &mut field.value {
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

    /// Works out the notes beside date fields for the time `now`: what the typed date means, so
    /// `next monday` can be checked before saving. Nothing when it cannot be read (yet).
    pub fn preview(&mut self, now: DateTime<Utc>) {
        for field in &mut self.fields {
            if field.id == FieldId::Snooze {
                let text = field.value.as_text();
                field.note = snooze(&text, now)
                    .ok()
                    .flatten()
                    .map(|day| format!("= {}", day.format("%a %Y-%m-%d")));
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

/// The editing keys of a one-line text; `accept` filters typed characters.
pub(crate) fn edit_text(t: &mut TextInput, code: KeyCode, accept: impl Fn(char) -> bool) {
    match code {
        KeyCode::Char(c) if accept(c) => t.insert(c.encode_utf8(&mut [0; 4])),
        KeyCode::Backspace => t.backspace(),
        KeyCode::Delete => t.delete(),
        KeyCode::Left => t.left(),
        KeyCode::Right => t.right(),
        KeyCode::Home => t.home(),
        KeyCode::End => t.end(),
        _ => {}
    }
}
