//! Turning what the user typed into a client or a person — or a helpful refusal.
//!
//! An exact name or alias wins; otherwise a unique prefix of a name, alias or any word of a
//! name; several candidates are an ambiguity; none gives "did you mean" suggestions.

use crate::model::{fold, Client, ClientId, Person};
use crate::store::{Store, StoreError};

/// Why a name did not resolve.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("no {what} named '{query}'.{}", did_you_mean(.suggestions))]
    Unknown { what: &'static str, query: String, suggestions: Vec<String> },
    #[error("'{query}' matches several {what}s: {}.\nUse the full name{hint}.", .candidates.join(", "))]
    Ambiguous { what: &'static str, query: String, candidates: Vec<String>, hint: &'static str },
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

/// Finds a client by name, alias or unique prefix.
pub fn client(store: &dyn Store, query: &str) -> Result<Client, ResolveError> {
    if let Some(id) = store.client_by_handle(query)? {
        if let Some(client) = store.client(id)? {
            return Ok(client);
        }
    }
    let clients = store.clients()?;
    pick(query, "client", " or the alias", clients, |c| {
        let mut names = vec![c.name.clone()];
        names.extend(c.alias.clone());
        names
    }, client_label)
}

fn client_label(c: &Client) -> String {
    match &c.alias {
        Some(alias) => format!("{} ({alias})", c.name),
        None => c.name.clone(),
    }
}

/// Finds a person by name or unique prefix, among one client's people or everyone's.
pub fn person(store: &dyn Store, query: &str, at: Option<ClientId>) -> Result<Person, ResolveError> {
    let people = store.people(at)?;
    let exact: Vec<&Person> = people.iter().filter(|p| fold(&p.name) == fold(query)).collect();
    if exact.len() == 1 {
        return Ok(exact[0].clone());
    }
    let labels = |p: &Person| person_label(store, p);
    if exact.len() > 1 {
        return Err(ResolveError::Ambiguous {
            what: "person",
            query: query.into(),
            candidates: exact.into_iter().map(labels).collect(),
            hint: " with --client",
        });
    }
    pick(query, "person", " with --client", people, |p| vec![p.name.clone()], labels)
}

fn person_label(store: &dyn Store, p: &Person) -> String {
    match store.client(p.client) {
        Ok(Some(c)) => format!("{} at {}", p.name, c.name),
        _ => p.name.clone(),
    }
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
    let prefixed = |name: &String| {
        let name = fold(name);
        name.starts_with(&q) || name.split_whitespace().any(|word| word.starts_with(&q))
    };
    let (mut hits, rest): (Vec<T>, Vec<T>) =
        items.into_iter().partition(|item| !q.is_empty() && names(item).iter().any(prefixed));
    match hits.len() {
        1 => return Ok(hits.remove(0)),
        n if n > 1 => {
            let candidates = hits.iter().take(8).map(&label).collect();
            return Err(ResolveError::Ambiguous { what, query: query.into(), candidates, hint });
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
    Err(ResolveError::Unknown { what, query: query.into(), suggestions })
}
