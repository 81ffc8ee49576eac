//! `rapport agenda --ics`: check-ins and promise due days as all-day events of an iCalendar
//! file (RFC 5545), written with the `icalendar` crate (CRLF lines, folding at 75 octets on
//! character boundaries, TEXT escaping).
//!
//! UIDs are derived from ids, so a calendar that imports the file again updates its events
//! instead of doubling them: `checkin-<client id>@rapport` (one per client: the next
//! check-in) and `promise-<event id>@rapport`. DTSTAMP is the export's time.
//!
//! Calendar files end up in shared calendars, so the file carries nothing private: no personal
//! facts (the check-in's opener stays in `rapport agenda`), and a private promise is only
//! "Promise to CLIENT" on its due day, marked `CLASS:PRIVATE`, without its text or people.

use super::World;
use crate::cli::{output, Ctx};
use crate::insight::{self, promise_state, PromiseState};
use crate::model::{ClientState, EventId};
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;
use icalendar::{Calendar, Class, Component, Event, Property, ValueType};
use std::collections::HashSet;
use std::path::Path;

pub fn write(ctx: &Ctx, store: &dyn Store, world: &World, path: &Path) -> Result<()> {
    let private = private_promises(store, world)?;
    let (text, count) = calendar(ctx, world, &private);
    if path == Path::new("-") {
        return output::raw(&text);
    }
    output::write_file(path, &text)?;
    outln!("wrote {count} events to {}", path.display())?;
    Ok(())
}

/// The open promises with a due day that are private (summaries do not say; the events do).
/// A promise whose event cannot be read counts as private: when unsure, say less.
fn private_promises(store: &dyn Store, world: &World) -> Result<HashSet<EventId>> {
    let mut private = HashSet::new();
    for summary in &world.summaries {
        for promise in summary.open_promises.iter().filter(|p| p.due.is_some()) {
            if store.event(promise.event)?.is_none_or(|e| e.private) {
                private.insert(promise.event);
            }
        }
    }
    Ok(private)
}

/// The calendar's text and its number of events.
pub fn calendar(ctx: &Ctx, world: &World, private: &HashSet<EventId>) -> (String, usize) {
    let today = insight::today(ctx.now);
    let mut events = Vec::new();
    for data in world.data() {
        let client = data.client;
        if client.archived || client.state == ClientState::Former {
            continue;
        }
        if let Some(day) = insight::next_check_in(client, data.summary, ctx.now) {
            let reason = match insight::days_since_contact(data.summary, ctx.now) {
                Some(d) => format!(
                    "Last contact {d} days ago; every {} days.",
                    client.cadence_days
                ),
                None => "Never contacted.".into(),
            };
            events.push(event(
                ctx,
                format!("checkin-{}@rapport", client.id),
                day,
                &format!("Check in with {}", client.name),
                &reason,
            ));
        }
        for promise in &data.summary.open_promises {
            let Some(due) = promise.due else { continue };
            let state = match promise_state(promise, today) {
                PromiseState::Overdue => format!("Overdue since {due}."),
                _ => format!("Due {due}."),
            };
            let uid = format!("promise-{}@rapport", promise.event);
            if private.contains(&promise.event) {
                let summary = format!("Promise to {}", client.name);
                let mut event = event(ctx, uid, due, &summary, &state);
                events.push(event.class(Class::Private).done());
            } else {
                let summary = format!("Promise to {}: {}", client.name, clean(&promise.text));
                events.push(event(ctx, uid, due, &summary, &state));
            }
        }
    }
    let count = events.len();
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", "-//rapport//agenda//EN"));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.extend(events);
    (calendar.done().to_string(), count)
}

/// An all-day event: DTSTART as a DATE and no DTEND, which RFC 5545 reads as one day.
fn event(ctx: &Ctx, uid: String, day: NaiveDate, summary: &str, description: &str) -> Event {
    let start = Property::new("DTSTART", day.format("%Y%m%d").to_string())
        .append_parameter(ValueType::Date)
        .done();
    Event::new()
        .uid(&uid)
        .timestamp(ctx.now)
        .append_property(start)
        .summary(&clean(summary))
        .description(&clean(description))
        .done()
}

/// Text without carriage returns (escaping covers newlines, not CR).
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}
