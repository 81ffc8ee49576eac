//! sled 0.34 at its boundary. sled is unmaintained, and four of its habits would break the
//! store's promises; each is contained here, before or after sled touches its files:
//!
//! 1. Every open writes `db/snap.<lsn>.generating` and renames it. A process killed in between
//!    (or a full disk) leaves a partial file that the next open reads as the newest snapshot,
//!    and sled then refuses the store as corrupt. A snapshot is only a shortcut through the log
//!    (sled keeps the previous one until the new one is in place), so before sled opens, an
//!    unfinished snapshot, or a finished one that fails its checksum while an older one is
//!    there, is moved to `DIR/set-aside/` and said so.
//! 2. A value over about 128 KiB goes to a file of its own in `db/blobs/`, never fsynced (nor
//!    the directory): after each flush, new blob files and their directory are fsynced.
//! 3. When a write fails (a full disk), the failed buffer is never made stable, and dropping
//!    the database then waits for it forever. After an I/O error, the handle is leaked
//!    instead of dropped: the process exits, and everything acknowledged was already durable.
//! 4. Its errors carry no file name and call a full disk "IO error": both are said plainly.

use crate::store::{is_disk_full, Result, StoreError, StoreOptions};
use std::collections::HashSet;
use std::fs::{self, File};
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Set when sled reported an I/O error anywhere in this process: its handles may then hang
/// when dropped (habit 3). One flag for the process, since any handle may hold the failed
/// buffer and a process opens one store.
static FAILED: AtomicBool = AtomicBool::new(false);

/// Where files sled would misread are moved, inside the store's directory.
pub const SET_ASIDE: &str = "set-aside";

/// An open sled database that fsyncs what sled leaves unsynced, and is not dropped after an
/// I/O error.
pub struct Engine {
    db: ManuallyDrop<sled::Db>,
    path: PathBuf,
    /// Blob files known to be durable.
    synced_blobs: Mutex<HashSet<std::ffi::OsString>>,
    /// What was set aside before opening, for the command to tell the user.
    pub notices: Vec<String>,
}

impl Deref for Engine {
    type Target = sled::Db;
    fn deref(&self) -> &sled::Db {
        &self.db
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        if !FAILED.load(Ordering::SeqCst) {
            // SAFETY: dropped once, here, and never used again.
            unsafe { ManuallyDrop::drop(&mut self.db) }
        }
    }
}

impl Engine {
    /// Opens the database at `path` (inside the store `dir`), setting aside first what sled
    /// would misread, and turning sled's panics on damaged files into an error.
    pub fn open(path: &Path, dir: &Path, options: &StoreOptions) -> Result<Self> {
        let notices = set_aside_snapshots(path, dir)?;
        let db = open_sled(path, dir, options).map_err(|e| diagnose(e, path))?;
        let engine = Self {
            db: ManuallyDrop::new(db),
            path: path.to_path_buf(),
            synced_blobs: Mutex::default(),
            notices,
        };
        // Blobs a crashed process left unsynced: made durable once, now.
        engine.sync_blobs()?;
        Ok(engine)
    }

    /// Flushes sled and makes its log and blobs durable (sled 0.34's `flush` does not fsync
    /// on Linux).
    pub fn sync(&self, log: &File, dir: &Path) -> Result<()> {
        self.db.flush().map_err(|e| engine_error(dir, e))?;
        log.sync_all()
            .map_err(|source| StoreError::io("syncing", dir, source))?;
        self.sync_blobs()
    }

    /// Fsyncs the blob files not synced yet, then their directory (for the new names).
    pub fn sync_blobs(&self) -> Result<()> {
        let blobs = self.path.join("blobs");
        let io = |source| StoreError::io("syncing", &blobs, source);
        let entries = match fs::read_dir(&blobs) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io(e)),
        };
        let mut synced = self.synced_blobs.lock().unwrap_or_else(|p| p.into_inner());
        let mut present = HashSet::new();
        let mut new = false;
        for entry in entries {
            let entry = entry.map_err(io)?;
            let name = entry.file_name();
            if !synced.contains(&name) {
                File::open(entry.path())
                    .and_then(|f| f.sync_all())
                    .map_err(io)?;
                new = true;
            }
            present.insert(name);
        }
        if new {
            File::open(&blobs).and_then(|d| d.sync_all()).map_err(io)?;
        }
        // Forget the blobs sled has removed since.
        *synced = present;
        Ok(())
    }
}

/// A sled error as the store reports it.
pub fn engine_error(dir: &Path, source: sled::Error) -> StoreError {
    match source {
        sled::Error::Io(e) => {
            FAILED.store(true, Ordering::SeqCst);
            if is_disk_full(&e) {
                StoreError::DiskFull {
                    place: dir.to_path_buf(),
                }
            } else {
                StoreError::Engine {
                    dir: dir.to_path_buf(),
                    source: Box::new(sled::Error::Io(e)),
                }
            }
        }
        sled::Error::Corruption { .. } | sled::Error::ReportableBug(_) => StoreError::Corrupt {
            dir: dir.to_path_buf(),
            detail: source.to_string(),
        },
        source => StoreError::Engine {
            dir: dir.to_path_buf(),
            source: Box::new(source),
        },
    }
}

/// The crash tests' fault injection: with `RAPPORT_CRASH_AFTER_BATCHES=N` set, the process
/// makes the first N batches durable, as sled does when its buffers fill, and kills itself
/// (SIGKILL, so nothing runs after) right after the Nth. Read once; unset, this costs a load.
pub fn crash_point(db: &sled::Db) {
    use std::sync::atomic::AtomicU64;
    use std::sync::OnceLock;
    static AFTER: OnceLock<Option<u64>> = OnceLock::new();
    static APPLIED: AtomicU64 = AtomicU64::new(0);
    let Some(after) = *AFTER.get_or_init(|| {
        std::env::var("RAPPORT_CRASH_AFTER_BATCHES")
            .ok()
            .and_then(|n| n.parse().ok())
    }) else {
        return;
    };
    if APPLIED.fetch_add(1, Ordering::SeqCst) + 1 >= after {
        let _ = db.flush();
        let _ =
            rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::KILL);
    }
}

fn open_sled(path: &Path, dir: &Path, options: &StoreOptions) -> Result<sled::Db> {
    let config = sled::Config::new()
        .path(path)
        .cache_capacity(options.cache_bytes)
        // We flush (and fsync) ourselves before acknowledging a write; a timer would only
        // wake an idle dashboard.
        .flush_every_ms(None);
    // We hold the store's own lock, so a database still locked is this process's previous
    // handle, whose last references sled's threads drop a moment after it closed.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    let opened = loop {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let opened = catch_unwind(AssertUnwindSafe(|| config.open()));
        std::panic::set_hook(quiet);
        match &opened {
            Ok(Err(sled::Error::Io(e)))
                if e.to_string().contains("could not acquire lock")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            _ => break opened,
        }
    };
    match opened {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(e)) => Err(engine_error(dir, e)),
        Err(_) => Err(StoreError::Corrupt {
            dir: dir.to_path_buf(),
            detail: "the database files are damaged (the storage engine could not recover them)"
                .into(),
        }),
    }
}

/// A store sled could not open: the damaged file named, when one of its own can be found.
fn diagnose(error: StoreError, path: &Path) -> StoreError {
    let StoreError::Corrupt { dir, detail } = error else {
        return error;
    };
    let damaged: Vec<String> = damaged_blobs(path)
        .into_iter()
        .chain(
            snapshots(path)
                .into_iter()
                .filter(|s| !snapshot_is_whole(s)),
        )
        .map(|p| p.display().to_string())
        .collect();
    let detail = if damaged.is_empty() {
        format!("{detail} (unfinished snapshots were set aside first; none of the files could be singled out)")
    } else {
        format!(
            "{detail}; damaged: {} (unfinished snapshots were set aside first; the file above \
             could not be, as the log refers to it)",
            damaged.join(", ")
        )
    };
    StoreError::Corrupt { dir, detail }
}

/// Blob files that are empty, cut short or fail their checksum.
fn damaged_blobs(path: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(path.join("blobs")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| !blob_is_whole(p))
        .collect()
}

/// A blob is a little-endian CRC32 of the rest, then a kind byte and the value.
fn blob_is_whole(path: &Path) -> bool {
    let Ok(bytes) = fs::read(path) else {
        return false;
    };
    bytes.len() > 5
        && u32::from_le_bytes(bytes[..4].try_into().unwrap()) == crc32fast::hash(&bytes[4..])
}

/// The snapshot files sled would consider, oldest first (names sort by lsn).
fn snapshots(path: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(path) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("snap.") && !n.ends_with(".in___motion"))
        })
        .collect();
    found.sort();
    found
}

/// A finished snapshot ends with its length (8 bytes) and a little-endian CRC32 of what comes
/// before them.
fn snapshot_is_whole(path: &Path) -> bool {
    if path.extension().is_some_and(|e| e == "generating") {
        return false;
    }
    let Ok(bytes) = fs::read(path) else {
        return false;
    };
    let len = bytes.len();
    len > 12
        && u32::from_le_bytes(bytes[len - 4..].try_into().unwrap())
            == crc32fast::hash(&bytes[..len - 12])
}

/// Moves aside, newest first, every snapshot sled would misread, as long as an older whole
/// one (or the log alone, for `.generating` files) remains to open from.
fn set_aside_snapshots(path: &Path, dir: &Path) -> Result<Vec<String>> {
    let mut notices = Vec::new();
    let mut found = snapshots(path);
    while let Some(newest) = found.last() {
        let unfinished = newest.extension().is_some_and(|e| e == "generating");
        if !unfinished && (snapshot_is_whole(newest) || found.len() == 1) {
            break;
        }
        let moved = set_aside(newest, dir)?;
        notices.push(format!(
            "set aside {} ({}) as {}; the store opened from the one before it",
            newest.display(),
            if unfinished {
                "a snapshot a crash or a full disk left unfinished"
            } else {
                "a snapshot that fails its checksum"
            },
            moved.display()
        ));
        found.pop();
    }
    Ok(notices)
}

fn set_aside(file: &Path, dir: &Path) -> Result<PathBuf> {
    let aside = dir.join(SET_ASIDE);
    crate::store::files::perms::create_private_dir(&aside)?;
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f");
    let target = aside.join(format!("{name}.{stamp}"));
    let io = |source| StoreError::io("setting aside", file, source);
    fs::rename(file, &target).map_err(io)?;
    for parent in [file.parent().unwrap_or(dir), aside.as_path()] {
        File::open(parent).and_then(|d| d.sync_all()).map_err(io)?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot_bytes(body: &[u8]) -> Vec<u8> {
        let mut bytes = body.to_vec();
        bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&crc32fast::hash(body).to_le_bytes());
        bytes
    }

    #[test]
    fn unfinished_and_torn_snapshots_are_set_aside_down_to_a_whole_one() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        fs::create_dir(&db).unwrap();
        fs::write(db.join("snap.0000000000000010"), snapshot_bytes(b"older")).unwrap();
        let mut torn = snapshot_bytes(b"newer but torn");
        torn[2] ^= 0xff;
        fs::write(db.join("snap.0000000000000020"), torn).unwrap();
        fs::write(db.join("snap.0000000000000030.generating"), b"half").unwrap();
        let notices = set_aside_snapshots(&db, dir.path()).unwrap();
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert!(notices[0].contains("unfinished"), "{notices:?}");
        assert!(notices[1].contains("checksum"), "{notices:?}");
        let left: Vec<_> = snapshots(&db);
        assert_eq!(left, vec![db.join("snap.0000000000000010")]);
        assert_eq!(fs::read_dir(dir.path().join(SET_ASIDE)).unwrap().count(), 2);
    }

    #[test]
    fn the_only_snapshot_stays_even_when_torn_so_the_error_can_name_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        fs::create_dir(&db).unwrap();
        fs::write(db.join("snap.0000000000000010"), b"short").unwrap();
        assert!(set_aside_snapshots(&db, dir.path()).unwrap().is_empty());
        let error = diagnose(
            StoreError::Corrupt {
                dir: dir.path().into(),
                detail: "Read corrupted data".into(),
            },
            &db,
        );
        assert!(
            error.to_string().contains("snap.0000000000000010"),
            "{error}"
        );
    }

    #[test]
    fn a_torn_blob_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = dir.path().join("blobs");
        fs::create_dir(&blobs).unwrap();
        let mut good = crc32fast::hash(b"\x01value").to_le_bytes().to_vec();
        good.extend_from_slice(b"\x01value");
        fs::write(blobs.join("100"), &good).unwrap();
        fs::write(blobs.join("200"), &good[..3]).unwrap();
        assert_eq!(damaged_blobs(dir.path()), vec![blobs.join("200")]);
    }
}
