//! Turning a form back into a record, with the same rules as `rapport client/person add|edit`
//! (kept here rather than shared with the CLI, which stays as it is).

use super::{FieldId, Form, Record, Value};
use crate::model::{fold, Client, Concern, Person, Yearly};
use chrono::{DateTime, Local, NaiveDate, Utc};
use std::borrow::Cow;
use std::str::FromStr;

impl Form {
    fn value(&self, id: FieldId) -> Cow<'_, str> {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .map_or(Cow::Borrowed(""), |f| f.value.as_text())
    }

    /// The concerns list: kept lines keep their date, new ones are noted `today`.
    fn concerns(&self, today: NaiveDate) -> Option<Vec<Concern>> {
        let field = self.fields.iter().find(|f| f.id == FieldId::Concerns)?;
        let Value::Lines(lines) = &field.value else {
            return None;
        };
        let concerns = lines.entries().map(|(text, since)| Concern {
            text: text.to_string(),
            since: since.unwrap_or(today),
        });
        Some(concerns.collect())
    }

    /// A trimmed text field, `None` when blank.
    fn optional(&self, id: FieldId) -> Option<String> {
        Some(self.value(id).trim().to_string()).filter(|v| !v.is_empty())
    }

    fn word<T: FromStr>(&self, id: FieldId) -> Option<T> {
        self.value(id).parse().ok()
    }

    /// The record with the form's values, or `None` with every problem shown under its field
    /// (the focus moves to the first one). `now` reads relative dates (`next monday`) and
    /// dates new concerns, in local time as the command line does.
    pub fn build(&mut self, now: DateTime<Utc>) -> Option<Record> {
        for f in &mut self.fields {
            f.error = None;
        }
        let mut errors: Vec<(FieldId, String)> = Vec::new();
        let name = self.value(FieldId::Name).trim().to_string();
        let record = match &self.record {
            Record::Client(base) => {
                let mut c = (**base).clone();
                if name.is_empty() {
                    errors.push((FieldId::Name, "a client needs a name".into()));
                }
                c.name = name;
                c.alias = self.optional(FieldId::Alias);
                c.state = self.word(FieldId::State).unwrap_or(c.state);
                c.style = self.word(FieldId::Style).unwrap_or(c.style);
                match cadence(&self.value(FieldId::Cadence)) {
                    Ok(days) => c.cadence_days = days,
                    Err(e) => errors.push((FieldId::Cadence, e)),
                }
                match snooze(&self.value(FieldId::Snooze), now) {
                    Ok(day) => c.snooze_until = day,
                    Err(e) => errors.push((FieldId::Snooze, e)),
                }
                c.tags = tags(&self.value(FieldId::Tags));
                let today = now.with_timezone(&Local).date_naive();
                c.concerns = self.concerns(today).unwrap_or(c.concerns);
                Record::Client(Box::new(c))
            }
            Record::Person(base) => {
                let mut p = (**base).clone();
                if name.is_empty() {
                    errors.push((FieldId::Name, "a person needs a name".into()));
                }
                p.name = name;
                p.title = self.optional(FieldId::Title);
                p.role = self.word(FieldId::Role).unwrap_or(p.role);
                p.stance = self.word(FieldId::Stance).unwrap_or(p.stance);
                p.channel = self.word(FieldId::Channel).unwrap_or(p.channel);
                p.email = self.optional(FieldId::Email);
                p.phone = self.optional(FieldId::Phone);
                for (id, slot) in [
                    (FieldId::Birthday, &mut p.birthday),
                    (FieldId::Anniversary, &mut p.anniversary),
                ] {
                    match yearly(self.optional(id).as_deref()) {
                        Ok(date) => *slot = date,
                        Err(e) => errors.push((id, e)),
                    }
                }
                p.time_zone = self.optional(FieldId::TimeZone);
                if let Err(e) = time_zone(p.time_zone.as_deref()) {
                    errors.push((FieldId::TimeZone, e));
                }
                Record::Person(Box::new(p))
            }
        };
        // In reverse, so the focus ends on the first problem.
        for (id, message) in errors.iter().rev().cloned() {
            self.set_error(id, message);
        }
        errors.is_empty().then_some(record)
    }
}

/// Check-in cadence: whole days, 1 to 3650 (as `--cadence` accepts).
pub fn cadence(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=3650).contains(d))
        .ok_or_else(|| "cadence is a number of days from 1 to 3650".to_string())
}

/// A snooze-until day as `--snooze-until` reads it (`2026-12-01`, `next monday`, `fri`);
/// blank is no snooze.
pub fn snooze(text: &str, now: DateTime<Utc>) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::when::day(text, now)
        .map(Some)
        .map_err(|_| format!("'{text}' is not a day: try 2026-12-01, next monday or fri"))
}

/// Comma-separated tags, `#` optional, duplicates and blanks dropped (as `--tag`).
pub fn tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in text.split(',') {
        let tag = tag.trim().trim_start_matches('#').trim().to_string();
        if !tag.is_empty() && !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

/// A birthday or the day someone started, as `--birthday` reads it; blank is none.
pub fn yearly(text: Option<&str>) -> Result<Option<Yearly>, String> {
    text.map(|t| {
        t.parse()
            .map_err(|e: crate::model::BadYearly| e.to_string())
    })
    .transpose()
}

/// An IANA zone name, as `--tz` checks it.
pub fn time_zone(zone: Option<&str>) -> Result<(), String> {
    match zone {
        Some(z) if z.parse::<chrono_tz::Tz>().is_err() => Err(format!(
            "'{z}' is not an IANA time zone (e.g. Europe/Helsinki, Asia/Tokyo)"
        )),
        _ => Ok(()),
    }
}

/// Another person of the same name at the same client; they could not be told apart later.
pub fn namesake(people: &[Person], person: &Person) -> Option<String> {
    people
        .iter()
        .any(|p| {
            p.id != person.id && p.client == person.client && fold(&p.name) == fold(&person.name)
        })
        .then(|| {
            format!(
                "there is already a {} at this client; add something to tell them apart",
                person.name
            )
        })
}

/// The field a store `NameTaken(handle)` refers to: the name unless only the alias clashes.
pub fn taken_field(client: &Client, handle: &str) -> FieldId {
    if fold(&client.name) == handle {
        FieldId::Name
    } else {
        FieldId::Alias
    }
}
