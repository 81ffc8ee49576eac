//! Trust: the bounded score the store keeps in the summary (see
//! [`TrustScore`](crate::model::TrustScore) for the formula), which way it went lately, how it
//! went day by day over a period (for the chart) and which events moved it.
//!
//! The score in the past is derived from today's sums and the movements since, exactly (see
//! [`TrustScore::score_before`]). So a period's chart needs only that period's events, never
//! the whole timeline.

use crate::model::{summary_decay as decay, Event, EventId, Kind, Summary, TrustScore, TrustSums};
use chrono::{DateTime, Duration, Utc};

/// Which way trust went over the last 30 days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Flat,
    Down,
}

/// Changes of the score (on −10..+10) over 30 days smaller than this read as steady. Small:
/// a score high up the scale moves little for one more good event (a kept promise at +6.6
/// adds about +0.2), and that should still show.
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

/// The movements of `events` as the chart takes them: (time, delta) of the live ones.
pub fn movements(events: &[Event]) -> Vec<(DateTime<Utc>, i8)> {
    (events.iter())
        .filter(|e| e.is_live() && e.trust != 0)
        .map(|e| (e.at, e.trust))
        .collect()
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
    let moves = moves(events, t, now).map(|e| (e.at, e.trust));
    score.score_before(moves, now, half_life_days, t)
}

/// The score once a day for `days` days, oldest first, the last one at `now`. `moves` must
/// hold every live movement of the period (any order; older ones do no harm). One pass over
/// the movements, newest first, rather than one per day.
pub fn daily(
    score: &TrustScore,
    moves: &[(DateTime<Utc>, i8)],
    now: DateTime<Utc>,
    half_life_days: f64,
    days: usize,
) -> Vec<f64> {
    let mut moves: Vec<_> = moves.iter().filter(|(at, _)| *at <= now).collect();
    moves.sort_by_key(|m| std::cmp::Reverse(m.0));
    let mut moves = moves.into_iter().peekable();
    let mut since = TrustSums::default();
    let mut scores: Vec<f64> = (0..days as i64)
        .map(|days_ago| {
            let t = now - Duration::days(days_ago);
            while let Some((at, delta)) = moves.next_if(|(at, _)| *at > t) {
                since.count(*delta, decay(now, *at, half_life_days));
            }
            score.back(since, now, half_life_days, t).score()
        })
        .collect();
    scores.reverse();
    scores
}

/// The daily scores of the whole days between `since` and `now`, the last at `now` (the first
/// a day after `since`; 90 for a period of 90 days, as the dashboard's chart), with their
/// times. `events` must hold every live event after `since`.
pub fn series(
    score: &TrustScore,
    events: &[Event],
    now: DateTime<Utc>,
    half_life_days: f64,
    since: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, f64)> {
    let days = (now - since).num_days().max(1) as usize;
    let scores = daily(score, &movements(events), now, half_life_days, days);
    let first = now - Duration::days(days as i64 - 1);
    (scores.into_iter().enumerate())
        .map(|(i, s)| (first + Duration::days(i as i64), s))
        .collect()
}

/// Daily scores put into at most `width` columns of whole days each (the newest column ends
/// today; the oldest may hold fewer days), and the scale they are drawn on.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// The mean score of each column, oldest first.
    pub columns: Vec<f64>,
    pub days_per_column: usize,
    /// The lowest and highest daily scores.
    pub low: f64,
    pub high: f64,
}

/// The smallest span of scores a chart spreads over its height: a flatter series is drawn
/// flat at mid-height instead of having its rounding noise blown up to full height.
const MIN_SPAN: f64 = 0.5;

impl Chart {
    pub fn new(daily: &[f64], width: usize) -> Self {
        let per = daily.len().div_ceil(width.max(1)).max(1);
        let columns = (daily.rchunks(per).rev())
            .map(|days| days.iter().sum::<f64>() / days.len() as f64)
            .collect();
        let low = daily.iter().copied().fold(f64::INFINITY, f64::min);
        let high = daily.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (low, high) = if daily.is_empty() {
            (0.0, 0.0)
        } else {
            (low, high)
        };
        Chart {
            columns,
            days_per_column: per,
            low,
            high,
        }
    }

    /// Each column's height in `1..=top` steps: the low day one step, never nothing, so a
    /// column is never blank; a flat series all at the middle.
    pub fn heights(&self, top: u64) -> Vec<u64> {
        let mid = (self.low + self.high) / 2.0;
        let half = ((self.high - self.low) / 2.0).max(MIN_SPAN / 2.0);
        let steps = top.saturating_sub(1) as f64;
        // Rounded down (the top step for the high day itself, hence the hair added): a flat
        // series then sits at a half step, where no float noise can tip it either way.
        (self.columns.iter())
            .map(|v| 1 + ((v - (mid - half)) / (2.0 * half) * steps + 1e-6).floor() as u64)
            .collect()
    }

    /// Whether the scores barely moved: too little to tell a high from a low at one decimal.
    pub fn is_flat(&self) -> bool {
        self.high - self.low < 0.05
    }

    /// The scale, for a label: `+3.2 max / -1.0 min`, or `flat at +2.0`.
    pub fn scale(&self) -> String {
        if self.is_flat() {
            format!("flat at {:+.1}", self.high)
        } else {
            format!("{:+.1} max / {:+.1} min", self.high, self.low)
        }
    }

    /// How much each column holds: `1 day a column`, `2 days a column`.
    pub fn per_column(&self) -> String {
        match self.days_per_column {
            1 => "1 day a column".into(),
            n => format!("{n} days a column"),
        }
    }
}

/// An event that moved trust, and how much of it is left today.
#[derive(Clone, Debug, PartialEq)]
pub struct Mover {
    pub event: EventId,
    pub at: DateTime<Utc>,
    pub kind: Kind,
    pub text: String,
    pub delta: i8,
    /// What is left of the movement today, after decay (it counts into the good or the bad
    /// sum, whose balance is the score).
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
    fn the_series_matches_the_score_replayed_at_each_day() {
        let events = [
            event(Kind::Win, days_ago(80), 2),
            event(Kind::Incident, days_ago(40), -2),
            event(Kind::Call, days_ago(10), 1),
            event(Kind::Call, days_ago(200), 3),
        ];
        let summary = summary_of(&events);
        let points = series(&summary.trust, &events, now(), 90.0, days_ago(90));
        assert_eq!(points.len(), 90, "every day of the period, today the last");
        assert_eq!(points[0].0, days_ago(89));
        assert_eq!(points[89].0, now());
        for (t, value) in points {
            let mut replay = TrustScore::default();
            for e in events.iter().filter(|e| e.at <= t) {
                replay.add(e.trust, e.at, 90.0);
            }
            assert!((replay.at(t, 90.0) - value).abs() < 1e-9, "at {t}");
            assert!(value.abs() < 10.0);
        }
    }

    #[test]
    fn the_chart_covers_every_day_at_any_width() {
        let daily: Vec<f64> = (0..90).map(f64::from).collect();
        for (width, per, columns) in [
            (160, 1, 90),
            (90, 1, 90),
            (89, 2, 45),
            (46, 2, 45),
            (30, 3, 30),
            (20, 5, 18),
        ] {
            let chart = Chart::new(&daily, width);
            assert_eq!(
                (chart.days_per_column, chart.columns.len()),
                (per, columns),
                "{width}"
            );
            assert!(chart.columns.len() <= width);
            // The newest column ends today: its mean is of the last `per` days.
            let newest = (90 - per..90).map(|d| d as f64).sum::<f64>() / per as f64;
            assert_eq!(*chart.columns.last().unwrap(), newest, "{width}");
        }
        assert_eq!(Chart::new(&daily, 46).scale(), "+89.0 max / +0.0 min");
        assert_eq!(Chart::new(&daily, 46).per_column(), "2 days a column");
    }

    #[test]
    fn a_flat_series_draws_flat_and_a_moving_one_spans_the_height() {
        let flat = Chart::new(&[0.0; 90], 45);
        let heights = flat.heights(16);
        assert!(heights.iter().all(|&h| h == heights[0]), "{heights:?}");
        assert!((6..=10).contains(&heights[0]), "at mid-height: {heights:?}");
        assert_eq!(flat.scale(), "flat at +0.0");
        // Rounding noise is no movement.
        let noise: Vec<f64> = (0..90).map(|d| f64::from(d % 2) * 1e-7).collect();
        let heights = Chart::new(&noise, 90).heights(16);
        assert!(heights.iter().all(|&h| h == heights[0]), "{heights:?}");
        let rising: Vec<f64> = (0..90).map(|d| f64::from(d) / 10.0).collect();
        let heights = Chart::new(&rising, 90).heights(16);
        assert_eq!(
            (heights[0], heights[89]),
            (1, 16),
            "low day one step, never blank"
        );
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
        );
        events.push(event(Kind::Win, days_ago(25), 2));
        let after = series(
            &summary_of(&events).trust,
            &events,
            now(),
            90.0,
            days_ago(30),
        );
        assert!(
            before[0].1.abs() < 1e-9 && after[0].1.abs() < 1e-9,
            "nothing before"
        );
        assert!(
            after[15].1 > before[15].1 + 1.0,
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
