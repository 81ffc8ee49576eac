use super::{word_enum, ClientId, DateKind, Fact, PersonDate, PersonId, Yearly};
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
    /// The clients this person has left (`person move`), oldest first: a note there naming
    /// them is told where they went. Always written, so that `removed` stays last: the
    /// overview encodes people by position, where a skipped field in the middle would shift
    /// the ones after it.
    pub left: Vec<ClientId>,
    /// Their birthday (`person edit --birthday`): personal, so never in anything for others.
    /// Always written, as `left` is, so that `removed` stays last.
    pub birthday: Option<Yearly>,
    /// The day they started at the client: a work anniversary each year.
    pub anniversary: Option<Yearly>,
    /// When the person was removed (`person remove`): a tombstone, as events have. They are
    /// hidden from lists, panes and name matching, while past events keep their name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<DateTime<Utc>>,
}

impl Person {
    /// Not removed: listed, matched by name, offered for mentions.
    pub fn is_live(&self) -> bool {
        self.removed.is_none()
    }

    /// Their yearly dates: the birthday, then the work anniversary, each when known.
    pub fn dates(&self) -> impl Iterator<Item = PersonDate> + '_ {
        let kinds = [
            (DateKind::Birthday, self.birthday),
            (DateKind::Anniversary, self.anniversary),
        ];
        (kinds.into_iter()).filter_map(move |(kind, date)| {
            date.map(|date| PersonDate {
                person: self.id,
                kind,
                date,
            })
        })
    }

    /// The facts' positions, newest noted first (ties: latest added first): the order
    /// `person show` and the person view list them in.
    pub fn facts_newest_first(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.facts.len()).rev().collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.facts[i].noted));
        order
    }

    /// A job change: the person now works at `to`, and a dated fact says where from. Their
    /// past events stay with the old client (events name people by id).
    pub fn move_to(&mut self, to: ClientId, names: (&str, &str), today: NaiveDate) {
        self.left.push(self.client);
        self.client = to;
        self.facts.push(Fact {
            text: moved_fact(names),
            noted: today,
            kind: None,
        });
    }

    /// Takes a move back (the dashboard's undo): at `from` again, without the move's fact.
    pub fn unmove(&mut self, from: ClientId, names: (&str, &str)) {
        if let Some(i) = self.left.iter().rposition(|&c| c == from) {
            self.left.remove(i);
        }
        let text = moved_fact(names);
        if let Some(i) = self.facts.iter().rposition(|f| f.text == text) {
            self.facts.remove(i);
        }
        self.client = from;
    }
}

/// The fact a move leaves: "moved from Acme Oy to Pohjola Clinic".
fn moved_fact((from, to): (&str, &str)) -> String {
    format!("moved from {from} to {to}")
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
            left: Vec::new(),
            birthday: None,
            anniversary: None,
            removed: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mikko() -> Person {
        Person {
            id: PersonId::new_at(1),
            client: ClientId::new_at(2),
            name: "Mikko Virtanen".into(),
            facts: vec![Fact {
                text: "Weekend fishing in Lapland".into(),
                noted: NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
                kind: None,
            }],
            ..Person::default()
        }
    }

    /// The overview file encodes people by position: a person written before `left` and
    /// `removed` existed reads as live, and either form reads back as written.
    #[test]
    fn positional_encoding_reads_old_and_new_people() {
        let person = mikko();
        let mut value = serde_json::to_value(&person).unwrap();
        let fields = value.as_object_mut().unwrap();
        assert!(
            !fields.contains_key("removed"),
            "a live person writes no tombstone"
        );
        fields.remove("left");
        let old = serde_json::to_value(&*fields).unwrap();
        // As the overview wrote it before: the same fields, by position.
        let old: Vec<serde_json::Value> = [
            "id",
            "client",
            "name",
            "title",
            "role",
            "stance",
            "channel",
            "email",
            "phone",
            "time_zone",
            "facts",
            "created",
        ]
        .iter()
        .map(|k| old[k].clone())
        .collect();
        let old_bytes = rmp_serde::to_vec(&old).unwrap();
        let read: Person = rmp_serde::from_slice(&old_bytes).unwrap();
        assert_eq!(read, person);

        let moved = Person {
            left: vec![ClientId::new_at(3)],
            birthday: Some("1980-03-14".parse().unwrap()),
            anniversary: Some("05-02".parse().unwrap()),
            removed: Some(DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::days(9)),
            ..person.clone()
        };
        for p in [person, moved] {
            let bytes = rmp_serde::to_vec(&p).unwrap();
            assert_eq!(rmp_serde::from_slice::<Person>(&bytes).unwrap(), p);
        }
    }

    #[test]
    fn a_move_is_noted_and_can_be_taken_back() {
        let mut person = mikko();
        let (acme, pohjola) = (person.client, ClientId::new_at(7));
        let before = person.clone();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        person.move_to(pohjola, ("Acme Oy", "Pohjola Clinic"), today);
        assert_eq!(person.client, pohjola);
        assert_eq!(person.left, [acme]);
        assert_eq!(person.facts[1].text, "moved from Acme Oy to Pohjola Clinic");
        assert_eq!(person.facts_newest_first(), [1, 0]);
        person.unmove(acme, ("Acme Oy", "Pohjola Clinic"));
        assert_eq!(person, before);
    }
}
