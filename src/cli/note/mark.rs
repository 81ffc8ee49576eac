//! `kept`, `broken`, `delete` and `restore`: marks on an event already saved, found by its id.

use super::args::{IdArgs, OutcomeArgs};
use crate::cli::Ctx;
use crate::model::{Event, Outcome, Settle, ID_LEN};
use crate::store::Store;
use crate::when;
use anyhow::{bail, Result};

/// Finds an event by id, unique prefix, or unique end (the short id listings show).
pub fn find_event(store: &dyn Store, id: &str) -> Result<Event> {
    let id = id.trim();
    if id.len() < 4 {
        bail!("give at least 4 characters of the id (see `rapport log CLIENT`)");
    }
    let mut matches = store.events_with_prefix(id, 6)?;
    if matches.is_empty() && id.len() < ID_LEN {
        // Only when nothing starts with it: the end of an id has no index of its own.
        matches = store.events_with_suffix(id, 6)?;
    }
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
    // A number of the last `rapport promises` listing, an id or its short end, or a prefix.
    let promise = crate::cli::promises::find(ctx, &*store, &args.id)?;
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
