//! `rapport agenda --ics`: check-ins and promise due days as all-day events of an iCalendar
//! file (RFC 5545), written with the `icalendar` crate (CRLF lines, folding at 75 octets on
//! character boundaries, TEXT escaping).
//!
//! UIDs are derived from ids, so a calendar that imports the file again updates its events
//! instead of doubling them: `checkin-<client id>@rapport` (one per client: the next
//! check-in) and `promise-<event id>@rapport`. DTSTAMP is the export's time.

use super::World;
use crate::cli::{output, Ctx};
use crate::insight::{self, promise_state, PromiseState};
use crate::model::ClientState;
use anyhow::Result;
use chrono::NaiveDate;
use icalendar::{Calendar, Component, Event, Property, ValueType};
use std::path::Path;

pub fn write(ctx: &Ctx, world: &World, path: &Path) -> Result<()> {
    let (text, count) = calendar(ctx, world);
    if path == Path::new("-") {
        return output::raw(&text);
    }
    output::write_file(path, &text)?;
    outln!("wrote {count} events to {}", path.display())?;
    Ok(())
}

/// The calendar's text and its number of events.
pub fn calendar(ctx: &Ctx, world: &World) -> (String, usize) {
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
            let opener = insight::opener_person(&data).and_then(insight::opener);
            let description = [Some(reason), opener]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            events.push(event(
                ctx,
                format!("checkin-{}@rapport", client.id),
                day,
                &format!("Check in with {}", client.name),
                &description.join("\n"),
            ));
        }
        for promise in &data.summary.open_promises {
            let Some(due) = promise.due else { continue };
            let state = match promise_state(promise, today) {
                PromiseState::Overdue => format!("Overdue since {due}."),
                _ => format!("Due {due}."),
            };
            events.push(event(
                ctx,
                format!("promise-{}@rapport", promise.event),
                due,
                &format!("Promise to {}: {}", client.name, clean(&promise.text)),
                &state,
            ));
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
