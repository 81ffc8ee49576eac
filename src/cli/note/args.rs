//! The arguments of `note`, `promise`, `kept`, `broken`, `delete` and `restore`, their help,
//! and how the flags of a note read.

use crate::capture::Parsed;
use crate::cli::inline;
use crate::cli::shared::parse;
use crate::cli::Ctx;
use crate::model::valid;
use crate::model::{Given, Kind};
use crate::when;
use anyhow::Result;
use clap::Args;

/// The inline syntax in a few lines, for `--help`.
const SYNTAX: &str = "\
Inline syntax (flags win over it; --with and --tag add to it):
  call: meeting: advice: promise: ...  the kind, as the first word
  @Mikko @Anna_Lee                     people (underscores join a name)
  #replication                         a tag
  +1 -2                                trust, -3..+3
  !private                             a note to self
  due:fri due:2026-12-01               a due date: makes it a promise; in a call, meeting,
                                       video, check-in or advice, its sentence is a promise
                                       made there, saved with it
  follow:fri follow:2026-12-04         a follow-up: a note that comes up on the agenda on
                                       that day (a reminder, not a promise)
  at:10:00 at:yesterday_15:30 at:mon   when it happened, as --at reads it
  45m 1h30                             time spent: at the start or end of a call, video,
                                       meeting, check-in, advice or favor
  billed                               paid advice: at the start or end of advice
Full-width ＠ ＃ ＋ － ！ ： and ３０分 work too; ＠田中さんと needs no space, the client's
people say where a name ends. A word that looks like syntax but does not read (due:someday,
+4) is refused by name: write \\+4 or add --literal to keep it as text.";

/// How the client is found when left out, for `--help`.
const CONTEXT: &str = "\
Without CLIENT, the first [[context]] rule in the config that matches where you are picks it
(the directory, its git remote, the tmux session, the SSH host in the tmux pane), and the
choice is shown on stderr: `note → Acme Oy (tmux session acme-call)`.
`rapport config --default` shows how to write the rules.";

#[derive(Args, Debug)]
#[command(
    about = "Add a note to a client's timeline (prints the saved id)",
    allow_missing_positional = true,
    after_help = format!("Examples:
  rapport note acme \"call: failover test with @Mikko went fine +1 45m #replication\"
  rapport note \"call: @Mikko says it went fine +1\"  # the client from a [[context]] rule
  rapport note acme \"Failover test went fine\" --kind call --with Mikko --trust +1
  rapport note acme \"advice: explained partitioning 1h30 billed\" --at \"yesterday 15:30\"
  rapport note acme \"promise: send the upgrade plan due:fri @Anna\"
  rapport note acme \"Wife expecting in March !private\"
  rapport note acme -e                   # a long note in $EDITOR (also: no text, on a terminal)
  git log -3 | rapport note acme -       # the note from standard input

{CONTEXT}

{SYNTAX}")
)]
pub struct NoteArgs {
    /// The client (name, alias or unique prefix) [default: from the config's [[context]] rules]
    pub(super) client: Option<String>,
    /// What happened, with inline syntax if you like (see below); `-` reads standard input
    pub(super) text: String,
    /// Write the note in $EDITOR (else $VISUAL, else vi); an empty note writes nothing
    #[arg(long, short = 'e')]
    pub(super) edit: bool,
    /// call, video, email, chat, meeting, check-in, win, incident, promise, advice, favor, note
    /// [default: the note's kind word, else note]
    #[arg(long, value_parser = parse::<Kind>)]
    pub(super) kind: Option<Kind>,
    #[command(flatten)]
    pub(super) common: Common,
    /// Advice that was paid for
    #[arg(long)]
    pub(super) billed: bool,
}

/// What notes and promises share.
#[derive(Args, Debug)]
pub struct Common {
    /// Who was there (repeatable)
    #[arg(long = "with", value_name = "PERSON")]
    pub(super) with: Vec<String>,
    /// Trust movement, -3..+3 [default: from config for the kind]
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i8).range(valid::TRUST))]
    pub(super) trust: Option<i8>,
    /// A note to self: never exported for the client
    #[arg(long)]
    pub(super) private: bool,
    /// When it happened (local time): "2026-11-20 14:00", "yesterday 15:30" [default: now]
    #[arg(long, value_name = "WHEN")]
    pub(super) at: Option<String>,
    /// Duration in minutes (calls, advice)
    #[arg(long, value_parser = clap::value_parser!(u32).range(valid::MINUTES))]
    pub(super) minutes: Option<u32>,
    /// Add a tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub(super) tags: Vec<String>,
    /// Keep words that look like syntax but do not read (due:someday, +4) as text
    #[arg(long)]
    pub(super) literal: bool,
}

#[derive(Args, Debug)]
#[command(
    about = "Record a promise made to a client, with a due date",
    allow_missing_positional = true,
    after_help = format!("Examples:
  rapport promise acme \"Send the upgrade plan\" --due 2026-12-01 --with Anna
  rapport promise acme \"Send the upgrade plan due:fri @Anna #upgrade\"
  rapport promise \"Send the upgrade plan\" --due fri   # the client from a [[context]] rule

The text takes the inline syntax of `rapport note` (@name, #tag, +1, !private, due:fri);
flags win over it.

{CONTEXT}")
)]
pub struct PromiseArgs {
    /// The client (name, alias or unique prefix) [default: from the config's [[context]] rules]
    pub(super) client: Option<String>,
    /// What was promised, with inline syntax if you like
    pub(super) text: String,
    /// When it is due: 2026-12-01, fri, "next monday" [default: the text's due:, else none]
    #[arg(long, value_name = "DATE")]
    pub(super) due: Option<String>,
    #[command(flatten)]
    pub(super) common: Common,
}

#[derive(Args, Debug)]
#[command(
    about = "Write a follow-up: a reminder on the agenda from a day on (not a promise)",
    allow_missing_positional = true,
    after_help = format!("Examples:
  rapport follow acme \"ask about the Christmas play\" --on fri --with Sanna
  rapport follow acme \"ask how the migration went follow:2026-12-04 @Sanna\"

It is a note (kind note) with a follow-up day: from that day on it is on the agenda, with its
person (\"Follow up with Sanna: ask about the Christmas play\"), and counted by `rapport status`,
until `rapport agenda --done ID` closes it. Never kept or broken, it moves no trust.

{CONTEXT}")
)]
pub struct FollowArgs {
    /// The client (name, alias or unique prefix) [default: from the config's [[context]] rules]
    pub(super) client: Option<String>,
    /// What to follow up on, with inline syntax if you like
    pub(super) text: String,
    /// The day it comes up: 2026-12-04, fri, "next monday" [default: the text's follow:]
    #[arg(long, value_name = "DATE")]
    pub(super) on: Option<String>,
    #[command(flatten)]
    pub(super) common: Common,
}

impl FollowArgs {
    pub(in crate::cli) fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

#[derive(Args, Debug)]
pub struct OutcomeArgs {
    /// The promise: its number in the last `rapport promises`, its id, a unique prefix, or
    /// the short id listed (the end of the id)
    pub(super) id: String,
    /// A word on how it went
    #[arg(long)]
    pub(super) note: Option<String>,
    /// When it was kept or broken [default: now]
    #[arg(long, value_name = "WHEN")]
    pub(super) at: Option<String>,
}

#[derive(Args, Debug)]
pub struct IdArgs {
    /// The event's id (or a unique prefix of it)
    pub(super) id: String,
}

impl NoteArgs {
    pub(in crate::cli) fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

impl PromiseArgs {
    pub(in crate::cli) fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

impl Common {
    /// The flags as an unfiled note keeps them, `--at` read now.
    pub(super) fn given(
        &self,
        ctx: &Ctx,
        kind: Option<Kind>,
        due: Option<chrono::NaiveDate>,
        billed: bool,
    ) -> Result<Given> {
        Ok(Given {
            kind,
            due,
            with: self.with.clone(),
            trust: self.trust,
            private: self.private,
            at: (self.at.as_deref())
                .map(|a| when::past(a, ctx.now))
                .transpose()?,
            minutes: self.minutes,
            tags: self.tags.clone(),
            literal: self.literal,
            billed,
        })
    }

    /// Flags win over the note's own syntax; `--tag` adds to its #tags (`--with` is resolved
    /// beside its @names, more strictly).
    pub(super) fn overlay(&self, mut note: Parsed) -> Parsed {
        note.trust = self.trust.or(note.trust);
        note.private |= self.private;
        note.minutes = self.minutes.or(note.minutes);
        note.tags = inline::merge_tags(&self.tags, note.tags);
        note
    }
}
