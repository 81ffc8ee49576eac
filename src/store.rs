//! The store's API: [`Store`] (from the call table [`store_calls!`]), [`StoreError`],
//! [`StoreOptions`], [`Page`], [`Drift`], and the quick paths that skip the database. No
//! engine type appears here; everything above (command line, dashboard, socket, store
//! process) talks to the trait. The folder shows the layers below it:
//!
//! ```text
//! store.rs        the API (this file)
//! store/codec.rs  versioned MessagePack, for database records and files alike
//! store/sled/     the sled backend: SledStore, the engine boundary, keys, chunks, the
//!                 transaction, timelines, drafts, the note index, migrations (migrate,
//!                 rechunk); the only code that touches sled
//! store/files/    the files beside the database: lock, names, inbox, digest, overview
//!                 (a Store of its own, for the dashboard's first frame), and how they are
//!                 written (replace, perms)
//! ```
//!
//! The remote stores live outside: `socket/` (a `Store` that forwards to the dashboard, and
//! its server) and `store_process/` (the dashboard's store in a child process).
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
//! [`Names`], chosen in [`open`]. It must implement every row of [`store_calls!`] plus the
//! hand-written methods of [`store_trait!`] (`dir`, `for_each_event`, `bulk`), with each
//! write durable and atomic when the call returns (an event with the summary it changes, a
//! kept promise with its outcome), the summaries kept exact on every write (see
//! `model::fold`), searching without reading whole timelines, its own schema versions and
//! migrations, and its errors said as a [`StoreError`] (its own ones boxed in
//! [`StoreError::Engine`]). As long as the data dir stays, it must also keep the files of
//! `store/files/` current as `SledStore` does: take the lock ([`Reserved`]), fold in the inbox
//! on open, rewrite the names file after a client or person changes and keep the digest
//! (rule order in `files/digest.rs`), or `rapport note`'s quick path and `rapport status`
//! read stale data.
//!
//! It must not reimplement what is not the engine's: the key layout, chunks, `Tx` and the
//! note index of `store/sled/` are sled's answers to sled's limits (a SQL table, index or
//! transaction does their job); nor the file formats and their atomic writes (use
//! `store/files/`), nor the socket, its wire calls or the store process, which forward any
//! [`Store`] (they come from the same call table); nor anything above the trait.

mod codec;
mod files;
mod sled;

/// Support for tests that need a store in a particular state.
#[doc(hidden)]
pub mod testing {
    pub use super::sled::migrate::{downgrade_to_v1, downgrade_to_v4, force_schema_version};
}

pub use files::digest::{Digest, DigestEntry};
pub use files::names_file::NamesFile;
pub use files::overview::Overview;
pub use sled::keys::Cursor;
pub use sled::migrate::CURRENT_SCHEMA;
pub use sled::sled_store::{Reserved, SledStore};

use crate::model::{
    Client, ClientId, Draft, Event, EventId, EventVersion, Person, PersonId, Summary,
};
use crate::resolve::Names;
use crate::search::{Query, Results};
use chrono::{DateTime, Utc};
use files::{inbox, perms};
use sled::migrate;
use std::path::{Path, PathBuf};

/// What can go wrong below the command line, each with a sentence a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the rapport store in {dir} is open in another process{pid}.\n\
         Close that rapport (or wait for it to finish) and try again."
    )]
    Locked { dir: PathBuf, pid: String },
    #[error(
        "the rapport store in {dir} was written by a newer rapport (schema {found}; this rapport \
         reads up to {supported}).\nUpgrade rapport to open it; the store was left untouched."
    )]
    TooNew {
        dir: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "the rapport store in {dir} could not be read: {detail}.\nrapport changed nothing in \
         it. Keep a copy of the directory; run `rapport check` for details; only if the files \
         are damaged beyond what rapport set aside, restore it from an export."
    )]
    Corrupt { dir: PathBuf, detail: String },
    #[error("a client named or aliased '{0}' already exists")]
    NameTaken(String),
    #[error("no such {what}: {id}")]
    Missing { what: &'static str, id: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error(
        "the disk holding {place} is full: what this command was writing is not saved \
         (everything saved before is safe).\nFree some space and run it again."
    )]
    DiskFull { place: PathBuf },
    /// An error of the storage engine that none of the above says better; the engine's own
    /// error is kept as its source, whatever the engine.
    #[error("storage engine error in {dir}: {source}")]
    Engine {
        dir: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// An error the dashboard's store gave to a command that reached it through its socket.
    #[error("{0}")]
    Remote(String),
}

impl StoreError {
    /// An I/O error on `path`, or a full disk said as such.
    pub fn io(what: &str, path: &Path, source: std::io::Error) -> Self {
        if is_disk_full(&source) {
            StoreError::DiskFull {
                place: path.parent().unwrap_or(path).to_path_buf(),
            }
        } else {
            StoreError::Io {
                context: format!("{what} {}", path.display()),
                source,
            }
        }
    }
}

/// True when `e` says the disk is full.
pub(crate) fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.raw_os_error() == Some(28)
        // sled sometimes re-wraps the error as text.
        || e.to_string().contains("code: 28")
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

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

/// A page of a client's timeline, newest first.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Page {
    pub events: Vec<Event>,
    /// Pass back to get the next (older) page; `None` at the start of the timeline.
    pub next: Option<Cursor>,
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
/// write changes, for the dashboard to redraw. What cannot cross a process (`dir`, a closure)
/// is written by hand in [`store_trait!`] and in `socket::calls`.
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
                /// The earlier versions of an event, oldest first (empty if never edited).
                EventVersions = fn event_versions(&self, id: EventId) -> Result<Vec<EventVersion>>;
                Event = fn event(&self, id: EventId) -> Result<Option<Event>>;
                /// Ids starting with `prefix` (case-insensitive), at most `limit`.
                EventsWithPrefix = fn events_with_prefix(
                    &self,
                    prefix: &str as String,
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
                /// Recomputes every summary from the timeline; reports differences and, with
                /// `fix`, stores the recomputed ones.
                Check = fn check(&self, now: DateTime<Utc>, fix: bool) -> Result<Vec<Drift>>,
                    touches fix.then_some(Touched::All);

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
        /// returns, except inside [`Store::bulk`], which makes one durable flush at its end.
        pub trait Store: Names {
            /// The data directory.
            fn dir(&self) -> &Path;

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

            /// Runs `f` with per-write flushing turned off, then makes everything durable at
            /// once.
            fn bulk(
                &self,
                f: &mut dyn FnMut(&dyn Store) -> anyhow::Result<()>,
            ) -> anyhow::Result<()>;
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

/// Removes `event` (a tombstone at `removed`) or restores it (`None`) in one write; an outcome
/// takes its promise's mark with it, which is returned when it changed. `rapport delete` and
/// the dashboard's `X` both write through here.
pub fn set_removed(
    store: &dyn Store,
    mut event: Event,
    removed: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(Event, Option<Event>)> {
    event.deleted = removed;
    let promise = match event.resolves {
        Some(id) => store
            .event(id)?
            .and_then(|promise| crate::model::follow_outcome(&event, &promise)),
        None => None,
    };
    let changed: Vec<Event> = std::iter::once(event.clone())
        .chain(promise.clone())
        .collect();
    store.save_events(&[], &changed, now)?;
    Ok((event, promise))
}

/// [`Store::trust_moves`] read from the timeline's pages, newest first, stopping at `since`.
fn trust_moves_by_pages<S: Store + ?Sized>(
    store: &S,
    client: ClientId,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, i8)>> {
    /// Read where the store is, so larger than a screen's page.
    const PAGE: usize = 256;
    let mut moves = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.events_page(client, cursor.as_ref(), PAGE)?;
        for e in page.events {
            if e.at <= since {
                return Ok(moves);
            }
            if e.is_live() && e.trust != 0 && e.at <= until {
                moves.push((e.at, e.trust));
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(moves),
        }
    }
}

/// Opens (creating if needed) the default store implementation. Events waiting in the inbox
/// are folded in first.
pub fn open(dir: &Path, options: &StoreOptions) -> Result<SledStore> {
    SledStore::open(dir, options)
}

/// The names of an existing store, for a quick note, without opening the database. `None` when
/// there is no store (or no names file) yet: open the store instead.
pub fn quick_names(dir: &Path) -> Result<Option<NamesFile>> {
    if !dir.join("schema").exists() {
        return Ok(None);
    }
    migrate::check_guard(dir)?;
    NamesFile::load(dir)
}

/// What `rapport status` needs, without opening the database: the digest with the inbox's
/// events folded in. `None` when the digest is missing (a write is under way, or the store
/// has not been opened since it was lost): open the store instead.
/// Without `texts` the promises' texts are left out (quicker).
pub fn quick_digest(dir: &Path, texts: bool) -> Result<Option<Digest>> {
    // The inbox first, then the digest: see digest.rs, rule 2.
    let waiting = inbox::peek(dir)?;
    Ok(Digest::load(dir, texts).map(|mut digest| {
        digest.fold_in(&waiting);
        digest
    }))
}

/// Records a new event durably without opening the database, whose open cost grows with its
/// size: the event is appended to the inbox and fsynced; the next open folds it in. Use it with
/// names from [`quick_names`].
pub fn quick_add(dir: &Path, event: &Event) -> Result<()> {
    perms::private_umask();
    migrate::check_guard(dir)?;
    inbox::append(dir, event)
}

/// Keeps a note no client could be found for, durably, without opening the database: see
/// `files/unfiled.rs`. Returns its number.
pub fn quick_keep_unfiled(dir: &Path, note: &crate::model::Unfiled) -> Result<u32> {
    perms::private_umask();
    if dir.join("schema").exists() {
        migrate::check_guard(dir)?;
    }
    files::unfiled::keep(dir, note)
}
