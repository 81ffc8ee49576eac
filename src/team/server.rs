//! What rapport asks of the server, in SQL: teams, members and devices, pushing rows and
//! pulling them. Each function is one round of statements; the caller owns connections and
//! transactions (a push is one transaction, which `push` runs inside, so a test can hold it).

use anyhow::{bail, Result};
use postgres::{Client, GenericClient, Transaction};
use std::collections::HashSet;

/// Who this store is on the server.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Identity {
    pub team: String,
    pub team_name: String,
    pub member: String,
    pub member_name: String,
    pub device: String,
}

/// One row to push: a version of a client or an event, in its shared form.
#[derive(Clone, Debug)]
pub struct PushRow {
    /// The device's sequence number (its outbox number): the row's idempotency key.
    pub device_seq: i64,
    /// `client` or `event`.
    pub record: &'static str,
    pub id: String,
    pub client: String,
    pub payload: serde_json::Value,
    pub hlc: i64,
}

/// One pulled row.
#[derive(Clone, Debug)]
pub struct PulledRow {
    pub seq: i64,
    pub record: String,
    pub device: String,
    pub author: String,
    pub payload: serde_json::Value,
}

/// The team named `name`, made if missing; returns its id.
pub fn create_team(client: &mut Client, name: &str) -> Result<String> {
    let id = ulid::Ulid::new().to_string();
    client.execute(
        "INSERT INTO rapport_teams (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        &[&id, &name],
    )?;
    Ok(client
        .query_one("SELECT id FROM rapport_teams WHERE name = $1", &[&name])?
        .get(0))
}

/// The team to join: the one named, or the only one there is.
pub fn find_team(client: &mut Client, name: Option<&str>) -> Result<(String, String)> {
    let rows = client.query("SELECT id, name FROM rapport_teams ORDER BY name", &[])?;
    let teams: Vec<(String, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    match name {
        Some(name) => match teams.into_iter().find(|(_, n)| n == name) {
            Some(team) => Ok(team),
            None => bail!("the server has no team named {name:?}"),
        },
        None if teams.len() == 1 => Ok(teams.into_iter().next().unwrap()),
        None if teams.is_empty() => bail!("the server has no team yet; run `rapport team init`"),
        None => {
            let names: Vec<&str> = teams.iter().map(|(_, n)| n.as_str()).collect();
            bail!(
                "the server has several teams ({}); name one with --name",
                names.join(", ")
            )
        }
    }
}

/// Registers `member_name` (known by name: the same member on a second laptop) and a new
/// device for this store.
pub fn register(
    client: &mut Client,
    team: (String, String),
    member_name: &str,
    host: &str,
) -> Result<Identity> {
    let mut tx = client.transaction()?;
    let fresh = ulid::Ulid::new().to_string();
    tx.execute(
        "INSERT INTO rapport_members (team, id, name) VALUES ($1, $2, $3)
         ON CONFLICT (team, name) DO NOTHING",
        &[&team.0, &fresh, &member_name],
    )?;
    let member: String = tx
        .query_one(
            "SELECT id FROM rapport_members WHERE team = $1 AND name = $2",
            &[&team.0, &member_name],
        )?
        .get(0);
    let device = ulid::Ulid::new().to_string();
    tx.execute(
        "INSERT INTO rapport_devices (team, id, member, host) VALUES ($1, $2, $3, $4)",
        &[&team.0, &device, &member, &host],
    )?;
    tx.commit()?;
    Ok(Identity {
        team: team.0,
        team_name: team.1,
        member,
        member_name: member_name.to_string(),
        device,
    })
}

/// A member of the team and how many devices they sync from.
pub struct Member {
    pub name: String,
    pub devices: i64,
    pub joined: chrono::DateTime<chrono::Utc>,
}

pub fn members(client: &mut Client, team: &str) -> Result<Vec<Member>> {
    let rows = client.query(
        "SELECT m.name, count(d.id), m.joined FROM rapport_members m
         LEFT JOIN rapport_devices d ON d.team = m.team AND d.member = m.id
         WHERE m.team = $1 GROUP BY m.name, m.joined ORDER BY m.name",
        &[&team],
    )?;
    Ok(rows
        .iter()
        .map(|r| Member {
            name: r.get(0),
            devices: r.get(1),
            joined: r.get(2),
        })
        .collect())
}

/// Adds `rows` to the log inside `tx` (which the caller commits): the team's counter row is
/// locked first, so pushes run one after the other and each number is given in commit order;
/// a row whose (device, device_seq) is there already (a retry after a cut) is left out.
/// Returns how many rows were added.
pub fn push(tx: &mut Transaction, who: &Identity, rows: &[PushRow]) -> Result<u64> {
    let counter: i64 = tx
        .query_one(
            "SELECT counter FROM rapport_teams WHERE id = $1 FOR UPDATE",
            &[&who.team],
        )?
        .get(0);
    let seqs: Vec<i64> = rows.iter().map(|r| r.device_seq).collect();
    let there: HashSet<i64> = tx
        .query(
            "SELECT device_seq FROM rapport_events
             WHERE team = $1 AND device = $2 AND device_seq = ANY($3)",
            &[&who.team, &who.device, &seqs],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let insert = tx.prepare(
        "INSERT INTO rapport_events
             (team, seq, record, id, client, device, device_seq, author, payload, hlc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )?;
    let mut seq = counter;
    for row in rows.iter().filter(|r| !there.contains(&r.device_seq)) {
        seq += 1;
        tx.execute(
            &insert,
            &[
                &who.team,
                &seq,
                &row.record,
                &row.id,
                &row.client,
                &who.device,
                &row.device_seq,
                &who.member,
                &row.payload,
                &row.hlc,
            ],
        )?;
    }
    if seq != counter {
        tx.execute(
            "UPDATE rapport_teams SET counter = $2 WHERE id = $1",
            &[&who.team, &seq],
        )?;
    }
    Ok((seq - counter) as u64)
}

/// The rows after `cursor`, oldest first, at most `limit`, up to the counter as committed:
/// every row numbered up to it is committed with it, so none is skipped.
pub fn pull(
    client: &mut impl GenericClient,
    team: &str,
    cursor: i64,
    limit: i64,
) -> Result<Vec<PulledRow>> {
    let rows = client.query(
        "SELECT e.seq, e.record, e.device, m.name, e.payload
         FROM rapport_events e
         JOIN rapport_members m ON m.team = e.team AND m.id = e.author
         WHERE e.team = $1 AND e.seq > $2
           AND e.seq <= (SELECT counter FROM rapport_teams WHERE id = $1)
         ORDER BY e.seq LIMIT $3",
        &[&team, &cursor, &limit],
    )?;
    Ok(rows
        .iter()
        .map(|r| PulledRow {
            seq: r.get(0),
            record: r.get(1),
            device: r.get(2),
            author: r.get(3),
            payload: r.get(4),
        })
        .collect())
}

/// The team's counter: how far a pull can go.
pub fn counter(client: &mut Client, team: &str) -> Result<i64> {
    Ok(client
        .query_one("SELECT counter FROM rapport_teams WHERE id = $1", &[&team])?
        .get(0))
}
