//! The campaigns' SQL: the campaigns with their markets (and launch days) and results, the team
//! kinds (hub or spoke) the comparison splits owned posts by, and a campaign's earned audience
//! reach, which the rollups cannot give (their authors are not kept per campaign). Written once
//! and expanded per dialect by `impl_campaign_store!`. Saving a campaign writes it, its markets
//! and results, re-attributes the rows its hashtags and keywords match (before and after the
//! change) and refreshes the rollups of the days that moved, all in one transaction with its
//! audit entry; an import attributes its own rows the same way before it commits.

use async_trait::async_trait;

use crate::model::DateRange;
use crate::server::store::{Audit, CampaignResultRow, CampaignRow, StoreResult};

/// A campaign to write: `row.id` 0 adds one.
#[derive(Debug, Clone)]
pub struct CampaignWrite {
    pub row: CampaignRow,
    pub results: Vec<CampaignResultRow>,
}

/// What an attribution pass moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reattributed {
    pub mentions: i64,
    pub posts: i64,
    /// The first and last day of a row that moved.
    pub days: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

impl Reattributed {
    pub fn add(&mut self, other: Reattributed) {
        self.mentions += other.mentions;
        self.posts += other.posts;
        self.days = match (self.days, other.days) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (x, None) | (None, x) => x,
        };
    }
}

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

    /// The `limit` owned posts attributed to `campaign_id` in `range` with the most engagements
    /// (ties: the earlier post): platform, handle, market, day, text, impressions, reach, engagements.
    async fn campaign_top_posts(&self, campaign_id: i64, range: DateRange, limit: i64) -> StoreResult<Vec<TopPostRow>>;

    /// The brands campaigns can be for — (id, name, own brand) — and the market codes.
    async fn campaign_choices(&self) -> StoreResult<(Vec<(i64, String, bool)>, Vec<String>)>;

    /// Adds or changes a campaign with its markets and results, re-attributes by its terms and
    /// refreshes the rollups, in one transaction with `audit`. Returns its id and what moved.
    async fn save_campaign(&self, campaign: &CampaignWrite, audit: Audit) -> StoreResult<(i64, Reattributed)>;
}

/// A top post as `campaign_top_posts` reads it.
pub type TopPostRow = (String, String, String, chrono::NaiveDate, String, i64, i64, i64);

pub(crate) const TOP_POSTS_SQL: &str = "SELECT p.platform, a.handle, p.market, p.day, p.text, p.impressions, p.reach,
         p.reactions + p.comments + p.shares + p.saves + p.clicks AS engagements
     FROM posts p JOIN accounts a ON a.id = p.account_id
     WHERE p.campaign_id = $1 AND p.day BETWEEN $2 AND $3
     ORDER BY engagements DESC, p.published_at, p.id LIMIT $4";

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
    ($store:ty, $db:ty) => {
        impl $store {
            async fn campaign_records(
                conn: &mut <$db as sqlx::Database>::Connection,
            ) -> StoreResult<Vec<$crate::features::campaigns::store::CampaignRecord>> {
                let campaigns = sqlx::query_as(
                    "SELECT c.id, c.brand_id, b.name, c.name, c.objective, c.start_on, c.end_on, c.spend, c.currency, c.hashtags
                     FROM campaigns c JOIN brands b ON b.id = c.brand_id ORDER BY c.start_on, c.id",
                )
                .fetch_all(&mut *conn)
                .await?;
                let markets = sqlx::query_as(
                    "SELECT m.campaign_id, m.market, COALESCE(m.launch_on, c.start_on) AS launch
                     FROM campaign_markets m JOIN campaigns c ON c.id = m.campaign_id ORDER BY m.campaign_id, launch, m.market",
                )
                .fetch_all(&mut *conn)
                .await?;
                let results = sqlx::query_as(
                    "SELECT campaign_id, market, leads, sales, revenue, currency FROM campaign_results ORDER BY campaign_id, market",
                )
                .fetch_all(&mut *conn)
                .await?;
                Ok($crate::features::campaigns::store::records(campaigns, markets, results))
            }

            /// Attributes one brand's rows on `range`'s days that no import named a campaign for,
            /// by the campaigns' hashtags and keywords (`attribution`'s rule), and says what
            /// moved. The caller refreshes the rollups of `days`. (Imports attribute their rows
            /// by the same rule as they parse them, `import::Targets`.)
            pub(crate) async fn attribute_terms(
                tx: &mut sqlx::Transaction<'_, $db>,
                brand_id: i64,
                range: $crate::model::DateRange,
            ) -> StoreResult<$crate::features::campaigns::store::Reattributed> {
                use $crate::features::campaigns::store::Reattributed;
                let records = Self::campaign_records(&mut **tx).await?;
                let rows: Vec<$crate::server::store::CampaignRow> = records.into_iter().map(|r| r.row).collect();
                let rule = $crate::features::campaigns::attribution::Attribution::new(&rows);
                let mut moved = Reattributed::default();
                for table in ["mentions", "posts"] {
                    let mut q = sqlx::QueryBuilder::<$db>::new(format!(
                        "SELECT id, brand_id, day, market, text, campaign_id FROM {table} WHERE (campaign_id IS NULL OR campaign_by_terms = "
                    ));
                    q.push_bind(true).push(")");
                    q.push(" AND brand_id = ").push_bind(brand_id);
                    q.push(" AND day BETWEEN ").push_bind(range.from).push(" AND ").push_bind(range.to);
                    let found: Vec<(i64, i64, chrono::NaiveDate, String, String, Option<i64>)> =
                        q.build_query_as().fetch_all(&mut **tx).await?;
                    let mut moves: std::collections::BTreeMap<Option<i64>, Vec<i64>> = Default::default();
                    let mut part = Reattributed::default();
                    for (id, brand_id, day, market, text, current) in found {
                        let now = rule.campaign_for(brand_id, &market, day, &text);
                        if now != current {
                            moves.entry(now).or_default().push(id);
                            part.add(Reattributed { days: Some((day, day)), ..Default::default() });
                            if table == "mentions" { part.mentions += 1 } else { part.posts += 1 }
                        }
                    }
                    for (campaign, ids) in moves {
                        for chunk in ids.chunks(500) {
                            let mut u = sqlx::QueryBuilder::<$db>::new(format!("UPDATE {table} SET campaign_id = "));
                            u.push_bind(campaign).push(", campaign_by_terms = ").push_bind(campaign.is_some());
                            u.push(" WHERE id IN (");
                            let mut list = u.separated(", ");
                            for id in chunk {
                                list.push_bind(*id);
                            }
                            u.push(")");
                            u.build().execute(&mut **tx).await?;
                        }
                    }
                    moved.add(part);
                }
                Ok(moved)
            }
        }

        #[async_trait::async_trait]
        impl $crate::features::campaigns::store::CampaignStore for $store {
            async fn campaigns(&self) -> StoreResult<Vec<$crate::features::campaigns::store::CampaignRecord>> {
                let mut conn = self.pool.acquire().await?;
                Self::campaign_records(&mut conn).await
            }

            async fn hub_teams(&self) -> StoreResult<Vec<i64>> {
                let rows: Vec<(i64,)> =
                    sqlx::query_as("SELECT id FROM teams WHERE kind = 'hub' ORDER BY id").fetch_all(&self.pool).await?;
                Ok(rows.into_iter().map(|r| r.0).collect())
            }

            async fn campaign_earned_reach(&self, campaign_id: i64, range: $crate::model::DateRange) -> StoreResult<i64> {
                // each author's first mention is kept in `campaign_reach_firsts`; it is the first in
                // the range too unless the campaign has mentions before the range (then: read them)
                let (first,): (Option<chrono::NaiveDate>,) =
                    sqlx::query_as("SELECT MIN(day) FROM mentions WHERE campaign_id = $1")
                        .bind(campaign_id)
                        .fetch_one(&self.pool)
                        .await?;
                let sql = match first {
                    Some(day) if day < range.from => <Self as super::dialect::Dialect>::CAMPAIGN_REACH_SQL,
                    _ => "SELECT CAST(COALESCE(SUM(followers), 0) AS BIGINT) FROM campaign_reach_firsts
                          WHERE campaign_id = $1 AND day BETWEEN $2 AND $3",
                };
                let (reach,): (i64,) = sqlx::query_as(sql)
                    .bind(campaign_id)
                    .bind(range.from)
                    .bind(range.to)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(reach)
            }

            async fn campaign_top_posts(
                &self,
                campaign_id: i64,
                range: $crate::model::DateRange,
                limit: i64,
            ) -> StoreResult<Vec<$crate::features::campaigns::store::TopPostRow>> {
                Ok(sqlx::query_as($crate::features::campaigns::store::TOP_POSTS_SQL)
                    .bind(campaign_id)
                    .bind(range.from)
                    .bind(range.to)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn campaign_choices(&self) -> StoreResult<(Vec<(i64, String, bool)>, Vec<String>)> {
                let brands: Vec<(i64, String, bool)> =
                    sqlx::query_as("SELECT id, name, is_own FROM brands ORDER BY id").fetch_all(&self.pool).await?;
                let markets: Vec<(String,)> =
                    sqlx::query_as("SELECT code FROM markets ORDER BY code").fetch_all(&self.pool).await?;
                Ok((brands, markets.into_iter().map(|m| m.0).collect()))
            }

            async fn save_campaign(
                &self,
                campaign: &$crate::features::campaigns::store::CampaignWrite,
                audit: $crate::server::store::Audit,
            ) -> StoreResult<(i64, $crate::features::campaigns::store::Reattributed)> {
                use $crate::features::campaigns::store::Reattributed;
                let c = &campaign.row;
                let mut tx = self.pool.begin().await?;
                let mut scopes = vec![(c.brand_id, c.start_on, c.end_on)];
                let id = if c.id > 0 {
                    let old: Option<(i64, chrono::NaiveDate, chrono::NaiveDate)> =
                        sqlx::query_as("SELECT brand_id, start_on, end_on FROM campaigns WHERE id = $1")
                            .bind(c.id)
                            .fetch_optional(&mut *tx)
                            .await?;
                    let Some((brand_id, from, to)) = old else {
                        return Err($crate::server::store::StoreError::NotFound(format!("campaign {}", c.id)));
                    };
                    match scopes.iter_mut().find(|s| s.0 == brand_id) {
                        Some(s) => {
                            s.1 = s.1.min(from);
                            s.2 = s.2.max(to);
                        }
                        None => scopes.push((brand_id, from, to)),
                    }
                    sqlx::query(
                        "UPDATE campaigns SET brand_id = $1, name = $2, objective = $3, start_on = $4, end_on = $5,
                             spend = $6, currency = $7, hashtags = $8 WHERE id = $9",
                    )
                    .bind(c.brand_id).bind(&c.name).bind(&c.objective).bind(c.start_on).bind(c.end_on)
                    .bind(c.spend).bind(&c.currency).bind(&c.hashtags).bind(c.id)
                    .execute(&mut *tx)
                    .await?;
                    for table in ["campaign_markets", "campaign_results"] {
                        sqlx::query(&format!("DELETE FROM {table} WHERE campaign_id = $1")).bind(c.id).execute(&mut *tx).await?;
                    }
                    c.id
                } else {
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO campaigns (brand_id, name, objective, start_on, end_on, spend, currency, hashtags)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    )
                    .bind(c.brand_id).bind(&c.name).bind(&c.objective).bind(c.start_on).bind(c.end_on)
                    .bind(c.spend).bind(&c.currency).bind(&c.hashtags)
                    .fetch_one(&mut *tx)
                    .await?;
                    id
                };
                for m in &c.markets {
                    sqlx::query("INSERT INTO campaign_markets (campaign_id, market, launch_on) VALUES ($1, $2, $3)")
                        .bind(id).bind(&m.market).bind(m.launch_on)
                        .execute(&mut *tx)
                        .await?;
                }
                for r in &campaign.results {
                    sqlx::query(
                        "INSERT INTO campaign_results (campaign_id, market, leads, sales, revenue, currency)
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(id).bind(&r.market).bind(r.leads).bind(r.sales).bind(r.revenue).bind(&r.currency)
                    .execute(&mut *tx)
                    .await?;
                }
                let mut moved = Reattributed::default();
                for (brand_id, from, to) in scopes {
                    moved.add(Self::attribute_terms(&mut tx, brand_id, $crate::model::DateRange { from, to }).await?);
                }
                if let Some((from, to)) = moved.days {
                    Self::refresh_rollups(&mut tx, $crate::model::DateRange { from, to }).await?;
                }
                let audit = audit.target("campaign", id).detail(serde_json::json!({
                    "name": c.name, "brand_id": c.brand_id, "start_on": c.start_on, "end_on": c.end_on,
                    "spend": c.spend, "currency": c.currency, "terms": c.hashtags,
                    "markets": c.markets.iter().map(|m| format!("{} {}", m.market, m.launch_on)).collect::<Vec<_>>(),
                    "mentions_moved": moved.mentions, "posts_moved": moved.posts,
                }));
                Self::commit_with(tx, &audit).await?;
                Ok((id, moved))
            }
        }
    };
}
pub(crate) use impl_campaign_store;
