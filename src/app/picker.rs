//! `N`: which client the note is for, picked by typing a few letters of its name or alias.
//! Fuzzy matching (nucleo, as in the helix editor) ranks the clients; an empty query lists
//! them in the clients pane's order.

use super::form::TextInput;
use super::rows::ClientRow;
use super::{App, Env};
use crate::config::{KeyCode, KeySpec};
use crate::model::ClientId;
use crate::store::StoreError;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_segmentation::UnicodeSegmentation;

/// One client that matches, its label cut into pieces that matched the query or did not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub client: ClientId,
    pub parts: Vec<(String, bool)>,
}

#[derive(Clone, Debug)]
pub struct Picker {
    pub query: TextInput,
    pub matches: Vec<Match>,
    pub cursor: usize,
}

/// What a key did to the picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picked {
    Editing,
    Client(ClientId),
    Cancel,
}

fn label(row: &ClientRow) -> String {
    match &row.client.alias {
        Some(alias) => format!("{} ({alias})", row.client.name),
        None => row.client.name.clone(),
    }
}

impl Picker {
    pub fn new(clients: &[ClientRow]) -> Self {
        let mut picker = Self {
            query: TextInput::default(),
            matches: Vec::new(),
            cursor: 0,
        };
        picker.filter(clients);
        picker
    }

    /// Ranks `clients` against the query; the cursor goes back to the best match.
    fn filter(&mut self, clients: &[ClientRow]) {
        let labels = clients.iter().map(|row| (row.client.id, label(row)));
        self.matches = rank(self.query.text(), labels)
            .into_iter()
            .map(|(client, parts)| Match { client, parts })
            .collect();
        self.cursor = 0;
    }

    pub fn key(&mut self, key: KeySpec, clients: &[ClientRow]) -> Picked {
        let last = self.matches.len().saturating_sub(1);
        let ctrl = |c: char| key.ctrl && key.code == KeyCode::Char(c);
        match key.code {
            KeyCode::Esc => return Picked::Cancel,
            _ if ctrl('c') => return Picked::Cancel,
            KeyCode::Enter => {
                return self
                    .matches
                    .get(self.cursor)
                    .map_or(Picked::Editing, |m| Picked::Client(m.client))
            }
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Tab if key.shift => self.cursor = self.cursor.saturating_sub(1),
            _ if ctrl('p') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down | KeyCode::Tab => self.cursor = (self.cursor + 1).min(last),
            _ if ctrl('n') => self.cursor = (self.cursor + 1).min(last),
            _ if key.ctrl || key.alt => {}
            KeyCode::Char(c) => {
                self.query.insert(c.encode_utf8(&mut [0; 4]));
                self.filter(clients);
            }
            KeyCode::Backspace => {
                self.query.backspace();
                self.filter(clients);
            }
            KeyCode::Delete => {
                self.query.delete();
                self.filter(clients);
            }
            KeyCode::Left => self.query.left(),
            KeyCode::Right => self.query.right(),
            KeyCode::Home => self.query.home(),
            KeyCode::End => self.query.end(),
            _ => {}
        }
        Picked::Editing
    }

    pub fn paste(&mut self, text: &str, clients: &[ClientRow]) {
        self.query.insert(text);
        self.filter(clients);
    }
}

/// The items whose label matches `query`, best first, each label cut into matched and
/// unmatched runs. Equal scores keep the given order; an empty query keeps every item.
pub fn rank<T>(
    query: &str,
    items: impl IntoIterator<Item = (T, String)>,
) -> Vec<(T, Vec<(String, bool)>)> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let (mut chars, mut indices) = (Vec::new(), Vec::new());
    let mut scored = Vec::new();
    for (item, label) in items {
        indices.clear();
        let haystack = Utf32Str::new(&label, &mut chars);
        let Some(score) = pattern.indices(haystack, &mut matcher, &mut indices) else {
            continue;
        };
        indices.sort_unstable();
        indices.dedup();
        let parts = split(&label, &indices);
        scored.push((score, (item, parts)));
    }
    // Stable: equal scores keep the given order (the clients pane's: attention first).
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.into_iter().map(|(_, ranked)| ranked).collect()
}

/// `label` in runs of matched and unmatched graphemes (nucleo's indices count graphemes).
fn split(label: &str, matched: &[u32]) -> Vec<(String, bool)> {
    let mut parts: Vec<(String, bool)> = Vec::new();
    for (i, grapheme) in label.graphemes(true).enumerate() {
        let hit = matched.binary_search(&(i as u32)).is_ok();
        match parts.last_mut() {
            Some((text, was)) if *was == hit => text.push_str(grapheme),
            _ => parts.push((grapheme.to_string(), hit)),
        }
    }
    parts
}

/// The picker open for a note's client (`N`), or for an unfiled note's (`assigning`).
#[derive(Clone, Debug)]
pub struct NotePicker {
    pub picker: Picker,
    /// The unfiled note it assigns; `None`: a new note for the picked client.
    pub assigning: Option<u32>,
}

impl App {
    /// `N`: asks which client first.
    pub(super) fn pick(&mut self) {
        if self.clients.is_empty() {
            self.message = Some("no client yet: add one first".into());
            return;
        }
        self.overlays.open(NotePicker {
            picker: Picker::new(&self.clients),
            assigning: None,
        });
    }

    pub(super) fn picker_key(&mut self, key: KeySpec, env: &Env) -> Result<(), StoreError> {
        let Some(open) = self.overlays.get_mut::<NotePicker>() else {
            return Ok(());
        };
        match open.picker.key(key, &self.clients) {
            Picked::Editing => {}
            Picked::Cancel => {
                self.overlays.close::<NotePicker>();
                self.message = Some("cancelled".into());
            }
            Picked::Client(id) => {
                let assigning = self.overlays.take::<NotePicker>().and_then(|o| o.assigning);
                if let Some(number) = assigning {
                    return self.assign_unfiled(number, id, env);
                }
                // The note's client is the selected one, so its timeline shows the save.
                self.focus_client(id, env)?;
                self.capture(false, env);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_graphemes_are_marked() {
        assert_eq!(
            split("星空 Oy", &[0, 3]),
            [
                ("星".to_string(), true),
                ("空 ".to_string(), false),
                ("O".to_string(), true),
                ("y".to_string(), false)
            ]
        );
        // A flag is two chars but one grapheme.
        assert_eq!(
            split("🇫🇮x", &[1]),
            [("🇫🇮".to_string(), false), ("x".to_string(), true)]
        );
    }
}
