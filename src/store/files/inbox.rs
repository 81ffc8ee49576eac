//! The inbox (`DIR/inbox`): new events recorded without opening the database. A quick note
//! appends one JSON line and fsyncs it before it is acknowledged; the next open of the store
//! folds the inbox into the database (skipping ids already there) and empties it.
//!
//! A crash mid-append leaves a torn last line that was never acknowledged. The next append
//! seals it with a newline first, so it cannot swallow the next note; when folded in, a line
//! that does not parse is kept in `DIR/inbox.rejected`, never dropped.

use crate::model::Event;
use crate::store::{Result, StoreError};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::Path;

const FILE: &str = "inbox";
const REJECTED: &str = "inbox.rejected";

/// What the store did with one event from the inbox.
pub enum Verdict {
    Stored,
    AlreadyStored,
    /// It cannot go in (its client is gone): kept aside in `inbox.rejected`.
    Rejected,
}

fn io<'a>(path: &'a Path, what: &'a str) -> impl Fn(std::io::Error) -> StoreError + 'a {
    move |source| StoreError::io(what, path, source)
}

fn open(path: &Path, create: bool) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .append(true)
        .create(create)
        .mode(0o600)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
}

/// Appends `event` durably.
pub fn append(dir: &Path, event: &Event) -> Result<()> {
    let path = dir.join(FILE);
    let err = io(&path, "writing");
    let existed = path.exists();
    let mut file = open(&path, true).map_err(&err)?;
    file.lock().map_err(&err)?;
    let len = file.metadata().map_err(&err)?.len();
    let mut line = Vec::with_capacity(512);
    if len > 0 {
        let mut last = [0u8];
        file.read_exact_at(&mut last, len - 1).map_err(&err)?;
        if last[0] != b'\n' {
            line.push(b'\n');
        }
    }
    serde_json::to_writer(&mut line, event).map_err(|e| err(e.into()))?;
    line.push(b'\n');
    file.write_all(&line).map_err(&err)?;
    file.sync_data().map_err(&err)?;
    if !existed {
        File::open(dir).and_then(|d| d.sync_all()).map_err(&err)?;
    }
    Ok(())
}

/// The events waiting in the inbox, read without taking its lock (for a reader that only
/// looks): a line being appended, or torn by a crash, does not parse and is skipped.
pub fn peek(dir: &Path) -> Result<Vec<Event>> {
    let path = dir.join(FILE);
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&path, "reading")(e)),
    };
    Ok(text
        .split(|b| *b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect())
}

/// Hands every event in the inbox to `store`, calls `sync` to make them durable there, then
/// empties the inbox. Returns how many were stored.
pub fn drain(
    dir: &Path,
    store: &mut dyn FnMut(Event) -> Result<Verdict>,
    sync: &dyn Fn() -> Result<()>,
) -> Result<usize> {
    let path = dir.join(FILE);
    let err = io(&path, "reading");
    let mut file = match open(&path, false) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(err(e)),
    };
    file.lock().map_err(&err)?;
    let mut text = Vec::new();
    file.seek(SeekFrom::Start(0)).map_err(&err)?;
    file.read_to_end(&mut text).map_err(&err)?;
    if text.is_empty() {
        return Ok(0);
    }
    let mut stored = 0;
    let mut rejected = Vec::new();
    for line in text
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
    {
        let verdict = match serde_json::from_slice::<Event>(line) {
            Ok(event) => store(event)?,
            Err(_) => Verdict::Rejected,
        };
        match verdict {
            Verdict::Stored => stored += 1,
            Verdict::AlreadyStored => {}
            Verdict::Rejected => {
                rejected.extend_from_slice(line);
                rejected.push(b'\n');
            }
        }
    }
    if !rejected.is_empty() {
        let aside = dir.join(REJECTED);
        let mut out = open(&aside, true).map_err(io(&aside, "writing"))?;
        out.write_all(&rejected)
            .and_then(|_| out.sync_all())
            .map_err(io(&aside, "writing"))?;
    }
    // Only once everything is durable in the database may the inbox go.
    sync()?;
    file.set_len(0).map_err(&err)?;
    file.sync_all().map_err(&err)?;
    Ok(stored)
}
