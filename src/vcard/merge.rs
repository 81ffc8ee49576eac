//! A card meeting the store: the person it matches (same email, else the same name at the
//! client, case-insensitively), and what the card adds to them. A re-import changes nothing.

use super::{facts, Card};
use crate::model::{fold, Person};
use chrono::NaiveDate;

/// The index of the live person in `people` that `card` is about, if any. A removed person
/// is never matched: a re-import must not update or bring back someone removed on purpose.
pub fn find(people: &[Person], card: &Card) -> Option<usize> {
    find_among(people, card, Person::is_live)
}

/// The index of a removed person in `people` that `card` is about, if any: said, not merged.
pub fn find_removed(people: &[Person], card: &Card) -> Option<usize> {
    find_among(people, card, |p| !p.is_live())
}

fn find_among(people: &[Person], card: &Card, keep: impl Fn(&Person) -> bool) -> Option<usize> {
    let email = card.email.as_deref().map(fold);
    let by_email = email.as_ref().and_then(|wanted| {
        (people.iter())
            .position(|p| keep(p) && p.email.as_deref().map(fold).as_ref() == Some(wanted))
    });
    by_email.or_else(|| {
        let name = fold(card.name.as_deref()?);
        (people.iter()).position(|p| keep(p) && fold(&p.name) == name)
    })
}

/// Folds `card` into `person`: fields the card has replace the person's, facts it has that the
/// person lacks are added. The name is kept (it is how the person is known here). Returns the
/// fields changed.
pub fn merge(person: &mut Person, card: &Card, today: NaiveDate) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut set = |field: &mut Option<String>, value: &Option<String>, name: &'static str| {
        if value.is_some() && field != value {
            field.clone_from(value);
            changed.push(name);
        }
    };
    set(&mut person.title, &card.title, "title");
    set(&mut person.email, &card.email, "email");
    set(&mut person.phone, &card.phone, "phone");
    set(&mut person.time_zone, &card.time_zone, "time zone");
    if let Some(role) = card.role.filter(|r| *r != person.role) {
        person.role = role;
        changed.push("role");
    }
    if let Some(stance) = card.stance.filter(|s| *s != person.stance) {
        person.stance = stance;
        changed.push("stance");
    }
    if let Some(channel) = card.channel.filter(|c| *c != person.channel) {
        person.channel = channel;
        changed.push("channel");
    }
    let before = person.facts.len();
    for fact in facts(card, today) {
        if !person
            .facts
            .iter()
            .any(|f| fold(&f.text) == fold(&fact.text))
        {
            person.facts.push(fact);
        }
    }
    if person.facts.len() > before {
        changed.push("facts");
    }
    changed
}
