use super::{word_enum, ClientId, PersonId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a stakeholder is to the relationship.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Managers, directors, CTOs: a long-term stake; they want a peer.
    Manager,
    /// Developers, sysadmins, devops: they open or block access; recognise them openly.
    Gatekeeper,
    Champion,
    Billing,
    #[default]
    Other,
}
word_enum!(Role { Manager => "manager", Gatekeeper => "gatekeeper", Champion => "champion", Billing => "billing", Other => "other" });

impl Role {
    /// Role groups in the order the practice cares about: managers, gatekeepers, the rest
    /// (the people pane and `rapport brief` list people in it).
    pub fn group_order(self) -> u8 {
        match self {
            Role::Manager => 0,
            Role::Gatekeeper => 1,
            Role::Champion => 2,
            Role::Billing => 3,
            Role::Other => 4,
        }
    }
}

/// Where a stakeholder stands towards us.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    Ally,
    #[default]
    Neutral,
    Skeptic,
    Blocker,
}
word_enum!(Stance { Ally => "ally", Neutral => "neutral", Skeptic => "skeptic", Blocker => "blocker" });

/// How a stakeholder prefers to be reached.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Call,
    Video,
    #[default]
    Email,
    Chat,
    InPerson,
}
word_enum!(Channel { Call => "call", Video => "video", Email => "email", Chat => "chat", InPerson => "in-person" });

/// A personal detail that makes contact personal ("weekend fishing in Lapland").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub text: String,
    pub noted: NaiveDate,
}

/// A person at a client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    pub id: PersonId,
    pub client: ClientId,
    pub name: String,
    pub title: Option<String>,
    pub role: Role,
    pub stance: Stance,
    pub channel: Channel,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// IANA zone name, e.g. `Europe/Helsinki`.
    pub time_zone: Option<String>,
    pub facts: Vec<Fact>,
    pub created: DateTime<Utc>,
}

impl Default for Person {
    fn default() -> Self {
        Self {
            id: PersonId(ulid::Ulid::nil()),
            client: ClientId(ulid::Ulid::nil()),
            name: String::new(),
            title: None,
            role: Role::default(),
            stance: Stance::default(),
            channel: Channel::default(),
            email: None,
            phone: None,
            time_zone: None,
            facts: Vec::new(),
            created: DateTime::<Utc>::UNIX_EPOCH,
        }
    }
}
