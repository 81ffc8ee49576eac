//! `rapport person …`: adding, listing, showing and editing people here; removing, restoring
//! and moving them in `correct.rs`; their personal facts in `facts.rs`.

mod correct;
mod facts;

use super::output::json;
use super::shared::{parse, table_of};
use super::Ctx;
use crate::model::valid;
use crate::model::{BadYearly, Channel, ClientId, Person, PersonId, Role, Stance, Yearly};
use crate::resolve;
use crate::store::Store;
use crate::when::ago;
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Subcommand, Debug)]
pub enum PersonCmd {
    /// Add a stakeholder at a client
    #[command(
        after_help = "Example:\n  rapport person add acme \"Mikko Virtanen\" --role gatekeeper --title Sysadmin --stance ally --channel chat"
    )]
    Add(AddArgs),
    /// List stakeholders, at one client or everywhere
    #[command(after_help = "Example:\n  rapport person list acme --json")]
    List(ListArgs),
    /// Show a person: role, stance, channel, facts
    #[command(after_help = "Example:\n  rapport person show Mikko")]
    Show(ShowArgs),
    /// Change a person's details
    #[command(
        after_help = "Examples:\n  rapport person edit Mikko --stance ally --title \"Lead DBA\"\n  rapport person edit Sanna --birthday 1980-03-14 --anniversary 2021-12-07\n  rapport person edit Sanna --birthday none\n\nA birthday or anniversary is on the agenda from 3 days before through its day (Feb 29 on\nFeb 28 in other years); a birthday is yours alone: never in a report, an export\n--without-private or the calendar."
    )]
    Edit(EditArgs),
    /// Note a personal fact ("weekend fishing in Lapland"), or list, edit or remove them
    #[command(after_help = "Examples:
  rapport person fact Mikko \"Weekend fishing trip in Lapland\"
  rapport person fact Mikko --list
  rapport person fact Mikko --edit 2 \"Daughter started school in Espoo\"
  rapport person fact Mikko --remove 1
  rapport person fact Sanna \"Invoices must quote PO 4500-1187\" --practical

Personal facts open check-ins (\"Ask Mikko about: …\"); practical ones (--practical, or naming
invoices, POs, VPN, access, preferences…) are kept but never used as an opener.
Facts are numbered as --list shows them (oldest first). They are yours alone: never in a
report, an export --without-private or the calendar.")]
    Fact(facts::FactArgs),
    /// Remove a person: hidden from lists, panes and name matching; past events keep the name
    #[command(after_help = "Example:\n  rapport person remove Mikko\n\n\
        Nothing is deleted: `rapport person restore` brings them back, and \
        `rapport person list --removed` lists who was removed.")]
    Remove(correct::WhoArgs),
    /// Bring back a removed person
    #[command(after_help = "Example:\n  rapport person restore Mikko")]
    Restore(correct::WhoArgs),
    /// Move a person to another client (a job change); past events stay with the old client
    #[command(after_help = "Example:\n  rapport person move Mikko --to pohjola\n\n\
        The person keeps their facts, plus a dated one saying where they moved from; a note \
        at the old client naming them says where they went. Also the fix for people imported \
        into the wrong client.")]
    Move(correct::MoveArgs),
    /// Add or update a client's people from a vCard file (3.0 or 4.0)
    #[command(after_help = "Example:
  rapport person import contacts.vcf --client acme

A card matches a person at the client by email, else by name (case-insensitively): its fields
update them, its NOTE or X-RAPPORT-FACT lines add facts, and a re-import changes nothing.
X-RAPPORT-ROLE, -STANCE and -CHANNEL (as `person export` writes them) set those too.")]
    Import(super::vcard::ImportArgs),
    /// Write a client's people as vCard 4.0, for your own address book
    #[command(after_help = "Example:
  rapport person export acme -o acme.vcf

Each card has the name, the client as ORG, title, email, phone and time zone, and rapport's own
X-RAPPORT-ROLE, -STANCE and -CHANNEL. Personal facts go in too (X-RAPPORT-FACT, and NOTE so a
phone shows them): the file is for you, not for the client.")]
    Export(super::vcard::ExportArgs),
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// The client (name, alias or unique prefix)
    client: String,
    /// The person's name
    name: String,
    #[command(flatten)]
    fields: Fields,
}

#[derive(Args, Debug, Default)]
pub struct Fields {
    /// manager, gatekeeper, champion, billing or other
    #[arg(long, value_parser = parse::<Role>)]
    role: Option<Role>,
    /// Job title ("Sysadmin", "CTO")
    #[arg(long)]
    title: Option<String>,
    /// ally, neutral, skeptic or blocker
    #[arg(long, value_parser = parse::<Stance>)]
    stance: Option<Stance>,
    /// Preferred channel: call, video, email, chat or in-person
    #[arg(long, value_parser = parse::<Channel>)]
    channel: Option<Channel>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// IANA time zone, e.g. Europe/Helsinki
    #[arg(long = "tz", value_name = "ZONE")]
    time_zone: Option<String>,
    /// Birthday, 1980-03-14 or 03-14 without the year (`none` clears it); yours alone
    #[arg(long, value_name = "DATE", value_parser = yearly)]
    birthday: Option<Cleared<Yearly>>,
    /// The day they started at the client, for a work anniversary (`none` clears it)
    #[arg(long, value_name = "DATE", value_parser = yearly)]
    anniversary: Option<Cleared<Yearly>>,
}

/// A flag's value, or `none` to clear it.
#[derive(Clone, Debug)]
pub enum Cleared<T> {
    Set(T),
    Clear,
}

impl<T> Cleared<T> {
    fn into_option(self) -> Option<T> {
        match self {
            Cleared::Set(v) => Some(v),
            Cleared::Clear => None,
        }
    }
}

fn yearly(text: &str) -> Result<Cleared<Yearly>, BadYearly> {
    match text.trim() {
        "none" => Ok(Cleared::Clear),
        text => text.parse().map(Cleared::Set),
    }
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only this client's people
    client: Option<String>,
    /// Only the people removed (`person remove`)
    #[arg(long, conflicts_with = "all")]
    removed: bool,
    /// Everybody, removed people too
    #[arg(long)]
    all: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Name or unique prefix
    person: String,
    /// Look only at this client's people
    #[arg(long)]
    client: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct EditArgs {
    person: String,
    #[arg(long)]
    client: Option<String>,
    /// A new name
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    fields: Fields,
}

pub fn run(ctx: &Ctx, cmd: PersonCmd) -> Result<()> {
    let store = ctx.open_store()?;
    match cmd {
        PersonCmd::Add(args) => add(ctx, &*store, args),
        PersonCmd::List(args) => list(ctx, &*store, &args),
        PersonCmd::Show(args) => show(ctx, &*store, &args),
        PersonCmd::Edit(args) => edit(&*store, args),
        PersonCmd::Fact(args) => facts::run(ctx, &*store, &args),
        PersonCmd::Remove(args) => correct::remove(ctx, &*store, &args),
        PersonCmd::Restore(args) => correct::restore(&*store, &args),
        PersonCmd::Move(args) => correct::move_to(ctx, &*store, &args),
        PersonCmd::Import(args) => super::vcard::import(ctx, &*store, &args),
        PersonCmd::Export(args) => super::vcard::export(&*store, &args),
    }
}

/// Resolves a person, optionally within a named client.
fn find(store: &dyn Store, person: &str, client: Option<&str>) -> Result<Person> {
    let client = client.map(|c| resolve::client(store, c)).transpose()?;
    super::find_person(store, person, client.map(|c| c.id))
}

fn add(ctx: &Ctx, store: &dyn Store, args: AddArgs) -> Result<()> {
    let client = resolve::client(store, &args.client)?;
    let name = args.name.trim();
    valid::name("person", name)?;
    let mut person = Person {
        id: PersonId::new_at(ctx.now.timestamp_millis() as u64),
        client: client.id,
        name: name.to_string(),
        created: ctx.now,
        ..Person::default()
    };
    args.fields.apply(&mut person)?;
    refuse_namesake(store, &person)?;
    store.put_person(&person)?;
    outln!("added {} ({}) at {}", person.name, person.role, client.name)?;
    Ok(())
}

impl Fields {
    fn apply(self, person: &mut Person) -> Result<()> {
        let text = |v: String| Some(v.trim().to_string()).filter(|v| !v.is_empty());
        person.role = self.role.unwrap_or(person.role);
        person.stance = self.stance.unwrap_or(person.stance);
        person.channel = self.channel.unwrap_or(person.channel);
        if let Some(title) = self.title {
            person.title = text(title);
        }
        if let Some(email) = self.email {
            person.email = text(email);
        }
        if let Some(phone) = self.phone {
            person.phone = text(phone);
        }
        if let Some(zone) = self.time_zone {
            if !zone.is_empty() {
                valid::time_zone(&zone)?;
            }
            person.time_zone = text(zone);
        }
        if let Some(birthday) = self.birthday {
            person.birthday = birthday.into_option();
        }
        if let Some(anniversary) = self.anniversary {
            person.anniversary = anniversary.into_option();
        }
        Ok(())
    }
}

/// One row of `person list`, also its JSON shape.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    person: &'a Person,
    client_name: &'a str,
    last_contact: Option<DateTime<Utc>>,
}

fn list(ctx: &Ctx, store: &dyn Store, args: &ListArgs) -> Result<()> {
    let client = args
        .client
        .as_deref()
        .map(|c| resolve::client(store, c))
        .transpose()?;
    let mut people = store.people(client.as_ref().map(|c| c.id))?;
    people.retain(|p| args.all || p.is_live() != args.removed);
    let names: HashMap<ClientId, String> = store
        .clients()?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut summaries = HashMap::new();
    for person in &people {
        if let std::collections::hash_map::Entry::Vacant(slot) = summaries.entry(person.client) {
            slot.insert(store.summary(person.client)?);
        }
    }
    if args.json {
        let rows: Vec<Row> = people
            .iter()
            .map(|p| Row {
                person: p,
                client_name: names.get(&p.client).map_or("", String::as_str),
                last_contact: summaries[&p.client]
                    .last_contact_by_person
                    .get(&p.id)
                    .copied(),
            })
            .collect();
        return json(&rows);
    }
    if people.is_empty() && args.removed {
        outln!("nobody was removed")?;
        return Ok(());
    }
    if people.is_empty() {
        outln!("nobody yet: `rapport person add CLIENT NAME --role manager`")?;
        return Ok(());
    }
    let last = |p: &Person| {
        summaries[&p.client]
            .last_contact_by_person
            .get(&p.id)
            .copied()
    };
    let with_client = client.is_none().then_some(&names);
    outln!("{}", table_of(ctx, &people, with_client, &last))?;
    Ok(())
}

fn show(ctx: &Ctx, store: &dyn Store, args: &ShowArgs) -> Result<()> {
    let person = find(store, &args.person, args.client.as_deref())?;
    let client = store.client(person.client)?;
    let summary = store.summary(person.client)?;
    let last = summary.last_contact_by_person.get(&person.id).copied();
    if args.json {
        let client_name = client.as_ref().map_or("", |c| c.name.as_str());
        return json(&Row {
            person: &person,
            client_name,
            last_contact: last,
        });
    }
    outln!("{}", person.name)?;
    let line = |label: &str, value: String| outln!("  {label:<10} {value}");
    line("client", client.map(|c| c.name).unwrap_or_default())?;
    line(
        "role",
        format!(
            "{}{}",
            person.role,
            person
                .title
                .as_ref()
                .map(|t| format!(" — {t}"))
                .unwrap_or_default()
        ),
    )?;
    line("stance", person.stance.to_string())?;
    line("channel", person.channel.to_string())?;
    line(
        "contact",
        ago(last.map(|t| (ctx.now - t).num_days()), "d ago"),
    )?;
    for (label, value) in [
        ("email", &person.email),
        ("phone", &person.phone),
        ("time zone", &person.time_zone),
    ] {
        if let Some(value) = value {
            line(label, value.clone())?;
        }
    }
    for date in person.dates() {
        let next = date.date.next_on_or_after(crate::insight::today(ctx.now));
        let label = date.kind.as_str();
        line(
            label,
            format!("{} (next {})", date.date, next.format("%a %-d %b %Y")),
        )?;
    }
    if !person.facts.is_empty() {
        outln!("\nPersonal facts")?;
        for i in person.facts_newest_first() {
            let fact = &person.facts[i];
            outln!("  {}  {}", fact.noted, fact.text)?;
        }
    }
    Ok(())
}

fn edit(store: &dyn Store, args: EditArgs) -> Result<()> {
    let mut person = find(store, &args.person, args.client.as_deref())?;
    if let Some(name) = args.name {
        valid::name("person", &name)?;
        person.name = name.trim().to_string();
    }
    args.fields.apply(&mut person)?;
    refuse_namesake(store, &person)?;
    store.put_person(&person)?;
    outln!("updated {}", person.name)?;
    Ok(())
}

/// Two people of the same name at one client could never be told apart on the command line;
/// a removed one still counts, as restoring them would make the pair.
fn refuse_namesake(store: &dyn Store, person: &Person) -> Result<()> {
    let fold = crate::model::fold;
    let people = store.people(Some(person.client))?;
    let Some(other) =
        (people.iter()).find(|p| p.id != person.id && fold(&p.name) == fold(&person.name))
    else {
        return Ok(());
    };
    let at = store
        .client(person.client)?
        .map_or_else(|| "this client".to_string(), |c| c.name);
    let removed = match other.is_live() {
        true => "",
        false => " (removed: `rapport person restore` brings them back)",
    };
    bail!(
        "there is already a {} at {at}{removed}; add something to tell them apart (\"{} (DBA)\", a middle initial)",
        other.name,
        person.name
    )
}
