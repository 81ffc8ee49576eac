//! An unfiled note (`model::Unfiled`) filed for a client: read as the note it is, with that
//! client's people for its @names and its relative dates read from when it was typed, the same
//! for `rapport unfiled assign` and the dashboard's agenda.

use super::{link, parse, parse_as, Doubtful, Parsed, Unlinked, Vocabulary};
use crate::config::Config;
use crate::model::{ClientId, Event, PersonId, Unfiled};
use crate::resolve::{self, Names, ResolveError};
use chrono::{DateTime, Utc};

/// What the note becomes: its event (under the id it got when typed) and the promises made in
/// it, in the order they are saved, and the @names left as text.
pub struct Filed {
    pub events: Vec<Event>,
    pub unlinked: Vec<Unlinked>,
}

/// Why a note cannot be filed as it is.
#[derive(Debug)]
pub enum Refused {
    /// Words that look like syntax and do not read: refused as `rapport note` refuses them,
    /// unless the note was typed with `--literal`.
    Doubtful(Vec<Doubtful>),
    /// Nothing is left once the syntax is read.
    Empty(String),
    /// A `--with` that names nobody at the client, or a failing store.
    Name(ResolveError),
}

/// Files `note` for `client`, recorded `now`.
pub fn file(
    note: &Unfiled,
    client: ClientId,
    names: &dyn Names,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<Filed, Refused> {
    let people = names.person_names(Some(client)).map_err(ResolveError::from);
    let people = people.map_err(Refused::Name)?;
    let known = Vocabulary::new(people.iter().map(|p| &p.name), std::iter::empty::<&str>());
    let parsed = read(note, &known);
    if !note.given.literal && !parsed.doubtful.is_empty() {
        return Err(Refused::Doubtful(parsed.doubtful));
    }
    if parsed.text.is_empty() {
        return Err(Refused::Empty(parsed.preview()));
    }
    let mut linked: Vec<PersonId> = Vec::new();
    for name in &note.given.with {
        let id = resolve::person(names, name, Some(client))
            .map_err(Refused::Name)?
            .id;
        if !linked.contains(&id) {
            linked.push(id);
        }
    }
    let unlinked = link(names, &parsed.mentions, client, &mut linked).map_err(Refused::Name)?;
    let at = note.given.at.or(parsed.at).unwrap_or(note.typed);
    let mut event = parsed.to_event(client, linked, at, now, config);
    event.id = note.id;
    let promises = parsed.promise_events(&event, config);
    Ok(Filed {
        events: std::iter::once(event).chain(promises).collect(),
        unlinked,
    })
}

/// The text read with the flags typed with it; flags win, as on the command line.
fn read(note: &Unfiled, known: &Vocabulary) -> Parsed {
    let given = &note.given;
    let mut parsed = match given.kind {
        Some(kind) => parse_as(&note.text, kind, known, note.typed),
        None => parse(&note.text, known, note.typed),
    };
    parsed.trust = given.trust.or(parsed.trust);
    parsed.private |= given.private;
    parsed.minutes = given.minutes.or(parsed.minutes);
    parsed.billed |= given.billed;
    parsed.due = given.due.or(parsed.due);
    let mut tags: Vec<String> = Vec::new();
    let flags = (given.tags.iter()).map(|t| t.trim().trim_start_matches('#').to_string());
    for tag in flags.chain(parsed.tags).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag);
        }
    }
    parsed.tags = tags;
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientName, Given, Kind, PersonName};
    use crate::store::StoreError;

    struct Known(Vec<PersonName>);
    impl Names for Known {
        fn client_names(&self) -> Result<Vec<ClientName>, StoreError> {
            Ok(Vec::new())
        }
        fn person_names(&self, _: Option<ClientId>) -> Result<Vec<PersonName>, StoreError> {
            Ok(self.0.clone())
        }
    }

    fn setup() -> (ClientId, Known, PersonId) {
        let client = ClientId::new_at(1);
        let tanaka = PersonId::new_at(2);
        let person = PersonName {
            id: tanaka,
            client,
            name: "田中".into(),
            removed: false,
            left: Vec::new(),
        };
        (client, Known(vec![person]), tanaka)
    }

    #[test]
    fn filed_as_the_note_it_is_with_the_clients_people() {
        let (client, names, tanaka) = setup();
        let typed = "2026-11-12T10:00:00Z".parse().unwrap();
        let text = "call: 日程を決めた。＠田中さんと ＃aurora 資料を送る due:fri";
        let note = Unfiled::new(text, vec![], Given::default(), typed);
        let now = "2026-11-20T10:00:00Z".parse().unwrap();
        let filed = file(&note, client, &names, &Config::default(), now).unwrap();
        let [call, promise] = &filed.events[..] else {
            panic!("{:?}", filed.events)
        };
        assert_eq!(call.id, note.id, "the id it got when typed");
        assert_eq!((call.kind, call.at, call.created), (Kind::Call, typed, now));
        assert_eq!(call.people, [tanaka]);
        assert!(call.text.contains("田中さんと"), "{}", call.text);
        assert_eq!(promise.made_in, Some(call.id));
        // Friday after the day it was typed, not after the day it was filed.
        let due = promise.promise.as_ref().and_then(|p| p.due);
        assert_eq!(due, "2026-11-13".parse().ok());
    }

    #[test]
    fn doubtful_syntax_is_refused_unless_typed_literal() {
        let (client, names, _) = setup();
        let now = Utc::now();
        let note = Unfiled::new("promise: plan due:someday", vec![], Given::default(), now);
        let refused = file(&note, client, &names, &Config::default(), now);
        assert!(matches!(refused, Err(Refused::Doubtful(_))));
        let given = Given {
            literal: true,
            private: true,
            ..Given::default()
        };
        let note = Unfiled { given, ..note };
        let filed = file(&note, client, &names, &Config::default(), now).unwrap();
        assert!(filed.events[0].private, "the --private typed with it");
    }
}
