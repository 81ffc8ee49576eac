//! Free advice: unbilled advice minutes over the last 30 days against a threshold. Past it,
//! the nudge is to name a price or ask for prepayment — generosity that never ends turns into
//! an expectation.

use crate::model::Summary;
use chrono::{DateTime, Utc};

/// Unbilled advice at or over the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdviceNudge {
    /// Unbilled advice minutes in the last 30 days.
    pub minutes: u32,
    pub threshold: u32,
}

/// A nudge when the last 30 days hold `threshold` unbilled advice minutes or more (and some:
/// a threshold of 0 means any unbilled advice).
pub fn advice_nudge(summary: &Summary, now: DateTime<Utc>, threshold: u32) -> Option<AdviceNudge> {
    let minutes = summary.unbilled_advice_minutes(now);
    (minutes > 0 && minutes >= threshold).then_some(AdviceNudge { minutes, threshold })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::fixture::{days_ago, event, now, summary_of};
    use crate::model::Kind;

    fn advice(days: i64, minutes: u32, billed: bool) -> crate::model::Event {
        let mut e = event(Kind::Advice, days_ago(days), 1);
        e.minutes = Some(minutes);
        e.billed = billed;
        e
    }

    #[test]
    fn nudges_at_the_threshold_counting_unbilled_minutes_of_30_days() {
        let summary = summary_of(&[
            advice(2, 60, false),
            advice(10, 60, false),
            advice(12, 500, true),
            advice(31, 500, false),
        ]);
        assert_eq!(
            advice_nudge(&summary, now(), 120),
            Some(AdviceNudge {
                minutes: 120,
                threshold: 120
            })
        );
        assert_eq!(advice_nudge(&summary, now(), 121), None);
        // Three weeks later the older hour has left the window.
        let later = now() + chrono::Duration::days(21);
        assert_eq!(advice_nudge(&summary, later, 61), None);
        assert_eq!(advice_nudge(&summary, later, 60).unwrap().minutes, 60);
    }

    #[test]
    fn a_zero_threshold_nudges_on_any_but_not_on_none() {
        assert_eq!(advice_nudge(&summary_of(&[]), now(), 0), None);
        let summary = summary_of(&[advice(1, 5, false)]);
        assert!(advice_nudge(&summary, now(), 0).is_some());
    }
}
