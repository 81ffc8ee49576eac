//! The quick paths: what a command can read or record from the files beside the database
//! (`files/`), without opening it (whose open cost grows with the store). Backend-neutral:
//! they rely only on the files every backend keeps current (see `upkeep.rs`).

use super::files::digest::{fold_in_agenda, AgendaInputs};
use super::files::{self, inbox, perms};
use super::sled::migrate;
use super::{Digest, NamesFile, Result};
use crate::model::Event;
use std::path::Path;

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

/// What `rapport agenda` reads, without opening the database: every client's record,
/// summary and live people from the digest, with the inbox's events folded in as the store
/// will fold them (`now`, `half_life_days`: as the store's writes use them). `None` when the
/// digest is missing or unreadable, unfiled notes wait, or there is no store: open the store
/// instead.
pub fn quick_agenda(
    dir: &Path,
    now: chrono::DateTime<chrono::Utc>,
    half_life_days: f64,
) -> Result<Option<Vec<AgendaInputs>>> {
    if !dir.join("schema").exists() {
        return Ok(None);
    }
    migrate::check_guard(dir)?;
    // Unfiled notes are listed with the agenda, and telling one filed just before a crash
    // takes the database: rare enough to open it then.
    if !files::unfiled::list(dir)?.is_empty() {
        return Ok(None);
    }
    // The inbox first, then the digest: see digest.rs, rule 2.
    let waiting = inbox::peek(dir)?;
    Ok(Digest::load_agenda(dir).map(|mut inputs| {
        fold_in_agenda(&mut inputs, &waiting, now, half_life_days);
        inputs
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
