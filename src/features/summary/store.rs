//! The summary's SQL: share links (create, list, find by token hash, revoke) and the headline
//! targets. Written once and expanded per dialect by `impl_summary_store!`; each write commits
//! with its audit entry.

use async_trait::async_trait;

use crate::server::store::{Audit, StoreResult};

/// A share link as stored (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ShareRow {
    pub id: i64,
    pub user_id: i64,
    /// The creator's name.
    pub owner: String,
    pub spec: String,
    pub password_hash: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    /// How often it was opened (audited opens).
    pub opens: i64,
}

/// A link to write.
#[derive(Debug, Clone)]
pub struct NewShare {
    pub token_hash: String,
    pub user_id: i64,
    pub spec: String,
    pub password_hash: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
}

#[async_trait]
pub trait SummaryStore {
    /// Writes a link and its audit entry; returns its id.
    async fn create_share(&self, share: &NewShare, audit: Audit) -> StoreResult<i64>;
    /// The links of `user_id` (every link with `None`), newest first.
    async fn shares(&self, user_id: Option<i64>) -> StoreResult<Vec<ShareRow>>;
    /// The link whose token hashes to `token_hash`, revoked or expired ones included.
    async fn share_by_token(&self, token_hash: &str) -> StoreResult<Option<ShareRow>>;
    /// Revokes link `id` (of `user_id`, or any with `None`); `NotFound` when there is no such
    /// live link.
    async fn revoke_share(&self, id: i64, user_id: Option<i64>, at: i64, audit: Audit) -> StoreResult<()>;
    /// The headline targets as set: (headline token, value).
    async fn summary_targets(&self) -> StoreResult<Vec<(String, f64)>>;
    /// Sets (`Some`) or clears (`None`) targets by headline token, all in one transaction with
    /// the audit entry.
    async fn set_summary_targets(&self, targets: &[(String, Option<f64>)], audit: Audit) -> StoreResult<()>;
}

macro_rules! impl_summary_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::features::summary::store::SummaryStore for $store {
            async fn create_share(
                &self,
                s: &$crate::features::summary::store::NewShare,
                audit: Audit,
            ) -> StoreResult<i64> {
                let mut tx = self.pool.begin().await?;
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO share_links (token_hash, user_id, spec, password_hash, created_at, expires_at)
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(&s.token_hash)
                .bind(s.user_id)
                .bind(&s.spec)
                .bind(&s.password_hash)
                .bind(s.created_at)
                .bind(s.expires_at)
                .fetch_one(&mut *tx)
                .await?;
                Self::commit_with(tx, &audit.target("share_link", id)).await?;
                Ok(id)
            }

            async fn shares(&self, user_id: Option<i64>) -> StoreResult<Vec<$crate::features::summary::store::ShareRow>> {
                Ok(sqlx::query_as(
                    "SELECT s.id, s.user_id, u.name AS owner, s.spec, s.password_hash, s.created_at, s.expires_at, s.revoked_at,
                            (SELECT COUNT(*) FROM audit_log a WHERE a.action = 'share.opened' AND a.target_kind = 'share_link'
                               AND a.target_id = CAST(s.id AS TEXT)) AS opens
                     FROM share_links s JOIN users u ON u.id = s.user_id
                     WHERE $1 IS NULL OR s.user_id = $1 ORDER BY s.created_at DESC, s.id DESC",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn share_by_token(&self, token_hash: &str) -> StoreResult<Option<$crate::features::summary::store::ShareRow>> {
                Ok(sqlx::query_as(
                    "SELECT s.id, s.user_id, u.name AS owner, s.spec, s.password_hash, s.created_at, s.expires_at, s.revoked_at,
                            CAST(0 AS BIGINT) AS opens
                     FROM share_links s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn revoke_share(&self, id: i64, user_id: Option<i64>, at: i64, audit: Audit) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                let rows = sqlx::query(
                    "UPDATE share_links SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL AND ($3 IS NULL OR user_id = $3)",
                )
                .bind(at)
                .bind(id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                Self::one_row(rows, format!("share link {id}"))?;
                Self::commit_with(tx, &audit.target("share_link", id)).await
            }

            async fn summary_targets(&self) -> StoreResult<Vec<(String, f64)>> {
                Ok(sqlx::query_as("SELECT headline, value FROM summary_targets ORDER BY headline")
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn set_summary_targets(&self, targets: &[(String, Option<f64>)], audit: Audit) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                for (headline, value) in targets {
                    match value {
                        Some(v) => {
                            sqlx::query(
                                "INSERT INTO summary_targets (headline, value, set_by, set_at) VALUES ($1, $2, $3, $4)
                                 ON CONFLICT (headline) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at",
                            )
                            .bind(headline)
                            .bind(v)
                            .bind(audit.user_id)
                            .bind(audit.at)
                            .execute(&mut *tx)
                            .await?;
                        }
                        None => {
                            sqlx::query("DELETE FROM summary_targets WHERE headline = $1")
                                .bind(headline)
                                .execute(&mut *tx)
                                .await?;
                        }
                    }
                }
                Self::commit_with(tx, &audit).await
            }
        }
    };
}
pub(crate) use impl_summary_store;
