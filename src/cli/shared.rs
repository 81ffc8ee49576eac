//! What several commands share: the value parser of their typed options, the timeline table
//! (`log`, `client show`) and the people table (`person list`, `client show`).

use super::output::{or_dash, table};
use super::Ctx;
use crate::model::{ClientId, Event, MadeIn, Person, PersonId, Summary};
use crate::when;
use crate::when::ago;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// A clap value parser for the model's word enums (`--kind call`, `--role manager`).
pub fn parse<T: std::str::FromStr<Err = String>>(s: &str) -> Result<T, String> {
    s.parse()
}

/// The timeline table used by `log` and `client show`.
pub fn events_table(events: &[Event], names: &HashMap<PersonId, String>) -> String {
    events_table_of(events, names, None)
}

/// The timeline table, with a client column when `clients` names them (`log --all`).
pub fn events_table_of(
    events: &[Event],
    names: &HashMap<PersonId, String>,
    clients: Option<&HashMap<ClientId, String>>,
) -> String {
    let links = MadeIn::of(events);
    let rows = events
        .iter()
        .map(|e| {
            let people: Vec<&str> = e
                .people
                .iter()
                .filter_map(|p| names.get(p).map(String::as_str))
                .collect();
            let mut row = vec![
                when::show(e.at),
                e.kind.to_string(),
                people.join(", "),
                describe(e, &links),
                if e.trust == 0 {
                    String::new()
                } else {
                    format!("{:+}", e.trust)
                },
                // The random end: ids made in the same second share their first ten.
                e.id.short(),
            ];
            if let Some(clients) = clients {
                row.insert(1, clients.get(&e.client).cloned().unwrap_or_default());
            }
            row
        })
        .collect();
    match clients {
        Some(_) => table(
            &["when", "client", "kind", "with", "what", "trust", "id"],
            rows,
        ),
        None => table(&["when", "kind", "with", "what", "trust", "id"], rows),
    }
}

/// The text with the markers that matter: private, removed, promise state, minutes.
fn describe(e: &Event, links: &MadeIn) -> String {
    let mut marks = Vec::new();
    if e.private {
        marks.push("[private]".to_string());
    }
    if e.deleted.is_some() {
        marks.push("[removed]".to_string());
    }
    if let Some(p) = &e.promise {
        match (p.outcome, p.due) {
            (Some(outcome), _) => marks.push(format!("[{outcome}]")),
            (None, Some(due)) => marks.push(format!("[due {due}]")),
            (None, None) => marks.push("[open]".into()),
        }
    }
    marks.extend(links.marks(e));
    if let Some(m) = e.minutes {
        marks.push(format!(
            "[{m} min{}]",
            if e.billed { ", billed" } else { "" }
        ));
    }
    if !e.tags.is_empty() {
        marks.push(
            e.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    let text = e.text.replace('\n', " ⏎ ");
    if marks.is_empty() {
        text
    } else {
        format!("{text} {}", marks.join(" "))
    }
}

/// The people table used by `person list` and `client show`.
pub fn people_table(ctx: &Ctx, people: &[Person], summary: &Summary) -> String {
    table_of(ctx, people, None, &|p| {
        summary.last_contact_by_person.get(&p.id).copied()
    })
}

pub fn table_of(
    ctx: &Ctx,
    people: &[Person],
    client_names: Option<&HashMap<ClientId, String>>,
    last: &dyn Fn(&Person) -> Option<DateTime<Utc>>,
) -> String {
    let mut header = vec!["name", "role", "title", "stance", "contact", "latest fact"];
    if client_names.is_some() {
        header.insert(1, "client");
    }
    let rows = people
        .iter()
        .map(|p| {
            // Only `person list --all` shows removed people; it says which.
            let name = match p.removed {
                Some(at) => format!(
                    "{} (removed {})",
                    p.name,
                    at.with_timezone(&chrono::Local).date_naive()
                ),
                None => p.name.clone(),
            };
            let mut row = vec![
                name,
                p.role.to_string(),
                or_dash(p.title.as_deref()),
                p.stance.to_string(),
                ago(last(p).map(|t| (ctx.now - t).num_days()), "d ago"),
                or_dash(
                    p.facts
                        .iter()
                        .max_by_key(|f| f.noted)
                        .map(|f| f.text.as_str()),
                ),
            ];
            if let Some(names) = client_names {
                row.insert(1, names.get(&p.client).cloned().unwrap_or_default());
            }
            row
        })
        .collect();
    table(&header, rows)
}
