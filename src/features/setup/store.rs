//! The setup's SQL: the workspace as a snapshot in the setup file's terms, and a plan applied in
//! one transaction with one audit entry (and an `account_events` row per governance change).
//! References are written by their keys (`(SELECT id FROM teams WHERE name = …)`), so records
//! the same plan adds are found like stored ones.

use async_trait::async_trait;

use super::plan::{Plan, Snapshot};
use super::types::SetupKey;
use crate::server::store::users::Audit;
use crate::server::store::StoreResult;

#[async_trait]
pub trait SetupStore {
    /// The workspace as stored.
    async fn setup_snapshot(&self) -> StoreResult<Snapshot>;

    /// Applies `plan` in one transaction with `audit`; new accounts are created on `today`.
    async fn apply_setup(&self, plan: &Plan, today: chrono::NaiveDate, audit: Audit) -> StoreResult<()>;

    /// Removes the record `key` names, in one transaction with `audit`, unless data refers to it
    /// (an account's history in the append-only `account_events` always does).
    async fn remove_setup(&self, key: &SetupKey, audit: Audit) -> StoreResult<Removal>;
}

/// What removing a record did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    Removed,
    NotFound,
    /// Nothing was removed: this many rows of each kind (plural noun) refer to the record.
    Referred(Vec<(i64, &'static str)>),
}

/// How a record is found by its key, and what refers to it: `(id query, [(plural noun, count
/// query)])`, each query taking the key (the id queries) or the id (the count queries) as `$1`,
/// and the statements that remove it.
pub(crate) fn removal_sql(key: &SetupKey) -> (&'static str, &'static [(&'static str, &'static str)], &'static [&'static str]) {
    match key {
        SetupKey::Brand(_) => (
            "SELECT id FROM brands WHERE LOWER(name) = LOWER($1)",
            &[
                ("mentions", "SELECT COUNT(*) FROM mentions WHERE brand_id = $1"),
                ("posts", "SELECT COUNT(*) FROM posts WHERE brand_id = $1"),
                ("accounts", "SELECT COUNT(*) FROM accounts WHERE brand_id = $1"),
                ("campaigns", "SELECT COUNT(*) FROM campaigns WHERE brand_id = $1"),
            ],
            &["DELETE FROM brands WHERE id = $1"],
        ),
        SetupKey::Team(_) => (
            "SELECT id FROM teams WHERE LOWER(name) = LOWER($1)",
            &[
                ("people", "SELECT COUNT(*) FROM people WHERE team_id = $1"),
                ("accounts", "SELECT COUNT(*) FROM accounts WHERE team_id = $1"),
                ("users", "SELECT COUNT(*) FROM users WHERE team_id = $1"),
                ("post rollup rows", "SELECT COUNT(*) FROM post_daily WHERE team_id = $1"),
            ],
            &["DELETE FROM teams WHERE id = $1"],
        ),
        SetupKey::Person(_) => (
            "SELECT id FROM people WHERE email = LOWER($1)",
            &[(
                "accounts",
                "SELECT COUNT(*) FROM accounts WHERE owner_id = $1 OR backup_owner_id = $1 OR custodian_id = $1",
            )],
            &["DELETE FROM people WHERE id = $1"],
        ),
        SetupKey::Account { .. } => (
            "SELECT id FROM accounts WHERE platform = LOWER($1) AND LOWER(handle) = LOWER($2)",
            // account_events is append-only: an account's history keeps it (archive it instead)
            &[
                ("posts", "SELECT COUNT(*) FROM posts WHERE account_id = $1"),
                ("history events", "SELECT COUNT(*) FROM account_events WHERE account_id = $1"),
            ],
            &["DELETE FROM accounts WHERE id = $1"],
        ),
        // a market's key is its code: every query takes the code
        SetupKey::Market(_) => (
            "SELECT CAST(0 AS BIGINT) FROM markets WHERE code = UPPER($1)",
            &[
                ("teams", "SELECT COUNT(*) FROM teams WHERE market = UPPER($1)"),
                ("accounts", "SELECT COUNT(*) FROM accounts WHERE market = UPPER($1)"),
                ("campaigns", "SELECT COUNT(*) FROM campaign_markets WHERE market = UPPER($1)"),
                ("campaign results", "SELECT COUNT(*) FROM campaign_results WHERE market = UPPER($1)"),
                ("mentions", "SELECT COUNT(*) FROM mentions WHERE market = UPPER($1)"),
                ("posts", "SELECT COUNT(*) FROM posts WHERE market = UPPER($1)"),
            ],
            &["DELETE FROM markets WHERE code = UPPER($1)"],
        ),
    }
}

/// Splits the stored keyword list.
pub(crate) fn keywords(stored: &str) -> Vec<String> {
    stored.split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect()
}

macro_rules! impl_setup_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::features::setup::store::SetupStore for $store {
            async fn setup_snapshot(&self) -> StoreResult<$crate::features::setup::plan::Snapshot> {
                use $crate::features::setup::types::{AccountSpec, BrandSpec, MarketSpec, PersonSpec, TeamSpec};
                let markets = sqlx::query_as::<_, (String, String, String)>(
                    "SELECT code, name, time_zone FROM markets ORDER BY code",
                )
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|(code, name, time_zone)| MarketSpec { code, name, time_zone })
                .collect();
                let brands = sqlx::query_as::<_, (String, bool, String, String)>(
                    "SELECT name, is_own, keywords, colour FROM brands ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|(name, own, k, colour)| BrandSpec {
                    name,
                    own,
                    keywords: $crate::features::setup::store::keywords(&k),
                    colour,
                })
                .collect();
                let teams = sqlx::query_as::<_, (String, String, Option<String>)>(
                    "SELECT name, kind, market FROM teams ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|(name, kind, market)| TeamSpec { name, kind, market })
                .collect();
                let people = sqlx::query_as::<_, (String, String, String, Option<chrono::NaiveDate>)>(
                    "SELECT p.name, p.email, t.name, p.left_on FROM people p JOIN teams t ON t.id = p.team_id ORDER BY p.id",
                )
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|(name, email, team, left_on)| PersonSpec { name, email, team, left_on })
                .collect();
                let rows = sqlx::query(
                    "SELECT a.platform, a.handle, b.name, a.display_name, a.platform_id, a.url, a.market, t.name,
                         o.email, k.email, c.email, a.status
                     FROM accounts a JOIN brands b ON b.id = a.brand_id
                     LEFT JOIN teams t ON t.id = a.team_id
                     LEFT JOIN people o ON o.id = a.owner_id
                     LEFT JOIN people k ON k.id = a.backup_owner_id
                     LEFT JOIN people c ON c.id = a.custodian_id
                     ORDER BY a.id",
                )
                .fetch_all(&self.pool)
                .await?;
                let some = |v: Option<String>| v.filter(|v| !v.is_empty());
                let accounts = rows
                    .into_iter()
                    .map(|r| AccountSpec {
                        platform: r.get(0),
                        handle: r.get(1),
                        brand: r.get(2),
                        name: some(r.get(3)),
                        platform_id: r.get(4),
                        url: some(r.get(5)),
                        market: r.get(6),
                        team: r.get(7),
                        owner: r.get(8),
                        backup: r.get(9),
                        custodian: r.get(10),
                        status: Some(r.get(11)),
                    })
                    .collect();
                let (mentions, posts) = self.counts().await?;
                Ok($crate::features::setup::plan::Snapshot {
                    markets,
                    brands,
                    teams,
                    people,
                    accounts,
                    reporting_time_zone: self.setting("reporting_time_zone").await?,
                    currency: self.setting("currency").await?,
                    has_data: mentions + posts > 0,
                })
            }

            async fn apply_setup(
                &self,
                plan: &$crate::features::setup::plan::Plan,
                today: chrono::NaiveDate,
                audit: Audit,
            ) -> StoreResult<()> {
                use $crate::features::setup::plan::{Step, PLATFORMS};
                let mut tx = self.pool.begin().await?;
                for step in &plan.steps {
                    match step {
                        Step::Setting { key, value } => {
                            sqlx::query(
                                "INSERT INTO settings (key, value) VALUES ($1, $2)
                                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            )
                            .bind(*key)
                            .bind(value)
                            .execute(&mut *tx)
                            .await?;
                        }
                        Step::Market { spec, new } => {
                            let sql = if *new {
                                "INSERT INTO markets (code, name, time_zone) VALUES ($1, $2, $3)"
                            } else {
                                "UPDATE markets SET name = $2, time_zone = $3 WHERE code = $1"
                            };
                            sqlx::query(sql).bind(&spec.code).bind(&spec.name).bind(&spec.time_zone).execute(&mut *tx).await?;
                        }
                        Step::Brand { spec, new } => {
                            let sql = if *new {
                                "INSERT INTO brands (name, is_own, keywords, colour) VALUES ($1, $2, $3, $4)"
                            } else {
                                "UPDATE brands SET name = $1, is_own = $2, keywords = $3, colour = $4 WHERE LOWER(name) = LOWER($1)"
                            };
                            sqlx::query(sql)
                                .bind(&spec.name)
                                .bind(spec.own)
                                .bind(spec.keywords.join(","))
                                .bind(&spec.colour)
                                .execute(&mut *tx)
                                .await
                                .map_err(|e| $crate::server::store::on_unique(e, || format!("A brand named {} exists already.", spec.name)))?;
                        }
                        Step::Team { spec, region, new } => {
                            let sql = if *new {
                                "INSERT INTO teams (name, kind, market, region) VALUES ($1, $2, $3, $4)"
                            } else {
                                "UPDATE teams SET name = $1, kind = $2, market = $3, region = $4 WHERE LOWER(name) = LOWER($1)"
                            };
                            sqlx::query(sql).bind(&spec.name).bind(&spec.kind).bind(&spec.market).bind(region).execute(&mut *tx).await?;
                        }
                        Step::Person { spec, new } => {
                            let sql = if *new {
                                "INSERT INTO people (name, email, team_id, status, left_on)
                                 VALUES ($1, $2, (SELECT id FROM teams WHERE name = $3), $4, $5)"
                            } else {
                                "UPDATE people SET name = $1, team_id = (SELECT id FROM teams WHERE name = $3), status = $4, left_on = $5
                                 WHERE email = $2"
                            };
                            sqlx::query(sql)
                                .bind(&spec.name)
                                .bind(&spec.email)
                                .bind(&spec.team)
                                .bind(if spec.left_on.is_some() { "left" } else { "active" })
                                .bind(spec.left_on)
                                .execute(&mut *tx)
                                .await?;
                        }
                        Step::Account { spec, new, events } => {
                            let name = PLATFORMS.iter().find(|(c, _)| *c == spec.platform).map_or(spec.platform.as_str(), |(_, n)| *n);
                            sqlx::query("INSERT INTO platforms (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING")
                                .bind(&spec.platform)
                                .bind(name)
                                .execute(&mut *tx)
                                .await?;
                            let sql = if *new {
                                "INSERT INTO accounts (platform, handle, brand_id, display_name, platform_id, url, market, team_id,
                                     owner_id, backup_owner_id, custodian_id, status, created_on)
                                 VALUES ($1, $2, (SELECT id FROM brands WHERE name = $3), $4, $5, $6, $7,
                                     (SELECT id FROM teams WHERE name = $8), (SELECT id FROM people WHERE email = $9),
                                     (SELECT id FROM people WHERE email = $10), (SELECT id FROM people WHERE email = $11), $12, $13)
                                 RETURNING id"
                            } else {
                                "UPDATE accounts SET brand_id = (SELECT id FROM brands WHERE name = $3), display_name = $4,
                                     platform_id = $5, url = $6, market = $7, team_id = (SELECT id FROM teams WHERE name = $8),
                                     owner_id = (SELECT id FROM people WHERE email = $9),
                                     backup_owner_id = (SELECT id FROM people WHERE email = $10),
                                     custodian_id = (SELECT id FROM people WHERE email = $11), status = $12
                                 WHERE platform = $1 AND handle = $2 AND $13 = $13
                                 RETURNING id"
                            };
                            let id: i64 = sqlx::query_scalar(sql)
                                .bind(&spec.platform)
                                .bind(&spec.handle)
                                .bind(&spec.brand)
                                .bind(spec.name.clone().unwrap_or_default())
                                .bind(&spec.platform_id)
                                .bind(spec.url.clone().unwrap_or_default())
                                .bind(&spec.market)
                                .bind(&spec.team)
                                .bind(&spec.owner)
                                .bind(&spec.backup)
                                .bind(&spec.custodian)
                                .bind(spec.status.as_deref().unwrap_or("official"))
                                .bind(today)
                                .fetch_one(&mut *tx)
                                .await
                                .map_err(|e| {
                                    $crate::server::store::on_unique(e, || {
                                        format!("The account {}:{} exists already, or its platform id is another account's.", spec.platform, spec.handle)
                                    })
                                })?;
                            let actor = audit.user_id.map_or_else(|| "setup".to_string(), |u| format!("user {u}"));
                            let created = $crate::features::setup::plan::AccountEvent { kind: "created", from: None, to: Some(format!("{}:{}", spec.platform, spec.handle)) };
                            for e in events.iter().chain(new.then_some(&created)) {
                                sqlx::query(
                                    "INSERT INTO account_events (account_id, at, actor, kind, from_value, to_value, reason)
                                     VALUES ($1, $2, $3, $4, $5, $6, 'setup')",
                                )
                                .bind(id)
                                .bind(audit.at)
                                .bind(&actor)
                                .bind(e.kind)
                                .bind(&e.from)
                                .bind(&e.to)
                                .execute(&mut *tx)
                                .await?;
                            }
                        }
                    }
                }
                Self::commit_with(tx, &audit).await
            }

            async fn remove_setup(
                &self,
                key: &$crate::features::setup::types::SetupKey,
                audit: Audit,
            ) -> StoreResult<$crate::features::setup::store::Removal> {
                use $crate::features::setup::store::{removal_sql, Removal};
                use $crate::features::setup::types::SetupKey;
                let (find, uses, remove) = removal_sql(key);
                let (first, second) = match key {
                    SetupKey::Brand(k) | SetupKey::Market(k) | SetupKey::Team(k) | SetupKey::Person(k) => (k.trim(), ""),
                    SetupKey::Account { platform, handle } => (platform.trim(), handle.trim().trim_start_matches('@')),
                };
                let mut tx = self.pool.begin().await?;
                let mut query = sqlx::query_scalar::<_, i64>(find).bind(first);
                if !second.is_empty() {
                    query = query.bind(second);
                }
                // a refusal ends the transaction here: a dropped one is only rolled back when its
                // connection is next used, and until then its locks would hold
                let Some(id) = query.fetch_optional(&mut *tx).await? else {
                    tx.rollback().await?;
                    return Ok(Removal::NotFound);
                };
                let is_market = matches!(key, SetupKey::Market(_));
                let mut referred = Vec::new();
                for (noun, sql) in uses {
                    let n: i64 = if is_market {
                        sqlx::query_scalar(sql).bind(first).fetch_one(&mut *tx).await?
                    } else {
                        sqlx::query_scalar(sql).bind(id).fetch_one(&mut *tx).await?
                    };
                    if n > 0 {
                        referred.push((n, *noun));
                    }
                }
                if !referred.is_empty() {
                    tx.rollback().await?;
                    return Ok(Removal::Referred(referred));
                }
                for sql in remove {
                    if is_market {
                        sqlx::query(sql).bind(first).execute(&mut *tx).await?;
                    } else {
                        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
                    }
                }
                Self::commit_with(tx, &audit).await?;
                Ok(Removal::Removed)
            }
        }
    };
}
pub(crate) use impl_setup_store;
