//! Compact forms of what the clients pane shows, for the overview file. Times are milliseconds
//! and ids are integers, and the long lists are packed bytes, because decoding a thousand
//! full clients and summaries (ULIDs, RFC 3339 strings, an array per trust movement) took
//! longer than the rest of the first frame.

use crate::model::{
    AdviceEntry, Client, ClientId, ClientState, Concern, ContactStyle, EventId, Lang, OpenPromise,
    Summary, TrustEntry, TrustScore,
};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;

/// A client's summary cut down to what the clients pane needs: no ids, no texts.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Glance {
    last_contact: Option<i64>,
    last_event: Option<i64>,
    event_count: u64,
    /// raw, good, bad, as of: [`TrustScore`]'s fields.
    trust: (i64, f64, f64, Option<i64>),
    /// Recent trust movements (time, delta), for the trend, packed as in [`pack_moves`].
    recent_trust: ByteBuf,
    /// Due days of open promises, packed as in [`pack_days`].
    promises_due: ByteBuf,
    /// Unbilled advice of the last days (time, minutes), for the pane's free-advice mark.
    recent_advice: Vec<(i64, u32)>,
}

impl Glance {
    pub fn of(summary: &Summary) -> Self {
        let trust = &summary.trust;
        Self {
            last_contact: summary.last_contact.as_ref().map(ms),
            last_event: summary.last_event.as_ref().map(ms),
            event_count: summary.event_count,
            trust: (
                trust.raw,
                trust.good,
                trust.bad,
                trust.as_of.as_ref().map(ms),
            ),
            recent_trust: pack_moves(&summary.recent_trust),
            promises_due: pack_days(summary.open_promises.iter().map(|p| p.due)),
            recent_advice: (summary.recent_advice.iter())
                .map(|a| (ms(&a.at), a.minutes))
                .collect(),
        }
    }

    /// A summary that shows the same in the clients pane (ids and texts left blank).
    pub fn summary(&self) -> Summary {
        let (raw, good, bad, as_of) = self.trust;
        Summary {
            last_contact: self.last_contact.map(time),
            last_event: self.last_event.map(time),
            event_count: self.event_count,
            trust: TrustScore {
                raw,
                good,
                bad,
                as_of: as_of.map(time),
            },
            recent_trust: unpack_moves(&self.recent_trust),
            open_promises: unpack_days(&self.promises_due)
                .map(|due| OpenPromise {
                    event: EventId(ulid::Ulid::nil()),
                    at: DateTime::default(),
                    due,
                    text: String::new(),
                })
                .collect(),
            recent_advice: (self.recent_advice.iter())
                .map(|&(at, minutes)| AdviceEntry {
                    event: EventId(ulid::Ulid::nil()),
                    at: time(at),
                    minutes,
                })
                .collect(),
            ..Summary::default()
        }
    }
}

/// What the clients pane's attention order reads of a client and its summary (see
/// `insight::attention`): a few numbers, so every row can be placed before any is decoded.
#[derive(Debug, Serialize, Deserialize)]
pub struct SortKey {
    id: u128,
    state: ClientState,
    style: ContactStyle,
    archived: bool,
    cadence_days: u32,
    snooze_until: Option<i32>,
    last_contact: Option<i64>,
    /// The earliest due day of an open promise: whether one is overdue.
    earliest_due: Option<i32>,
    /// Rows alike in attention sort by name.
    name: String,
}

impl SortKey {
    pub fn of(client: &Client, summary: &Summary) -> Self {
        Self {
            id: client.id.0.into(),
            state: client.state,
            style: client.style,
            archived: client.archived,
            cadence_days: client.cadence_days,
            snooze_until: client.snooze_until.map(day_code),
            last_contact: summary.last_contact.as_ref().map(ms),
            earliest_due: summary
                .open_promises
                .iter()
                .filter_map(|p| p.due)
                .min()
                .map(day_code),
            name: client.name.clone(),
        }
    }

    pub fn id(&self) -> ClientId {
        ClientId(self.id.into())
    }

    /// A client and summary that sort where the real ones do, and hold nothing else.
    pub fn sketch(&self) -> (Client, Summary) {
        let client = Client {
            id: self.id(),
            state: self.state,
            style: self.style,
            archived: self.archived,
            cadence_days: self.cadence_days,
            snooze_until: self.snooze_until.and_then(day_of),
            name: self.name.clone(),
            ..Client::default()
        };
        let summary = Summary {
            last_contact: self.last_contact.map(time),
            open_promises: (self.earliest_due.and_then(day_of))
                .map(|due| OpenPromise {
                    event: EventId(ulid::Ulid::nil()),
                    at: DateTime::default(),
                    due: Some(due),
                    text: String::new(),
                })
                .into_iter()
                .collect(),
            ..Summary::default()
        };
        (client, summary)
    }
}

/// A client as the overview keeps it: the same fields, in cheaper forms.
#[derive(Debug, Serialize, Deserialize)]
pub struct ClientRecord {
    id: u128,
    name: String,
    alias: Option<String>,
    state: ClientState,
    cadence_days: u32,
    style: ContactStyle,
    snooze_until: Option<i32>,
    tags: Vec<String>,
    concerns: Vec<Concern>,
    archived: bool,
    created: i64,
    /// Last and defaulted: a record from before report languages reads as none.
    #[serde(default)]
    lang: Option<Lang>,
}

impl From<&Client> for ClientRecord {
    fn from(c: &Client) -> Self {
        Self {
            id: c.id.0.into(),
            name: c.name.clone(),
            alias: c.alias.clone(),
            state: c.state,
            cadence_days: c.cadence_days,
            style: c.style,
            snooze_until: c.snooze_until.map(|d| d.num_days_from_ce()),
            tags: c.tags.clone(),
            concerns: c.concerns.clone(),
            archived: c.archived,
            created: ms(&c.created),
            lang: c.lang,
        }
    }
}

impl From<ClientRecord> for Client {
    fn from(r: ClientRecord) -> Self {
        Self {
            id: ClientId(r.id.into()),
            name: r.name,
            alias: r.alias,
            state: r.state,
            cadence_days: r.cadence_days,
            style: r.style,
            snooze_until: r
                .snooze_until
                .and_then(NaiveDate::from_num_days_from_ce_opt),
            tags: r.tags,
            concerns: r.concerns,
            archived: r.archived,
            created: time(r.created),
            lang: r.lang,
        }
    }
}

fn ms(t: &DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// A day as year and day of the year (`year * 512 + ordinal`): chrono builds a date from
/// those with a table lookup, where a count of days since an epoch costs a calendar
/// computation, and the first frame turns some thirty thousand of them into dates.
fn day_code(day: NaiveDate) -> i32 {
    day.year() * 512 + day.ordinal() as i32
}

fn day_of(code: i32) -> Option<NaiveDate> {
    NaiveDate::from_yo_opt(code.div_euclid(512), code.rem_euclid(512) as u32)
}

/// Nine bytes a movement: its day (as [`day_code`]), its milliseconds into that day (UTC),
/// and its delta, little-endian.
fn pack_moves(moves: &[TrustEntry]) -> ByteBuf {
    let mut bytes = Vec::with_capacity(moves.len() * 9);
    for m in moves {
        let into_day = m.at.num_seconds_from_midnight() * 1000 + m.at.timestamp_subsec_millis();
        bytes.extend_from_slice(&day_code(m.at.date_naive()).to_le_bytes());
        bytes.extend_from_slice(&into_day.to_le_bytes());
        bytes.push(m.delta as u8);
    }
    ByteBuf::from(bytes)
}

fn unpack_moves(bytes: &[u8]) -> Vec<TrustEntry> {
    (bytes.chunks_exact(9))
        .map(|record| {
            let word = |i: usize| record[i..i + 4].try_into().expect("four bytes");
            let into_day = u32::from_le_bytes(word(4));
            let at = day_of(i32::from_le_bytes(word(0))).and_then(|day| {
                let time = NaiveTime::from_num_seconds_from_midnight_opt(
                    into_day / 1000,
                    into_day % 1000 * 1_000_000,
                )?;
                Some(day.and_time(time).and_utc())
            });
            TrustEntry {
                event: EventId(ulid::Ulid::nil()),
                at: at.unwrap_or_default(),
                delta: record[8] as i8,
            }
        })
        .collect()
}

/// Four bytes a day (as [`day_code`]), `i32::MIN` for none.
fn pack_days(days: impl Iterator<Item = Option<NaiveDate>>) -> ByteBuf {
    let mut bytes = Vec::new();
    for day in days {
        let n = day.map_or(i32::MIN, day_code);
        bytes.extend_from_slice(&n.to_le_bytes());
    }
    ByteBuf::from(bytes)
}

fn unpack_days(bytes: &[u8]) -> impl Iterator<Item = Option<NaiveDate>> + '_ {
    bytes.chunks_exact(4).map(|b| {
        let n = i32::from_le_bytes(b.try_into().expect("four bytes"));
        (n != i32::MIN).then_some(n).and_then(day_of)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_glance_keeps_what_the_clients_pane_shows() {
        let at = Utc.with_ymd_and_hms(2026, 11, 20, 9, 30, 0).unwrap();
        let summary = Summary {
            last_contact: Some(at),
            event_count: 3,
            recent_trust: vec![TrustEntry {
                event: EventId::new_at(1),
                at,
                delta: -2,
            }],
            open_promises: [Some(at.date_naive()), None]
                .into_iter()
                .map(|due| OpenPromise {
                    event: EventId::new_at(2),
                    at,
                    due,
                    text: "send the plan".into(),
                })
                .collect(),
            recent_advice: vec![AdviceEntry {
                event: EventId::new_at(3),
                at,
                minutes: 45,
            }],
            ..Summary::default()
        };
        let back = Glance::of(&summary).summary();
        assert_eq!(back.last_contact, summary.last_contact);
        assert_eq!(back.recent_trust[0].at, at);
        assert_eq!(back.recent_trust[0].delta, -2);
        assert_eq!(back.unbilled_advice_minutes(at), 45, "the free-advice mark");
        let dues: Vec<_> = back.open_promises.iter().map(|p| p.due).collect();
        assert_eq!(dues, vec![Some(at.date_naive()), None]);
    }

    #[test]
    fn packed_days_and_times_round_trip_to_the_millisecond() {
        let moves: Vec<TrustEntry> = [
            "2026-11-20T09:30:00.123Z",
            "1969-12-31T23:59:59.999Z",
            "2024-02-29T00:00:00Z",
            "2026-12-31T23:59:59.5Z",
        ]
        .iter()
        .map(|t| TrustEntry {
            event: EventId(ulid::Ulid::nil()),
            at: t.parse().unwrap(),
            delta: 3,
        })
        .collect();
        assert_eq!(unpack_moves(&pack_moves(&moves)), moves);
        let days = [
            NaiveDate::from_ymd_opt(2024, 12, 31),
            None,
            NaiveDate::from_ymd_opt(-44, 3, 15),
        ];
        let back: Vec<_> = unpack_days(&pack_days(days.into_iter())).collect();
        assert_eq!(back, days);
    }

    #[test]
    fn a_client_record_round_trips() {
        let client = Client {
            id: ClientId::new_at(5),
            name: "星空データ株式会社".into(),
            alias: Some("hoshi".into()),
            snooze_until: NaiveDate::from_ymd_opt(2026, 12, 24),
            created: Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap(),
            lang: Some(Lang::Ja),
            ..Client::default()
        };
        assert_eq!(Client::from(ClientRecord::from(&client)), client);
    }
}
