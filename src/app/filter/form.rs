//! The filter popup's fields and keys. Pure: the app applies what `build` returns.
//!
//! Kinds are a row of toggles; the person is picked by typing a few letters of a name among the
//! client's people (fuzzy, as the client picker); the dates take the words the command line's
//! `--since`/`--until` take (`may 1`, `3 weeks ago`), with what they read as shown beside them.

use super::person::PersonPick;
use super::person::PERSON_ROWS;
use crate::app::form::{edit_text, snooze, TextInput};
use crate::config::{KeyCode, KeySpec};
use crate::model::{EventFilter, Kind, PersonId};
use crate::when;
use chrono::{DateTime, Utc};

/// The fields, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterField {
    Kinds,
    Person,
    Tag,
    Private,
    From,
    Until,
}

const FIELDS: [FilterField; 6] = [
    FilterField::Kinds,
    FilterField::Person,
    FilterField::Tag,
    FilterField::Private,
    FilterField::From,
    FilterField::Until,
];

/// The private choice's words, cycled; their first letters jump.
pub const PRIVATE: [&str; 3] = ["any", "private only", "shareable only"];

#[derive(Clone, Debug)]
pub struct FilterForm {
    /// The client whose timeline it filters.
    pub client: String,
    pub focus: FilterField,
    /// Toggled on, in `Kind::ALL` order; none means every kind.
    pub kinds: Vec<Kind>,
    /// The kind the Left/Right cursor is on.
    pub kind_cursor: usize,
    pub person: PersonPick,
    pub tag: TextInput,
    /// Index into `PRIVATE`.
    pub private: usize,
    pub from: TextInput,
    pub until: TextInput,
    /// What each date reads as (`= Fri 2026-05-01`), worked out by `preview`.
    pub from_note: Option<String>,
    pub until_note: Option<String>,
    /// A problem `build` found, shown under its field.
    pub error: Option<(FilterField, String)>,
    /// The filter's `removed` (the command line's; the popup keeps it as it was).
    removed: bool,
}

/// What a key did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filtering {
    Editing,
    /// Enter: `build` and apply.
    Apply,
    Cancel,
}

impl FilterForm {
    /// The popup over `current`; `people` are the client's, in the people pane's order.
    pub fn new(
        client: &str,
        current: &EventFilter,
        people: Vec<(PersonId, String)>,
        now: DateTime<Utc>,
    ) -> Self {
        let day = |at: DateTime<Utc>| at.with_timezone(&chrono::Local).date_naive();
        let mut form = Self {
            client: client.to_string(),
            focus: FilterField::Kinds,
            kinds: current.kinds.clone(),
            kind_cursor: 0,
            person: PersonPick::new(people, current.person),
            tag: TextInput::new(current.tag.as_deref().unwrap_or("")),
            private: match current.private {
                None => 0,
                Some(true) => 1,
                Some(false) => 2,
            },
            from: TextInput::new(
                &current
                    .since
                    .map(|s| day(s).to_string())
                    .unwrap_or_default(),
            ),
            // `until` is exclusive; the field shows the last day it lets in.
            until: TextInput::new(
                &current
                    .until
                    .map(|u| day(u - chrono::Duration::milliseconds(1)).to_string())
                    .unwrap_or_default(),
            ),
            from_note: None,
            until_note: None,
            error: None,
            removed: current.removed,
        };
        form.preview(now);
        form
    }

    pub fn key(&mut self, key: KeySpec) -> Filtering {
        let cancel = key.code == KeyCode::Esc || (key.ctrl && key.code == KeyCode::Char('c'));
        if cancel {
            return Filtering::Cancel;
        }
        match key.code {
            KeyCode::Enter => return Filtering::Apply,
            KeyCode::Tab if key.shift => self.move_focus(false),
            KeyCode::Tab => self.move_focus(true),
            // In the person field Up and Down go through the names first, like a list.
            KeyCode::Up if !self.in_person(false) => self.move_focus(false),
            KeyCode::Down if !self.in_person(true) => self.move_focus(true),
            KeyCode::Up | KeyCode::Down => {}
            _ if !key.ctrl && !key.alt => self.edit(key.code),
            _ => {}
        }
        Filtering::Editing
    }

    /// A bracketed paste into the focused text field.
    pub fn paste(&mut self, text: &str) {
        if let Some(input) = self.text_mut() {
            input.insert(text);
        }
        if self.focus == FilterField::Person {
            self.person.rank();
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let at = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = FIELDS.len();
        self.focus = FIELDS[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }

    /// Moves through the person matches; false at either end (the focus moves on).
    fn in_person(&mut self, down: bool) -> bool {
        let pick = &mut self.person;
        if self.focus != FilterField::Person || pick.matches.is_empty() {
            return false;
        }
        let last = pick.matches.len().min(PERSON_ROWS) - 1;
        match (down, pick.chosen) {
            (true, at) if at < last => pick.chosen += 1,
            (false, at) if at > 0 => pick.chosen -= 1,
            _ => return false,
        }
        true
    }

    fn text_mut(&mut self) -> Option<&mut TextInput> {
        match self.focus {
            FilterField::Person => Some(&mut self.person.query),
            FilterField::Tag => Some(&mut self.tag),
            FilterField::From => Some(&mut self.from),
            FilterField::Until => Some(&mut self.until),
            FilterField::Kinds | FilterField::Private => None,
        }
    }

    fn edit(&mut self, code: KeyCode) {
        match self.focus {
            FilterField::Kinds => self.edit_kinds(code),
            FilterField::Private => self.private = cycle(&PRIVATE, self.private, code),
            field => {
                if let Some(input) = self.text_mut() {
                    edit_text(input, code, |_| true);
                }
                if field == FilterField::Person {
                    self.person.rank();
                }
            }
        }
    }

    /// Left/Right move, Space toggles, a letter jumps to the next kind starting with it,
    /// Backspace/Delete clear every toggle (all kinds again).
    fn edit_kinds(&mut self, code: KeyCode) {
        let n = Kind::ALL.len();
        let kind = Kind::ALL[self.kind_cursor];
        match code {
            KeyCode::Left => self.kind_cursor = (self.kind_cursor + n - 1) % n,
            KeyCode::Right => self.kind_cursor = (self.kind_cursor + 1) % n,
            KeyCode::Home => self.kind_cursor = 0,
            KeyCode::End => self.kind_cursor = n - 1,
            KeyCode::Char(' ') => {
                match self.kinds.iter().position(|k| *k == kind) {
                    Some(i) => {
                        self.kinds.remove(i);
                    }
                    None => self.kinds.push(kind),
                }
                // The title and the command line list kinds in one order, whatever the clicks.
                self.kinds
                    .sort_by_key(|k| Kind::ALL.iter().position(|a| a == k));
            }
            KeyCode::Backspace | KeyCode::Delete => self.kinds.clear(),
            KeyCode::Char(c) => {
                let words: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                self.kind_cursor = jump(&words, self.kind_cursor, c);
            }
            _ => {}
        }
    }

    /// Works out what the dates read as, for the time `now`.
    pub fn preview(&mut self, now: DateTime<Utc>) {
        let note = |input: &TextInput| {
            snooze(input.text(), now)
                .ok()
                .flatten()
                .map(|day| format!("= {}", day.format("%a %Y-%m-%d")))
        };
        self.from_note = note(&self.from);
        self.until_note = note(&self.until);
    }

    /// The filter the fields say, or `None` with the problem shown under its field (and the
    /// focus moved there). `now` reads relative dates as the command line does.
    pub fn build(&mut self, now: DateTime<Utc>) -> Option<EventFilter> {
        self.error = None;
        match self.filter(now) {
            Ok(filter) => Some(filter),
            Err((field, problem)) => {
                self.focus = field;
                self.error = Some((field, problem));
                None
            }
        }
    }

    fn filter(&self, now: DateTime<Utc>) -> Result<EventFilter, (FilterField, String)> {
        let person = if self.person.query.text().trim().is_empty() {
            None
        } else {
            let (id, _) = self.person.matches.get(self.person.chosen).ok_or((
                FilterField::Person,
                format!(
                    "no one at {} matches '{}': clear it for anyone",
                    self.client,
                    self.person.query.text().trim()
                ),
            ))?;
            Some(*id)
        };
        let day = |input: &TextInput, field| {
            let text = input.text().trim();
            if text.is_empty() {
                return Ok(None);
            }
            when::day(text, now).map(Some).map_err(|_| {
                (
                    field,
                    format!("'{text}' is not a day: try 2026-05-01, may 1 or 3 weeks ago"),
                )
            })
        };
        let from = day(&self.from, FilterField::From)?;
        let until = day(&self.until, FilterField::Until)?;
        if let (Some(from), Some(until)) = (from, until) {
            if from > until {
                return Err((
                    FilterField::Until,
                    format!("{until} is before {from}: nothing could match"),
                ));
            }
        }
        let tag = self.tag.text().trim().trim_start_matches('#').trim();
        Ok(EventFilter {
            kinds: self.kinds.clone(),
            person,
            tag: (!tag.is_empty()).then(|| tag.to_string()),
            private: [None, Some(true), Some(false)][self.private],
            since: from.map(when::start_of),
            until: until.map(when::end_of),
            removed: self.removed,
        })
    }
}

/// Left/Right/Space cycle through `words`; a letter jumps to the next one starting with it.
fn cycle(words: &[&str], at: usize, code: KeyCode) -> usize {
    let n = words.len();
    match code {
        KeyCode::Left => (at + n - 1) % n,
        KeyCode::Right | KeyCode::Char(' ') => (at + 1) % n,
        KeyCode::Char(c) => jump(words, at, c),
        _ => at,
    }
}

/// The next word after `at` (wrapping) that starts with `c`; `at` when none does.
fn jump(words: &[&str], at: usize, c: char) -> usize {
    let c = c.to_lowercase().next().unwrap_or(c);
    let n = words.len();
    (1..=n)
        .map(|step| (at + step) % n)
        .find(|&i| words[i].starts_with(c))
        .unwrap_or(at)
}
