//! `rapport agenda --snooze ID DURATION` and `--dismiss ID --reason "…"`: an item done with
//! for now, as a private note in its client's timeline (`model::agenda_mark`), written through
//! the store like any note — durable before the answer, and seen by a running dashboard.

use super::World;
use crate::cli::Ctx;
use crate::insight::{self, AgendaItem, Rules};
use crate::model::{mark_tag, Event, EventId, Kind};
use crate::store::Store;
use crate::when;
use anyhow::{bail, Context, Result};
use chrono::{Days, Months, NaiveDate};

/// What to do with the item.
pub enum Mark<'a> {
    Snooze(&'a str),
    Dismiss(&'a str),
}

pub fn run(ctx: &Ctx, store: &dyn Store, world: &World, id: &str, mark: Mark) -> Result<()> {
    let item = find(ctx, world, id)?;
    let Some(client) = item.client else {
        bail!(
            "{} is about your practice, not one client: it cannot be snoozed or dismissed (the thresholds are in the config)",
            item.id
        );
    };
    let today = insight::today(ctx.now);
    let (until, text) = match mark {
        Mark::Snooze(duration) => {
            let until = snooze_until(duration, ctx, today)?;
            (
                Some(until),
                format!("Snoozed on the agenda until {until}: {}", item.title),
            )
        }
        Mark::Dismiss(reason) => {
            let reason = reason.trim();
            if reason.is_empty() {
                bail!("give the reason for dismissing: --reason \"…\"");
            }
            (
                None,
                format!("Dismissed from the agenda: {} — {reason}", item.title),
            )
        }
    };
    let note = Event {
        id: EventId::new_at(ctx.now.timestamp_millis() as u64),
        client,
        at: ctx.now,
        kind: Kind::Note,
        text,
        tags: vec![mark_tag(&item.id, until)],
        // Yours alone: a reason for not calling someone is not for the client's report.
        private: true,
        created: ctx.now,
        ..Event::default()
    };
    store.add_event(&note, ctx.now)?;
    let back = format!("`rapport delete {}` takes it back", note.id);
    match until {
        Some(day) => outln!(
            "snoozed {} until {}: {} ({back})",
            item.id,
            day.format("%A %-d %B %Y"),
            item.title
        )?,
        None => outln!(
            "dismissed {}: {} (the reason is in the timeline; {back})",
            item.id,
            item.title
        )?,
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

/// The last day of a snooze: `3d`, `2w` or `1m` from today, or a day (`fri`, `2026-12-30`).
fn snooze_until(text: &str, ctx: &Ctx, today: NaiveDate) -> Result<NaiveDate> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (n, unit) = text.split_at(split);
    let until = match (n.parse::<u32>(), unit) {
        (Ok(n), "d") => today.checked_add_days(Days::new(n.into())),
        (Ok(n), "w") => today.checked_add_days(Days::new(u64::from(n) * 7)),
        (Ok(n), "m") => today.checked_add_months(Months::new(n)),
        _ => Some(when::day(text, ctx.now).with_context(|| {
            format!("{text:?} is no duration: try 3d, 2w, 1m or a day such as 2026-12-30")
        })?),
    };
    match until {
        Some(day) if day >= today => Ok(day),
        Some(day) => bail!("{day} has passed: snooze until today or later"),
        None => bail!("{text:?} is too far away"),
    }
}
