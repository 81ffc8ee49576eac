//! Capturing a note as it is typed: the inline syntax that turns one line of text into a kind,
//! people, tags, a trust movement and the rest, so nobody has to reach for flags.
//!
//! ```text
//! call: failover test went fine with @Mikko today +1 45m #replication
//! advice: explained partitioning 1h30 billed !private
//! promise: send the upgrade plan due:fri @Anna
//! call：＠佐藤さん、移行計画を相談した ＋１ ＃移行
//! ＃移行の件で＠佐藤さんと相談した ３０分 at:yesterday_15:30
//! ```
//!
//! | syntax | reads | in the stored text |
//! |---|---|---|
//! | `call:` `meeting:` `check-in:` … first word | the kind (`checkin:` too) | removed |
//! | `@Mikko`, `@Anna_Lee` | a person, "Anna Lee" | the name, without `@`; removed at the end of the note |
//! | `＠田中さんと…` | the client's person 田中 (a known name ends it) | `田中さんと…` |
//! | `#replication` | a tag (lowercase) | the word without `#`; removed at the end of the note |
//! | `+1` `-2` (within -3..+3) | trust | removed |
//! | `!private` | a note to self | removed |
//! | `due:fri` `due:2026-12-01` `due:next monday` | a promise's due date; in a call, video, meeting, check-in or advice, its sentence is a promise made there | removed |
//! | `follow:fri` `follow:2026-12-04` | a follow-up day: the note comes up on the agenda then (no promise) | removed |
//! | `at:10:00` `at:yesterday_15:30` `at:mon` | when it happened (the past) | removed |
//! | `45m` `90min` `1h` `1h30` `３０分` | minutes spent | removed |
//! | `billed` | paid advice | removed |
//! | `\+4` `\@home` | nothing: text on purpose | the word without `\` |
//!
//! Anything that does not read stays text: the parser never fails, and lists the words that
//! look like syntax but did not read ([`Doubtful`]) for the caller to ask about. The rules for
//! the cases where a word could be either are written down in `capture/syntax.rs`, next to the
//! code that follows them.

mod event;
pub mod link;
mod preview;
mod syntax;
mod token;
pub mod unfiled;
mod vocabulary;
mod written;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

pub use link::{link, relink_past, Unlinked};
pub use syntax::{
    holds_promises, parse, parse_as, parse_or, takes_time, Doubtful, Parsed, Promised,
};
pub use token::is_minute_stamp;
pub use vocabulary::Vocabulary;
pub use written::written;
