//! Yearly dates on people — birthdays and work anniversaries (`person edit --birthday`). Each
//! is on the agenda from `DATES_AHEAD` days before through the day itself, so there is time
//! to send a card; the due count (`rapport status`) names it on the day only.

use super::agenda::item_id;
use crate::model::{ClientId, DateKind, PersonDate};
use chrono::{Datelike, NaiveDate};

/// Days ahead a date comes on the agenda.
pub const DATES_AHEAD: i64 = 3;

/// A person's date, coming on `on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateComing {
    pub date: PersonDate,
    pub on: NaiveDate,
    /// Days from today (0: today).
    pub ahead: i64,
    /// Years since its year (an age, years at the client), when the year is known.
    pub years: Option<i32>,
}

/// The date's next day when it falls from `today` through `DATES_AHEAD` days on. A work
/// anniversary needs a year gone by: the day someone started is no anniversary yet.
pub fn coming(date: PersonDate, today: NaiveDate) -> Option<DateComing> {
    let on = date.date.next_on_or_after(today);
    let ahead = (on - today).num_days();
    let years = date.date.years_on(on);
    let too_early = date.kind == DateKind::Anniversary && years.is_some_and(|y| y < 1);
    (ahead <= DATES_AHEAD && !too_early).then_some(DateComing {
        date,
        on,
        ahead,
        years,
    })
}

/// The people's dates coming from `today` through `DATES_AHEAD` days on.
pub fn dates_coming(
    dates: impl IntoIterator<Item = PersonDate>,
    today: NaiveDate,
) -> impl Iterator<Item = DateComing> {
    (dates.into_iter()).filter_map(move |d| coming(d, today))
}

/// "birthday 1980-03-14 (next Sat 14 Mar 2027)": the date as `rapport brief` lists it.
pub fn date_line(date: PersonDate, today: NaiveDate) -> String {
    let next = date.date.next_on_or_after(today);
    format!(
        "{} {} (next {})",
        date.kind,
        date.date,
        next.format("%a %-d %b %Y")
    )
}

/// The id of the agenda item for `coming` at `client`: one per person, kind and year, so a
/// date marked done this year is back next year.
pub fn date_id(client: ClientId, coming: &DateComing) -> String {
    let d = &coming.date;
    let year = coming.on.year();
    item_id(&format!("date/{}/{year}/{}/{client}", d.kind, d.person))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonId, Yearly};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn date(kind: DateKind, text: &str) -> PersonDate {
        PersonDate {
            person: PersonId::new_at(1),
            kind,
            date: text.parse::<Yearly>().unwrap(),
        }
    }

    fn ahead(d: PersonDate, today: NaiveDate) -> Option<i64> {
        coming(d, today).map(|c| c.ahead)
    }

    #[test]
    fn a_date_comes_three_days_ahead_and_stays_through_its_day() {
        let birthday = date(DateKind::Birthday, "1980-12-04");
        assert_eq!(ahead(birthday, day(2026, 11, 30)), None);
        assert_eq!(ahead(birthday, day(2026, 12, 1)), Some(3));
        assert_eq!(ahead(birthday, day(2026, 12, 4)), Some(0));
        assert_eq!(ahead(birthday, day(2026, 12, 5)), None, "the day after");
        assert_eq!(coming(birthday, day(2026, 12, 4)).unwrap().years, Some(46));
    }

    #[test]
    fn a_year_less_date_comes_every_year_without_a_count() {
        let birthday = date(DateKind::Birthday, "01-02");
        let c = coming(birthday, day(2026, 12, 30)).unwrap();
        assert_eq!((c.on, c.ahead, c.years), (day(2027, 1, 2), 3, None));
        let anniversary = date(DateKind::Anniversary, "12-04");
        assert_eq!(ahead(anniversary, day(2026, 12, 4)), Some(0));
    }

    #[test]
    fn feb_29_is_on_feb_28_in_a_common_year() {
        let leap = date(DateKind::Birthday, "1996-02-29");
        assert_eq!(coming(leap, day(2027, 2, 28)).unwrap().on, day(2027, 2, 28));
        assert_eq!(ahead(leap, day(2027, 3, 1)), None);
        assert_eq!(coming(leap, day(2028, 2, 29)).unwrap().on, day(2028, 2, 29));
        assert_eq!(ahead(leap, day(2028, 2, 28)), Some(1));
    }

    #[test]
    fn the_start_day_is_no_anniversary_and_ids_change_with_the_year() {
        let started = date(DateKind::Anniversary, "2026-12-04");
        assert_eq!(ahead(started, day(2026, 12, 4)), None);
        let this = coming(started, day(2027, 12, 4)).unwrap();
        let next = coming(started, day(2028, 12, 4)).unwrap();
        let client = ClientId::new_at(2);
        assert_eq!(this.years, Some(1));
        assert_eq!(date_id(client, &this), date_id(client, &this));
        assert_ne!(date_id(client, &this), date_id(client, &next));
        let birthday = coming(date(DateKind::Birthday, "12-04"), day(2027, 12, 4)).unwrap();
        assert_ne!(date_id(client, &this), date_id(client, &birthday));
    }
}
