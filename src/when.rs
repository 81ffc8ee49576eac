//! Reading dates and times the way people type them: `2026-11-20 14:00`, `yesterday 15:30`,
//! `fri`, `3 days ago`. Input is local time; everything is stored in UTC.

use chrono::{DateTime, Duration, Local, NaiveDate, TimeZone, Utc};

#[derive(Debug, thiserror::Error)]
pub enum WhenError {
    #[error("could not read '{0}' as a date or time.\nTry e.g. 2026-11-20 14:00, yesterday 15:30, fri, or 3 days ago.")]
    Unreadable(String),
    #[error("'{0}' is in the future; --at records when something happened.")]
    Future(String),
}

/// `RAPPORT_NOW` set to something that is not a time.
#[derive(Debug, thiserror::Error)]
#[error("RAPPORT_NOW='{0}' is not an RFC 3339 time")]
pub struct BadNow(pub String);

/// The current time; `RAPPORT_NOW` (RFC 3339) pins it, so tests and demos are reproducible.
pub fn now() -> Result<DateTime<Utc>, BadNow> {
    match std::env::var("RAPPORT_NOW") {
        Ok(text) => DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| BadNow(text)),
        Err(_) => Ok(Utc::now()),
    }
}

/// How long since something happened, in whole days: `never`, `today`, or the days and
/// `unit` after them (`"d"`: `3d` in the dashboard's columns; `"d ago"`: `3d ago` in the command
/// line's tables).
pub fn ago(days: Option<i64>, unit: &str) -> String {
    match days {
        None => "never".into(),
        Some(d) if d <= 0 => "today".into(),
        Some(d) => format!("{d}{unit}"),
    }
}

/// A moment, read relative to `now` in the local time zone.
pub fn moment(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, WhenError> {
    let local = now.with_timezone(&Local);
    // interim 0.2 panics on a word after an hour (`9am`) that is not lowercase or is 16 letters
    // or more; no date word is that long, and case does not matter to it otherwise.
    let lower = text.trim().to_ascii_lowercase();
    let longest_word = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest_word >= 16 {
        return Err(WhenError::Unreadable(text.into()));
    }
    interim::parse_date_string(&lower, local, interim::Dialect::Uk)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| WhenError::Unreadable(text.into()))
}

/// A moment that has already happened (a small allowance for clocks a minute apart). A weekday
/// (`mon`, `fri 14:00`) is the last one: what happened was not next week.
pub fn past(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, WhenError> {
    let mut at = moment(text, now)?;
    let slack = Duration::minutes(5);
    if at > now + slack && starts_with_weekday(text) {
        at -= Duration::days(7);
    }
    if at > now + slack {
        return Err(WhenError::Future(text.into()));
    }
    Ok(at)
}

fn starts_with_weekday(text: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    first.len() >= 3 && DAYS.iter().any(|day| day.starts_with(&first))
}

/// A calendar day in local time (`due fri` is the coming Friday).
pub fn day(text: &str, now: DateTime<Utc>) -> Result<NaiveDate, WhenError> {
    Ok(moment(text, now)?.with_timezone(&Local).date_naive())
}

/// The start of a local day, as UTC (for `--since`).
pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Local.from_local_datetime(&midnight).earliest().map_or_else(
        || Utc.from_utc_datetime(&midnight),
        |t| t.with_timezone(&Utc),
    )
}

/// The end of a local day (the start of the next), as UTC: `--until` lets that whole day in.
pub fn end_of(day: NaiveDate) -> DateTime<Utc> {
    start_of(day.succ_opt().unwrap_or(day))
}

/// A UTC moment shown in local time, to the minute.
pub fn show(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        // Tests run with whatever TZ the machine has; compare in local time.
        Local
            .with_ymd_and_hms(2026, 11, 23, 17, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn local(text: &str) -> String {
        moment(text, now())
            .unwrap()
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn reads_what_people_type() {
        assert_eq!(local("2026-11-20 14:00"), "2026-11-20 14:00");
        assert_eq!(local("yesterday 15:30"), "2026-11-22 15:30");
        assert_eq!(local("3 days ago"), "2026-11-20 17:00");
        assert_eq!(day("fri", now()).unwrap().to_string(), "2026-11-27");
        assert_eq!(day("2026-12-01", now()).unwrap().to_string(), "2026-12-01");
        let friday = day("fri", now()).unwrap();
        assert_eq!(end_of(friday) - start_of(friday), Duration::days(1));
    }

    #[test]
    fn odd_words_after_an_hour_are_refused_not_a_panic() {
        for text in [
            "9 BILLED",
            "d0 BILLED",
            "9abcdefghijklmnopq",
            "Tomorrow 9AM",
        ] {
            let _ = moment(text, now());
        }
        assert_eq!(local("Tomorrow 9AM"), "2026-11-24 09:00");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "[0-9a-zA-Z :./-]{0,24}|\\PC{0,24}") {
            let _ = moment(&text, now());
        }
    }

    #[test]
    fn refuses_nonsense_and_the_future() {
        assert!(matches!(
            moment("next blursday", now()),
            Err(WhenError::Unreadable(_))
        ));
        assert!(matches!(past("tomorrow", now()), Err(WhenError::Future(_))));
        assert!(past("today 16:58", now()).is_ok());
        // now() is a Monday at 17:00: `mon 18:00` is a week ago, `fri` the Friday before.
        let shown = |text| show(past(text, now()).unwrap());
        assert_eq!(
            shown("fri"),
            show(moment("2026-11-20 00:00", now()).unwrap())
        );
        assert_eq!(
            shown("mon 18:00"),
            show(moment("2026-11-16 18:00", now()).unwrap())
        );
        assert_eq!(
            shown("mon 10:00"),
            show(moment("2026-11-23 10:00", now()).unwrap())
        );
    }
}
