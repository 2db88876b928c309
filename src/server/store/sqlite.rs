//! The SQLite store: the embedded default, one file under `data/`.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDate;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};

use super::{DailySeries, NewMention, NewPost, ReferenceData, Slice, Store, StoreError, StoreResult};
use crate::kpi::{EarnedDay, PeriodSums, PostTotals, RateCardEntry, RateMetric, SentimentCounts};
use crate::model::{BrandChoice, Choice, DateRange, FilterOptions, Sentiment};

/// Rows per multi-row INSERT: 24 columns × 400 rows stays under SQLite's 32,766 variables.
const INSERT_CHUNK: usize = 400;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (and creates, with its folder) the database file named by `url`.
    pub async fn open(url: &str) -> StoreResult<SqliteStore> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-65536")
            .pragma("temp_store", "memory");
        let path = options.get_filename();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Invalid(format!("cannot create the folder {}: {e}", dir.display()))
            })?;
        }
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
        Ok(SqliteStore { pool })
    }

    /// The pool, for tests that check raw rows.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

/// `AND platform = ? AND market = ?` for the optional slice filters, bound in order.
fn push_slice_filters(q: &mut QueryBuilder<'_, Sqlite>, slice: &Slice, with_brand: bool) {
    if with_brand {
        q.push(" brand_id = ").push_bind(slice.brand_id).push(" AND");
    }
    q.push(" day BETWEEN ").push_bind(slice.range.from).push(" AND ").push_bind(slice.range.to);
    if let Some(p) = &slice.platform {
        q.push(" AND platform = ").push_bind(p.clone());
    }
    if let Some(m) = &slice.market {
        q.push(" AND market = ").push_bind(m.clone());
    }
}

fn add_sentiment(counts: &mut SentimentCounts, label: &str, n: i64) {
    match Sentiment::from_token(label) {
        Some(Sentiment::Positive) => counts.positive += n,
        Some(Sentiment::Neutral) => counts.neutral += n,
        Some(Sentiment::Negative) => counts.negative += n,
        None => {}
    }
}

/// Recomputes the rollups of every day in `range` from the raw rows, inside `tx`.
async fn refresh_rollups(tx: &mut Transaction<'_, Sqlite>, range: DateRange) -> StoreResult<()> {
    let (from, to) = (range.from, range.to);
    for table in ["mention_daily", "mention_author_daily", "post_daily"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE day BETWEEN ?1 AND ?2"))
            .bind(from)
            .bind(to)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO mention_daily (brand_id, day, platform, market, campaign_id, sentiment,
             mentions, reach, likes, comments, shares, inquiries)
         SELECT brand_id, day, platform, market, COALESCE(campaign_id, 0), sentiment_label,
             COUNT(*), SUM(reach), SUM(likes), SUM(comments), SUM(shares), SUM(is_inquiry)
         FROM mentions WHERE day BETWEEN ?1 AND ?2
         GROUP BY brand_id, day, platform, market, COALESCE(campaign_id, 0), sentiment_label",
    )
    .bind(from)
    .bind(to)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO mention_author_daily (brand_id, day, platform, market, author_id, followers)
         SELECT brand_id, day, platform, market, author_id, MAX(author_followers)
         FROM mentions WHERE day BETWEEN ?1 AND ?2
         GROUP BY brand_id, day, platform, market, author_id",
    )
    .bind(from)
    .bind(to)
    .execute(&mut **tx)
    .await?;
    link_author_days(tx, range).await?;
    sqlx::query(
        "INSERT INTO post_daily (brand_id, day, platform, market, team_id, account_id, campaign_id,
             posts, impressions, reach, reactions, comments, shares, saves, clicks, video_views)
         SELECT p.brand_id, p.day, p.platform, p.market, COALESCE(a.team_id, 0), p.account_id,
             COALESCE(p.campaign_id, 0), COUNT(*), SUM(p.impressions), SUM(p.reach),
             SUM(p.reactions), SUM(p.comments), SUM(p.shares), SUM(p.saves), SUM(p.clicks),
             SUM(p.video_views)
         FROM posts p JOIN accounts a ON a.id = p.account_id
         WHERE p.day BETWEEN ?1 AND ?2
         GROUP BY p.brand_id, p.day, p.platform, p.market, COALESCE(a.team_id, 0), p.account_id,
             COALESCE(p.campaign_id, 0)",
    )
    .bind(from)
    .bind(to)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets `prev_author` / `prev_market` of the author rows in `range`, and of each affected
/// author's first row after it in every market (whose predecessors may have changed).
async fn link_author_days(tx: &mut Transaction<'_, Sqlite>, range: DateRange) -> StoreResult<()> {
    // Rows are ordered by (day, platform, market) within an author, by (day, platform) within
    // an author and market; a row's prev is the day of the row before it in that order.
    const SET_PREV: &str = "
        UPDATE mention_author_daily AS m SET
          prev_author = (SELECT MAX(p.day) FROM mention_author_daily p
                         WHERE p.brand_id = m.brand_id AND p.author_id = m.author_id
                           AND (p.day, p.platform, p.market) < (m.day, m.platform, m.market)),
          prev_market = (SELECT MAX(p.day) FROM mention_author_daily p
                         WHERE p.brand_id = m.brand_id AND p.author_id = m.author_id AND p.market = m.market
                           AND (p.day, p.platform) < (m.day, m.platform))";
    sqlx::query(&format!("{SET_PREV} WHERE m.day BETWEEN ?1 AND ?2"))
        .bind(range.from)
        .bind(range.to)
        .execute(&mut **tx)
        .await?;
    sqlx::query(&format!(
        "{SET_PREV} WHERE m.day > ?2 AND (m.brand_id, m.author_id, m.market, m.day) IN (
            SELECT n.brand_id, n.author_id, n.market, MIN(n.day) FROM mention_author_daily n
            WHERE n.day > ?2 AND (n.brand_id, n.author_id) IN (
                SELECT brand_id, author_id FROM mention_author_daily WHERE day BETWEEN ?1 AND ?2)
            GROUP BY n.brand_id, n.author_id, n.market)"
    ))
    .bind(range.from)
    .bind(range.to)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The smallest range holding every day in `days`.
fn span(days: impl Iterator<Item = NaiveDate>) -> Option<DateRange> {
    days.fold(None, |acc: Option<DateRange>, d| match acc {
        None => Some(DateRange { from: d, to: d }),
        Some(r) => Some(DateRange { from: r.from.min(d), to: r.to.max(d) }),
    })
}

#[async_trait]
impl Store for SqliteStore {
    async fn migrate(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/sqlite").run(&self.pool).await?;
        Ok(())
    }

    async fn setting(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn set_setting(&self, key: &str, value: &str) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn filter_options(&self) -> StoreResult<FilterOptions> {
        let brands = sqlx::query("SELECT id, name, is_own FROM brands ORDER BY is_own DESC, name")
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|r| BrandChoice { id: r.get(0), name: r.get(1), is_own: r.get(2) })
            .collect();
        let choices = |rows: Vec<sqlx::sqlite::SqliteRow>| -> Vec<Choice<String>> {
            rows.into_iter().map(|r| Choice { key: r.get(0), label: r.get(1) }).collect()
        };
        let platforms = choices(
            sqlx::query("SELECT code, name FROM platforms ORDER BY name").fetch_all(&self.pool).await?,
        );
        let markets =
            choices(sqlx::query("SELECT code, name FROM markets ORDER BY name").fetch_all(&self.pool).await?);
        let extent: (Option<NaiveDate>, Option<NaiveDate>) =
            sqlx::query_as("SELECT MIN(day), MAX(day) FROM mention_daily").fetch_one(&self.pool).await?;
        let data_extent = match extent {
            (Some(from), Some(to)) => Some(DateRange { from, to }),
            _ => None,
        };
        let time_zone = self.setting("reporting_time_zone").await?.unwrap_or_else(|| "UTC".into());
        Ok(FilterOptions { brands, platforms, markets, data_extent, time_zone })
    }

    async fn brand(&self, id: Option<i64>) -> StoreResult<BrandChoice> {
        let row = match id {
            Some(id) => {
                sqlx::query("SELECT id, name, is_own FROM brands WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
            }
            None => {
                sqlx::query("SELECT id, name, is_own FROM brands WHERE is_own = 1 ORDER BY id LIMIT 1")
                    .fetch_optional(&self.pool)
                    .await?
            }
        };
        let row = row.ok_or_else(|| match id {
            Some(id) => StoreError::NotFound(format!("brand {id}")),
            None => StoreError::NotFound("an own brand (the database holds no data yet)".into()),
        })?;
        Ok(BrandChoice { id: row.get(0), name: row.get(1), is_own: row.get(2) })
    }

    async fn period_sums(&self, slice: &Slice) -> StoreResult<PeriodSums> {
        let mut sums = PeriodSums::default();

        let mut q = QueryBuilder::new(
            "SELECT day, platform, sentiment, SUM(mentions), SUM(reach), SUM(likes), SUM(comments), SUM(shares)
             FROM mention_daily WHERE",
        );
        push_slice_filters(&mut q, slice, true);
        q.push(" GROUP BY day, platform, sentiment ORDER BY day, platform");
        let rows = q.build().fetch_all(&self.pool).await?;
        for r in rows {
            let day: NaiveDate = r.get(0);
            let platform: String = r.get(1);
            let label: String = r.get(2);
            add_sentiment(&mut sums.sentiment, &label, r.get(3));
            let (reach, likes, comments, shares): (i64, i64, i64, i64) =
                (r.get(4), r.get(5), r.get(6), r.get(7));
            match sums.earned_days.last_mut() {
                Some(last) if last.day == day && last.platform == platform => {
                    last.reach += reach;
                    last.likes += likes;
                    last.comments += comments;
                    last.shares += shares;
                }
                _ => sums.earned_days.push(EarnedDay { day, platform, reach, likes, comments, shares }),
            }
        }

        // brand_id IN (…) lets SQLite walk the primary key per brand instead of the day index.
        let mut q = QueryBuilder::new(
            "SELECT COALESCE(SUM(mentions), 0) FROM mention_daily WHERE brand_id IN (SELECT id FROM brands) AND",
        );
        push_slice_filters(&mut q, slice, false);
        sums.all_brands_mentions = q.build_query_scalar().fetch_one(&self.pool).await?;

        // One row per distinct author: the first in the range (see link_author_days).
        let prev = if slice.market.is_some() { "prev_market" } else { "prev_author" };
        let mut q = QueryBuilder::new("SELECT COALESCE(SUM(followers), 0) FROM mention_author_daily WHERE");
        push_slice_filters(&mut q, slice, true);
        q.push(format!(" AND ({prev} IS NULL OR {prev} < ")).push_bind(slice.range.from).push(")");
        sums.earned_reach = q.build_query_scalar().fetch_one(&self.pool).await?;

        let mut q = QueryBuilder::new(
            "SELECT COALESCE(SUM(posts), 0), COALESCE(SUM(impressions), 0), COALESCE(SUM(reach), 0),
                COALESCE(SUM(reactions), 0), COALESCE(SUM(comments), 0), COALESCE(SUM(shares), 0),
                COALESCE(SUM(saves), 0), COALESCE(SUM(clicks), 0)
             FROM post_daily WHERE",
        );
        push_slice_filters(&mut q, slice, true);
        let r = q.build().fetch_one(&self.pool).await?;
        sums.posts = PostTotals {
            posts: r.get(0),
            impressions: r.get(1),
            reach: r.get(2),
            reactions: r.get(3),
            comments: r.get(4),
            shares: r.get(5),
            saves: r.get(6),
            clicks: r.get(7),
        };
        Ok(sums)
    }

    async fn daily_series(&self, slice: &Slice) -> StoreResult<DailySeries> {
        let mut series = DailySeries::default();
        let mut q = QueryBuilder::new("SELECT day, sentiment, SUM(mentions) FROM mention_daily WHERE");
        push_slice_filters(&mut q, slice, true);
        q.push(" GROUP BY day, sentiment ORDER BY day");
        for r in q.build().fetch_all(&self.pool).await? {
            let day: NaiveDate = r.get(0);
            let label: String = r.get(1);
            if series.sentiment.last().map(|(d, _)| *d) != Some(day) {
                series.sentiment.push((day, SentimentCounts::default()));
            }
            if let Some((_, counts)) = series.sentiment.last_mut() {
                add_sentiment(counts, &label, r.get(2));
            }
        }
        let mut q = QueryBuilder::new(
            "SELECT day, SUM(posts), SUM(impressions), SUM(reach), SUM(reactions), SUM(comments),
                SUM(shares), SUM(saves), SUM(clicks)
             FROM post_daily WHERE",
        );
        push_slice_filters(&mut q, slice, true);
        q.push(" GROUP BY day ORDER BY day");
        for r in q.build().fetch_all(&self.pool).await? {
            series.posts.push((
                r.get(0),
                PostTotals {
                    posts: r.get(1),
                    impressions: r.get(2),
                    reach: r.get(3),
                    reactions: r.get(4),
                    comments: r.get(5),
                    shares: r.get(6),
                    saves: r.get(7),
                    clicks: r.get(8),
                },
            ));
        }
        Ok(series)
    }

    async fn rate_card(&self) -> StoreResult<(Vec<RateCardEntry>, String)> {
        let rows = sqlx::query(
            "SELECT platform, metric, value, valid_from, currency FROM rate_cards ORDER BY valid_from",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut currency = None;
        let mut card = Vec::with_capacity(rows.len());
        for r in rows {
            let metric: String = r.get(1);
            let Some(metric) = RateMetric::from_token(&metric) else { continue };
            currency.get_or_insert_with(|| r.get::<String, _>(4));
            card.push(RateCardEntry { platform: r.get(0), metric, value: r.get(2), valid_from: r.get(3) });
        }
        Ok((card, currency.unwrap_or_else(|| "EUR".into())))
    }

    async fn clear_data(&self) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        // account_events is append-only by trigger; a demo refill drops and recreates its rows.
        sqlx::query("DROP TRIGGER IF EXISTS account_events_append_only_d").execute(&mut *tx).await?;
        for table in [
            "mention_daily",
            "mention_author_daily",
            "post_daily",
            "mentions",
            "posts",
            "authors",
            "import_rejects",
            "import_batches",
            "campaign_results",
            "campaign_markets",
            "rate_cards",
            "account_events",
            "accounts",
            "campaigns",
            "brands",
        ] {
            sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *tx).await?;
        }
        sqlx::query(
            "CREATE TRIGGER account_events_append_only_d BEFORE DELETE ON account_events
             BEGIN SELECT RAISE(ABORT, 'account_events is append-only'); END",
        )
        .execute(&mut *tx)
        .await?;
        // People and teams may be referenced by users; keep those that are.
        sqlx::query("DELETE FROM people").execute(&mut *tx).await?;
        sqlx::query(
            "DELETE FROM teams WHERE id NOT IN (SELECT team_id FROM users WHERE team_id IS NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM markets WHERE code NOT IN (SELECT market FROM teams WHERE market IS NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM platforms").execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn insert_reference(&self, d: &ReferenceData) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        for (code, name) in &d.platforms {
            sqlx::query("INSERT INTO platforms (code, name) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name")
                .bind(code).bind(name).execute(&mut *tx).await?;
        }
        for (code, name) in &d.markets {
            sqlx::query("INSERT INTO markets (code, name) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name")
                .bind(code).bind(name).execute(&mut *tx).await?;
        }
        for b in &d.brands {
            sqlx::query("INSERT INTO brands (id, name, is_own, keywords) VALUES (?, ?, ?, ?)")
                .bind(b.id)
                .bind(&b.name)
                .bind(b.is_own)
                .bind(&b.keywords)
                .execute(&mut *tx)
                .await?;
        }
        for t in &d.teams {
            sqlx::query(
                "INSERT OR REPLACE INTO teams (id, name, market, region, kind) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(t.id)
            .bind(&t.name)
            .bind(&t.market)
            .bind(&t.region)
            .bind(if t.is_hub { "hub" } else { "spoke" })
            .execute(&mut *tx)
            .await?;
        }
        for p in &d.people {
            sqlx::query(
                "INSERT INTO people (id, name, email, team_id, status, left_on) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(p.id)
            .bind(&p.name)
            .bind(&p.email)
            .bind(p.team_id)
            .bind(if p.left_on.is_some() { "left" } else { "active" })
            .bind(p.left_on)
            .execute(&mut *tx)
            .await?;
        }
        for a in &d.accounts {
            sqlx::query(
                "INSERT INTO accounts (id, brand_id, platform, handle, url, market, team_id, owner_id,
                    backup_owner_id, custodian_id, status, created_on, last_reviewed_on, followers)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(a.id)
            .bind(a.brand_id)
            .bind(&a.platform)
            .bind(&a.handle)
            .bind(&a.url)
            .bind(&a.market)
            .bind(a.team_id)
            .bind(a.owner_id)
            .bind(a.backup_owner_id)
            .bind(a.custodian_id)
            .bind(a.status.token())
            .bind(a.created_on)
            .bind(a.last_reviewed_on)
            .bind(a.followers)
            .execute(&mut *tx)
            .await?;
        }
        for e in &d.account_events {
            sqlx::query(
                "INSERT INTO account_events (account_id, at, actor, kind, from_value, to_value, reason)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(e.account_id)
            .bind(e.at)
            .bind(&e.actor)
            .bind(&e.kind)
            .bind(&e.from_value)
            .bind(&e.to_value)
            .bind(&e.reason)
            .execute(&mut *tx)
            .await?;
        }
        for c in &d.campaigns {
            sqlx::query(
                "INSERT INTO campaigns (id, brand_id, name, objective, start_on, end_on, spend, currency, hashtags)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(c.id).bind(c.brand_id).bind(&c.name).bind(&c.objective).bind(c.start_on)
            .bind(c.end_on).bind(c.spend).bind(&c.currency).bind(&c.hashtags)
            .execute(&mut *tx).await?;
            for m in &c.markets {
                sqlx::query("INSERT INTO campaign_markets (campaign_id, market) VALUES (?, ?)")
                    .bind(c.id)
                    .bind(m)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for r in &d.campaign_results {
            sqlx::query(
                "INSERT INTO campaign_results (campaign_id, market, leads, sales, revenue, currency)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(r.campaign_id)
            .bind(&r.market)
            .bind(r.leads)
            .bind(r.sales)
            .bind(r.revenue)
            .bind(&r.currency)
            .execute(&mut *tx)
            .await?;
        }
        for e in &d.rate_card {
            sqlx::query("INSERT INTO rate_cards (platform, metric, value, currency, valid_from) VALUES (?, ?, ?, ?, ?)")
                .bind(&e.platform).bind(e.metric.token()).bind(e.value).bind(&d.currency).bind(e.valid_from)
                .execute(&mut *tx).await?;
        }
        for chunk in d.authors.chunks(INSERT_CHUNK) {
            let mut q = QueryBuilder::new("INSERT INTO authors (id, platform, handle, followers) ");
            q.push_values(chunk, |mut b, a| {
                b.push_bind(a.id).push_bind(&a.platform).push_bind(&a.handle).push_bind(a.followers);
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn insert_activity(&self, mentions: &[NewMention], posts: &[NewPost]) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        for chunk in mentions.chunks(INSERT_CHUNK) {
            let mut q = QueryBuilder::new(
                "INSERT INTO mentions (brand_id, platform, external_id, author_id, author_followers,
                    published_at, day, market, language, text, sentiment_label, sentiment_score,
                    sentiment_source, generated_label, reach, likes, comments, shares, campaign_id,
                    is_inquiry, first_response_secs) ",
            );
            q.push_values(chunk, |mut b, m| {
                b.push_bind(m.brand_id)
                    .push_bind(m.platform)
                    .push_bind(&m.external_id)
                    .push_bind(m.author_id)
                    .push_bind(m.author_followers)
                    .push_bind(m.published_at)
                    .push_bind(m.day)
                    .push_bind(m.market)
                    .push_bind(m.language)
                    .push_bind(&m.text)
                    .push_bind(m.sentiment.token())
                    .push_bind(m.sentiment_score)
                    .push_bind(m.sentiment_source.token())
                    .push_bind(m.generated_label.map(Sentiment::token))
                    .push_bind(m.reach)
                    .push_bind(m.likes)
                    .push_bind(m.comments)
                    .push_bind(m.shares)
                    .push_bind(m.campaign_id)
                    .push_bind(m.is_inquiry)
                    .push_bind(m.first_response_secs);
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in posts.chunks(INSERT_CHUNK) {
            let mut q = QueryBuilder::new(
                "INSERT INTO posts (brand_id, account_id, campaign_id, platform, external_id,
                    published_at, day, market, text, impressions, reach, reactions, comments, shares,
                    saves, clicks, video_views) ",
            );
            q.push_values(chunk, |mut b, p| {
                b.push_bind(p.brand_id)
                    .push_bind(p.account_id)
                    .push_bind(p.campaign_id)
                    .push_bind(&p.platform)
                    .push_bind(&p.external_id)
                    .push_bind(p.published_at)
                    .push_bind(p.day)
                    .push_bind(&p.market)
                    .push_bind(&p.text)
                    .push_bind(p.impressions)
                    .push_bind(p.reach)
                    .push_bind(p.reactions)
                    .push_bind(p.comments)
                    .push_bind(p.shares)
                    .push_bind(p.saves)
                    .push_bind(p.clicks)
                    .push_bind(p.video_views);
            });
            q.build().execute(&mut *tx).await?;
        }
        let days = mentions.iter().map(|m| m.day).chain(posts.iter().map(|p| p.day));
        if let Some(range) = span(days) {
            refresh_rollups(&mut tx, range).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn rebuild_rollups(&self) -> StoreResult<()> {
        let (from, to): (Option<NaiveDate>, Option<NaiveDate>) = sqlx::query_as(
            "SELECT MIN(d), MAX(d) FROM (SELECT MIN(day) d FROM mentions UNION ALL SELECT MAX(day) FROM mentions
             UNION ALL SELECT MIN(day) FROM posts UNION ALL SELECT MAX(day) FROM posts)",
        )
        .fetch_one(&self.pool)
        .await?;
        let mut tx = self.pool.begin().await?;
        for table in ["mention_daily", "mention_author_daily", "post_daily"] {
            sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *tx).await?;
        }
        if let (Some(from), Some(to)) = (from, to) {
            refresh_rollups(&mut tx, DateRange { from, to }).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn counts(&self) -> StoreResult<(i64, i64)> {
        Ok(sqlx::query_as("SELECT (SELECT COUNT(*) FROM mentions), (SELECT COUNT(*) FROM posts)")
            .fetch_one(&self.pool)
            .await?)
    }
}
