//! `rapport agenda`: what needs doing today, from `insight::agenda`, as text, JSON or an
//! iCalendar file.

mod ics;
mod mark;

use super::output::json;
use super::Ctx;
use crate::insight::{self, AgendaItem, ClientData, ItemKind, Rules, Urgency};
use crate::model::{Client, ClientId, Person, Summary, Unfiled};
use crate::store::Store;
use anyhow::Result;
use clap::Args;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(
    about = "What needs doing: check-ins, promises due, follow-ups, quiet people, coverage, advice, capacity",
    after_help = "Examples:\n  rapport agenda\n  rapport agenda --all\n  rapport agenda --snooze 9NV1DS7 2w\n  rapport agenda --dismiss K3F9Q2A --reason \"single-threaded by design: one DBA\"\n  rapport agenda --done 4QX2M8B\n  rapport agenda --json\n  rapport agenda --ics ~/calendars/rapport.ics\n\nEach group lists its first 10 items, then how many more there are; --all lists every one.\nEach item has a short id that stays the same from day to day: snoozing or dismissing it\nwrites a private note to its client's timeline (removing that note takes the mark back).\nA check-in snoozed or dismissed is a new item after the next contact.\nThe calendar (--ics) always holds every check-in and promise."
)]
pub struct AgendaArgs {
    #[arg(long, conflicts_with = "ics")]
    json: bool,
    /// List every item instead of the first 10 of each group
    #[arg(long, conflicts_with = "ics")]
    all: bool,
    /// Write check-ins and promise due dates as an iCalendar file ("-" for standard output)
    #[arg(long, value_name = "FILE")]
    ics: Option<PathBuf>,
    /// Snooze item ID (as listed) for DURATION: 3d, 2w, 1m, or until a day (fri, 2026-12-30)
    #[arg(long, num_args = 2, value_names = ["ID", "DURATION"], conflicts_with_all = ["json", "ics", "all", "dismiss"])]
    snooze: Option<Vec<String>>,
    /// Dismiss item ID for good, with --reason (kept in the client's timeline)
    #[arg(long, value_name = "ID", requires = "reason", conflicts_with_all = ["json", "ics", "all"])]
    dismiss: Option<String>,
    /// Why the item is dismissed
    #[arg(long, requires = "dismiss")]
    reason: Option<String>,
    /// Close follow-up ID as done (a private note in its client's timeline)
    #[arg(long, value_name = "ID", conflicts_with_all = ["json", "ics", "all", "snooze", "dismiss"])]
    done: Option<String>,
}

/// Every client with its summary and people, as the insights read them.
pub struct World {
    pub clients: Vec<Client>,
    pub summaries: Vec<Summary>,
    pub people: HashMap<ClientId, Vec<Person>>,
}

impl World {
    /// Reads the summaries (never a timeline): the same cost at any store size.
    pub fn load(store: &dyn Store) -> Result<Self> {
        let clients = store.clients()?;
        let summaries = (clients.iter())
            .map(|c| store.summary(c.id))
            .collect::<Result<Vec<_>, _>>()?;
        let mut people: HashMap<ClientId, Vec<Person>> = HashMap::new();
        // Removed people are nobody to reach out to.
        for person in store.people(None)?.into_iter().filter(Person::is_live) {
            people.entry(person.client).or_default().push(person);
        }
        Ok(Self {
            clients,
            summaries,
            people,
        })
    }

    /// The same from the digest, without opening the database (a tenth of a second and more
    /// at a million events); `None` when the digest cannot answer (then `load`).
    pub fn quick(ctx: &Ctx) -> Result<Option<Self>> {
        let half_life = ctx.store_options().half_life_days;
        let Some(mut inputs) = crate::store::quick_agenda(&ctx.data_dir, ctx.now, half_life)?
        else {
            return Ok(None);
        };
        // In the store's order (`Store::clients`).
        inputs.sort_by_cached_key(|i| crate::model::fold(&i.client.name));
        let mut world = Self {
            clients: Vec::with_capacity(inputs.len()),
            summaries: Vec::with_capacity(inputs.len()),
            people: HashMap::new(),
        };
        for one in inputs {
            if !one.people.is_empty() {
                world.people.insert(one.client.id, one.people);
            }
            world.clients.push(one.client);
            world.summaries.push(one.summary);
        }
        Ok(Some(world))
    }

    pub fn data(&self) -> Vec<ClientData<'_>> {
        (self.clients.iter().zip(&self.summaries))
            .map(|(client, summary)| ClientData {
                client,
                summary,
                people: self.people.get(&client.id).map_or(&[], Vec::as_slice),
            })
            .collect()
    }
}

pub fn run(ctx: &Ctx, args: AgendaArgs) -> Result<()> {
    let listing = args.snooze.is_none()
        && args.dismiss.is_none()
        && args.done.is_none()
        && args.ics.is_none();
    if listing {
        if let Some(world) = World::quick(ctx)? {
            return list(ctx, &args, &world, &[]);
        }
    }
    let store = ctx.open_store()?;
    let world = World::load(&*store)?;
    if let Some([id, duration]) = args.snooze.as_deref() {
        return mark::run(ctx, &*store, &world, id, mark::Mark::Snooze(duration));
    }
    if let (Some(id), Some(reason)) = (&args.dismiss, &args.reason) {
        return mark::run(ctx, &*store, &world, id, mark::Mark::Dismiss(reason));
    }
    if let Some(id) = &args.done {
        return mark::run(ctx, &*store, &world, id, mark::Mark::Done);
    }
    if let Some(path) = &args.ics {
        return ics::write(ctx, &*store, &world, path);
    }
    list(ctx, &args, &world, &store.unfiled()?)
}

/// The items (capped unless `--all`) as text or JSON, then the unfiled notes.
fn list(ctx: &Ctx, args: &AgendaArgs, world: &World, unfiled: &[Unfiled]) -> Result<()> {
    let mut items = insight::agenda(&world.data(), &Rules::from_config(&ctx.config), ctx.now);
    if !args.all {
        items = insight::capped(items, insight::GROUP_CAP);
    }
    if args.json {
        return json(&items);
    }
    out!("{}", render(&items, ctx))?;
    if !unfiled.is_empty() {
        outln!(
            "\nUnfiled notes ({}): `rapport unfiled assign N CLIENT`",
            unfiled.len()
        )?;
        for note in unfiled {
            outln!(
                "{}\n     {}",
                super::unfiled::heading(note),
                note.one_line()
            )?;
        }
    }
    Ok(())
}

/// The agenda as text: one section per kind, an urgency column, openers beneath.
pub fn render(items: &[AgendaItem], ctx: &Ctx) -> String {
    let today = insight::today(ctx.now);
    let mut out = format!("Agenda for {}\n", today.format("%A %-d %B %Y"));
    if items.is_empty() {
        out += "\nNothing due: every relationship is within its cadence.\n";
        return out;
    }
    let mut kind = None;
    for item in items {
        if kind != Some(item.kind) {
            kind = Some(item.kind);
            out += &format!("\n{}\n", heading(item.kind));
        }
        out += &format!(
            "  {:<8} {:<7}  {} — {}\n",
            urgency(item.urgency),
            item.id,
            item.title,
            item.reason
        );
        if let Some(opener) = &item.opener {
            out += &format!("  {:<8} {:<7}  ↳ {opener}\n", "", "");
        }
    }
    out
}

fn heading(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::CheckIn => "Check-ins",
        ItemKind::Promise => "Promises due",
        ItemKind::FollowUp => "Follow-ups",
        ItemKind::Date => "Dates",
        ItemKind::QuietPerson => "People gone quiet",
        ItemKind::Coverage => "Coverage",
        ItemKind::Advice => "Free advice",
        ItemKind::Capacity => "Capacity",
    }
}

fn urgency(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Overdue => "overdue",
        Urgency::Today => "today",
        Urgency::Soon => "soon",
        Urgency::Note => "·",
    }
}
