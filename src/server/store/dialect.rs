//! The written contract between the SQL both stores share and the two SQL dialects.
//!
//! **Why macros.** The shared SQL (`impl_store!` in `shared.rs`, `impl_user_store!`,
//! `impl_mention_store!`, `impl_import_store!`) is one text, expanded once per dialect with the
//! dialect's concrete sqlx types (`Sqlite`, `Postgres`). Written as generic code instead, every
//! query would carry bounds such as `for<'q> i64: Encode<'q, DB>`, `DB::Arguments:
//! IntoArguments`, `&mut DB::Connection: Executor` for each type it binds and each executor it
//! runs on — longer than the SQL and hard to read; the macros keep the SQL in plain sight and
//! the compiler checks each expansion as ordinary code. Logic that does not depend on the
//! dialect lives in plain functions (the stats builder `crate::stats::sql`, `rollup_delta`,
//! `imports::mention_values`, `shared::span`), unit-tested on their own.
//!
//! **The hooks.** Everything the shared SQL calls on `Self` that it does not define itself is a
//! method of [`Dialect`]; each dialect file implements it, and nothing else is expected of it.
//! The trait is sealed: `SqliteStore` and `PgStore` are its only implementations.

use async_trait::async_trait;
use sqlx::Transaction;

use super::imports::ImportMention;
use super::rollup_delta::AuthorDayRow;
use super::StoreResult;

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::super::sqlite::SqliteStore {}
    impl Sealed for super::super::postgres::PgStore {}
}

/// What one SQL dialect supplies to the shared SQL.
#[async_trait]
pub trait Dialect: sealed::Sealed {
    /// The sqlx database the shared SQL is expanded for.
    type Db: sqlx::Database;

    /// A campaign's earned audience reach ($1 campaign, $2..$3 days): the followers of each
    /// distinct author as of their first mention (by time, then id), read in the order of the
    /// index `mentions_campaign_authors` (migration 0009) in the way each dialect does best.
    const CAMPAIGN_REACH_SQL: &'static str;

    /// Applies this dialect's migrations (`migrations/sqlite` or `migrations/postgres`).
    async fn dialect_migrate(&self) -> StoreResult<()>;

    /// Refreshes the planner's statistics after a bulk load.
    async fn dialect_optimize(&self) -> StoreResult<()>;

    /// Empties every data table for a demo refill, keeping users, sessions and the audit log.
    async fn dialect_clear(&self) -> StoreResult<()>;

    /// Switches an import's connection into (and out of) the dialect's bulk-load settings.
    async fn bulk_mode(conn: &mut <Self::Db as sqlx::Database>::Connection, on: bool) -> StoreResult<()>;

    /// Keeps other imports out until `tx` ends.
    async fn lock_imports(tx: &mut Transaction<'_, Self::Db>) -> StoreResult<()>;

    /// Runs after reference data with explicit ids was written (identity sequences).
    async fn after_reference(tx: &mut Transaction<'_, Self::Db>) -> StoreResult<()>;

    /// Upserts an import's authors `(platform, handle, followers)`: their ids, in order.
    async fn upsert_authors(
        tx: &mut Transaction<'_, Self::Db>,
        authors: &[(&str, &str, i64)],
    ) -> StoreResult<Vec<i64>>;

    /// Inserts an import's new mentions, leaving rows already stored alone: the ids it added.
    async fn insert_new_mentions(
        tx: &mut Transaction<'_, Self::Db>,
        part: &[&ImportMention],
        author_id: &(dyn for<'m> Fn(&'m ImportMention) -> Option<i64> + Sync),
        batch_id: i64,
    ) -> StoreResult<Vec<i64>>;

    /// Inserts a batch's author-day rows (a row already stored keeps the larger follower count).
    async fn insert_author_days(
        tx: &mut Transaction<'_, Self::Db>,
        rows: &[AuthorDayRow<'_>],
    ) -> StoreResult<()>;
}
