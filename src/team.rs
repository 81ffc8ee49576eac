//! Team mode (issue #17): a consultancy shares one relationship base through PostgreSQL,
//! while each member's sled store stays the default, works offline and keeps every keystroke
//! local. The server is a shared, append-only log; each store pushes what it wrote and pulls
//! what the others did.
//!
//! This is not a storage backend: `store/postgres/` (see `store.rs`) would be a `Store` kept
//! on a server, which team mode is not. It sits above the `Store` trait, as the command line
//! does, and asks of a store only the outbox calls of `store/outbox.rs`: what waits to be
//! pushed is listed in the same atomic write as the record (a crash never leaves a saved note
//! unlisted), and what is pulled is saved through the ordinary write path under its own id.
//!
//! ```text
//! team/connect.rs  the connection string, the password (PGPASSWORD, ~/.pgpass), connecting
//! team/schema.rs   the server's tables, numbered append-only migrations
//! team/server.rs   the SQL: teams, members, devices, push, pull
//! team/shared.rs   what of a client or an event the team sees: no private field at all
//! team/local.rs    the team file beside the store (server, identity, cursor, last error)
//! team/sync.rs     one sync: push the outbox, pull after the cursor, page by page
//! ```
//!
//! ## The design, and why
//!
//! - **Client crate**: the synchronous `postgres` crate, which runs tokio-postgres on a
//!   current-thread runtime of its own. A command syncs and exits, so blocking calls are the
//!   simplest honest code; the dashboard's sync will run the same code on a thread of its
//!   own, and LISTEN/NOTIFY with it sleeps in a blocking read (`Client::notifications`), which
//!   is what an idle dashboard needs. No TLS yet (`connect.rs`).
//! - **Exactly once**: a row is keyed by (device, device_seq), device_seq being the outbox
//!   number. A push retried after a cut re-sends the same numbers and the server keeps what
//!   it has; a record written again gets a new number, so no later version is lost.
//! - **No skipped rows**: each push locks its team's counter row, numbers its rows after it
//!   and moves it, in one transaction, so numbers are given in commit order; a pull asks for
//!   `seq > cursor AND seq <= counter`. A `bigserial` would hand out numbers at insert time
//!   and a reader past a later-committing row would never see it (the tests show both).
//! - **Private stays home**, twice: the shared types have no private field and a private
//!   event has no shared form (private lines are cut from a shared note's text); the server's
//!   CHECK refuses a private row, and no one may UPDATE, DELETE or TRUNCATE the log.
//! - **One identity per client**: the client's id, everywhere. A name clash on pull is
//!   saved renamed and reported (`sync.rs`).
//! - **Last pulled wins**, for now: a pulled version replaces the local record. Edits as
//!   events with a hybrid logical clock come next (the `hlc` column is there, holding the
//!   pushing device's clock).
//!
//! ## Not yet (the next slices)
//!
//! - TLS (rustls, `sslmode`), and the password from the config file.
//! - The dashboard: background sync (on start, after a write, on NOTIFY, every minute), the
//!   status bar's `⇅`; the author shown on shared events, the timeline filtered by author.
//! - People (without their personal facts, which never leave) and their edits.
//! - Edits and marks as HLC events with conflicts shown (a promise kept here and broken
//!   there); tombstones already travel as the event's `deleted`. An event made private after
//!   it was pushed stays on the server as pushed.
//! - Grants and row-level security per member and client (`team grant`/`revoke`, backfill),
//!   one database role per member tied to its rows; `team migrate`; a minimum protocol.
//! - A refused event kept locally and reported rather than failing the push.
//! - Failover tests (primary + streaming replica, multi-host URL), the server killed
//!   mid-push, benches (100,000 events initial sync, 20 members pushing at once).

mod connect;
pub mod local;
pub mod schema;
pub mod server;
pub mod shared;
pub mod sync;

pub use connect::{config, connect};
