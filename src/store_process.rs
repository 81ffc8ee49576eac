//! The dashboard's store, opened in a child process that sleeps soundly while the dashboard
//! waits.
//!
//! Why a second process: sled 0.34 keeps seven I/O threads that each wake once a second for as
//! long as the process lives, and has no setting to stop them: 420 wake-ups a minute in a
//! dashboard that should cost nothing while idle. So the dashboard opens the store in a child
//! (`rapport store-process`, hidden), talks to it over its pipes in the socket's protocol, and
//! pauses it (SIGSTOP) once no call came for [`PAUSE_AFTER`]; the next call resumes it
//! (SIGCONT), which takes microseconds where reopening the store takes a second at a million
//! events. Nothing is pending when it pauses: every write was made durable before its reply.
//!
//! The dashboard holds the store's lock for the child, so a second rapport is told which
//! dashboard has it. The child dies with the dashboard, paused or not (parent-death signal),
//! and sled's own lock on its files stops anyone opening them before it is gone.

mod child;

pub use child::{serve, ServeArgs};

use crate::model::{
    Client, ClientId, ClientName, Draft, Event, EventId, Person, PersonId, PersonName, Summary,
};
use crate::resolve::Names;
use crate::search::{Query, Results};
use crate::socket::{Framing, Link, Remote};
use crate::store::{Cursor, Drift, Page, Reserved, Result, Store, StoreError, StoreOptions};
use chrono::{DateTime, Utc};
use rustix::process::{kill_process, Pid, Signal};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long the store process may go without a call before it is paused: held keys and
/// typing keep it running, and a pane left alone is silent within a quarter second. A resume
/// costs a signal and a few context switches (tens of microseconds), so erring short is cheap.
pub const PAUSE_AFTER: Duration = Duration::from_millis(250);

pub struct StoreProcess {
    remote: Remote,
    pid: Pid,
    /// Locked only to ask whether it ended, and when closing.
    child: Mutex<Child>,
    state: Mutex<State>,
    /// The store's lock, held here on the child's behalf.
    _reserved: Reserved,
}

#[derive(Debug)]
struct State {
    paused: bool,
    /// Calls under way (the dashboard's loop and its socket's peers call concurrently).
    calls: usize,
    last_call: Instant,
}

impl StoreProcess {
    /// Starts the store process for `reserved` and waits until it has opened the store (and
    /// migrated it, and folded in the inbox): its errors come back as this call's.
    pub fn spawn(reserved: Reserved, options: &StoreOptions) -> Result<Self> {
        // /proc/self/exe still runs this very binary if an upgrade replaced its file meanwhile.
        let exe = if Path::new("/proc/self/exe").exists() {
            PathBuf::from("/proc/self/exe")
        } else {
            std::env::current_exe().unwrap_or_else(|_| PathBuf::from("rapport"))
        };
        Self::spawn_program(&exe, reserved, options)
    }

    /// As [`StoreProcess::spawn`], running `program` (a rapport binary; tests name theirs).
    pub fn spawn_program(
        program: &Path,
        reserved: Reserved,
        options: &StoreOptions,
    ) -> Result<Self> {
        let dir = reserved.dir().to_path_buf();
        let io = |source| StoreError::Io {
            context: "starting rapport's store process".into(),
            source,
        };
        let mut child = command(program, &dir, options).spawn().map_err(io)?;
        let pid = Pid::from_child(&child);
        let link = match (child.stdout.take(), child.stdin.take()) {
            (Some(out), Some(input)) => Link {
                reader: Box::new(BufReader::new(out)),
                writer: Box::new(input),
                framing: Framing::MessagePack,
            },
            _ => unreachable!("both pipes were asked for"),
        };
        let remote = match Remote::over(link, &dir, "rapport's store process") {
            Ok(remote) => remote,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        };
        Ok(Self {
            remote,
            pid,
            child: Mutex::new(child),
            state: Mutex::new(State {
                paused: false,
                calls: 0,
                last_call: Instant::now(),
            }),
            _reserved: reserved,
        })
    }

    /// When the process is due to be paused, if it is running.
    pub fn pause_due(&self) -> Option<Instant> {
        let state = self.state();
        (!state.paused).then(|| state.last_call + PAUSE_AFTER)
    }

    /// Pauses the process if no call came for [`PAUSE_AFTER`] and none is under way.
    pub fn pause_if_idle(&self, now: Instant) {
        let mut state = self.state();
        if !state.paused && state.calls == 0 && now >= state.last_call + PAUSE_AFTER {
            state.paused = kill_process(self.pid, Signal::STOP).is_ok();
        }
    }

    /// Whether the process is paused now.
    pub fn paused(&self) -> bool {
        self.state().paused
    }

    pub fn pid(&self) -> u32 {
        self.pid.as_raw_nonzero().get() as u32
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs one call, with the process resumed for it.
    fn call<T>(&self, f: impl FnOnce(&Remote) -> Result<T>) -> Result<T> {
        {
            let mut state = self.state();
            if state.paused {
                // Failing here means the process is gone: the call itself then says so.
                let _ = kill_process(self.pid, Signal::CONT);
                state.paused = false;
            }
            state.calls += 1;
        }
        let result = f(&self.remote).map_err(|e| self.explain(e));
        let mut state = self.state();
        state.calls -= 1;
        state.last_call = Instant::now();
        result
    }

    /// A call that failed because the process is gone says so, rather than "broken pipe".
    fn explain(&self, error: StoreError) -> StoreError {
        if !matches!(error, StoreError::Io { .. }) {
            return error;
        }
        let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
        // Its pipes close a moment before its exit can be collected.
        match exit_within(&mut child, Duration::from_millis(500)) {
            Some(status) => StoreError::Remote(format!(
                "rapport's store process ended unexpectedly ({status}). Everything saved is \
                 safe (drafts up to their last pause); start rapport again."
            )),
            None => error,
        }
    }
}

/// The child's exit status, waiting up to `patience` for it.
fn exit_within(child: &mut Child, patience: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + patience;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            _ => return None,
        }
    }
}

impl Drop for StoreProcess {
    /// Resumes the process and closes its input: it closes the store and exits.
    fn drop(&mut self) {
        let _ = kill_process(self.pid, Signal::CONT);
        self.remote.hang_up();
        // Closing a large store takes a moment; a stuck one is not waited for forever.
        let child = self.child.get_mut().unwrap_or_else(|e| e.into_inner());
        if exit_within(child, Duration::from_secs(10)).is_none() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `rapport store-process` for `dir`, with this process as the parent it must outlive.
fn command(program: &Path, dir: &Path, options: &StoreOptions) -> Command {
    let mut command = Command::new(program);
    command
        .arg("store-process")
        .arg("--dir")
        .arg(dir)
        .arg("--parent")
        .arg(std::process::id().to_string())
        .arg("--cache-bytes")
        .arg(options.cache_bytes.to_string())
        .arg("--half-life-days")
        .arg(options.half_life_days.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        // The terminal belongs to the dashboard's screen; errors come back as replies.
        .stderr(Stdio::null());
    // Out of the terminal's process group: Ctrl-Z, Ctrl-C and a hang-up are the dashboard's
    // to handle, and it closes the store in order.
    use std::os::unix::process::CommandExt;
    command.process_group(0).arg0("rapport");
    command
}

/// Names alone, not whole records, as for a command's [`Remote`].
impl Names for StoreProcess {
    fn client_names(&self) -> Result<Vec<ClientName>> {
        self.call(|r| r.client_names())
    }

    fn person_names(&self, client: Option<ClientId>) -> Result<Vec<PersonName>> {
        self.call(|r| r.person_names(client))
    }
}

impl Store for StoreProcess {
    fn dir(&self) -> &Path {
        self.remote.dir()
    }

    fn is_empty(&self) -> Result<bool> {
        self.call(|r| r.is_empty())
    }

    fn put_client(&self, client: &Client) -> Result<()> {
        self.call(|r| r.put_client(client))
    }

    fn client(&self, id: ClientId) -> Result<Option<Client>> {
        self.call(|r| r.client(id))
    }

    fn clients(&self) -> Result<Vec<Client>> {
        self.call(|r| r.clients())
    }

    fn client_by_handle(&self, handle: &str) -> Result<Option<ClientId>> {
        self.call(|r| r.client_by_handle(handle))
    }

    fn put_person(&self, person: &Person) -> Result<()> {
        self.call(|r| r.put_person(person))
    }

    fn person(&self, id: PersonId) -> Result<Option<Person>> {
        self.call(|r| r.person(id))
    }

    fn people(&self, client: Option<ClientId>) -> Result<Vec<Person>> {
        self.call(|r| r.people(client))
    }

    fn save_events(&self, new: &[Event], changed: &[Event], now: DateTime<Utc>) -> Result<()> {
        self.call(|r| r.save_events(new, changed, now))
    }

    fn event(&self, id: EventId) -> Result<Option<Event>> {
        self.call(|r| r.event(id))
    }

    fn events_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<EventId>> {
        self.call(|r| r.events_with_prefix(prefix, limit))
    }

    fn events_page(&self, client: ClientId, after: Option<&Cursor>, limit: usize) -> Result<Page> {
        self.call(|r| r.events_page(client, after, limit))
    }

    fn for_each_event(
        &self,
        client: ClientId,
        f: &mut dyn FnMut(Event) -> Result<()>,
    ) -> Result<()> {
        self.call(|r| r.for_each_event(client, f))
    }

    fn summary(&self, client: ClientId) -> Result<Summary> {
        self.call(|r| r.summary(client))
    }

    fn summaries(&self, clients: &[ClientId]) -> Result<Vec<Summary>> {
        self.call(|r| r.summaries(clients))
    }

    fn check(&self, now: DateTime<Utc>, fix: bool) -> Result<Vec<Drift>> {
        self.call(|r| r.check(now, fix))
    }

    fn put_draft(&self, draft: &Draft) -> Result<()> {
        self.call(|r| r.put_draft(draft))
    }

    fn remove_draft(&self, client: ClientId) -> Result<()> {
        self.call(|r| r.remove_draft(client))
    }

    fn drafts(&self) -> Result<Vec<Draft>> {
        self.call(|r| r.drafts())
    }

    fn search(&self, query: &Query) -> Result<Results> {
        self.call(|r| r.search(query))
    }

    /// Each write is made durable by the store process as it arrives.
    fn bulk(&self, f: &mut dyn FnMut(&dyn Store) -> anyhow::Result<()>) -> anyhow::Result<()> {
        f(self)
    }
}
