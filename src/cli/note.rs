//! `rapport note`, `promise`, `follow`, `kept`, `broken`, `delete`, `restore`: writing the timeline.
//! Every write is durable before its id is printed.
//!
//! The arguments are in `args`, how a new event is saved (and by which route) in `record`,
//! the marks on saved events (`kept`, `broken`, `delete`, `restore`) in `mark`.

mod args;
mod long;
mod mark;
mod record;

pub use args::{FollowArgs, IdArgs, NoteArgs, OutcomeArgs, PromiseArgs};
pub use mark::{delete, find_event, outcome};

use super::context::Target;
use super::inline;
use super::{unfiled, Ctx};
use crate::model::{Kind, Unfiled};
use crate::when;
use anyhow::{bail, Result};

pub fn note(ctx: &Ctx, mut args: NoteArgs) -> Result<()> {
    long::fill(ctx, &mut args)?;
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
    record::record(ctx, &target, note, &args.common, &typed)
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
    record::record(ctx, &target, note, &args.common, &typed)
}

/// `rapport follow`: a note with a follow-up day (`--on` wins over the text's `follow:`). An
/// unfiled one keeps the day in its text, so filing it later reads the same follow-up.
pub fn follow(ctx: &Ctx, args: FollowArgs) -> Result<()> {
    text_not_forgotten(ctx, args.client.is_none(), &args.text, "follow")?;
    let on = (args.on.as_deref())
        .map(|d| when::day(d, ctx.now))
        .transpose()?;
    let kind = Some(Kind::Note);
    let given = args.common.given(ctx, kind, None, false)?;
    let kept_text = match on {
        Some(day) => format!("{} follow:{day}", args.text),
        None => args.text.clone(),
    };
    let typed = Unfiled::new(&kept_text, Vec::new(), given, ctx.now);
    let target = match Target::new(&ctx.config, args.client, "follow") {
        Ok(target) => target,
        Err(unplaced) => return unfiled::keep_unplaced(ctx, &unplaced, typed),
    };
    let known = inline::vocabulary(ctx, &target);
    let mut note = inline::read(&args.text, kind, &known, args.common.literal, ctx.now)?;
    note.follow = on.or(note.follow);
    if note.follow.is_none() {
        bail!("a follow-up needs its day: --on fri (or follow:fri in the text)");
    }
    record::record(ctx, &target, note, &args.common, &typed)
}

/// `rapport note acme` with the text forgotten: the one word given names a client, so it is
/// not taken as a note for whatever client the context picks.
fn text_not_forgotten(ctx: &Ctx, alone: bool, text: &str, command: &str) -> Result<()> {
    if !alone {
        return Ok(());
    }
    let word = text.trim();
    match named_client(ctx, word)? {
        Some(client) if command == "note" => bail!(
            "'{word}' is the client {client}; what should the note say?\n  rapport note {word} \"…\"\n  rapport note {word} -e       # in your $EDITOR\n  rapport note {word} - < file # from standard input"
        ),
        Some(client) => bail!(
            "'{word}' is the client {client}; what should the {command} say?\n  rapport {command} {word} \"…\""
        ),
        None => Ok(()),
    }
}

/// The name of the client `word` is exactly (name or alias, as the names file has it).
fn named_client(ctx: &Ctx, word: &str) -> Result<Option<String>> {
    let word = word.trim();
    if word.is_empty() || word.contains(char::is_whitespace) {
        return Ok(None);
    }
    let Some(names) = ctx.quick_names()? else {
        return Ok(None);
    };
    let folded = crate::model::fold(word);
    let named = names.clients.iter().find(|c| {
        crate::model::fold(&c.name) == folded
            || c.alias.as_deref().map(crate::model::fold) == Some(folded.clone())
    });
    Ok(named.map(|c| c.name.clone()))
}
