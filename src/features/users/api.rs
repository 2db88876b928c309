//! The admin's server functions: users and the audit log.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use crate::error::ApiError;
use crate::auth::{AuditFilter, AuditPage, OneTimePassword, Role, UserDirectory, UserForm};

/// Every user and the teams a team lead can belong to.
#[server(prefix = "/api", endpoint = "users", input = GetUrl)]
pub async fn list_users() -> Result<UserDirectory, ApiError> {
    use crate::auth::Action;
    use crate::server::store::UserRecord;
    use crate::server::{auth, state};
    auth::authorize(Action::ManageUsers)?;
    let store = state::store()?;
    let users = state::respond(store.users().await)?;
    let teams = state::respond(store.teams().await)?;
    let users = users.iter().map(UserRecord::summary).collect();
    Ok(UserDirectory { users, teams })
}

/// Creates a user with a one-time password, shown once to the admin.
#[server(prefix = "/api", endpoint = "user-create", input = Json)]
pub async fn create_user(form: UserForm) -> Result<OneTimePassword, ApiError> {
    use crate::auth::Action;
    use super::service as users;
    use crate::server::{auth, state};
    let caller = auth::authorize(Action::ManageUsers)?;
    let store = state::store()?;
    state::respond(users::create(&store, &form, caller.audit("user.created")).await)
}

/// Changes a user's role (and team, for team leads). Admins cannot change their own role.
#[server(prefix = "/api", endpoint = "user-role", input = Json)]
pub async fn set_user_role(user_id: i64, role: Role, team_id: Option<i64>) -> Result<(), ApiError> {
    use crate::auth::Action;
    use super::service as users;
    use crate::server::{auth, state};
    let caller = auth::authorize(Action::ManageUsers)?;
    if caller.user.id == user_id {
        let msg = "You cannot change your own role; ask another admin.";
        return Err(ApiError::Invalid(msg.into()));
    }
    let store = state::store()?;
    state::respond(users::set_role(&store, user_id, role, team_id, caller.audit("user.role_changed")).await)
}

/// Deactivates (ending their sessions) or reactivates a user. Admins cannot deactivate themselves.
#[server(prefix = "/api", endpoint = "user-active", input = Json)]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), ApiError> {
    use crate::auth::Action;
    use super::service as users;
    use crate::server::{auth, state};
    let caller = auth::authorize(Action::ManageUsers)?;
    if caller.user.id == user_id && !active {
        let msg = "You cannot deactivate yourself; ask another admin.";
        return Err(ApiError::Invalid(msg.into()));
    }
    let action = if active { "user.reactivated" } else { "user.deactivated" };
    let store = state::store()?;
    state::respond(users::set_active(&store, user_id, active, caller.audit(action)).await)
}

/// Gives a user a new one-time password (shown once) and ends their sessions.
#[server(prefix = "/api", endpoint = "user-reset-password", input = Json)]
pub async fn reset_user_password(user_id: i64) -> Result<OneTimePassword, ApiError> {
    use crate::auth::Action;
    use super::service as users;
    use crate::server::{auth, state};
    let caller = auth::authorize(Action::ManageUsers)?;
    let store = state::store()?;
    state::respond(users::reset_password(&store, user_id, caller.audit("user.password_reset")).await)
}

/// A page of the audit log (100 entries, newest first) matching the filter.
#[server(prefix = "/api", endpoint = "audit", input = GetUrl)]
pub async fn audit_log(#[server(default)] filter: AuditFilter) -> Result<AuditPage, ApiError> {
    use crate::auth::Action;
    use crate::server::{auth, state};
    const PAGE: i64 = 100;
    auth::authorize(Action::ReadAuditLog)?;
    let store = state::store()?;
    let mut entries = state::respond(store.audit_log(&filter, PAGE + 1).await)?;
    let next_before_id = if entries.len() as i64 > PAGE {
        entries.truncate(PAGE as usize);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    let actions = state::respond(store.audit_actions().await)?;
    let users = state::respond(store.users().await)?.into_iter().map(|u| (u.id, u.email)).collect();
    Ok(AuditPage { entries, next_before_id, actions, users })
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<ListUsers>();
    register_explicit::<CreateUser>();
    register_explicit::<SetUserRole>();
    register_explicit::<SetUserActive>();
    register_explicit::<ResetUserPassword>();
    register_explicit::<AuditLog>();
}
