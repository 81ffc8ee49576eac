//! People as vCards, for your own address book: `rapport person export` writes vCard 4.0,
//! `rapport person import` reads 3.0 and 4.0 (and the 2.1 phones still write), through the
//! `calcard` crate, which folds, escapes and decodes (quoted-printable, CHARSET) for us.
//!
//! What vCard has no word for goes in `X-RAPPORT-*` properties: `ROLE`, `STANCE`, `CHANNEL`
//! and one `FACT` per personal fact (with the day it was noted as `X-NOTED`). The facts are also
//! written as the card's `NOTE`, so a phone shows them; a card with `X-RAPPORT-FACT` lines is
//! read from those, any other card's `NOTE` becomes a fact.

pub mod merge;

pub use merge::merge;

use crate::model::{Channel, Client, Fact, Person, Role, Stance};
use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardValue, VCardVersion,
};
use calcard::{Entry, Parser};
use chrono::NaiveDate;

const ROLE: &str = "X-RAPPORT-ROLE";
const STANCE: &str = "X-RAPPORT-STANCE";
const CHANNEL: &str = "X-RAPPORT-CHANNEL";
const FACT: &str = "X-RAPPORT-FACT";
const NOTED: &str = "X-NOTED";

/// What a vCard file says about one person, before it meets the store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Card {
    /// Where the card starts in the file (1-based), for messages.
    pub line: usize,
    pub name: Option<String>,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// An IANA zone; offsets (`+09:00`) say too little and are left out.
    pub time_zone: Option<String>,
    pub role: Option<Role>,
    pub stance: Option<Stance>,
    pub channel: Option<Channel>,
    /// Facts with the day they were noted, when the card says so.
    pub facts: Vec<(String, Option<NaiveDate>)>,
}

/// Why a vCard file could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum VcardError {
    #[error("line {line}: '{text}' is not a vCard line (expected BEGIN:VCARD, PROPERTY:value or END:VCARD)")]
    Invalid { line: usize, text: String },
    #[error("line {line}: the card starting here could not be read")]
    Unreadable { line: usize },
    #[error("line {line}: found a calendar, not a vCard")]
    NotAVcard { line: usize },
    #[error("no vCards in it (a .vcf file starts with BEGIN:VCARD)")]
    Empty,
}

/// Every card in `text`, in file order; the first unreadable line stops the reading.
pub fn read(text: &str) -> Result<Vec<Card>, VcardError> {
    let mut parser = Parser::new(text);
    let mut cards = Vec::new();
    let mut from = 0;
    loop {
        let entry = parser.entry();
        match entry {
            Entry::VCard(vcard) => {
                let line = line_of(text, "BEGIN:VCARD", &mut from);
                cards.push(card(&vcard, line));
            }
            Entry::Eof => break,
            Entry::InvalidLine(bad) => {
                return Err(VcardError::Invalid {
                    line: line_of(text, &bad, &mut from),
                    text: bad.chars().take(60).collect(),
                })
            }
            Entry::ICalendar(_) => {
                return Err(VcardError::NotAVcard {
                    line: line_of(text, "BEGIN:VCALENDAR", &mut from),
                })
            }
            _ => {
                return Err(VcardError::Unreadable {
                    line: line_of(text, "BEGIN:VCARD", &mut from),
                })
            }
        }
    }
    if cards.is_empty() {
        return Err(VcardError::Empty);
    }
    Ok(cards)
}

/// The 1-based line where `needle` next occurs at or after byte `from` (case-insensitive, as
/// vCard names are); `from` moves past it, so repeated calls walk the file in order.
fn line_of(text: &str, needle: &str, from: &mut usize) -> usize {
    let rest = text.get(*from..).unwrap_or_default();
    let at = rest
        .to_ascii_uppercase()
        .find(&needle.to_ascii_uppercase())
        .map_or(*from, |i| *from + i);
    *from = (at + needle.len()).min(text.len());
    text[..at].matches('\n').count() + 1
}

fn card(vcard: &VCard, line: usize) -> Card {
    let text = |prop: VCardProperty| {
        vcard
            .properties(&prop)
            .find_map(first_text)
            .filter(|t| !t.is_empty())
    };
    let other = |name: &str| text(VCardProperty::Other(name.to_string()));
    let facts: Vec<(String, Option<NaiveDate>)> = vcard
        .properties(&VCardProperty::Other(FACT.into()))
        .filter_map(|e| {
            let noted = e.params.iter().find_map(|p| match (&p.name, &p.value) {
                (VCardParameterName::Other(n), VCardParameterValue::Text(day))
                    if n.eq_ignore_ascii_case(NOTED) =>
                {
                    day.parse().ok()
                }
                _ => None,
            });
            Some((first_text(e)?, noted))
        })
        .collect();
    let facts = if facts.is_empty() {
        text(VCardProperty::Note)
            .map(|note| vec![(note, None)])
            .unwrap_or_default()
    } else {
        facts
    };
    Card {
        line,
        name: text(VCardProperty::Fn).or_else(|| structured_name(vcard)),
        title: text(VCardProperty::Title),
        email: text(VCardProperty::Email),
        phone: text(VCardProperty::Tel).map(|t| t.trim_start_matches("tel:").to_string()),
        time_zone: text(VCardProperty::Tz).filter(|z| z.parse::<chrono_tz::Tz>().is_ok()),
        role: other(ROLE).and_then(|r| r.parse().ok()),
        stance: other(STANCE).and_then(|s| s.parse().ok()),
        channel: other(CHANNEL).and_then(|c| c.parse().ok()),
        facts,
    }
}

/// A property's value as one text (components joined by spaces), trimmed.
fn first_text(entry: &VCardEntry) -> Option<String> {
    let parts: Vec<String> = entry
        .values
        .iter()
        .filter_map(|v| match v {
            VCardValue::Text(t) => Some(t.trim().to_string()),
            VCardValue::Component(parts) => Some(parts.join(" ").trim().to_string()),
            _ => None,
        })
        .filter(|t| !t.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A name from `N` (family; given; additional; prefixes; suffixes) when a card has no `FN`:
/// "Mikko Virtanen", but family name first for Chinese, Japanese and Korean ("佐藤 健一").
fn structured_name(vcard: &VCard) -> Option<String> {
    let entry = vcard.property(&VCardProperty::N)?;
    let part = |i: usize| -> String {
        match entry.values.get(i) {
            Some(VCardValue::Text(t)) => t.trim().to_string(),
            Some(VCardValue::Component(parts)) => parts.join(" ").trim().to_string(),
            _ => String::new(),
        }
    };
    let (family, given, middle) = (part(0), part(1), part(2));
    let east_asian = family.chars().chain(given.chars()).any(is_cjk);
    let order = if east_asian {
        [family, given, middle]
    } else {
        [given, middle, family]
    };
    let name = order
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

/// Han, kana and hangul: scripts whose names put the family first.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// `people` of `client` as vCard 4.0, one card each, in the order given.
pub fn write(client: &Client, people: &[Person]) -> String {
    let mut out = String::new();
    for person in people {
        let card = VCard {
            entries: entries(client, person),
        };
        // Writing into a String cannot fail.
        let _ = card.write_to(&mut out, VCardVersion::V4_0);
    }
    out
}

fn entries(client: &Client, person: &Person) -> Vec<VCardEntry> {
    let text = |name: VCardProperty, value: &str| VCardEntry {
        group: None,
        name,
        params: Vec::new(),
        values: vec![VCardValue::Text(value.to_string())],
    };
    let other = |name: &str, value: &str| text(VCardProperty::Other(name.into()), value);
    let mut out = vec![
        text(VCardProperty::Fn, &person.name),
        text(VCardProperty::Org, &client.name),
    ];
    let optional = [
        (VCardProperty::Title, &person.title),
        (VCardProperty::Email, &person.email),
        (VCardProperty::Tz, &person.time_zone),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            out.push(text(name, value));
        }
    }
    if let Some(phone) = &person.phone {
        // A phone number as typed ("+358 40 718 2234") is text, not a tel: URI.
        let mut tel = text(VCardProperty::Tel, phone);
        tel.params.push(VCardParameter {
            name: VCardParameterName::Value,
            value: VCardParameterValue::ValueType(calcard::vcard::VCardValueType::Text),
        });
        out.push(tel);
    }
    out.push(other(ROLE, person.role.as_str()));
    out.push(other(STANCE, person.stance.as_str()));
    out.push(other(CHANNEL, person.channel.as_str()));
    for fact in &person.facts {
        let mut line = other(FACT, &fact.text);
        line.params.push(VCardParameter {
            name: VCardParameterName::Other(NOTED.into()),
            value: VCardParameterValue::Text(fact.noted.to_string()),
        });
        out.push(line);
    }
    if !person.facts.is_empty() {
        let note: Vec<&str> = person.facts.iter().map(|f| f.text.as_str()).collect();
        out.push(text(VCardProperty::Note, &note.join("\n")));
    }
    out
}

/// The facts of a card as rapport keeps them; a fact without a day was noted `today`.
pub fn facts(card: &Card, today: NaiveDate) -> Vec<Fact> {
    card.facts
        .iter()
        .map(|(text, noted)| Fact {
            text: text.clone(),
            noted: noted.unwrap_or(today),
            kind: None,
        })
        .collect()
}

#[cfg(test)]
mod tests;
