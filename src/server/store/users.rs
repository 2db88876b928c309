//! Users, sessions, sign-in failures, the audit log and governance edits: the part of the store
//! that answers "who is this and what did they change". Every write takes the `Audit` entry
//! that describes it and writes both in one transaction, so no change goes unrecorded.
//! SQL is written once, in the subset both dialects accept, and expanded by `impl_user_store!`.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::StoreResult;
use crate::auth::{AuditEntry, AuditFilter, Role, TeamChoice, UserSummary};

/// A user as stored, with their password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: Role,
    pub team_id: Option<i64>,
    pub team: Option<String>,
    pub active: bool,
    pub is_demo: bool,
    pub must_change_password: bool,
    pub created_at: i64,
}

impl UserRecord {
    /// The user as the client sees them (without the hash).
    pub fn summary(&self) -> UserSummary {
        UserSummary {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role,
            team_id: self.team_id,
            team: self.team.clone(),
            active: self.active,
            is_demo: self.is_demo,
            must_change_password: self.must_change_password,
            created_at: self.created_at,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: Role,
    pub team_id: Option<i64>,
    pub is_demo: bool,
    pub must_change_password: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// SHA-256 of the cookie's token, hex: a leaked table does not sign anyone in.
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The absolute end of the session.
    pub expires_at: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// An audit entry to write with a change. `target_id` of a new record is filled in by the store.
#[derive(Debug, Clone, Default)]
pub struct Audit {
    pub at: i64,
    pub user_id: Option<i64>,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    /// A JSON object.
    pub detail: String,
    pub ip: Option<String>,
}

impl Audit {
    pub fn new(at: i64, user_id: Option<i64>, action: &str, ip: Option<String>) -> Audit {
        Audit { at, user_id, action: action.into(), detail: "{}".into(), ip, ..Audit::default() }
    }

    pub fn target(mut self, kind: &str, id: impl ToString) -> Audit {
        self.target_kind = Some(kind.into());
        self.target_id = Some(id.to_string());
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Audit {
        self.detail = detail.to_string();
        self
    }
}

#[async_trait]
pub trait UserStore: Send + Sync {
    async fn count_users(&self) -> StoreResult<i64>;
    async fn users(&self) -> StoreResult<Vec<UserRecord>>;
    async fn user(&self, id: i64) -> StoreResult<Option<UserRecord>>;
    /// By email, compared case-insensitively (emails are stored lower-case).
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<UserRecord>>;
    async fn teams(&self) -> StoreResult<Vec<TeamChoice>>;

    /// Creates a user; `Invalid` when the email is taken. Returns the new id.
    async fn create_user(&self, user: &NewUser, audit: Audit) -> StoreResult<i64>;
    async fn set_role(&self, id: i64, role: Role, team_id: Option<i64>, audit: Audit) -> StoreResult<()>;
    /// Deactivating also ends every session of the user.
    async fn set_active(&self, id: i64, active: bool, audit: Audit) -> StoreResult<()>;
    /// Sets a new password hash (no longer a demo password); ends every session of the user
    /// but `keep_session`.
    async fn set_password(
        &self,
        id: i64,
        hash: &str,
        must_change: bool,
        keep_session: Option<&str>,
        audit: Audit,
    ) -> StoreResult<()>;

    /// Starts a session (a successful sign-in) and forgets the failures of `clear_failures`.
    async fn create_session(
        &self,
        session: &SessionRecord,
        clear_failures: &str,
        audit: Audit,
    ) -> StoreResult<()>;
    async fn session(&self, token_hash: &str) -> StoreResult<Option<(SessionRecord, UserRecord)>>;
    async fn touch_session(&self, token_hash: &str, now: i64) -> StoreResult<()>;
    async fn end_session(&self, token_hash: &str, audit: Option<Audit>) -> StoreResult<()>;
    /// Deletes sessions past their absolute end or idle for longer than `idle_secs`.
    async fn purge_sessions(&self, now: i64, idle_secs: i64) -> StoreResult<u64>;

    /// Records a failed sign-in under each key (account, address).
    async fn record_failure(&self, keys: &[String], audit: Audit) -> StoreResult<()>;
    async fn failures_since(&self, key: &str, since: i64) -> StoreResult<i64>;

    /// Writes an audit entry on its own (for changes outside the store, like a demo refill).
    async fn audit(&self, audit: Audit) -> StoreResult<()>;
    /// At most `limit` entries matching the filter, newest first.
    async fn audit_log(&self, filter: &AuditFilter, limit: i64) -> StoreResult<Vec<AuditEntry>>;
    async fn audit_actions(&self) -> StoreResult<Vec<String>>;
}

/// Implements `UserStore` for `$store` on database `$db`.
macro_rules! impl_user_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn write_audit(tx: &mut sqlx::Transaction<'_, $db>, audit: &Audit) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO audit_log (at, user_id, action, target_kind, target_id, detail, ip)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(audit.at)
                .bind(audit.user_id)
                .bind(&audit.action)
                .bind(&audit.target_kind)
                .bind(&audit.target_id)
                .bind(&audit.detail)
                .bind(&audit.ip)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            fn user_row(r: &<$db as sqlx::Database>::Row) -> StoreResult<UserRecord> {
                use sqlx::Row;
                let role: String = r.try_get("role")?;
                Ok(UserRecord {
                    id: r.try_get("id")?,
                    email: r.try_get("email")?,
                    name: r.try_get("name")?,
                    password_hash: r.try_get("password_hash")?,
                    role: Role::from_token(&role)
                        .ok_or_else(|| StoreError::Invalid(format!("unknown role {role:?} in the users table")))?,
                    team_id: r.try_get("team_id")?,
                    team: r.try_get("team")?,
                    active: r.try_get("active")?,
                    is_demo: r.try_get("is_demo")?,
                    must_change_password: r.try_get("must_change_password")?,
                    created_at: r.try_get("created_at")?,
                })
            }

            /// Writes the change's audit entry and commits: every write ends this way.
            async fn commit_with(mut tx: sqlx::Transaction<'_, $db>, audit: &Audit) -> StoreResult<()> {
                Self::write_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            /// Fails with `NotFound` unless exactly one row changed.
            fn one_row(rows: u64, what: impl std::fmt::Display) -> StoreResult<()> {
                if rows == 1 { Ok(()) } else { Err(StoreError::NotFound(what.to_string())) }
            }
        }

        #[async_trait::async_trait]
        impl UserStore for $store {
            async fn count_users(&self) -> StoreResult<i64> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&self.pool).await?)
            }

            async fn users(&self) -> StoreResult<Vec<UserRecord>> {
                let rows = sqlx::query(&format!("{USER_SELECT} ORDER BY u.active DESC, u.email"))
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(Self::user_row).collect()
            }

            async fn user(&self, id: i64) -> StoreResult<Option<UserRecord>> {
                let row = sqlx::query(&format!("{USER_SELECT} WHERE u.id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(Self::user_row).transpose()
            }

            async fn user_by_email(&self, email: &str) -> StoreResult<Option<UserRecord>> {
                let row = sqlx::query(&format!("{USER_SELECT} WHERE u.email = $1"))
                    .bind(email.trim().to_lowercase())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(Self::user_row).transpose()
            }

            async fn teams(&self) -> StoreResult<Vec<TeamChoice>> {
                use sqlx::Row;
                let rows = sqlx::query("SELECT id, name FROM teams ORDER BY name").fetch_all(&self.pool).await?;
                Ok(rows.iter().map(|r| TeamChoice { id: r.get(0), name: r.get(1) }).collect())
            }

            async fn create_user(&self, user: &NewUser, audit: Audit) -> StoreResult<i64> {
                let mut tx = self.pool.begin().await?;
                let email = user.email.trim().to_lowercase();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (email, name, password_hash, role, team_id, active, is_demo,
                         must_change_password, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(&email)
                .bind(&user.name)
                .bind(&user.password_hash)
                .bind(user.role.token())
                .bind(user.team_id)
                .bind(true)
                .bind(user.is_demo)
                .bind(user.must_change_password)
                .bind(user.created_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| $crate::server::store::on_unique(e, || format!("A user with the email {email} already exists.")))?;
                Self::commit_with(tx, &audit.target("user", id)).await?;
                Ok(id)
            }

            async fn set_role(&self, id: i64, role: Role, team_id: Option<i64>, audit: Audit) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                let rows = sqlx::query("UPDATE users SET role = $1, team_id = $2 WHERE id = $3")
                    .bind(role.token())
                    .bind(team_id)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                Self::one_row(rows, format!("user {id}"))?;
                Self::commit_with(tx, &audit).await
            }

            async fn set_active(&self, id: i64, active: bool, audit: Audit) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                let rows = sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
                    .bind(active)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                Self::one_row(rows, format!("user {id}"))?;
                if !active {
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
                }
                Self::commit_with(tx, &audit).await
            }

            async fn set_password(
                &self,
                id: i64,
                hash: &str,
                must_change: bool,
                keep_session: Option<&str>,
                audit: Audit,
            ) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                let rows = sqlx::query(
                    "UPDATE users SET password_hash = $1, must_change_password = $2, is_demo = $3 WHERE id = $4",
                )
                .bind(hash)
                .bind(must_change)
                .bind(false)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                Self::one_row(rows, format!("user {id}"))?;
                sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                    .bind(id)
                    .bind(keep_session.unwrap_or(""))
                    .execute(&mut *tx)
                    .await?;
                Self::commit_with(tx, &audit).await
            }

            async fn create_session(&self, s: &SessionRecord, clear_failures: &str, audit: Audit) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&s.token_hash)
                .bind(s.user_id)
                .bind(s.created_at)
                .bind(s.last_seen_at)
                .bind(s.expires_at)
                .bind(&s.ip)
                .bind(&s.user_agent)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM sign_in_failures WHERE key = $1").bind(clear_failures).execute(&mut *tx).await?;
                Self::commit_with(tx, &audit).await
            }

            async fn session(&self, token_hash: &str) -> StoreResult<Option<(SessionRecord, UserRecord)>> {
                use sqlx::Row;
                let row = sqlx::query(&format!(
                    "{USER_SELECT_WITH_SESSION} JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = $1"
                ))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                let Some(r) = row else { return Ok(None) };
                let session = SessionRecord {
                    token_hash: r.try_get("token_hash")?,
                    user_id: r.try_get("id")?,
                    created_at: r.try_get("s_created_at")?,
                    last_seen_at: r.try_get("last_seen_at")?,
                    expires_at: r.try_get("expires_at")?,
                    ip: r.try_get("s_ip")?,
                    user_agent: r.try_get("user_agent")?,
                };
                Ok(Some((session, Self::user_row(&r)?)))
            }

            async fn touch_session(&self, token_hash: &str, now: i64) -> StoreResult<()> {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                    .bind(now)
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn end_session(&self, token_hash: &str, audit: Option<Audit>) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&mut *tx).await?;
                if let Some(audit) = audit {
                    Self::write_audit(&mut tx, &audit).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn purge_sessions(&self, now: i64, idle_secs: i64) -> StoreResult<u64> {
                Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
                    .bind(now)
                    .bind(now - idle_secs)
                    .execute(&self.pool)
                    .await?
                    .rows_affected())
            }

            async fn record_failure(&self, keys: &[String], audit: Audit) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                for key in keys {
                    sqlx::query("INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)")
                        .bind(key)
                        .bind(audit.at)
                        .execute(&mut *tx)
                        .await?;
                }
                // Old failures no longer count; keep the table small.
                sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
                    .bind(audit.at - 86_400)
                    .execute(&mut *tx)
                    .await?;
                Self::commit_with(tx, &audit).await
            }

            async fn failures_since(&self, key: &str, since: i64) -> StoreResult<i64> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND at >= $2")
                    .bind(key)
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn audit(&self, audit: Audit) -> StoreResult<()> {
                let tx = self.pool.begin().await?;
                Self::commit_with(tx, &audit).await
            }

            async fn audit_log(&self, filter: &AuditFilter, limit: i64) -> StoreResult<Vec<AuditEntry>> {
                use sqlx::Row;
                let mut q = sqlx::QueryBuilder::<$db>::new(
                    "SELECT a.id, a.at, a.user_id, u.email, a.action, a.target_kind, a.target_id, a.detail, a.ip
                     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE 1 = 1",
                );
                if let Some(action) = &filter.action {
                    q.push(" AND a.action = ").push_bind(action.clone());
                }
                if let Some(user) = filter.user_id {
                    q.push(" AND a.user_id = ").push_bind(user);
                }
                if let Some(from) = filter.from {
                    q.push(" AND a.at >= ").push_bind(day_start(from));
                }
                if let Some(to) = filter.to {
                    q.push(" AND a.at < ").push_bind(day_start(to) + 86_400);
                }
                if let Some(before) = filter.before_id {
                    q.push(" AND a.id < ").push_bind(before);
                }
                q.push(" ORDER BY a.id DESC LIMIT ").push_bind(limit);
                let rows = q.build().fetch_all(&self.pool).await?;
                Ok(rows
                    .iter()
                    .map(|r| AuditEntry {
                        id: r.get(0),
                        at: r.get(1),
                        user_id: r.get(2),
                        user_email: r.get(3),
                        action: r.get(4),
                        target_kind: r.get(5),
                        target_id: r.get(6),
                        detail: r.get(7),
                        ip: r.get(8),
                    })
                    .collect())
            }

            async fn audit_actions(&self) -> StoreResult<Vec<String>> {
                Ok(sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
                    .fetch_all(&self.pool)
                    .await?)
            }
        }
    };
}

pub(super) use impl_user_store;

pub(super) const USER_SELECT: &str =
    "SELECT u.id, u.email, u.name, u.password_hash, u.role, u.team_id, t.name AS team,
        u.active, u.is_demo, u.must_change_password, u.created_at
     FROM users u LEFT JOIN teams t ON t.id = u.team_id";

pub(super) const USER_SELECT_WITH_SESSION: &str =
    "SELECT u.id, u.email, u.name, u.password_hash, u.role, u.team_id,
        t.name AS team, u.active, u.is_demo, u.must_change_password, u.created_at,
        s.token_hash, s.created_at AS s_created_at, s.last_seen_at, s.expires_at, s.ip AS s_ip, s.user_agent
     FROM users u LEFT JOIN teams t ON t.id = u.team_id";

/// Seconds since the epoch at the start of `day` (UTC).
pub(super) fn day_start(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp())
}
