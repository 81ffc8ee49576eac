//! Schema versions and migrations.
//!
//! The version lives in the db (`m/schema`) and, as a guard, in the text file `DIR/schema`,
//! which is read *before* sled is opened: sled rewrites its files on every open, so this is
//! the only way to refuse a store from a newer rapport and leave it byte-for-byte untouched.

use super::{keys, sled_store::SledStore};
use crate::store::{Result, StoreError, StoreOptions};
use std::path::Path;

/// The schema this build writes. History:
/// 1. clients, people, events (no summaries);
/// 2. per-client summaries maintained on write;
/// 3. summaries also keep the last 30 days of trust movements (for the trend);
/// 4. timelines and the id index stored as chunks of neighbouring events;
/// 5. summaries also keep who was recognised when, the last 30 days of contacts and the
///    promises of a relationship's first 30 days (for the insights).
/// 6. the search index of note text.
/// 7. summaries count advice given to someone named as contact with them.
/// 8. summaries keep trust as decayed sums of good and bad movement (the bounded score).
/// 9. the team outbox (`outbox.rs`): nothing to convert, but a rapport that does not know it
///    must not write to a store in a team, or its writes would never be pushed.
pub const CURRENT_SCHEMA: u32 = 9;

/// A step from `from` to `from + 1`. Steps must be safe to re-run: a crash between the step and
/// the version bump runs it again.
type Step = fn(&SledStore) -> Result<()>;

/// Steps after schema 4. Schemas 1 to 3 are all brought up by one rewrite of the database into
/// the chunked layout followed by a rebuild of the summaries (steps 1 and 2 used to build
/// summaries; they read the timeline, so they must run after the move to the new layout).
const STEPS: &[(u32, Step)] = &[
    (4, rebuild_summaries),
    (5, super::search::build),
    (6, rebuild_summaries),
    (7, rebuild_summaries),
    (8, |_| Ok(())),
];

/// The last schema with one record per event.
const UNCHUNKED: u32 = 3;

fn build_summaries(store: &SledStore) -> Result<()> {
    use crate::store::Store;
    store.check(chrono::Utc::now(), true).map(|_| ())
}

/// Recomputes every summary from its timeline, without `check`'s index checks (at a million
/// events those took most of the time). Safe to re-run.
fn rebuild_summaries(store: &SledStore) -> Result<()> {
    use crate::store::codec::encode;
    use crate::store::Store;
    let now = chrono::Utc::now();
    for client in store.clients()? {
        let summary = store.rebuild(client.id, now)?;
        (store.db())
            .insert(keys::summary(client.id), encode(&summary))
            .map_err(|e| super::sled_store::engine_error(store.dir_path(), e))?;
    }
    // The digest is written again from the new summaries when the store has opened.
    crate::store::files::digest::Digest::remove(store.dir_path())?;
    store.sync()
}

/// Refuses a store whose guard file names a newer schema, without opening sled.
pub fn check_guard(dir: &Path) -> Result<()> {
    match read_guard(dir)? {
        Some(found) if found > CURRENT_SCHEMA => Err(too_new(dir, found)),
        _ => Ok(()),
    }
}

fn read_guard(dir: &Path) -> Result<Option<u32>> {
    let path = dir.join("schema");
    match std::fs::read_to_string(&path) {
        Ok(text) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| StoreError::Corrupt {
                dir: dir.to_path_buf(),
                detail: format!("{} does not hold a schema number", path.display()),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(StoreError::Io {
            context: format!("reading {}", path.display()),
            source,
        }),
    }
}

/// Durable before anything relies on it: an older rapport must refuse an upgraded store even
/// after a power cut.
pub fn write_guard(dir: &Path, version: u32) -> Result<()> {
    crate::store::files::replace::replace(
        dir,
        "schema",
        format!("{version}\n").as_bytes(),
        crate::store::files::replace::Durability::Synced,
    )
}

fn too_new(dir: &Path, found: u32) -> StoreError {
    StoreError::TooNew {
        dir: dir.to_path_buf(),
        found,
        supported: CURRENT_SCHEMA,
    }
}

/// Brings an opened store up to [`CURRENT_SCHEMA`].
pub fn upgrade(store: SledStore, options: &StoreOptions) -> Result<SledStore> {
    let guard = read_guard(store.dir_path())?;
    let found = match (store.schema_version()?, guard) {
        (Some(v), _) => v,
        (None, None) if store.is_blank()? => {
            create(&store)?;
            return Ok(store);
        }
        (None, Some(_)) if store.is_blank()? => {
            // The store was created (it has a schema file) but its database holds nothing:
            // the files were damaged or replaced. Opening it as new would hide the loss.
            return Err(StoreError::Corrupt {
                dir: store.dir_path().to_path_buf(),
                detail: "its database is empty although the store was created; the files are damaged \
                         or were replaced. Restore them from a backup, or `rapport import` an export \
                         into a new --data-dir"
                    .into(),
            });
        }
        (None, _) => 1,
    };
    if found > CURRENT_SCHEMA {
        return Err(too_new(store.dir_path(), found));
    }
    if found == CURRENT_SCHEMA && store.schema_version()?.is_some() {
        // The usual case: nothing to write, so opening costs no write and no fsync.
        return Ok(store);
    }
    // Guard first, so an older rapport refuses the store even if we crash half-way.
    write_guard(store.dir_path(), CURRENT_SCHEMA)?;
    let store = if found <= UNCHUNKED {
        super::rechunk::rewrite(store, options)?
    } else {
        store
    };
    // The rebuild after a rewrite makes every summary current: later steps that only
    // rebuild summaries need not run again.
    let mut found = found;
    if found <= UNCHUNKED {
        build_summaries(&store)?;
        found = CURRENT_SCHEMA;
    }
    for &(from, step) in STEPS.iter().filter(|(from, _)| *from >= found) {
        step(&store)?;
        store.set_schema_version(from + 1)?;
    }
    store.set_schema_version(CURRENT_SCHEMA)?;
    store.sync()?;
    Ok(store)
}

/// A new store: the version goes into the database first, then the guard file, so that a
/// guard without a version always means damage (see `upgrade`).
fn create(store: &SledStore) -> Result<()> {
    store.set_schema_version(CURRENT_SCHEMA)?;
    store.sync()?;
    write_guard(store.dir_path(), CURRENT_SCHEMA)
}

/// Test support: pretend the store at `dir` was written with another schema.
#[doc(hidden)]
pub fn force_schema_version(dir: &Path, version: u32) -> Result<()> {
    let store = SledStore::open_raw(dir, &crate::store::StoreOptions::default())?;
    store.set_schema_version(version)?;
    store.sync()?;
    drop(store);
    write_guard(dir, version)
}

/// Test support: drop the summaries, as a schema-1 store had none.
#[doc(hidden)]
pub fn downgrade_to_v1(dir: &Path) -> Result<()> {
    let store = SledStore::open_raw(dir, &crate::store::StoreOptions::default())?;
    super::rechunk::unchunk(&store)?;
    store.remove_prefix(keys::SUMMARIES)?;
    store.set_schema_version(1)?;
    store.sync()?;
    drop(store);
    write_guard(dir, 1)
}

/// Test support: make the store look written by schema 4, whose summaries lacked the
/// insight fields (recognition, recent contacts, the relationship's start).
#[doc(hidden)]
pub fn downgrade_to_v4(dir: &Path) -> Result<()> {
    use crate::model::Summary;
    use crate::store::codec::{decode, encode};
    let store = SledStore::open_raw(dir, &crate::store::StoreOptions::default())?;
    let corrupt = |detail: String| StoreError::Corrupt {
        dir: dir.to_path_buf(),
        detail,
    };
    for item in store.db().scan_prefix(keys::SUMMARIES) {
        let (key, value) = item.map_err(|e| corrupt(e.to_string()))?;
        let full: Summary = decode(&value).map_err(corrupt)?;
        let old = Summary {
            last_thanks_by_person: Default::default(),
            recent_contacts: Vec::new(),
            first_event: None,
            early_promises: Vec::new(),
            ..full
        };
        store
            .db()
            .insert(key, encode(&old))
            .map_err(|e| corrupt(e.to_string()))?;
    }
    store.set_schema_version(4)?;
    store.sync()?;
    drop(store);
    write_guard(dir, 4)
}
