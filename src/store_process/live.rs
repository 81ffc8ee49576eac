//! One run of the store process: its pipes, its pid, and a thread blocked until it ends, which
//! says so at once (no polling).

use crate::socket::{Framing, Link, Remote};
use crate::store::{Result, StoreError, StoreOptions};
use rustix::process::{kill_process, Pid, Signal, WaitId, WaitIdOptions};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The buffer on each side of the store process's pipes: a pipe's own capacity.
pub const PIPE_BUFFER: usize = crate::socket::LINK_BUFFER;

/// Called from the waiting thread when a run ends.
pub type OnEnd = Arc<dyn Fn() + Send + Sync>;

pub struct Live {
    pub remote: Remote,
    pid: Pid,
    /// Which run this is (the first is 0): a call that saw run N end restarts only run N.
    pub run: u64,
    end: Arc<End>,
}

#[derive(Default)]
struct End {
    /// `Some` once the process ended and was reaped. While `None` the pid is still the
    /// child's (it is reaped only under this lock), so a signal sent under it reaches nobody
    /// else.
    status: Mutex<Option<ExitStatus>>,
    ended: Condvar,
}

impl Live {
    /// Starts `program`'s store process on `dir` and waits for its hello.
    pub fn start(
        program: &Path,
        dir: &Path,
        options: &StoreOptions,
        run: u64,
        on_end: OnEnd,
    ) -> Result<Live> {
        let io = |source| StoreError::Io {
            context: "starting rapport's store process".into(),
            source,
        };
        let mut child = spawn(command(program, dir, options)).map_err(io)?;
        let pid = Pid::from_child(&child);
        let link = match (child.stdout.take(), child.stdin.take()) {
            (Some(out), Some(input)) => Link::buffered(out, input, Framing::MessagePack),
            _ => unreachable!("both pipes were asked for"),
        };
        let end = Arc::new(End::default());
        let waiting = end.clone();
        let waiter = std::thread::Builder::new()
            .name("rapport-store-wait".into())
            .spawn(move || wait_for_end(child, pid, &waiting, &*on_end));
        if let Err(source) = waiter {
            let _ = kill_process(pid, Signal::KILL);
            return Err(io(source));
        }
        let remote = Remote::over(link, "rapport's store process").inspect_err(|_| {
            let status = end.status.lock().unwrap_or_else(|e| e.into_inner());
            if status.is_none() {
                let _ = kill_process(pid, Signal::KILL);
            }
        })?;
        Ok(Live {
            remote,
            pid,
            run,
            end,
        })
    }

    pub fn pid(&self) -> u32 {
        self.pid.as_raw_nonzero().get() as u32
    }

    /// Sends `signal` unless the process has ended; whether it was sent.
    pub fn signal(&self, signal: Signal) -> bool {
        let status = self.end.status.lock().unwrap_or_else(|e| e.into_inner());
        status.is_none() && kill_process(self.pid, signal).is_ok()
    }

    /// How the process ended, waiting up to `patience` for it.
    pub fn ended_within(&self, patience: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + patience;
        let mut status = self.end.status.lock().unwrap_or_else(|e| e.into_inner());
        while status.is_none() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            status = self
                .end
                .ended
                .wait_timeout(status, left)
                .map_or_else(|e| e.into_inner().0, |(status, _)| status);
        }
        *status
    }

    /// Resumes the process and closes its input: it closes the store and exits. A stuck one
    /// is not waited for forever.
    pub fn close(&self) {
        self.signal(Signal::CONT);
        self.remote.hang_up();
        if self.ended_within(Duration::from_secs(10)).is_none() {
            self.signal(Signal::KILL);
            self.ended_within(Duration::from_secs(10));
        }
    }
}

/// Blocks until the child ends, then reaps it under the lock and says so.
fn wait_for_end(mut child: Child, pid: Pid, end: &End, on_end: &(dyn Fn() + Send + Sync)) {
    // Without reaping: until `status` is set, the pid must stay the child's.
    let options = WaitIdOptions::EXITED | WaitIdOptions::NOWAIT;
    while let Err(rustix::io::Errno::INTR) = rustix::process::waitid(WaitId::Pid(pid), options) {}
    let mut status = end.status.lock().unwrap_or_else(|e| e.into_inner());
    // Already reaped by someone else (ECHILD) is an end too.
    *status = Some(
        child
            .wait()
            .unwrap_or_else(|_| std::os::unix::process::ExitStatusExt::from_raw(0)),
    );
    drop(status);
    end.ended.notify_all();
    on_end();
}

/// Starts `command` from one thread that lives as long as this process. The parent-death
/// signal the child asks for fires when the *thread* that started it ends, and a restart may
/// run on any thread: a socket peer's, say, which ends with its connection.
fn spawn(mut command: Command) -> std::io::Result<Child> {
    type Order = (Command, Sender<std::io::Result<Child>>);
    static SPAWNER: OnceLock<Option<Sender<Order>>> = OnceLock::new();
    let spawner = SPAWNER.get_or_init(|| {
        let (orders, taken) = channel::<Order>();
        std::thread::Builder::new()
            .name("rapport-spawner".into())
            .spawn(move || {
                for (mut command, reply) in taken {
                    let _ = reply.send(command.spawn());
                }
            })
            .ok()
            .map(|_| orders)
    });
    let Some(spawner) = spawner else {
        return command.spawn();
    };
    let (reply, child) = channel();
    match spawner.send((command, reply)) {
        Ok(()) => child
            .recv()
            .unwrap_or_else(|_| Err(std::io::Error::other("the spawner thread is gone"))),
        Err(std::sync::mpsc::SendError((mut command, _))) => command.spawn(),
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
