//! The transparency report for a client (`rapport report`): what was done in a period, the
//! wins, the incidents and how they were handled, the promises kept and broken, and what is
//! still open.
//!
//! It is written for the client to read, so what goes in is decided once, here, by
//! [`shareable`]: live events not marked private nor left out of it (`--leave-out`), and of
//! those their text without private lines or call stamps ([`for_the_client`]). Nothing else
//! about a relationship reaches it — no trust scores or movements, no stances or roles, no
//! personal facts, no tags, no concerns — and a private promise's outcome (private like its
//! promise) stays out with it. The formatting (`md.rs`, `html.rs`) only lays out a [`Report`],
//! in the words of its language (`words.rs`), signed as `[report]` says ([`sign`]).

mod html;
mod mark;
mod md;
mod read;
mod words;

pub use html::html;
pub use mark::{set_left_out, Left};
pub use md::{markdown, marked, Marked};
pub use read::{preview, read, Preview, DEFAULT_DAYS};
pub use words::{Section, Words};

use crate::model::{Event, EventId, Kind, Lang, Outcome, PersonId};
use chrono::{DateTime, Local, NaiveDate, Utc};
use std::collections::HashMap;

/// What the client gets to see, in the order the report shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub client: String,
    /// The first day covered (local time).
    pub since: NaiveDate,
    /// The day the report was made (local time).
    pub until: NaiveDate,
    /// Calls, meetings, emails, advice, favours and notes, oldest first.
    pub work: Vec<Item>,
    pub wins: Vec<Item>,
    pub incidents: Vec<Incident>,
    /// Promises kept or broken within the period, oldest outcome first.
    pub settled: Vec<Promise>,
    /// Promises still open, whenever made: soonest due first, undated last.
    pub open: Vec<Promise>,
    /// Time recorded on the work items.
    pub minutes: u32,
    /// The language of the fixed words.
    pub lang: Lang,
    /// Who prepared it, and the line at its foot, when `[report]` gives them.
    pub author: Option<String>,
    pub company: Option<String>,
    pub footer: Option<String>,
}

/// One event as the client sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The event it shows (never printed: the dashboard's preview acts on it).
    pub event: EventId,
    pub day: NaiveDate,
    pub kind: Kind,
    pub text: String,
    /// Names of the people who took part.
    pub people: Vec<String>,
    pub minutes: Option<u32>,
}

/// An incident and what followed it: later events of the period that share one of its tags.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    pub item: Item,
    pub follow_ups: Vec<Item>,
}

/// Where a promise stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Kept(NaiveDate),
    Broken(NaiveDate),
    Open,
    /// Open past its due date.
    Overdue,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Promise {
    /// The promise's event (never printed).
    pub event: EventId,
    pub made: NaiveDate,
    pub text: String,
    pub people: Vec<String>,
    pub due: Option<NaiveDate>,
    pub state: State,
    /// The word on how it went, from the outcome.
    pub note: Option<String>,
    /// The call (meeting, …) it was made during, and its day, when the report shows that too:
    /// a private call stays out, and so does the link to it.
    pub during: Option<(Kind, NaiveDate)>,
}

impl Report {
    /// Counts for the summary line: (kept, broken) within the period.
    pub fn kept_broken(&self) -> (usize, usize) {
        let kept = self
            .settled
            .iter()
            .filter(|p| matches!(p.state, State::Kept(_)))
            .count();
        (kept, self.settled.len() - kept)
    }

    pub fn words(&self) -> Words {
        Words(self.lang)
    }

    /// "Prepared by Author, Company", when either is known.
    pub fn prepared_by(&self) -> Option<String> {
        self.words()
            .prepared_by(self.author.as_deref(), self.company.as_deref())
    }
}

/// The report signed as `[report]` says, in the client's language when it has one, else in
/// the config's. Blank texts are left out rather than printed as an empty "Prepared by".
pub fn sign(report: Report, section: &crate::config::Report, client: Option<Lang>) -> Report {
    let given = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
    Report {
        lang: client.unwrap_or(section.lang),
        author: given(&section.author),
        company: given(&section.company),
        footer: given(&section.footer),
        ..report
    }
}

/// What the report may show: live events not marked private, nor left out of it.
pub fn shareable(event: &Event) -> bool {
    event.is_live() && !event.private && !event.unreported
}

/// What the report is made from. `period` is the client's timeline from `since` on; `earlier`
/// holds older promises that matter to it (settled within the period, or still open). Both may
/// hold anything: [`build`] keeps only what is [`shareable`].
pub struct Input<'a> {
    pub client: &'a str,
    pub names: &'a HashMap<PersonId, String>,
    pub period: Vec<Event>,
    pub earlier: Vec<Event>,
    pub since: NaiveDate,
    pub now: DateTime<Utc>,
}

/// Lays the shareable events out as a report. Pure: the clock is `input.now`.
pub fn build(input: Input) -> Report {
    let today = local_day(input.now);
    let mut period: Vec<Event> = input.period.into_iter().filter(shareable).collect();
    period.sort_by_key(|e| (e.at, e.id));
    let mut promises: HashMap<EventId, Event> = (input.earlier.iter().cloned())
        .chain(period.iter().cloned())
        .filter(|e| shareable(e) && e.promise.is_some())
        .map(|e| (e.id, e))
        .collect();
    // What a promise may say it was made during: shareable events only.
    let during: HashMap<EventId, (Kind, NaiveDate)> = (input.earlier.iter())
        .chain(&period)
        .filter(|e| shareable(e))
        .map(|e| (e.id, (e.kind, local_day(e.at))))
        .collect();
    let made_during = |p: &Event| p.made_in.and_then(|call| during.get(&call).copied());
    let item = |e: &Event| Item {
        event: e.id,
        day: local_day(e.at),
        kind: e.kind,
        text: for_the_client(&e.text),
        people: e
            .people
            .iter()
            .filter_map(|p| input.names.get(p).cloned())
            .collect(),
        minutes: e.minutes,
    };
    let work: Vec<Item> = period
        .iter()
        .filter(|e| is_work(e.kind))
        .map(item)
        .collect();
    let wins = period
        .iter()
        .filter(|e| e.kind == Kind::Win)
        .map(item)
        .collect();
    let incidents = period
        .iter()
        .filter(|e| e.kind == Kind::Incident)
        .map(|incident| Incident {
            item: item(incident),
            follow_ups: period
                .iter()
                .filter(|e| follows(e, incident))
                .map(item)
                .collect(),
        })
        .collect();
    let settled = period
        .iter()
        .filter_map(|outcome| {
            let promise = promises.remove(&outcome.resolves?)?;
            let state = match promise.promise.as_ref()?.outcome? {
                Outcome::Kept => State::Kept(local_day(outcome.at)),
                Outcome::Broken => State::Broken(local_day(outcome.at)),
            };
            let note = outcome_note(&for_the_client(&outcome.text), &promise.text);
            let during = made_during(&promise);
            Some(promise_of(&promise, &item(&promise), state, note, during))
        })
        .collect();
    let mut open: Vec<Promise> = promises
        .values()
        .filter(|p| p.is_open_promise())
        .map(|p| {
            let due = p.promise.as_ref().and_then(|i| i.due);
            let state = match due {
                Some(due) if due < today => State::Overdue,
                _ => State::Open,
            };
            promise_of(p, &item(p), state, None, made_during(p))
        })
        .collect();
    open.sort_by_key(|p| (p.due.is_none(), p.due, p.made));
    Report {
        client: input.client.to_string(),
        since: input.since,
        until: today,
        minutes: work.iter().filter_map(|w| w.minutes).sum(),
        work,
        wins,
        incidents,
        settled,
        open,
        lang: Lang::default(),
        author: None,
        company: None,
        footer: None,
    }
}

/// A note's text as the client reads it: without its private lines, and without the minute
/// stamps (`[+12m]`) the call box put before its lines, which are the consultant's clock.
pub fn for_the_client(text: &str) -> String {
    let shared = crate::model::without_private_lines(text);
    let lines: Vec<&str> = (shared.lines())
        .map(|line| {
            let line = line.trim_start();
            match line.split_once(' ') {
                Some((stamp, rest)) if crate::capture::is_minute_stamp(stamp) => rest,
                _ if crate::capture::is_minute_stamp(line.trim_end()) => "",
                _ => line,
            }
        })
        .collect();
    lines.join("\n")
}

/// Contact and work done for the client; wins, incidents and promises have their own sections.
fn is_work(kind: Kind) -> bool {
    !matches!(kind, Kind::Win | Kind::Incident | Kind::Promise)
}

/// A later event of the period, not itself an incident, that shares a tag with `incident`.
fn follows(event: &Event, incident: &Event) -> bool {
    event.id != incident.id
        && event.kind != Kind::Incident
        && event.resolves.is_none()
        && event.at >= incident.at
        && event.tags.iter().any(|t| {
            incident
                .tags
                .iter()
                .any(|i| crate::model::fold(i) == crate::model::fold(t))
        })
}

fn promise_of(
    event: &Event,
    item: &Item,
    state: State,
    note: Option<String>,
    during: Option<(Kind, NaiveDate)>,
) -> Promise {
    Promise {
        event: event.id,
        made: item.day,
        text: item.text.clone(),
        people: item.people.clone(),
        due: event.promise.as_ref().and_then(|p| p.due),
        state,
        note,
        during,
    }
}

/// `made 2026-11-20`, or `made during the call of 2026-11-12`, in the report's words.
pub fn made(report: &Report, promise: &Promise) -> String {
    let (day, kind) = match promise.during {
        Some((kind, day)) => (day, Some(kind)),
        None => (promise.made, None),
    };
    report.words().made(day, kind)
}

/// The word added to an outcome ("Kept: Send the plan — on time" says "on time"); the whole
/// text when it does not read as an outcome of this promise, nothing when it adds nothing.
fn outcome_note(outcome: &str, promise: &str) -> Option<String> {
    let rest = ["Kept: ", "Broken: "]
        .iter()
        .find_map(|verb| outcome.strip_prefix(verb)?.strip_prefix(promise));
    let note = match rest {
        Some(rest) => {
            let rest = rest.trim();
            let rest = rest.strip_prefix('—').unwrap_or(rest).trim();
            match rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
                Some(inner) => inner.trim(),
                None => rest,
            }
        }
        None => outcome.trim(),
    };
    (!note.is_empty()).then(|| note.to_string())
}

/// The local calendar day of a moment.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

/// The report in one sentence, in its words.
pub fn summary(report: &Report) -> String {
    report.words().summary(report)
}

#[cfg(test)]
mod tests;
