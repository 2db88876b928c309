//! The campaigns' SQL: the campaigns with their markets (and launch days) and results, the team
//! kinds (hub or spoke) the comparison splits owned posts by, and a campaign's earned audience
//! reach, which the rollups cannot give (their authors are not kept per campaign). Written once
//! and expanded per dialect by `impl_campaign_store!`.

use async_trait::async_trait;

use crate::model::DateRange;
use crate::server::store::{CampaignResultRow, CampaignRow, StoreResult};

/// A campaign as stored, with its brand's name and its results per market.
#[derive(Debug, Clone)]
pub struct CampaignRecord {
    pub row: CampaignRow,
    pub brand: String,
    pub results: Vec<CampaignResultRow>,
}

#[async_trait]
pub trait CampaignStore {
    /// Every campaign, by start date.
    async fn campaigns(&self) -> StoreResult<Vec<CampaignRecord>>;

    /// Team ids of the hub teams (every other team is a local spoke).
    async fn hub_teams(&self) -> StoreResult<Vec<i64>>;

    /// Earned audience reach of the mentions attributed to `campaign_id` in `range`: the
    /// followers of each distinct author, as of their first mention in the range.
    async fn campaign_earned_reach(&self, campaign_id: i64, range: DateRange) -> StoreResult<i64>;
}

/// The campaign's earned reach: each author's first attributed mention in the range.
pub(crate) const EARNED_REACH_SQL: &str = "SELECT CAST(COALESCE(SUM(author_followers), 0) AS BIGINT) FROM (
     SELECT author_followers, ROW_NUMBER() OVER (PARTITION BY author_id ORDER BY published_at, id) AS nth
     FROM mentions WHERE campaign_id = $1 AND day BETWEEN $2 AND $3) firsts WHERE nth = 1";

type CampaignTuple = (i64, i64, String, String, String, chrono::NaiveDate, chrono::NaiveDate, f64, String, String);
type ResultTuple = (i64, String, Option<i64>, Option<i64>, Option<f64>, String);

/// Puts the three reads together.
pub(crate) fn records(
    campaigns: Vec<CampaignTuple>,
    markets: Vec<(i64, String, chrono::NaiveDate)>,
    results: Vec<ResultTuple>,
) -> Vec<CampaignRecord> {
    use crate::server::store::CampaignMarket;
    campaigns
        .into_iter()
        .map(|(id, brand_id, brand, name, objective, start_on, end_on, spend, currency, hashtags)| CampaignRecord {
            row: CampaignRow {
                id,
                brand_id,
                name,
                objective,
                start_on,
                end_on,
                spend,
                currency,
                hashtags,
                markets: markets
                    .iter()
                    .filter(|m| m.0 == id)
                    .map(|(_, market, launch_on)| CampaignMarket { market: market.clone(), launch_on: *launch_on })
                    .collect(),
            },
            brand,
            results: results
                .iter()
                .filter(|r| r.0 == id)
                .map(|(campaign_id, market, leads, sales, revenue, currency)| CampaignResultRow {
                    campaign_id: *campaign_id,
                    market: market.clone(),
                    leads: *leads,
                    sales: *sales,
                    revenue: *revenue,
                    currency: currency.clone(),
                })
                .collect(),
        })
        .collect()
}

macro_rules! impl_campaign_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::features::campaigns::store::CampaignStore for $store {
            async fn campaigns(&self) -> StoreResult<Vec<$crate::features::campaigns::store::CampaignRecord>> {
                let campaigns = sqlx::query_as(
                    "SELECT c.id, c.brand_id, b.name, c.name, c.objective, c.start_on, c.end_on, c.spend, c.currency, c.hashtags
                     FROM campaigns c JOIN brands b ON b.id = c.brand_id ORDER BY c.start_on, c.id",
                )
                .fetch_all(&self.pool)
                .await?;
                let markets = sqlx::query_as(
                    "SELECT m.campaign_id, m.market, COALESCE(m.launch_on, c.start_on) AS launch
                     FROM campaign_markets m JOIN campaigns c ON c.id = m.campaign_id ORDER BY m.campaign_id, launch, m.market",
                )
                .fetch_all(&self.pool)
                .await?;
                let results = sqlx::query_as(
                    "SELECT campaign_id, market, leads, sales, revenue, currency FROM campaign_results ORDER BY campaign_id, market",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok($crate::features::campaigns::store::records(campaigns, markets, results))
            }

            async fn hub_teams(&self) -> StoreResult<Vec<i64>> {
                let rows: Vec<(i64,)> =
                    sqlx::query_as("SELECT id FROM teams WHERE kind = 'hub' ORDER BY id").fetch_all(&self.pool).await?;
                Ok(rows.into_iter().map(|r| r.0).collect())
            }

            async fn campaign_earned_reach(&self, campaign_id: i64, range: $crate::model::DateRange) -> StoreResult<i64> {
                let (reach,): (i64,) = sqlx::query_as($crate::features::campaigns::store::EARNED_REACH_SQL)
                    .bind(campaign_id)
                    .bind(range.from)
                    .bind(range.to)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(reach)
            }
        }
    };
}
pub(crate) use impl_campaign_store;
