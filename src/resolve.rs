//! Turning what the user typed into a client or a person — or a helpful refusal.
//!
//! An exact name or alias wins; otherwise a unique prefix of a name, alias or any word of a
//! name; several candidates are an ambiguity; none gives "did you mean" suggestions. Works over
//! anything that lists names: the store, or the small names file a quick note reads.

use crate::model::{fold, ClientId, ClientName, Event, PersonId, PersonName};
/// What resolving reads from; it belongs to the store's API (every store lists its names),
/// and is named here too because every function below takes one.
pub use crate::store::Names;
use crate::store::{Store, StoreError};
use std::collections::HashMap;

/// Why a name did not resolve.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("no {what} named '{query}'.{}{}", did_you_mean(.suggestions), on_a_line(.hint))]
    Unknown {
        what: &'static str,
        query: String,
        suggestions: Vec<String>,
        /// Why someone of that name is no longer matched: removed, or moved to another client.
        hint: Option<String>,
    },
    #[error("'{query}' matches several {what}s: {}.\nUse the full name{hint}.", .candidates.join(", "))]
    Ambiguous {
        what: &'static str,
        query: String,
        candidates: Vec<String>,
        hint: &'static str,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("\nDid you mean: {}?", suggestions.join(", "))
    }
}

fn on_a_line(hint: &Option<String>) -> String {
    hint.as_ref().map(|h| format!("\n{h}")).unwrap_or_default()
}

/// Finds a client by name, alias or unique prefix.
pub fn client(names: &dyn Names, query: &str) -> Result<ClientName, ResolveError> {
    let clients = names.client_names()?;
    let q = fold(query);
    if let Some(exact) = clients
        .iter()
        .find(|c| fold(&c.name) == q || c.alias.as_deref().map(fold) == Some(q.clone()))
    {
        return Ok(exact.clone());
    }
    let handles = |c: &ClientName| {
        let mut all = vec![c.name.clone()];
        all.extend(c.alias.clone());
        all
    };
    pick(
        query,
        "client",
        " or the alias",
        clients,
        handles,
        client_label,
    )
}

fn client_label(c: &ClientName) -> String {
    match &c.alias {
        Some(alias) => format!("{} ({alias})", c.name),
        None => c.name.clone(),
    }
}

/// Finds a person by name or unique prefix, among one client's people or everyone's. Removed
/// people are not matched; a name that only they (or someone who moved away from `at`) would
/// fit is unknown, with a hint that says so.
pub fn person(
    names: &dyn Names,
    query: &str,
    at: Option<ClientId>,
) -> Result<PersonName, ResolveError> {
    person_among(names, query, at, false)
}

/// Finds a removed person (`person restore`), the same way.
pub fn removed_person(
    names: &dyn Names,
    query: &str,
    at: Option<ClientId>,
) -> Result<PersonName, ResolveError> {
    person_among(names, query, at, true)
}

fn person_among(
    names: &dyn Names,
    query: &str,
    at: Option<ClientId>,
    removed: bool,
) -> Result<PersonName, ResolveError> {
    let (people, others): (Vec<PersonName>, Vec<PersonName>) = names
        .person_names(at)?
        .into_iter()
        .partition(|p| p.removed == removed);
    let clients: HashMap<ClientId, String> = names
        .client_names()?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let label = |p: &PersonName| match clients.get(&p.client) {
        Some(client) => format!("{} at {client}", p.name),
        None => p.name.clone(),
    };
    let exact: Vec<&PersonName> = people
        .iter()
        .filter(|p| fold(&p.name) == fold(query))
        .collect();
    match exact.len() {
        1 => return Ok(exact[0].clone()),
        0 => {}
        _ => {
            let candidates = exact.into_iter().map(label).collect();
            return Err(ResolveError::Ambiguous {
                what: "person",
                query: query.into(),
                candidates,
                hint: " with --client",
            });
        }
    }
    let found = pick(
        query,
        "person",
        " with --client",
        people,
        |p| vec![p.name.clone()],
        label,
    );
    match found {
        Err(ResolveError::Unknown {
            what,
            query,
            suggestions,
            hint: None,
        }) => {
            let hint = gone(names, &query, at, removed, &others, &clients)?;
            Err(ResolveError::Unknown {
                what,
                query,
                suggestions,
                hint,
            })
        }
        other => other,
    }
}

/// Why nobody of that name was found though someone fits it: they were removed (or, for a
/// restore, are not), or they moved from `at` to another client.
fn gone(
    names: &dyn Names,
    query: &str,
    at: Option<ClientId>,
    removed: bool,
    others: &[PersonName],
    clients: &HashMap<ClientId, String>,
) -> Result<Option<String>, ResolveError> {
    let q = fold(query);
    if let Some(other) = others.iter().find(|p| fits(&q, &p.name)) {
        return Ok(Some(match removed {
            false => format!(
                "{0} was removed; `rapport person restore \"{0}\"` brings them back.",
                other.name
            ),
            true => format!("{} is not removed.", other.name),
        }));
    }
    let Some(at) = at.filter(|_| !removed) else {
        return Ok(None);
    };
    let moved = names
        .person_names(None)?
        .into_iter()
        .find(|p| !p.removed && p.client != at && p.left.contains(&at) && fits(&q, &p.name));
    Ok(moved.map(|p| {
        let to = clients
            .get(&p.client)
            .map_or("another client", String::as_str);
        format!("{} has moved to {to}.", p.name)
    }))
}

/// Whether `name` is what the folded query `q` names: exactly, or by a prefix of it or of one
/// of its words.
fn fits(q: &str, name: &str) -> bool {
    let name = fold(name);
    !q.is_empty()
        && (name.starts_with(q) || name.split_whitespace().any(|word| word.starts_with(q)))
}

/// The names to print for `events` of `client`: its people, removed ones included, and anyone
/// named there who has since moved to another client (looked up by id, rarely any).
pub fn names_in<'a>(
    store: &dyn Store,
    client: ClientId,
    events: impl IntoIterator<Item = &'a Event>,
) -> Result<HashMap<PersonId, String>, StoreError> {
    let mut names: HashMap<PersonId, String> = store
        .people(Some(client))?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut missing: Vec<PersonId> = Vec::new();
    for event in events {
        for id in &event.people {
            if !names.contains_key(id) && !missing.contains(id) {
                missing.push(*id);
            }
        }
    }
    for id in missing {
        if let Some(person) = store.person(id)? {
            names.insert(id, person.name);
        }
    }
    Ok(names)
}

/// The shared part: unique prefix, ambiguity, or suggestions.
fn pick<T>(
    query: &str,
    what: &'static str,
    hint: &'static str,
    items: Vec<T>,
    names: impl Fn(&T) -> Vec<String>,
    label: impl Fn(&T) -> String,
) -> Result<T, ResolveError> {
    let q = fold(query);
    let (mut hits, rest): (Vec<T>, Vec<T>) = items
        .into_iter()
        .partition(|item| names(item).iter().any(|name| fits(&q, name)));
    match hits.len() {
        1 => return Ok(hits.remove(0)),
        n if n > 1 => {
            let candidates = hits.iter().take(8).map(&label).collect();
            return Err(ResolveError::Ambiguous {
                what,
                query: query.into(),
                candidates,
                hint,
            });
        }
        _ => {}
    }
    let mut scored: Vec<(f64, String)> = rest
        .iter()
        .filter_map(|item| {
            let best = names(item)
                .iter()
                .map(|n| strsim::jaro_winkler(&q, &fold(n)))
                .fold(0.0, f64::max);
            (best >= 0.7).then(|| (best, label(item)))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let suggestions = scored.into_iter().take(5).map(|(_, l)| l).collect();
    Err(ResolveError::Unknown {
        what,
        query: query.into(),
        suggestions,
        hint: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(Vec<ClientName>, Vec<PersonName>);

    impl Names for Fixed {
        fn client_names(&self) -> Result<Vec<ClientName>, StoreError> {
            Ok(self.0.clone())
        }
        fn person_names(&self, client: Option<ClientId>) -> Result<Vec<PersonName>, StoreError> {
            Ok(self
                .1
                .iter()
                .filter(|p| client.is_none_or(|c| c == p.client))
                .cloned()
                .collect())
        }
    }

    fn names() -> Fixed {
        let client = |n: u64, name: &str, alias: Option<&str>| ClientName {
            id: ClientId::new_at(n),
            name: name.into(),
            alias: alias.map(Into::into),
        };
        let clients = vec![
            client(1, "Acme Oy", Some("acme")),
            client(2, "Acorn Ltd", None),
            client(3, "星空フィンテック", Some("hoshi")),
        ];
        let person = |n: u64, c: usize, name: &str| PersonName {
            id: crate::model::PersonId::new_at(n),
            client: clients[c].id,
            name: name.into(),
            removed: false,
            left: Vec::new(),
        };
        let people = vec![
            person(1, 0, "Mikko Virtanen"),
            person(2, 1, "Mikko Laine"),
            person(3, 2, "佐藤 健一"),
        ];
        Fixed(clients, people)
    }

    #[test]
    fn exact_alias_prefix_and_word_prefix() {
        let n = names();
        assert_eq!(client(&n, "ACME").unwrap().name, "Acme Oy");
        assert_eq!(client(&n, "acor").unwrap().name, "Acorn Ltd");
        assert_eq!(client(&n, "星空").unwrap().alias.as_deref(), Some("hoshi"));
        assert_eq!(person(&n, "virt", None).unwrap().name, "Mikko Virtanen");
        assert_eq!(person(&n, "佐藤", None).unwrap().name, "佐藤 健一");
    }

    #[test]
    fn ambiguity_lists_candidates_and_scoping_resolves_it() {
        let n = names();
        let err = client(&n, "ac").unwrap_err().to_string();
        assert!(
            err.contains("Acme Oy (acme)") && err.contains("Acorn Ltd"),
            "{err}"
        );
        let err = person(&n, "mikko", None).unwrap_err().to_string();
        assert!(
            err.contains("Mikko Virtanen at Acme Oy") && err.contains("--client"),
            "{err}"
        );
        let acme = client(&n, "acme").unwrap().id;
        assert_eq!(
            person(&n, "mikko", Some(acme)).unwrap().name,
            "Mikko Virtanen"
        );
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let n = names();
        let err = client(&n, "acmee").unwrap_err().to_string();
        assert!(
            err.contains("no client named 'acmee'") && err.contains("Did you mean: Acme Oy (acme)"),
            "{err}"
        );
        assert!(
            matches!(client(&n, "zzz"), Err(ResolveError::Unknown { suggestions, .. }) if suggestions.is_empty())
        );
    }

    #[test]
    fn removed_people_are_not_matched_but_named_in_a_hint() {
        let mut n = names();
        n.1[0].removed = true;
        let acme = n.0[0].id;
        let err = person(&n, "mikko", Some(acme)).unwrap_err();
        assert!(
            matches!(&err, ResolveError::Unknown { hint: Some(h), .. } if h.contains("Mikko Virtanen was removed") && h.contains("rapport person restore \"Mikko Virtanen\"")),
            "{err}"
        );
        // Everywhere, the other Mikko is the only one left.
        assert_eq!(person(&n, "mikko", None).unwrap().name, "Mikko Laine");
        assert_eq!(
            removed_person(&n, "mik", None).unwrap().name,
            "Mikko Virtanen"
        );
        let err = removed_person(&n, "laine", None).unwrap_err().to_string();
        assert!(err.contains("Mikko Laine is not removed"), "{err}");
    }

    #[test]
    fn a_name_at_a_client_they_left_says_where_they_went() {
        let mut n = names();
        let (acme, acorn) = (n.0[0].id, n.0[1].id);
        n.1[0].client = acorn;
        n.1[0].left = vec![acme];
        let err = person(&n, "virtanen", Some(acme)).unwrap_err().to_string();
        assert!(
            err.contains("Mikko Virtanen has moved to Acorn Ltd"),
            "{err}"
        );
        assert_eq!(
            person(&n, "virtanen", Some(acorn)).unwrap().name,
            "Mikko Virtanen"
        );
        // Someone who never worked here is no hint.
        let err = person(&n, "佐藤", Some(acme)).unwrap_err();
        assert!(
            matches!(err, ResolveError::Unknown { hint: None, .. }),
            "{err}"
        );
    }
}
