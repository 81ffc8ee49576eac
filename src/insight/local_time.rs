//! A contact's local time: "05:12 JST" from the time zone stored with them, and whether it is
//! outside working hours there (08–18), so that a call does not wake them. The clock is the
//! caller's (`RAPPORT_NOW` pins it in tests), never the system's.

use super::capacity::WORK_HOURS;
use chrono::{DateTime, Offset, Timelike, Utc};
use chrono_tz::Tz;

/// The time where a contact is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalTime {
    /// `05:12 JST`, or `09:00 UTC-3` where the zone has no abbreviation.
    pub text: String,
    /// Before 08:00 or from 18:00 there.
    pub off_hours: bool,
}

/// The time at `now` in `zone` (an IANA name, as stored); `None` for a zone not known.
pub fn local_time(zone: &str, now: DateTime<Utc>) -> Option<LocalTime> {
    let tz: Tz = zone.trim().parse().ok()?;
    let there = now.with_timezone(&tz);
    // chrono-tz writes a zone without a common abbreviation as its offset (`-03`, `+0545`),
    // which reads as a number: say it as an offset from UTC instead.
    let abbreviation = there.format("%Z").to_string();
    let name = if abbreviation.starts_with(['+', '-']) || abbreviation.is_empty() {
        utc_offset(there.offset().fix().local_minus_utc())
    } else {
        abbreviation
    };
    Some(LocalTime {
        text: format!("{} {name}", there.format("%H:%M")),
        off_hours: !WORK_HOURS.contains(&there.hour()),
    })
}

/// `UTC+9`, `UTC-3`, `UTC+5:45`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    match (minutes / 60, minutes % 60) {
        (hours, 0) => format!("UTC{sign}{hours}"),
        (hours, rest) => format!("UTC{sign}{hours}:{rest:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn tokyo_before_dawn_is_off_hours() {
        let t = local_time("Asia/Tokyo", at("2026-11-23T20:12:00Z")).unwrap();
        assert_eq!(t.text, "05:12 JST");
        assert!(t.off_hours);
    }

    #[test]
    fn helsinki_at_two_in_the_afternoon_is_working_hours_in_winter_time() {
        let t = local_time("Europe/Helsinki", at("2026-11-23T12:00:00Z")).unwrap();
        assert_eq!(t.text, "14:00 EET");
        assert!(!t.off_hours);
        let summer = local_time("Europe/Helsinki", at("2026-07-01T15:00:00Z")).unwrap();
        assert_eq!(summer.text, "18:00 EEST");
        assert!(summer.off_hours, "18:00 is after hours");
    }

    #[test]
    fn a_zone_without_an_abbreviation_is_an_offset_from_utc() {
        let sao_paulo = local_time("America/Sao_Paulo", at("2026-11-23T12:00:00Z")).unwrap();
        assert_eq!(sao_paulo.text, "09:00 UTC-3");
        let kathmandu = local_time("Asia/Kathmandu", at("2026-11-23T12:00:00Z")).unwrap();
        assert_eq!(kathmandu.text, "17:45 UTC+5:45");
        assert!(!kathmandu.off_hours);
    }

    #[test]
    fn an_unknown_zone_shows_nothing() {
        assert_eq!(local_time("Mars/Olympus", at("2026-11-23T12:00:00Z")), None);
        assert_eq!(local_time("", at("2026-11-23T12:00:00Z")), None);
    }
}
