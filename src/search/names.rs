//! Clients and people: few enough to hold in memory and rank on every keystroke. A field that
//! contains the query's words ranks by tier (exact word, prefix, part); short fields (names,
//! aliases, titles, tags) also match fuzzily through nucleo, below every tier.

use super::terms::{self, Term, Tier};
use super::text::{normalize, Class, Normalized};
use super::{ClientHit, Marked, PersonHit, Query};
use crate::model::{Client, ClientId, Person, PersonId};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::HashMap;
use std::ops::Range;

struct Field {
    label: &'static str,
    text: String,
    norm: Normalized,
    runs: Vec<(Class, Range<usize>)>,
    /// The normalized text when it is all ASCII: nucleo's fast path.
    ascii: Option<String>,
    /// Short fields match fuzzily too; long ones (facts, concerns) only by their words.
    fuzzy: bool,
}

impl Field {
    fn new(label: &'static str, text: &str, fuzzy: bool) -> Self {
        let norm = normalize(text);
        let ascii = norm.chars.iter().all(char::is_ascii);
        Self {
            label,
            text: text.to_string(),
            runs: norm.runs(),
            ascii: ascii.then(|| norm.chars.iter().collect()),
            norm,
            fuzzy,
        }
    }
}

impl Field {
    fn haystack(&self) -> Utf32Str<'_> {
        match &self.ascii {
            Some(text) => Utf32Str::Ascii(text.as_bytes()),
            None => Utf32Str::Unicode(&self.norm.chars),
        }
    }
}

struct Entry<K> {
    key: K,
    name: String,
    fields: Vec<Field>,
}

/// Every client and person, normalized once.
pub struct NameIndex {
    clients: Vec<Entry<ClientId>>,
    people: Vec<Entry<(PersonId, ClientId)>>,
    client_names: HashMap<ClientId, String>,
}

/// The best match of one entry: (tier, fuzzy score, field, marks).
type Best = (Tier, u32, usize, Vec<Range<usize>>);

impl NameIndex {
    pub fn new(clients: &[Client], people: &[Person]) -> Self {
        let clients: Vec<Entry<ClientId>> = clients
            .iter()
            .map(|c| {
                let mut fields = vec![Field::new("name", &c.name, true)];
                fields.extend(c.alias.iter().map(|a| Field::new("alias", a, true)));
                fields.extend(c.tags.iter().map(|t| Field::new("tag", t, true)));
                fields.extend(
                    c.concerns
                        .iter()
                        .map(|x| Field::new("concern", &x.text, false)),
                );
                Entry {
                    key: c.id,
                    name: c.name.clone(),
                    fields,
                }
            })
            .collect();
        // Removed people are found by `person list --removed`, not by a search.
        let people = people
            .iter()
            .filter(|p| p.is_live())
            .map(|p| {
                let mut fields = vec![Field::new("name", &p.name, true)];
                fields.extend(p.title.iter().map(|t| Field::new("title", t, true)));
                fields.extend(p.facts.iter().map(|f| Field::new("fact", &f.text, false)));
                Entry {
                    key: (p.id, p.client),
                    name: p.name.clone(),
                    fields,
                }
            })
            .collect();
        let client_names = clients_named(&clients);
        Self {
            clients,
            people,
            client_names,
        }
    }

    /// Clients matching the query, best first.
    pub fn clients(&self, query: &Query, terms: &[Term]) -> Vec<ClientHit> {
        let keep = |id: &ClientId| query.client.is_none_or(|c| c == *id);
        rank(&self.clients, &query.text, terms, keep, query.limit)
            .into_iter()
            .map(|(entry, (tier, _, field, marks))| ClientHit {
                client: entry.key,
                name: entry.name.clone(),
                field: entry.fields[field].label.to_string(),
                shown: marked(&entry.fields[field], marks),
                tier,
            })
            .collect()
    }

    /// People matching the query, best first.
    pub fn people(&self, query: &Query, terms: &[Term]) -> Vec<PersonHit> {
        let keep = |(_, client): &(PersonId, ClientId)| query.client.is_none_or(|c| c == *client);
        rank(&self.people, &query.text, terms, keep, query.limit)
            .into_iter()
            .map(|(entry, (tier, _, field, marks))| PersonHit {
                person: entry.key.0,
                client: entry.key.1,
                name: entry.name.clone(),
                client_name: self.client_name(entry.key.1),
                field: entry.fields[field].label.to_string(),
                shown: marked(&entry.fields[field], marks),
                tier,
            })
            .collect()
    }

    pub fn client_name(&self, id: ClientId) -> String {
        self.client_names.get(&id).cloned().unwrap_or_default()
    }
}

fn clients_named(clients: &[Entry<ClientId>]) -> HashMap<ClientId, String> {
    clients.iter().map(|e| (e.key, e.name.clone())).collect()
}

fn marked(field: &Field, marks: Vec<Range<usize>>) -> Marked {
    Marked {
        text: field.text.clone(),
        marks,
    }
}

/// The entries that match, best first (tier, then fuzzy score; ties keep the given order).
/// Fuzzy matching, the costly part, runs only when the tiers leave room: every tier ranks
/// above every fuzzy match.
fn rank<'a, K>(
    entries: &'a [Entry<K>],
    query: &str,
    terms: &[Term],
    keep: impl Fn(&K) -> bool,
    limit: usize,
) -> Vec<(&'a Entry<K>, Best)> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut rest = Vec::new();
    for entry in entries.iter().filter(|e| keep(&e.key)) {
        match by_tier(entry, terms) {
            Some(best) => found.push((entry, best)),
            None => rest.push(entry),
        }
    }
    let folded: String = normalize(query).chars.into_iter().collect();
    let pattern = Pattern::parse(&folded, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    if found.len() < limit {
        let least = least_fuzzy_score(&folded);
        for entry in rest {
            if let Some(best) = by_fuzz(entry, &pattern, &mut matcher, least) {
                found.push((entry, best));
            }
        }
    }
    found.sort_by_key(|(_, (tier, score, _, _))| (*tier, std::cmp::Reverse(*score)));
    found.truncate(limit);
    // Where a fuzzy match fell is worked out only for what is shown.
    for (entry, (tier, _, field, marks)) in &mut found {
        if *tier == Tier::Fuzzy {
            *marks = fuzzy_marks(&entry.fields[*field], &pattern, &mut matcher);
        }
    }
    found
}

/// The entry's best field by tier.
fn by_tier<K>(entry: &Entry<K>, terms: &[Term]) -> Option<Best> {
    (entry.fields.iter().enumerate())
        .filter_map(|(i, field)| {
            let found = terms::find_in_runs(terms, &field.norm, &field.runs)?;
            Some((found.tier, 0, i, found.marks))
        })
        .min_by_key(|(tier, ..)| *tier)
}

/// What nucleo scores each matched char before bonuses and gap penalties (its `SCORE_MATCH`).
const SCORE_PER_CHAR: u32 = 16;

/// The least fuzzy score shown for `query`: what its chars score when their bonuses (at word
/// starts, in runs) at least make up for the gaps between them. Letters strewn one by one
/// through the middle of words (`etl` in "Revontuli Games") score less, and are noise.
fn least_fuzzy_score(query: &str) -> u32 {
    let chars = query.chars().filter(|c| !c.is_whitespace()).count();
    SCORE_PER_CHAR.saturating_mul(chars as u32)
}

/// The entry's best short field by fuzzy score, if one scores at least `least`.
fn by_fuzz<K>(
    entry: &Entry<K>,
    pattern: &Pattern,
    matcher: &mut Matcher,
    least: u32,
) -> Option<Best> {
    (entry.fields.iter().enumerate())
        .filter(|(_, field)| field.fuzzy)
        .filter_map(|(i, field)| {
            let score = pattern.score(field.haystack(), matcher)?;
            (score >= least).then(|| (Tier::Fuzzy, score, i, Vec::new()))
        })
        .max_by_key(|(_, score, ..)| *score)
}

/// The chars nucleo matched, as byte ranges of the field's text.
fn fuzzy_marks(field: &Field, pattern: &Pattern, matcher: &mut Matcher) -> Vec<Range<usize>> {
    let mut indices = Vec::new();
    pattern.indices(field.haystack(), matcher, &mut indices);
    indices.sort_unstable();
    indices.dedup();
    let marks = indices
        .into_iter()
        .map(|i| field.norm.source(i as usize..i as usize + 1))
        .collect();
    terms::merge(marks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fact;

    fn client(name: &str, alias: Option<&str>) -> Client {
        Client {
            id: ClientId::new_at(1),
            name: name.into(),
            alias: alias.map(String::from),
            ..Client::default()
        }
    }

    #[test]
    fn exact_words_beat_prefixes_beat_fuzzy() {
        let clients = [
            client("Replica Systems", None),
            client("Repl Oy", None),
            client("Rapid Equities Plc", None),
        ];
        let index = NameIndex::new(&clients, &[]);
        let query = Query::new("repl");
        let hits = index.clients(&query, &terms::parse("repl"));
        let names: Vec<(&str, Tier)> = hits.iter().map(|h| (h.name.as_str(), h.tier)).collect();
        assert_eq!(
            names,
            [
                ("Repl Oy", Tier::Exact),
                ("Replica Systems", Tier::Prefix),
                ("Rapid Equities Plc", Tier::Fuzzy)
            ]
        );
        assert_eq!(hits[2].shown.pieces()[0], ("R", true));
    }

    #[test]
    fn people_match_by_title_and_facts_in_any_width() {
        let acme = client("Acme", None);
        let person = Person {
            id: PersonId::new_at(2),
            client: acme.id,
            name: "佐藤 健一".into(),
            title: Some("DBA".into()),
            facts: vec![Fact {
                text: "Weekend fishing in Lapland".into(),
                noted: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                kind: None,
            }],
            ..Person::default()
        };
        let index = NameIndex::new(std::slice::from_ref(&acme), &[person]);
        let find = |q: &str| index.people(&Query::new(q), &terms::parse(q));
        assert_eq!(find("ｄｂａ")[0].field, "title");
        assert_eq!(find("fish")[0].field, "fact");
        assert_eq!(find("fish")[0].client_name, "Acme");
        assert_eq!(find("佐藤")[0].tier, Tier::Exact);
        assert!(find("fsh lapland").is_empty(), "facts are not fuzzy");
    }

    /// `etl` found Revontuli Games: its letters strewn through the middle of a word.
    #[test]
    fn fuzzy_matches_need_word_starts_or_runs() {
        let clients = [
            client("Revontuli Games", None),
            client("Sakura Logistics", None),
            client("Rapid Equities Plc", None),
            client("Mikko Oy", None),
        ];
        let index = NameIndex::new(&clients, &[]);
        let find = |q: &str| -> Vec<String> {
            let hits = index.clients(&Query::new(q), &terms::parse(q));
            hits.into_iter().map(|h| h.name).collect()
        };
        for strewn in ["etl", "oui", "eol"] {
            let found = find(strewn);
            assert!(
                !found.iter().any(|n| n == "Revontuli Games"),
                "{strewn}: {found:?}"
            );
        }
        assert_eq!(find("rvntl"), ["Revontuli Games"], "from a word start on");
        assert_eq!(find("sklog"), ["Sakura Logistics"]);
        assert_eq!(find("repl"), ["Rapid Equities Plc"], "initials");
        assert_eq!(find("miko"), ["Mikko Oy"], "a typo");
    }

    /// `/sari` ranked Sakura Logistics (fuzzy) above Sari Mäkelä (a prefix of her name): the
    /// tiers hold across clients and people, which the popup orders by.
    #[test]
    fn a_persons_name_prefix_outranks_a_fuzzy_client() {
        let sakura = client("Sakura Logistics", None);
        let sari = Person {
            id: PersonId::new_at(3),
            client: sakura.id,
            name: "Sari Mäkelä".into(),
            ..Person::default()
        };
        let index = NameIndex::new(std::slice::from_ref(&sakura), &[sari]);
        let query = Query::new("sari");
        let terms = terms::parse("sari");
        let people = index.people(&query, &terms);
        let clients = index.clients(&query, &terms);
        assert_eq!(people[0].tier, Tier::Exact);
        assert!(clients.iter().all(|c| c.tier == Tier::Fuzzy), "{clients:?}");
    }
}
