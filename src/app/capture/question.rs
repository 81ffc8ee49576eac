//! Saving a note that names someone the client does not have: one small question per new
//! @name, answered with one key — add them at this client with a role, or keep the name as text.

use crate::capture::Doubtful;
use crate::config::{KeyCode, KeySpec};
use crate::model::Role;

/// What to do with one new @name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Add a person of this name and role at the note's client, and link the note to them.
    Add(Role),
    /// Leave the name in the text, linked to nobody.
    Text,
}

/// What a key does to the question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    Answer(Answer),
    /// Back to the note, to fix the name; nothing is added.
    Back,
    /// Not an answer: the question stays.
    Ignored,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The @name, without `@` (empty when the question is about doubtful words).
    pub name: String,
    /// Written by the update step, so the view only prints it.
    pub text: String,
    pub about: About,
}

/// What is asked before saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    /// A new @name: add them, or keep the name as text.
    Name,
    /// Words that look like syntax and do not read: save them as text, or go back and fix them.
    Doubts,
}

/// The roles offered, each with the key that picks it.
pub const ROLES: [(char, Role); 3] = [
    ('m', Role::Manager),
    ('g', Role::Gatekeeper),
    ('o', Role::Other),
];

impl Question {
    pub fn new(name: &str, client: &str, suggestions: &[String]) -> Self {
        let roles: Vec<String> = ROLES.iter().map(|(k, r)| format!("{k} {r}")).collect();
        let mut text = format!(
            "@{name} is not one of {client}'s people. Add them as {}, or t keep the name as \
             text? Esc goes back to the note.",
            roles.join(" · ")
        );
        if !suggestions.is_empty() {
            text.push_str(&format!(" (Did you mean {}?)", suggestions.join(", ")));
        }
        Self {
            name: name.to_string(),
            text,
            about: About::Name,
        }
    }

    /// Asked once before saving a note with words that did not read: kept silently, a
    /// `due:12-15` would be a promise that never shows in the agenda.
    pub fn doubts(doubtful: &[Doubtful]) -> Self {
        let words: Vec<String> = doubtful.iter().map(ToString::to_string).collect();
        let text = format!(
            "Did not read: {}. t save as text, or Esc back to fix it (\\ before a word keeps it \
             as text).",
            words.join("; ")
        );
        Self {
            name: String::new(),
            text,
            about: About::Doubts,
        }
    }

    /// The reply to this question: about doubtful words, only `t` and Esc answer.
    pub fn reply_to(&self, key: KeySpec) -> Reply {
        match Self::reply(key) {
            Reply::Answer(Answer::Add(_)) if self.about == About::Doubts => Reply::Ignored,
            reply => reply,
        }
    }

    pub fn reply(key: KeySpec) -> Reply {
        if key.code == KeyCode::Esc || (key.ctrl && key.code == KeyCode::Char('c')) {
            return Reply::Back;
        }
        let KeyCode::Char(c) = key.code else {
            return Reply::Ignored;
        };
        if key.ctrl || key.alt {
            return Reply::Ignored;
        }
        let c = c.to_ascii_lowercase();
        if c == 't' {
            return Reply::Answer(Answer::Text);
        }
        ROLES
            .iter()
            .find(|(k, _)| *k == c)
            .map_or(Reply::Ignored, |(_, role)| {
                Reply::Answer(Answer::Add(*role))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_answers_and_stray_keys_do_not() {
        let reply = |k: &str| Question::reply(k.parse().unwrap());
        assert_eq!(reply("m"), Reply::Answer(Answer::Add(Role::Manager)));
        assert_eq!(reply("G"), Reply::Answer(Answer::Add(Role::Gatekeeper)));
        assert_eq!(reply("o"), Reply::Answer(Answer::Add(Role::Other)));
        assert_eq!(reply("t"), Reply::Answer(Answer::Text));
        assert_eq!(reply("esc"), Reply::Back);
        for stray in ["enter", "y", "ctrl-m", "space"] {
            assert_eq!(reply(stray), Reply::Ignored, "{stray}");
        }
        let q = Question::new("Sato", "Acme Oy", &["Satu Virtanen".into()]);
        assert!(q.text.starts_with("@Sato is not one of Acme Oy's people."));
        assert!(q.text.contains("m manager · g gatekeeper · o other"));
        assert!(q.text.ends_with("(Did you mean Satu Virtanen?)"));
    }
}
