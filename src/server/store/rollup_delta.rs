//! Rollups kept up to date by what an import adds, instead of rebuilt from the raw rows.
//!
//! A batch of new mentions changes `mention_daily` by a sum per key, gathered here for the whole
//! batch (its size bounded by days × platforms × markets × campaigns × sentiments, not by rows) and
//! added at the end; `mention_author_daily` gets the batch's author-days and its authors' links
//! again in SQL (`add_author_days` in `shared.rs`). The store tests compare both with a rebuild
//! from the raw rows. A batch that changes existing rows (or imports posts) rebuilds its span.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// `mention_daily`'s key: brand, day, platform, market, campaign (0: none), sentiment.
pub type DailyKey = (i64, NaiveDate, String, String, i64, &'static str);

/// What a key gains: mentions, reach, likes, comments, shares, inquiries.
pub type DailySums = [i64; 6];

/// The additions to `mention_daily` of a batch of new mentions.
#[derive(Debug, Default)]
pub struct DailyDelta {
    pub sums: FxHashMap<DailyKey, DailySums>,
}

impl DailyDelta {
    /// Adds one new mention (an import sets no inquiry flag: new rows have none).
    pub fn add(&mut self, key: DailyKey, reach: i64, likes: i64, comments: i64, shares: i64) {
        let s = self.sums.entry(key).or_default();
        s[0] += 1;
        s[1] += reach;
        s[2] += likes;
        s[3] += comments;
        s[4] += shares;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn daily_sums_add_up_per_key() {
        let mut delta = DailyDelta::default();
        let key = (1, d("2026-01-01"), "x".to_string(), "DE".to_string(), 0, "positive");
        delta.add(key.clone(), 100, 1, 2, 3);
        delta.add(key.clone(), 50, 0, 0, 1);
        assert_eq!(delta.sums[&key], [2, 150, 1, 2, 4, 0]);
    }
}
