//! The SQLite store: the embedded default, one file under `data/`.

use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDate;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, Sqlite, SqlitePool, Transaction};

use super::dialect::Dialect;
use super::imports::{
    impl_import_store, mention_values, ImportMention, MENTION_COLUMNS, MENTION_COLUMN_COUNT,
};
use super::rollup_delta::AuthorDayRow;
use super::shared::impl_store;
use super::shared::AUTHOR_DAY_CONFLICT;
use super::sqlite_raw;
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

#[async_trait::async_trait]
impl Dialect for SqliteStore {
    type Db = Sqlite;

    // SQLite takes a bare column of a MIN() group from the row that holds the minimum: the first
    // such row in index order, so a tie in time goes to the lower id as the definition has it.
    const CAMPAIGN_REACH_SQL: &'static str = "SELECT CAST(COALESCE(SUM(followers), 0) AS BIGINT) FROM (
         SELECT MIN(published_at), author_followers AS followers FROM mentions INDEXED BY mentions_campaign_authors
         WHERE campaign_id = $1 AND day BETWEEN $2 AND $3 GROUP BY author_id)";

    async fn dialect_migrate(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/sqlite").run(&self.pool).await?;
        Ok(())
    }

    /// Fresh statistics for the query planner after a bulk load.
    async fn dialect_optimize(&self) -> StoreResult<()> {
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }

    /// An import's connection sorts in temporary files rather than in memory, so rebuilding the
    /// rollups of a large batch (GROUP BY over millions of rows) stays within the page cache
    /// instead of growing with the data; other connections keep sorting in memory.
    async fn bulk_mode(conn: &mut sqlx::SqliteConnection, on: bool) -> StoreResult<()> {
        let mode = if on { "FILE" } else { "MEMORY" };
        sqlx::query(&format!("PRAGMA temp_store = {mode}")).execute(conn).await?;
        Ok(())
    }

    /// Nothing to do: the batch's first write (its row in `import_batches`) took SQLite's one
    /// write lock, so no other import runs until this one ends.
    async fn lock_imports(_tx: &mut Transaction<'_, Sqlite>) -> StoreResult<()> {
        Ok(())
    }

    /// An import's authors upserted one by one through one prepared statement (`sqlite_raw`):
    /// their ids, in order.
    async fn upsert_authors(
        tx: &mut Transaction<'_, Sqlite>,
        authors: &[(&str, &str, i64)],
    ) -> StoreResult<Vec<i64>> {
        let mut handle = tx.lock_handle().await?;
        let db = sqlite_raw::Connection::new(&mut handle);
        let mut find = db.prepare("SELECT id FROM authors WHERE platform = ?1 AND handle = ?2")?;
        let mut insert =
            db.prepare("INSERT INTO authors (platform, handle, followers) VALUES (?1, ?2, ?3)")?;
        let mut update = db.prepare("UPDATE authors SET followers = ?2 WHERE id = ?1 AND followers <> ?2")?;
        let mut ids = Vec::with_capacity(authors.len());
        for &(platform, handle, followers) in authors {
            match find.run(&[platform.into(), handle.into()])? {
                Some(id) => {
                    update.run(&[id.into(), followers.into()])?;
                    ids.push(id);
                }
                None => {
                    insert.run(&[platform.into(), handle.into(), followers.into()])?;
                    ids.push(db.last_insert_rowid());
                }
            }
        }
        Ok(ids)
    }

    /// An import's new mentions, one by one through one prepared statement (`sqlite_raw`); the
    /// ids of those it added (a row already stored is left as it is).
    async fn insert_new_mentions(
        tx: &mut Transaction<'_, Sqlite>,
        part: &[&ImportMention],
        author_id: &(dyn for<'m> Fn(&'m ImportMention) -> Option<i64> + Sync),
        batch_id: i64,
    ) -> StoreResult<Vec<i64>> {
        let params: Vec<String> = (1..=MENTION_COLUMN_COUNT).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO mentions ({MENTION_COLUMNS}) VALUES ({})
             ON CONFLICT (brand_id, platform, external_id) DO NOTHING",
            params.join(", ")
        );
        let mut handle = tx.lock_handle().await?;
        let db = sqlite_raw::Connection::new(&mut handle);
        let mut insert = db.prepare(&sql)?;
        let mut ids = Vec::with_capacity(part.len());
        for m in part {
            insert.run(&mention_values(m, author_id(m).unwrap_or(0), batch_id))?;
            if db.changes() == 1 {
                ids.push(db.last_insert_rowid());
            }
        }
        Ok(ids)
    }

    /// A batch's author-day rows, one by one through one prepared statement (`sqlite_raw`).
    async fn insert_author_days(
        tx: &mut Transaction<'_, Sqlite>,
        rows: &[AuthorDayRow<'_>],
    ) -> StoreResult<()> {
        let sql = format!(
            "INSERT INTO mention_author_daily
                 (brand_id, day, platform, market, author_id, followers, prev_author, prev_market)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) {AUTHOR_DAY_CONFLICT}"
        );
        let mut handle = tx.lock_handle().await?;
        let db = sqlite_raw::Connection::new(&mut handle);
        let mut insert = db.prepare(&sql)?;
        for r in rows {
            insert.run(&[
                r.brand_id.into(),
                r.day.into(),
                r.platform.into(),
                r.market.into(),
                r.author_id.into(),
                r.followers.into(),
                r.prev_author.into(),
                r.prev_market.into(),
            ])?;
        }
        Ok(())
    }

    /// Nothing to do: SQLite hands out rowids above the largest id by itself.
    async fn after_reference(_tx: &mut Transaction<'_, Sqlite>) -> StoreResult<()> {
        Ok(())
    }

    async fn dialect_clear(&self) -> StoreResult<()> {
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
            "campaign_reach_firsts",
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
        for statement in super::shared::CLEAR_REFERENCE {
            sqlx::query(statement).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl_store!(SqliteStore, Sqlite, INSERT_CHUNK);
impl_user_store!(SqliteStore, Sqlite);
impl_mention_store!(SqliteStore, Sqlite);
impl_setup_store!(SqliteStore, Sqlite);
impl_campaign_store!(SqliteStore, sqlx::Sqlite);
impl_summary_store!(SqliteStore);
impl_governance_store!(SqliteStore, Sqlite);
impl_import_store!(SqliteStore, Sqlite);
