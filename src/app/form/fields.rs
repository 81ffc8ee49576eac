//! Which fields each form has, filled from the record being edited.

use super::{Field, FieldId, Form, Lines, Record, TextInput, Value};
use crate::model::{Channel, Client, ClientState, ContactStyle, Person, Role, Stance, Yearly};

fn text(id: FieldId, label: &'static str, hint: &'static str, value: &str) -> Field {
    Field {
        id,
        label,
        hint,
        value: Value::Text(TextInput::new(value)),
        error: None,
        note: None,
    }
}

fn choice<T: Copy + PartialEq>(
    id: FieldId,
    label: &'static str,
    all: &'static [T],
    current: T,
    words: fn(T) -> &'static str,
) -> Field {
    Field {
        id,
        label,
        hint: "",
        value: Value::Choice {
            options: all.iter().map(|&v| words(v)).collect(),
            index: all.iter().position(|&v| v == current).unwrap_or(0),
        },
        error: None,
        note: None,
    }
}

impl Form {
    pub fn client(title: String, c: Client) -> Self {
        let fields = vec![
            text(FieldId::Name, "name", "required, unique", &c.name),
            text(
                FieldId::Alias,
                "alias",
                "short handle",
                c.alias.as_deref().unwrap_or(""),
            ),
            choice(
                FieldId::State,
                "state",
                ClientState::ALL,
                c.state,
                ClientState::as_str,
            ),
            text(
                FieldId::Cadence,
                "cadence",
                "days",
                &c.cadence_days.to_string(),
            ),
            choice(
                FieldId::Style,
                "style",
                ContactStyle::ALL,
                c.style,
                ContactStyle::as_str,
            ),
            text(
                FieldId::Snooze,
                "snooze",
                "until: 2026-12-01, next monday (empty: none)",
                &c.snooze_until.map(|d| d.to_string()).unwrap_or_default(),
            ),
            text(
                FieldId::Tags,
                "tags",
                "comma, separated",
                &c.tags.join(", "),
            ),
            Field {
                id: FieldId::Concerns,
                label: "concerns",
                hint: "type a concern to add it",
                value: Value::Lines(Lines::new(
                    c.concerns.iter().map(|c| (c.text.clone(), c.since)),
                )),
                error: None,
                note: None,
            },
        ];
        Self::new(title, Record::Client(Box::new(c)), fields)
    }

    pub fn person(title: String, p: Person) -> Self {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let date = |v: &Option<Yearly>| v.map(|d| d.to_string()).unwrap_or_default();
        let fields = vec![
            text(FieldId::Name, "name", "required", &p.name),
            text(FieldId::Title, "title", "CTO, Sysadmin", &opt(&p.title)),
            choice(FieldId::Role, "role", Role::ALL, p.role, Role::as_str),
            choice(
                FieldId::Stance,
                "stance",
                Stance::ALL,
                p.stance,
                Stance::as_str,
            ),
            choice(
                FieldId::Channel,
                "channel",
                Channel::ALL,
                p.channel,
                Channel::as_str,
            ),
            text(FieldId::Email, "email", "", &opt(&p.email)),
            text(FieldId::Phone, "phone", "", &opt(&p.phone)),
            text(
                FieldId::Birthday,
                "birthday",
                "1980-03-14 or 03-14",
                &date(&p.birthday),
            ),
            text(
                FieldId::Anniversary,
                "started",
                "2021-12-07",
                &date(&p.anniversary),
            ),
            text(
                FieldId::TimeZone,
                "time zone",
                "Europe/Helsinki",
                &opt(&p.time_zone),
            ),
        ];
        Self::new(title, Record::Person(Box::new(p)), fields)
    }
}
