use super::{word_enum, ClientId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where a relationship stands.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ClientState {
    Prospect,
    #[default]
    Active,
    Dormant,
    Former,
}
word_enum!(ClientState { Prospect => "prospect", Active => "active", Dormant => "dormant", Former => "former" });

/// How contact with a client happens: only `periodic` clients become overdue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactStyle {
    #[default]
    Periodic,
    /// We see them all the time anyway (shared Slack, daily stand-up).
    Ambient,
    /// Contact happens when something happens (incidents, renewals).
    Triggered,
}
word_enum!(ContactStyle { Periodic => "periodic", Ambient => "ambient", Triggered => "triggered" });

/// The language a client reads, for what rapport writes for them (the report's fixed words).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    #[default]
    En,
    Ja,
}
word_enum!(Lang { En => "en", Ja => "ja" });

/// Something the client is anxious about; first meetings are about these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Concern {
    pub text: String,
    pub since: NaiveDate,
}

/// A company we work with, or hope to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Client {
    pub id: ClientId,
    /// Unique, compared case-insensitively.
    pub name: String,
    /// A short handle for the command line (`acme` for "Acme Industries Oy").
    pub alias: Option<String>,
    pub state: ClientState,
    pub cadence_days: u32,
    pub style: ContactStyle,
    pub snooze_until: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub concerns: Vec<Concern>,
    /// Archived clients keep their history but leave the everyday lists.
    pub archived: bool,
    pub created: DateTime<Utc>,
    /// The language their reports are written in; `[report] lang` when not set. Left out when
    /// absent, and last, so older stores, exports and encodings by position read the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

impl Default for Client {
    fn default() -> Self {
        Self {
            id: ClientId(ulid::Ulid::nil()),
            name: String::new(),
            alias: None,
            state: ClientState::default(),
            cadence_days: 30,
            style: ContactStyle::default(),
            snooze_until: None,
            tags: Vec::new(),
            concerns: Vec::new(),
            archived: false,
            created: DateTime::<Utc>::UNIX_EPOCH,
            lang: None,
        }
    }
}

impl Client {
    /// Every name the command line accepts for this client, lower-cased.
    pub fn handles(&self) -> Vec<String> {
        let mut handles = vec![fold(&self.name)];
        if let Some(alias) = &self.alias {
            handles.push(fold(alias));
        }
        handles
    }
}

/// Case- and surrounding-space-insensitive form of a name, used for unique indexes.
pub fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}
