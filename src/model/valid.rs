//! The rules every stored record obeys, wherever it comes from: the command line checks its
//! flags with these (clap ranges and the functions below) and `import` checks whole records
//! with [`client`], [`person`] and [`event`], so a file cannot store what the CLI would refuse.

use super::{Client, Event, Person, TRUST_RANGE};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::ops::RangeInclusive;

/// Days between check-ins (`client add --cadence`).
pub const CADENCE_DAYS: RangeInclusive<i64> = 1..=3650;
/// A trust movement, as clap ranges want it.
pub const TRUST: RangeInclusive<i64> = *TRUST_RANGE.start() as i64..=*TRUST_RANGE.end() as i64;
/// Minutes an event took (`note --minutes`).
pub const MINUTES: RangeInclusive<i64> = 1..=1440;
/// Years a stored day or time may fall in: a year 0 due date is a typo, not a plan.
pub const YEARS: RangeInclusive<i32> = 1900..=9999;

/// A value that breaks a rule, said so that the user can fix it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(String);

type Check = Result<(), Invalid>;

fn rule(ok: bool, message: impl FnOnce() -> String) -> Check {
    if ok {
        Ok(())
    } else {
        Err(Invalid(message()))
    }
}

/// A name that is more than blanks (`what`: "client", "person").
pub fn name(what: &str, text: &str) -> Check {
    rule(!text.trim().is_empty(), || format!("a {what} needs a name"))
}

pub fn cadence(days: u32) -> Check {
    rule(CADENCE_DAYS.contains(&i64::from(days)), || {
        format!("a cadence of {days} days is outside {CADENCE_DAYS:?}")
    })
}

pub fn trust(value: i8) -> Check {
    rule(TRUST_RANGE.contains(&value), || {
        format!("trust {value} is outside {TRUST_RANGE:?}")
    })
}

pub fn minutes(value: u32) -> Check {
    rule(MINUTES.contains(&i64::from(value)), || {
        format!("{value} minutes is outside {MINUTES:?}")
    })
}

/// An IANA time zone name (what chrono-tz knows), e.g. Europe/Helsinki.
pub fn time_zone(zone: &str) -> Check {
    rule(zone.parse::<chrono_tz::Tz>().is_ok(), || {
        format!("'{zone}' is not an IANA time zone (e.g. Europe/Helsinki, Asia/Tokyo)")
    })
}

/// A day within [`YEARS`] (`what`: "due date", "concern date").
pub fn day(what: &str, day: NaiveDate) -> Check {
    rule(YEARS.contains(&day.year()), || {
        format!("{what} {day} is outside the years {YEARS:?}")
    })
}

fn moment(what: &str, at: DateTime<Utc>) -> Check {
    day(what, at.date_naive())
}

pub fn client(c: &Client) -> Check {
    name("client", &c.name)?;
    cadence(c.cadence_days)?;
    moment("created", c.created)?;
    if let Some(until) = c.snooze_until {
        day("snoozed until", until)?;
    }
    c.concerns
        .iter()
        .try_for_each(|k| day("concern since", k.since))
}

pub fn person(p: &Person) -> Check {
    name("person", &p.name)?;
    if let Some(zone) = p.time_zone.as_deref().filter(|z| !z.is_empty()) {
        time_zone(zone)?;
    }
    moment("created", p.created)?;
    p.facts.iter().try_for_each(|f| day("fact noted", f.noted))
}

pub fn event(e: &Event) -> Check {
    trust(e.trust)?;
    if let Some(m) = e.minutes {
        minutes(m)?;
    }
    moment("event time", e.at)?;
    moment("created", e.created)?;
    if let Some(due) = e.promise.as_ref().and_then(|p| p.due) {
        day("due date", due)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_take_the_edges_and_refuse_beyond() {
        assert!(cadence(1).is_ok() && cadence(3650).is_ok());
        assert!(cadence(0).is_err() && cadence(u32::MAX).is_err());
        assert!(trust(-3).is_ok() && trust(3).is_ok() && trust(127).is_err());
        assert!(minutes(1440).is_ok() && minutes(1441).is_err());
        assert!(name("client", " x ").is_ok());
        assert_eq!(
            name("client", "  ").unwrap_err().to_string(),
            "a client needs a name"
        );
        assert!(time_zone("Asia/Tokyo").is_ok() && time_zone("Mars/Olympus").is_err());
        let year0 = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        assert!(day("due date", year0).is_err());
        assert!(day("due date", NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).is_ok());
    }
}
