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
//!
//! A child that dies (killed, out of memory) is started again at once: a thread blocked on
//! its exit tells the dashboard, and a call that finds it dead starts the next run itself and
//! is then answered by it. A call cut short by the death is made again when that is safe (a
//! save is skipped if it took effect). After [`GIVE_UP_AFTER`] ends within a minute the
//! dashboard gives up and exits, which lets go of the store for the other commands.

mod cache;
mod child;
mod live;

pub use child::{serve, ServeArgs};

use crate::socket::{Call, Forward, Remote};
use crate::store::{Reserved, Result, Selection, Store, StoreError, StoreOptions};
use cache::{Ask, Cache};
use live::{Live, OnEnd};
use rustix::process::Signal;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// How long the store process may go without a call before it is paused: held keys and
/// typing keep it running, and a pane left alone is silent within a quarter second. A resume
/// costs a signal and a few context switches (tens of microseconds), so erring short is cheap.
pub const PAUSE_AFTER: Duration = Duration::from_millis(250);

/// This many unexpected ends within [`GIVE_UP_WITHIN`] and the store process is not started
/// again: something (a damaged disk, the OOM killer) keeps killing it.
pub const GIVE_UP_AFTER: usize = 3;
pub const GIVE_UP_WITHIN: Duration = Duration::from_secs(60);

/// Whom to tell when a run ends unexpectedly.
type Watch = Arc<Mutex<Option<Box<dyn Fn() + Send>>>>;

pub struct StoreProcess {
    dir: PathBuf,
    program: PathBuf,
    options: StoreOptions,
    /// Read-locked by each call, write-locked to start a new run when one ended.
    live: RwLock<Live>,
    state: Mutex<State>,
    ends: Mutex<Ends>,
    /// The clients selected lately (`cache.rs`).
    cache: Cache,
    /// Told when a run ends unexpectedly (the dashboard's loop); emptied before closing.
    watch: Watch,
    /// The store's lock, held here on the child's behalf.
    _reserved: Reserved,
}

#[derive(Debug)]
struct State {
    paused: bool,
    /// Calls under way (the dashboard's loop and its socket's peers call concurrently).
    calls: usize,
    last_call: Instant,
    /// Calls sent so far, each a round trip to the process: what a keystroke costs.
    sent: u64,
}

/// The runs that ended unexpectedly.
#[derive(Default)]
struct Ends {
    recent: Vec<Instant>,
    /// Why no run is started any more.
    gave_up: Option<String>,
    /// What to tell the user about the last restart, once.
    news: Option<String>,
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
        let watch: Watch = Arc::default();
        let live = Live::start(program, &dir, options, 0, on_end(&watch))?;
        Ok(Self {
            dir,
            program: program.to_path_buf(),
            options: options.clone(),
            live: RwLock::new(live),
            state: Mutex::new(State {
                paused: false,
                calls: 0,
                last_call: Instant::now(),
                sent: 0,
            }),
            ends: Mutex::default(),
            cache: Cache::default(),
            watch,
            _reserved: reserved,
        })
    }

    /// Runs `told` (on another thread) whenever the process ends unexpectedly; the dashboard
    /// then calls [`StoreProcess::revive`] at once rather than at its next call.
    pub fn on_end(&self, told: impl Fn() + Send + 'static) {
        *self.watch.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(told));
    }

    /// When the process is due to be paused, if it is running.
    pub fn pause_due(&self) -> Option<Instant> {
        let state = self.state();
        (!state.paused).then(|| state.last_call + PAUSE_AFTER)
    }

    /// Pauses the process if no call came for [`PAUSE_AFTER`] and none is under way.
    pub fn pause_if_idle(&self, now: Instant) {
        let live = self.live();
        let mut state = self.state();
        if !state.paused && state.calls == 0 && now >= state.last_call + PAUSE_AFTER {
            state.paused = live.signal(Signal::STOP);
        }
    }

    /// How many calls were sent to the process so far (each a round trip).
    pub fn round_trips(&self) -> u64 {
        self.state().sent
    }

    /// Whether the process is paused now.
    pub fn paused(&self) -> bool {
        self.state().paused
    }

    pub fn pid(&self) -> u32 {
        self.live().pid()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn live(&self) -> std::sync::RwLockReadGuard<'_, Live> {
        self.live.read().unwrap_or_else(|e| e.into_inner())
    }

    fn ends(&self) -> std::sync::MutexGuard<'_, Ends> {
        self.ends.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What to tell the user about a restart since the last time asked.
    pub fn news(&self) -> Option<String> {
        self.ends().news.take()
    }

    /// Starts a new run if the current one ended; an error once it keeps ending.
    pub fn revive(&self) -> Result<()> {
        let run = {
            let live = self.live();
            if live.ended_within(Duration::ZERO).is_none() {
                return Ok(());
            }
            live.run
        };
        self.restart(run)
    }

    /// Replaces run `ended` (unless another caller already did) with a new one.
    fn restart(&self, ended: u64) -> Result<()> {
        let mut live = self.live.write().unwrap_or_else(|e| e.into_inner());
        if live.run != ended {
            return Ok(());
        }
        let mut ends = self.ends();
        if let Some(why) = &ends.gave_up {
            return Err(StoreError::Remote(why.clone()));
        }
        let status = live
            .ended_within(Duration::from_secs(1))
            .map_or_else(|| "no exit status".into(), |s| s.to_string());
        ends.recent.retain(|at| at.elapsed() < GIVE_UP_WITHIN);
        ends.recent.push(Instant::now());
        if ends.recent.len() >= GIVE_UP_AFTER {
            let why = format!(
                "rapport's store process ended unexpectedly {} times within a minute (last: \
                 {status}); it is not started again. Everything saved is safe (drafts up to \
                 their last pause); start rapport again.",
                ends.recent.len()
            );
            ends.gave_up = Some(why.clone());
            return Err(StoreError::Remote(why));
        }
        let next = Live::start(
            &self.program,
            &self.dir,
            &self.options,
            ended + 1,
            on_end(&self.watch),
        )
        .map_err(|e| {
            let why = format!(
                "rapport's store process ended unexpectedly ({status}) and could not be \
                 started again: {e}. Everything saved is safe; start rapport again."
            );
            ends.gave_up = Some(why.clone());
            StoreError::Remote(why)
        })?;
        *live = next;
        // The new run folded in the inbox, if anything waited there.
        self.cache.clear();
        self.state().paused = false;
        ends.news = Some(format!(
            "the store process ended unexpectedly ({status}) and was started again; \
             everything saved is safe"
        ));
        Ok(())
    }

    /// Runs one call, with the process resumed for it. A call the process's end cut short
    /// is made again on the next run: at once when it never reached the process, and with
    /// `again` set (to check whether it took effect) when it may have.
    fn call<T>(&self, mut f: impl FnMut(&Remote, bool) -> Result<T>) -> Result<T> {
        let (result, run) = self.attempt(&mut f, false);
        let delivered = match &result {
            Err(StoreError::Io { source, .. }) => source.kind() != std::io::ErrorKind::BrokenPipe,
            _ => return result,
        };
        if !self.ended(run) {
            return result;
        }
        self.restart(run)?;
        self.attempt(&mut f, delivered).0
    }

    fn attempt<T>(
        &self,
        f: &mut impl FnMut(&Remote, bool) -> Result<T>,
        again: bool,
    ) -> (Result<T>, u64) {
        let live = self.live();
        {
            let mut state = self.state();
            if state.paused {
                // Failing here means the process is gone: the call itself then says so.
                live.signal(Signal::CONT);
                state.paused = false;
            }
            state.calls += 1;
            state.sent += 1;
        }
        let result = f(&live.remote, again);
        let mut state = self.state();
        state.calls -= 1;
        state.last_call = Instant::now();
        (result, live.run)
    }

    /// Whether run `run` is over (its pipes close a moment before its end can be collected).
    fn ended(&self, run: u64) -> bool {
        let live = self.live();
        live.run != run || live.ended_within(Duration::from_millis(500)).is_some()
    }
}

/// What a run's waiting thread does when the run ends: tell whoever watches.
fn on_end(watch: &Watch) -> OnEnd {
    let watch = watch.clone();
    Arc::new(move || {
        if let Some(told) = &*watch.lock().unwrap_or_else(|e| e.into_inner()) {
            told();
        }
    })
}

impl Drop for StoreProcess {
    /// Closes the store: an end from here on is expected, and nobody is told.
    fn drop(&mut self) {
        *self.watch.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.live
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .close();
    }
}

/// Every store call, answered by the store process (resumed for it, started again if it
/// ended).
impl Forward for StoreProcess {
    fn forward<T: DeserializeOwned + 'static>(&self, call: &Call) -> Result<T> {
        match call {
            Call::Selection {
                client,
                after: None,
                limit,
                since,
                until,
            } => self.selection(Ask {
                client: *client,
                limit: *limit,
                since: *since,
                until: *until,
            }),
            _ if call.touches().is_some() => self.cache.writing(|| self.send(call)),
            _ => self.send(call),
        }
    }
}

impl StoreProcess {
    /// A selection from the cache, or read (and kept) if it has none.
    fn selection<T: 'static>(&self, ask: Ask) -> Result<T> {
        if let Some(kept) = self.cache.get(&ask) {
            return kept;
        }
        let generation = self.cache.reading();
        let selection: Selection = self.send(&ask.wide())?;
        self.cache.keep(&ask, generation, &selection);
        cache::handed(ask.narrowed(selection))
    }

    /// Sends `call` to the process.
    fn send<T: DeserializeOwned + 'static>(&self, call: &Call) -> Result<T> {
        self.call(|r, again| {
            // A save is made in one transaction: made again after the process's end, it is
            // skipped if its first new event is there.
            if let (true, Call::SaveEvents { new, .. }) = (again, call) {
                if let Some(first) = new.first() {
                    if r.event(first.id)?.is_some() {
                        return saved();
                    }
                }
            }
            r.forward(call)
        })
    }
}

/// The reply to a save, `()`, as the caller's type.
fn saved<T: DeserializeOwned>() -> Result<T> {
    use serde::de::value::{Error, UnitDeserializer};
    T::deserialize(UnitDeserializer::<Error>::new())
        .map_err(|e| StoreError::Remote(format!("a save's reply: {e}")))
}
