//! Spikes: days on which a daily count stands far above its own recent past — the rule behind
//! the executive summary's crisis moments (and the alerts to come). Pure, no server types.
//!
//! A day is a spike when its count is at least `min_count` and exceeds the mean of the
//! `baseline_days` days before it by more than `k` standard deviations (population standard
//! deviation of those days). Consecutive spike days are one moment.

use chrono::{Days, NaiveDate};

/// The rule's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpikeRule {
    /// Days before a day that make its baseline.
    pub baseline_days: usize,
    /// Standard deviations above the baseline's mean.
    pub k: f64,
    /// The fewest mentions a spike can have (a quiet market's 3 after 0 is no crisis).
    pub min_count: i64,
}

impl SpikeRule {
    /// The summary's rule: a week's baseline, three standard deviations, at least 20.
    pub const DEFAULT: SpikeRule = SpikeRule { baseline_days: 7, k: 3.0, min_count: 20 };

    /// The rule in words, for the page.
    pub fn describe(&self) -> String {
        format!(
            "a day with at least {} negative mentions, more than {} standard deviations above the mean of the {} days before it",
            self.min_count, self.k, self.baseline_days
        )
    }
}

/// Consecutive spike days of one series.
#[derive(Debug, Clone, PartialEq)]
pub struct Moment {
    pub first_day: NaiveDate,
    pub days: u32,
    /// The day with the largest excess over its baseline, its count and its baseline mean.
    pub peak_day: NaiveDate,
    pub peak: i64,
    pub expected: f64,
}

impl Moment {
    /// How far the peak stands above what was expected.
    pub fn excess(&self) -> f64 {
        self.peak as f64 - self.expected
    }
}

/// Mean and standard deviation (population) of daily values.
pub fn mean_sd(values: &[i64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<i64>() as f64 / n;
    let var = values.iter().map(|v| (*v as f64 - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// The spike moments of a daily series: `counts[i]` is the count of `first + i` days. Days
/// with fewer than `baseline_days` days before them in the series are not judged.
pub fn moments(first: NaiveDate, counts: &[i64], rule: &SpikeRule) -> Vec<Moment> {
    let mut out: Vec<Moment> = Vec::new();
    let mut open = false;
    for i in rule.baseline_days.max(1)..counts.len() {
        let (mean, sd) = mean_sd(&counts[i - rule.baseline_days.max(1)..i]);
        let observed = counts[i];
        let spike = observed >= rule.min_count && observed as f64 > mean + rule.k * sd;
        let Some(day) = first.checked_add_days(Days::new(i as u64)) else { break };
        if !spike {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some(m) if open => {
                m.days += 1;
                if observed as f64 - mean > m.excess() {
                    (m.peak_day, m.peak, m.expected) = (day, observed, mean);
                }
            }
            _ => {
                out.push(Moment { first_day: day, days: 1, peak_day: day, peak: observed, expected: mean });
                open = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_jump_over_a_steady_week_is_one_moment_with_its_peak() {
        let counts = [10, 12, 9, 11, 10, 10, 12, 80, 120, 11, 10];
        let m = moments(d("2026-11-01"), &counts, &SpikeRule::DEFAULT);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].first_day, d("2026-11-08"));
        assert_eq!(m[0].days, 2);
        assert_eq!(m[0].peak, 120);
        assert_eq!(m[0].peak_day, d("2026-11-09"));
    }

    #[test]
    fn small_counts_and_noisy_baselines_are_not_spikes() {
        // 15 after zeros: above k sd, below the floor
        assert!(moments(d("2026-11-01"), &[0, 0, 0, 0, 0, 0, 0, 15], &SpikeRule::DEFAULT).is_empty());
        // 60 within a baseline that swings between 5 and 60
        let noisy = [5, 60, 5, 60, 5, 60, 5, 60];
        assert!(moments(d("2026-11-01"), &noisy, &SpikeRule::DEFAULT).is_empty());
        // too short to have a baseline
        assert!(moments(d("2026-11-01"), &[1, 500], &SpikeRule::DEFAULT).is_empty());
    }

    #[test]
    fn separate_jumps_are_separate_moments() {
        let counts = [10, 10, 10, 10, 10, 10, 10, 90, 10, 10, 10, 10, 10, 10, 10, 10, 95];
        let m = moments(d("2026-11-01"), &counts, &SpikeRule::DEFAULT);
        assert_eq!(m.iter().map(|m| m.first_day).collect::<Vec<_>>(), vec![d("2026-11-08"), d("2026-11-17")]);
    }
}
