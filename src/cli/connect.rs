//! How a command reaches the store, decided here and nowhere else: [`open`] for a command
//! that needs the whole [`Store`], [`for_new_event`] for one that only adds an event. Three
//! routes:
//!
//! - the dashboard's socket, while a dashboard holds the store (what the command writes shows
//!   there at once);
//! - the quick inbox, for a new note only: names from the names file and an fsynced append to
//!   the inbox, without opening the database (whose open cost grows with its size);
//! - the store, opened here; another command holding it (no dashboard) is waited for, up to
//!   [`LOCK_PATIENCE`], saying who holds it after a second, and a dashboard that starts
//!   meanwhile is used instead.

use super::{output, Ctx};
use crate::model::Event;
use crate::socket::{NotUsed, Remote};
use crate::store::{self, Store, StoreError};
use anyhow::Result;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a command waits for another one (not a dashboard) to let go of the store: CLI
/// commands take milliseconds, so only a stuck one makes this run out.
const LOCK_PATIENCE: Duration = Duration::from_secs(5);
const CONNECT_EVERY: Duration = Duration::from_millis(250);

/// How this command reaches the store.
pub enum Route<'a> {
    /// The dashboard's store, through its socket.
    Dashboard(Remote),
    /// The inbox (the store has a names file to resolve names from).
    Inbox(QuickInbox<'a>),
    /// The store itself, or, when a dashboard took it while this command waited, its socket.
    Store(Box<dyn Store>),
}

/// The store's inbox, without the database.
pub struct QuickInbox<'a> {
    dir: &'a Path,
}

impl QuickInbox<'_> {
    /// Records `event` durably: appended to the inbox and fsynced; the next open folds it in.
    pub fn add(&self, event: &Event) -> Result<()> {
        Ok(store::quick_add(self.dir, event)?)
    }
}

/// The route for a command that only adds a new event: the dashboard's socket while one runs
/// (a socket that may be someone else's is not used, and stderr says why), else the quick
/// inbox when the store has a names file, else the store, [`open`]ed.
pub fn for_new_event(ctx: &Ctx) -> Result<Route<'_>> {
    if let Some(dashboard) = Remote::connect(&ctx.data_dir) {
        return Ok(Route::Dashboard(dashboard));
    }
    if ctx.quick_names()?.is_some() {
        return Ok(Route::Inbox(QuickInbox { dir: &ctx.data_dir }));
    }
    open(ctx).map(Route::Store)
}

/// The route for every other command: the store: opened here, or, while a dashboard holds it, reached through its socket.
/// Another command holding the store (no dashboard) is waited for, up to [`LOCK_PATIENCE`],
/// saying who holds it after a second.
pub fn open(ctx: &Ctx) -> Result<Box<dyn Store>> {
    let start = Instant::now();
    let mut told = false;
    let mut last_connect = None;
    let mut distrusted = false;
    loop {
        let locked = match store::open(&ctx.data_dir, &ctx.store_options()) {
            Ok(store) => {
                for notice in store.notices() {
                    output::warn(&format!("rapport: {notice}"));
                }
                return Ok(Box::new(store));
            }
            Err(locked @ StoreError::Locked { .. }) => locked,
            Err(e) => return Err(e.into()),
        };
        // A dashboard serves the store on its socket; asked again now and then, in case one
        // starts while we wait.
        if last_connect.is_none_or(|at: Instant| at.elapsed() >= CONNECT_EVERY) {
            last_connect = Some(Instant::now());
            match Remote::find(&ctx.data_dir) {
                Ok(Some(remote)) => return Ok(Box::new(remote)),
                Ok(None) => {}
                // The dashboard holds the store and speaks another protocol: waiting would
                // not help.
                Err(NotUsed::Mismatch(why)) => anyhow::bail!(why),
                // Said once, not at every look while waiting.
                Err(why) if !distrusted => {
                    output::warn(&format!("warning: {why}"));
                    distrusted = true;
                }
                Err(_) => {}
            }
        }
        let waited = start.elapsed();
        if waited >= LOCK_PATIENCE {
            return Err(locked.into());
        }
        if !told && waited >= Duration::from_secs(1) {
            if let StoreError::Locked { pid, .. } = &locked {
                output::warn(&format!(
                    "rapport: waiting for the store, open in another rapport{pid}…"
                ));
            }
            told = true;
        }
        std::thread::sleep(Duration::from_millis(15));
    }
}
