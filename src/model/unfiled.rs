//! A note that was typed but could not be placed: no `[[context]]` rule matched where it was
//! typed, or the client it named does not exist. It is kept, as typed, until it is assigned to
//! a client (then it is read as the note it is, with that client's people) or dropped.

use super::{EventId, Kind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One note waiting for its client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Unfiled {
    /// Small and never reused, so `rapport unfiled assign 3` means the note listed as 3 even
    /// after others were dropped.
    pub number: u32,
    /// The id the note's event gets when filed: filing it twice (a crash between the write of
    /// the event and the forgetting of the note) cannot make two events.
    pub id: EventId,
    /// When it was typed; its relative dates (`due:fri`, `at:yesterday`) are read from then.
    pub typed: DateTime<Utc>,
    /// What the context rules saw where it was typed (`tmux session ops`), or the client named
    /// that was not found.
    pub place: Vec<String>,
    /// Exactly as typed, inline syntax unread.
    pub text: String,
    /// The flags given with it, so filing it is what the command would have saved.
    #[serde(skip_serializing_if = "Given::is_empty")]
    pub given: Given,
}

/// The command-line flags of `rapport note`/`promise` that came with the text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Given {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trust: Option<i8>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// `--at`, already read against the time it was typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub literal: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub billed: bool,
}

impl Given {
    pub fn is_empty(&self) -> bool {
        *self == Given::default()
    }
}

impl Default for Unfiled {
    fn default() -> Self {
        Self {
            number: 0,
            id: EventId(ulid::Ulid::nil()),
            typed: DateTime::<Utc>::UNIX_EPOCH,
            place: Vec::new(),
            text: String::new(),
            given: Given::default(),
        }
    }
}

impl Unfiled {
    /// A note typed `now`, numbered when it is kept.
    pub fn new(text: &str, place: Vec<String>, given: Given, now: DateTime<Utc>) -> Self {
        Self {
            number: 0,
            id: EventId::new_at(now.timestamp_millis() as u64),
            typed: now,
            place,
            text: text.to_string(),
            given,
        }
    }

    /// The text on one line, for a list.
    pub fn one_line(&self) -> String {
        self.text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_not_given_are_not_written() {
        let note = Unfiled::new(
            "call: went fine",
            vec!["tmux session x".into()],
            Given::default(),
            Utc::now(),
        );
        let written = serde_json::to_string(&note).unwrap();
        assert!(!written.contains("given"), "{written}");
        let back: Unfiled = serde_json::from_str(&written).unwrap();
        assert_eq!(back, note);
        let given = Given {
            private: true,
            kind: Some(Kind::Promise),
            ..Given::default()
        };
        let note = Unfiled { given, ..note };
        let back: Unfiled = serde_json::from_str(&serde_json::to_string(&note).unwrap()).unwrap();
        assert_eq!(back.given, note.given);
    }
}
