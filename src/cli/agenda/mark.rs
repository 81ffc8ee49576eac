//! `rapport agenda --snooze ID DURATION`, `--dismiss ID --reason "…"` and `--done ID` (a
//! follow-up): an item done with
//! for now, as a private note in its client's timeline (`model::agenda_mark`), written through
//! the store like any note — durable before the answer, and seen by a running dashboard.

use super::World;
use crate::cli::Ctx;
use crate::insight::{self, AgendaItem, MarkError, Rules};
use crate::store::Store;
use anyhow::{Context, Result};

/// What to do with the item.
pub enum Mark<'a> {
    Snooze(&'a str),
    Dismiss(&'a str),
    Done,
}

pub fn run(ctx: &Ctx, store: &dyn Store, world: &World, id: &str, mark: Mark) -> Result<()> {
    let item = find(ctx, world, id)?;
    if item.client.is_none() {
        return Err(MarkError::Practice(item.id).into());
    }
    let today = insight::today(ctx.now);
    let mark = match mark {
        Mark::Snooze(duration) => {
            insight::Mark::Snooze(insight::snooze_until(duration, ctx.now, today)?)
        }
        Mark::Dismiss(reason) => insight::Mark::Dismiss(reason.into()),
        Mark::Done => insight::Mark::Done,
    };
    let note = insight::mark_note(&item, &mark, ctx.now).map_err(|e| match e {
        MarkError::NoReason => anyhow::anyhow!("{e}: --reason \"…\""),
        e => e.into(),
    })?;
    store.add_event(&note, ctx.now)?;
    let back = format!("`rapport delete {}` takes it back", note.id);
    match mark {
        insight::Mark::Snooze(day) => outln!(
            "snoozed {} until {}: {} ({back})",
            item.id,
            day.format("%A %-d %B %Y"),
            item.title
        )?,
        insight::Mark::Dismiss(_) => outln!(
            "dismissed {}: {} (the reason is in the timeline; {back})",
            item.id,
            item.title
        )?,
        insight::Mark::Done => outln!("done {}: {} ({back})", item.id, item.title)?,
    }
    Ok(())
}

/// The item with `id` on today's whole agenda (not only the capped one).
fn find(ctx: &Ctx, world: &World, id: &str) -> Result<AgendaItem> {
    let wanted = insight::normalise_id(id);
    let items = insight::agenda(&world.data(), &Rules::from_config(&ctx.config), ctx.now);
    items.into_iter().find(|i| i.id == wanted).with_context(|| {
        format!(
            "no agenda item {wanted} today: `rapport agenda --all` lists every item with its id"
        )
    })
}
