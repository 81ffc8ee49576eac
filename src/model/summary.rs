//! The per-client summary, maintained on every write so that lists and the dashboard never scan
//! a timeline. `apply` and `unapply` are exact inverses for everything but "latest" fields,
//! which the store recomputes from the timeline when the latest event goes away.

use super::{agenda_mark, fold, AgendaMark, Event, EventId, Kind, Outcome, PersonId};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far back unbilled advice counts, and how far back the trust trend looks.
pub const ADVICE_WINDOW_DAYS: i64 = 30;
pub const TREND_WINDOW_DAYS: i64 = 30;
/// How far back contacts are kept one by one (capacity: who became active, after-hours work).
pub const CONTACT_WINDOW_DAYS: i64 = 30;
/// The start of a relationship whose promises "start small" counts.
pub const START_DAYS: i64 = 30;
/// The tag that marks recognising someone's contribution (besides a `win` with them).
pub const THANKS_TAG: &str = "thanks";

/// The trust score's scale: −10 (everything that moved trust lately went badly) to +10
/// (everything went well), 0 when good and bad balance or nothing is known yet.
pub const TRUST_SCALE: f64 = 10.0;
/// Movement the score assumes before any is recorded, half good, half bad: with it one +1
/// note scores +2, not +10, and the score grows towards ±10 only as evidence piles up.
pub const TRUST_PRIOR: f64 = 4.0;

/// A client's trust, kept as two decayed sums — good movement and bad movement, each losing
/// half its weight every half-life — exact under out-of-order writes: `good` and `bad` are
/// the sums as of `as_of`. The score is their balance on a fixed scale (see [`trust_score`]),
/// so logging more often adds confidence, not size: five +1 notes today score +5.6, one +2.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrustScore {
    /// Plain sum of the deltas of live events.
    pub raw: i64,
    /// Decayed sum of the positive deltas.
    pub good: f64,
    /// Decayed sum of the negative deltas' sizes.
    pub bad: f64,
    pub as_of: Option<DateTime<Utc>>,
}

/// The good and bad decayed sums at one moment.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TrustSums {
    pub good: f64,
    pub bad: f64,
}

impl TrustSums {
    /// Counts `delta` at `weight` (its decay; negative to take it back).
    pub fn count(&mut self, delta: i8, weight: f64) {
        let size = f64::from(delta.unsigned_abs()) * weight;
        if delta > 0 {
            self.good += size;
        } else {
            self.bad += size;
        }
    }

    /// The score these sums make: the only place the formula lives.
    pub fn score(self) -> f64 {
        // Removals leave float dust below zero; the sums are never truly negative.
        let (good, bad) = (self.good.max(0.0), self.bad.max(0.0));
        TRUST_SCALE * (good - bad) / (good + bad + TRUST_PRIOR)
    }
}

impl TrustScore {
    /// Adds the movement of an event at `at`.
    pub fn add(&mut self, delta: i8, at: DateTime<Utc>, half_life_days: f64) {
        self.raw += i64::from(delta);
        self.shift(delta, 1.0, at, half_life_days);
    }

    /// Takes back the movement of an event at `at` (the event is removed or replaced).
    pub fn take(&mut self, delta: i8, at: DateTime<Utc>, half_life_days: f64) {
        self.raw -= i64::from(delta);
        self.shift(delta, -1.0, at, half_life_days);
    }

    fn shift(&mut self, delta: i8, sign: f64, at: DateTime<Utc>, half_life_days: f64) {
        if delta == 0 {
            return;
        }
        let mut sums = TrustSums {
            good: self.good,
            bad: self.bad,
        };
        match self.as_of {
            Some(as_of) if at < as_of => sums.count(delta, sign * decay(as_of, at, half_life_days)),
            Some(as_of) => {
                let k = decay(at, as_of, half_life_days);
                (sums.good, sums.bad) = (sums.good * k, sums.bad * k);
                sums.count(delta, sign);
                self.as_of = Some(at);
            }
            None => {
                sums.count(delta, sign);
                self.as_of = Some(at);
            }
        }
        (self.good, self.bad) = (sums.good, sums.bad);
    }

    /// The decayed sums at `now`.
    pub fn sums_at(&self, now: DateTime<Utc>, half_life_days: f64) -> TrustSums {
        let k = match self.as_of {
            Some(as_of) if now > as_of => decay(now, as_of, half_life_days),
            _ => 1.0,
        };
        TrustSums {
            good: self.good * k,
            bad: self.bad * k,
        }
    }

    /// The score at `now`, on −10..+10.
    pub fn at(&self, now: DateTime<Utc>, half_life_days: f64) -> f64 {
        self.sums_at(now, half_life_days).score()
    }

    /// The score at `t` (at or before `now`), from the sums now and `moves`, which must hold
    /// every live movement in `(t, now]` (others are skipped): each sum at `t` is
    /// S(t) = k^(t−now) · (S(now) − Σ d·k^(now−tₑ)) over the movements after t. So a past
    /// score needs only the movements since, never the whole timeline.
    pub fn score_before(
        &self,
        moves: impl IntoIterator<Item = (DateTime<Utc>, i8)>,
        now: DateTime<Utc>,
        half_life_days: f64,
        t: DateTime<Utc>,
    ) -> f64 {
        let mut since = TrustSums::default();
        for (at, delta) in moves {
            if at > t && at <= now {
                since.count(delta, decay(now, at, half_life_days));
            }
        }
        self.back(since, now, half_life_days, t).score()
    }

    /// The sums at `t`, given `since`: the movements after `t`, weighed as at `now`.
    pub fn back(
        &self,
        since: TrustSums,
        now: DateTime<Utc>,
        half_life_days: f64,
        t: DateTime<Utc>,
    ) -> TrustSums {
        let current = self.sums_at(now, half_life_days);
        let k = decay(now, t, half_life_days);
        TrustSums {
            good: (current.good - since.good) / k,
            bad: (current.bad - since.bad) / k,
        }
    }
}

/// The factor a trust movement made at `then` keeps at `now`.
pub fn decay(now: DateTime<Utc>, then: DateTime<Utc>, half_life_days: f64) -> f64 {
    if half_life_days <= 0.0 {
        return 1.0;
    }
    // From milliseconds since the epoch: subtracting chrono times does calendar arithmetic,
    // several times the cost of the rest, for every recent movement of every client.
    let days = (now.timestamp_millis() - then.timestamp_millis()) as f64 / 86_400_000.0;
    // 0.5^x as exp2(-x): the same value, at a fraction of powf's cost (the clients pane
    // computes this for every recent trust movement of every client).
    (-days / half_life_days).exp2()
}

/// Unbilled advice within the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdviceEntry {
    pub event: EventId,
    pub at: DateTime<Utc>,
    pub minutes: u32,
}

/// A trust movement within the trend window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrustEntry {
    pub event: EventId,
    pub at: DateTime<Utc>,
    pub delta: i8,
}

/// A contact within the contact window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactEntry {
    pub event: EventId,
    pub at: DateTime<Utc>,
}

/// A promise made in the first days of the relationship, and how it ended (if it has).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarlyPromise {
    pub event: EventId,
    pub at: DateTime<Utc>,
    pub outcome: Option<Outcome>,
}

/// A promise not yet kept or broken.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenPromise {
    pub event: EventId,
    pub at: DateTime<Utc>,
    pub due: Option<NaiveDate>,
    pub text: String,
}

/// A follow-up not yet done: a reminder for its day, with its person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenFollowUp {
    pub event: EventId,
    pub at: DateTime<Utc>,
    /// The day it comes up on.
    pub on: NaiveDate,
    pub text: String,
    /// The first person named in it.
    pub person: Option<PersonId>,
}

/// What the lists need to know about a client, kept current on every write.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Summary {
    /// The latest contact (call, email, meeting, …), by the event's own time.
    pub last_contact: Option<DateTime<Utc>>,
    /// The latest event of any kind.
    pub last_event: Option<DateTime<Utc>>,
    pub last_contact_by_person: BTreeMap<PersonId, DateTime<Utc>>,
    /// Live (not removed) events.
    pub event_count: u64,
    pub trust: TrustScore,
    pub recent_advice: Vec<AdviceEntry>,
    /// Trust movements of the last 30 days, for the trend without reading the timeline.
    pub recent_trust: Vec<TrustEntry>,
    pub open_promises: Vec<OpenPromise>,
    /// When each person was last recognised: a `win` with them or a `#thanks` tag.
    pub last_thanks_by_person: BTreeMap<PersonId, DateTime<Utc>>,
    /// Contacts of the last `CONTACT_WINDOW_DAYS`, one by one.
    pub recent_contacts: Vec<ContactEntry>,
    /// The earliest live event: where the relationship starts, as far as the timeline knows.
    pub first_event: Option<DateTime<Utc>>,
    /// Promises made within `START_DAYS` of `first_event`.
    pub early_promises: Vec<EarlyPromise>,
    /// Agenda items snoozed or dismissed, by item id: the latest mark of each.
    pub agenda_marks: BTreeMap<String, AgendaMark>,
    /// Follow-ups (notes with a follow day), by day; done ones stay here, hidden by their mark
    /// as a dismissal is, so removing the "done" note brings the item back.
    pub open_follow_ups: Vec<OpenFollowUp>,
}

impl Summary {
    /// Folds a live event in. `now` bounds the advice window.
    pub fn apply(&mut self, event: &Event, now: DateTime<Utc>, half_life_days: f64) {
        self.event_count += 1;
        self.trust.add(event.trust, event.at, half_life_days);
        self.last_event = self.last_event.max(Some(event.at));
        self.apply_start(event);
        if is_thanks(event) {
            for person in &event.people {
                let last = self
                    .last_thanks_by_person
                    .entry(*person)
                    .or_insert(event.at);
                *last = (*last).max(event.at);
            }
        }
        if event.is_contact() && event.at > now - Duration::days(CONTACT_WINDOW_DAYS) {
            self.recent_contacts.push(ContactEntry {
                event: event.id,
                at: event.at,
            });
        }
        if event.is_contact() {
            self.last_contact = self.last_contact.max(Some(event.at));
            for person in &event.people {
                let last = self
                    .last_contact_by_person
                    .entry(*person)
                    .or_insert(event.at);
                *last = (*last).max(event.at);
            }
        }
        if event.trust != 0 && event.at > now - Duration::days(TREND_WINDOW_DAYS) {
            self.recent_trust.push(TrustEntry {
                event: event.id,
                at: event.at,
                delta: event.trust,
            });
        }
        let minutes = event.unbilled_advice_minutes();
        if minutes > 0 && event.at > now - Duration::days(ADVICE_WINDOW_DAYS) {
            self.recent_advice.push(AdviceEntry {
                event: event.id,
                at: event.at,
                minutes,
            });
        }
        if event.is_open_promise() {
            self.add_open_promise(event);
        }
        if let Some((item, mark)) = agenda_mark(event) {
            self.apply_mark(item, mark);
        }
        if event.is_follow_up() {
            self.add_follow_up(event);
        }
        self.prune(now);
    }

    /// Keeps `mark` unless a later note marked the item already (out-of-order writes).
    fn apply_mark(&mut self, item: String, mark: AgendaMark) {
        if self
            .agenda_marks
            .get(&item)
            .is_none_or(|held| held.at <= mark.at)
        {
            self.agenda_marks.insert(item, mark);
        }
    }

    /// Lists `event` among the open promises, in due-day order. The id breaks ties (promises
    /// made in one call share its time): the order folded here is the order a rebuild finds,
    /// whichever was written first.
    pub fn add_open_promise(&mut self, event: &Event) {
        self.open_promises.push(OpenPromise {
            event: event.id,
            at: event.at,
            due: event.promise.as_ref().and_then(|p| p.due),
            text: event.text.clone(),
        });
        self.open_promises.sort_by_key(|p| (p.due, p.at, p.event));
    }

    /// Lists the follow-up `event`, in day order.
    pub fn add_follow_up(&mut self, event: &Event) {
        let Some(on) = event.follow else { return };
        self.open_follow_ups.push(OpenFollowUp {
            event: event.id,
            at: event.at,
            on,
            text: event.text.clone(),
            person: event.people.first().copied(),
        });
        self.open_follow_ups.sort_by_key(|f| (f.on, f.at));
    }

    /// Takes a live event back out. Returns true when a "latest" field pointed at it and the
    /// caller must recompute those from the timeline (see `Store`).
    pub fn unapply(&mut self, event: &Event, half_life_days: f64) -> bool {
        self.event_count = self.event_count.saturating_sub(1);
        self.trust.take(event.trust, event.at, half_life_days);
        self.recent_advice.retain(|a| a.event != event.id);
        self.recent_trust.retain(|t| t.event != event.id);
        self.open_promises.retain(|p| p.event != event.id);
        self.open_follow_ups.retain(|f| f.event != event.id);
        self.recent_contacts.retain(|c| c.event != event.id);
        self.early_promises.retain(|p| p.event != event.id);
        let before = self.agenda_marks.len();
        self.agenda_marks.retain(|_, m| m.event != event.id);
        // An earlier mark of the same item may be in force again: the timeline knows.
        let was_mark = self.agenda_marks.len() != before;
        let was_latest = was_mark
            || self.last_event == Some(event.at)
            || self.first_event == Some(event.at)
            || (is_thanks(event)
                && event
                    .people
                    .iter()
                    .any(|p| self.last_thanks_by_person.get(p) == Some(&event.at)))
            || (event.is_contact()
                && (self.last_contact == Some(event.at)
                    || event
                        .people
                        .iter()
                        .any(|p| self.last_contact_by_person.get(p) == Some(&event.at))));
        was_latest
    }

    /// Whether `new`, replacing `old`, holds every "latest" place `old` held (same moment,
    /// still contact and thanks where it was, the same people and more), so that `unapply`
    /// of `old` then `apply` of `new` leave them exact with no rebuild: an edit of the text,
    /// trust or tags of the latest call reads no timeline.
    pub fn holds_latest_of(new: &Event, old: &Event) -> bool {
        new.is_live()
            && new.at == old.at
            && (!old.is_contact() || new.is_contact())
            && (!is_thanks(old) || is_thanks(new))
            && old.people.iter().all(|p| new.people.contains(p))
    }

    /// Forgets advice and trust movements that have left their windows.
    pub fn prune(&mut self, now: DateTime<Utc>) {
        let start = now - Duration::days(ADVICE_WINDOW_DAYS);
        self.recent_advice.retain(|a| a.at > start);
        let start = now - Duration::days(TREND_WINDOW_DAYS);
        self.recent_trust.retain(|t| t.at > start);
        let start = now - Duration::days(CONTACT_WINDOW_DAYS);
        self.recent_contacts.retain(|c| c.at > start);
    }

    /// Keeps `first_event` and the promises of the first `START_DAYS` after it. An earlier
    /// event only narrows the window, so nothing outside it was ever needed; a later first
    /// event (the first one removed) is `unapply`'s business: it asks for a rebuild.
    fn apply_start(&mut self, event: &Event) {
        if self.first_event.is_none_or(|first| event.at < first) {
            self.first_event = Some(event.at);
            let end = event.at + Duration::days(START_DAYS);
            self.early_promises.retain(|p| p.at < end);
        }
        let end = self
            .first_event
            .map(|first| first + Duration::days(START_DAYS));
        if let (Some(promise), Some(end)) = (&event.promise, end) {
            if event.at < end {
                self.early_promises.push(EarlyPromise {
                    event: event.id,
                    at: event.at,
                    outcome: promise.outcome,
                });
                self.early_promises.sort_by_key(|p| (p.at, p.event));
            }
        }
    }

    /// The trust score as it was `TREND_WINDOW_DAYS` ago, derived from today's sums and the
    /// movements since (see [`TrustScore::score_before`]).
    pub fn trust_window_ago(&self, now: DateTime<Utc>, half_life_days: f64) -> f64 {
        let then = now - Duration::days(TREND_WINDOW_DAYS);
        let moves = self.recent_trust.iter().map(|t| (t.at, t.delta));
        self.trust.score_before(moves, now, half_life_days, then)
    }

    /// Unbilled advice minutes in the last 30 days before `now`.
    pub fn unbilled_advice_minutes(&self, now: DateTime<Utc>) -> u32 {
        let start = now - Duration::days(ADVICE_WINDOW_DAYS);
        self.recent_advice
            .iter()
            .filter(|a| a.at > start && a.at <= now)
            .map(|a| a.minutes)
            .sum()
    }

    /// Differences from another summary (used by `rapport check`), as readable lines.
    /// Scores are compared with a tolerance: they are floating point sums.
    pub fn drift_from(
        &self,
        expected: &Summary,
        now: DateTime<Utc>,
        half_life: f64,
    ) -> Vec<String> {
        let mut drift = Vec::new();
        let mut diff = |what: &str, have: String, want: String| {
            if have != want {
                drift.push(format!("{what}: stored {have}, timeline says {want}"));
            }
        };
        diff(
            "last contact",
            fmt_opt(self.last_contact),
            fmt_opt(expected.last_contact),
        );
        diff(
            "last event",
            fmt_opt(self.last_event),
            fmt_opt(expected.last_event),
        );
        diff(
            "per-person last contact",
            format!("{:?}", self.last_contact_by_person),
            format!("{:?}", expected.last_contact_by_person),
        );
        diff(
            "event count",
            self.event_count.to_string(),
            expected.event_count.to_string(),
        );
        diff(
            "trust (sum)",
            self.trust.raw.to_string(),
            expected.trust.raw.to_string(),
        );
        let (have, want) = (
            self.trust.at(now, half_life),
            expected.trust.at(now, half_life),
        );
        if (have - want).abs() > 1e-6 {
            diff("trust score", format!("{have:.3}"), format!("{want:.3}"));
        }
        diff(
            "unbilled advice minutes",
            self.unbilled_advice_minutes(now).to_string(),
            expected.unbilled_advice_minutes(now).to_string(),
        );
        let ids = |s: &Summary| s.open_promises.iter().map(|p| p.event).collect::<Vec<_>>();
        diff(
            "open promises",
            format!("{:?}", ids(self)),
            format!("{:?}", ids(expected)),
        );
        diff(
            "per-person recognition",
            format!("{:?}", self.last_thanks_by_person),
            format!("{:?}", expected.last_thanks_by_person),
        );
        diff(
            "first event",
            fmt_opt(self.first_event),
            fmt_opt(expected.first_event),
        );
        let recent = |s: &Summary| {
            let start = now - Duration::days(CONTACT_WINDOW_DAYS);
            let mut ids: Vec<_> = (s.recent_contacts.iter())
                .filter(|c| c.at > start && c.at <= now)
                .map(|c| c.event)
                .collect();
            ids.sort();
            format!("{ids:?}")
        };
        diff("recent contacts", recent(self), recent(expected));
        let follow = |s: &Summary| {
            let ids: Vec<_> = s.open_follow_ups.iter().map(|f| f.event).collect();
            format!("{ids:?}")
        };
        diff("follow-ups", follow(self), follow(expected));
        let early = |s: &Summary| format!("{:?}", s.early_promises);
        diff("early promises", early(self), early(expected));
        drift
    }
}

/// A `win` with someone, or anything tagged `#thanks`: their contribution was recognised.
pub fn is_thanks(event: &Event) -> bool {
    event.kind == Kind::Win
        || (event.tags.iter()).any(|t| fold(t.trim_start_matches('#')) == THANKS_TAG)
}

fn fmt_opt(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(|| "none".into(), |t| t.to_rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientId, Kind, PromiseInfo};
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0).unwrap()
    }

    fn event(kind: Kind, day: u32, trust: i8) -> Event {
        Event {
            id: EventId::new_at(at(day).timestamp_millis() as u64),
            client: ClientId::new_at(0),
            kind,
            at: at(day),
            trust,
            ..Event::default()
        }
    }

    #[test]
    fn trust_is_independent_of_write_order() {
        let events = [
            event(Kind::Win, 3, 2),
            event(Kind::Incident, 10, -1),
            event(Kind::Call, 1, 1),
        ];
        let mut forward = TrustScore::default();
        let mut backward = TrustScore::default();
        for e in &events {
            forward.add(e.trust, e.at, 30.0);
        }
        for e in events.iter().rev() {
            backward.add(e.trust, e.at, 30.0);
        }
        let now = at(20);
        assert!((forward.at(now, 30.0) - backward.at(now, 30.0)).abs() < 1e-9);
        assert_eq!(forward.raw, 2);
        // After one half-life the +2 from day 3 counts as +1.
        let mut single = TrustScore::default();
        single.add(2, at(3), 10.0);
        assert!((single.sums_at(at(13), 10.0).good - 1.0).abs() < 1e-9);
    }

    #[test]
    fn five_notes_today_score_less_than_five_times_one() {
        let score = |deltas: &[i8]| {
            let mut s = TrustScore::default();
            for &d in deltas {
                s.add(d, at(10), 90.0);
            }
            s.at(at(10), 90.0)
        };
        let one = score(&[1]);
        assert!(
            (one - 2.0).abs() < 1e-9,
            "one +1 note is a small positive: {one}"
        );
        let five = score(&[1; 5]);
        assert!(five < 3.0 * one, "five +1 notes: {five}, one: {one}");
        assert!(score(&[1; 500]) < TRUST_SCALE, "bounded");
        assert!(score(&[-3; 500]) > -TRUST_SCALE, "bounded below");
        assert_eq!(score(&[]), 0.0, "nothing known is 0");
        assert!(score(&[2, -2]).abs() < 1e-9, "good and bad balance at 0");
        // The balance, not the volume, sets the sign and most of the size.
        assert!(score(&[1; 50]) > 9.0 && score(&[[1, 1, 1, 1, -1]; 10].concat()) < 6.0);
    }

    #[test]
    fn take_reverses_add_in_either_order() {
        let mut s = TrustScore::default();
        s.add(2, at(3), 30.0);
        s.add(-3, at(8), 30.0);
        s.add(1, at(5), 30.0);
        s.take(-3, at(8), 30.0);
        s.take(2, at(3), 30.0);
        let mut only = TrustScore::default();
        only.add(1, at(5), 30.0);
        assert!((s.at(at(20), 30.0) - only.at(at(20), 30.0)).abs() < 1e-9);
        assert_eq!(s.raw, 1);
        s.take(1, at(5), 30.0);
        assert!(s.at(at(20), 30.0).abs() < 1e-9);
    }

    #[test]
    fn back_dated_contact_moves_last_contact_only_forward() {
        let mut s = Summary::default();
        s.apply(&event(Kind::Call, 10, 0), at(20), 90.0);
        s.apply(&event(Kind::Email, 5, 0), at(20), 90.0);
        assert_eq!(s.last_contact, Some(at(10)));
        s.apply(&event(Kind::Note, 15, 0), at(20), 90.0);
        assert_eq!(
            s.last_contact,
            Some(at(10)),
            "a note to self is not contact"
        );
        assert_eq!(s.last_event, Some(at(15)));
    }

    /// Two promises made in one call share its time and may share a due day: whichever is
    /// written first, the open list is in one order, the one a rebuild finds.
    #[test]
    fn open_promises_of_one_moment_have_one_order() {
        let promise = || {
            let mut p = event(Kind::Promise, 4, 0);
            p.promise = Some(PromiseInfo::default());
            p
        };
        let (a, b) = (promise(), promise());
        let ids = |first: &Event, second: &Event| {
            let mut s = Summary::default();
            s.apply(first, at(20), 90.0);
            s.apply(second, at(20), 90.0);
            s.open_promises.iter().map(|p| p.event).collect::<Vec<_>>()
        };
        assert_eq!(ids(&a, &b), ids(&b, &a));
    }

    #[test]
    fn unapply_reverses_apply_and_flags_latest() {
        let mut s = Summary::default();
        let mut promise = event(Kind::Promise, 4, 0);
        promise.promise = Some(PromiseInfo::default());
        let mut advice = event(Kind::Advice, 6, 1);
        advice.minutes = Some(45);
        let first = event(Kind::Note, 1, 0);
        s.apply(&first, at(20), 90.0);
        s.apply(&promise, at(20), 90.0);
        s.apply(&advice, at(20), 90.0);
        assert_eq!(s.open_promises.len(), 1);
        assert_eq!(s.early_promises.len(), 1);
        assert_eq!(s.unbilled_advice_minutes(at(20)), 45);
        assert!(s.unapply(&advice, 90.0), "advice was the latest event");
        assert!(!s.unapply(&promise, 90.0));
        assert!(s.early_promises.is_empty());
        assert!(s.unapply(&first, 90.0), "the first event went: rebuild");
        assert_eq!(s.event_count, 0);
        assert!(s.open_promises.is_empty());
        assert_eq!(s.unbilled_advice_minutes(at(20)), 0);
        assert!(s.trust.at(at(20), 90.0).abs() < 1e-9);
    }

    #[test]
    fn trust_a_month_ago_is_derived_exactly() {
        let now = at(1) + Duration::days(40);
        let mut all = Summary::default();
        let mut old = Summary::default();
        let early = event(Kind::Win, 2, 2);
        let late = event(Kind::Incident, 20, -1);
        for s in [&mut all, &mut old] {
            s.apply(&early, at(3), 45.0);
        }
        all.apply(&late, now, 45.0);
        let then = now - Duration::days(TREND_WINDOW_DAYS);
        let expected = old.trust.at(then, 45.0);
        assert!((all.trust_window_ago(now, 45.0) - expected).abs() < 1e-9);
    }

    #[test]
    fn recognition_and_recent_contacts_are_kept() {
        let anna = PersonId::new_at(1);
        let mut s = Summary::default();
        let mut win = event(Kind::Win, 3, 2);
        win.people.push(anna);
        let mut thanks = event(Kind::Note, 5, 0);
        thanks.people.push(anna);
        thanks.tags.push("#THANKS".into());
        let call = event(Kind::Call, 4, 1);
        for e in [&thanks, &win, &call] {
            s.apply(e, at(20), 90.0);
        }
        assert_eq!(s.last_thanks_by_person.get(&anna), Some(&at(5)));
        assert_eq!(s.recent_contacts.len(), 1);
        assert!(
            s.unapply(&thanks, 90.0),
            "the latest recognition went: rebuild"
        );
        assert!(s.unapply(&call, 90.0), "the only contact went: rebuild");
        assert!(s.recent_contacts.is_empty());
        // Contacts leave the window as time goes by.
        s.apply(&call, at(20), 90.0);
        s.prune(at(4) + Duration::days(CONTACT_WINDOW_DAYS));
        assert!(s.recent_contacts.is_empty());
    }

    #[test]
    fn advice_leaves_the_window() {
        let mut s = Summary::default();
        let mut advice = event(Kind::Advice, 1, 0);
        advice.minutes = Some(30);
        s.apply(&advice, at(2), 90.0);
        assert_eq!(s.unbilled_advice_minutes(at(2)), 30);
        let later = at(1) + Duration::days(ADVICE_WINDOW_DAYS);
        assert_eq!(s.unbilled_advice_minutes(later), 0);
    }

    #[test]
    fn advice_to_someone_named_is_contact_like_an_email() {
        let anna = PersonId::new_at(1);
        let mut s = Summary::default();
        let mut alone = event(Kind::Advice, 3, 0);
        alone.minutes = Some(20);
        s.apply(&alone, at(20), 90.0);
        assert_eq!(s.last_contact, None, "advice to nobody named is a note");
        let mut given = event(Kind::Advice, 5, 0);
        given.people.push(anna);
        s.apply(&given, at(20), 90.0);
        assert_eq!(s.last_contact, Some(at(5)));
        assert_eq!(s.last_contact_by_person.get(&anna), Some(&at(5)));
        assert_eq!(s.recent_contacts.len(), 1);
        assert!(s.unapply(&given, 90.0), "the latest contact went: rebuild");
    }
}
