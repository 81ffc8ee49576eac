//! What travels over the socket (one JSON line per call and per reply) and over the store
//! process's pipes (the same calls, in MessagePack: one value after the other, each saying
//! where it ends).

use crate::model::ClientId;
use crate::store::StoreError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::sync::Mutex;

pub use super::calls::Call;

/// What writes that came through the socket changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Touched {
    Clients(BTreeSet<ClientId>),
    All,
}

impl Touched {
    /// Both this and `other`.
    pub fn and(self, other: Touched) -> Touched {
        match (self, other) {
            (Touched::Clients(mut a), Touched::Clients(b)) => {
                a.extend(b);
                Touched::Clients(a)
            }
            _ => Touched::All,
        }
    }
}

/// The answer: the call's value, or the error, kept whole.
pub type Reply<T> = Result<T, WireError>;

/// The protocol's version, said in [`Hello`]: both ends are the same rapport binary (the store
/// process) or should be (a command and the dashboard), and one that is not says so rather
/// than misreading the other's calls. 2: typed errors; 3: new calls (the trust chart's moves,
/// edits); 4: the store's own timeline cursor, and `load` (a batch of records); 5: the
/// dashboard's selection in one call; 6: an edit with the promises made in it in one call
/// (`edit_events`); 7: summaries hold trust as good and bad sums (the bounded score); 8: events
/// by the end of their id (short ids); 9: follow-ups on events and summaries; 10: a client's
/// report language; 11: people's birthdays and anniversaries (an older end would drop them on
/// a write); 12: the team outbox calls (`team_enroll` and the rest); 0 is a rapport from
/// before versions.
pub const VERSION: u32 = 12;

/// A [`StoreError`] as it crosses a process: every variant kept, so the other side matches
/// on it as on its own store's errors (the form's "already exists" under the name field), and
/// its sentence unchanged. What cannot be serialised is carried as its kind and text: an I/O
/// error's OS code (or kind and message); a storage engine error's sentence, which arrives as
/// [`StoreError::Remote`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireError {
    Locked {
        dir: PathBuf,
        pid: String,
    },
    TooNew {
        dir: PathBuf,
        found: u32,
        supported: u32,
    },
    Corrupt {
        dir: PathBuf,
        detail: String,
    },
    NameTaken(String),
    Missing {
        what: String,
        id: String,
    },
    Io {
        context: String,
        /// The OS's error number, which rebuilds the error exactly.
        os: Option<i32>,
        /// Else the kind (its `Debug` name) and the message.
        kind: String,
        message: String,
    },
    DiskFull {
        place: PathBuf,
    },
    /// Any other error, by its sentence.
    Remote(String),
}

impl From<&StoreError> for WireError {
    fn from(error: &StoreError) -> Self {
        match error {
            StoreError::Locked { dir, pid } => WireError::Locked {
                dir: dir.clone(),
                pid: pid.clone(),
            },
            StoreError::TooNew {
                dir,
                found,
                supported,
            } => WireError::TooNew {
                dir: dir.clone(),
                found: *found,
                supported: *supported,
            },
            StoreError::Corrupt { dir, detail } => WireError::Corrupt {
                dir: dir.clone(),
                detail: detail.clone(),
            },
            StoreError::NameTaken(name) => WireError::NameTaken(name.clone()),
            StoreError::Missing { what, id } => WireError::Missing {
                what: what.to_string(),
                id: id.clone(),
            },
            StoreError::Io { context, source } => WireError::Io {
                context: context.clone(),
                os: source.raw_os_error(),
                kind: format!("{:?}", source.kind()),
                message: source.to_string(),
            },
            StoreError::DiskFull { place } => WireError::DiskFull {
                place: place.clone(),
            },
            StoreError::Engine { .. } | StoreError::Remote(_) => {
                WireError::Remote(error.to_string())
            }
        }
    }
}

impl From<WireError> for StoreError {
    fn from(error: WireError) -> Self {
        match error {
            WireError::Locked { dir, pid } => StoreError::Locked { dir, pid },
            WireError::TooNew {
                dir,
                found,
                supported,
            } => StoreError::TooNew {
                dir,
                found,
                supported,
            },
            WireError::Corrupt { dir, detail } => StoreError::Corrupt { dir, detail },
            WireError::NameTaken(name) => StoreError::NameTaken(name),
            WireError::Missing { what, id } => StoreError::Missing {
                what: intern(what),
                id,
            },
            WireError::Io {
                context,
                os,
                kind,
                message,
            } => StoreError::Io {
                context,
                source: match os {
                    Some(code) => io::Error::from_raw_os_error(code),
                    None => io::Error::new(kind_named(&kind), message),
                },
            },
            WireError::DiskFull { place } => StoreError::DiskFull { place },
            WireError::Remote(why) => StoreError::Remote(why),
        }
    }
}

/// `what` as the `&'static str` a [`StoreError::Missing`] holds: each distinct one is kept
/// once for the life of the process (there are a handful: "event", "note", "person"…).
fn intern(what: String) -> &'static str {
    static KNOWN: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&kept) = known.get(what.as_str()) {
        return kept;
    }
    let kept: &'static str = Box::leak(what.into_boxed_str());
    known.insert(kept);
    kept
}

/// The I/O error kind whose `Debug` name is `name`; `Other` for one not listed.
fn kind_named(name: &str) -> io::ErrorKind {
    use io::ErrorKind::*;
    [
        NotFound,
        PermissionDenied,
        ConnectionRefused,
        ConnectionReset,
        ConnectionAborted,
        NotConnected,
        AddrInUse,
        AddrNotAvailable,
        BrokenPipe,
        AlreadyExists,
        WouldBlock,
        InvalidInput,
        InvalidData,
        TimedOut,
        WriteZero,
        Interrupted,
        Unsupported,
        UnexpectedEof,
        OutOfMemory,
    ]
    .into_iter()
    .find(|kind| format!("{kind:?}") == name)
    .unwrap_or(Other)
}

/// How calls and replies are put on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// One JSON text a line: the socket, which any rapport version (or a person with `socat`)
    /// can read.
    JsonLines,
    /// MessagePack with field names, one value after the other (each says where it ends): the
    /// store process's pipes, where the clients pane's thousand summaries are megabytes of
    /// JSON to write and parse at every start.
    MessagePack,
}

impl Framing {
    /// Writes `value` as one message (without flushing).
    pub fn write<T: Serialize>(self, out: &mut dyn Write, value: &T) -> io::Result<()> {
        match self {
            Framing::JsonLines => {
                serde_json::to_writer(&mut *out, value)?;
                out.write_all(b"\n")
            }
            Framing::MessagePack => {
                rmp_serde::encode::write_named(&mut *out, value).map_err(keep_io_kind)
            }
        }
    }

    /// Reads one message: `None` when the other side hung up between messages, an error of
    /// kind `InvalidData` when a message arrived but is not a `T`.
    pub fn read<T: DeserializeOwned>(self, input: &mut dyn BufRead) -> io::Result<Option<T>> {
        let invalid = |e: String| io::Error::new(io::ErrorKind::InvalidData, e);
        match self {
            Framing::JsonLines => {
                let mut line = String::new();
                if input.read_line(&mut line)? == 0 {
                    return Ok(None);
                }
                serde_json::from_str(&line)
                    .map(Some)
                    .map_err(|e| invalid(e.to_string()))
            }
            Framing::MessagePack => {
                if input.fill_buf()?.is_empty() {
                    return Ok(None);
                }
                // Parsed from the stream, so a reply of megabytes is never held twice.
                rmp_serde::from_read(input).map(Some).map_err(|e| match e {
                    rmp_serde::decode::Error::InvalidMarkerRead(io)
                    | rmp_serde::decode::Error::InvalidDataRead(io) => io,
                    e => invalid(e.to_string()),
                })
            }
        }
    }

    /// Writes the reply that answers a call with an error.
    pub fn refuse(self, out: &mut dyn Write, why: &StoreError) -> io::Result<()> {
        let reply: Reply<()> = Err(why.into());
        self.write(out, &reply)
    }
}

/// An encoding error with the kind of the io error under it, if any: a broken pipe must read
/// as one (nothing was delivered).
fn keep_io_kind(error: rmp_serde::encode::Error) -> io::Error {
    let mut cause: Option<&dyn std::error::Error> = Some(&error);
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            return io::Error::new(io.kind(), error.to_string());
        }
        cause = e.source();
    }
    io::Error::other(error)
}

/// Who is serving: for the sentence a second dashboard gets.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Hello {
    /// The [`VERSION`] of its protocol; 0 from a rapport before versions.
    pub version: u32,
    pub pid: u32,
    /// The dashboard's terminal, e.g. `/dev/pts/4`.
    pub tty: Option<String>,
    /// The tmux pane it runs in, e.g. `%3`, and its session name.
    pub tmux_pane: Option<String>,
}

impl Hello {
    pub fn of_this_process() -> Self {
        let tty = std::fs::read_link("/proc/self/fd/0")
            .ok()
            .map(|p| p.display().to_string())
            .filter(|p| p.starts_with("/dev/"));
        Self {
            version: VERSION,
            pid: std::process::id(),
            tty,
            tmux_pane: std::env::var("TMUX_PANE").ok(),
        }
    }

    /// Whether `peer`, who said this, speaks this rapport's protocol; if not, what to do.
    pub fn agrees(&self, peer: &str) -> Result<(), String> {
        let older = match self.version.cmp(&VERSION) {
            std::cmp::Ordering::Equal => return Ok(()),
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
        };
        let who = self.describe();
        Err(if older {
            format!("{peer} is an older rapport ({who}): restart it")
        } else {
            format!(
                "{peer} is a newer rapport ({who}) than this one: use that rapport, or \
                 restart the dashboard with this one"
            )
        })
    }

    /// "pid 1234 in tmux pane %3 on /dev/pts/4"
    pub fn describe(&self) -> String {
        let mut text = format!("pid {}", self.pid);
        if let Some(pane) = &self.tmux_pane {
            text += &format!(" in tmux pane {pane}");
        }
        if let Some(tty) = &self.tty {
            text += &format!(" on {tty}");
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_framings_carry_calls_and_replies_one_after_another() {
        for framing in [Framing::JsonLines, Framing::MessagePack] {
            let mut wire = Vec::new();
            let call = Call::EventsWithPrefix {
                prefix: "01JD".into(),
                limit: 5,
            };
            framing.write(&mut wire, &call).unwrap();
            let reply: Reply<Vec<String>> = Ok(vec!["移行計画 🚀".into()]);
            framing.write(&mut wire, &reply).unwrap();
            let missing = StoreError::Missing {
                what: "client",
                id: "x".into(),
            };
            framing.refuse(&mut wire, &missing).unwrap();
            let mut input = &wire[..];
            let read: Call = framing.read(&mut input).unwrap().unwrap();
            assert!(
                matches!(read, Call::EventsWithPrefix { prefix, limit: 5 } if prefix == "01JD"),
                "{framing:?}"
            );
            let read: Reply<Vec<String>> = framing.read(&mut input).unwrap().unwrap();
            assert_eq!(read, reply, "{framing:?}");
            let read: Reply<()> = framing.read(&mut input).unwrap().unwrap();
            assert_eq!(read, Err((&missing).into()), "{framing:?}");
            // The other side hung up between messages.
            assert!(
                framing.read::<Call>(&mut input).unwrap().is_none(),
                "{framing:?}"
            );
        }
    }

    #[test]
    fn a_message_that_is_not_a_call_is_invalid_data() {
        for (framing, wire) in [
            (Framing::JsonLines, b"{\"call\":\"fly\"}\n".to_vec()),
            (
                Framing::MessagePack,
                rmp_serde::to_vec_named(&("fly", 1)).unwrap(),
            ),
        ] {
            let err = framing.read::<Call>(&mut &wire[..]).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{framing:?}: {err}");
        }
    }

    /// Every variant, through both framings: the same sentence, and the same variant to
    /// match on (an I/O error keeps its kind too).
    #[test]
    fn every_store_error_crosses_whole() {
        let dir = PathBuf::from("/data/rapport");
        let errors = || {
            vec![
                StoreError::Locked {
                    dir: dir.clone(),
                    pid: " (pid 42)".into(),
                },
                StoreError::TooNew {
                    dir: dir.clone(),
                    found: 9,
                    supported: 5,
                },
                StoreError::Corrupt {
                    dir: dir.clone(),
                    detail: "bad chunk".into(),
                },
                StoreError::NameTaken("Acme Oy".into()),
                StoreError::Missing {
                    what: "person",
                    id: "01JD".into(),
                },
                StoreError::io(
                    "reading",
                    &dir.join("inbox"),
                    io::Error::from_raw_os_error(13),
                ),
                StoreError::Io {
                    context: "talking to the dashboard".into(),
                    source: io::ErrorKind::UnexpectedEof.into(),
                },
                StoreError::Io {
                    context: "decoding".into(),
                    source: io::Error::new(io::ErrorKind::InvalidData, "odd bytes"),
                },
                StoreError::DiskFull { place: dir.clone() },
                StoreError::Engine {
                    dir: dir.clone(),
                    source: "nope".into(),
                },
                StoreError::Remote("the store process ended".into()),
            ]
        };
        for framing in [Framing::JsonLines, Framing::MessagePack] {
            for error in errors() {
                let mut wire = Vec::new();
                framing.refuse(&mut wire, &error).unwrap();
                let read: Reply<()> = framing.read(&mut &wire[..]).unwrap().unwrap();
                let back = StoreError::from(read.unwrap_err());
                assert_eq!(back.to_string(), error.to_string(), "{framing:?}");
                let same = match (&error, &back) {
                    (StoreError::Locked { .. }, StoreError::Locked { .. })
                    | (StoreError::TooNew { .. }, StoreError::TooNew { .. })
                    | (StoreError::Corrupt { .. }, StoreError::Corrupt { .. })
                    | (StoreError::NameTaken(_), StoreError::NameTaken(_))
                    | (StoreError::DiskFull { .. }, StoreError::DiskFull { .. })
                    | (StoreError::Engine { .. }, StoreError::Remote(_))
                    | (StoreError::Remote(_), StoreError::Remote(_)) => true,
                    (StoreError::Missing { what, .. }, StoreError::Missing { what: back, .. }) => {
                        what == back
                    }
                    (StoreError::Io { source, .. }, StoreError::Io { source: back, .. }) => {
                        source.kind() == back.kind()
                    }
                    _ => false,
                };
                assert!(same, "{framing:?}: {error:?} came back as {back:?}");
            }
        }
    }

    #[test]
    fn another_version_is_told_what_to_do() {
        let hello = Hello::of_this_process();
        assert!(hello.agrees("the running dashboard").is_ok());
        let old = Hello {
            version: 0,
            ..hello.clone()
        };
        let why = old.agrees("the running dashboard").unwrap_err();
        assert!(
            why.starts_with("the running dashboard is an older rapport (pid ")
                && why.ends_with("): restart it"),
            "{why}"
        );
        // A dashboard from before versions says none: it reads as version 0.
        let before: Reply<Hello> = serde_json::from_str(r#"{"Ok":{"pid":7,"tty":null}}"#).unwrap();
        assert_eq!(before.unwrap().version, 0);
        let newer = Hello {
            version: VERSION + 1,
            ..hello
        };
        assert!(newer
            .agrees("the running dashboard")
            .unwrap_err()
            .contains("newer"));
    }
}
