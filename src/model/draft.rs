//! A note being written in the dashboard and not saved yet: kept in the store so that a crash,
//! `kill -9` or a closed pane loses at most the last keystrokes.

use super::ClientId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One unsaved note; a client has at most one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub client: ClientId,
    /// Exactly as typed, inline syntax unread, lines joined with `\n`.
    pub text: String,
    /// When the call started, for a note taken during a call; the timer goes on from there.
    pub call_started: Option<DateTime<Utc>>,
    /// When the draft was last written, so a restart reopens the latest one.
    pub written: DateTime<Utc>,
    /// When its first and last keys were typed (during a call: while the call was on), so a
    /// call continued later lasts as long as it was typed in, not until it is saved. Absent
    /// in drafts written before they were kept.
    pub typed_first: Option<DateTime<Utc>>,
    pub typed_last: Option<DateTime<Utc>>,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            client: ClientId(ulid::Ulid::nil()),
            text: String::new(),
            call_started: None,
            written: DateTime::<Utc>::UNIX_EPOCH,
            typed_first: None,
            typed_last: None,
        }
    }
}
