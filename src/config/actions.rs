//! Dashboard actions and their key bindings. One table gives each action its config name, its
//! default keys and the sentence the help overlay shows, so the three cannot drift apart.

use super::keys::{KeyCode, KeySpec};
use serde::{Deserialize, Deserializer};

macro_rules! actions {
    ($($variant:ident $field:ident [$($key:literal),*] $desc:literal;)+) => {
        /// Something the dashboard can do from a key press.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant),+ }

        impl Action {
            /// Every action, in the order the help overlay lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in the `[keys]` table.
            pub fn as_str(self) -> &'static str {
                match self { $(Action::$variant => stringify!($field)),+ }
            }

            /// One line for the help overlay.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $desc),+ }
            }

            /// The built-in keys, as written in the default config.
            pub fn default_keys(self) -> &'static [&'static str] {
                match self { $(Action::$variant => &[$($key),*]),+ }
            }
        }

        /// The `[keys]` table: action → keys. Every field defaults on its own, so a user table
        /// replaces only the actions it names, and an unknown action is an ignored key.
        #[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
        #[serde(default, expecting = "a [keys] table")]
        pub struct KeyBindings { $(pub $field: Vec<KeySpec>),+ }

        impl KeyBindings {
            /// The keys bound to `action`; empty when the user unbound it.
            pub fn get(&self, action: Action) -> &[KeySpec] {
                match action { $(Action::$variant => &self.$field),+ }
            }
        }

        impl Default for KeyBindings {
            fn default() -> Self {
                Self { $($field: parse_all(Action::$variant.default_keys())),+ }
            }
        }
    };
}

actions! {
    Quit quit ["q"] "Quit (in a view: go back)";
    Down down ["j", "down"] "Move down";
    Up up ["k", "up"] "Move up";
    Top top ["g"] "Jump to the first row";
    Bottom bottom ["G"] "Jump to the last row";
    PageDown page_down ["pgdn"] "Move down a page";
    PageUp page_up ["pgup"] "Move up a page";
    NextPane next_pane ["tab"] "Focus the next pane";
    PrevPane prev_pane ["shift-tab"] "Focus the previous pane";
    Open open ["enter"] "Open the selected item";
    Back back ["esc"] "Go back or close the popup";
    Help help ["?"] "Show or hide this help";
    Sort sort ["s"] "Change the sort order";
    Add add ["a"] "Add a client or person";
    Edit edit ["e"] "Edit the selected item";
    Archive archive ["x"] "Archive; dismiss; leave out";
    ShowArchived show_archived ["."] "Show/hide archived clients";
    Remove remove ["X"] "Remove event, person, fact";
    Move move_person ["M"] "Move a person to a client";
    Capture capture ["n"] "Write a note on this client";
    CapturePick capture_pick ["N"] "Note, choosing the client";
    Call call ["c"] "Log a call with this client";
    Kept kept ["K"] "Mark the promise kept";
    Broken broken ["B"] "Mark the promise broken";
    Undo undo ["u"] "Undo the last change here";
    DiscardDraft discard_draft ["ctrl-d"] "Discard this client's draft";
    Search search ["/"] "Find clients, people, notes";
    Filter filter ["f"] "Filter the timeline";
    ClearFilter clear_filter ["F"] "Clear the timeline filter";
    Agenda agenda ["A"] "Show today's agenda";
    Snooze snooze ["z"] "Snooze the agenda item";
    DayLog day_log ["L"] "Today's log, every client";
    ReportPreview report_preview ["R"] "Preview the client's report";
    Demo demo ["d"] "Load demo; done in agenda";
}

/// Built-in key strings; a unit test proves each one parses, so none is silently dropped.
fn parse_all(keys: &[&str]) -> Vec<KeySpec> {
    keys.iter().filter_map(|k| k.parse().ok()).collect()
}

impl KeyBindings {
    /// The action a key press triggers, if any (the first in `Action::ALL` order on a clash).
    pub fn action_for(&self, key: &KeySpec) -> Option<Action> {
        Action::ALL
            .iter()
            .copied()
            .find(|a| self.get(*a).contains(key))
    }

    /// Why these bindings leave no way out of the dashboard, if they do: `quit` has no key
    /// and ctrl-c (which quits while unbound) is taken by another action.
    pub fn no_way_out(&self) -> Option<String> {
        if !self.quit.is_empty() {
            return None;
        }
        let ctrl_c = KeySpec {
            ctrl: true,
            ..KeySpec::plain(KeyCode::Char('c'))
        };
        let taken = self.action_for(&ctrl_c)?;
        Some(format!(
            "no key quits the dashboard: 'quit' has no key and ctrl-c is bound to '{}'; \
             give quit a key (quit = [\"q\"]) or leave ctrl-c unbound",
            taken.as_str()
        ))
    }

    /// One sentence per key bound to more than one action; only the first action would run.
    pub fn clashes(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, first) in Action::ALL.iter().enumerate() {
            for second in &Action::ALL[i + 1..] {
                for key in self
                    .get(*first)
                    .iter()
                    .filter(|k| self.get(*second).contains(k))
                {
                    out.push(format!(
                        "key '{key}' is bound to both '{}' and '{}'; '{}' wins",
                        first.as_str(),
                        second.as_str(),
                        first.as_str()
                    ));
                }
            }
        }
        out
    }
}

/// `deserialize_with` for the `[keys]` table: bindings that trap the user are an error, with
/// the table's place in the file.
pub fn bindings<'de, D: Deserializer<'de>>(d: D) -> Result<KeyBindings, D::Error> {
    let keys = KeyBindings::deserialize(d)?;
    match keys.no_way_out() {
        Some(why) => Err(serde::de::Error::custom(why)),
        None => Ok(keys),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses_and_none_clash() {
        let keys = KeyBindings::default();
        for action in Action::ALL {
            assert_eq!(
                keys.get(*action).len(),
                action.default_keys().len(),
                "{action:?}"
            );
            assert!(!action.description().is_empty());
        }
        assert_eq!(keys.clashes(), Vec::<String>::new());
    }

    #[test]
    fn action_for_finds_the_binding() {
        let keys = KeyBindings::default();
        assert_eq!(keys.action_for(&"G".parse().unwrap()), Some(Action::Bottom));
        assert_eq!(
            keys.action_for(&"down".parse().unwrap()),
            Some(Action::Down)
        );
        assert_eq!(keys.action_for(&"ctrl-q".parse().unwrap()), None);
    }

    #[test]
    fn quit_may_be_unbound_only_while_ctrl_c_still_quits() {
        let mut keys = KeyBindings::default();
        assert_eq!(keys.no_way_out(), None);
        keys.quit = Vec::new();
        assert_eq!(keys.no_way_out(), None, "unbound ctrl-c quits");
        keys.help.push("ctrl-c".parse().unwrap());
        let why = keys.no_way_out().expect("no way out");
        assert!(why.contains("'help'"), "{why}");
        keys.quit = vec!["ctrl-q".parse().unwrap()];
        assert_eq!(keys.no_way_out(), None);
    }
}
