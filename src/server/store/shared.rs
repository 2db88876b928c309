//! What the SQLite and PostgreSQL stores share: their SQL is written once, in the subset both
//! dialects accept (`$n` placeholders, `CAST(… AS BIGINT)`, `ON CONFLICT`), and expanded for
//! each by `impl_store!`. What differs — connecting, migrations, emptying tables, sequence and
//! statistics upkeep, an import's bulk writes — are the `Dialect` hooks (`dialect.rs`), one
//! implementation in each dialect's file.

use chrono::NaiveDate;

use crate::model::DateRange;

/// The smallest range holding every day in `days`.
pub(super) fn span(days: impl Iterator<Item = NaiveDate>) -> Option<DateRange> {
    days.fold(None, |acc: Option<DateRange>, d| match acc {
        None => Some(DateRange { from: d, to: d }),
        Some(r) => Some(DateRange { from: r.from.min(d), to: r.to.max(d) }),
    })
}

/// Empties the reference tables after a data refill, keeping the teams (and their markets) that
/// users belong to. Run in this order, in the refill's transaction, by both dialects.
pub(super) const CLEAR_REFERENCE: [&str; 4] = [
    "DELETE FROM people",
    "DELETE FROM teams WHERE id NOT IN (SELECT team_id FROM users WHERE team_id IS NOT NULL)",
    "DELETE FROM markets WHERE code NOT IN (SELECT market FROM teams WHERE market IS NOT NULL)",
    "DELETE FROM platforms",
];

/// Sets `prev_author` / `prev_market` of the `mention_author_daily` rows a `WHERE` on `m` selects.
/// Rows are ordered by (day, platform, market) within an author, by (day, platform) within an
/// author and market; a row's prev is the day of the row before it in that order, or
/// '0001-01-01' for the first (migration 0003): a day before any period, so "no earlier row in the
/// period" is `prev < period start` alone, one range of the reach index per day.
pub(super) const SET_PREV: &str = "
    UPDATE mention_author_daily AS m SET
      prev_author = COALESCE((SELECT MAX(p.day) FROM mention_author_daily p
                     WHERE p.brand_id = m.brand_id AND p.author_id = m.author_id
                       AND (p.day, p.platform, p.market) < (m.day, m.platform, m.market)), '0001-01-01'),
      prev_market = COALESCE((SELECT MAX(p.day) FROM mention_author_daily p
                     WHERE p.brand_id = m.brand_id AND p.author_id = m.author_id AND p.market = m.market
                       AND (p.day, p.platform) < (m.day, m.platform)), '0001-01-01')";

/// An author-day added again keeps the larger follower count.
pub(super) const AUTHOR_DAY_CONFLICT: &str =
    " ON CONFLICT (brand_id, day, platform, market, author_id) DO UPDATE SET followers =
         CASE WHEN excluded.followers > mention_author_daily.followers
              THEN excluded.followers ELSE mention_author_daily.followers END";

/// Implements `Store` for `$store` (which has a `pool` field and the `dialect_*` methods) on
/// database `$db`, writing `$chunk` rows per multi-row INSERT.
macro_rules! impl_store {
    ($store:ty, $db:ty, $chunk:expr) => {
        impl $store {
                /// `[brand_id = ? AND] day BETWEEN ? AND ?` and the slice's dimension filters, bound in order.
                pub(super) fn push_slice_filters(q: &mut sqlx::QueryBuilder<'_, $db>, slice: &Slice, with_brand: bool) {
                    if with_brand {
                        q.push(" brand_id = ").push_bind(slice.brand_id).push(" AND");
                    }
                    q.push(" day BETWEEN ").push_bind(slice.range.from).push(" AND ").push_bind(slice.range.to);
                    Self::push_dimension_filters(q, slice);
                }

                /// `AND platform = ? AND market = ?` for the slice's optional platform and market.
                pub(super) fn push_dimension_filters(q: &mut sqlx::QueryBuilder<'_, $db>, slice: &Slice) {
                    if let Some(p) = &slice.platform {
                        q.push(" AND platform = ").push_bind(p.clone());
                    }
                    if let Some(m) = &slice.market {
                        q.push(" AND market = ").push_bind(m.clone());
                    }
                    if let Some(c) = slice.campaign_id {
                        q.push(" AND campaign_id = ").push_bind(c);
                    }
                }

                /// Recomputes the rollups of every day in `range` from the raw rows, inside `tx`. Mentions
                /// are read brand by brand (`brand_id IN …`): mentions_brand_day is their only day index.
                pub(super) async fn refresh_rollups(tx: &mut sqlx::Transaction<'_, $db>, range: DateRange) -> StoreResult<()> {
                    let (from, to) = (range.from, range.to);
                    for table in ["mention_daily", "mention_author_daily", "post_daily"] {
                        sqlx::query(&format!("DELETE FROM {table} WHERE day BETWEEN $1 AND $2"))
                            .bind(from)
                            .bind(to)
                            .execute(&mut **tx)
                            .await?;
                    }
                    Self::insert_mention_daily(tx, range).await?;
                    sqlx::query(
                        "INSERT INTO mention_author_daily (brand_id, day, platform, market, author_id, followers)
                         SELECT brand_id, day, platform, market, author_id, MAX(author_followers)
                         FROM mentions WHERE brand_id IN (SELECT id FROM brands) AND day BETWEEN $1 AND $2
                         GROUP BY brand_id, day, platform, market, author_id",
                    )
                    .bind(from)
                    .bind(to)
                    .execute(&mut **tx)
                    .await?;
                    Self::link_author_days(tx, range).await?;
                    sqlx::query(
                        "INSERT INTO post_daily (brand_id, day, platform, market, team_id, account_id, campaign_id,
                             posts, impressions, reach, reactions, comments, shares, saves, clicks, video_views)
                         SELECT p.brand_id, p.day, p.platform, p.market, COALESCE(a.team_id, 0), p.account_id,
                             COALESCE(p.campaign_id, 0), COUNT(*), CAST(SUM(p.impressions) AS BIGINT), CAST(SUM(p.reach) AS BIGINT),
                             CAST(SUM(p.reactions) AS BIGINT), CAST(SUM(p.comments) AS BIGINT), CAST(SUM(p.shares) AS BIGINT), CAST(SUM(p.saves) AS BIGINT), CAST(SUM(p.clicks) AS BIGINT),
                             CAST(SUM(p.video_views) AS BIGINT)
                         FROM posts p JOIN accounts a ON a.id = p.account_id
                         WHERE p.day BETWEEN $1 AND $2
                         GROUP BY p.brand_id, p.day, p.platform, p.market, COALESCE(a.team_id, 0), p.account_id,
                             COALESCE(p.campaign_id, 0)",
                    )
                    .bind(from)
                    .bind(to)
                    .execute(&mut **tx)
                    .await?;
                    // each account's latest post day, for the accounts with posts on these days and
                    // those whose latest was here (a post that moved to another account or day)
                    sqlx::query(
                        "UPDATE accounts SET last_post_on = (SELECT MAX(p.day) FROM posts p WHERE p.account_id = accounts.id)
                         WHERE id IN (SELECT DISTINCT account_id FROM posts WHERE day BETWEEN $1 AND $2)
                            OR last_post_on BETWEEN $1 AND $2",
                    )
                    .bind(from)
                    .bind(to)
                    .execute(&mut **tx)
                    .await?;
                    Self::refresh_campaign_firsts(tx, range).await
                }

                /// Recounts `campaign_reach_firsts` (each author's first mention per campaign) for
                /// the campaigns with mentions on `range`'s days and those whose first mention of an
                /// author was there (a row that left the campaign may have been one).
                pub(super) async fn refresh_campaign_firsts(tx: &mut sqlx::Transaction<'_, $db>, range: DateRange) -> StoreResult<()> {
                    let ids: Vec<(i64,)> = sqlx::query_as(
                        "SELECT c.id FROM campaigns c
                         WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.campaign_id = c.id AND m.day BETWEEN $1 AND $2)
                            OR EXISTS (SELECT 1 FROM campaign_reach_firsts f WHERE f.campaign_id = c.id AND f.day BETWEEN $1 AND $2)",
                    )
                    .bind(range.from)
                    .bind(range.to)
                    .fetch_all(&mut **tx)
                    .await?;
                    for (id,) in ids {
                        sqlx::query("DELETE FROM campaign_reach_firsts WHERE campaign_id = $1").bind(id).execute(&mut **tx).await?;
                        sqlx::query(
                            "INSERT INTO campaign_reach_firsts (campaign_id, author_id, day, followers)
                             SELECT campaign_id, author_id, day, author_followers FROM (
                                 SELECT campaign_id, author_id, day, author_followers,
                                     ROW_NUMBER() OVER (PARTITION BY author_id ORDER BY published_at, id) AS nth
                                 FROM mentions WHERE campaign_id = $1) firsts
                             WHERE nth = 1",
                        )
                        .bind(id)
                        .execute(&mut **tx)
                        .await?;
                    }
                    Ok(())
                }

                /// Recomputes only `mention_daily` for `range` (a sentiment changed; nothing else did).
                pub(super) async fn refresh_mention_daily(tx: &mut sqlx::Transaction<'_, $db>, range: DateRange) -> StoreResult<()> {
                    sqlx::query("DELETE FROM mention_daily WHERE day BETWEEN $1 AND $2")
                        .bind(range.from)
                        .bind(range.to)
                        .execute(&mut **tx)
                        .await?;
                    Self::insert_mention_daily(tx, range).await
                }

                async fn insert_mention_daily(tx: &mut sqlx::Transaction<'_, $db>, range: DateRange) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO mention_daily (brand_id, day, platform, market, campaign_id, sentiment,
                             mentions, reach, likes, comments, shares, inquiries)
                         SELECT brand_id, day, platform, market, COALESCE(campaign_id, 0), sentiment_label,
                             COUNT(*), CAST(SUM(reach) AS BIGINT), CAST(SUM(likes) AS BIGINT), CAST(SUM(comments) AS BIGINT), CAST(SUM(shares) AS BIGINT), SUM(CASE WHEN is_inquiry THEN 1 ELSE 0 END)
                         FROM mentions WHERE brand_id IN (SELECT id FROM brands) AND day BETWEEN $1 AND $2
                         GROUP BY brand_id, day, platform, market, COALESCE(campaign_id, 0), sentiment_label",
                    )
                    .bind(range.from)
                    .bind(range.to)
                    .execute(&mut **tx)
                    .await?;
                    Ok(())
                }

                /// Adds the author-days of the new mentions with ids from `first_id` (the batch's own) to
                /// `mention_author_daily` and links their authors' rows again: the work grows with the
                /// batch and its authors' history, not with the days it spans (as a rebuild does).
                pub(super) async fn add_author_days(
                    tx: &mut sqlx::Transaction<'_, $db>,
                    first_id: i64,
                    batch_id: i64,
                ) -> StoreResult<()> {
                    sqlx::query(&format!(
                        "INSERT INTO mention_author_daily (brand_id, day, platform, market, author_id, followers)
                         SELECT brand_id, day, platform, market, author_id, MAX(author_followers)
                         FROM mentions WHERE id >= $1 AND import_batch_id = $2
                         GROUP BY brand_id, day, platform, market, author_id {}",
                        $crate::server::store::shared::AUTHOR_DAY_CONFLICT
                    ))
                    .bind(first_id)
                    .bind(batch_id)
                    .execute(&mut **tx)
                    .await?;
                    sqlx::query(&format!(
                        "{} WHERE (m.brand_id, m.author_id) IN (
                             SELECT brand_id, author_id FROM mentions WHERE id >= $1 AND import_batch_id = $2)",
                        $crate::server::store::shared::SET_PREV
                    ))
                    .bind(first_id)
                    .bind(batch_id)
                    .execute(&mut **tx)
                    .await?;
                    Ok(())
                }

                /// Adds a batch's author-days gathered in memory (`rollup_delta::AuthorDays`): those of
                /// authors above `known` come linked; the others' authors are linked again here.
                pub(super) async fn add_author_day_rows(
                    tx: &mut sqlx::Transaction<'_, $db>,
                    days: &$crate::server::store::rollup_delta::AuthorDays,
                    known: i64,
                ) -> StoreResult<()> {
                    let per_statement = $crate::server::store::imports::IMPORT_ROWS_PER_STATEMENT;
                    Self::insert_author_days(tx, &days.rows(known)).await?;
                    for (brand_id, authors) in days.known_authors(known) {
                        for part in authors.chunks(per_statement) {
                            let mut q = sqlx::QueryBuilder::<$db>::new($crate::server::store::shared::SET_PREV);
                            q.push(" WHERE m.brand_id = ").push_bind(brand_id).push(" AND m.author_id IN (");
                            let mut list = q.separated(", ");
                            for id in part {
                                list.push_bind(*id);
                            }
                            q.push(")");
                            q.build().execute(&mut **tx).await?;
                        }
                    }
                    Ok(())
                }

                /// Sets `prev_author` / `prev_market` of the author rows in `range`, and of each affected
                /// author's first row after it in every market (whose predecessors may have changed).
                async fn link_author_days(tx: &mut sqlx::Transaction<'_, $db>, range: DateRange) -> StoreResult<()> {
                    sqlx::query(&format!("{} WHERE m.day BETWEEN $1 AND $2", $crate::server::store::shared::SET_PREV))
                        .bind(range.from)
                        .bind(range.to)
                        .execute(&mut **tx)
                        .await?;
                    sqlx::query(&format!(
                        "{} WHERE m.day > $2 AND (m.brand_id, m.author_id, m.market, m.day) IN (
                            SELECT n.brand_id, n.author_id, n.market, MIN(n.day) FROM mention_author_daily n
                            WHERE n.day > $2 AND (n.brand_id, n.author_id) IN (
                                SELECT brand_id, author_id FROM mention_author_daily WHERE day BETWEEN $1 AND $2)
                            GROUP BY n.brand_id, n.author_id, n.market)",
                        $crate::server::store::shared::SET_PREV
                    ))
                    .bind(range.from)
                    .bind(range.to)
                    .execute(&mut **tx)
                    .await?;
                    Ok(())
                }
        }

        #[async_trait::async_trait]
                impl Store for $store {
            async fn migrate(&self) -> StoreResult<()> {
                self.dialect_migrate().await
            }

            async fn setting(&self, key: &str) -> StoreResult<Option<String>> {
                Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn set_setting(&self, key: &str, value: &str) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2)
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
                let choices = |rows: Vec<<$db as sqlx::Database>::Row>| -> Vec<Choice<String>> {
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
                        sqlx::query("SELECT id, name, is_own FROM brands WHERE id = $1")
                            .bind(id)
                            .fetch_optional(&self.pool)
                            .await?
                    }
                    None => {
                        sqlx::query("SELECT id, name, is_own FROM brands WHERE is_own ORDER BY id LIMIT 1")
                            .fetch_optional(&self.pool)
                            .await?
                    }
                };
                let row = row.ok_or_else(|| match id {
                    Some(id) => StoreError::NotFound(format!("brand {id}")),
                    None => StoreError::NotFound(
                        "an own brand: add it on the Setup page or with `resonance brand add NAME --own`".into(),
                    ),
                })?;
                Ok(BrandChoice { id: row.get(0), name: row.get(1), is_own: row.get(2) })
            }

            async fn stats_rows(&self, statement: &$crate::stats::sql::Statement) -> StoreResult<Vec<$crate::stats::sql::RawRow>> {
                use $crate::stats::sql::{Bind, KeyKind, RawRow};
                let mut q = sqlx::query(&statement.sql);
                for bind in &statement.binds {
                    q = match bind {
                        Bind::Int(v) => q.bind(*v),
                        Bind::Text(v) => q.bind(v.as_str()),
                        Bind::Day(v) => q.bind(*v),
                    };
                }
                let mut out = Vec::new();
                for r in q.fetch_all(&self.pool).await? {
                    let mut at = 0;
                    let (mut id, mut code) = (None, None);
                    match statement.key {
                        Some(KeyKind::Id) => id = Some(r.try_get(0)?),
                        Some(KeyKind::Code) => code = Some(r.try_get(0)?),
                        None => {}
                    }
                    at += usize::from(statement.key.is_some());
                    let day = if statement.by_day { Some(r.try_get(at)?) } else { None };
                    at += usize::from(statement.by_day);
                    let values = (at..at + statement.metrics.len()).map(|i| r.try_get(i)).collect::<Result<Vec<i64>, _>>()?;
                    out.push(RawRow { id, code, day, values });
                }
                Ok(out)
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
                self.dialect_clear().await
            }

            async fn optimize(&self) -> StoreResult<()> {
                self.dialect_optimize().await
            }

            async fn insert_reference(&self, d: &ReferenceData) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                for (code, name) in &d.platforms {
                    sqlx::query("INSERT INTO platforms (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = excluded.name")
                        .bind(code).bind(name).execute(&mut *tx).await?;
                }
                for (code, name) in &d.markets {
                    sqlx::query("INSERT INTO markets (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = excluded.name")
                        .bind(code).bind(name).execute(&mut *tx).await?;
                }
                for b in &d.brands {
                    sqlx::query("INSERT INTO brands (id, name, is_own, keywords) VALUES ($1, $2, $3, $4)")
                        .bind(b.id)
                        .bind(&b.name)
                        .bind(b.is_own)
                        .bind(&b.keywords)
                        .execute(&mut *tx)
                        .await?;
                }
                for t in &d.teams {
                    sqlx::query(
                        "INSERT INTO teams (id, name, market, region, kind) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET name = excluded.name, market = excluded.market, region = excluded.region, kind = excluded.kind",
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
                        "INSERT INTO people (id, name, email, team_id, status, left_on) VALUES ($1, $2, $3, $4, $5, $6)",
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
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
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
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
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
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(c.id).bind(c.brand_id).bind(&c.name).bind(&c.objective).bind(c.start_on)
                    .bind(c.end_on).bind(c.spend).bind(&c.currency).bind(&c.hashtags)
                    .execute(&mut *tx).await?;
                    for m in &c.markets {
                        sqlx::query("INSERT INTO campaign_markets (campaign_id, market, launch_on) VALUES ($1, $2, $3)")
                            .bind(c.id)
                            .bind(&m.market)
                            .bind(m.launch_on)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                for r in &d.campaign_results {
                    sqlx::query(
                        "INSERT INTO campaign_results (campaign_id, market, leads, sales, revenue, currency)
                         VALUES ($1, $2, $3, $4, $5, $6)",
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
                    sqlx::query("INSERT INTO rate_cards (platform, metric, value, currency, valid_from) VALUES ($1, $2, $3, $4, $5)")
                        .bind(&e.platform).bind(e.metric.token()).bind(e.value).bind(&d.currency).bind(e.valid_from)
                        .execute(&mut *tx).await?;
                }
                for chunk in d.authors.chunks($chunk) {
                    let mut q = sqlx::QueryBuilder::<$db>::new("INSERT INTO authors (id, platform, handle, followers) ");
                    q.push_values(chunk, |mut b, a| {
                        b.push_bind(a.id).push_bind(&a.platform).push_bind(&a.handle).push_bind(a.followers);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                Self::after_reference(&mut tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn insert_activity(&self, mentions: &[NewMention], posts: &[NewPost]) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                for chunk in mentions.chunks($chunk) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO mentions (brand_id, platform, external_id, author_id, author_followers,
                            published_at, day, market, language, text, sentiment_label, sentiment_score,
                            sentiment_source, computed_score, computed_label, unscored_reason, imported_label,
                            generated_label, reach, likes, comments, shares, campaign_id, is_inquiry,
                            first_response_secs) ",
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
                            .push_bind(&m.language)
                            .push_bind(&m.text)
                            .push_bind(m.sentiment.token())
                            .push_bind(m.sentiment_score)
                            .push_bind(m.sentiment_source.token())
                            .push_bind(m.computed_score)
                            .push_bind(m.computed_label.map($crate::model::Sentiment::token))
                            .push_bind(&m.unscored_reason)
                            .push_bind(m.imported_label.map($crate::model::Sentiment::token))
                            .push_bind(m.generated_label.map($crate::model::Sentiment::token))
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
                for chunk in posts.chunks($chunk) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(format!(
                        "INSERT INTO posts ({}) ",
                        $crate::server::store::records::POST_COLUMNS
                    ));
                    q.push_values(chunk, |mut b, p| {
                        $crate::server::store::records::push_post!(b, p);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                let days = mentions.iter().map(|m| m.day).chain(posts.iter().map(|p| p.day));
                if let Some(range) = $crate::server::store::shared::span(days) {
                    Self::refresh_rollups(&mut tx, range).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn rebuild_rollups(&self) -> StoreResult<()> {
                let (from, to): (Option<NaiveDate>, Option<NaiveDate>) = sqlx::query_as(
                    "SELECT MIN(d), MAX(d) FROM (SELECT MIN(day) d FROM mentions UNION ALL SELECT MAX(day) FROM mentions
                     UNION ALL SELECT MIN(day) FROM posts UNION ALL SELECT MAX(day) FROM posts) AS spans",
                )
                .fetch_one(&self.pool)
                .await?;
                let mut tx = self.pool.begin().await?;
                for table in ["mention_daily", "mention_author_daily", "post_daily", "campaign_reach_firsts"] {
                    sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *tx).await?;
                }
                if let (Some(from), Some(to)) = (from, to) {
                    Self::refresh_rollups(&mut tx, DateRange { from, to }).await?;
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
    };
}

pub(super) use impl_store;
