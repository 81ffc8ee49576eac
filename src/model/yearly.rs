//! A day that comes back every year — a person's birthday, the day they started at the client
//! (a work anniversary) — with or without its year (`1980-03-14`, `03-14`).
//!
//! Stored as the text it is typed in, so an export or `person show --json` reads as written.
//! Feb 29 falls on Feb 28 in the years that have none: a birthday is never skipped.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Yearly {
    /// The year it began (born, started), when known.
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

/// What a person's yearly date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateKind {
    Birthday,
    /// The day they started at the client, each year.
    Anniversary,
}
super::word_enum!(DateKind { Birthday => "birthday", Anniversary => "anniversary" });

/// One of a person's yearly dates: what the agenda and the due count read (the digest keeps
/// these for `rapport status`, not the whole person).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonDate {
    pub person: super::PersonId,
    pub kind: DateKind,
    pub date: Yearly,
}

/// A day that cannot be a yearly date, said so that it can be fixed.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is no date: write it as 1980-03-14, or 03-14 without the year")]
pub struct BadYearly(pub String);

impl Yearly {
    /// The day it falls on in `year` (Feb 29 on Feb 28 when `year` has none).
    pub fn in_year(&self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Its next day on or after `today`.
    pub fn next_on_or_after(&self, today: NaiveDate) -> NaiveDate {
        let this = self.in_year(today.year());
        if this >= today {
            this
        } else {
            self.in_year(today.year() + 1)
        }
    }

    /// Whole years from its year to `on` (an age, years at the client), when the year is known.
    pub fn years_on(&self, on: NaiveDate) -> Option<i32> {
        self.year.map(|y| on.year() - y)
    }
}

impl FromStr for Yearly {
    type Err = BadYearly;

    fn from_str(text: &str) -> Result<Self, BadYearly> {
        let bad = || BadYearly(text.to_string());
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
        let (year, month, day) = match parts.as_slice() {
            [y, m, d] if y.len() == 4 => {
                let year = y.parse::<i32>().map_err(|_| bad())?;
                (Some(year), number(m)?, number(d)?)
            }
            [m, d] => (None, number(m)?, number(d)?),
            _ => return Err(bad()),
        };
        // Without a year, check against a leap year: Feb 29 is a birthday too.
        let check_year = year.unwrap_or(2000);
        if !super::valid::YEARS.contains(&check_year)
            || NaiveDate::from_ymd_opt(check_year, month, day).is_none()
        {
            return Err(bad());
        }
        Ok(Yearly { year, month, day })
    }
}

impl fmt::Display for Yearly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(year) = self.year {
            write!(f, "{year:04}-")?;
        }
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl Serialize for Yearly {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Yearly {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn reads_with_or_without_the_year_and_refuses_what_is_no_day() {
        let full: Yearly = "1980-03-14".parse().unwrap();
        assert_eq!((full.year, full.month, full.day), (Some(1980), 3, 14));
        assert_eq!(full.to_string(), "1980-03-14");
        let bare: Yearly = " 03-14 ".parse().unwrap();
        assert_eq!((bare.year, bare.to_string().as_str()), (None, "03-14"));
        assert!("02-29".parse::<Yearly>().is_ok(), "a leap day, year-less");
        for bad in ["1981-02-29", "13-01", "03-32", "march 14", "", "0080-03-14"] {
            assert_eq!(bad.parse::<Yearly>(), Err(BadYearly(bad.into())), "{bad}");
        }
    }

    #[test]
    fn feb_29_falls_on_feb_28_in_other_years() {
        let leap: Yearly = "2000-02-29".parse().unwrap();
        assert_eq!(leap.in_year(2027), date(2027, 2, 28));
        assert_eq!(leap.in_year(2028), date(2028, 2, 29));
        assert_eq!(leap.next_on_or_after(date(2027, 3, 1)), date(2028, 2, 29));
    }

    #[test]
    fn the_next_day_is_today_or_later_and_counts_the_years() {
        let day: Yearly = "2021-12-04".parse().unwrap();
        assert_eq!(day.next_on_or_after(date(2026, 12, 4)), date(2026, 12, 4));
        assert_eq!(day.next_on_or_after(date(2026, 12, 5)), date(2027, 12, 4));
        assert_eq!(day.years_on(date(2026, 12, 4)), Some(5));
        let text = serde_json::to_string(&day).unwrap();
        assert_eq!(text, "\"2021-12-04\"");
        assert_eq!(serde_json::from_str::<Yearly>(&text).unwrap(), day);
    }
}
