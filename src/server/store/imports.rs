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

/// Rows per multi-row statement (22 parameters each: under SQLite's and PostgreSQL's limits).
pub const IMPORT_ROWS_PER_STATEMENT: usize = 500;

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
                let on_conflict = format!(
                    " ON CONFLICT (brand_id, platform, external_id) DO UPDATE SET
                         author_id = excluded.author_id, author_followers = excluded.author_followers,
                         published_at = excluded.published_at, day = excluded.day, market = excluded.market,
                         language = excluded.language, text = excluded.text,
                         computed_score = excluded.computed_score, computed_label = excluded.computed_label,
                         unscored_reason = excluded.unscored_reason, imported_label = excluded.imported_label,
                         reach = excluded.reach, likes = excluded.likes, comments = excluded.comments,
                         shares = excluded.shares, import_batch_id = excluded.import_batch_id, {}",
                    $crate::server::store::mentions::effective_set(
                        "mentions.manual_label",
                        "excluded.imported_label",
                        "excluded.computed_label",
                        "excluded.computed_score"
                    )
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
                    for part in chunk.mentions.chunks($crate::server::store::imports::IMPORT_ROWS_PER_STATEMENT) {
                        // a row repeated within one statement: the last one wins (counted updated)
                        let mut unique: Vec<&$crate::server::store::imports::ImportMention> = Vec::with_capacity(part.len());
                        for m in part {
                            match unique.iter_mut().find(|u| u.platform == m.platform && u.external_id == m.external_id) {
                                Some(u) => {
                                    *u = m;
                                    counts.updated += 1;
                                }
                                None => unique.push(m),
                            }
                        }
                        let part = unique;
                        // authors: one multi-row upsert, ids back by (platform, handle)
                        let mut authors: Vec<(&str, &str, i64)> = Vec::new();
                        for m in &part {
                            match authors.iter_mut().find(|a| a.0 == m.platform && a.1 == m.author) {
                                Some(a) => a.2 = m.author_followers,
                                None => authors.push((&m.platform, &m.author, m.author_followers)),
                            }
                        }
                        let mut q = sqlx::QueryBuilder::<$db>::new("INSERT INTO authors (platform, handle, followers) ");
                        q.push_values(&authors, |mut b, a| {
                            b.push_bind(a.0).push_bind(a.1).push_bind(a.2);
                        });
                        q.push(
                            " ON CONFLICT (platform, handle) DO UPDATE SET followers = excluded.followers
                              RETURNING id, platform, handle",
                        );
                        let ids: Vec<(i64, String, String)> = q.build_query_as().fetch_all(&mut *tx).await?;
                        let author_id = |m: &$crate::server::store::imports::ImportMention| {
                            ids.iter().find(|(_, p, h)| *p == m.platform && *h == m.author).map(|(id, _, _)| *id)
                        };
                        // which of these exist already, and on which day (its rollup changes too);
                        // by platform, so the lookup uses the unique index (brand, platform, id)
                        let mut platforms: Vec<&str> = part.iter().map(|m| m.platform.as_str()).collect();
                        platforms.sort_unstable();
                        platforms.dedup();
                        let mut existing: Vec<(String, String, chrono::NaiveDate)> = Vec::new();
                        for platform in platforms {
                            let mut q = sqlx::QueryBuilder::<$db>::new(
                                "SELECT platform, external_id, day FROM mentions WHERE brand_id = ",
                            );
                            q.push_bind(part[0].brand_id).push(" AND platform = ").push_bind(platform);
                            q.push(" AND external_id IN (");
                            let mut list = q.separated(", ");
                            for m in part.iter().filter(|m| m.platform == platform) {
                                list.push_bind(&m.external_id);
                            }
                            q.push(")");
                            existing.extend(q.build_query_as::<(String, String, chrono::NaiveDate)>().fetch_all(&mut *tx).await?);
                        }
                        for m in &part {
                            match existing.iter().find(|(p, id, _)| *p == m.platform && *id == m.external_id) {
                                Some((_, _, day)) => {
                                    counts.updated += 1;
                                    widen(*day);
                                }
                                None => counts.inserted += 1,
                            }
                            widen(m.day);
                        }
                        let mut q = sqlx::QueryBuilder::<$db>::new(
                            "INSERT INTO mentions (brand_id, platform, external_id, author_id, author_followers,
                                 published_at, day, market, language, text, sentiment_label, sentiment_score,
                                 sentiment_source, computed_score, computed_label, unscored_reason, imported_label,
                                 reach, likes, comments, shares, import_batch_id) ",
                        );
                        let mut missing_author = false;
                        q.push_values(part.iter().copied(), |mut b, m| {
                            // a new row has no override: imported, else computed
                            let (label, source) =
                                $crate::sentiment::effective(None, m.imported_label, m.computed_label);
                            let score = m.imported_label.is_none().then_some(m.computed_score).flatten();
                            let author = author_id(m);
                            missing_author |= author.is_none();
                            b.push_bind(m.brand_id)
                                .push_bind(&m.platform)
                                .push_bind(&m.external_id)
                                .push_bind(author.unwrap_or(0))
                                .push_bind(m.author_followers)
                                .push_bind(m.published_at)
                                .push_bind(m.day)
                                .push_bind(&m.market)
                                .push_bind(&m.language)
                                .push_bind(&m.text)
                                .push_bind(label.token())
                                .push_bind(score)
                                .push_bind(source.token())
                                .push_bind(m.computed_score)
                                .push_bind(m.computed_label.map($crate::model::Sentiment::token))
                                .push_bind(&m.unscored_reason)
                                .push_bind(m.imported_label.map($crate::model::Sentiment::token))
                                .push_bind(m.reach)
                                .push_bind(m.likes)
                                .push_bind(m.comments)
                                .push_bind(m.shares)
                                .push_bind(batch_id);
                        });
                        if missing_author {
                            tx.rollback().await?;
                            return Err(StoreError::Invalid("an author could not be stored".into()));
                        }
                        q.push(&on_conflict);
                        q.build().execute(&mut *tx).await?;
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
