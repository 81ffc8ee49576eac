//! The command's side: a [`Store`] whose every call is answered by the running dashboard.

use super::calls::Forward;
use super::protocol::{Call, Framing, Hello, Reply};
use crate::store::{Result, StoreError};
use serde::de::DeserializeOwned;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

/// How long a call may take before the dashboard is taken to be stuck.
const PATIENCE: Duration = Duration::from_secs(30);

pub struct Remote {
    /// One call at a time: shared by the dashboard's loop and its socket's peers.
    link: Mutex<Link>,
    /// Who answers, for errors: "the running dashboard".
    peer: &'static str,
    /// Who answered.
    pub hello: Hello,
}

/// Both ends of a conversation: a socket, or the pipes of the dashboard's store process.
pub struct Link {
    pub reader: Box<dyn BufRead + Send>,
    pub writer: Box<dyn Write + Send>,
    pub framing: Framing,
}

/// What a link buffers each way: a page of notes (tens of kilobytes) is read in one go.
pub const LINK_BUFFER: usize = 64 << 10;

impl Link {
    /// A link buffered both ways. Both framings write a call a field at a time, which
    /// unbuffered is a write(2) per field and a wake-up of the other side for each (a note
    /// through the dashboard's socket was ~200 of each); [`Remote`] flushes once a call.
    pub fn buffered(
        reader: impl std::io::Read + Send + 'static,
        writer: impl Write + Send + 'static,
        framing: Framing,
    ) -> Link {
        Link {
            reader: Box::new(BufReader::with_capacity(LINK_BUFFER, reader)),
            writer: Box::new(std::io::BufWriter::with_capacity(LINK_BUFFER, writer)),
            framing,
        }
    }
}

/// Why a dashboard's socket is not used.
#[derive(Debug)]
pub enum NotUsed {
    /// It may be someone else's: the command goes to the store directly.
    Distrusted(String),
    /// It is another rapport's, speaking another protocol: restart one of them.
    Mismatch(String),
}

impl std::fmt::Display for NotUsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotUsed::Distrusted(why) | NotUsed::Mismatch(why) => f.write_str(why),
        }
    }
}

impl Remote {
    /// The dashboard serving the store in `data_dir`, if one is running. A socket that may be
    /// someone else's is not used, and stderr says why.
    pub fn connect(data_dir: &Path) -> Option<Remote> {
        Self::find(data_dir).unwrap_or_else(|why| {
            eprintln!("warning: {why}");
            None
        })
    }

    /// As [`Remote::connect`], saying why a socket is not used instead of printing it.
    pub fn find(data_dir: &Path) -> std::result::Result<Option<Remote>, NotUsed> {
        let path = super::path(data_dir);
        let Ok(stream) = UnixStream::connect(&path) else {
            return Ok(None);
        };
        // Checked before anything is sent: the first call already names the data dir.
        let dir = path.parent().unwrap_or(Path::new("/"));
        super::trust::dir_is_private(dir)
            .and_then(|()| super::trust::peer_is_me(&stream))
            .map_err(|why| {
                NotUsed::Distrusted(format!(
                    "not using the socket {}: {why}. Nothing was sent to it; the command \
                     goes to the store directly.",
                    path.display()
                ))
            })?;
        let Some(remote) = Self::over_stream(stream) else {
            return Ok(None);
        };
        remote
            .hello
            .agrees(remote.peer)
            .map_err(NotUsed::Mismatch)?;
        Ok(Some(remote))
    }

    fn over_stream(stream: UnixStream) -> Option<Remote> {
        stream.set_read_timeout(Some(PATIENCE)).ok()?;
        let link = Link::buffered(stream.try_clone().ok()?, stream, Framing::JsonLines);
        Remote::greeted(link, "the running dashboard").ok()
    }

    /// A store answered on `link` by `peer`, once it has said hello in this protocol.
    pub fn over(link: Link, peer: &'static str) -> Result<Remote> {
        let remote = Self::greeted(link, peer)?;
        remote.hello.agrees(peer).map_err(StoreError::Remote)?;
        Ok(remote)
    }

    /// A store answered on `link` by `peer`, once it has said hello (in any version).
    fn greeted(link: Link, peer: &'static str) -> Result<Remote> {
        let mut remote = Remote {
            link: Mutex::new(link),
            peer,
            hello: Hello::default(),
        };
        remote.hello = remote.call(&Call::Hello)?;
        Ok(remote)
    }

    /// Closes the writing side: the other end reads the end of its input.
    pub fn hang_up(&self) {
        let mut link = self.link.lock().unwrap_or_else(|e| e.into_inner());
        link.writer = Box::new(std::io::sink());
    }

    fn call<T: DeserializeOwned>(&self, call: &Call) -> Result<T> {
        let lost = |e: std::io::Error| StoreError::Io {
            context: format!("talking to {}", self.peer),
            source: e,
        };
        // A call that panicked half-way leaves the link unusable either way: its next read
        // fails with a clear error rather than poisoning every later call.
        let mut link = self.link.lock().unwrap_or_else(|e| e.into_inner());
        let Link {
            reader,
            writer,
            framing,
        } = &mut *link;
        framing.write(writer, call).map_err(lost)?;
        writer.flush().map_err(lost)?;
        let reply: Reply<T> = match framing.read(reader) {
            Ok(Some(reply)) => reply,
            Ok(None) => return Err(lost(std::io::ErrorKind::UnexpectedEof.into())),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return Err(StoreError::Remote(e.to_string()))
            }
            Err(e) => return Err(lost(e)),
        };
        reply.map_err(StoreError::from)
    }
}

/// Every store call, sent to the dashboard (or the store process) and answered there.
impl Forward for Remote {
    fn forward<T: DeserializeOwned + 'static>(&self, call: &Call) -> Result<T> {
        self.call(call)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// Counts the writes that reach it: each is a write(2) on a socket, and a wake-up of the
    /// reader on the other side.
    struct Counting(Arc<AtomicUsize>);

    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_call_reaches_the_link_in_one_write() {
        let writes = Arc::new(AtomicUsize::new(0));
        let mut replies = Vec::new();
        Framing::JsonLines
            .write(&mut replies, &Reply::Ok(Hello::of_this_process()))
            .unwrap();
        Framing::JsonLines
            .write(&mut replies, &Reply::Ok(vec!["01JD".to_string()]))
            .unwrap();
        let link = Link::buffered(
            std::io::Cursor::new(replies),
            Counting(writes.clone()),
            Framing::JsonLines,
        );
        let remote = Remote::over(link, "a test").unwrap();
        assert_eq!(writes.load(Ordering::SeqCst), 1, "the hello");
        let call = Call::EventsWithPrefix {
            prefix: "01JD".into(),
            limit: 5,
        };
        let ids: Vec<String> = remote.call(&call).unwrap();
        assert_eq!(ids, ["01JD"]);
        assert_eq!(writes.load(Ordering::SeqCst), 2, "one write a call");
    }
}
