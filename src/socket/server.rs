//! The dashboard's side: a thread that accepts connections, and one thread per connection that
//! answers its calls from the store. The store serialises its own writes, so these threads and
//! the dashboard's loop share it directly.

use super::calls::Answer;
use super::protocol::{Call, Framing, Reply, Touched};
use crate::store::{Store, StoreError};
use serde::Serialize;
use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

/// While alive, the socket is served; dropped, the server stops (after the calls in progress),
/// lets go of the store and removes the socket.
pub struct Serving {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    /// The listening socket, to shut down: that wakes the blocked `accept` even when the
    /// socket's file is gone (a runtime dir cleaned at logout, a data dir deleted).
    listener: UnixListener,
    /// The socket file's inode, to remove only this server's file.
    inode: u64,
    accepting: Option<JoinHandle<()>>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.stop.store(true, SeqCst);
        let _ = rustix::net::shutdown(&self.listener, rustix::net::Shutdown::Both);
        if let Some(accepting) = self.accepting.take() {
            let _ = accepting.join();
        }
        // Only our own: a dashboard started while this one closed may have bound it anew.
        if fs::metadata(&self.path).is_ok_and(|m| m.ino() == self.inode) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Starts serving `store`. `changed` runs after every write that came through the socket.
pub fn serve<S: Store + Send + Sync + 'static>(
    data_dir: &Path,
    store: Arc<S>,
    changed: impl Fn(Touched) + Send + Sync + 'static,
) -> anyhow::Result<Serving> {
    let path = super::path(data_dir);
    if let Some(parent) = path.parent() {
        super::trust::prepare_dir(parent)?;
    }
    // A socket left by a dashboard that died: this process holds the store's lock, so nobody
    // else can be serving it.
    let _ = fs::remove_file(&path);
    let listener = UnixListener::bind(&path)?;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
    let inode = fs::metadata(&path)?.ino();
    let waker = listener.try_clone()?;
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = stop.clone();
    let changed = Arc::new(changed);
    let accepting = thread::Builder::new()
        .name("rapport-socket".into())
        .spawn(move || {
            let mut peers = Vec::new();
            loop {
                let accepted = listener.accept();
                if stopping.load(SeqCst) {
                    break;
                }
                let Ok((stream, _)) = accepted else {
                    // Out of descriptors, say: try again, without spinning.
                    thread::sleep(std::time::Duration::from_millis(100));
                    continue;
                };
                if !same_user(&stream) {
                    continue;
                }
                let (store, changed) = (store.clone(), changed.clone());
                let Ok(hang_up) = stream.try_clone() else {
                    continue;
                };
                peers.retain(|(peer, _): &(JoinHandle<()>, UnixStream)| !peer.is_finished());
                if let Ok(peer) = thread::Builder::new()
                    .name("rapport-peer".into())
                    .spawn(move || answer_stream(stream, &*store, &*changed))
                {
                    peers.push((peer, hang_up));
                }
            }
            // A command still connected must not hold the dashboard open: its next read
            // ends, the call in progress (if any) finishes first.
            for (peer, hang_up) in peers {
                let _ = hang_up.shutdown(std::net::Shutdown::Read);
                let _ = peer.join();
            }
        })?;
    Ok(Serving {
        path,
        stop,
        listener: waker,
        inode,
        accepting: Some(accepting),
    })
}

/// Only the user who runs the dashboard may use it (the 0600 mode already says so; this
/// holds even if the mode were changed).
fn same_user(stream: &UnixStream) -> bool {
    rustix::net::sockopt::socket_peercred(stream)
        .is_ok_and(|peer| peer.uid == rustix::process::getuid())
}

fn answer_stream(stream: UnixStream, store: &dyn Store, changed: &dyn Fn(Touched)) {
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let reader = BufReader::new(reading);
    answer_all(reader, stream, Framing::JsonLines, store, changed);
}

/// Answers the calls read from `reader` on `writer`, one message each, until the other side
/// hangs up.
pub fn answer_all(
    mut reader: impl BufRead,
    writer: impl Write,
    framing: Framing,
    store: &dyn Store,
    changed: &dyn Fn(Touched),
) {
    // As large as a pipe: a page of notes goes out in one write.
    let mut writer = BufWriter::with_capacity(64 << 10, writer);
    loop {
        let answered = match framing.read::<Call>(&mut reader) {
            Ok(None) => return,
            Ok(Some(call)) => {
                let touched = call.touches();
                let answered = answer(store, call, framing, &mut writer);
                if let (Some(touched), Ok(true)) = (touched, &answered) {
                    changed(touched);
                }
                answered.map(|_| ())
            }
            // A JSON line can be skipped; after a bad MessagePack value the rest of the
            // stream cannot be trusted, so that connection ends after saying why.
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                let why = format!("the dashboard could not read the request: {e}");
                let refused = framing.refuse(&mut writer, &StoreError::Remote(why));
                if framing == Framing::MessagePack {
                    let _ = writer.flush();
                    return;
                }
                refused
            }
            Err(_) => return,
        };
        if answered.and_then(|()| writer.flush()).is_err() {
            return;
        }
    }
}

/// Writes the reply to `call`; says whether the call succeeded.
fn answer(
    store: &dyn Store,
    call: Call,
    framing: Framing,
    out: &mut dyn Write,
) -> io::Result<bool> {
    super::calls::dispatch(store, call, Out { framing, out })
}

/// Where a reply goes, and how.
struct Out<'a> {
    framing: Framing,
    out: &'a mut dyn Write,
}

impl Answer for Out<'_> {
    type Answered = io::Result<bool>;

    /// Written straight from the value, never through a JSON tree or a whole string: a
    /// thousand clients' summaries are megabytes.
    fn reply<T: Serialize>(self, value: Result<T, StoreError>) -> io::Result<bool> {
        let ok = value.is_ok();
        let reply: Reply<T> = value.map_err(|e| (&e).into());
        self.framing.write(self.out, &reply)?;
        Ok(ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreOptions;

    #[test]
    fn stopping_does_not_hang_when_the_socket_file_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let store = Arc::new(crate::store::open(&data, &StoreOptions::default()).unwrap());
        let serving = serve(&data, store, |_| {}).unwrap();
        let _ = fs::remove_file(&serving.path);
        let (done, finished) = std::sync::mpsc::channel();
        thread::spawn(move || {
            drop(serving);
            let _ = done.send(());
        });
        assert!(
            finished
                .recv_timeout(std::time::Duration::from_secs(5))
                .is_ok(),
            "the server did not stop"
        );
    }
}
