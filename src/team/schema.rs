//! The server's schema: numbered migrations, applied in order and never changed once
//! released (a change is a new migration), recorded in `rapport_migrations`. `team init`
//! applies what is missing under an advisory lock (two inits at once wait for each other);
//! everything else only checks that the server is at the version this rapport knows, and
//! refuses a newer one, so an old rapport never writes what it cannot read.
//!
//! The tables (version 1):
//!
//! - `rapport_teams`: one row per team, whose `counter` is the last sequence number given.
//!   A push locks the row, numbers its events after it and moves it, in one transaction, so
//!   numbers are given in commit order and a pull up to `counter` never skips a late commit
//!   (a `bigserial` would: numbers are drawn at insert, rows appear at commit).
//! - `rapport_members`, `rapport_devices`: who is in the team, on which machines.
//! - `rapport_events`: the append-only log. One row per pushed version of a client or an
//!   event (`record`), unique by (device, device_seq) so a retried push adds nothing, with its
//!   author and its shared form (`payload`, jsonb). A CHECK refuses anything private: the
//!   `private` column, a payload with a `private` or `facts` key, a text with a `🔒` line.
//!   Triggers refuse UPDATE, DELETE and TRUNCATE to everyone, and the `rapport_member` role
//!   is granted SELECT and INSERT only.

use anyhow::{bail, Context, Result};
use postgres::Client;

/// The migrations, in order. Append only: a released one is never edited.
const MIGRATIONS: &[(i32, &str)] = &[(1, V1)];

/// The server schema this rapport reads and writes.
pub const VERSION: i32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Taken for the length of a migration, so two `team init`s do not interleave.
const LOCK: i64 = 0x0072_6170_706f_7274; // "rapport" in ASCII

const V1: &str = r#"
CREATE TABLE rapport_teams (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    counter bigint NOT NULL DEFAULT 0,
    created timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE rapport_members (
    team text NOT NULL REFERENCES rapport_teams,
    id text NOT NULL,
    name text NOT NULL,
    joined timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team, id),
    UNIQUE (team, name)
);
CREATE TABLE rapport_devices (
    team text NOT NULL,
    id text NOT NULL,
    member text NOT NULL,
    host text NOT NULL,
    registered timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team, id),
    FOREIGN KEY (team, member) REFERENCES rapport_members
);
CREATE TABLE rapport_events (
    team text NOT NULL,
    seq bigint NOT NULL,
    record text NOT NULL CHECK (record IN ('client', 'event')),
    id text NOT NULL,
    client text NOT NULL,
    device text NOT NULL,
    device_seq bigint NOT NULL,
    author text NOT NULL,
    private boolean NOT NULL DEFAULT false,
    payload jsonb NOT NULL,
    -- The device's clock when written (ms); becomes a hybrid logical clock with edits.
    hlc bigint NOT NULL,
    pushed timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team, seq),
    UNIQUE (team, device, device_seq),
    FOREIGN KEY (team, device) REFERENCES rapport_devices,
    FOREIGN KEY (team, author) REFERENCES rapport_members,
    CONSTRAINT rapport_events_never_private CHECK (
        NOT private
        AND NOT (payload ? 'private')
        AND NOT (payload ? 'facts')
        AND coalesce(payload->>'text', '') !~ '(^|\n)\s*🔒'
    )
);
CREATE INDEX rapport_events_by_id ON rapport_events (team, id);

CREATE FUNCTION rapport_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rapport_events is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER rapport_events_append_only BEFORE UPDATE OR DELETE ON rapport_events
    FOR EACH ROW EXECUTE FUNCTION rapport_append_only();
CREATE TRIGGER rapport_events_no_truncate BEFORE TRUNCATE ON rapport_events
    FOR EACH STATEMENT EXECUTE FUNCTION rapport_append_only();

-- Roles are the cluster's, not the database's: another database's init may have made it.
DO $$ BEGIN
    CREATE ROLE rapport_member NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
REVOKE ALL ON rapport_teams, rapport_members, rapport_devices, rapport_events FROM PUBLIC;
GRANT SELECT, INSERT ON rapport_events, rapport_members, rapport_devices TO rapport_member;
GRANT SELECT, UPDATE (counter) ON rapport_teams TO rapport_member;
"#;

/// Brings the server's schema up to [`VERSION`]; returns the versions applied now.
pub fn migrate(client: &mut Client) -> Result<Vec<i32>> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS rapport_migrations (
             version integer PRIMARY KEY,
             applied timestamptz NOT NULL DEFAULT now()
         )",
    )?;
    let found = applied(&mut tx)?;
    refuse_newer(found)?;
    let mut done = Vec::new();
    for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        tx.batch_execute(sql)
            .with_context(|| format!("applying server schema {version}"))?;
        tx.execute(
            "INSERT INTO rapport_migrations (version) VALUES ($1)",
            &[&version],
        )?;
        done.push(version);
    }
    tx.commit()?;
    Ok(done)
}

/// Fails unless the server is at [`VERSION`].
pub fn check(client: &mut Client) -> Result<()> {
    let exists: bool = client
        .query_one("SELECT to_regclass('rapport_migrations') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        bail!("the server has no rapport schema; run `rapport team init URL` first");
    }
    let found = applied(client)?;
    refuse_newer(found)?;
    if found < VERSION {
        bail!(
            "the server's rapport schema is {found}, this rapport needs {VERSION}; \
             run `rapport team init URL` to upgrade it"
        );
    }
    Ok(())
}

fn applied(client: &mut impl postgres::GenericClient) -> Result<i32> {
    let row = client.query_one(
        "SELECT coalesce(max(version), 0) FROM rapport_migrations",
        &[],
    )?;
    Ok(row.get(0))
}

fn refuse_newer(found: i32) -> Result<()> {
    if found > VERSION {
        bail!(
            "the server's rapport schema is {found}, newer than this rapport knows ({VERSION}); \
             upgrade rapport to sync"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_one_by_one() {
        let numbers: Vec<i32> = MIGRATIONS.iter().map(|(v, _)| *v).collect();
        let expected: Vec<i32> = (1..=MIGRATIONS.len() as i32).collect();
        assert_eq!(numbers, expected);
    }
}
