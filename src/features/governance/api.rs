//! Governance's endpoints: the page as HTML for the URL's query, the three writes (an
//! account's record, a leaver's handover, the rules' days), each answering a sentence for the
//! page, and the CSV downloads. Each checks its `Action` first; a team lead changes only their
//! own team's accounts, checked here against the stored record.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use crate::error::ApiError;

/// The page for `query` (`?view=register&risk=orphaned…`, as the page's URL carries it).
#[server(prefix = "/api", endpoint = "governance", input = GetUrl)]
pub async fn get_governance(query: String) -> Result<String, ApiError> {
    use crate::server::store::StoreError;
    let caller = crate::server::auth::authorize(crate::auth::Action::ReadDashboards)?;
    let store = crate::server::state::store()?;
    let result = async {
        let spec = super::spec::Spec::from_query(&query).map_err(StoreError::Invalid)?;
        let tz = crate::server::calendar::time_zone(&store).await?;
        let today = crate::server::calendar::today_in(tz);
        let reg = super::service::registry(&*store, today).await?;
        let detail = match spec.account {
            Some(id) => {
                let from = today - chrono::Days::new(7 * super::html::POST_WEEKS + 7);
                let (history, posts) = futures::try_join!(store.account_history(id), store.account_post_days(id, from))?;
                Some((history, posts))
            }
            None => None,
        };
        let candidates = if spec.view == super::spec::View::Found && spec.account.is_none() && spec.handover.is_none() {
            store.unofficial_candidates(super::html::CANDIDATES).await?
        } else {
            Vec::new()
        };
        let viewer = viewer(&caller);
        let detail = detail.as_ref().map(|(h, p)| (h.as_slice(), p.as_slice()));
        Ok(super::html::page(&reg, &spec, &viewer, detail, &candidates, &tz.to_string()))
    };
    crate::server::state::respond(result.await)
}

#[cfg(feature = "ssr")]
fn viewer(caller: &crate::server::auth::Authorized) -> super::html::Viewer {
    use crate::auth::Action;
    let role = caller.user.role;
    super::html::Viewer {
        edits: role.may(Action::EditGovernance),
        team: role.team_scoped().then_some(caller.user.team_id),
        sets_rules: role.may(Action::EditWorkspace),
    }
}

/// Changes an account's owner, backup owner, credential custodian and status and records a
/// review (`form`: the account form's fields).
#[server(prefix = "/api", endpoint = "governance-update", input = Json)]
pub async fn governance_update(form: String) -> Result<String, ApiError> {
    use crate::server::store::StoreError;
    let caller = crate::server::auth::authorize(crate::auth::Action::EditGovernance)?;
    let store = crate::server::state::store()?;
    let result = async {
        let u = super::service::parse_update(&form).map_err(StoreError::Invalid)?;
        let tz = crate::server::calendar::time_zone(&store).await?;
        let today = crate::server::calendar::today_in(tz);
        let reg = store.registry(today).await?;
        let a = reg.iter().find(|a| a.id == u.account_id).ok_or_else(|| StoreError::NotFound(format!("account {}", u.account_id)))?;
        super::service::may_edit(viewer(&caller).team, a)?;
        let audit = caller.audit("account.updated").target("account", u.account_id).detail(serde_json::json!({
            "owner_id": u.owner_id,
            "backup_owner_id": u.backup_owner_id,
            "custodian_id": u.custodian_id,
            "status": u.status.token(),
            "reason": u.reason,
        }));
        store.update_account(&u, &caller.user.email, today, audit).await?;
        Ok(format!("@{} saved and marked reviewed today.", a.handle))
    };
    crate::server::state::respond(result.await)
}

/// Marks a person as left and hands their duties over in one transaction (`form`: the
/// handover form's fields).
#[server(prefix = "/api", endpoint = "governance-handover", input = Json)]
pub async fn governance_hand_over(form: String) -> Result<String, ApiError> {
    use crate::server::store::StoreError;
    let caller = crate::server::auth::authorize(crate::auth::Action::EditGovernance)?;
    let store = crate::server::state::store()?;
    let result = async {
        let h = super::service::parse_handover(&form).map_err(StoreError::Invalid)?;
        let tz = crate::server::calendar::time_zone(&store).await?;
        let today = crate::server::calendar::today_in(tz);
        let reg = super::service::registry(&*store, today).await?;
        let person = reg.person(h.person_id).ok_or_else(|| StoreError::NotFound(format!("person {}", h.person_id)))?;
        let duties = reg.duties(h.person_id);
        // a team lead hands over only when every account the leaver holds is their team's
        let team = viewer(&caller).team;
        for (x, _) in &duties {
            super::service::may_edit(team, &x.account)?;
        }
        for (account, duty, _) in &h.reassign {
            if !duties.iter().any(|(x, d)| x.account.id == *account && d == duty) {
                return Err(StoreError::Invalid(format!(
                    "{} is not the {} of account {account}: reload the page.",
                    person.name,
                    duty.label().to_lowercase()
                )));
            }
        }
        let moves: Vec<serde_json::Value> = h
            .reassign
            .iter()
            .map(|(a, d, to)| serde_json::json!({ "account": a, "duty": d.token(), "to": to }))
            .collect();
        let audit = caller.audit("person.handed_over").target("person", h.person_id).detail(serde_json::json!({
            "left_on": h.left_on.to_string(),
            "reason": h.reason,
            "moves": moves,
            "kept": duties.len() - h.reassign.len(),
        }));
        let moved = store.hand_over(&h, &caller.user.email, audit).await?;
        let kept = duties.len() - moved;
        Ok(match kept {
            0 => format!("{} is marked as left; all {moved} duties were handed over.", person.name),
            k => format!(
                "{} is marked as left; {moved} duties were handed over, {k} stay with them and keep their accounts at risk.",
                person.name
            ),
        })
    };
    crate::server::state::respond(result.await)
}

/// Sets the rules' days (admins; `form`: `dormant_days`, `review_days`).
#[server(prefix = "/api", endpoint = "governance-rules", input = Json)]
pub async fn governance_rules(form: String) -> Result<String, ApiError> {
    use crate::server::store::StoreError;
    let caller = crate::server::auth::authorize(crate::auth::Action::EditWorkspace)?;
    let store = crate::server::state::store()?;
    let result = async {
        let rules = super::service::parse_rules(&form).map_err(StoreError::Invalid)?;
        let before = super::service::rules(&*store).await?;
        let audit = caller.audit("governance.rules_set").detail(serde_json::json!({
            "dormant_days": { "from": before.dormant_days, "to": rules.dormant_days },
            "review_days": { "from": before.review_days, "to": rules.review_days },
        }));
        store.set_risk_rules(&rules, audit).await?;
        Ok(format!(
            "Rules saved: dormant after {} days without a post, review every {} days.",
            rules.dormant_days, rules.review_days
        ))
    };
    crate::server::state::respond(result.await)
}

/// Refuses team leads: a round and the unofficial accounts concern every team.
#[cfg(feature = "ssr")]
fn not_team_scoped(caller: &crate::server::auth::Authorized, what: &str) -> Result<(), crate::server::store::StoreError> {
    if caller.user.role.team_scoped() {
        return Err(crate::server::store::StoreError::Forbidden(format!("{what} is for managers and admins: it concerns every team.")));
    }
    Ok(())
}

/// Opens an access review round (managers and admins; `form`: `name`, `due_on`).
#[server(prefix = "/api", endpoint = "governance-round", input = Json)]
pub async fn governance_round(form: String) -> Result<String, ApiError> {
    use crate::server::store::StoreError;
    let caller = crate::server::auth::authorize(crate::auth::Action::EditGovernance)?;
    let store = crate::server::state::store()?;
    let result = async {
        not_team_scoped(&caller, "Opening a review round")?;
        let tz = crate::server::calendar::time_zone(&store).await?;
        let today = crate::server::calendar::today_in(tz);
        let (name, due_on) = super::service::parse_round(&form, today).map_err(StoreError::Invalid)?;
        let reg = super::service::registry(&*store, today).await?;
        let round = super::types::NewRound {
            name: name.clone(),
            opened_at: crate::server::auth::now(),
            opened_on: today,
            due_on,
            opened_by: caller.user.name.clone(),
            accounts: reg.in_scope().count() as i64,
        };
        let audit = caller.audit("governance.round_opened").detail(serde_json::json!({
            "name": name, "due_on": due_on.to_string(), "accounts": round.accounts,
        }));
        store.open_review_round(&round, audit).await?;
        Ok(format!("{name} is open: {} accounts to confirm by {}.", round.accounts, crate::format::day_long(due_on)))
    };
    crate::server::state::respond(result.await)
}

/// Registers a possibly unofficial account found in the mentions as an unofficial account of
/// the brand (managers and admins; `form`: `platform`, `handle`, `reason`).
#[server(prefix = "/api", endpoint = "governance-register", input = Json)]
pub async fn governance_register(form: String) -> Result<String, ApiError> {
    use crate::server::store::StoreError;
    let caller = crate::server::auth::authorize(crate::auth::Action::EditGovernance)?;
    let store = crate::server::state::store()?;
    let result = async {
        not_team_scoped(&caller, "Registering an unofficial account")?;
        let (platform, handle, reason) = super::service::parse_candidate(&form).map_err(StoreError::Invalid)?;
        let tz = crate::server::calendar::time_zone(&store).await?;
        let today = crate::server::calendar::today_in(tz);
        let audit = caller
            .audit("account.registered_unofficial")
            .detail(serde_json::json!({ "platform": platform, "handle": handle, "reason": reason }));
        store.register_unofficial(&platform, &handle, &caller.user.email, &reason, today, audit).await?;
        Ok(format!("@{handle} is registered as an unofficial account: it is in the matrix and the risk register until it is taken over or archived."))
    };
    crate::server::state::respond(result.await)
}

/// Dismisses a possibly unofficial account: it is not listed again (managers and admins).
#[server(prefix = "/api", endpoint = "governance-dismiss", input = Json)]
pub async fn governance_dismiss(form: String) -> Result<String, ApiError> {
    use crate::server::store::StoreError;
    let caller = crate::server::auth::authorize(crate::auth::Action::EditGovernance)?;
    let store = crate::server::state::store()?;
    let result = async {
        not_team_scoped(&caller, "Dismissing a possibly unofficial account")?;
        let (platform, handle, reason) = super::service::parse_candidate(&form).map_err(StoreError::Invalid)?;
        let audit = caller
            .audit("governance.candidate_dismissed")
            .detail(serde_json::json!({ "platform": platform, "handle": handle }));
        store.dismiss_candidate(&platform, &handle, &caller.user.email, &reason, audit).await?;
        Ok(format!("@{handle} is dismissed and will not be listed again."))
    };
    crate::server::state::respond(result.await)
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<GetGovernance>();
    register_explicit::<GovernanceUpdate>();
    register_explicit::<GovernanceHandOver>();
    register_explicit::<GovernanceRules>();
    register_explicit::<GovernanceRound>();
    register_explicit::<GovernanceRegister>();
    register_explicit::<GovernanceDismiss>();
}

/// `/api/governance.csv?table=register|matrix` with the page's filters.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::server::state::AppState> {
    axum::Router::new().route("/api/governance.csv", axum::routing::get(download::csv))
}

#[cfg(feature = "ssr")]
mod download {
    use axum::body::Body;
    use axum::extract::State;
    use axum::http::{header, Request, StatusCode};
    use axum::response::{IntoResponse, Response};

    use crate::auth::Action;
    use crate::error::ApiError;
    use crate::server::auth::{authorize_route, refusal};
    use crate::server::state::AppState;
    use crate::server::store::StoreError;

    pub async fn csv(State(state): State<AppState>, req: Request<Body>) -> Response {
        let (parts, _) = req.into_parts();
        if let Err(refused) = authorize_route(&state, &parts, Action::ReadDashboards).await {
            return refused;
        }
        let query = parts.uri.query().unwrap_or_default().to_string();
        let result = async {
            let spec = super::super::spec::Spec::from_query(&query).map_err(StoreError::Invalid)?;
            let table = query
                .split('&')
                .find_map(|p| p.strip_prefix("table="))
                .unwrap_or("register")
                .to_string();
            let tz = crate::server::calendar::time_zone(&state.store).await?;
            let today = crate::server::calendar::today_in(tz);
            let reg = super::super::service::registry(&*state.store, today).await?;
            match table.as_str() {
                "register" => Ok((super::super::csv::register(&reg, &spec), table, today)),
                "matrix" => Ok((super::super::csv::matrix(&reg, &spec), table, today)),
                other => Err(StoreError::Invalid(format!("table={other:?} is neither register nor matrix."))),
            }
        };
        match result.await {
            Ok((body, table, today)) => (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"governance-{table}-{today}.csv\"")),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                body,
            )
                .into_response(),
            Err(e) => {
                let e = ApiError::from(e);
                refusal(StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), e)
            }
        }
    }
}
