//! The overview's wire types: the KPI tiles and chart series of one filter.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::kpi::KpiTile;
use crate::model::BrandChoice;
use crate::period::{Bucket, Comparison, DateRange};

/// Mentions of one bucket split by effective sentiment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentimentPoint {
    /// First day of the bucket.
    pub day: NaiveDate,
    pub positive: i64,
    pub neutral: i64,
    pub negative: i64,
}

/// Owned-post engagement of one bucket by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementPoint {
    pub day: NaiveDate,
    pub reactions: i64,
    pub comments: i64,
    pub shares: i64,
    /// Saves and clicks where the platform reports them.
    pub other: i64,
}

/// Everything the overview page shows for one filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub range: DateRange,
    pub comparison: Comparison,
    pub comparison_range: DateRange,
    pub brand: BrandChoice,
    pub time_zone: String,
    pub bucket: Bucket,
    pub tiles: Vec<KpiTile>,
    pub sentiment_series: Vec<SentimentPoint>,
    pub engagement_series: Vec<EngagementPoint>,
    /// Currency of the money KPIs (earned media value).
    pub currency: String,
}
