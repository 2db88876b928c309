//! The campaigns' wire types: the list, and the comparison of 2–6 campaigns with its rows, its
//! timelines by day since launch, its lift against the pre-launch baseline and its markets.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::kpi::Unit;

/// The most campaigns one comparison holds.
pub const MAX_COMPARED: usize = 6;

/// Where a campaign stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CampaignStatus {
    Planned,
    Running,
    Ended,
}

impl CampaignStatus {
    /// The status on `today` of a campaign that first launches on `start` and ends on `end`.
    pub fn on(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> CampaignStatus {
        if today < start {
            CampaignStatus::Planned
        } else if today <= end {
            CampaignStatus::Running
        } else {
            CampaignStatus::Ended
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CampaignStatus::Planned => "Planned",
            CampaignStatus::Running => "Running",
            CampaignStatus::Ended => "Ended",
        }
    }
}

/// One campaign as the list shows it, with its headline figures over the days it has run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub id: i64,
    pub brand: String,
    pub name: String,
    pub objective: String,
    /// Its markets with the day each launched (day 0 of that market's timeline).
    pub launches: Vec<(String, NaiveDate)>,
    pub start_on: NaiveDate,
    pub end_on: NaiveDate,
    pub status: CampaignStatus,
    pub spend: f64,
    pub currency: String,
    pub hashtags: String,
    /// Results per market, as entered.
    pub results: Vec<MarketResult>,
    pub mentions: i64,
    pub engagements: i64,
    /// Earned media value, in the rate card's currency.
    pub emv: f64,
    /// `None` when the campaign has no spend.
    pub roi: Option<f64>,
}

/// What a campaign reports for one market: (market, leads, sales, revenue); `None` is not reported.
pub type MarketResult = (String, Option<i64>, Option<i64>, Option<f64>);

/// The campaigns page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignList {
    pub campaigns: Vec<CampaignSummary>,
    /// "Today" in the reporting time zone: the status and the days run are as of it.
    pub today: NaiveDate,
    /// The rate card's currency (earned media value).
    pub currency: String,
    /// The company's own brands (campaigns are theirs) and the markets, for the form.
    pub brands: Vec<String>,
    pub markets: Vec<String>,
}

/// The objectives a campaign can have.
pub const OBJECTIVES: [&str; 4] = ["awareness", "engagement", "consideration", "conversion"];

/// A campaign as the form sends it: texts as typed, checked on the server field by field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CampaignSpec {
    /// `None` adds a campaign; `Some` changes that one.
    pub id: Option<i64>,
    pub brand: String,
    pub name: String,
    pub objective: String,
    /// `YYYY-MM-DD`.
    pub start_on: String,
    pub end_on: String,
    /// A number ≥ 0, in `currency`.
    pub spend: String,
    pub currency: String,
    /// Hashtags and keywords, comma-separated.
    pub terms: String,
    pub markets: Vec<MarketSpec>,
}

/// One market of a campaign as the form sends it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MarketSpec {
    pub market: String,
    /// Empty: the campaign's start.
    pub launch_on: String,
    /// Empty: not reported.
    pub leads: String,
    pub sales: String,
    pub revenue: String,
}

/// What saving a campaign did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSaved {
    pub id: i64,
    pub name: String,
    /// Mentions and posts whose campaign changed by the campaign's hashtags and keywords.
    pub mentions_changed: i64,
    pub posts_changed: i64,
}

/// A row of the side-by-side table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompareMetric {
    Mentions,
    NetSentiment,
    EarnedReach,
    EarnedMediaValue,
    Posts,
    Impressions,
    Engagements,
    EngagementRate,
    Spend,
    CostPerEngagement,
    Leads,
    Revenue,
    Roi,
}

impl CompareMetric {
    pub const ALL: [CompareMetric; 13] = [
        CompareMetric::Mentions,
        CompareMetric::NetSentiment,
        CompareMetric::EarnedReach,
        CompareMetric::EarnedMediaValue,
        CompareMetric::Posts,
        CompareMetric::Impressions,
        CompareMetric::Engagements,
        CompareMetric::EngagementRate,
        CompareMetric::Spend,
        CompareMetric::CostPerEngagement,
        CompareMetric::Leads,
        CompareMetric::Revenue,
        CompareMetric::Roi,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CompareMetric::Mentions => "Mentions",
            CompareMetric::NetSentiment => "Net sentiment",
            CompareMetric::EarnedReach => "Earned audience reach",
            CompareMetric::EarnedMediaValue => "Earned media value (est.)",
            CompareMetric::Posts => "Owned posts",
            CompareMetric::Impressions => "Impressions",
            CompareMetric::Engagements => "Engagements",
            CompareMetric::EngagementRate => "Engagement rate (reach)",
            CompareMetric::Spend => "Spend",
            CompareMetric::CostPerEngagement => "Cost per engagement",
            CompareMetric::Leads => "Leads",
            CompareMetric::Revenue => "Revenue",
            CompareMetric::Roi => "ROI",
        }
    }

    /// What the row counts, shown on hover.
    pub fn definition(self) -> &'static str {
        match self {
            CompareMetric::Mentions => "Earned mentions attributed to the campaign, from its launch to its end (or today).",
            CompareMetric::NetSentiment => {
                "(positive − negative) ÷ (positive + negative) × 100 over the campaign's mentions; −100 to 100."
            }
            CompareMetric::EarnedReach => {
                "Followers of the distinct authors of the campaign's mentions, each author once (as of their first mention)."
            }
            CompareMetric::EarnedMediaValue => {
                "Estimate: mention reach ÷ 1000 × CPM + likes, comments and shares × value per action, per platform, from the rate card valid on each day."
            }
            CompareMetric::Posts => "Owned posts attributed to the campaign.",
            CompareMetric::Impressions => "Impressions of the campaign's owned posts.",
            CompareMetric::Engagements => {
                "Reactions + comments + shares of the campaign's owned posts, plus saves and clicks where the platform reports them."
            }
            CompareMetric::EngagementRate => "Engagements ÷ reach of the campaign's owned posts × 100, summed then divided.",
            CompareMetric::Spend => "What the campaign cost, as entered with the campaign.",
            CompareMetric::CostPerEngagement => "Spend ÷ engagements of the campaign's owned posts.",
            CompareMetric::Leads => "Leads reported in the campaign's results, summed over its markets; missing when none were reported.",
            CompareMetric::Revenue => "Revenue reported in the campaign's results, summed over its markets; missing when none was reported.",
            CompareMetric::Roi => {
                "(earned media value + revenue − spend) ÷ spend × 100; missing without spend or without reported revenue."
            }
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            CompareMetric::NetSentiment => Unit::Score,
            CompareMetric::EngagementRate | CompareMetric::Roi => Unit::Percent,
            CompareMetric::EarnedMediaValue
            | CompareMetric::Spend
            | CompareMetric::CostPerEngagement
            | CompareMetric::Revenue => Unit::Money,
            _ => Unit::Count,
        }
    }

    /// Which end of the row is best (`None`: neither, as for spend).
    pub fn higher_is_better(self) -> Option<bool> {
        match self {
            CompareMetric::Spend => None,
            CompareMetric::CostPerEngagement => Some(false),
            _ => Some(true),
        }
    }

    /// A stable token for test ids and the CSV.
    pub fn token(self) -> &'static str {
        match self {
            CompareMetric::Mentions => "mentions",
            CompareMetric::NetSentiment => "net-sentiment",
            CompareMetric::EarnedReach => "earned-reach",
            CompareMetric::EarnedMediaValue => "earned-media-value",
            CompareMetric::Posts => "posts",
            CompareMetric::Impressions => "impressions",
            CompareMetric::Engagements => "engagements",
            CompareMetric::EngagementRate => "engagement-rate",
            CompareMetric::Spend => "spend",
            CompareMetric::CostPerEngagement => "cost-per-engagement",
            CompareMetric::Leads => "leads",
            CompareMetric::Revenue => "revenue",
            CompareMetric::Roi => "roi",
        }
    }
}

/// The index of the best value of a row (`None` when no value is better than another).
pub fn best_of(metric: CompareMetric, values: &[Option<f64>]) -> Option<usize> {
    let higher = metric.higher_is_better()?;
    let mut best: Option<(usize, f64)> = None;
    let mut tied = false;
    for (i, v) in values.iter().enumerate() {
        let Some(v) = *v else { continue };
        match best {
            Some((_, b)) if v == b => tied = true,
            Some((_, b)) if (v > b) != higher => {}
            _ => {
                best = Some((i, v));
                tied = false;
            }
        }
    }
    let present = values.iter().filter(|v| v.is_some()).count();
    best.filter(|_| !tied && present > 1).map(|(i, _)| i)
}

/// A compared campaign's heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparedCampaign {
    pub id: i64,
    pub name: String,
    pub brand: String,
    pub status: CampaignStatus,
    pub launches: Vec<(String, NaiveDate)>,
    pub end_on: NaiveDate,
    /// Days from the first launch to the end (or today, for one in flight).
    pub days_run: i64,
    /// Days from the first launch to the end.
    pub days_planned: i64,
    /// Currency of its spend and results.
    pub currency: String,
}

/// The same markets before and during the campaign, per day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lift {
    /// Each market's baseline: the same number of days as the campaign has run, before its launch there.
    pub windows: Vec<(String, NaiveDate, NaiveDate)>,
    /// Days of the baseline (and of the campaign compared with it).
    pub days: i64,
    /// All the brand's mentions in the campaign's markets by day, from D−days to D+days−1.
    pub mentions: Vec<i64>,
    /// The brand's owned-post engagements in those markets, the same days.
    pub engagements: Vec<i64>,
}

/// One market of one campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketRow {
    /// Position of the campaign in the comparison.
    pub campaign: usize,
    /// `""` for global accounts' posts (no market).
    pub market: String,
    pub launch_on: Option<NaiveDate>,
    pub mentions: i64,
    pub posts: i64,
    pub engagements: i64,
}

/// One of a campaign's most engaging owned posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopPost {
    /// Position of the campaign in the comparison.
    pub campaign: usize,
    pub platform: String,
    /// The account's handle.
    pub account: String,
    /// `""` for a global account's post.
    pub market: String,
    pub day: NaiveDate,
    /// The post's text, clipped to [`TOP_POST_CHARS`] characters.
    pub text: String,
    pub impressions: i64,
    pub reach: i64,
    /// Reactions + comments + shares + saves + clicks.
    pub engagements: i64,
}

/// Top posts per compared campaign.
pub const TOP_POSTS: usize = 5;

/// Characters of a top post's text the comparison carries.
pub const TOP_POST_CHARS: usize = 200;

/// Everything the comparison shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignComparison {
    pub today: NaiveDate,
    /// Currency of earned media value (the rate card's).
    pub currency: String,
    pub campaigns: Vec<ComparedCampaign>,
    /// Per [`CompareMetric::ALL`] row, a value per campaign; `None` is missing (not zero).
    pub values: Vec<Vec<Option<f64>>>,
    /// Per campaign, attributed mentions by day since launch (D0 = each market's launch).
    pub mentions_by_day: Vec<Vec<i64>>,
    /// Per campaign, attributed owned-post engagements by day since launch.
    pub engagements_by_day: Vec<Vec<i64>>,
    pub lift: Vec<Lift>,
    pub markets: Vec<MarketRow>,
    /// Per campaign, engagements of owned posts by hub teams and by local (spoke) teams.
    pub hub_local: Vec<(i64, i64)>,
    /// Per campaign, its [`TOP_POSTS`] owned posts with the most engagements in its window
    /// (ties: the earlier post), campaign by campaign.
    pub top_posts: Vec<TopPost>,
}

/// Mean and standard deviation (population) of daily values: the kernel's, which the spike
/// rule shares.
pub use crate::spikes::mean_sd;

/// Parses the `compare` parameter: 2–6 distinct campaign ids, comma-separated.
pub fn parse_ids(text: &str) -> Result<Vec<i64>, String> {
    let mut ids = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id: i64 = part
            .parse()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| format!("{part:?} is not a campaign id: ids are whole numbers, comma-separated."))?;
        if ids.contains(&id) {
            return Err(format!("Campaign {id} is chosen twice: choose each campaign once."));
        }
        ids.push(id);
    }
    if ids.len() < 2 || ids.len() > MAX_COMPARED {
        return Err(format!("Choose 2 to {MAX_COMPARED} campaigns to compare ({} chosen).", ids.len()));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_value_is_marked_only_when_it_stands_out() {
        let m = CompareMetric::Mentions;
        assert_eq!(best_of(m, &[Some(1.0), Some(3.0), None]), Some(1));
        assert_eq!(best_of(CompareMetric::CostPerEngagement, &[Some(1.0), Some(3.0)]), Some(0));
        assert_eq!(best_of(m, &[Some(3.0), Some(3.0)]), None, "a tie has no best");
        assert_eq!(best_of(m, &[Some(3.0), None]), None, "one value has nothing to beat");
        assert_eq!(best_of(CompareMetric::Spend, &[Some(1.0), Some(2.0)]), None);
        assert_eq!(best_of(m, &[Some(5.0), Some(5.0), Some(7.0)]), Some(2), "a tie below the best");
    }

    #[test]
    fn ids_are_checked() {
        assert_eq!(parse_ids("1,2, 4"), Ok(vec![1, 2, 4]));
        assert!(parse_ids("1").is_err());
        assert!(parse_ids("1,1").expect_err("twice").contains("twice"));
        assert!(parse_ids("1,x").expect_err("not an id").contains("\"x\""));
        assert!(parse_ids("1,2,3,4,5,6,7").expect_err("seven").contains("2 to 6"));
        assert!(parse_ids("0,2").is_err());
    }

    #[test]
    fn mean_and_spread() {
        assert_eq!(mean_sd(&[2, 4, 4, 4, 5, 5, 7, 9]), (5.0, 2.0));
        assert_eq!(mean_sd(&[]), (0.0, 0.0));
    }
}
