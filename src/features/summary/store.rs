//! The share links' SQL: create, list, find by token hash, revoke. Written once and expanded
//! per dialect by `impl_summary_store!`; each write commits with its audit entry.

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
        }
    };
}
pub(crate) use impl_summary_store;
