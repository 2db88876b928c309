//! Mentions one by one: the drill-down list, computed scores (rescoring) and manual overrides.
//! A mention's effective sentiment is always re-derived in SQL from its three sources with the
//! precedence manual > imported > computed (`effective_set`), so no write can get it out of step;
//! every write that changes it refreshes the day's `mention_daily` rollup in the same
//! transaction. SQL is written once and expanded per dialect by `impl_mention_store!`.

use async_trait::async_trait;

use crate::server::store::users::Audit;
use crate::server::store::{Slice, StoreResult};
use super::types::MentionRow;
use crate::model::Sentiment;

/// A mention's computed sentiment, as the scorer produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputedSentiment {
    pub id: i64,
    pub language: String,
    pub score: Option<f64>,
    pub label: Option<Sentiment>,
    pub unscored_reason: Option<String>,
}

/// The SET clause of the effective label, source and score, from SQL expressions for the three
/// sources and the computed score (a column, a parameter or `excluded.…`): the one place the
/// precedence manual > imported > computed is written in SQL.
pub(crate) fn effective_set(
    manual: &str,
    imported: &str,
    computed_label: &str,
    computed_score: &str,
) -> String {
    format!(
        "sentiment_label = COALESCE({manual}, {imported}, {computed_label}, 'neutral'),
         sentiment_source = CASE WHEN {manual} IS NOT NULL THEN 'manual' WHEN {imported} IS NOT NULL THEN 'imported' ELSE 'computed' END,
         sentiment_score = CASE WHEN {manual} IS NULL AND {imported} IS NULL THEN {computed_score} END"
    )
}

pub(crate) const MENTION_SELECT: &str = "SELECT id, day,
     COALESCE((SELECT name FROM platforms WHERE platforms.code = mentions.platform), platform), market,
     COALESCE((SELECT handle FROM authors WHERE authors.id = mentions.author_id), ''), text, language,
     sentiment_label, sentiment_source, computed_score, computed_label, imported_label, manual_label,
     unscored_reason, reach FROM mentions WHERE";

#[async_trait]
pub trait MentionStore {
    /// Up to `limit` mentions after `after_id`, in id order: (id, text). For rescoring.
    async fn mention_texts(&self, after_id: i64, limit: i64) -> StoreResult<Vec<(i64, String)>>;

    /// Writes computed scores and re-derives the effective sentiment of each mention, in one
    /// transaction. Rollups are not touched (rescoring rebuilds them once at the end).
    async fn update_computed(&self, rows: &[ComputedSentiment]) -> StoreResult<()>;

    /// One page of a slice's mentions, newest first, optionally of one effective sentiment;
    /// with the total count.
    async fn mention_page(
        &self,
        slice: &Slice,
        sentiment: Option<Sentiment>,
        page: u32,
        page_size: u32,
    ) -> StoreResult<(Vec<MentionRow>, i64)>;

    /// Sets (`Some`) or removes (`None`) a mention's manual sentiment, refreshes that day's
    /// rollup and writes the audit entry, in one transaction. Returns the mention as it is now.
    async fn set_manual_sentiment(
        &self,
        id: i64,
        label: Option<Sentiment>,
        audit: Audit,
    ) -> StoreResult<MentionRow>;
}

type MentionTuple = (
    i64,
    chrono::NaiveDate,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<f64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

pub(crate) fn mention_row(t: MentionTuple) -> MentionRow {
    let label = |s: Option<String>| s.and_then(|s| Sentiment::from_token(&s));
    MentionRow {
        id: t.0,
        day: t.1,
        platform: t.2,
        market: t.3,
        author: t.4,
        text: t.5,
        language: t.6,
        sentiment: Sentiment::from_token(&t.7).unwrap_or(Sentiment::Neutral),
        origin: super::types::SentimentOrigin::from_token(&t.8),
        computed_score: t.9,
        computed_label: label(t.10),
        imported_label: label(t.11),
        manual_label: label(t.12),
        unscored_reason: t.13,
        reach: t.14,
        explanation: Vec::new(),
    }
}

macro_rules! impl_mention_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::features::mentions::store::MentionStore for $store {
            async fn mention_texts(&self, after_id: i64, limit: i64) -> StoreResult<Vec<(i64, String)>> {
                Ok(sqlx::query_as("SELECT id, text FROM mentions WHERE id > $1 ORDER BY id LIMIT $2")
                    .bind(after_id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn update_computed(
                &self,
                rows: &[$crate::features::mentions::store::ComputedSentiment],
            ) -> StoreResult<()> {
                let sql = format!(
                    "UPDATE mentions SET computed_score = $1, computed_label = $2, language = $3, unscored_reason = $4,
                         {} WHERE id = $5",
                    $crate::features::mentions::store::effective_set("manual_label", "imported_label", "$2", "$1")
                );
                let mut tx = self.pool.begin().await?;
                for r in rows {
                    sqlx::query(&sql)
                        .bind(r.score)
                        .bind(r.label.map($crate::model::Sentiment::token))
                        .bind(&r.language)
                        .bind(&r.unscored_reason)
                        .bind(r.id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn mention_page(
                &self,
                slice: &Slice,
                sentiment: Option<$crate::model::Sentiment>,
                page: u32,
                page_size: u32,
            ) -> StoreResult<(Vec<$crate::features::mentions::types::MentionRow>, i64)> {
                let filters = |q: &mut sqlx::QueryBuilder<'_, $db>| {
                    Self::push_slice_filters(q, slice, true);
                    if let Some(s) = sentiment {
                        q.push(" AND sentiment_label = ").push_bind(s.token());
                    }
                };
                let mut q = sqlx::QueryBuilder::<$db>::new("SELECT CAST(COUNT(*) AS BIGINT) FROM mentions WHERE");
                filters(&mut q);
                let (total,): (i64,) = q.build_query_as().fetch_one(&self.pool).await?;
                let mut q = sqlx::QueryBuilder::<$db>::new($crate::features::mentions::store::MENTION_SELECT);
                filters(&mut q);
                q.push(" ORDER BY published_at DESC, id DESC LIMIT ")
                    .push_bind(i64::from(page_size))
                    .push(" OFFSET ")
                    .push_bind(i64::from(page) * i64::from(page_size));
                let rows = q.build_query_as().fetch_all(&self.pool).await?;
                Ok((rows.into_iter().map($crate::features::mentions::store::mention_row).collect(), total))
            }

            async fn set_manual_sentiment(
                &self,
                id: i64,
                label: Option<$crate::model::Sentiment>,
                audit: $crate::server::store::users::Audit,
            ) -> StoreResult<$crate::features::mentions::types::MentionRow> {
                let mut tx = self.pool.begin().await?;
                let sql = format!(
                    "UPDATE mentions SET manual_label = $1, {} WHERE id = $2",
                    $crate::features::mentions::store::effective_set("$1", "imported_label", "computed_label", "computed_score")
                );
                let changed = sqlx::query(&sql)
                    .bind(label.map($crate::model::Sentiment::token))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if changed == 0 {
                    // roll back now: a dropped transaction would hold its locks until the
                    // connection is next used
                    tx.rollback().await?;
                    return Err($crate::server::store::StoreError::NotFound(format!("mention {id}")));
                }
                let select = format!("{} id = $1", $crate::features::mentions::store::MENTION_SELECT);
                let row = $crate::features::mentions::store::mention_row(
                    sqlx::query_as(&select).bind(id).fetch_one(&mut *tx).await?,
                );
                let day = $crate::model::DateRange { from: row.day, to: row.day };
                Self::refresh_mention_daily(&mut tx, day).await?;
                Self::commit_with(tx, &audit).await?;
                Ok(row)
            }
        }
    };
}
pub(crate) use impl_mention_store;
