//! The `Store` trait: every read and write the product makes, one implementation per SQL
//! dialect. SQL lives only in the implementations (`store/sqlite.rs`).

pub mod dialect;
pub mod imports;
pub mod postgres;
pub mod records;
pub mod rollup_delta;
mod shared;
pub mod sqlite;
mod sqlite_raw;
pub mod users;

use std::sync::Arc;

use async_trait::async_trait;

use crate::kpi::RateCardEntry;
use crate::model::{BrandChoice, DateRange, FilterOptions};

pub use crate::features::campaigns::store::CampaignStore;
pub use crate::features::governance::store::GovernanceStore;
pub use crate::features::mentions::store::{ComputedSentiment, MentionStore};
pub use crate::features::setup::store::SetupStore;
pub use crate::features::summary::store::SummaryStore;
pub use imports::{
    ImportAccount, ImportCampaign, ImportChunk, ImportCounts, ImportMention, ImportPost, ImportStore,
    NewImportBatch, Reject,
};
pub use records::*;
pub use users::{Audit, NewUser, SessionRecord, UserRecord, UserStore};

/// A store error: either the caller's input (shown to the user) or an internal failure
/// (logged, shown as an opaque message).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Invalid(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// The caller may not do this to this record (a team lead and another team's account).
    #[error("{0}")]
    Forbidden(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// An error SQLite reported to a direct call (`sqlite_raw`).
    #[error("database error: {0}")]
    Sqlite(String),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Maps the database's unique-key violation to the caller's error (`message`, shown to the user)
/// instead of checking first and inserting after, which two requests at once could both pass;
/// any other error stays internal.
pub fn on_unique(e: sqlx::Error, message: impl FnOnce() -> String) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Invalid(message()),
        _ => StoreError::Database(e),
    }
}

/// The mention list's slice: a date range of one brand, optionally narrowed to a platform and
/// market. (Sums over the rollups take a `crate::stats::Slice`, which has more dimensions.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    pub range: DateRange,
    pub brand_id: i64,
    pub platform: Option<String>,
    pub market: Option<String>,
    /// Only the mentions attributed to this campaign.
    pub campaign_id: Option<i64>,
}

impl From<&Slice> for crate::stats::Slice {
    fn from(s: &Slice) -> Self {
        crate::stats::Slice {
            platform: s.platform.clone(),
            market: s.market.clone(),
            campaign_id: s.campaign_id,
            ..crate::stats::Slice::brand(s.range, s.brand_id)
        }
    }
}

#[async_trait]
pub trait Store:
    UserStore
    + MentionStore
    + ImportStore
    + SetupStore
    + CampaignStore
    + SummaryStore
    + GovernanceStore
    + Send
    + Sync
    + 'static
{
    /// Applies pending migrations.
    async fn migrate(&self) -> StoreResult<()>;

    /// A setting by key.
    async fn setting(&self, key: &str) -> StoreResult<Option<String>>;
    async fn set_setting(&self, key: &str, value: &str) -> StoreResult<()>;

    /// Brands, platforms and markets that hold data, and the extent of that data.
    async fn filter_options(&self) -> StoreResult<FilterOptions>;

    /// The brand with `id`, or the own brand when `None`.
    async fn brand(&self, id: Option<i64>) -> StoreResult<BrandChoice>;

    /// Runs one statement of the stats query layer (`crate::stats::sql`) and reads its rows.
    async fn stats_rows(
        &self,
        statement: &crate::stats::sql::Statement,
    ) -> StoreResult<Vec<crate::stats::sql::RawRow>>;

    /// Every rate-card line and the card's currency.
    async fn rate_card(&self) -> StoreResult<(Vec<RateCardEntry>, String)>;

    /// Empties every data table (demo refill). Users, sessions and the audit log are kept.
    async fn clear_data(&self) -> StoreResult<()>;

    /// Writes reference data (brands, teams, people, accounts, campaigns, rate card, authors)
    /// in one transaction.
    async fn insert_reference(&self, data: &ReferenceData) -> StoreResult<()>;

    /// Inserts mentions and posts in one transaction and refreshes the rollups of the days they
    /// touch in that same transaction.
    async fn insert_activity(&self, mentions: &[NewMention], posts: &[NewPost]) -> StoreResult<()>;

    /// Refreshes the planner's statistics after a bulk load.
    async fn optimize(&self) -> StoreResult<()>;

    /// Rebuilds the rollups of every day from the raw rows (after a time-zone change or repair).
    async fn rebuild_rollups(&self) -> StoreResult<()>;

    /// Counts of raw rows: (mentions, posts).
    async fn counts(&self) -> StoreResult<(i64, i64)>;
}

/// The store behind the server, shared by every request.
pub type DynStore = Arc<dyn Store>;

/// Opens the store named by the scheme of a database URL: `sqlite://PATH` (the file and its
/// folder are created if needed) or `postgres://USER@HOST:PORT/DB[?schema=NAME]`.
pub async fn open(url: &str) -> StoreResult<DynStore> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::open(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(postgres::PgStore::open(url).await?))
    } else {
        Err(StoreError::Invalid(format!(
            "Unsupported database URL {url:?}: expected sqlite://PATH or postgres://USER@HOST:PORT/DB."
        )))
    }
}
