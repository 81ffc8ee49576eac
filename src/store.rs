//! The store's API: [`Store`] and [`Names`] (from the call table [`store_calls!`]),
//! [`StoreError`], [`StoreOptions`], [`Page`] and its [`Cursor`], [`Batch`], [`Drift`]. No
//! engine type appears here; everything above (command line, dashboard, socket, store
//! process) talks to the trait. The folder shows the layers below it:
//!
//! ```text
//! store.rs          the API: the call table, the trait, the options (this file)
//! store/error.rs    StoreError
//! store/names.rs    Names: what resolving names reads (every store is one)
//! store/page.rs     Page and Cursor: paging a timeline, the cursor opaque and serialisable
//! store/batch.rs    Batch and Loader: many new records in few durable writes
//! store/window.rs   a client's events inside a time window, paged (hours, day logs)
//! store/write.rs    the write path's rules over any Store (what removing an outcome does
//!                   to its promise's mark)
//! store/upkeep.rs   the write path's after-commit observers: the digest and the names
//!                   file kept current, once per commit or batch, never after a failure
//! store/quick.rs    the quick paths: note, status and unfiled notes without the database
//! store/codec.rs    versioned MessagePack, for database records and files alike
//! store/outbox.rs   what team mode asks of a store: the outbox of records waiting to be
//!                   pushed, written with them, and saving what a pull brought
//! store/sled/       the sled backend: SledStore (sled_store/: reserving, opening, records,
//!                   writes, summaries, the Store calls), the engine boundary, keys, chunks,
//!                   the transaction, timelines, drafts, versions, the note index,
//!                   migrations (migrate, rechunk); the only code that touches sled
//! store/files/      the files beside the database: lock, names, inbox, unfiled, digest,
//!                   overview (a Store of its own, for the dashboard's first frame), and how
//!                   they are written (replace, perms)
//! ```
//!
//! The remote stores live outside: `socket/` (a `Store` that forwards every row of the call
//! table to the dashboard, and its server) and `store_process/` (the dashboard's store in a
//! child process). Neither knows which backend answers.
//!
//! On disk, in the data dir (0700):
//!
//! ```text
//! lock      -- held (flock) while a process has the store open; holds that process's pid
//! schema    -- the schema version as text, checked before the database is opened
//! names     -- every client's and person's name, for quick notes (files/names_file.rs)
//! inbox     -- quick notes not yet in the database (files/inbox.rs)
//! unfiled   -- notes no client could be found for, until assigned (files/unfiled.rs)
//! digest    -- what `rapport status` needs, kept current on every write (files/digest.rs)
//! overview  -- what the dashboard draws first (files/overview.rs)
//! db/       -- the sled database (files 0600)
//! ```
//!
//! ## Another backend (PostgreSQL, say)
//!
//! It goes in `store/postgres/` beside `store/sled/`, as a type implementing [`Store`] and
//! [`Names`], chosen in [`open`]. It must implement:
//!
//! - every row of [`store_calls!`] without a default, and [`Store::for_each_event`] (rows
//!   with a default, such as `summaries`, `trust_moves` and `load`, work as they are and may
//!   be made quicker: `load` in one transaction, say);
//! - each write durable and atomic when the call returns: an event with the summary it
//!   changes and its note index entry, a kept promise with its outcome, an edit with the
//!   version it replaces;
//! - the summaries kept exact on every write, folded with `model::Summary` (`apply`,
//!   `unapply`, rebuilt when a write loses the latest of something), so nothing scans a
//!   whole timeline; searching without reading whole timelines (a full-text index will do);
//! - [`Cursor`]s of its own for paging (its keyset in [`Position::Resume`]), and
//!   [`Position::Before`] honoured;
//! - its own schema versions and migrations, its errors said as a [`StoreError`] (its own
//!   boxed in [`StoreError::Engine`]);
//! - for team mode, the `team_*` rows (their defaults refuse): the outbox entry written in
//!   the same atomic write as each client and shared event, never for a private one, and a
//!   pull saved through its ordinary writes without entering the outbox (`store/outbox.rs`);
//! - while the data dir stays: the lock ([`Reserved`]) and the inbox folded in at open
//!   (`files/inbox.rs`: `drain`, through its ordinary writes), and the write path's
//!   observers told — `Observers::files(dir)` held, `opened` at open, `before` ahead of a
//!   write that changes clients or summaries, `committed` with what changed once the write
//!   is durable (never after a failure), `start_batch`/`end_batch` around a `load`, and a
//!   names generation of its own bumped with every client or person write. That is all it
//!   does for the digest and the names file: the observers write them, or `rapport note`'s
//!   quick path and `rapport status` would read stale data.
//!
//! It must not reimplement what is not the engine's: the key layout, chunks, `Tx`, the
//! overlay and the note index of `store/sled/` are sled's answers to sled's limits (a SQL
//! table, index or transaction does their job); nor the file formats, their atomic writes or
//! their upkeep (`store/files/`, `store/upkeep.rs`); nor [`set_removed`] and the other rules
//! of `store/write.rs`; nor the socket, its wire calls or the store process, which forward
//! any [`Store`] (they come from the same call table); nor anything above the trait.

mod batch;
mod codec;
mod error;
mod files;
mod names;
mod outbox;
mod page;
mod quick;
mod sled;
mod upkeep;
mod window;
mod write;

/// Support for tests that need a store in a particular state.
#[doc(hidden)]
pub mod testing {
    pub use super::sled::migrate::{downgrade_to_v1, downgrade_to_v4, force_schema_version};
}

pub use batch::{Batch, Loader};
pub(crate) use error::is_disk_full;
pub use error::{Result, StoreError};
pub use files::digest::{AgendaInputs, Digest, DigestEntry};
pub use files::names_file::NamesFile;
pub use files::overview::Overview;
pub(crate) use files::replace::{replace as replace_file, Durability};
pub use names::Names;
pub use outbox::{Outgoing, Pulled, Shareable};
pub use page::{Cursor, Page, Position};
pub use quick::{quick_add, quick_agenda, quick_digest, quick_keep_unfiled, quick_names};
pub use sled::migrate::CURRENT_SCHEMA;
pub use sled::sled_store::{Reserved, SledStore};
pub use window::{across_clients, each_in_window, Window};
pub use write::set_removed;

use crate::model::{
    Client, ClientId, Draft, Event, EventId, EventVersion, Person, PersonId, Summary,
};
use crate::search::{Query, Results};
use chrono::{DateTime, Utc};
use page::trust_moves_by_pages;
use std::path::Path;

/// How to open a store.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    /// Bound on sled's page cache.
    pub cache_bytes: u64,
    /// Half-life of trust movements, used to keep summaries current.
    pub half_life_days: f64,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            cache_bytes: 32 << 20,
            half_life_days: 90.0,
        }
    }
}

/// What the dashboard shows of one client ([`Store::selection`]).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct Selection {
    /// The client's people, removed ones included.
    pub people: Vec<Person>,
    /// The first page of its timeline.
    pub page: Page,
    /// The trust chart's moves ([`Store::trust_moves`]).
    pub trust_moves: Vec<(DateTime<Utc>, i8)>,
}

/// What `check` found for one client.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Drift {
    pub client: ClientId,
    pub problems: Vec<String>,
}

/// Every store call that can cross a process, written once: a method of [`Store`] (or of
/// [`Names`]), with its wire form. `store_calls!(m)` hands the table to macro `m`; this module
/// makes the trait of it ([`store_trait!`]), `socket::calls` the wire calls, the server's
/// dispatch and the forwarding of every store that answers elsewhere (a command's `Remote`,
/// the dashboard's store process). Adding a call is one row here, then its implementations
/// (`SledStore`, `Overview`).
///
/// A row: `Variant = fn name(&self, arg: Type as Wire, …) -> Result<T> { default }, touches
/// expr;` where `as Wire` is the owned form a borrowed argument travels in (else it travels
/// as it is), the default body is optional, and `touches` (optional) gives the clients a
/// write changes, for the dashboard to redraw. What cannot cross a process (a closure) is
/// written by hand in [`store_trait!`] and in `socket::calls`.
macro_rules! store_calls {
    ($then:ident) => {
        $then! {
            names {
                ClientNames = fn client_names(&self) -> Result<Vec<ClientName>>;
                PersonNames = fn person_names(&self, client: Option<ClientId>)
                    -> Result<Vec<PersonName>>;
            }
            store {
                /// True when the store holds no clients.
                IsEmpty = fn is_empty(&self) -> Result<bool>;

                /// Adds or replaces a client; names and aliases stay unique (case-insensitive).
                PutClient = fn put_client(&self, client: &Client as Client) -> Result<()>,
                    touches Some(Touched::Clients([client.id].into()));
                Client = fn client(&self, id: ClientId) -> Result<Option<Client>>;
                /// All clients, archived included, in name order.
                Clients = fn clients(&self) -> Result<Vec<Client>>;
                /// The client whose name or alias is exactly `handle` (case-insensitive).
                ClientByHandle = fn client_by_handle(&self, handle: &str as String)
                    -> Result<Option<ClientId>>;

                /// Adds or replaces a stakeholder.
                PutPerson = fn put_person(&self, person: &Person as Person) -> Result<()>,
                    touches Some(Touched::Clients([person.client].into()));
                Person = fn person(&self, id: PersonId) -> Result<Option<Person>>;
                /// The people at one client, or everybody, in client then name order.
                People = fn people(&self, client: Option<ClientId>) -> Result<Vec<Person>>;

                /// Records `new` events and replaces `changed` ones (outcome, tombstone,
                /// restore) in one atomic write, keeping the summaries exact: a promise kept is
                /// its outcome event and the mark on the promise, together or not at all.
                SaveEvents = fn save_events(
                    &self,
                    new: &[Event] as Vec<Event>,
                    changed: &[Event] as Vec<Event>,
                    now: DateTime<Utc>
                ) -> Result<()>,
                    touches Some(Touched::Clients(
                        new.iter().chain(changed).map(|e| e.client).collect(),
                    ));
                /// Replaces a stored event with a corrected `event` and keeps the one it
                /// replaces as an earlier version, in one atomic write that keeps the summaries
                /// and the note index exact; the stored event says when it was edited. An edit
                /// that changes nothing writes nothing.
                EditEvent = fn edit_event(&self, event: &Event as Event, now: DateTime<Utc>)
                    -> Result<()>,
                    touches Some(Touched::Clients([event.client].into()));
                /// Edits `edits` as [`Store::edit_event`] does (each keeps the version it
                /// replaces; one that changes nothing is left), records `new` events and
                /// replaces `changed` ones (tombstones, marks) without versions, all in one
                /// atomic write: an edited call with the promises now made in it, or its undo
                /// (the version back, those promises removed), whole or not at all.
                EditEvents = fn edit_events(
                    &self,
                    edits: &[Event] as Vec<Event>,
                    new: &[Event] as Vec<Event>,
                    changed: &[Event] as Vec<Event>,
                    now: DateTime<Utc>
                ) -> Result<()>,
                    touches Some(Touched::Clients(
                        edits.iter().chain(new).chain(changed).map(|e| e.client).collect(),
                    ));
                /// The earlier versions of an event, oldest first (empty if never edited).
                EventVersions = fn event_versions(&self, id: EventId) -> Result<Vec<EventVersion>>;
                Event = fn event(&self, id: EventId) -> Result<Option<Event>>;
                /// Ids starting with `prefix` (case-insensitive), at most `limit`.
                EventsWithPrefix = fn events_with_prefix(
                    &self,
                    prefix: &str as String,
                    limit: usize
                ) -> Result<Vec<EventId>>;
                /// Ids ending with `suffix` (case-insensitive), at most `limit`: the short ids
                /// listings show (`EventId::short`). There is no index by the end of an id, so
                /// this reads the whole event index (at a million events a few tenths of a
                /// second); ask it only when no id starts with what was typed.
                EventsWithSuffix = fn events_with_suffix(
                    &self,
                    suffix: &str as String,
                    limit: usize
                ) -> Result<Vec<EventId>>;
                /// A page of one client's timeline, newest first, tombstones included; reads
                /// only the page.
                EventsPage = fn events_page(
                    &self,
                    client: ClientId,
                    after: Option<&Cursor> as Option<Cursor>,
                    limit: usize
                ) -> Result<Page>;

                /// The maintained summary of a client.
                Summary = fn summary(&self, client: ClientId) -> Result<Summary>;
                /// The summaries of `clients`, in that order: one call for the clients pane.
                Summaries = fn summaries(&self, clients: &[ClientId] as Vec<ClientId>)
                    -> Result<Vec<Summary>>
                {
                    clients.iter().map(|&id| self.summary(id)).collect()
                };
                /// When a client's live events in `(since, until]` moved trust, and by how much,
                /// newest first: the trust chart's data, without the events themselves (through
                /// the store process, a 90-day window is a few hundred bytes, not pages of notes).
                TrustMoves = fn trust_moves(
                    &self,
                    client: ClientId,
                    since: DateTime<Utc>,
                    until: DateTime<Utc>
                ) -> Result<Vec<(DateTime<Utc>, i8)>>
                {
                    trust_moves_by_pages(self, client, since, until)
                };
                /// What the dashboard shows when a client is selected, in one call (through
                /// the store process one round trip, where the three calls are three): the
                /// client's people, its timeline's page after `after`, and its trust moves in
                /// `(since, until]`.
                Selection = fn selection(
                    &self,
                    client: ClientId,
                    after: Option<&Cursor> as Option<Cursor>,
                    limit: usize,
                    since: DateTime<Utc>,
                    until: DateTime<Utc>
                ) -> Result<crate::store::Selection>
                {
                    Ok(crate::store::Selection {
                        people: self.people(Some(client))?,
                        page: self.events_page(client, after, limit)?,
                        trust_moves: self.trust_moves(client, since, until)?,
                    })
                };
                /// Recomputes every summary from the timeline; reports differences and, with
                /// `fix`, stores the recomputed ones.
                Check = fn check(&self, now: DateTime<Utc>, fix: bool) -> Result<Vec<Drift>>,
                    touches fix.then_some(Touched::All);

                /// Stores many new records at once (a demo, an import, vCards): clients, then
                /// people, then events, all durable when the call returns. Not atomic: after an
                /// error, what came before it stays stored. Feed a long stream through a
                /// [`Loader`]. A backend with no quicker way stores each record as its own write.
                Load = fn load(
                    &self,
                    batch: &crate::store::Batch as crate::store::Batch,
                    now: DateTime<Utc>
                ) -> Result<()>
                {
                    batch::load_each(self, batch, now)
                },
                    touches Some(Touched::All);

                /// Keeps `draft` as its client's unsaved note, replacing the one before;
                /// durable like every write, since a draft is there to survive a crash.
                PutDraft = fn put_draft(&self, draft: &Draft as Draft) -> Result<()>;
                /// Forgets the client's unsaved note (saved or emptied); nothing when there is
                /// none.
                RemoveDraft = fn remove_draft(&self, client: ClientId) -> Result<()>;
                /// Every unsaved note, in no particular order.
                Drafts = fn drafts(&self) -> Result<Vec<Draft>>;

                /// Clients, people and notes matching `query`, best first in each group. Reads
                /// the note index, never a whole timeline.
                Search = fn search(&self, query: &Query as Query) -> Result<Results>;

                /// Notes typed where no client could be found for them, oldest first; kept
                /// beside the database (`files/unfiled.rs`). One whose event is stored already
                /// (filed, then a crash) is forgotten here.
                Unfiled = fn unfiled(&self) -> Result<Vec<crate::model::Unfiled>>;
                /// Keeps such a note, durably; returns the number it is listed under.
                KeepUnfiled = fn keep_unfiled(
                    &self,
                    note: &crate::model::Unfiled as crate::model::Unfiled
                ) -> Result<u32>,
                    touches Some(Touched::All);
                /// Files unfiled note `number` as `events` (the note under its own id, then
                /// the promises made in it), then forgets it.
                FileUnfiled = fn file_unfiled(
                    &self,
                    number: u32,
                    events: &[Event] as Vec<Event>,
                    now: DateTime<Utc>
                ) -> Result<()>,
                    touches Some(Touched::All);
                /// Forgets unfiled note `number`; returns it.
                DropUnfiled = fn drop_unfiled(&self, number: u32) -> Result<crate::model::Unfiled>,
                    touches Some(Touched::All);

                /// Team mode (`store/outbox.rs`): from now on every write of a client or of
                /// an event that is not private lists it in the outbox, in the same atomic
                /// write; every such record stored already is listed now. Returns how many
                /// wait. Called again, it lists them all again (pushing twice is harmless).
                TeamEnroll = fn team_enroll(&self) -> Result<u64>
                {
                    Err(outbox::unsupported())
                };
                /// The outbox after `after`, oldest first, at most `limit`.
                TeamOutbox = fn team_outbox(&self, after: u64, limit: usize)
                    -> Result<Vec<crate::store::Outgoing>>
                {
                    let _ = (after, limit);
                    Err(outbox::unsupported())
                };
                /// Forgets the outbox up to `upto` (it is on the server), durably.
                TeamPushed = fn team_pushed(&self, upto: u64) -> Result<()>
                {
                    let _ = upto;
                    Err(outbox::unsupported())
                };
                /// How many records wait in the outbox (0 when not in a team).
                TeamWaiting = fn team_waiting(&self) -> Result<u64>
                {
                    Err(outbox::unsupported())
                };
                /// Saves what a pull brought through the ordinary write path (summaries, names
                /// and index kept as for any write), each record under its own id, without
                /// listing it in the outbox; an event stored already is replaced when it
                /// differs and left when it does not, so a pull saved twice changes nothing.
                TeamSavePulled = fn team_save_pulled(
                    &self,
                    pulled: &crate::store::Pulled as crate::store::Pulled,
                    now: DateTime<Utc>
                ) -> Result<()>
                {
                    let _ = (pulled, now);
                    Err(outbox::unsupported())
                },
                    touches Some(Touched::All);
                /// Who wrote a pulled event (`None`: written here).
                TeamAuthor = fn team_author(&self, event: EventId) -> Result<Option<String>>
                {
                    let _ = event;
                    Err(outbox::unsupported())
                };
            }
        }
    };
}
pub(crate) use store_calls;

/// The [`Store`] trait from the table of [`store_calls!`], with the methods that cannot cross
/// a process written here.
macro_rules! store_trait {
    (
        names { $($names:tt)* }
        store {
            $(
                $(#[$meta:meta])*
                $variant:ident = fn $name:ident(
                    &$self:ident $(, $arg:ident: $ty:ty $(as $wire:ty)?)* $(,)?
                ) -> $ret:ty $($default:block)? $(, touches $touch:expr)?;
            )*
        }
    ) => {
        /// The relationship store. Every write is durable (flushed and fsynced) when the call
        /// returns.
        pub trait Store: Names {
            $( store_trait!(@method $(#[$meta])* fn $name(&$self $(, $arg: $ty)*) -> $ret
                $($default)?); )*

            /// Records a new event and folds it into its client's summary.
            fn add_event(&self, event: &Event, now: DateTime<Utc>) -> Result<()> {
                self.save_events(std::slice::from_ref(event), &[], now)
            }
            /// Replaces a stored event, keeping the summary exact.
            fn update_event(&self, event: &Event, now: DateTime<Utc>) -> Result<()> {
                self.save_events(&[], std::slice::from_ref(event), now)
            }
            /// Visits one client's whole timeline oldest first (export, check).
            fn for_each_event(
                &self,
                client: ClientId,
                f: &mut dyn FnMut(Event) -> Result<()>,
            ) -> Result<()>;
        }
    };
    (@method $(#[$meta:meta])* fn $name:ident(&$self:ident $(, $arg:ident: $ty:ty)*) -> $ret:ty) => {
        $(#[$meta])*
        fn $name(&$self $(, $arg: $ty)*) -> $ret;
    };
    (@method $(#[$meta:meta])* fn $name:ident(&$self:ident $(, $arg:ident: $ty:ty)*) -> $ret:ty
        $default:block) => {
        $(#[$meta])*
        fn $name(&$self $(, $arg: $ty)*) -> $ret $default
    };
}

store_calls!(store_trait);

/// Opens (creating if needed) the default store implementation. Events waiting in the inbox
/// are folded in first.
pub fn open(dir: &Path, options: &StoreOptions) -> Result<SledStore> {
    SledStore::open(dir, options)
}
