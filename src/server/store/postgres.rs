//! The PostgreSQL store: for a company that outgrows one machine. Several stateless
//! `resonance serve` processes can share one database.

use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDate;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres, Row, Transaction};

use super::dialect::Dialect;
use super::imports::{impl_import_store, ImportMention};
use super::rollup_delta::AuthorDayRow;
use super::shared::impl_store;
use super::users::{
    day_start, impl_user_store, Audit, NewUser, SessionRecord, UserRecord, UserStore, USER_SELECT,
    USER_SELECT_WITH_SESSION,
};
use super::{NewMention, NewPost, ReferenceData, Slice, Store, StoreError, StoreResult};
use crate::auth::{AuditEntry, AuditFilter, Role, TeamChoice};
use crate::features::campaigns::store::impl_campaign_store;
use crate::features::governance::store::impl_governance_store;
use crate::features::mentions::store::impl_mention_store;
use crate::features::setup::store::impl_setup_store;
use crate::features::summary::store::impl_summary_store;
use crate::kpi::{RateCardEntry, RateMetric};
use crate::model::{BrandChoice, Choice, DateRange, FilterOptions};

/// Rows per multi-row INSERT: 25 parameters × 2,500 rows stays under PostgreSQL’s 65,535.
const INSERT_CHUNK: usize = 2_500;

/// Tables whose ids the demo (or an importer) may set explicitly; their identity sequences are
/// moved past the largest id afterwards so that later inserts without an id do not collide.
const IDENTITY_TABLES: [&str; 6] = ["brands", "teams", "people", "accounts", "campaigns", "authors"];

/// The advisory lock imports take (any number no other lock uses; "RESO" in ASCII).
const IMPORT_LOCK: i64 = 0x5245_534f;

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to the server named by `url` (`postgres://user@host:port/db`). A `schema`
    /// query parameter (`?schema=name`) puts every table in that schema, created if missing.
    pub async fn open(url: &str) -> StoreResult<PgStore> {
        let (url, schema) = split_schema(url)?;
        // No JIT: the dashboard's queries are short, and compiling them took longer than running
        // them (a 30-day overview at 10 M mentions spent tens of ms in LLVM before reading a row).
        let mut options = PgConnectOptions::from_str(&url)?.options([("jit", "off")]);
        if let Some(schema) = &schema {
            options = options.options([("search_path", schema.as_str())]);
        }
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        if let Some(schema) = &schema {
            sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\"")).execute(&pool).await?;
        }
        Ok(PgStore { pool })
    }

    /// The pool, for tests that check raw rows.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

#[async_trait::async_trait]
impl Dialect for PgStore {
    type Db = Postgres;

    const CAMPAIGN_REACH_SQL: &'static str = "SELECT CAST(COALESCE(SUM(followers), 0) AS BIGINT) FROM (
         SELECT DISTINCT ON (author_id) author_followers AS followers FROM mentions
         WHERE campaign_id = $1 AND day BETWEEN $2 AND $3 ORDER BY author_id, published_at, id) firsts";

    async fn dialect_migrate(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/postgres").run(&self.pool).await?;
        Ok(())
    }

    /// Nothing to change for an import: PostgreSQL spills large sorts to disk by itself (`work_mem`).
    async fn bulk_mode(_conn: &mut sqlx::PgConnection, _on: bool) -> StoreResult<()> {
        Ok(())
    }

    /// One import at a time (until this transaction ends): an import tells the authors it created
    /// by their ids, which only holds while no other import creates authors beside it.
    async fn lock_imports(tx: &mut Transaction<'_, Postgres>) -> StoreResult<()> {
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(IMPORT_LOCK).execute(&mut **tx).await?;
        Ok(())
    }

    /// An import's authors upserted in one multi-row statement: their ids, in order.
    async fn upsert_authors(
        tx: &mut Transaction<'_, Postgres>,
        authors: &[(&str, &str, i64)],
    ) -> StoreResult<Vec<i64>> {
        let mut q = sqlx::QueryBuilder::<Postgres>::new("INSERT INTO authors (platform, handle, followers) ");
        q.push_values(authors, |mut b, a| {
            b.push_bind(a.0).push_bind(a.1).push_bind(a.2);
        });
        q.push(" ON CONFLICT (platform, handle) DO UPDATE SET followers = excluded.followers RETURNING id, platform, handle");
        let rows: Vec<(i64, String, String)> = q.build_query_as().fetch_all(&mut **tx).await?;
        let by_author: rustc_hash::FxHashMap<(&str, &str), i64> =
            rows.iter().map(|(id, p, h)| ((p.as_str(), h.as_str()), *id)).collect();
        Ok(authors.iter().filter_map(|a| by_author.get(&(a.0, a.1)).copied()).collect())
    }

    /// An import's new mentions in one multi-row statement; the ids of those it added (a row
    /// already stored is left as it is).
    async fn insert_new_mentions(
        tx: &mut Transaction<'_, Postgres>,
        part: &[&ImportMention],
        author_id: &(dyn for<'m> Fn(&'m ImportMention) -> Option<i64> + Sync),
        batch_id: i64,
    ) -> StoreResult<Vec<i64>> {
        let mut q = Self::mention_insert(part, &author_id, batch_id);
        q.push(" ON CONFLICT (brand_id, platform, external_id) DO NOTHING RETURNING id");
        Ok(q.build_query_scalar().fetch_all(&mut **tx).await?)
    }

    /// A batch's author-day rows, `IMPORT_ROWS_PER_STATEMENT` per statement.
    async fn insert_author_days(
        tx: &mut Transaction<'_, Postgres>,
        rows: &[AuthorDayRow<'_>],
    ) -> StoreResult<()> {
        for part in rows.chunks(super::imports::IMPORT_ROWS_PER_STATEMENT) {
            let mut q = sqlx::QueryBuilder::<Postgres>::new(
                "INSERT INTO mention_author_daily
                     (brand_id, day, platform, market, author_id, followers, prev_author, prev_market) ",
            );
            q.push_values(part, |mut b, r| {
                b.push_bind(r.brand_id).push_bind(r.day).push_bind(r.platform).push_bind(r.market);
                b.push_bind(r.author_id)
                    .push_bind(r.followers)
                    .push_bind(r.prev_author)
                    .push_bind(r.prev_market);
            });
            q.push(super::shared::AUTHOR_DAY_CONFLICT);
            q.build().execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Fresh statistics and visibility maps (for index-only scans) after a bulk load.
    async fn dialect_optimize(&self) -> StoreResult<()> {
        for table in ["mention_daily", "mention_author_daily", "post_daily", "mentions", "posts", "authors"] {
            sqlx::query(&format!("VACUUM (ANALYZE) {table}")).execute(&self.pool).await?;
        }
        Ok(())
    }

    async fn after_reference(tx: &mut Transaction<'_, Postgres>) -> StoreResult<()> {
        for table in IDENTITY_TABLES {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            ))
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    async fn dialect_clear(&self) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        // TRUNCATE fires no row triggers, so the append-only account_events can be emptied for
        // a demo refill; users, sessions and the audit log are not touched.
        sqlx::query(
            "TRUNCATE mention_daily, mention_author_daily, post_daily, mentions, posts, authors,
                import_rejects, import_batches, campaign_results, campaign_markets, rate_cards,
                account_events, accounts, campaign_reach_firsts, campaigns, brands",
        )
        .execute(&mut *tx)
        .await?;
        for statement in super::shared::CLEAR_REFERENCE {
            sqlx::query(statement).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Splits a `schema=` query parameter off a PostgreSQL URL.
fn split_schema(url: &str) -> StoreResult<(String, Option<String>)> {
    let Some((base, query)) = url.split_once('?') else { return Ok((url.to_string(), None)) };
    let mut schema = None;
    let mut rest = Vec::new();
    for pair in query.split('&') {
        match pair.strip_prefix("schema=") {
            Some(name) => schema = Some(name.to_string()),
            None => rest.push(pair),
        }
    }
    if let Some(name) = &schema {
        if name.is_empty() || name.len() > 63 || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(StoreError::Invalid(format!(
                "schema {name:?} in the database URL: use letters, digits and _ only"
            )));
        }
    }
    let url = if rest.is_empty() { base.to_string() } else { format!("{base}?{}", rest.join("&")) };
    Ok((url, schema))
}

impl_store!(PgStore, Postgres, INSERT_CHUNK);
impl_user_store!(PgStore, Postgres);
impl_mention_store!(PgStore, Postgres);
impl_setup_store!(PgStore, Postgres);
impl_campaign_store!(PgStore, sqlx::Postgres);
impl_summary_store!(PgStore);
impl_governance_store!(PgStore, Postgres);
impl_import_store!(PgStore, Postgres);

#[cfg(test)]
mod tests {
    use super::split_schema;

    #[test]
    fn schema_parameter_is_split_off_and_checked() {
        let (url, schema) = split_schema("postgres://u@h/db?schema=t_1&sslmode=disable").expect("ok");
        assert_eq!((url.as_str(), schema.as_deref()), ("postgres://u@h/db?sslmode=disable", Some("t_1")));
        assert_eq!(split_schema("postgres://u@h/db").expect("ok").1, None);
        assert!(split_schema("postgres://u@h/db?schema=a;drop").is_err());
    }
}
