//! Account governance: who owns which account.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use crate::error::ApiError;
use super::types::{AccountUpdate, GovernanceView};

/// Every account with its owner, backup owner and status, and which of them the caller may edit.
#[server(prefix = "/api", endpoint = "accounts", input = GetUrl)]
pub async fn get_accounts() -> Result<GovernanceView, ApiError> {
    use crate::auth::Action;
    use crate::server::{auth, state};
    let caller = auth::authorize(Action::ReadDashboards)?;
    let store = state::store()?;
    let accounts = state::respond(store.governance_accounts(None).await)?;
    let people = state::respond(store.people().await)?;
    let role = caller.user.role;
    let editable = accounts
        .iter()
        .filter(|a| {
            role.may(Action::EditGovernance) && (!role.team_scoped() || a.team_id == caller.user.team_id)
        })
        .map(|a| a.id)
        .collect();
    Ok(GovernanceView { accounts, people, editable })
}

/// Changes an account's owner, backup owner and status and marks it reviewed today. Team leads
/// may edit only accounts their own team owns.
#[server(prefix = "/api", endpoint = "account-update", input = Json)]
pub async fn update_account(update: AccountUpdate) -> Result<(), ApiError> {
    use crate::auth::Action;
    use super::types::REASON_MAX;
    use crate::server::{auth, calendar, state};
    let caller = auth::authorize(Action::EditGovernance)?;
    if update.reason.chars().count() > REASON_MAX {
        let msg = format!("Keep the reason under {REASON_MAX} characters.");
        return Err(ApiError::Invalid(msg));
    }
    if update.owner_id.is_some() && update.owner_id == update.backup_owner_id {
        let msg = "The backup owner must be someone other than the owner.";
        return Err(ApiError::Invalid(msg.into()));
    }
    let store = state::store()?;
    if caller.user.role.team_scoped() {
        let own = match caller.user.team_id {
            Some(team) => state::respond(store.governance_accounts(Some(team)).await)?,
            None => Vec::new(),
        };
        if !own.iter().any(|a| a.id == update.account_id) {
            let msg = "Team leads can edit only the accounts of their own team.";
            return Err(ApiError::Forbidden(msg.into()));
        }
    }
    let tz = state::respond(calendar::time_zone(&store).await)?;
    let audit =
        caller.audit("account.updated").target("account", update.account_id).detail(serde_json::json!({
            "owner_id": update.owner_id,
            "backup_owner_id": update.backup_owner_id,
            "status": update.status.token(),
            "reason": update.reason,
        }));
    let actor = caller.user.email.clone();
    state::respond(store.update_account(&update, &actor, calendar::today_in(tz), audit).await)
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<GetAccounts>();
    register_explicit::<UpdateAccount>();
}
