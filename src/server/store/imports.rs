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
    pub rejects: Vec<Reject>,
    /// Rows read in this chunk (kept + rejected).
    pub rows_read: u64,
}

/// What the batch is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportBatch {
    pub file_name: String,
    pub sha256: String,
    pub format: String,
    pub user_id: Option<i64>,
    pub started_at: i64,
}

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
    /// mention upserted, every reject, the rollups of the days touched. Nothing is written if the
    /// channel's sender reports an error (by sending `Err`) or the store fails.
    async fn import_mentions(
        &self,
        batch: NewImportBatch,
        chunks: tokio::sync::mpsc::Receiver<Result<ImportChunk, String>>,
    ) -> StoreResult<ImportCounts>;

    /// The first `limit` rejects of a batch, by line.
    async fn import_rejects(&self, batch_id: i64, limit: i64) -> StoreResult<Vec<Reject>>;
}

macro_rules! impl_import_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::server::store::imports::ImportStore for $store {
            async fn import_mentions(
                &self,
                batch: $crate::server::store::imports::NewImportBatch,
                mut chunks: tokio::sync::mpsc::Receiver<
                    Result<$crate::server::store::imports::ImportChunk, String>,
                >,
            ) -> StoreResult<$crate::server::store::imports::ImportCounts> {
                use $crate::server::store::StoreError;
                let mut tx = self.pool.begin().await?;
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
                let mut span: Option<(chrono::NaiveDate, chrono::NaiveDate)> = None;
                let mut widen = |day: chrono::NaiveDate| {
                    span = Some(match span {
                        Some((a, b)) => (a.min(day), b.max(day)),
                        None => (day, day),
                    });
                };
                let upsert = format!(
                    "INSERT INTO mentions (brand_id, platform, external_id, author_id, author_followers, published_at,
                         day, market, language, text, sentiment_label, sentiment_score, sentiment_source,
                         computed_score, computed_label, unscored_reason, imported_label, reach, likes, comments,
                         shares, import_batch_id)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                         COALESCE($14, $12, 'neutral'),
                         CASE WHEN $14 IS NULL THEN $11 END,
                         CASE WHEN $14 IS NOT NULL THEN 'imported' ELSE 'computed' END,
                         $11, $12, $13, $14, $15, $16, $17, $18, $19)
                     ON CONFLICT (brand_id, platform, external_id) DO UPDATE SET
                         author_id = excluded.author_id, author_followers = excluded.author_followers,
                         published_at = excluded.published_at, day = excluded.day, market = excluded.market,
                         language = excluded.language, text = excluded.text,
                         computed_score = excluded.computed_score, computed_label = excluded.computed_label,
                         unscored_reason = excluded.unscored_reason, imported_label = excluded.imported_label,
                         reach = excluded.reach, likes = excluded.likes, comments = excluded.comments,
                         shares = excluded.shares, import_batch_id = excluded.import_batch_id, {}",
                    $crate::server::store::mentions::EFFECTIVE_SET
                        .replace("COALESCE(manual_label, imported_label, computed_label", "COALESCE(mentions.manual_label, excluded.imported_label, excluded.computed_label")
                        .replace("WHEN manual_label IS NOT NULL THEN 'manual' WHEN imported_label", "WHEN mentions.manual_label IS NOT NULL THEN 'manual' WHEN excluded.imported_label")
                        .replace("WHEN manual_label IS NULL AND imported_label IS NULL THEN computed_score", "WHEN mentions.manual_label IS NULL AND excluded.imported_label IS NULL THEN excluded.computed_score")
                );
                while let Some(chunk) = chunks.recv().await {
                    let chunk = match chunk {
                        Ok(chunk) => chunk,
                        Err(message) => {
                            tx.rollback().await?;
                            return Err(StoreError::Invalid(message));
                        }
                    };
                    counts.rows_read += chunk.rows_read;
                    for m in &chunk.mentions {
                        let (author_id,): (i64,) = sqlx::query_as(
                            "INSERT INTO authors (platform, handle, followers) VALUES ($1, $2, $3)
                             ON CONFLICT (platform, handle) DO UPDATE SET followers = excluded.followers
                             RETURNING id",
                        )
                        .bind(&m.platform)
                        .bind(&m.author)
                        .bind(m.author_followers)
                        .fetch_one(&mut *tx)
                        .await?;
                        let old: Option<(chrono::NaiveDate,)> = sqlx::query_as(
                            "SELECT day FROM mentions WHERE brand_id = $1 AND platform = $2 AND external_id = $3",
                        )
                        .bind(m.brand_id)
                        .bind(&m.platform)
                        .bind(&m.external_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                        match old {
                            Some((day,)) => {
                                counts.updated += 1;
                                widen(day);
                            }
                            None => counts.inserted += 1,
                        }
                        widen(m.day);
                        sqlx::query(&upsert)
                            .bind(m.brand_id)
                            .bind(&m.platform)
                            .bind(&m.external_id)
                            .bind(author_id)
                            .bind(m.author_followers)
                            .bind(m.published_at)
                            .bind(m.day)
                            .bind(&m.market)
                            .bind(&m.language)
                            .bind(&m.text)
                            .bind(m.computed_score)
                            .bind(m.computed_label.map($crate::model::Sentiment::token))
                            .bind(&m.unscored_reason)
                            .bind(m.imported_label.map($crate::model::Sentiment::token))
                            .bind(m.reach)
                            .bind(m.likes)
                            .bind(m.comments)
                            .bind(m.shares)
                            .bind(batch_id)
                            .execute(&mut *tx)
                            .await?;
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
                if let Some((from, to)) = span {
                    Self::refresh_rollups(&mut tx, $crate::model::DateRange { from, to }).await?;
                }
                sqlx::query(
                    "UPDATE import_batches SET status = 'done', finished_at = $1, rows_read = $2,
                         rows_inserted = $3, rows_updated = $4, rows_rejected = $5 WHERE id = $6",
                )
                .bind($crate::server::auth::now())
                .bind(counts.rows_read as i64)
                .bind(counts.inserted as i64)
                .bind(counts.updated as i64)
                .bind(counts.rejected as i64)
                .bind(batch_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(counts)
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
    };
}
pub(super) use impl_import_store;
