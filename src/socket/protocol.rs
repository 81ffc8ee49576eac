//! What travels over the socket: one JSON line per call and per reply.

use crate::model::{Client, ClientId, Draft, Event, EventId, Person, PersonId};
use crate::search::Query;
use crate::store::Cursor;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

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

/// The line that answers a call with an error.
pub fn refusal(why: &str) -> String {
    let reply: Reply<()> = Err(why.to_string());
    serde_json::to_string(&reply).unwrap_or_else(|_| r#"{"Err":"unreadable error"}"#.into())
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
