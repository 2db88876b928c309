//! Pure KPI maths: every figure Resonance shows is defined here, once, from raw counts.
//!
//! The store sums raw counts over a period (from the daily rollups); these functions turn the
//! sums into KPIs. Rates are "sum then divide", never a mean of per-post ratios. A KPI whose
//! denominator is zero is `None` (shown as "—"), never NaN or infinity.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::{Bucket, Comparison, DateRange};

/// Every KPI the overview shows, as a closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kpi {
    Mentions,
    ShareOfVoice,
    NetSentiment,
    NetSentimentAll,
    PositiveShare,
    NeutralShare,
    NegativeShare,
    EarnedReach,
    EarnedMediaValue,
    Engagements,
    EngagementRateReach,
    EngagementRateImpressions,
}

/// How a KPI's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// A whole count: shown compact (1.2 k) with the exact figure on hover.
    Count,
    /// A percentage: change is shown in percentage points.
    Percent,
    /// A score from −100 to 100: change in points.
    Score,
    /// Money in the overview's currency; always an estimate.
    Money,
}

impl Kpi {
    /// The tiles of the overview, in reading order.
    pub const OVERVIEW: [Kpi; 12] = [
        Kpi::Mentions,
        Kpi::ShareOfVoice,
        Kpi::NetSentiment,
        Kpi::NetSentimentAll,
        Kpi::PositiveShare,
        Kpi::NeutralShare,
        Kpi::NegativeShare,
        Kpi::EarnedReach,
        Kpi::EarnedMediaValue,
        Kpi::Engagements,
        Kpi::EngagementRateReach,
        Kpi::EngagementRateImpressions,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kpi::Mentions => "Mentions",
            Kpi::ShareOfVoice => "Share of voice",
            Kpi::NetSentiment => "Net sentiment",
            Kpi::NetSentimentAll => "Net sentiment (all mentions)",
            Kpi::PositiveShare => "Positive",
            Kpi::NeutralShare => "Neutral",
            Kpi::NegativeShare => "Negative",
            Kpi::EarnedReach => "Earned audience reach",
            Kpi::EarnedMediaValue => "Earned media value (est.)",
            Kpi::Engagements => "Engagements",
            Kpi::EngagementRateReach => "Engagement rate (reach)",
            Kpi::EngagementRateImpressions => "Engagement rate (impressions)",
        }
    }

    /// The definition shown next to the number, so two readers agree on what it means.
    pub fn definition(self) -> &'static str {
        match self {
            Kpi::Mentions => "Earned mentions of the brand published in the period.",
            Kpi::ShareOfVoice => {
                "Brand mentions ÷ (brand + competitor mentions) × 100, same platforms, markets and dates."
            }
            Kpi::NetSentiment => {
                "(positive − negative) ÷ (positive + negative) × 100; neutral mentions excluded. Ranges from −100 to 100."
            }
            Kpi::NetSentimentAll => {
                "(positive − negative) ÷ all mentions × 100; neutral mentions count in the denominator."
            }
            Kpi::PositiveShare => "Positive mentions as % of all mentions.",
            Kpi::NeutralShare => "Neutral mentions as % of all mentions.",
            Kpi::NegativeShare => "Negative mentions as % of all mentions.",
            Kpi::EarnedReach => {
                "Sum of the followers of the authors of earned mentions, each author counted once in the period (with the followers of their first mention in it)."
            }
            Kpi::EarnedMediaValue => {
                "Estimate: mention reach ÷ 1000 × CPM + likes, comments and shares × value per action, per platform, from the rate card valid on each day."
            }
            Kpi::Engagements => {
                "Owned posts: reactions + comments + shares, plus saves and clicks where the platform reports them."
            }
            Kpi::EngagementRateReach => {
                "Owned posts: engagements ÷ reach × 100, summed over the period then divided."
            }
            Kpi::EngagementRateImpressions => {
                "Owned posts: engagements ÷ impressions × 100, summed over the period then divided."
            }
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            Kpi::Mentions | Kpi::EarnedReach | Kpi::Engagements => Unit::Count,
            Kpi::NetSentiment | Kpi::NetSentimentAll => Unit::Score,
            Kpi::EarnedMediaValue => Unit::Money,
            Kpi::ShareOfVoice
            | Kpi::PositiveShare
            | Kpi::NeutralShare
            | Kpi::NegativeShare
            | Kpi::EngagementRateReach
            | Kpi::EngagementRateImpressions => Unit::Percent,
        }
    }

    /// Whether a rise is good news (colours the change). `None`: neither.
    pub fn higher_is_better(self) -> Option<bool> {
        match self {
            Kpi::NegativeShare => Some(false),
            Kpi::NeutralShare => None,
            _ => Some(true),
        }
    }

    /// A stable token for tests and test ids.
    pub fn token(self) -> &'static str {
        match self {
            Kpi::Mentions => "mentions",
            Kpi::ShareOfVoice => "share-of-voice",
            Kpi::NetSentiment => "net-sentiment",
            Kpi::NetSentimentAll => "net-sentiment-all",
            Kpi::PositiveShare => "positive-share",
            Kpi::NeutralShare => "neutral-share",
            Kpi::NegativeShare => "negative-share",
            Kpi::EarnedReach => "earned-reach",
            Kpi::EarnedMediaValue => "earned-media-value",
            Kpi::Engagements => "engagements",
            Kpi::EngagementRateReach => "engagement-rate-reach",
            Kpi::EngagementRateImpressions => "engagement-rate-impressions",
        }
    }
}

/// `numerator / denominator × 100`, or `None` on a zero denominator.
pub fn percent(numerator: f64, denominator: f64) -> Option<f64> {
    let v = numerator / denominator * 100.0;
    (denominator != 0.0 && v.is_finite()).then_some(v)
}

/// Counts of mentions by effective sentiment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentimentCounts {
    pub positive: i64,
    pub neutral: i64,
    pub negative: i64,
}

impl SentimentCounts {
    pub fn total(&self) -> i64 {
        self.positive + self.neutral + self.negative
    }

    /// Talkwalker's net sentiment: neutrals excluded.
    pub fn net_sentiment(&self) -> Option<f64> {
        percent((self.positive - self.negative) as f64, (self.positive + self.negative) as f64)
    }

    /// Net sentiment with neutrals in the denominator.
    pub fn net_sentiment_all(&self) -> Option<f64> {
        percent((self.positive - self.negative) as f64, self.total() as f64)
    }

    /// Positive, neutral and negative as % of all mentions; they sum to 100.
    pub fn shares(&self) -> Option<SentimentShare> {
        let total = self.total() as f64;
        Some(SentimentShare {
            positive: percent(self.positive as f64, total)?,
            neutral: percent(self.neutral as f64, total)?,
            negative: percent(self.negative as f64, total)?,
        })
    }
}

impl std::ops::AddAssign for SentimentCounts {
    fn add_assign(&mut self, o: Self) {
        self.positive += o.positive;
        self.neutral += o.neutral;
        self.negative += o.negative;
    }
}

/// Sentiment share in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SentimentShare {
    pub positive: f64,
    pub neutral: f64,
    pub negative: f64,
}

/// Raw engagement counts of owned posts over a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostTotals {
    pub posts: i64,
    pub impressions: i64,
    pub reach: i64,
    pub reactions: i64,
    pub comments: i64,
    pub shares: i64,
    pub saves: i64,
    pub clicks: i64,
}

impl PostTotals {
    /// Reactions + comments + shares + saves + clicks.
    pub fn engagements(&self) -> i64 {
        self.reactions + self.comments + self.shares + self.saves + self.clicks
    }

    /// Engagements ÷ reach × 100, sum then divide.
    pub fn engagement_rate_reach(&self) -> Option<f64> {
        percent(self.engagements() as f64, self.reach as f64)
    }

    /// Engagements ÷ impressions × 100, sum then divide.
    pub fn engagement_rate_impressions(&self) -> Option<f64> {
        percent(self.engagements() as f64, self.impressions as f64)
    }
}

impl std::ops::AddAssign for PostTotals {
    fn add_assign(&mut self, o: Self) {
        self.posts += o.posts;
        self.impressions += o.impressions;
        self.reach += o.reach;
        self.reactions += o.reactions;
        self.comments += o.comments;
        self.shares += o.shares;
        self.saves += o.saves;
        self.clicks += o.clicks;
    }
}

/// Share of voice: brand ÷ all brands × 100.
pub fn share_of_voice(brand: i64, all_brands: i64) -> Option<f64> {
    percent(brand as f64, all_brands as f64)
}

/// Earned audience reach: each author's followers counted once, whatever their number of
/// mentions. `mentions` yields (author id, followers) in chronological order; an author counts
/// with the follower count of their first mention in the period.
pub fn earned_reach(mentions: impl IntoIterator<Item = (i64, i64)>) -> i64 {
    let mut first = std::collections::HashMap::new();
    for (author, followers) in mentions {
        first.entry(author).or_insert(followers);
    }
    first.values().sum()
}

/// What a rate card prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RateMetric {
    /// Cost per thousand impressions (mention reach stands in for impressions).
    Cpm,
    Like,
    Comment,
    Share,
}

impl RateMetric {
    pub fn token(self) -> &'static str {
        match self {
            RateMetric::Cpm => "cpm",
            RateMetric::Like => "like",
            RateMetric::Comment => "comment",
            RateMetric::Share => "share",
        }
    }

    pub fn from_token(token: &str) -> Option<RateMetric> {
        [RateMetric::Cpm, RateMetric::Like, RateMetric::Comment, RateMetric::Share]
            .into_iter()
            .find(|m| m.token() == token)
    }
}

/// One rate-card line: valid from its date until the next line for the same platform and metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateCardEntry {
    pub platform: String,
    pub metric: RateMetric,
    pub value: f64,
    pub valid_from: NaiveDate,
}

/// Earned counts of one platform on one day, the unit the rate card prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarnedDay {
    pub day: NaiveDate,
    pub platform: String,
    pub reach: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
}

/// The rate valid on `day` for (platform, metric): the line with the latest `valid_from` not after it.
pub fn rate_on(card: &[RateCardEntry], platform: &str, metric: RateMetric, day: NaiveDate) -> f64 {
    card.iter()
        .filter(|e| e.platform == platform && e.metric == metric && e.valid_from <= day)
        .max_by_key(|e| e.valid_from)
        .map_or(0.0, |e| e.value)
}

/// Earned media value: Σ reach ÷ 1000 × CPM + Σ actions × value per action, each day priced
/// by the rate card valid on that day. Platforms without a rate are worth 0 (stated in the UI).
pub fn earned_media_value(days: &[EarnedDay], card: &[RateCardEntry]) -> f64 {
    days.iter()
        .map(|d| {
            let rate = |m| rate_on(card, &d.platform, m, d.day);
            d.reach as f64 / 1000.0 * rate(RateMetric::Cpm)
                + d.likes as f64 * rate(RateMetric::Like)
                + d.comments as f64 * rate(RateMetric::Comment)
                + d.shares as f64 * rate(RateMetric::Share)
        })
        .sum()
}

/// The change of a KPI between the comparison period and the current one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// current − previous, in the KPI's unit (points for percentages and scores).
    pub absolute: f64,
    /// Relative change in %, `None` when the previous value is 0.
    pub relative: Option<f64>,
}

/// Change from `previous` to `current`; `None` when either is undefined.
pub fn change(current: Option<f64>, previous: Option<f64>) -> Option<Change> {
    let (c, p) = (current?, previous?);
    let absolute = c - p;
    absolute.is_finite().then(|| Change { absolute, relative: percent(absolute, p.abs()) })
}

/// The period the current one is compared with.
pub fn comparison_range(range: &DateRange, comparison: Comparison) -> DateRange {
    match comparison {
        Comparison::PreviousPeriod => {
            let len = chrono::Days::new(range.days() as u64);
            DateRange {
                from: range.from.checked_sub_days(len).unwrap_or(range.from),
                to: range.to.checked_sub_days(len).unwrap_or(range.to),
            }
        }
        Comparison::LastYear => {
            let back = chrono::Months::new(12);
            DateRange {
                from: range.from.checked_sub_months(back).unwrap_or(range.from),
                to: range.to.checked_sub_months(back).unwrap_or(range.to),
            }
        }
    }
}

/// Sums per-day values into buckets and fills empty buckets with zeros, so a chart shows a
/// quiet day as 0 rather than skipping it. `rows` are (day, value) pairs in any order.
pub fn bucketize<T: Copy + Default + std::ops::AddAssign>(
    range: &DateRange,
    bucket: Bucket,
    rows: impl IntoIterator<Item = (NaiveDate, T)>,
) -> Vec<(NaiveDate, T)> {
    let mut starts: Vec<NaiveDate> = range.iter_days().map(|d| bucket.start_of(d)).collect();
    starts.dedup();
    let mut out: Vec<(NaiveDate, T)> = starts.into_iter().map(|s| (s, T::default())).collect();
    for (day, value) in rows {
        if day < range.from || day > range.to {
            continue;
        }
        let start = bucket.start_of(day);
        if let Ok(i) = out.binary_search_by_key(&start, |(s, _)| *s) {
            out[i].1 += value;
        }
    }
    out
}

/// One KPI tile: the value for the period, the comparison value and the change between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiTile {
    pub kpi: Kpi,
    /// `None` when the KPI is undefined for the period (for example a rate over zero reach).
    pub value: Option<f64>,
    pub previous: Option<f64>,
    pub change: Option<Change>,
}

/// The raw sums of one period and slice, as the store reads them from the rollups.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodSums {
    /// Mentions of the selected brand by sentiment.
    pub sentiment: SentimentCounts,
    /// The same per day (days without mentions left out), for the sentiment trend: read with the
    /// totals, in the same pass over the rollup.
    pub sentiment_days: Vec<(NaiveDate, SentimentCounts)>,
    /// Mentions of every tracked brand (own and competitors) in the same slice.
    pub all_brands_mentions: i64,
    /// Followers of the distinct authors of the brand's mentions.
    pub earned_reach: i64,
    /// Earned counts per day and platform, for the rate card.
    pub earned_days: Vec<EarnedDay>,
    /// Owned-post totals of the brand's accounts.
    pub posts: PostTotals,
    /// The same per day (days without posts left out), for the engagement trend.
    pub post_days: Vec<(NaiveDate, PostTotals)>,
}

/// The value of one KPI for one period.
pub fn period_value(kpi: Kpi, sums: &PeriodSums, card: &[RateCardEntry]) -> Option<f64> {
    let s = &sums.sentiment;
    match kpi {
        Kpi::Mentions => Some(s.total() as f64),
        Kpi::ShareOfVoice => share_of_voice(s.total(), sums.all_brands_mentions),
        Kpi::NetSentiment => s.net_sentiment(),
        Kpi::NetSentimentAll => s.net_sentiment_all(),
        Kpi::PositiveShare => s.shares().map(|x| x.positive),
        Kpi::NeutralShare => s.shares().map(|x| x.neutral),
        Kpi::NegativeShare => s.shares().map(|x| x.negative),
        Kpi::EarnedReach => Some(sums.earned_reach as f64),
        Kpi::EarnedMediaValue => Some(earned_media_value(&sums.earned_days, card)),
        Kpi::Engagements => Some(sums.posts.engagements() as f64),
        Kpi::EngagementRateReach => sums.posts.engagement_rate_reach(),
        Kpi::EngagementRateImpressions => sums.posts.engagement_rate_impressions(),
    }
}

/// The overview tiles: each KPI for the current and the comparison period, with the change.
/// A comparison period without any data yields no change (not a change against zero).
pub fn tiles(current: &PeriodSums, previous: &PeriodSums, card: &[RateCardEntry]) -> Vec<KpiTile> {
    let previous_has_data = previous.all_brands_mentions > 0 || previous.posts.posts > 0;
    Kpi::OVERVIEW
        .into_iter()
        .map(|kpi| {
            let value = period_value(kpi, current, card);
            let previous = if previous_has_data { period_value(kpi, previous, card) } else { None };
            KpiTile { kpi, value, previous, change: change(value, previous) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Bucket;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn net_sentiment_hand_computed() {
        let c = SentimentCounts { positive: 60, neutral: 100, negative: 20 };
        // (60 - 20) / 80 = 50 %; with neutrals (60 - 20) / 180 = 22.2 %
        assert_eq!(c.net_sentiment(), Some(50.0));
        let all = c.net_sentiment_all().expect("defined");
        assert!((all - 22.222_222).abs() < 1e-5);
        let s = c.shares().expect("defined");
        assert!((s.positive - 33.333_333).abs() < 1e-5);
        assert!((s.neutral - 55.555_555).abs() < 1e-5);
    }

    #[test]
    fn zero_denominators_are_undefined_not_nan() {
        let none = SentimentCounts::default();
        assert_eq!(none.net_sentiment(), None);
        assert_eq!(none.shares(), None);
        let neutral_only = SentimentCounts { neutral: 5, ..Default::default() };
        assert_eq!(neutral_only.net_sentiment(), None);
        assert_eq!(neutral_only.net_sentiment_all(), Some(0.0));
        assert_eq!(PostTotals::default().engagement_rate_reach(), None);
        assert_eq!(share_of_voice(0, 0), None);
    }

    #[test]
    fn engagement_rate_sums_then_divides() {
        // Post A: 10 engagements on 100 reach (10 %); post B: 1 on 1000 (0.1 %).
        // Mean of ratios would be 5.05 %; sum then divide is 11 / 1100 = 1 %.
        let t = PostTotals {
            reach: 1100,
            impressions: 2200,
            reactions: 8,
            comments: 2,
            shares: 1,
            ..Default::default()
        };
        assert_eq!(t.engagements(), 11);
        assert_eq!(t.engagement_rate_reach(), Some(1.0));
        assert_eq!(t.engagement_rate_impressions(), Some(0.5));
    }

    #[test]
    fn earned_reach_counts_each_author_once() {
        assert_eq!(earned_reach([(1, 100), (2, 50), (1, 100), (1, 120)]), 150);
        assert_eq!(earned_reach([]), 0);
    }

    #[test]
    fn emv_uses_the_rate_valid_on_each_day() {
        let card = vec![
            RateCardEntry {
                platform: "x".into(),
                metric: RateMetric::Cpm,
                value: 5.0,
                valid_from: d("2026-01-01"),
            },
            RateCardEntry {
                platform: "x".into(),
                metric: RateMetric::Cpm,
                value: 8.0,
                valid_from: d("2026-06-01"),
            },
            RateCardEntry {
                platform: "x".into(),
                metric: RateMetric::Like,
                value: 0.1,
                valid_from: d("2026-01-01"),
            },
        ];
        let day = |day: &str| EarnedDay {
            day: d(day),
            platform: "x".into(),
            reach: 10_000,
            likes: 10,
            comments: 3,
            shares: 0,
        };
        // 10 k reach at CPM 5 = 50, + 10 likes × 0.1 = 1; comments unpriced.
        assert!((earned_media_value(&[day("2026-03-01")], &card) - 51.0).abs() < 1e-9);
        // After the new card: CPM 8 → 80 + 1.
        assert!((earned_media_value(&[day("2026-07-01")], &card) - 81.0).abs() < 1e-9);
        // Before any card: worth nothing.
        assert_eq!(earned_media_value(&[day("2025-07-01")], &card), 0.0);
    }

    #[test]
    fn tiles_without_comparison_data_show_no_change() {
        let current = PeriodSums {
            sentiment: SentimentCounts { positive: 3, neutral: 1, negative: 1 },
            all_brands_mentions: 10,
            ..Default::default()
        };
        let t = tiles(&current, &PeriodSums::default(), &[]);
        assert_eq!(t.len(), Kpi::OVERVIEW.len());
        assert_eq!(t[0].value, Some(5.0));
        assert!(t.iter().all(|tile| tile.change.is_none()));
        let sov = t.iter().find(|x| x.kpi == Kpi::ShareOfVoice).and_then(|x| x.value);
        assert_eq!(sov, Some(50.0));
        let again = tiles(&current, &current, &[]);
        assert_eq!(again[0].change.map(|c| c.absolute), Some(0.0));
    }

    #[test]
    fn change_states_absolute_and_relative() {
        let c = change(Some(150.0), Some(100.0)).expect("defined");
        assert_eq!((c.absolute, c.relative), (50.0, Some(50.0)));
        let from_zero = change(Some(5.0), Some(0.0)).expect("defined");
        assert_eq!(from_zero.relative, None);
        assert_eq!(change(None, Some(1.0)), None);
        // A negative score improving is a positive change.
        let c = change(Some(-10.0), Some(-20.0)).expect("defined");
        assert_eq!(c.relative, Some(50.0));
    }

    #[test]
    fn comparison_ranges() {
        let r = DateRange { from: d("2026-11-01"), to: d("2026-11-30") };
        let p = comparison_range(&r, Comparison::PreviousPeriod);
        assert_eq!((p.from, p.to), (d("2026-10-02"), d("2026-10-31")));
        let y = comparison_range(&r, Comparison::LastYear);
        assert_eq!((y.from, y.to), (d("2025-11-01"), d("2025-11-30")));
        let leap = DateRange { from: d("2028-02-29"), to: d("2028-02-29") };
        assert_eq!(comparison_range(&leap, Comparison::LastYear).from, d("2027-02-28"));
    }

    #[test]
    fn buckets_fill_gaps_and_ignore_outside_days() {
        let r = DateRange { from: d("2026-11-01"), to: d("2026-11-04") };
        let b =
            bucketize(&r, Bucket::Day, [(d("2026-11-02"), 3i64), (d("2026-11-02"), 1), (d("2026-12-01"), 9)]);
        assert_eq!(b.iter().map(|(_, v)| *v).collect::<Vec<_>>(), vec![0, 4, 0, 0]);
        let w = bucketize(
            &DateRange { from: d("2026-11-01"), to: d("2026-11-16") },
            Bucket::Week,
            [(d("2026-11-03"), 2i64), (d("2026-11-08"), 5)],
        );
        // 2026-11-01 is a Sunday: buckets start 10-26, 11-02, 11-09, 11-16.
        assert_eq!(w.len(), 4);
        assert_eq!(w[1], (d("2026-11-02"), 7));
    }

    proptest! {
        #[test]
        fn shares_sum_to_100(p in 0i64..1_000_000, n in 0i64..1_000_000, g in 0i64..1_000_000) {
            let c = SentimentCounts { positive: p, neutral: n, negative: g };
            match c.shares() {
                Some(s) => {
                    prop_assert!((s.positive + s.neutral + s.negative - 100.0).abs() < 1e-9);
                }
                None => prop_assert_eq!(c.total(), 0),
            }
        }

        #[test]
        fn kpis_are_never_nan_or_infinite(p in 0i64..i64::from(u32::MAX), n in 0i64..1000, g in 0i64..1000, reach in 0i64..1_000_000) {
            let c = SentimentCounts { positive: p, neutral: n, negative: g };
            for v in [c.net_sentiment(), c.net_sentiment_all(), share_of_voice(p, p + g)].into_iter().flatten() {
                prop_assert!(v.is_finite());
            }
            if let Some(ns) = c.net_sentiment() {
                prop_assert!((-100.0..=100.0).contains(&ns));
            }
            let t = PostTotals { reach, impressions: reach, reactions: n, ..Default::default() };
            for v in [t.engagement_rate_reach(), t.engagement_rate_impressions()].into_iter().flatten() {
                prop_assert!(v.is_finite());
            }
        }

        #[test]
        fn change_against_itself_is_zero(v in -1.0e12f64..1.0e12) {
            let c = change(Some(v), Some(v)).expect("defined");
            prop_assert_eq!(c.absolute, 0.0);
            if v != 0.0 {
                prop_assert_eq!(c.relative, Some(0.0));
            }
        }

        #[test]
        fn previous_period_has_equal_length_and_ends_before(start in 0i64..20_000, len in 1i64..800) {
            let from = d("1990-01-01") + chrono::Duration::days(start);
            let r = DateRange { from, to: from + chrono::Duration::days(len - 1) };
            let p = comparison_range(&r, Comparison::PreviousPeriod);
            prop_assert_eq!(p.days(), r.days());
            prop_assert_eq!(p.to + chrono::Duration::days(1), r.from);
        }
    }
}
