//! Keeping the digest file current (see `store::files::digest` for why and the rules): removed
//! before a write that can change a client or a summary, written after it is durable, from a
//! copy held in memory so a write costs one small update, not a read of every summary.
//!
//! The file itself is written by a thread of its own, after the write is acknowledged: at a
//! million events it is megabytes, and encoding and writing it took more of a note's save than
//! the save itself. Rule 1 keeps that safe: the file is gone (durably) before the database
//! changes and comes back only once the write is durable, so a crash before the thread writes
//! leaves no file, never a stale one. Writes that come quickly one after another (a burst of
//! notes, an import) are written as one file. Dropping the store writes what is still due, so
//! a command leaves the file behind it.

use super::{Change, Observer};
use crate::model::{ClientId, Person};
use crate::store::files::digest::{self, Digest, Encoded};
use crate::store::{Result, Store};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// The digest's keeper: the state, and the thread that writes the file (started at the first
/// write: most commands write nothing).
#[derive(Default)]
pub(super) struct Keeper {
    shared: Arc<Shared>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

/// What the store's threads and the writer share.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    /// Wakes the writer when the file becomes due, or the store closes.
    wake: Condvar,
    /// Tells a test's flush that the writer has put its file in place (or given it up).
    idle: Condvar,
}

#[derive(Default)]
struct State {
    /// What the file holds (or will, once written), encoded per client; `None`: build it
    /// from the store.
    held: Option<Encoded>,
    /// The file is removed: a write is under way (inside a batch, several), or `held` is due.
    removed: bool,
    /// Clients whose entries the running writes changed.
    dirty: BTreeSet<ClientId>,
    /// The writes are durable and `held` says what they did: the file may be written here.
    due: Option<PathBuf>,
    /// Counts the writes begun (`before`): a file staged from what was held at one count is
    /// put in place only if no write began since.
    generation: u64,
    /// The writer is writing a file outside the lock.
    staging: bool,
    /// The store is closing: the writer writes what is due and ends.
    closing: bool,
}

impl Observer for Keeper {
    /// The file is written anew when it is missing or cut short. It is read only at the first
    /// write (most commands write nothing).
    fn opened(&self, store: &dyn Store, dir: &Path, _: &Change) -> Result<()> {
        if !digest::looks_whole(dir) {
            let mut state = self.shared.state();
            state.held = Some(built(store)?);
            state.due = Some(dir.to_path_buf());
            state.write_due();
        }
        Ok(())
    }

    /// The file goes (durably), so no reader trusts it while the database changes; a file not
    /// yet written waits for this write too. Never waits for the file to be written: the
    /// writer writes outside the lock, and this write's generation tells it not to put a file
    /// in place that this write may make stale.
    fn before(&self, dir: &Path) -> Result<()> {
        let mut state = self.shared.state();
        state.due = None;
        state.generation += 1;
        if state.removed {
            return Ok(());
        }
        if state.held.is_none() {
            state.held = Encoded::load(dir);
        }
        Digest::remove(dir)?;
        state.removed = true;
        Ok(())
    }

    /// The held entries are brought up to date now, and the file comes back once the writer
    /// gets to it. The write is saved whatever happens here, so a failure only leaves the file
    /// missing (readers then ask the store).
    fn committed(&self, store: &dyn Store, dir: &Path, change: &Change) -> Result<()> {
        let mut state = self.shared.state();
        match change.clients {
            Some(ids) => state.dirty.extend(ids.iter().copied()),
            None => state.held = None,
        }
        if state.removed && state.update(store).is_ok() {
            state.due = Some(dir.to_path_buf());
            self.schedule(&mut state);
        }
        Ok(())
    }

    /// Writes what is due now, here (tests read the file while the store is open).
    #[cfg(test)]
    fn flush(&self) {
        let mut state = self.shared.state();
        while state.staging {
            state = (self.shared.idle.wait(state)).unwrap_or_else(|p| p.into_inner());
        }
        state.write_due();
    }
}

impl Keeper {
    /// Hands the file to the writer, starting it if need be; written here if it cannot start.
    fn schedule(&self, state: &mut State) {
        let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if writer.is_none() {
            let shared = self.shared.clone();
            *writer = std::thread::Builder::new()
                .name("rapport-digest".into())
                .spawn(move || shared.write_while_open())
                .ok();
        }
        match *writer {
            Some(_) => self.shared.wake.notify_one(),
            None => state.write_due(),
        }
    }
}

impl Drop for Keeper {
    /// What is due is written before the store lets go.
    fn drop(&mut self) {
        self.shared.state().closing = true;
        self.shared.wake.notify_one();
        let writer = self.writer.get_mut().unwrap_or_else(|p| p.into_inner());
        if let Some(writer) = writer.take() {
            let _ = writer.join();
        }
    }
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn write_while_open(&self) {
        let mut state = self.state();
        loop {
            state = self.write_outside(state);
            if state.closing && state.due.is_none() {
                return;
            }
            state = (self.wake)
                .wait_while(state, |s| s.due.is_none() && !s.closing)
                .unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Writes the file if it is due: a copy of what is held is taken under the lock (the
    /// chunks are shared, so that is a list of pointers), written beside the digest without
    /// the lock, and put in place under it only if no write began meanwhile (rule 1: a file
    /// in place is never older than the database). A write that began meanwhile makes the
    /// file due again when it commits; this one is dropped.
    fn write_outside<'a>(&'a self, mut state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        let Some(dir) = state.due.take() else {
            return state;
        };
        let Some(held) = state.held.clone() else {
            return state;
        };
        let generation = state.generation;
        state.staging = true;
        drop(state);
        let staged = held.stage(&dir);
        let mut state = self.state();
        state.staging = false;
        // A failure only leaves the file missing: readers then ask the store.
        if staged.is_ok() && state.generation == generation && digest::publish_staged(&dir).is_ok()
        {
            state.removed = false;
        }
        self.idle.notify_all();
        state
    }
}

impl State {
    /// Writes `held` if it is due, under the lock (at open, in tests, or with no writer).
    fn write_due(&mut self) {
        let Some(dir) = self.due.take() else {
            return;
        };
        // A failure only leaves the file missing: readers then ask the store.
        if let Some(held) = &self.held {
            if held.stage(&dir).is_ok() && digest::publish_staged(&dir).is_ok() {
                self.removed = false;
            }
        }
    }

    /// The held entries brought up to date with the writes (built whole when none is held).
    fn update(&mut self, store: &dyn Store) -> Result<()> {
        let dirty = std::mem::take(&mut self.dirty);
        let Some(mut held) = self.held.take() else {
            self.held = Some(built(store)?);
            return Ok(());
        };
        for id in dirty {
            match store.client(id)? {
                Some(client) => {
                    let people: Vec<Person> = (store.people(Some(id))?.into_iter())
                        .filter(Person::is_live)
                        .collect();
                    held.put(digest::chunk(&client, &store.summary(id)?, &people));
                }
                None => held.forget(id.0 .0),
            }
        }
        self.held = Some(held);
        Ok(())
    }
}

/// Every client's chunks, read from the store (people in one scan).
fn built(store: &dyn Store) -> Result<Encoded> {
    let mut people: HashMap<ClientId, Vec<Person>> = HashMap::new();
    for person in store.people(None)?.into_iter().filter(Person::is_live) {
        people.entry(person.client).or_default().push(person);
    }
    let mut encoded = Encoded::default();
    for client in store.clients()? {
        let theirs = people.get(&client.id).map_or(&[][..], Vec::as_slice);
        encoded.put(digest::chunk(&client, &store.summary(client.id)?, theirs));
    }
    Ok(encoded)
}
