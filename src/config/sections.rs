//! One struct per TOML section. Each is `#[serde(default)]`, so a missing key keeps its built-in
//! value, and each range-checks its numbers while deserializing, so a bad value is reported with
//! the span toml knows for it (and therefore with its line and key).

use super::color;
use crate::model::{Lang, TRUST_RANGE};
use serde::{de, Deserialize, Deserializer};
use std::fmt;

/// `[contact]`
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, expecting = "a [contact] table")]
pub struct Contact {
    /// Days between check-ins for a client without its own cadence.
    #[serde(deserialize_with = "cadence")]
    pub default_cadence_days: u32,
}

impl Default for Contact {
    fn default() -> Self {
        Self {
            default_cadence_days: 30,
        }
    }
}

/// `[trust]`
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, expecting = "a [trust] table")]
pub struct Trust {
    /// Days after which a trust movement counts half.
    #[serde(deserialize_with = "half_life")]
    pub half_life_days: f64,
    #[serde(deserialize_with = "delta")]
    pub promise_kept: i8,
    #[serde(deserialize_with = "delta")]
    pub promise_broken: i8,
    pub deltas: KindDeltas,
}

impl Default for Trust {
    fn default() -> Self {
        Self {
            half_life_days: 90.0,
            promise_kept: 1,
            promise_broken: -2,
            deltas: KindDeltas::default(),
        }
    }
}

/// `[trust.deltas]`: the trust movement an event of each kind gets unless given one.
/// Field names follow `Kind::as_str`; `check_in` is also accepted for `check-in`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, expecting = "a [trust.deltas] table")]
pub struct KindDeltas {
    #[serde(deserialize_with = "delta")]
    pub call: i8,
    #[serde(deserialize_with = "delta")]
    pub video: i8,
    #[serde(deserialize_with = "delta")]
    pub email: i8,
    #[serde(deserialize_with = "delta")]
    pub chat: i8,
    #[serde(deserialize_with = "delta")]
    pub meeting: i8,
    #[serde(rename = "check-in", alias = "check_in", deserialize_with = "delta")]
    pub check_in: i8,
    #[serde(deserialize_with = "delta")]
    pub win: i8,
    #[serde(deserialize_with = "delta")]
    pub incident: i8,
    #[serde(deserialize_with = "delta")]
    pub promise: i8,
    #[serde(deserialize_with = "delta")]
    pub advice: i8,
    #[serde(deserialize_with = "delta")]
    pub favor: i8,
    #[serde(deserialize_with = "delta")]
    pub note: i8,
}

impl Default for KindDeltas {
    fn default() -> Self {
        Self {
            call: 1,
            video: 1,
            email: 0,
            chat: 0,
            meeting: 1,
            check_in: 1,
            win: 2,
            incident: -2,
            promise: 0,
            advice: 1,
            favor: 2,
            note: 0,
        }
    }
}

/// `[thresholds]`: when the dashboard starts warning.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, expecting = "a [thresholds] table")]
pub struct Thresholds {
    /// Unbilled advice minutes per client per 30 days.
    #[serde(deserialize_with = "minutes")]
    pub free_advice_minutes: u32,
    /// Active clients one consultant can keep warm.
    #[serde(deserialize_with = "capacity")]
    pub active_clients: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            free_advice_minutes: 120,
            active_clients: 6,
        }
    }
}

/// `[store]`: the store's own settings (a section, not the `Store` trait).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, expecting = "a [store] table")]
pub struct StoreSection {
    /// The store's page cache, in MiB.
    #[serde(deserialize_with = "cache_mib")]
    pub cache_mib: u32,
}

impl Default for StoreSection {
    fn default() -> Self {
        Self { cache_mib: 32 }
    }
}

/// `[colors]`: validated spellings, kept as written.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, expecting = "a [colors] table")]
pub struct Colors {
    #[serde(deserialize_with = "color::checked")]
    pub blazing: String,
    #[serde(deserialize_with = "color::checked")]
    pub warm: String,
    #[serde(deserialize_with = "color::checked")]
    pub cooling: String,
    #[serde(deserialize_with = "color::checked")]
    pub cold: String,
    #[serde(deserialize_with = "color::checked")]
    pub out: String,
    #[serde(deserialize_with = "color::checked")]
    pub accent: String,
    #[serde(deserialize_with = "color::checked")]
    pub private: String,
    #[serde(deserialize_with = "color::checked")]
    pub muted: String,
}

impl Default for Colors {
    fn default() -> Self {
        let s = |c: &str| c.to_owned();
        Self {
            blazing: s("#ff5f1f"),
            warm: s("#ffaf00"),
            cooling: s("#87afd7"),
            cold: s("#5f87d7"),
            out: s("dark-gray"),
            accent: s("cyan"),
            private: s("magenta"),
            muted: s("gray"),
        }
    }
}

/// `[ui]`
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, expecting = "a [ui] table")]
pub struct Ui {
    /// Capture the mouse; off by default so the terminal's own selection keeps working.
    pub mouse: bool,
}

/// `[report]`: who the client's report says made it, and in which language. Empty texts are
/// left out of the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, expecting = "a [report] table")]
pub struct Report {
    pub author: String,
    pub company: String,
    /// A line at the foot of every report.
    pub footer: String,
    /// For clients without a language of their own (`client edit --lang`).
    pub lang: Lang,
}

/// A whole number within `lo..=hi`. Checking inside the visitor (rather than after
/// deserializing a u32) means `-5` gets the range message instead of "expected u32", and the
/// error carries the value's span. `what` names the quantity in messages.
struct Ranged {
    lo: i64,
    hi: i64,
    what: &'static str,
}

impl de::Visitor<'_> for Ranged {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} from {} to {}", self.what, self.lo, self.hi)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        if (self.lo..=self.hi).contains(&v) {
            Ok(v)
        } else {
            Err(E::custom(format!(
                "{v} is not allowed: expected {}",
                Expecting(&self)
            )))
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

/// `Display` for a visitor's `expecting`, to reuse it in the range message.
struct Expecting<'a, V>(&'a V);

impl<V: for<'de> de::Visitor<'de>> fmt::Display for Expecting<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

fn ranged<'de, D, T>(d: D, lo: i64, hi: i64, what: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64>,
{
    let v = d.deserialize_i64(Ranged { lo, hi, what })?;
    // Unreachable with sane bounds, but an error is better than a panic if they change.
    T::try_from(v).map_err(|_| de::Error::custom(format!("{v} does not fit {what}")))
}

fn cadence<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    ranged(d, 1, 3650, "a cadence in days")
}

fn delta<'de, D: Deserializer<'de>>(d: D) -> Result<i8, D::Error> {
    let (lo, hi) = (*TRUST_RANGE.start(), *TRUST_RANGE.end());
    ranged(d, lo.into(), hi.into(), "a trust movement")
}

fn minutes<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    ranged(d, 0, 43_200, "minutes per 30 days")
}

fn capacity<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    ranged(d, 1, 1000, "a number of active clients")
}

fn cache_mib<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    ranged(d, 1, 1024, "a cache size in MiB")
}

/// A half-life in days: more than 0, finite, at most 100 years. Integers are fine (`90`).
struct HalfLife;

impl de::Visitor<'_> for HalfLife {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a half-life in days, more than 0 and at most 36500")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        if v.is_finite() && v > 0.0 && v <= 36_500.0 {
            Ok(v)
        } else {
            Err(E::custom(format!(
                "{v} is not allowed: expected {}",
                Expecting(&self)
            )))
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        self.visit_f64(v as f64)
    }
}

fn half_life<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    d.deserialize_f64(HalfLife)
}
