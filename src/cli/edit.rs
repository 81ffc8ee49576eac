//! `rapport edit ID`: corrects an event, keeping the version it replaces. The event is given
//! anew in the inline syntax (read exactly as `rapport note` reads it) or changed field by
//! field with the note's flags; the store writes the new version, the old one, the summary
//! and the note index in one atomic write, with the promises a call's new `due:` sentences
//! (or `--due`) make in it.

use super::inline;
use super::note::find_event;
use super::shared::parse;
use super::Ctx;
use crate::capture::{holds_promises, relink_past, Parsed, Promised, Vocabulary};
use crate::model::{valid, ClientName, Event, Kind, PersonId, Revision};
use crate::resolve::{self, Names};
use crate::store::Store;
use crate::when;
use anyhow::{bail, Result};
use clap::Args;

#[derive(Args, Debug)]
#[command(
    about = "Correct an event: text, kind, people, tags, trust, time, privacy (keeps the old version)",
    after_help = "Examples:
  rapport edit 01JD4Z \"call: @Mikko agreed to the plan +1 #aurora\"   # the event anew
  rapport edit 01JD4Z --text \"Agreed to the plan\"                    # only the text
  rapport edit 01JD4Z --at \"yesterday 15:30\" --trust +2
  rapport edit 01JD4Z --due 2026-12-04                                # a promise's due date
  rapport edit 01JD4Z --due fri            # on a call: a promise made in it, of the whole call
  rapport edit 01JD4Z --shared

NOTE replaces what the event says, read as the note box reads it (a kind word, @names, #tags,
+1, !private, due:, at:, 45m, billed; without a trust word the kind's default); its time
stays unless at: or --at moves it. A due: sentence in a call (meeting, video, check-in,
advice) is a promise made in it, saved with the edit in one write. Flags win over NOTE; with NOTE, --with and --tag add to
its @names and #tags, without it they replace the event's. `rapport show ID` lists the
versions kept."
)]
pub struct EditArgs {
    /// The event's id (or a unique prefix of it)
    id: String,
    /// The event anew, in the inline syntax of `rapport note`
    note: Option<String>,
    /// The text alone, taken as it is (no syntax read)
    #[arg(long, conflicts_with = "note")]
    text: Option<String>,
    /// call, video, email, chat, meeting, check-in, win, incident, promise, advice, favor, note
    #[arg(long, value_parser = parse::<Kind>)]
    kind: Option<Kind>,
    /// Who was there (repeatable; `--with ''` leaves nobody)
    #[arg(long = "with", value_name = "PERSON")]
    with: Vec<String>,
    /// A tag (repeatable; `--tag ''` leaves none)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Trust movement, -3..+3
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i8).range(valid::TRUST))]
    trust: Option<i8>,
    /// When it happened (local time): "2026-11-20 14:00", "yesterday 15:30"
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
    /// Duration in minutes
    #[arg(long, value_parser = clap::value_parser!(u32).range(valid::MINUTES))]
    minutes: Option<u32>,
    /// Advice that was paid for
    #[arg(long)]
    billed: bool,
    /// A note to self: never exported for the client
    #[arg(long, conflicts_with = "shared")]
    private: bool,
    /// No longer a note to self
    #[arg(long)]
    shared: bool,
    /// A promise's due date: 2026-12-01, fri, "next monday"; on a call, a promise made in it
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    /// Keep words of NOTE that look like syntax but do not read (due:someday, +4) as text
    #[arg(long)]
    literal: bool,
}

pub fn run(ctx: &Ctx, args: EditArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let old = find_event(&*store, &args.id)?;
    if !old.is_live() {
        bail!(old.revised(&Revision::of(&old)).unwrap_err());
    }
    let client = client_name(&*store, &old)?;
    let (mut revision, unlinked, mut promised) = match &args.note {
        Some(note) => from_note(ctx, &*store, &old, note, &args)?,
        None => (
            from_flags(ctx, &*store, &old, &args)?,
            Vec::new(),
            Vec::new(),
        ),
    };
    // `--due` on a call: a promise made in it, of the whole event, as `due:` alone would be. A
    // promise made another kind keeps the refusal below: which was meant is not clear.
    let holds = holds_promises(revision.kind) && old.promise.is_none();
    if let Some(due) = revision.due.filter(|_| holds) {
        promised.push(Promised {
            text: revision.text.replace('\n', " "),
            due,
            private: false,
        });
        revision.due = None;
    }
    for promise in &promised {
        valid::day("due date", promise.due)?;
    }
    if let Some(due) = revision.due {
        valid::day("due date", due)?;
        if revision.kind != Kind::Promise {
            bail!(
                "a due date is for promises, and {} is a {}: add --kind promise (a call, \
                 meeting, video, check-in or advice holds one as a promise made in it)",
                old.id,
                revision.kind
            );
        }
    }
    let new = old.revised(&revision)?;
    // Made now, in the event as edited: its people, time and privacy, linked to it.
    let made_in = Event {
        created: ctx.now,
        ..new.clone()
    };
    let promises = Parsed {
        promises: promised,
        ..Parsed::default()
    }
    .promise_events(&made_in, &ctx.config);
    if new == old && promises.is_empty() {
        outln!("{} already says that: nothing changed", old.id)?;
        return Ok(());
    }
    store.edit_events(std::slice::from_ref(&new), &promises, &[], ctx.now)?;
    if new != old {
        let versions = store
            .event(old.id)?
            .and_then(|e| e.edited)
            .map_or(2, |e| e.versions());
        outln!(
            "edited {} ({versions} versions: `rapport show {}`)",
            old.id,
            old.id
        )?;
    }
    for promise in &promises {
        let due = promise.promise.as_ref().and_then(|p| p.due);
        let due = due.map(|d| format!(", due {}", d.format("%a %Y-%m-%d")));
        outln!(
            "promise made in the {}: {} ({}{})",
            new.kind,
            promise.text,
            promise.id,
            due.unwrap_or_default()
        )?;
    }
    inline::warn(&client, &unlinked);
    Ok(())
}

fn client_name(store: &dyn Store, event: &Event) -> Result<ClientName> {
    match store.client(event.client)? {
        Some(client) => Ok(ClientName::from(&client)),
        None => bail!(
            "{} belongs to a client that is missing; run `rapport check`",
            event.id
        ),
    }
}

/// The event anew from a note in the inline syntax, with the flags over it, and the promises
/// made in it (a call's `due:` sentences).
fn from_note(
    ctx: &Ctx,
    store: &dyn Store,
    old: &Event,
    note: &str,
    args: &EditArgs,
) -> Result<(Revision, Vec<inline::Unlinked>, Vec<Promised>)> {
    let people = store.person_names(Some(old.client))?;
    let known = Vocabulary::new(people.iter().map(|p| &p.name), old.tags.iter());
    let parsed: Parsed = inline::read(note, args.kind, &known, args.literal, ctx.now)?;
    let mut people = resolve_with(store, &args.with, old)?;
    let mut unlinked = inline::link(store, &parsed.mentions, old.client, &mut people)?;
    // Someone the event names who moved away or was removed since stays on it when named.
    let mut past = Vec::new();
    for &id in &old.people {
        match store.person(id)? {
            Some(p) if p.client != old.client || !p.is_live() => past.push(p),
            _ => {}
        }
    }
    relink_past(&past, &mut unlinked, &mut people);
    let kind = parsed.kind;
    let revision = Revision {
        kind,
        text: parsed.text.clone(),
        people,
        tags: inline::merge_tags(&args.tags, parsed.tags.clone()),
        trust: (args.trust.or(parsed.trust)).unwrap_or_else(|| ctx.config.trust_delta(kind)),
        private: (parsed.private || args.private) && !args.shared,
        minutes: args.minutes.or(parsed.minutes),
        billed: parsed.billed || args.billed,
        at: moment(ctx, args)?.or(parsed.at).unwrap_or(old.at),
        due: due(ctx, args)?.or(parsed.due),
    };
    Ok((revision, unlinked, parsed.promises))
}

/// The event with only what the flags name changed.
fn from_flags(ctx: &Ctx, names: &dyn Names, old: &Event, args: &EditArgs) -> Result<Revision> {
    let mut revision = Revision::of(old);
    if let Some(text) = &args.text {
        if text.trim().is_empty() {
            bail!(
                "the text is empty; say what happened (or `rapport delete {}`)",
                old.id
            );
        }
        revision.text = text.trim().to_string();
    }
    revision.kind = args.kind.unwrap_or(revision.kind);
    if !args.with.is_empty() {
        revision.people = resolve_with(names, &args.with, old)?;
    }
    if !args.tags.is_empty() {
        revision.tags = inline::merge_tags(&args.tags, Vec::new());
    }
    revision.trust = args.trust.unwrap_or(revision.trust);
    revision.private = (revision.private || args.private) && !args.shared;
    revision.minutes = args.minutes.or(revision.minutes);
    revision.billed |= args.billed;
    revision.at = moment(ctx, args)?.unwrap_or(revision.at);
    revision.due = due(ctx, args)?.or(revision.due);
    if revision.kind != Kind::Promise && args.due.is_none() {
        revision.due = None;
    }
    Ok(revision)
}

/// The people `--with` names, at the event's client, each once (an empty value names nobody).
fn resolve_with(names: &dyn Names, with: &[String], old: &Event) -> Result<Vec<PersonId>> {
    let mut people = Vec::new();
    for name in with.iter().filter(|n| !n.trim().is_empty()) {
        let id = resolve::person(names, name, Some(old.client))?.id;
        if !people.contains(&id) {
            people.push(id);
        }
    }
    Ok(people)
}

fn moment(ctx: &Ctx, args: &EditArgs) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    Ok(args
        .at
        .as_deref()
        .map(|a| when::past(a, ctx.now))
        .transpose()?)
}

fn due(ctx: &Ctx, args: &EditArgs) -> Result<Option<chrono::NaiveDate>> {
    Ok(args
        .due
        .as_deref()
        .map(|d| when::day(d, ctx.now))
        .transpose()?)
}
