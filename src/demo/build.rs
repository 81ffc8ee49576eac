//! Turns the parsed asset into model objects: relative times become UTC instants, names become
//! ids, and each kept or broken promise gets its outcome event.

use super::asset::{Asset, ClientDef, Dated, EventDef, PersonDef};
use super::Workspace;
use crate::model::{
    Client, ClientId, Concern, Event, EventId, Fact, Kind, Outcome, Person, PersonId, PromiseInfo,
    TRUST_RANGE,
};
use anyhow::{anyhow, bail, ensure, Context, Result};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use std::collections::HashSet;

/// Parses `text` (the demo asset's format) and builds the workspace as of `now`.
pub(super) fn build<Tz: TimeZone>(
    text: &str,
    now: DateTime<Utc>,
    tz: &Tz,
    delta: &dyn Fn(Kind) -> i8,
    outcome_delta: &dyn Fn(Outcome) -> i8,
) -> Result<Workspace> {
    let asset: Asset = toml::from_str(text).context("the demo asset is not valid")?;
    let clock = Clock {
        now,
        tz,
        today: now.with_timezone(tz).date_naive(),
    };
    let trust = Trust {
        delta,
        outcome_delta,
    };
    let mut ws = Workspace::default();
    let mut handles = HashSet::new();
    for def in asset.clients {
        let name = def.name.clone();
        for handle in std::iter::once(&def.name).chain(&def.alias) {
            ensure!(
                handles.insert(fold(handle)),
                "'{handle}' names two demo clients"
            );
        }
        add_client(&mut ws, def, &clock, &trust)
            .with_context(|| format!("demo client '{name}'"))?;
    }
    // Stable, so an outcome recorded at the same instant stays after its promise.
    ws.events.sort_by_key(|e| e.at);
    Ok(ws)
}

/// Reads the asset's relative days and local times.
struct Clock<'a, Tz: TimeZone> {
    now: DateTime<Utc>,
    tz: &'a Tz,
    /// Today's date in `tz`.
    today: NaiveDate,
}

impl<Tz: TimeZone> Clock<'_, Tz> {
    fn date(&self, days_from_today: i64) -> NaiveDate {
        self.today + Duration::days(days_from_today)
    }

    /// The instant `days_ago` days before today at local `time` (10:00 when unset). Clamped to
    /// `now`, so an event "today at 16:00" seen in the morning is not in the future.
    fn at(&self, days_ago: u32, time: Option<&str>) -> Result<DateTime<Utc>> {
        let time = time.unwrap_or("10:00");
        let time = NaiveTime::parse_from_str(time, "%H:%M")
            .with_context(|| format!("time '{time}' is not HH:MM"))?;
        let local = self.date(-i64::from(days_ago)).and_time(time);
        // A time skipped by a DST change is read as the hour after.
        let at = self
            .tz
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                self.tz
                    .from_local_datetime(&(local + Duration::hours(1)))
                    .earliest()
            })
            .ok_or_else(|| anyhow!("{local} does not exist in the local time zone"))?;
        Ok(at.with_timezone(&Utc).min(self.now))
    }
}

struct Trust<'a> {
    delta: &'a dyn Fn(Kind) -> i8,
    outcome_delta: &'a dyn Fn(Outcome) -> i8,
}

fn add_client<Tz: TimeZone>(
    ws: &mut Workspace,
    def: ClientDef,
    clock: &Clock<'_, Tz>,
    trust: &Trust<'_>,
) -> Result<()> {
    // The client exists from its first event (or the date given), so its id sorts with it.
    let mut first = clock.now;
    for (i, e) in def.timeline.events.iter().enumerate() {
        let at = clock
            .at(e.days_ago, e.time.as_deref())
            .with_context(|| event_ctx(i, e))?;
        first = first.min(at);
    }
    let created = match def.since_days_ago {
        Some(days) => clock.at(days, Some("09:00"))?,
        None => first,
    };
    let dated = |d: &Dated| {
        d.days_ago()
            .map_or(created.date_naive(), |n| clock.date(-i64::from(n)))
    };
    let client = Client {
        id: ClientId::new_at(millis(created)),
        name: def.name,
        alias: def.alias,
        state: def.state,
        cadence_days: def.cadence.unwrap_or(Client::default().cadence_days),
        style: def.style,
        snooze_until: def.snooze_days.map(|n| clock.date(i64::from(n))),
        tags: def.tags,
        concerns: def
            .concerns
            .iter()
            .map(|c| Concern {
                text: c.text().into(),
                since: dated(c),
            })
            .collect(),
        archived: def.archived,
        created,
        lang: None,
    };
    let people: Vec<Person> = def
        .people
        .into_iter()
        .map(|p| person(p, &client, &dated))
        .collect();
    let mut names = HashSet::new();
    for p in &people {
        ensure!(
            names.insert(fold(&p.name)),
            "two people are called '{}'",
            p.name
        );
    }
    for (i, e) in def.timeline.events.into_iter().enumerate() {
        let ctx = event_ctx(i, &e);
        add_event(ws, e, &client, &people, clock, trust).context(ctx)?;
    }
    ws.clients.push(client);
    ws.people.extend(people);
    Ok(())
}

fn person(def: PersonDef, client: &Client, dated: &dyn Fn(&Dated) -> NaiveDate) -> Person {
    Person {
        id: PersonId::new_at(millis(client.created)),
        client: client.id,
        facts: def
            .facts
            .iter()
            .map(|f| Fact {
                text: f.text().into(),
                noted: dated(f),
                kind: None,
            })
            .collect(),
        name: def.name,
        title: def.title,
        role: def.role,
        stance: def.stance,
        channel: def.channel,
        email: def.email,
        phone: def.phone,
        time_zone: def.tz,
        created: client.created,
        ..Person::default()
    }
}

fn add_event<Tz: TimeZone>(
    ws: &mut Workspace,
    def: EventDef,
    client: &Client,
    people: &[Person],
    clock: &Clock<'_, Tz>,
    trust: &Trust<'_>,
) -> Result<()> {
    let at = clock.at(def.days_ago, def.time.as_deref())?;
    let with = def
        .with
        .iter()
        .map(|name| resolve(people, name))
        .collect::<Result<Vec<_>>>()?;
    let delta = match def.trust {
        Some(t) if TRUST_RANGE.contains(&t) => t,
        Some(t) => bail!("trust {t} is outside {TRUST_RANGE:?}"),
        None => (trust.delta)(def.kind),
    };
    let is_promise = def.kind == Kind::Promise;
    ensure!(
        is_promise || (def.due_in.is_none() && def.outcome.is_none()),
        "only promises have a due date or an outcome"
    );
    let mut event = Event {
        id: EventId::new_at(millis(at)),
        client: client.id,
        people: with,
        at,
        kind: def.kind,
        text: def.text,
        tags: def.tags,
        trust: delta,
        private: def.private,
        minutes: def.minutes,
        billed: def.billed,
        promise: is_promise.then(|| PromiseInfo {
            due: def.due_in.map(|d| clock.date(d)),
            ..PromiseInfo::default()
        }),
        resolves: None,
        made_in: None,
        edited: None,
        follow: None,
        unreported: false,
        created: at,
        deleted: None,
    };
    if let Some(outcome) = def.outcome {
        let days = def
            .outcome_days_ago
            .context("an outcome needs outcome_days_ago")?;
        let time = def.outcome_time.as_deref().or(def.time.as_deref());
        let done = clock.at(days, time)?;
        ensure!(done >= at, "the promise is resolved before it was made");
        let word = match outcome {
            Outcome::Kept => "Kept",
            Outcome::Broken => "Broken",
        };
        let mut text = format!("{word}: {}", event.text);
        if let Some(note) = &def.outcome_note {
            text = format!("{text} ({note})");
        }
        let resolution = Event {
            id: EventId::new_at(millis(done)),
            client: client.id,
            people: event.people.clone(),
            at: done,
            kind: Kind::Promise,
            text,
            trust: (trust.outcome_delta)(outcome),
            resolves: Some(event.id),
            created: done,
            ..Event::default()
        };
        event.promise = Some(PromiseInfo {
            outcome: Some(outcome),
            outcome_event: Some(resolution.id),
            ..event.promise.take().unwrap_or_default()
        });
        ws.events.push(event);
        ws.events.push(resolution);
    } else {
        ensure!(
            def.outcome_days_ago.is_none(),
            "outcome_days_ago without an outcome"
        );
        ws.events.push(event);
    }
    Ok(())
}

/// A person of the client by full name, or by the first word of the name when that is unique.
fn resolve(people: &[Person], name: &str) -> Result<PersonId> {
    let wanted = fold(name);
    if let Some(p) = people.iter().find(|p| fold(&p.name) == wanted) {
        return Ok(p.id);
    }
    let first_word =
        |p: &&Person| p.name.split_whitespace().next().map(fold) == Some(wanted.clone());
    let mut matches = people.iter().filter(first_word);
    match (matches.next(), matches.next()) {
        (Some(p), None) => Ok(p.id),
        (Some(_), Some(_)) => bail!("'{name}' matches more than one person"),
        (None, _) => bail!("no person '{name}' at this client"),
    }
}

fn event_ctx(i: usize, e: &EventDef) -> String {
    format!("event #{} ({} days ago, {})", i + 1, e.days_ago, e.kind)
}

fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Milliseconds since the epoch for an id's time part; the demo never predates 1970.
fn millis(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}
