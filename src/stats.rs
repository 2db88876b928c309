//! The stats query layer: every analytics page asks the store for sums the same way.
//!
//! A [`StatsQuery`] names a [`Slice`] of the data (period, brand, platform, market, campaign,
//! team, account), the [`Metric`]s wanted, an optional [`Dimension`] to group by and an optional
//! time series bucket. [`sql::statements`] turns it into one statement per rollup table it needs
//! (`mention_daily`, `mention_author_daily`, `post_daily`) — a metric's SQL is written only when
//! the metric is asked for, so earned reach (the costly one) is read only by queries that want
//! it; the store runs them ([`crate::server::store::Store::stats_rows`]) and [`run::run`] merges
//! their rows into typed [`StatsRow`]s. [`run::period_sums`] is the overview's use of it.
//!
//! Not every metric can be cut by every dimension: earned mentions belong to no account or team,
//! and earned reach (each author once) is kept per brand, platform and market but not per
//! campaign. Such a query is refused with the reason ([`Metric::dimensions`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Bucket, DateRange};

#[cfg(feature = "ssr")]
pub mod run;
#[cfg(feature = "ssr")]
pub mod sql;

/// Which rollup a metric is summed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// `mention_daily`: earned mentions per day, brand, platform, market, campaign and sentiment.
    Mentions,
    /// `mention_author_daily`: each author once per day and slice, for earned reach.
    Authors,
    /// `post_daily`: owned posts per day, brand, platform, market, team, account and campaign.
    Posts,
}

/// A sum the stats layer can compute. Every value is a count (an integer); ratios such as net
/// sentiment or engagement rate are computed from them by `crate::kpi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Metric {
    /// Earned mentions.
    Mentions,
    /// Earned mentions whose effective sentiment is positive.
    Positive,
    /// … neutral.
    Neutral,
    /// … negative.
    Negative,
    /// The sum of each mention's potential reach (what the rate card's CPM prices).
    MentionReach,
    /// Likes of earned mentions.
    MentionLikes,
    /// Comments on earned mentions.
    MentionComments,
    /// Shares of earned mentions.
    MentionShares,
    /// Mentions that ask the brand something (customer care).
    Inquiries,
    /// Followers of the distinct authors of the slice's mentions: each author once per brand.
    EarnedReach,
    /// Owned posts published.
    Posts,
    /// Impressions of owned posts.
    Impressions,
    /// Reach of owned posts.
    PostReach,
    /// Reactions to owned posts.
    Reactions,
    /// Comments on owned posts.
    PostComments,
    /// Shares of owned posts.
    PostShares,
    /// Saves of owned posts.
    Saves,
    /// Link clicks on owned posts.
    Clicks,
    /// Video views of owned posts.
    VideoViews,
}

impl Metric {
    pub const ALL: [Metric; 19] = [
        Metric::Mentions,
        Metric::Positive,
        Metric::Neutral,
        Metric::Negative,
        Metric::MentionReach,
        Metric::MentionLikes,
        Metric::MentionComments,
        Metric::MentionShares,
        Metric::Inquiries,
        Metric::EarnedReach,
        Metric::Posts,
        Metric::Impressions,
        Metric::PostReach,
        Metric::Reactions,
        Metric::PostComments,
        Metric::PostShares,
        Metric::Saves,
        Metric::Clicks,
        Metric::VideoViews,
    ];

    /// Its position in [`Metric::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn source(self) -> Source {
        match self {
            Metric::Mentions
            | Metric::Positive
            | Metric::Neutral
            | Metric::Negative
            | Metric::MentionReach
            | Metric::MentionLikes
            | Metric::MentionComments
            | Metric::MentionShares
            | Metric::Inquiries => Source::Mentions,
            Metric::EarnedReach => Source::Authors,
            _ => Source::Posts,
        }
    }

    /// The dimensions this metric can be filtered and grouped by.
    pub fn dimensions(self) -> &'static [Dimension] {
        use Dimension::*;
        match self.source() {
            Source::Mentions => &[Brand, Platform, Market, Campaign],
            // an author belongs to one platform (authors are unique per platform and handle), so
            // the first row of an author in a range is also its first on that platform
            Source::Authors => &[Brand, Platform, Market],
            Source::Posts => &[Brand, Platform, Market, Campaign, Team, Account],
        }
    }

    /// What the metric counts, for error messages.
    pub fn label(self) -> &'static str {
        match self.source() {
            Source::Mentions => "earned mentions",
            Source::Authors => "earned reach",
            Source::Posts => "owned posts",
        }
    }
}

/// A dimension the data can be filtered and grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Dimension {
    Brand,
    Platform,
    Market,
    Campaign,
    Team,
    Account,
}

impl Dimension {
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Brand => "brand",
            Dimension::Platform => "platform",
            Dimension::Market => "market",
            Dimension::Campaign => "campaign",
            Dimension::Team => "team",
            Dimension::Account => "account",
        }
    }
}

/// The part of the data a query reads. `brand_id: None` reads every tracked brand (own and
/// competitors); every other `None` leaves that dimension open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slice {
    pub range: DateRange,
    pub brand_id: Option<i64>,
    pub platform: Option<String>,
    pub market: Option<String>,
    pub campaign_id: Option<i64>,
    pub team_id: Option<i64>,
    pub account_id: Option<i64>,
}

impl Slice {
    /// One brand's data in `range`, every other dimension open.
    pub fn brand(range: DateRange, brand_id: i64) -> Slice {
        Slice {
            range,
            brand_id: Some(brand_id),
            platform: None,
            market: None,
            campaign_id: None,
            team_id: None,
            account_id: None,
        }
    }

    /// The dimensions this slice narrows.
    pub fn filtered(&self) -> Vec<Dimension> {
        let mut dims = Vec::new();
        let set = [
            (self.platform.is_some(), Dimension::Platform),
            (self.market.is_some(), Dimension::Market),
            (self.campaign_id.is_some(), Dimension::Campaign),
            (self.team_id.is_some(), Dimension::Team),
            (self.account_id.is_some(), Dimension::Account),
        ];
        for (on, dim) in set {
            if on {
                dims.push(dim);
            }
        }
        dims
    }
}

/// What to compute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsQuery {
    pub slice: Slice,
    /// The metrics wanted (each once); only these are computed.
    pub metrics: Vec<Metric>,
    /// One row per value of this dimension (values without data are left out).
    pub group_by: Option<Dimension>,
    /// One row per bucket (of each group) that holds data; `crate::kpi::bucketize` fills the
    /// gaps for a chart. Earned reach is available per day only.
    pub series: Option<Bucket>,
}

impl StatsQuery {
    /// The totals of `metrics` over `slice`.
    pub fn totals(slice: Slice, metrics: &[Metric]) -> StatsQuery {
        StatsQuery { slice, metrics: metrics.to_vec(), group_by: None, series: None }
    }

    /// Checks the query's metrics against its dimensions; the message says what cannot be done.
    pub fn validate(&self) -> Result<(), String> {
        if self.metrics.is_empty() {
            return Err("A stats query needs at least one metric.".into());
        }
        for (i, m) in self.metrics.iter().enumerate() {
            if self.metrics[..i].contains(m) {
                return Err(format!("The metric {m:?} is asked for twice."));
            }
        }
        let mut dims = self.slice.filtered();
        dims.extend(self.group_by);
        for m in &self.metrics {
            if let Some(d) = dims.iter().find(|d| !m.dimensions().contains(d)) {
                return Err(format!(
                    "{} cannot be cut by {}: {}.",
                    capitalise(m.label()),
                    d.label(),
                    match m.source() {
                        Source::Mentions => "earned mentions belong to no account or team",
                        Source::Authors => "earned reach is kept per brand, platform and market",
                        Source::Posts => "owned posts have no such dimension",
                    }
                ));
            }
            if *m == Metric::EarnedReach && self.series.is_some_and(|b| b != Bucket::Day) {
                return Err("Earned reach is available per day only: an author counts once per \
                            day, and a week's reach is not the sum of its days."
                    .into());
            }
        }
        Ok(())
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

/// The value of a group-by dimension in one row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum GroupKey {
    /// A brand, campaign, team or account id; `None` for rows without one (no campaign, an
    /// account without a team).
    Id(Option<i64>),
    /// A platform or market code (`""` for a market that is not known).
    Code(String),
}

/// Metric values of one row: the asked metrics, each 0 when the row's data holds none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Values {
    asked: u32,
    values: [i64; 19],
}

impl Values {
    pub fn new(metrics: &[Metric]) -> Values {
        let mut v = Values::default();
        for m in metrics {
            v.asked |= 1 << m.index();
        }
        v
    }

    /// The metric's value, `None` when the query did not ask for it.
    pub fn get(&self, metric: Metric) -> Option<i64> {
        (self.asked & (1 << metric.index()) != 0).then(|| self.values[metric.index()])
    }

    /// Like [`Values::get`], 0 for a metric not asked for (for sums the caller asked for itself).
    pub fn of(&self, metric: Metric) -> i64 {
        self.get(metric).unwrap_or(0)
    }

    pub fn add(&mut self, metric: Metric, value: i64) {
        self.values[metric.index()] += value;
    }
}

/// One row of a stats answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsRow {
    /// The group's value, when the query groups.
    pub group: Option<GroupKey>,
    /// The first day of the bucket, when the query asks for a series.
    pub bucket: Option<NaiveDate>,
    pub values: Values,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range() -> DateRange {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        DateRange { from: d("2026-03-01"), to: d("2026-03-31") }
    }

    #[test]
    fn values_answer_only_what_was_asked() {
        let mut v = Values::new(&[Metric::Mentions, Metric::Posts]);
        v.add(Metric::Mentions, 3);
        assert_eq!(v.get(Metric::Mentions), Some(3));
        assert_eq!(v.get(Metric::Posts), Some(0));
        assert_eq!(v.get(Metric::EarnedReach), None);
        assert_eq!(v.of(Metric::EarnedReach), 0);
    }

    #[test]
    fn metrics_are_listed_in_index_order() {
        for (i, m) in Metric::ALL.iter().enumerate() {
            assert_eq!(m.index(), i, "{m:?}");
        }
    }

    #[test]
    fn queries_that_cannot_be_answered_say_why() {
        let mut q = StatsQuery::totals(Slice::brand(range(), 1), &[Metric::Mentions]);
        assert!(q.validate().is_ok());
        q.group_by = Some(Dimension::Team);
        let err = q.validate().expect_err("mentions by team");
        assert!(err.contains("team") && err.contains("Earned mentions"), "{err}");
        q.group_by = None;
        q.slice.account_id = Some(4);
        assert!(q.validate().is_err(), "mentions of one account");
        q.metrics = vec![Metric::Posts];
        assert!(q.validate().is_ok(), "posts of one account");
        let reach = StatsQuery {
            series: Some(Bucket::Week),
            ..StatsQuery::totals(Slice::brand(range(), 1), &[Metric::EarnedReach])
        };
        assert!(reach.validate().expect_err("weekly reach").contains("per day"));
        let reach = StatsQuery { group_by: Some(Dimension::Campaign), series: None, ..reach };
        assert!(reach.validate().is_err(), "reach by campaign");
        assert!(StatsQuery::totals(Slice::brand(range(), 1), &[]).validate().is_err());
        assert!(StatsQuery::totals(Slice::brand(range(), 1), &[Metric::Posts, Metric::Posts])
            .validate()
            .is_err());
    }
}
