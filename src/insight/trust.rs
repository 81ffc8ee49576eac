//! Trust: the decayed sum of event trust movements (the store keeps it in the summary), which
//! way it went lately, how it went over a period (for the chart), and which events moved it.
//!
//! The score in the past is derived from today's score and the movements since, exactly:
//! S(t) = k^(t−now) · (S(now) − Σ d·k^(now−tₑ)) over the events after t, k the decay per day.
//! So a period's chart needs only that period's events, never the whole timeline.

use crate::model::{summary_decay as decay, Event, EventId, Kind, Summary, TrustScore};
use chrono::{DateTime, Utc};

/// Which way trust went over the last 30 days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Flat,
    Down,
}

/// Movements smaller than this are noise.
const TREND_STEP: f64 = 0.25;

pub fn trust_trend(summary: &Summary, now: DateTime<Utc>, half_life_days: f64) -> Trend {
    let change =
        summary.trust.at(now, half_life_days) - summary.trust_window_ago(now, half_life_days);
    if change > TREND_STEP {
        Trend::Up
    } else if change < -TREND_STEP {
        Trend::Down
    } else {
        Trend::Flat
    }
}

/// Live trust movements in `(since, now]`.
fn moves(
    events: &[Event],
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> impl Iterator<Item = &Event> {
    events
        .iter()
        .filter(move |e| e.is_live() && e.trust != 0 && e.at > since && e.at <= now)
}

/// The score at `t` (at or before `now`), from the score now and `events`, which must hold
/// every live event after `t` (more do no harm).
pub fn score_at(
    score: &TrustScore,
    events: &[Event],
    now: DateTime<Utc>,
    half_life_days: f64,
    t: DateTime<Utc>,
) -> f64 {
    let since: f64 = moves(events, t, now)
        .map(|e| f64::from(e.trust) * decay(now, e.at, half_life_days))
        .sum();
    (score.at(now, half_life_days) - since) / decay(now, t, half_life_days)
}

/// The score at `samples` evenly spaced times from `since` to `now` (both included), for a
/// chart. `events` must hold every live event after `since`.
pub fn series(
    score: &TrustScore,
    events: &[Event],
    now: DateTime<Utc>,
    half_life_days: f64,
    since: DateTime<Utc>,
    samples: usize,
) -> Vec<(DateTime<Utc>, f64)> {
    let samples = samples.max(2);
    let span = now - since;
    (0..samples)
        .map(|i| {
            let t = since + span * i as i32 / (samples - 1) as i32;
            (t, score_at(score, events, now, half_life_days, t))
        })
        .collect()
}

/// An event that moved trust, and how much of it is left today.
#[derive(Clone, Debug, PartialEq)]
pub struct Mover {
    pub event: EventId,
    pub at: DateTime<Utc>,
    pub kind: Kind,
    pub text: String,
    pub delta: i8,
    /// What the movement still adds to today's score after decay.
    pub weight_now: f64,
}

/// The events in `(since, now]` that moved trust, the largest (by what they still weigh
/// today) first; among equals the latest first.
pub fn explain(
    events: &[Event],
    now: DateTime<Utc>,
    half_life_days: f64,
    since: DateTime<Utc>,
) -> Vec<Mover> {
    let mut movers: Vec<Mover> = moves(events, since, now)
        .map(|e| Mover {
            event: e.id,
            at: e.at,
            kind: e.kind,
            text: e.text.clone(),
            delta: e.trust,
            weight_now: f64::from(e.trust) * decay(now, e.at, half_life_days),
        })
        .collect();
    movers
        .sort_by(|a, b| (b.weight_now.abs().total_cmp(&a.weight_now.abs())).then(b.at.cmp(&a.at)));
    movers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::fixture::{days_ago, event, now, summary_of};

    #[test]
    fn the_series_matches_the_score_replayed_at_each_sample() {
        let events = [
            event(Kind::Win, days_ago(80), 2),
            event(Kind::Incident, days_ago(40), -2),
            event(Kind::Call, days_ago(10), 1),
            event(Kind::Call, days_ago(200), 3),
        ];
        let summary = summary_of(&events);
        let points = series(&summary.trust, &events, now(), 90.0, days_ago(90), 10);
        assert_eq!(points.len(), 10);
        assert_eq!(points[0].0, days_ago(90));
        assert_eq!(points[9].0, now());
        for (t, value) in points {
            let mut replay = TrustScore::default();
            for e in events.iter().filter(|e| e.at <= t) {
                replay.add(e.trust, e.at, 90.0);
            }
            assert!((replay.at(t, 90.0) - value).abs() < 1e-9, "at {t}");
        }
    }

    #[test]
    fn explain_ranks_by_what_is_left_today_and_skips_removed_and_old() {
        let old_big = event(Kind::Win, days_ago(100), 3);
        let mut removed = event(Kind::Incident, days_ago(5), -3);
        removed.deleted = Some(days_ago(1));
        let events = [
            old_big,
            removed,
            event(Kind::Incident, days_ago(60), -3),
            event(Kind::Call, days_ago(2), 1),
            event(Kind::Favor, days_ago(1), 2),
            event(Kind::Note, days_ago(1), 0),
        ];
        let movers = explain(&events, now(), 30.0, days_ago(90));
        let kinds: Vec<_> = movers.iter().map(|m| (m.kind, m.delta)).collect();
        assert_eq!(
            kinds,
            [(Kind::Favor, 2), (Kind::Call, 1), (Kind::Incident, -3)]
        );
        // Two half-lives ago, -3 weighs -0.75.
        assert!((movers[2].weight_now + 0.75).abs() < 1e-9);
    }

    #[test]
    fn a_back_dated_event_changes_the_past_of_the_series() {
        let mut events = vec![event(Kind::Call, days_ago(10), 1)];
        let before = series(
            &summary_of(&events).trust,
            &events,
            now(),
            90.0,
            days_ago(30),
            3,
        );
        events.push(event(Kind::Win, days_ago(25), 2));
        let after = series(
            &summary_of(&events).trust,
            &events,
            now(),
            90.0,
            days_ago(30),
            3,
        );
        assert!(
            before[0].1.abs() < 1e-9 && after[0].1.abs() < 1e-9,
            "nothing before"
        );
        assert!(
            after[1].1 > before[1].1 + 1.0,
            "the win counts from day 25 on"
        );
    }

    #[test]
    fn trend_follows_the_last_month() {
        let up = summary_of(&[event(Kind::Win, days_ago(3), 2)]);
        assert_eq!(trust_trend(&up, now(), 90.0), Trend::Up);
        let down = summary_of(&[
            event(Kind::Win, days_ago(60), 2),
            event(Kind::Incident, days_ago(3), -2),
        ]);
        assert_eq!(trust_trend(&down, now(), 90.0), Trend::Down);
        let flat = summary_of(&[event(Kind::Call, days_ago(200), 1)]);
        assert_eq!(trust_trend(&flat, now(), 90.0), Trend::Flat);
    }
}
