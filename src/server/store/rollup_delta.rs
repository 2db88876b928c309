//! Rollups kept up to date by what an import adds, instead of rebuilt from the raw rows.
//!
//! A batch of new mentions changes `mention_daily` by a sum per key, gathered here for the whole
//! batch (its size bounded by days × platforms × markets × campaigns × sentiments, not by rows) and
//! added at the end; `mention_author_daily` gets the batch's author-days and its authors' links
//! again in SQL (`add_author_days` in `shared.rs`). The store tests compare both with a rebuild
//! from the raw rows. A batch that changes existing rows (or imports posts) rebuilds its span.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::ImportMention;

/// `mention_daily`'s key: brand, day, platform, market (both as indexes into `DailyDelta::names`,
/// so adding a row copies no string), campaign (0: none), sentiment.
type DailyKey = (i64, NaiveDate, u32, u32, i64, &'static str);

/// What a key gains: mentions, reach, likes, comments, shares, inquiries.
pub type DailySums = [i64; 6];

/// The additions to `mention_daily` of a batch of new mentions.
#[derive(Debug, Default)]
pub struct DailyDelta {
    sums: FxHashMap<DailyKey, DailySums>,
    /// Platform and market codes seen (a few dozen at most).
    names: Vec<String>,
}

/// One `mention_daily` key and what it gains.
pub struct DailyRow<'a> {
    pub brand_id: i64,
    pub day: NaiveDate,
    pub platform: &'a str,
    pub market: &'a str,
    pub campaign_id: i64,
    pub sentiment: &'static str,
    pub sums: DailySums,
}

impl DailyDelta {
    /// Adds one new mention with its effective sentiment (an import sets no inquiry flag: new
    /// rows have none).
    pub fn add(&mut self, m: &ImportMention, sentiment: &'static str) {
        let key = (
            m.brand_id,
            m.day,
            self.name(&m.platform),
            self.name(&m.market),
            m.campaign_id.unwrap_or(0),
            sentiment,
        );
        let s = self.sums.entry(key).or_default();
        s[0] += 1;
        s[1] += m.reach;
        s[2] += m.likes;
        s[3] += m.comments;
        s[4] += m.shares;
    }

    fn name(&mut self, code: &str) -> u32 {
        match self.names.iter().position(|n| n == code) {
            Some(at) => at as u32,
            None => {
                self.names.push(code.to_string());
                (self.names.len() - 1) as u32
            }
        }
    }

    /// Every key with its sums.
    pub fn rows(&self) -> Vec<DailyRow<'_>> {
        self.sums
            .iter()
            .map(|(&(brand_id, day, platform, market, campaign_id, sentiment), &sums)| DailyRow {
                brand_id,
                day,
                platform: &self.names[platform as usize],
                market: &self.names[market as usize],
                campaign_id,
                sentiment,
                sums,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn mention(
        platform: &str,
        campaign_id: Option<i64>,
        [reach, likes, comments, shares]: [i64; 4],
    ) -> ImportMention {
        ImportMention {
            brand_id: 1,
            platform: platform.into(),
            external_id: String::new(),
            author: String::new(),
            author_followers: 0,
            published_at: 0,
            day: d("2026-01-01"),
            market: "DE".into(),
            language: String::new(),
            text: String::new(),
            computed_score: None,
            computed_label: None,
            unscored_reason: None,
            imported_label: None,
            reach,
            likes,
            comments,
            shares,
            campaign_id,
        }
    }

    #[test]
    fn daily_sums_add_up_per_key() {
        let mut delta = DailyDelta::default();
        delta.add(&mention("x", None, [100, 1, 2, 3]), "positive");
        delta.add(&mention("x", None, [50, 0, 0, 1]), "positive");
        delta.add(&mention("x", Some(4), [7, 0, 0, 0]), "positive");
        delta.add(&mention("instagram", None, [9, 0, 0, 0]), "negative");
        let mut rows: Vec<(&str, &str, i64, &str, DailySums)> = delta
            .rows()
            .into_iter()
            .map(|r| (r.platform, r.market, r.campaign_id, r.sentiment, r.sums))
            .collect();
        rows.sort_unstable();
        assert_eq!(
            rows,
            vec![
                ("instagram", "DE", 0, "negative", [1, 9, 0, 0, 0, 0]),
                ("x", "DE", 0, "positive", [2, 150, 1, 2, 4, 0]),
                ("x", "DE", 4, "positive", [1, 7, 0, 0, 0, 0]),
            ]
        );
    }
}
