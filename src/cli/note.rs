//! `rapport note`, `promise`, `kept`, `broken`, `delete`, `restore`: writing the timeline.
//! Every write is durable before its id is printed.

use super::connect::{self, Route};
use super::context::Target;
use super::inline::{self, Unlinked};
use super::shared::parse;
use super::{unfiled, Ctx};
use crate::capture::Parsed;
use crate::model::valid;
use crate::model::{ClientName, Event, Given, Kind, Outcome, PersonId, Settle, Unfiled, ID_LEN};
use crate::resolve::{self, Names, ResolveError};
use crate::store::Store;
use crate::when;
use anyhow::{bail, Result};
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

{CONTEXT}

{SYNTAX}")
)]
pub struct NoteArgs {
    /// The client (name, alias or unique prefix) [default: from the config's [[context]] rules]
    client: Option<String>,
    /// What happened, with inline syntax if you like (see below)
    text: String,
    /// call, video, email, chat, meeting, check-in, win, incident, promise, advice, favor, note
    /// [default: the note's kind word, else note]
    #[arg(long, value_parser = parse::<Kind>)]
    kind: Option<Kind>,
    #[command(flatten)]
    common: Common,
    /// Advice that was paid for
    #[arg(long)]
    billed: bool,
}

/// What notes and promises share.
#[derive(Args, Debug)]
pub struct Common {
    /// Who was there (repeatable)
    #[arg(long = "with", value_name = "PERSON")]
    with: Vec<String>,
    /// Trust movement, -3..+3 [default: from config for the kind]
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i8).range(valid::TRUST))]
    trust: Option<i8>,
    /// A note to self: never exported for the client
    #[arg(long)]
    private: bool,
    /// When it happened (local time): "2026-11-20 14:00", "yesterday 15:30" [default: now]
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
    /// Duration in minutes (calls, advice)
    #[arg(long, value_parser = clap::value_parser!(u32).range(valid::MINUTES))]
    minutes: Option<u32>,
    /// Add a tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Keep words that look like syntax but do not read (due:someday, +4) as text
    #[arg(long)]
    literal: bool,
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
    client: Option<String>,
    /// What was promised, with inline syntax if you like
    text: String,
    /// When it is due: 2026-12-01, fri, "next monday" [default: the text's due:, else none]
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args, Debug)]
pub struct OutcomeArgs {
    /// The promise's id (or a unique prefix of it)
    id: String,
    /// A word on how it went
    #[arg(long)]
    note: Option<String>,
    /// When it was kept or broken [default: now]
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
}

#[derive(Args, Debug)]
pub struct IdArgs {
    /// The event's id (or a unique prefix of it)
    id: String,
}

impl NoteArgs {
    pub(super) fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

impl PromiseArgs {
    pub(super) fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

pub fn note(ctx: &Ctx, args: NoteArgs) -> Result<()> {
    text_not_forgotten(ctx, args.client.is_none(), &args.text, "note")?;
    let given = args.common.given(ctx, args.kind, None, args.billed)?;
    let typed = Unfiled::new(&args.text, Vec::new(), given, ctx.now);
    let target = match Target::new(&ctx.config, args.client, "note") {
        Ok(target) => target,
        Err(unplaced) => return unfiled::keep_unplaced(ctx, &unplaced, typed),
    };
    let known = inline::vocabulary(ctx, &target);
    let mut note = inline::read(&args.text, args.kind, &known, args.common.literal, ctx.now)?;
    note.billed |= args.billed;
    record(ctx, &target, note, &args.common, &typed)
}

pub fn promise(ctx: &Ctx, args: PromiseArgs) -> Result<()> {
    text_not_forgotten(ctx, args.client.is_none(), &args.text, "promise")?;
    let due = args
        .due
        .as_deref()
        .map(|d| when::day(d, ctx.now))
        .transpose()?;
    let kind = Some(Kind::Promise);
    let given = args.common.given(ctx, kind, due, false)?;
    let typed = Unfiled::new(&args.text, Vec::new(), given, ctx.now);
    let target = match Target::new(&ctx.config, args.client, "promise") {
        Ok(target) => target,
        Err(unplaced) => return unfiled::keep_unplaced(ctx, &unplaced, typed),
    };
    let known = inline::vocabulary(ctx, &target);
    let mut note = inline::read(&args.text, kind, &known, args.common.literal, ctx.now)?;
    note.due = due.or(note.due);
    record(ctx, &target, note, &args.common, &typed)
}

/// `rapport note acme` with the text forgotten: the one word given names a client, so it is
/// not taken as a note for whatever client the context picks.
fn text_not_forgotten(ctx: &Ctx, alone: bool, text: &str, command: &str) -> Result<()> {
    let word = text.trim();
    if !alone || word.is_empty() || word.contains(char::is_whitespace) {
        return Ok(());
    }
    let Some(names) = ctx.quick_names()? else {
        return Ok(());
    };
    let folded = crate::model::fold(word);
    let named = names.clients.iter().find(|c| {
        crate::model::fold(&c.name) == folded
            || c.alias.as_deref().map(crate::model::fold) == Some(folded.clone())
    });
    match named {
        Some(client) => bail!(
            "'{word}' is the client {}; what should the {command} say?\n  rapport {command} {word} \"…\"",
            client.name
        ),
        None => Ok(()),
    }
}

impl Common {
    /// The flags as an unfiled note keeps them, `--at` read now.
    fn given(
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
    fn overlay(&self, mut note: Parsed) -> Parsed {
        note.trust = self.trust.or(note.trust);
        note.private |= self.private;
        note.minutes = self.minutes.or(note.minutes);
        note.tags = inline::merge_tags(&self.tags, note.tags);
        note
    }
}

/// Saves a new event and prints its id once it is durable, by the route [`connect::for_new_event`] picks: the
/// dashboard, or the quick inbox, which costs the same on a store of any size; when the names
/// file is missing or does not know a name, the store itself is opened.
/// A client named that is not found keeps `typed` unfiled.
fn record(
    ctx: &Ctx,
    client: &Target,
    note: Parsed,
    common: &Common,
    typed: &Unfiled,
) -> Result<()> {
    let note = common.overlay(note);
    for due in note.due.iter().chain(note.promises.iter().map(|p| &p.due)) {
        valid::day("due date", *due)?;
    }
    let quick = match connect::for_new_event(ctx)? {
        Route::Dashboard(dashboard) => return save(ctx, &dashboard, client, &note, common, typed),
        Route::Store(store) => return save(ctx, &*store, client, &note, common, typed),
        Route::Inbox(quick) => quick,
    };
    // A client the names file does not know may be behind it: the store says.
    let Ok(named) = client.resolve(quick.names) else {
        return save(ctx, &*ctx.open_store()?, client, &note, common, typed);
    };
    match build(ctx, quick.names, named, &note, common) {
        // A promise made in the note goes with it in one write: through the store.
        Ok(built)
            if built.promises.is_empty() && !built.unlinked.iter().any(Unlinked::is_unknown) =>
        {
            quick.add(&built.event)?;
            outln!("{}", built.event.id)?;
            client.announce(&built.client);
            inline::warn(&built.client, &built.unlinked);
            return Ok(());
        }
        Ok(_) => {} // an @name the names file does not know: it may be behind the store
        Err(e) if !is_unknown_name(&e) => return Err(e),
        Err(_) => {} // the names file may be behind the store: ask the store
    }
    save(ctx, &*ctx.open_store()?, client, &note, common, typed)
}

fn save(
    ctx: &Ctx,
    store: &dyn Store,
    client: &Target,
    note: &Parsed,
    common: &Common,
    typed: &Unfiled,
) -> Result<()> {
    let named = match client.resolve(store) {
        Ok(named) => named,
        Err(error) => return unfiled::keep_misnamed(store, client, typed, error),
    };
    let built = build(ctx, store, named, note, common)?;
    let events: Vec<Event> = std::iter::once(built.event.clone())
        .chain(built.promises.iter().cloned())
        .collect();
    store.save_events(&events, &[], ctx.now)?;
    outln!("{}", built.event.id)?;
    client.announce(&built.client);
    for promise in &built.promises {
        let due = promise.promise.as_ref().and_then(|p| p.due);
        let due = due.map(|d| format!(", due {}", d.format("%a %Y-%m-%d")));
        crate::cli::output::warn(&format!(
            "promise made in the {}: {} ({}{})",
            built.event.kind,
            promise.text,
            promise.id,
            due.unwrap_or_default()
        ));
    }
    inline::warn(&built.client, &built.unlinked);
    Ok(())
}

fn is_unknown_name(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<ResolveError>(),
        Some(ResolveError::Unknown { .. })
    )
}

/// An event ready to save, and the @names it could not link.
struct Built {
    event: Event,
    /// Promises made in it, saved with it.
    promises: Vec<Event>,
    client: ClientName,
    unlinked: Vec<Unlinked>,
}

fn build(
    ctx: &Ctx,
    names: &dyn Names,
    client: ClientName,
    note: &Parsed,
    common: &Common,
) -> Result<Built> {
    let mut people: Vec<PersonId> = Vec::new();
    for name in &common.with {
        let id = resolve::person(names, name, Some(client.id))?.id;
        if !people.contains(&id) {
            people.push(id);
        }
    }
    let unlinked = inline::link(names, &note.mentions, client.id, &mut people)?;
    let at = common
        .at
        .as_deref()
        .map(|a| when::past(a, ctx.now))
        .transpose()?
        .or(note.at)
        .unwrap_or(ctx.now);
    let event = note.to_event(client.id, people, at, ctx.now, &ctx.config);
    let promises = note.promise_events(&event, &ctx.config);
    Ok(Built {
        event,
        promises,
        client,
        unlinked,
    })
}

/// Finds an event by id or unique prefix.
pub fn find_event(store: &dyn Store, id: &str) -> Result<Event> {
    let id = id.trim();
    if id.len() < 4 {
        bail!("give at least 4 characters of the id (see `rapport log CLIENT`)");
    }
    let matches = store.events_with_prefix(id, 6)?;
    let found = match matches.as_slice() {
        [one] => *one,
        [] => bail!("no event with id {id} (ids are shown by `rapport log CLIENT`)"),
        many if id.len() >= ID_LEN => many[0],
        many => bail!(
            "'{id}' matches several events: {}{}; give more of the id",
            many.iter()
                .take(5)
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            if many.len() > 5 { ", …" } else { "" }
        ),
    };
    store
        .event(found)?
        .ok_or_else(|| anyhow::anyhow!("event {found} is indexed but missing; run `rapport check`"))
}

pub fn outcome(ctx: &Ctx, args: OutcomeArgs, outcome: Outcome) -> Result<()> {
    let store = ctx.open_store()?;
    let promise = find_event(&*store, &args.id)?;
    let at = args
        .at
        .as_deref()
        .map(|a| when::past(a, ctx.now))
        .transpose()?
        .unwrap_or(ctx.now);
    let settled = promise.settle(Settle {
        outcome,
        trust: ctx.config.promise_delta(outcome),
        at,
        now: ctx.now,
        note: args.note.as_deref(),
    })?;
    // One write: the outcome and the mark on the promise land together or not at all.
    store.save_events(
        std::slice::from_ref(&settled.outcome),
        std::slice::from_ref(&settled.promise),
        ctx.now,
    )?;
    outln!("{}", settled.outcome.id)?;
    crate::cli::output::warn(&format!(
        "promise marked {outcome} (trust {:+})",
        settled.outcome.trust
    ));
    Ok(())
}

/// `delete` (tombstone) and `restore`.
pub fn delete(ctx: &Ctx, args: IdArgs, remove: bool) -> Result<()> {
    let store = ctx.open_store()?;
    let event = find_event(&*store, &args.id)?;
    match (remove, event.deleted.is_some()) {
        (true, true) => bail!("{} is already removed", event.id),
        (false, false) => bail!("{} is not removed", event.id),
        _ => {}
    }
    // An outcome takes its promise's mark with it, in the same write.
    let (event, promise) =
        crate::store::set_removed(&*store, event, remove.then_some(ctx.now), ctx.now)?;
    if let Some(promise) = &promise {
        let state = match promise.promise.as_ref().and_then(|p| p.outcome) {
            Some(outcome) => format!("marked {outcome} again"),
            None => "open again".to_string(),
        };
        crate::cli::output::warn(&format!("promise {} is {state}", promise.id));
    }
    if remove {
        outln!(
            "removed {} (bring it back with `rapport restore {}`)",
            event.id,
            event.id
        )?;
    } else {
        outln!("restored {}", event.id)?;
    }
    Ok(())
}
