//! What travels over the socket (one JSON line per call and per reply) and over the store
//! process's pipes (the same calls, in length-prefixed MessagePack).

use crate::model::{Client, ClientId, Draft, Event, EventId, Person, PersonId};
use crate::search::Query;
use crate::store::Cursor;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::{self, BufRead, Write};

/// A call of the `Store` trait (and a greeting).
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "call", content = "args", rename_all = "snake_case")]
pub enum Call {
    Hello,
    ClientNames,
    PersonNames(Option<ClientId>),
    IsEmpty,
    PutClient(Client),
    Client(ClientId),
    Clients,
    ClientByHandle(String),
    PutPerson(Person),
    Person(PersonId),
    People(Option<ClientId>),
    SaveEvents(Vec<Event>, Vec<Event>, DateTime<Utc>),
    Event(EventId),
    EventsWithPrefix(String, usize),
    EventsPage(ClientId, Option<Cursor>, usize),
    Timeline(ClientId),
    Summary(ClientId),
    Summaries(Vec<ClientId>),
    Check(DateTime<Utc>, bool),
    PutDraft(Draft),
    RemoveDraft(ClientId),
    Drafts,
    Search(Query),
}

impl Call {
    /// The clients a call changes, if it writes (the dashboard then redraws them).
    pub fn touches(&self) -> Option<Touched> {
        let some = |ids: Vec<ClientId>| Some(Touched::Clients(ids.into_iter().collect()));
        match self {
            Call::PutClient(client) => some(vec![client.id]),
            Call::PutPerson(person) => some(vec![person.client]),
            Call::SaveEvents(new, changed, _) => {
                some(new.iter().chain(changed).map(|e| e.client).collect())
            }
            Call::Check(_, true) => Some(Touched::All),
            _ => None,
        }
    }
}

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

/// The answer: the call's value, or the error's sentence.
pub type Reply<T> = Result<T, String>;

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
    pub fn refuse(self, out: &mut dyn Write, why: &str) -> io::Result<()> {
        let reply: Reply<()> = Err(why.to_string());
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
pub struct Hello {
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
            pid: std::process::id(),
            tty,
            tmux_pane: std::env::var("TMUX_PANE").ok(),
        }
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
            let call = Call::EventsWithPrefix("01JD".into(), 5);
            framing.write(&mut wire, &call).unwrap();
            let reply: Reply<Vec<String>> = Ok(vec!["移行計画 🚀".into()]);
            framing.write(&mut wire, &reply).unwrap();
            framing.refuse(&mut wire, "no such client").unwrap();
            let mut input = &wire[..];
            let read: Call = framing.read(&mut input).unwrap().unwrap();
            assert!(
                matches!(read, Call::EventsWithPrefix(p, 5) if p == "01JD"),
                "{framing:?}"
            );
            let read: Reply<Vec<String>> = framing.read(&mut input).unwrap().unwrap();
            assert_eq!(read, reply, "{framing:?}");
            let read: Reply<()> = framing.read(&mut input).unwrap().unwrap();
            assert_eq!(read, Err("no such client".into()), "{framing:?}");
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
}
