//! The shape of `assets/demo.toml`. Unknown keys are errors so a typo in the asset fails the
//! tests instead of silently dropping a field. Times are relative to "today" in local time.

use crate::model::{Channel, ClientState, ContactStyle, Kind, Outcome, Role, Stance};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Asset {
    pub clients: Vec<ClientDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClientDef {
    pub name: String,
    pub alias: Option<String>,
    #[serde(default)]
    pub state: ClientState,
    /// Check-in cadence in days; the model's default when unset.
    pub cadence: Option<u32>,
    #[serde(default)]
    pub style: ContactStyle,
    /// Snoozed until this many days from today.
    pub snooze_days: Option<u32>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub concerns: Vec<Dated>,
    #[serde(default)]
    pub archived: bool,
    /// When the client was added; the first event's time when unset.
    pub since_days_ago: Option<u32>,
    #[serde(default)]
    pub people: Vec<PersonDef>,
    #[serde(default)]
    pub timeline: Timeline,
}

/// A concern or a personal fact: plain text (dated when its owner was added) or dated.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Dated {
    Text(String),
    Full { text: String, days_ago: u32 },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PersonDef {
    pub name: String,
    pub title: Option<String>,
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub stance: Stance,
    #[serde(default)]
    pub channel: Channel,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tz: Option<String>,
    #[serde(default)]
    pub facts: Vec<Dated>,
}

/// A client's events, in a table of its own so they can follow the people in the file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Timeline {
    #[serde(default)]
    pub events: Vec<EventDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EventDef {
    pub days_ago: u32,
    /// Local wall-clock time, `HH:MM`.
    pub time: Option<String>,
    pub kind: Kind,
    /// People of the client, by full name or by first word of the name.
    #[serde(default)]
    pub with: Vec<String>,
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Explicit trust movement; the configured default for the kind when unset.
    pub trust: Option<i8>,
    #[serde(default)]
    pub private: bool,
    pub minutes: Option<u32>,
    #[serde(default)]
    pub billed: bool,
    /// Promise due date in days from today (negative: in the past).
    pub due_in: Option<i64>,
    pub outcome: Option<Outcome>,
    pub outcome_days_ago: Option<u32>,
    /// Defaults to the promise's own time of day.
    pub outcome_time: Option<String>,
    /// Appended to the outcome event's text.
    pub outcome_note: Option<String>,
}

impl Dated {
    pub fn text(&self) -> &str {
        match self {
            Dated::Text(text) | Dated::Full { text, .. } => text,
        }
    }

    pub fn days_ago(&self) -> Option<u32> {
        match self {
            Dated::Text(_) => None,
            Dated::Full { days_ago, .. } => Some(*days_ago),
        }
    }
}
