//! Governance's SQL: the registry (accounts with their people and their latest post), an
//! account's history and posts, and the writes — an account's record, a leaver's handover and
//! the rules' days — each in one transaction with its audit entry and one `account_events` row
//! per change. Written once and expanded per dialect by `impl_governance_store!`.
//!
//! People in `account_events` are written by email, as the setup writes them (older entries
//! may hold a person's id; the page reads both).

use async_trait::async_trait;
use chrono::NaiveDate;

use crate::accounts::RiskRules;
use super::types::{
    AccountEvent, AccountUpdate, Candidate, Handover, NewRound, PersonRef, PostDay, RegistryAccount, ReviewRound, TeamRef,
};
use crate::server::store::{Audit, StoreResult};

#[async_trait]
pub trait GovernanceStore {
    /// Every account with its people, and its latest post up to `as_of`; ordered by brand
    /// (own first), platform and handle.
    async fn registry(&self, as_of: NaiveDate) -> StoreResult<Vec<RegistryAccount>> {
        Ok(self.registry_in_full(as_of).await?.0)
    }
    /// `registry` with the people and teams it read to name them (the page needs all three).
    async fn registry_in_full(&self, as_of: NaiveDate) -> StoreResult<(Vec<RegistryAccount>, Vec<PersonRef>, Vec<TeamRef>)>;
    /// Everyone who can own an account (with the company or not), by name.
    async fn registry_people(&self) -> StoreResult<Vec<PersonRef>>;
    /// Every team, the hub first.
    async fn registry_teams(&self) -> StoreResult<Vec<TeamRef>>;
    /// Every market (code, name), by name.
    async fn registry_markets(&self) -> StoreResult<Vec<(String, String)>>;
    /// An account's history, newest first.
    async fn account_history(&self, account_id: i64) -> StoreResult<Vec<AccountEvent>>;
    /// An account's owned posts per day from `from` on.
    async fn account_post_days(&self, account_id: i64, from: NaiveDate) -> StoreResult<Vec<PostDay>>;
    /// Changes an account's owner, backup owner, custodian and status and marks it reviewed
    /// `today` (a review that changes nothing is recorded too); one event per change, by
    /// `actor`. `Invalid` for unknown people, `NotFound` for an unknown account.
    async fn update_account(&self, u: &AccountUpdate, actor: &str, today: NaiveDate, audit: Audit) -> StoreResult<()>;
    /// Marks a person as left (unless they are already) and hands their duties over, all in
    /// one transaction. Refused whole when a duty is no longer theirs or a successor is
    /// unknown, has left or is the leaver. Answers how many duties moved.
    async fn hand_over(&self, h: &Handover, actor: &str, audit: Audit) -> StoreResult<usize>;
    /// Stores the rules' days.
    async fn set_risk_rules(&self, rules: &RiskRules, audit: Audit) -> StoreResult<()>;
    /// The access review rounds, newest first, each with the accounts reviewed in it.
    async fn review_rounds(&self) -> StoreResult<Vec<ReviewRound>>;
    /// Opens a round; answers its id.
    async fn open_review_round(&self, round: &NewRound, audit: Audit) -> StoreResult<i64>;
    /// The active team leads: (team id, name).
    async fn team_leads(&self) -> StoreResult<Vec<(i64, String)>>;
    /// Possibly unofficial accounts: authors of the own brand's mentions on the platforms accounts
    /// are on whose handle holds one of its keywords, who are neither registered accounts nor
    /// dismissed; most mentions first, at most `limit`.
    async fn unofficial_candidates(&self, limit: i64) -> StoreResult<Vec<Candidate>>;
    /// Remembers that a candidate is not the brand's business.
    async fn dismiss_candidate(&self, platform: &str, handle: &str, by: &str, reason: &str, audit: Audit) -> StoreResult<()>;
    /// Registers a candidate as an unofficial account of the own brand (in the market most of its
    /// mentions are from, with its followers), with its `created` event; answers its id.
    async fn register_unofficial(
        &self,
        platform: &str,
        handle: &str,
        actor: &str,
        reason: &str,
        today: NaiveDate,
        audit: Audit,
    ) -> StoreResult<i64>;
}

macro_rules! impl_governance_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::features::governance::store::GovernanceStore for $store {
            async fn registry_in_full(
                &self,
                as_of: chrono::NaiveDate,
            ) -> StoreResult<(
                Vec<$crate::features::governance::types::RegistryAccount>,
                Vec<$crate::accounts::PersonRef>,
                Vec<$crate::features::governance::types::TeamRef>,
            )> {
                use $crate::features::governance::types::{AccountStatus, RegistryAccount};
                // Each account comes as one text of its fields, `\u{1f}`-separated with the handle last:
                // the drivers' cost is per value, and at 10,000 accounts fourteen values a row took
                // most of the page's time (README, "Governance at 10,000 accounts"). Names come
                // from the small tables, read meanwhile.
                let accounts = sqlx::query_scalar::<_, String>(
                    "SELECT CAST(a.id AS TEXT) || '\u{1f}' || CAST(a.brand_id AS TEXT) || '\u{1f}' || a.platform || '\u{1f}'
                         || COALESCE(a.market, '') || '\u{1f}' || COALESCE(CAST(a.team_id AS TEXT), '') || '\u{1f}'
                         || COALESCE(CAST(a.owner_id AS TEXT), '') || '\u{1f}' || COALESCE(CAST(a.backup_owner_id AS TEXT), '') || '\u{1f}'
                         || COALESCE(CAST(a.custodian_id AS TEXT), '') || '\u{1f}' || a.status || '\u{1f}'
                         || CAST(a.created_on AS TEXT) || '\u{1f}' || COALESCE(CAST(a.last_reviewed_on AS TEXT), '') || '\u{1f}'
                         || CAST(a.followers AS TEXT) || '\u{1f}'
                         || COALESCE(CAST(CASE WHEN a.last_post_on IS NULL OR a.last_post_on <= $1 THEN a.last_post_on
                                               ELSE (SELECT p.day FROM posts p WHERE p.account_id = a.id AND p.day <= $1
                                                     ORDER BY p.day DESC LIMIT 1) END AS TEXT), '')
                         || '\u{1f}' || a.handle
                     FROM accounts a",
                )
                // days are compared as text on SQLite: keep them to four-digit years
                .bind(as_of.min(chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(as_of)))
                .fetch_all(&self.pool);
                let brands = sqlx::query_as::<_, (i64, bool, String)>("SELECT id, is_own, name FROM brands").fetch_all(&self.pool);
                let (rows, people, brands, teams) =
                    futures::try_join!(async { accounts.await.map_err(StoreError::from) }, self.registry_people(), async {
                        brands.await.map_err(StoreError::from)
                    }, self.registry_teams())?;
                let by_id: std::collections::HashMap<i64, &$crate::accounts::PersonRef> =
                    people.iter().map(|p| (p.id, p)).collect();
                let person = |id: Option<i64>| id.and_then(|id| by_id.get(&id).map(|p| (*p).clone()));
                let brands: std::collections::HashMap<i64, (bool, String)> =
                    brands.into_iter().map(|(id, own, name)| (id, (own, name))).collect();
                let team_of: std::collections::HashMap<i64, &$crate::features::governance::types::TeamRef> =
                    teams.iter().map(|t| (t.id, t)).collect();
                let bad = |what: &str, row: &str| StoreError::Invalid(format!("account row {row:?}: {what}"));
                let mut out = Vec::with_capacity(rows.len());
                for row in &rows {
                    let f: Vec<&str> = row.splitn(14, '\u{1f}').collect();
                    if f.len() != 14 {
                        return Err(bad("not 14 fields", row));
                    }
                    let int = |s: &str| s.parse::<i64>().map_err(|_| bad("not a number", row));
                    let opt_int = |s: &str| if s.is_empty() { Ok(None) } else { int(s).map(Some) };
                    let day = |s: &str| s.get(..10).and_then(|d| d.parse::<chrono::NaiveDate>().ok()).ok_or_else(|| bad("not a day", row));
                    let opt_day = |s: &str| if s.is_empty() { Ok(None) } else { day(s).map(Some) };
                    let brand = brands.get(&int(f[1])?);
                    let team_id = opt_int(f[4])?;
                    let team = team_id.and_then(|t| team_of.get(&t));
                    out.push((
                        brand.is_some_and(|b| b.0),
                        RegistryAccount {
                            id: int(f[0])?,
                            brand: brand.map(|b| b.1.clone()).unwrap_or_default(),
                            platform: f[2].to_string(),
                            handle: f[13].to_string(),
                            market: (!f[3].is_empty()).then(|| f[3].to_string()),
                            team_id,
                            team: team.map(|t| t.name.clone()),
                            team_hub: team.is_some_and(|t| t.hub),
                            owner: person(opt_int(f[5])?),
                            backup: person(opt_int(f[6])?),
                            custodian: person(opt_int(f[7])?),
                            status: AccountStatus::from_token(f[8]).ok_or_else(|| bad("unknown status", row))?,
                            created_on: day(f[9])?,
                            last_reviewed_on: opt_day(f[10])?,
                            last_post_on: opt_day(f[12])?,
                            followers: int(f[11])?,
                        },
                    ));
                }
                // the own brand first, then by brand, platform and handle
                out.sort_by(|(own_a, a), (own_b, b)| {
                    own_b.cmp(own_a).then_with(|| (&a.brand, &a.platform, &a.handle).cmp(&(&b.brand, &b.platform, &b.handle)))
                });
                let out: Vec<RegistryAccount> = out.into_iter().map(|(_, a)| a).collect();
                Ok((out, people, teams))
            }

            async fn registry_people(&self) -> StoreResult<Vec<$crate::features::governance::types::PersonRef>> {
                Ok(sqlx::query_as(
                    "SELECT p.id, p.name, p.email, p.team_id, t.name AS team, p.left_on
                     FROM people p JOIN teams t ON t.id = p.team_id ORDER BY p.name, p.id",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn registry_teams(&self) -> StoreResult<Vec<$crate::features::governance::types::TeamRef>> {
                Ok(sqlx::query_as(
                    "SELECT id, name, CASE WHEN kind = 'hub' THEN TRUE ELSE FALSE END AS hub, market FROM teams
                     ORDER BY kind = 'hub' DESC, name",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn registry_markets(&self) -> StoreResult<Vec<(String, String)>> {
                Ok(sqlx::query_as("SELECT code, name FROM markets ORDER BY name, code").fetch_all(&self.pool).await?)
            }

            async fn account_history(&self, account_id: i64) -> StoreResult<Vec<$crate::features::governance::types::AccountEvent>> {
                Ok(sqlx::query_as(
                    "SELECT at, actor, kind, from_value, to_value, reason FROM account_events
                     WHERE account_id = $1 ORDER BY at DESC, id DESC",
                )
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn account_post_days(
                &self,
                account_id: i64,
                from: chrono::NaiveDate,
            ) -> StoreResult<Vec<$crate::features::governance::types::PostDay>> {
                Ok(sqlx::query_as(
                    "SELECT day, COUNT(*) AS posts, CAST(SUM(impressions) AS BIGINT) AS impressions,
                            CAST(SUM(reactions + comments + shares + saves + clicks) AS BIGINT) AS engagements
                     FROM posts WHERE account_id = $1 AND day >= $2 GROUP BY day ORDER BY day",
                )
                .bind(account_id)
                .bind(from)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn update_account(
                &self,
                u: &$crate::features::governance::types::AccountUpdate,
                actor: &str,
                today: chrono::NaiveDate,
                audit: Audit,
            ) -> StoreResult<()> {
                use sqlx::Row;
                let mut tx = self.pool.begin().await?;
                let Some(before) =
                    sqlx::query("SELECT owner_id, backup_owner_id, custodian_id, status FROM accounts WHERE id = $1")
                        .bind(u.account_id)
                        .fetch_optional(&mut *tx)
                        .await?
                else {
                    return Err(StoreError::NotFound(format!("account {}", u.account_id)));
                };
                let mut emails = std::collections::HashMap::new();
                let old: [Option<i64>; 3] = [before.try_get(0)?, before.try_get(1)?, before.try_get(2)?];
                let new = [u.owner_id, u.backup_owner_id, u.custodian_id];
                let ids: Vec<i64> = old.iter().chain(new.iter()).flatten().copied().collect();
                for person in ids {
                    let email: Option<String> = sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
                        .bind(person)
                        .fetch_optional(&mut *tx)
                        .await?;
                    match email {
                        Some(e) => {
                            emails.insert(person, e);
                        }
                        None => return Err(StoreError::Invalid(format!("There is no person with id {person}."))),
                    }
                }
                let email = |id: Option<i64>| id.and_then(|id| emails.get(&id).cloned());
                let old_status: String = before.try_get(3)?;
                let changes = [
                    ("owner", email(old[0]), email(new[0])),
                    ("backup_owner", email(old[1]), email(new[1])),
                    ("custodian", email(old[2]), email(new[2])),
                    ("status", Some(old_status), Some(u.status.token().to_string())),
                ];
                sqlx::query(
                    "UPDATE accounts SET owner_id = $1, backup_owner_id = $2, custodian_id = $3, status = $4,
                            last_reviewed_on = $5
                     WHERE id = $6",
                )
                .bind(u.owner_id)
                .bind(u.backup_owner_id)
                .bind(u.custodian_id)
                .bind(u.status.token())
                .bind(today)
                .bind(u.account_id)
                .execute(&mut *tx)
                .await?;
                let mut events: Vec<(&str, Option<String>, Option<String>)> = Vec::new();
                for (kind, from, to) in changes {
                    if from != to {
                        events.push((kind, from, to));
                    }
                }
                events.push(("reviewed", None, Some(today.to_string())));
                for (kind, from, to) in events {
                    sqlx::query(
                        "INSERT INTO account_events (account_id, at, actor, kind, from_value, to_value, reason)
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(u.account_id)
                    .bind(audit.at)
                    .bind(actor)
                    .bind(kind)
                    .bind(from)
                    .bind(to)
                    .bind(&u.reason)
                    .execute(&mut *tx)
                    .await?;
                }
                Self::commit_with(tx, &audit).await
            }

            async fn hand_over(
                &self,
                h: &$crate::features::governance::types::Handover,
                actor: &str,
                audit: Audit,
            ) -> StoreResult<usize> {
                let mut tx = self.pool.begin().await?;
                let leaver: Option<(String, Option<chrono::NaiveDate>)> =
                    sqlx::query_as("SELECT email, left_on FROM people WHERE id = $1")
                        .bind(h.person_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some((leaver_email, left_on)) = leaver else {
                    return Err(StoreError::NotFound(format!("person {}", h.person_id)));
                };
                if left_on.is_none() {
                    sqlx::query("UPDATE people SET status = 'left', left_on = $1 WHERE id = $2")
                        .bind(h.left_on)
                        .bind(h.person_id)
                        .execute(&mut *tx)
                        .await?;
                }
                for (account, duty, successor) in &h.reassign {
                    let next: Option<(String, String)> =
                        sqlx::query_as("SELECT email, status FROM people WHERE id = $1")
                            .bind(successor)
                            .fetch_optional(&mut *tx)
                            .await?;
                    let next_email = match next {
                        Some((_, status)) if status == "left" => {
                            return Err(StoreError::Invalid(format!("Person {successor} has left: choose someone with the company.")))
                        }
                        Some((email, _)) if *successor != h.person_id => email,
                        Some(_) => return Err(StoreError::Invalid("The leaver cannot take over their own duties.".into())),
                        None => return Err(StoreError::Invalid(format!("There is no person with id {successor}."))),
                    };
                    let column = duty.column();
                    let moved = sqlx::query(&format!("UPDATE accounts SET {column} = $1 WHERE id = $2 AND {column} = $3"))
                        .bind(successor)
                        .bind(account)
                        .bind(h.person_id)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    if moved != 1 {
                        return Err(StoreError::Invalid(format!(
                            "Account {account}'s {} is no longer the leaver: reload the page.",
                            duty.label().to_lowercase()
                        )));
                    }
                    sqlx::query(
                        "INSERT INTO account_events (account_id, at, actor, kind, from_value, to_value, reason)
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(account)
                    .bind(audit.at)
                    .bind(actor)
                    .bind(duty.event_kind())
                    .bind(&leaver_email)
                    .bind(&next_email)
                    .bind(&h.reason)
                    .execute(&mut *tx)
                    .await?;
                }
                Self::commit_with(tx, &audit).await?;
                Ok(h.reassign.len())
            }

            async fn set_risk_rules(&self, rules: &$crate::accounts::RiskRules, audit: Audit) -> StoreResult<()> {
                use $crate::accounts::{DORMANT_DAYS_KEY, REVIEW_DAYS_KEY};
                let mut tx = self.pool.begin().await?;
                for (key, value) in [(DORMANT_DAYS_KEY, rules.dormant_days), (REVIEW_DAYS_KEY, rules.review_days)] {
                    sqlx::query(
                        "INSERT INTO settings (key, value) VALUES ($1, $2)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    )
                    .bind(key)
                    .bind(value.to_string())
                    .execute(&mut *tx)
                    .await?;
                }
                Self::commit_with(tx, &audit).await
            }

            async fn review_rounds(&self) -> StoreResult<Vec<$crate::features::governance::types::ReviewRound>> {
                Ok(sqlx::query_as(
                    "SELECT r.id, r.name, r.opened_at, r.opened_on, r.due_on, r.opened_by, r.accounts,
                            (SELECT COUNT(DISTINCT e.account_id) FROM account_events e
                              WHERE e.kind = 'reviewed' AND e.at >= r.opened_at
                                AND e.at < COALESCE((SELECT MIN(n.opened_at) FROM review_rounds n WHERE n.opened_at > r.opened_at),
                                                    9223372036854775807)) AS confirmed
                     FROM review_rounds r ORDER BY r.opened_at DESC, r.id DESC",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn open_review_round(&self, round: &$crate::features::governance::types::NewRound, audit: Audit) -> StoreResult<i64> {
                let mut tx = self.pool.begin().await?;
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO review_rounds (name, opened_at, opened_on, due_on, opened_by, accounts)
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(&round.name)
                .bind(round.opened_at)
                .bind(round.opened_on)
                .bind(round.due_on)
                .bind(&round.opened_by)
                .bind(round.accounts)
                .fetch_one(&mut *tx)
                .await?;
                Self::commit_with(tx, &audit.target("review_round", id)).await?;
                Ok(id)
            }

            async fn team_leads(&self) -> StoreResult<Vec<(i64, String)>> {
                Ok(sqlx::query_as(
                    "SELECT team_id, name FROM users WHERE role = 'team_lead' AND active AND team_id IS NOT NULL ORDER BY name",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn unofficial_candidates(&self, limit: i64) -> StoreResult<Vec<$crate::features::governance::types::Candidate>> {
                let own: Option<(i64, String)> = sqlx::query_as("SELECT id, keywords FROM brands WHERE is_own ORDER BY id LIMIT 1")
                    .fetch_optional(&self.pool)
                    .await?;
                let Some((brand, keywords)) = own else { return Ok(Vec::new()) };
                let patterns = $crate::features::governance::store::handle_patterns(&keywords);
                if patterns.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q = sqlx::QueryBuilder::<$db>::new(
                    "SELECT au.platform, au.handle, MAX(au.followers) AS followers, COUNT(*) AS mentions, MAX(m.day) AS last_seen
                     FROM authors au JOIN mentions m ON m.author_id = au.id
                     WHERE m.brand_id = ",
                );
                q.push_bind(brand);
                q.push(" AND au.platform IN ('x', 'facebook', 'instagram', 'linkedin', 'youtube', 'tiktok') AND (");
                for (i, p) in patterns.iter().enumerate() {
                    if i > 0 {
                        q.push(" OR ");
                    }
                    q.push("LOWER(au.handle) LIKE ").push_bind(p.clone()).push(" ESCAPE '!'");
                }
                q.push(
                    ") AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.platform = au.platform AND LOWER(a.handle) = LOWER(au.handle))
                       AND NOT EXISTS (SELECT 1 FROM unofficial_dismissed d WHERE d.platform = au.platform AND LOWER(d.handle) = LOWER(au.handle))
                     GROUP BY au.platform, au.handle ORDER BY COUNT(*) DESC, au.platform, au.handle LIMIT ",
                );
                q.push_bind(limit);
                Ok(q.build_query_as().fetch_all(&self.pool).await?)
            }

            async fn dismiss_candidate(&self, platform: &str, handle: &str, by: &str, reason: &str, audit: Audit) -> StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query(
                    "INSERT INTO unofficial_dismissed (platform, handle, dismissed_by, dismissed_at, reason) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (platform, handle) DO NOTHING",
                )
                .bind(platform)
                .bind(handle)
                .bind(by)
                .bind(audit.at)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
                Self::commit_with(tx, &audit).await
            }

            async fn register_unofficial(
                &self,
                platform: &str,
                handle: &str,
                actor: &str,
                reason: &str,
                today: chrono::NaiveDate,
                audit: Audit,
            ) -> StoreResult<i64> {
                let mut tx = self.pool.begin().await?;
                let inserted: Option<(i64,)> = sqlx::query_as(
                    "INSERT INTO accounts (brand_id, platform, handle, url, market, status, created_on, followers)
                     SELECT (SELECT id FROM brands WHERE is_own ORDER BY id LIMIT 1), au.platform, au.handle, '',
                            (SELECT m.market FROM mentions m WHERE m.author_id = au.id AND m.market IN (SELECT code FROM markets)
                              GROUP BY m.market ORDER BY COUNT(*) DESC, m.market LIMIT 1),
                            'unofficial', $3, au.followers
                     FROM authors au WHERE au.platform = $1 AND au.handle = $2
                       AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.platform = au.platform AND LOWER(a.handle) = LOWER(au.handle))
                     RETURNING id",
                )
                .bind(platform)
                .bind(handle)
                .bind(today)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id,)) = inserted else {
                    return Err(StoreError::Invalid(format!(
                        "{platform}:{handle} is no author of the brand's mentions, or is registered already."
                    )));
                };
                sqlx::query(
                    "INSERT INTO account_events (account_id, at, actor, kind, from_value, to_value, reason)
                     VALUES ($1, $2, $3, 'created', NULL, 'unofficial', $4)",
                )
                .bind(id)
                .bind(audit.at)
                .bind(actor)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
                Self::commit_with(tx, &audit.target("account", id)).await?;
                Ok(id)
            }
        }
    };
}
pub(crate) use impl_governance_store;

/// `LIKE` patterns (escape `!`) for handles holding one of a brand's keywords: `#` and `@` are
/// dropped, keywords shorter than three letters (too common in handles) are left out.
pub fn handle_patterns(keywords: &str) -> Vec<String> {
    let mut out = Vec::new();
    for k in keywords.split(',') {
        let k: String = k.trim().trim_start_matches(['#', '@']).to_lowercase();
        if k.chars().count() < 3 || k.contains(' ') {
            continue;
        }
        let escaped: String = k
            .chars()
            .flat_map(|c| if matches!(c, '%' | '_' | '!') { vec!['!', c] } else { vec![c] })
            .collect();
        let p = format!("%{escaped}%");
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn handle_patterns_escape_and_skip_what_would_match_everything() {
        assert_eq!(super::handle_patterns("voltaro, #voltaro,@Voltaro_DE, ab, e bike"), ["%voltaro%", "%voltaro!_de%"]);
        assert!(super::handle_patterns("").is_empty());
    }
}
