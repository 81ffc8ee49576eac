//! What travels over the socket: one JSON line per call and per reply.

use crate::model::{Client, ClientId, Draft, Event, EventId, Person, PersonId};
use crate::search::Query;
use crate::store::Cursor;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
    Check(DateTime<Utc>, bool),
    PutDraft(Draft),
    RemoveDraft(ClientId),
    Drafts,
    Search(Query),
}

impl Call {
    /// Whether the call changes the store (the dashboard then redraws from it).
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Call::PutClient(_) | Call::PutPerson(_) | Call::SaveEvents(..) | Call::Check(_, true)
        )
    }
}

/// The answer: the call's value as JSON, or the error's sentence.
pub type Reply = Result<serde_json::Value, String>;

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
