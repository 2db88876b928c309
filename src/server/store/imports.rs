//! Import batches: a whole file's rows written in one transaction, upserted on
//! (brand, platform, external id), with its rejects, its counts and the rollups of every day it
//! touched. A re-import updates rows in place and never touches a person's sentiment override.
//! SQL is written once and expanded per dialect by `impl_import_store!`.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::StoreResult;
use crate::model::Sentiment;

/// One mention as an export file describes it (the author by handle, not yet by id).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportMention {
    pub brand_id: i64,
    pub platform: String,
    pub external_id: String,
    pub author: String,
    pub author_followers: i64,
    pub published_at: i64,
    pub day: NaiveDate,
    pub market: String,
    pub language: String,
    pub text: String,
    pub computed_score: Option<f64>,
    pub computed_label: Option<Sentiment>,
    pub unscored_reason: Option<String>,
    pub imported_label: Option<Sentiment>,
    pub reach: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
    pub campaign_id: Option<i64>,
    /// `campaign_id` came from the campaign's hashtags or keywords, not from the import's own
    /// `--campaign` (`features::campaigns::attribution`).
    pub campaign_by_terms: bool,
}

/// One owned post as an export file describes it (its account already resolved): the same
/// record the demo writes.
pub type ImportPost = super::NewPost;

/// An owned account posts can be imported for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportAccount {
    pub id: i64,
    pub brand_id: i64,
    pub platform: String,
    pub handle: String,
    pub market: Option<String>,
    /// The name the platform shows (a Facebook page's name; empty when not set up).
    pub display_name: String,
    /// The platform's own id (a Facebook page id).
    pub platform_id: Option<String>,
}

/// A campaign imports can be attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportCampaign {
    pub id: i64,
    pub brand_id: i64,
    pub name: String,
}

/// A row that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    /// Line of the file (1 is the first line).
    pub line: u64,
    pub column: Option<String>,
    pub reason: String,
    /// The row as read, for the rejects report.
    pub raw: String,
}

/// Rows of one file, in order, as the parser hands them over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportChunk {
    pub mentions: Vec<ImportMention>,
    pub posts: Vec<ImportPost>,
    pub rejects: Vec<Reject>,
    /// Rows read in this chunk (kept + rejected).
    pub rows_read: u64,
    /// The format's code, once known.
    pub format: Option<String>,
}

/// What the batch is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportBatch {
    pub file_name: String,
    pub sha256: String,
    pub format: String,
    pub user_id: Option<i64>,
    pub started_at: i64,
    /// How many author-days the batch gathers in memory before it turns to gathering them in
    /// SQL (`AUTHOR_DAYS_IN_MEMORY`; tests lower it to take the other road).
    pub author_days_in_memory: usize,
}

/// Author-days an import gathers in memory (about 50 bytes each): the 200,000-row benchmark
/// file has 200,000; a 1 GB file has millions and links them in SQL instead.
pub const AUTHOR_DAYS_IN_MEMORY: usize = 1_000_000;

/// What the batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub batch_id: i64,
    pub rows_read: u64,
    pub inserted: u64,
    pub updated: u64,
    pub rejected: u64,
}

#[async_trait]
pub trait ImportStore {
    /// Writes one file's rows, received chunk by chunk, in one transaction: the batch row, every
    /// mention and post upserted (posts by their lifetime totals: a re-import updates, never adds),
    /// every reject, the platforms used, the rollups of the days touched. Nothing is written if the
    /// channel's sender reports an error (by sending `Err`) or the store fails.
    async fn import_batch(
        &self,
        batch: NewImportBatch,
        chunks: tokio::sync::mpsc::Receiver<Result<ImportChunk, String>>,
    ) -> StoreResult<ImportCounts>;

    /// The accounts and campaigns rows can be attributed to.
    async fn import_targets(&self) -> StoreResult<(Vec<ImportAccount>, Vec<ImportCampaign>)>;

    /// Every brand with its keywords, in the order they were set up.
    async fn import_brands(&self) -> StoreResult<Vec<crate::server::import::brands::ImportBrand>>;

    /// The finished batch that imported a file with this SHA-256 in this format, if any.
    async fn imported_before(&self, sha256: &str, format: &str) -> StoreResult<Option<i64>>;

    /// The first `limit` rejects of a batch, by line.
    async fn import_rejects(&self, batch_id: i64, limit: i64) -> StoreResult<Vec<Reject>>;

    /// Committed batches, newest first (only `id` when given).
    async fn import_batches(
        &self,
        id: Option<i64>,
        limit: i64,
    ) -> StoreResult<Vec<crate::features::imports::types::ImportBatchView>>;
}

/// The columns a new mention is inserted with (`mention_values` gives their values).
pub const MENTION_COLUMNS: &str = "brand_id, platform, external_id, author_id, author_followers,
     published_at, day, market, language, text, sentiment_label, sentiment_score,
     sentiment_source, computed_score, computed_label, unscored_reason, imported_label,
     reach, likes, comments, shares, campaign_id, campaign_by_terms, import_batch_id";

/// How many columns `MENTION_COLUMNS` names.
pub const MENTION_COLUMN_COUNT: usize = 24;

/// A value an import writes, as either store binds it (a NULL keeps its column's type, which
/// PostgreSQL needs to know).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Int(i64),
    Real(f64),
    Text(&'a str),
    Day(NaiveDate),
    Bool(bool),
    NullInt,
    NullReal,
    NullText,
}

impl From<i64> for Value<'_> {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<f64> for Value<'_> {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(v: &'a str) -> Self {
        Value::Text(v)
    }
}

impl From<NaiveDate> for Value<'_> {
    fn from(v: NaiveDate) -> Self {
        Value::Day(v)
    }
}

impl From<bool> for Value<'_> {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

impl From<Option<i64>> for Value<'_> {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Value::NullInt, Value::Int)
    }
}

impl From<Option<f64>> for Value<'_> {
    fn from(v: Option<f64>) -> Self {
        v.map_or(Value::NullReal, Value::Real)
    }
}

impl<'a> From<Option<&'a str>> for Value<'a> {
    fn from(v: Option<&'a str>) -> Self {
        v.map_or(Value::NullText, Value::Text)
    }
}

/// A new mention's values, in `MENTION_COLUMNS` order. It has no override, so its sentiment is
/// the imported label, else the computed one.
pub fn mention_values(m: &ImportMention, author_id: i64, batch_id: i64) -> [Value<'_>; MENTION_COLUMN_COUNT] {
    let (label, source) = crate::sentiment::effective(None, m.imported_label, m.computed_label);
    let score = m.imported_label.is_none().then_some(m.computed_score).flatten();
    [
        m.brand_id.into(),
        m.platform.as_str().into(),
        m.external_id.as_str().into(),
        author_id.into(),
        m.author_followers.into(),
        m.published_at.into(),
        m.day.into(),
        m.market.as_str().into(),
        m.language.as_str().into(),
        m.text.as_str().into(),
        label.token().into(),
        score.into(),
        source.token().into(),
        m.computed_score.into(),
        m.computed_label.map(Sentiment::token).into(),
        m.unscored_reason.as_deref().into(),
        m.imported_label.map(Sentiment::token).into(),
        m.reach.into(),
        m.likes.into(),
        m.comments.into(),
        m.shares.into(),
        m.campaign_id.into(),
        m.campaign_by_terms.into(),
        batch_id.into(),
    ]
}

/// The conflict clause's campaign columns for `table` (mentions or posts) when an import writes
/// a row again: a campaign the import named (`--campaign`) is taken; a row an earlier import
/// named a campaign for keeps it unless this one names another; otherwise the campaign the
/// hashtags and keywords give now (or none).
pub fn campaign_set(table: &str) -> String {
    let kept = format!(
        "({table}.campaign_id IS NOT NULL AND {table}.campaign_by_terms = FALSE \
         AND (excluded.campaign_id IS NULL OR excluded.campaign_by_terms = TRUE))"
    );
    format!(
        "campaign_id = CASE WHEN {kept} THEN {table}.campaign_id ELSE excluded.campaign_id END, \
         campaign_by_terms = CASE WHEN {kept} THEN {table}.campaign_by_terms ELSE excluded.campaign_by_terms END"
    )
}

/// Rows per multi-row statement (at most 24 parameters each: under SQLite's and PostgreSQL's limits).
pub const IMPORT_ROWS_PER_STATEMENT: usize = 1_000;

macro_rules! impl_import_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::server::store::imports::ImportStore for $store {
            async fn import_batch(
                &self,
                batch: $crate::server::store::imports::NewImportBatch,
                mut chunks: tokio::sync::mpsc::Receiver<
                    Result<$crate::server::store::imports::ImportChunk, String>,
                >,
            ) -> StoreResult<$crate::server::store::imports::ImportCounts> {
                use $crate::server::store::StoreError;
                let started = std::time::Instant::now();
                let mut conn = self.pool.acquire().await?;
                Self::bulk_mode(&mut conn, true).await?;
                let mut tx = sqlx::Connection::begin(&mut *conn).await?;
                let (batch_id,): (i64,) = sqlx::query_as(
                    "INSERT INTO import_batches (file_name, sha256, format, started_at, status, user_id)
                     VALUES ($1, $2, $3, $4, 'running', $5) RETURNING id",
                )
                .bind(&batch.file_name)
                .bind(&batch.sha256)
                .bind(&batch.format)
                .bind(batch.started_at)
                .bind(batch.user_id)
                .fetch_one(&mut *tx)
                .await?;
                let mut counts = $crate::server::store::imports::ImportCounts { batch_id, ..Default::default() };
                // new mentions only: the rollups grow by what they add (`rollup_delta`); the first
                // row that changes an existing one, or a post, turns to rebuilding the span at the end
                let mut incremental = true;
                // every statement so far added all its rows
                let mut optimistic = true;
                // the batch's new mentions are those after the largest id before it
                let (first_id,): (i64,) =
                    sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM mentions").fetch_one(&mut *tx).await?;
                // authors above this id are the batch's own: they have no days before it
                Self::lock_imports(&mut tx).await?;
                let (known_authors,): (i64,) =
                    sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM authors").fetch_one(&mut *tx).await?;
                let mut daily = $crate::server::store::rollup_delta::DailyDelta::default();
                let mut author_days =
                    Some($crate::server::store::rollup_delta::AuthorDays::new(batch.author_days_in_memory));
                let mut span: Option<(chrono::NaiveDate, chrono::NaiveDate)> = None;
                let mut format: Option<String> = None;
                let mut widen = |day: chrono::NaiveDate| {
                    span = Some(match span {
                        Some((a, b)) => (a.min(day), b.max(day)),
                        None => (day, day),
                    });
                };
                let on_conflict = format!(
                    " ON CONFLICT (brand_id, platform, external_id) DO UPDATE SET
                         author_id = excluded.author_id, author_followers = excluded.author_followers,
                         published_at = excluded.published_at, day = excluded.day, market = excluded.market,
                         language = excluded.language, text = excluded.text,
                         computed_score = excluded.computed_score, computed_label = excluded.computed_label,
                         unscored_reason = excluded.unscored_reason, imported_label = excluded.imported_label,
                         reach = excluded.reach, likes = excluded.likes, comments = excluded.comments,
                         shares = excluded.shares, import_batch_id = excluded.import_batch_id,
                         {}, {}",
                    $crate::features::mentions::store::effective_set(
                        "mentions.manual_label",
                        "excluded.imported_label",
                        "excluded.computed_label",
                        "excluded.computed_score"
                    ),
                    $crate::server::store::imports::campaign_set("mentions")
                );
                // time spent waiting for the parser (if it is most of the time, parsing and
                // scoring are what limit the import, not the store)
                let mut waited = std::time::Duration::ZERO;
                let mut stored_platforms: rustc_hash::FxHashSet<String> = Default::default();
                loop {
                    let asked = std::time::Instant::now();
                    let Some(chunk) = chunks.recv().await else { break };
                    waited += asked.elapsed();
                    let chunk = match chunk {
                        Ok(chunk) => chunk,
                        Err(message) => {
                            tx.rollback().await?;
                            return Err(StoreError::Invalid(message));
                        }
                    };
                    counts.rows_read += chunk.rows_read;
                    if chunk.format.is_some() {
                        format.clone_from(&chunk.format);
                    }
                    let mut used: Vec<&str> = chunk.mentions.iter().map(|m| m.platform.as_str())
                        .chain(chunk.posts.iter().map(|p| p.platform.as_str())).collect();
                    used.sort_unstable();
                    used.dedup();
                    // each platform once per batch (a statement per chunk and platform cost
                    // PostgreSQL 0.4 s of a 200,000-row import)
                    used.retain(|code| !stored_platforms.contains(*code));
                    for code in used {
                        stored_platforms.insert(code.to_string());
                        let name = $crate::server::import::formats::PLATFORMS
                            .iter()
                            .find(|p| p.0 == code)
                            .map(|p| p.1)
                            .unwrap_or(code);
                        sqlx::query("INSERT INTO platforms (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING")
                            .bind(code)
                            .bind(name)
                            .execute(&mut *tx)
                            .await?;
                    }
                    for part in chunk.mentions.chunks($crate::server::store::imports::IMPORT_ROWS_PER_STATEMENT) {
                        // a row repeated within one statement: the last one wins (counted updated)
                        let mut unique: Vec<&$crate::server::store::imports::ImportMention> = Vec::with_capacity(part.len());
                        let mut seen: rustc_hash::FxHashMap<(i64, &str, &str), usize> = Default::default();
                        for m in part {
                            match seen.entry((m.brand_id, m.platform.as_str(), m.external_id.as_str())) {
                                std::collections::hash_map::Entry::Occupied(at) => {
                                    unique[*at.get()] = m;
                                    counts.updated += 1;
                                    incremental = false;
                                }
                                std::collections::hash_map::Entry::Vacant(slot) => {
                                    slot.insert(unique.len());
                                    unique.push(m);
                                }
                            }
                        }
                        let part = unique;
                        // authors: one multi-row upsert, ids back by (platform, handle)
                        let mut authors: Vec<(&str, &str, i64)> = Vec::new();
                        let mut author_at: rustc_hash::FxHashMap<(&str, &str), usize> = Default::default();
                        for m in &part {
                            match author_at.entry((m.platform.as_str(), m.author.as_str())) {
                                std::collections::hash_map::Entry::Occupied(at) => authors[*at.get()].2 = m.author_followers,
                                std::collections::hash_map::Entry::Vacant(slot) => {
                                    slot.insert(authors.len());
                                    authors.push((&m.platform, &m.author, m.author_followers));
                                }
                            }
                        }
                        let ids = Self::upsert_authors(&mut tx, &authors).await?;
                        if ids.len() != authors.len() {
                            tx.rollback().await?;
                            return Err(StoreError::Invalid("an author could not be stored".into()));
                        }
                        let by_author: rustc_hash::FxHashMap<(&str, &str), i64> =
                            authors.iter().zip(ids).map(|(a, id)| ((a.0, a.1), id)).collect();
                        let author_id = |m: &$crate::server::store::imports::ImportMention| {
                            by_author.get(&(m.platform.as_str(), m.author.as_str())).copied()
                        };
                        // the rows that existed before, with their day (its rollup changes too).
                        // While every statement adds all its rows (a new file), none is looked up
                        // first: the insert adds what is new and returns the ids it gave.
                        // by (brand, platform), then external id: a mention of several brands is a row per brand
                        type StoredDays = rustc_hash::FxHashMap<(i64, String), rustc_hash::FxHashMap<String, chrono::NaiveDate>>;
                        let mut stored_days: StoredDays = Default::default();
                        let stored_day = |days: &StoredDays, m: &$crate::server::store::imports::ImportMention| {
                            days.get(&(m.brand_id, m.platform.clone())).and_then(|ids| ids.get(m.external_id.as_str())).copied()
                        };
                        let mut fresh: Option<rustc_hash::FxHashSet<i64>> = None;
                        if optimistic {
                            let ids = Self::insert_new_mentions(&mut tx, &part, &author_id, batch_id).await?;
                            if ids.len() < part.len() {
                                optimistic = false;
                                fresh = Some(ids.into_iter().collect());
                            }
                        }
                        if !optimistic {
                            for (brand_id, platform, external_id, day, id) in Self::stored_mentions(&mut tx, &part).await? {
                                if fresh.as_ref().is_none_or(|f| !f.contains(&id)) {
                                    stored_days.entry((brand_id, platform)).or_default().insert(external_id, day);
                                }
                            }
                            // all of them, or (after an insert that added some) the rows that were there
                            let rows: Vec<&$crate::server::store::imports::ImportMention> = match fresh {
                                None => part.clone(),
                                Some(_) => part.iter().copied().filter(|m| stored_day(&stored_days, m).is_some()).collect(),
                            };
                            if !rows.is_empty() {
                                let mut q = Self::mention_insert(&rows, &author_id, batch_id);
                                q.push(&on_conflict);
                                q.build().execute(&mut *tx).await?;
                            }
                        }
                        for m in &part {
                            match stored_day(&stored_days, m) {
                                Some(day) => {
                                    counts.updated += 1;
                                    incremental = false;
                                    widen(day);
                                }
                                None => counts.inserted += 1,
                            }
                            widen(m.day);
                        }
                        if !incremental {
                            author_days = None;
                        }
                        if incremental {
                            for m in &part {
                                let label = $crate::sentiment::effective(None, m.imported_label, m.computed_label).0;
                                daily.add(m, label.token());
                                if let (Some(days), Some(id)) = (author_days.as_mut(), author_id(m)) {
                                    if !days.add(m, id) {
                                        author_days = None;
                                    }
                                }
                            }
                        }
                    }
                    incremental &= chunk.posts.is_empty();
                    for part in chunk.posts.chunks($crate::server::store::imports::IMPORT_ROWS_PER_STATEMENT) {
                        Self::upsert_posts(&mut tx, part, batch_id, &mut counts, &mut widen).await?;
                    }
                    for r in &chunk.rejects {
                        counts.rejected += 1;
                        sqlx::query(
                            "INSERT INTO import_rejects (batch_id, line, col, reason, raw) VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(batch_id)
                        .bind(r.line as i64)
                        .bind(&r.column)
                        .bind(&r.reason)
                        .bind(&r.raw)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                tracing::debug!(batch_id, ?counts, ?waited, elapsed = ?started.elapsed(), "import: rows written");
                if incremental {
                    Self::add_mention_daily(&mut tx, daily).await?;
                    match &author_days {
                        Some(days) => Self::add_author_day_rows(&mut tx, days, known_authors).await?,
                        None => Self::add_author_days(&mut tx, first_id, batch_id).await?,
                    }
                    if let Some((from, to)) = span {
                        Self::refresh_campaign_firsts(&mut tx, $crate::model::DateRange { from, to }).await?;
                    }
                } else if let Some((from, to)) = span {
                    Self::refresh_rollups(&mut tx, $crate::model::DateRange { from, to }).await?;
                }
                tracing::debug!(batch_id, ?span, elapsed = ?started.elapsed(), "import: rollups refreshed");
                sqlx::query(
                    "UPDATE import_batches SET status = 'done', finished_at = $1, rows_read = $2,
                         rows_inserted = $3, rows_updated = $4, rows_rejected = $5, format = $6 WHERE id = $7",
                )
                .bind($crate::server::auth::now())
                .bind(counts.rows_read as i64)
                .bind(counts.inserted as i64)
                .bind(counts.updated as i64)
                .bind(counts.rejected as i64)
                .bind(format.unwrap_or(batch.format))
                .bind(batch_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Self::bulk_mode(&mut conn, false).await?;
                Ok(counts)
            }

            async fn import_targets(
                &self,
            ) -> StoreResult<(Vec<$crate::server::store::imports::ImportAccount>, Vec<$crate::server::store::imports::ImportCampaign>)> {
                let accounts: Vec<(i64, i64, String, String, Option<String>, String, Option<String>)> = sqlx::query_as(
                    "SELECT id, brand_id, platform, handle, market, display_name, platform_id FROM accounts ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?;
                let campaigns: Vec<(i64, i64, String)> =
                    sqlx::query_as("SELECT id, brand_id, name FROM campaigns ORDER BY id").fetch_all(&self.pool).await?;
                Ok((
                    accounts
                        .into_iter()
                        .map(|(id, brand_id, platform, handle, market, display_name, platform_id)| {
                            $crate::server::store::imports::ImportAccount { id, brand_id, platform, handle, market, display_name, platform_id }
                        })
                        .collect(),
                    campaigns
                        .into_iter()
                        .map(|(id, brand_id, name)| $crate::server::store::imports::ImportCampaign { id, brand_id, name })
                        .collect(),
                ))
            }

            async fn import_brands(&self) -> StoreResult<Vec<$crate::server::import::brands::ImportBrand>> {
                let rows: Vec<(i64, String)> =
                    sqlx::query_as("SELECT id, keywords FROM brands ORDER BY id").fetch_all(&self.pool).await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, keywords)| $crate::server::import::brands::ImportBrand {
                        id,
                        keywords: keywords.split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect(),
                    })
                    .collect())
            }

            async fn imported_before(&self, sha256: &str, format: &str) -> StoreResult<Option<i64>> {
                let row: Option<(i64,)> = sqlx::query_as(
                    "SELECT id FROM import_batches WHERE sha256 = $1 AND format = $2 AND status = 'done' ORDER BY id LIMIT 1",
                )
                .bind(sha256)
                .bind(format)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| r.0))
            }

            async fn import_batches(
                &self,
                id: Option<i64>,
                limit: i64,
            ) -> StoreResult<Vec<$crate::features::imports::types::ImportBatchView>> {
                type Row = (i64, String, String, i64, Option<i64>, String, Option<String>, i64, i64, i64, i64);
                let rows: Vec<Row> = sqlx::query_as(
                    "SELECT b.id, b.file_name, b.format, b.started_at, b.finished_at, b.status, u.email,
                         b.rows_read, b.rows_inserted, b.rows_updated, b.rows_rejected
                     FROM import_batches b LEFT JOIN users u ON u.id = b.user_id
                     WHERE ($1 IS NULL OR b.id = $1) ORDER BY b.id DESC LIMIT $2",
                )
                .bind(id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, file_name, format, started_at, finished_at, status, user, rows_read, inserted, updated, rejected)| {
                        $crate::features::imports::types::ImportBatchView {
                            id, file_name, format, started_at, finished_at, status, user, rows_read, inserted, updated, rejected,
                        }
                    })
                    .collect())
            }

            async fn import_rejects(
                &self,
                batch_id: i64,
                limit: i64,
            ) -> StoreResult<Vec<$crate::server::store::imports::Reject>> {
                let rows: Vec<(i64, Option<String>, String, String)> = sqlx::query_as(
                    "SELECT line, col, reason, raw FROM import_rejects WHERE batch_id = $1 ORDER BY line LIMIT $2",
                )
                .bind(batch_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(line, column, reason, raw)| $crate::server::store::imports::Reject {
                        line: line.max(0) as u64,
                        column,
                        reason,
                        raw,
                    })
                    .collect())
            }
        }

        impl $store {
            /// The multi-row INSERT of new mentions (its conflict clause still to add): a new row
            /// has no override, so its sentiment is the imported label, else the computed one.
            fn mention_insert<'a>(
                part: &[&'a $crate::server::store::imports::ImportMention],
                author_id: &impl Fn(&$crate::server::store::imports::ImportMention) -> Option<i64>,
                batch_id: i64,
            ) -> sqlx::QueryBuilder<'a, $db> {
                let mut q = sqlx::QueryBuilder::<$db>::new(format!(
                    "INSERT INTO mentions ({}) ",
                    $crate::server::store::imports::MENTION_COLUMNS
                ));
                q.push_values(part.iter().copied(), |mut b, m| {
                    for value in $crate::server::store::imports::mention_values(m, author_id(m).unwrap_or(0), batch_id) {
                        match value {
                            $crate::server::store::imports::Value::Int(v) => b.push_bind(v),
                            $crate::server::store::imports::Value::Real(v) => b.push_bind(v),
                            $crate::server::store::imports::Value::Text(v) => b.push_bind(v),
                            $crate::server::store::imports::Value::Day(v) => b.push_bind(v),
                            $crate::server::store::imports::Value::Bool(v) => b.push_bind(v),
                            $crate::server::store::imports::Value::NullInt => b.push_bind(None::<i64>),
                            $crate::server::store::imports::Value::NullReal => b.push_bind(None::<f64>),
                            $crate::server::store::imports::Value::NullText => b.push_bind(None::<&str>),
                        };
                    }
                });
                q
            }

            /// The stored mentions among `part`: brand, platform, external id, day, id. By brand and
            /// platform, so each lookup uses the unique index (brand, platform, external id).
            async fn stored_mentions(
                tx: &mut sqlx::Transaction<'_, $db>,
                part: &[&$crate::server::store::imports::ImportMention],
            ) -> StoreResult<Vec<(i64, String, String, chrono::NaiveDate, i64)>> {
                let mut slices: Vec<(i64, &str)> = part.iter().map(|m| (m.brand_id, m.platform.as_str())).collect();
                slices.sort_unstable();
                slices.dedup();
                let mut found = Vec::new();
                for (brand_id, platform) in slices {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "SELECT brand_id, platform, external_id, day, id FROM mentions WHERE brand_id = ",
                    );
                    q.push_bind(brand_id).push(" AND platform = ").push_bind(platform);
                    q.push(" AND external_id IN (");
                    let mut list = q.separated(", ");
                    for m in part.iter().filter(|m| m.brand_id == brand_id && m.platform == platform) {
                        list.push_bind(&m.external_id);
                    }
                    q.push(")");
                    found.extend(
                        q.build_query_as::<(i64, String, String, chrono::NaiveDate, i64)>().fetch_all(&mut **tx).await?,
                    );
                }
                Ok(found)
            }

            /// Adds a batch's sums to `mention_daily`.
            async fn add_mention_daily(
                tx: &mut sqlx::Transaction<'_, $db>,
                delta: $crate::server::store::rollup_delta::DailyDelta,
            ) -> StoreResult<()> {
                let rows = delta.rows();
                for part in rows.chunks($crate::server::store::imports::IMPORT_ROWS_PER_STATEMENT) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO mention_daily (brand_id, day, platform, market, campaign_id, sentiment,
                             mentions, reach, likes, comments, shares, inquiries) ",
                    );
                    q.push_values(part, |mut b, r| {
                        b.push_bind(r.brand_id).push_bind(r.day).push_bind(r.platform).push_bind(r.market);
                        b.push_bind(r.campaign_id).push_bind(r.sentiment);
                        for v in r.sums {
                            b.push_bind(v);
                        }
                    });
                    q.push(
                        " ON CONFLICT (brand_id, day, platform, market, campaign_id, sentiment) DO UPDATE SET
                             mentions = mention_daily.mentions + excluded.mentions,
                             reach = mention_daily.reach + excluded.reach, likes = mention_daily.likes + excluded.likes,
                             comments = mention_daily.comments + excluded.comments,
                             shares = mention_daily.shares + excluded.shares,
                             inquiries = mention_daily.inquiries + excluded.inquiries",
                    );
                    q.build().execute(&mut **tx).await?;
                }
                Ok(())
            }

            /// Upserts owned posts on (brand, platform, id): their counts are lifetime totals, so
            /// a re-import replaces them; a post repeated within the statement: the last wins.
            async fn upsert_posts(
                tx: &mut sqlx::Transaction<'_, $db>,
                part: &[$crate::server::store::imports::ImportPost],
                batch_id: i64,
                counts: &mut $crate::server::store::imports::ImportCounts,
                widen: &mut impl FnMut(chrono::NaiveDate),
            ) -> StoreResult<()> {
                let mut unique: Vec<&$crate::server::store::imports::ImportPost> = Vec::with_capacity(part.len());
                for p in part {
                    match unique
                        .iter_mut()
                        .find(|u| u.brand_id == p.brand_id && u.platform == p.platform && u.external_id == p.external_id)
                    {
                        Some(u) => {
                            *u = p;
                            counts.updated += 1;
                        }
                        None => unique.push(p),
                    }
                }
                let mut q = sqlx::QueryBuilder::<$db>::new("SELECT brand_id, platform, external_id, day FROM posts WHERE ");
                let mut first = true;
                for p in &unique {
                    if !first {
                        q.push(" OR ");
                    }
                    first = false;
                    q.push("(brand_id = ").push_bind(p.brand_id);
                    q.push(" AND platform = ").push_bind(&p.platform);
                    q.push(" AND external_id = ").push_bind(&p.external_id).push(")");
                }
                let existing: Vec<(i64, String, String, chrono::NaiveDate)> =
                    q.build_query_as().fetch_all(&mut **tx).await?;
                for p in &unique {
                    match existing.iter().find(|(b, pl, id, _)| *b == p.brand_id && *pl == p.platform && *id == p.external_id) {
                        Some((_, _, _, day)) => {
                            counts.updated += 1;
                            widen(*day);
                        }
                        None => counts.inserted += 1,
                    }
                    widen(p.day);
                }
                let mut q = sqlx::QueryBuilder::<$db>::new(format!(
                    "INSERT INTO posts ({}, import_batch_id) ",
                    $crate::server::store::records::POST_COLUMNS
                ));
                q.push_values(unique.iter().copied(), |mut b, p| {
                    $crate::server::store::records::push_post!(b, p);
                    b.push_bind(batch_id);
                });
                q.push(format!(
                    " ON CONFLICT (brand_id, platform, external_id) DO UPDATE SET
                         account_id = excluded.account_id, {},
                         published_at = excluded.published_at, day = excluded.day, market = excluded.market,
                         text = excluded.text, impressions = excluded.impressions, reach = excluded.reach,
                         reactions = excluded.reactions, comments = excluded.comments, shares = excluded.shares,
                         saves = excluded.saves, clicks = excluded.clicks, video_views = excluded.video_views,
                         import_batch_id = excluded.import_batch_id",
                    $crate::server::store::imports::campaign_set("posts")
                ));
                q.build().execute(&mut **tx).await?;
                Ok(())
            }
        }
    };
}
pub(super) use impl_import_store;
