//! `rapport client …`

use super::output::{json, or_dash, table};
use super::shared::parse;
use super::Ctx;
use crate::insight;
use crate::model::valid;
use crate::model::{Client, ClientId, ClientState, Concern, ContactStyle, Lang, PersonId, Summary};
use crate::store::Store;
use crate::when;
use crate::when::ago;
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Subcommand, Debug)]
pub enum ClientCmd {
    /// Add a client
    #[command(
        after_help = "Example:\n  rapport client add \"Acme Oy\" --alias acme --state prospect --cadence 14 --tag fintech"
    )]
    Add(AddArgs),
    /// List clients, most in need of attention first
    #[command(after_help = "Example:\n  rapport client list --state active --json")]
    List(ListArgs),
    /// Show one client: concerns, people, summary, recent events
    #[command(after_help = "Example:\n  rapport client show acme")]
    Show(ShowArgs),
    /// Change a client's details
    #[command(
        after_help = "Example:\n  rapport client edit acme --state dormant --snooze-until 2027-01-15 --concern \"Oracle licence audit\""
    )]
    Edit(EditArgs),
    /// Archive a client: history kept, hidden from everyday lists
    #[command(after_help = "Example:\n  rapport client archive acme")]
    Archive(ShowArgs),
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// The company's name (unique, case-insensitive)
    name: String,
    #[command(flatten)]
    fields: Fields,
}

/// Fields shared by `add` and `edit`.
#[derive(Args, Debug, Default)]
pub struct Fields {
    /// A short handle for the command line
    #[arg(long)]
    alias: Option<String>,
    #[arg(long, value_parser = parse::<ClientState>)]
    state: Option<ClientState>,
    /// Check-in cadence in days [default: from config]
    #[arg(long, value_parser = clap::value_parser!(u32).range(valid::CADENCE_DAYS))]
    cadence: Option<u32>,
    /// periodic (overdue when the cadence passes), ambient or triggered (never overdue)
    #[arg(long, value_parser = parse::<ContactStyle>)]
    style: Option<ContactStyle>,
    /// Add a tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Pin a concern the client is anxious about (repeatable)
    #[arg(long = "concern", value_name = "TEXT")]
    concerns: Vec<String>,
    /// Quiet the check-in nudge until this day
    #[arg(long, value_name = "DATE")]
    snooze_until: Option<String>,
    /// The language of their reports: en or ja [default: [report] lang in the config]
    #[arg(long, value_parser = parse::<Lang>)]
    lang: Option<Lang>,
}

#[derive(Args, Debug, Default)]
pub struct ListArgs {
    /// Only clients in this state
    #[arg(long, value_parser = parse::<ClientState>)]
    state: Option<ClientState>,
    /// Include archived clients
    #[arg(long)]
    all: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Name, alias or unique prefix
    client: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct EditArgs {
    /// Name, alias or unique prefix
    client: String,
    /// A new name
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    fields: Fields,
    /// Remove a tag (repeatable)
    #[arg(long = "untag", value_name = "TAG")]
    untag: Vec<String>,
    /// Unpin the concern with this number (as shown by `client show`; repeatable)
    #[arg(long = "drop-concern", value_name = "N")]
    drop_concerns: Vec<usize>,
    /// Remove the snooze
    #[arg(long, conflicts_with = "snooze_until")]
    unsnooze: bool,
    /// Bring an archived client back
    #[arg(long)]
    unarchive: bool,
}

pub fn run(ctx: &Ctx, cmd: ClientCmd) -> Result<()> {
    let store = ctx.open_store()?;
    match cmd {
        ClientCmd::Add(args) => add(ctx, &*store, args),
        ClientCmd::List(args) => list(ctx, &*store, &args),
        ClientCmd::Show(args) => show(ctx, &*store, &args),
        ClientCmd::Edit(args) => edit(ctx, &*store, args),
        ClientCmd::Archive(args) => archive(&*store, &args),
    }
}

fn add(ctx: &Ctx, store: &dyn Store, args: AddArgs) -> Result<()> {
    let name = args.name.trim();
    valid::name("client", name)?;
    let mut client = Client {
        id: ClientId::new_at(ctx.now.timestamp_millis() as u64),
        name: name.to_string(),
        cadence_days: ctx.config.cadence_days(),
        created: ctx.now,
        ..Client::default()
    };
    args.fields.apply(ctx, &mut client)?;
    store.put_client(&client)?;
    outln!("added client {} ({})", client.name, client.id)?;
    Ok(())
}

impl Fields {
    fn apply(self, ctx: &Ctx, client: &mut Client) -> Result<()> {
        if let Some(alias) = self.alias {
            client.alias = Some(alias.trim().to_string()).filter(|a| !a.is_empty());
        }
        client.state = self.state.unwrap_or(client.state);
        client.cadence_days = self.cadence.unwrap_or(client.cadence_days);
        client.style = self.style.unwrap_or(client.style);
        for tag in self.tags {
            let tag = tag.trim().trim_start_matches('#').to_string();
            if !tag.is_empty() && !client.tags.contains(&tag) {
                client.tags.push(tag);
            }
        }
        let today = ctx.now.with_timezone(&chrono::Local).date_naive();
        for text in self.concerns {
            client.concerns.push(Concern {
                text: text.trim().to_string(),
                since: today,
            });
        }
        if let Some(day) = self.snooze_until {
            client.snooze_until = Some(when::day(&day, ctx.now)?);
        }
        client.lang = self.lang.or(client.lang);
        Ok(())
    }
}

/// One row of `client list`, also its JSON shape.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    client: &'a Client,
    last_contact: Option<DateTime<Utc>>,
    days_since_contact: Option<i64>,
    overdue: bool,
    events: u64,
    trust: f64,
    open_promises: usize,
    unbilled_advice_minutes: u32,
    #[serde(skip)]
    attention: insight::Attention,
}

impl<'a> Row<'a> {
    fn new(ctx: &Ctx, client: &'a Client, summary: &Summary) -> Self {
        Row {
            client,
            last_contact: summary.last_contact,
            days_since_contact: insight::days_since_contact(summary, ctx.now),
            overdue: insight::check_in_due(client, summary, ctx.now),
            events: summary.event_count,
            trust: (summary.trust.at(ctx.now, ctx.config.half_life_days()) * 100.0).round() / 100.0,
            open_promises: summary.open_promises.len(),
            unbilled_advice_minutes: summary.unbilled_advice_minutes(ctx.now),
            attention: insight::attention(client, summary, ctx.now),
        }
    }
}

pub fn list(ctx: &Ctx, store: &dyn Store, args: &ListArgs) -> Result<()> {
    let clients: Vec<Client> = store
        .clients()?
        .into_iter()
        .filter(|c| args.all || !c.archived)
        .filter(|c| args.state.is_none_or(|s| s == c.state))
        .collect();
    let summaries = clients
        .iter()
        .map(|c| store.summary(c.id))
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows: Vec<Row> = clients
        .iter()
        .zip(&summaries)
        .map(|(c, s)| Row::new(ctx, c, s))
        .collect();
    // The dashboard's clients pane sorts by the same key.
    rows.sort_by_key(|r| r.attention);
    if args.json {
        return json(&rows);
    }
    if rows.is_empty() {
        outln!("no clients yet: `rapport client add NAME`, or `rapport demo` to look around")?;
        return Ok(());
    }
    let lines = rows
        .iter()
        .map(|r| {
            vec![
                r.client.name.clone(),
                or_dash(r.client.alias.as_deref()),
                state_label(r.client),
                format!(
                    "{}{}",
                    ago(r.days_since_contact, "d ago"),
                    if r.overdue { " ⚑" } else { "" }
                ),
                format!("{:+.1}", r.trust),
                r.open_promises.to_string(),
                r.events.to_string(),
            ]
        })
        .collect();
    outln!(
        "{}",
        table(
            &["client", "alias", "state", "contact", "trust", "promises", "events"],
            lines
        )
    )?;
    Ok(())
}

fn state_label(client: &Client) -> String {
    if client.archived {
        format!("{} (archived)", client.state)
    } else {
        client.state.to_string()
    }
}

fn show(ctx: &Ctx, store: &dyn Store, args: &ShowArgs) -> Result<()> {
    let client = super::find_client(store, &args.client)?;
    let summary = store.summary(client.id)?;
    let mut people = store.people(Some(client.id))?;
    people.retain(crate::model::Person::is_live);
    let page = store.events_page(client.id, None, 50)?.events;
    let recent: Vec<_> = page.into_iter().filter(|e| e.is_live()).take(5).collect();
    if args.json {
        #[derive(Serialize)]
        struct Show<'a> {
            #[serde(flatten)]
            row: Row<'a>,
            people: &'a [crate::model::Person],
            recent: &'a [crate::model::Event],
        }
        return json(&Show {
            row: Row::new(ctx, &client, &summary),
            people: &people,
            recent: &recent,
        });
    }
    // Past events name whoever was there, removed or moved away since.
    let names = crate::resolve::names_in(store, client.id, &recent)?;
    print_card(
        ctx,
        &Row::new(ctx, &client, &summary),
        &summary,
        &people,
        (&recent, &names),
    )
}

fn edit(ctx: &Ctx, store: &dyn Store, args: EditArgs) -> Result<()> {
    let mut client = super::find_client(store, &args.client)?;
    if let Some(name) = args.name {
        valid::name("client", &name)?;
        client.name = name.trim().to_string();
    }
    args.fields.apply(ctx, &mut client)?;
    client
        .tags
        .retain(|t| !args.untag.iter().any(|u| u.trim_start_matches('#') == t));
    let mut drop = args.drop_concerns;
    drop.sort_unstable();
    for n in drop.into_iter().rev() {
        if n == 0 || n > client.concerns.len() {
            bail!(
                "{} has no concern number {n} (see `rapport client show`)",
                client.name
            );
        }
        client.concerns.remove(n - 1);
    }
    if args.unsnooze {
        client.snooze_until = None;
    }
    if args.unarchive {
        client.archived = false;
    }
    store.put_client(&client)?;
    outln!("updated {}", client.name)?;
    Ok(())
}

fn archive(store: &dyn Store, args: &ShowArgs) -> Result<()> {
    let mut client = super::find_client(store, &args.client)?;
    if client.archived {
        outln!("{} is already archived", client.name)?;
        return Ok(());
    }
    client.archived = true;
    store.put_client(&client)?;
    outln!(
        "archived {} (history kept; bring it back with `rapport client edit \"{}\" --unarchive`)",
        client.name,
        client.name
    )?;
    Ok(())
}

/// The human form of `client show`.
fn print_card(
    ctx: &Ctx,
    row: &Row,
    summary: &Summary,
    people: &[crate::model::Person],
    (recent, names): (&[crate::model::Event], &HashMap<PersonId, String>),
) -> Result<()> {
    let c = row.client;
    outln!(
        "{}{}",
        c.name,
        c.alias
            .as_ref()
            .map(|a| format!(" ({a})"))
            .unwrap_or_default()
    )?;
    outln!("  state      {}", state_label(c))?;
    outln!(
        "  contact    {} every {} days{}",
        c.style,
        c.cadence_days,
        if row.overdue {
            " — check-in due ⚑"
        } else {
            ""
        }
    )?;
    outln!("  last       {}", ago(row.days_since_contact, "d ago"))?;
    if let Some(until) = c.snooze_until {
        outln!("  snoozed    until {until}")?;
    }
    if let Some(lang) = c.lang {
        outln!("  reports    in {lang}")?;
    }
    if !c.tags.is_empty() {
        outln!(
            "  tags       {}",
            c.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" ")
        )?;
    }
    outln!(
        "  trust      {:+.2}   events {}   open promises {}   free advice (30d) {} min",
        row.trust,
        row.events,
        row.open_promises,
        row.unbilled_advice_minutes
    )?;
    if !c.concerns.is_empty() {
        outln!("\nConcerns")?;
        for (n, concern) in c.concerns.iter().enumerate() {
            outln!("  {}. {} (since {})", n + 1, concern.text, concern.since)?;
        }
    }
    if !people.is_empty() {
        outln!("\nPeople")?;
        outln!("{}", super::shared::people_table(ctx, people, summary))?;
    }
    if !recent.is_empty() {
        outln!("\nRecent")?;
        outln!("{}", super::shared::events_table(recent, names))?;
    }
    Ok(())
}
