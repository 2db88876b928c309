//! The setup's server functions. Who may change what: brands need `EditBrands` (admins,
//! managers); markets, teams, people and the workspace settings `EditWorkspace` (admins);
//! accounts `EditAccounts` (admins, managers, and team leads for their own team's accounts).

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use super::types::{SetupFile, SetupKey, SetupReport, SetupView};
use crate::error::ApiError;

/// The workspace's brands, markets, teams, people and accounts, as the Setup page lists them: for
/// everyone who may change accounts; a team lead's list of accounts is their own team's.
#[server(prefix = "/api", endpoint = "setup", input = GetUrl)]
pub async fn get_setup() -> Result<SetupView, ApiError> {
    use crate::server::{auth, state};
    let caller = auth::authorize(crate::auth::Action::EditAccounts)?;
    let team = team_scope(&caller)?;
    let store = state::store()?;
    let now = state::respond(store.setup_snapshot().await)?;
    let mut view = super::service::as_view(&now);
    if let Some(team) = team {
        view.accounts.retain(|row| row.get(super::service::ACCOUNT_TEAM_COLUMN) == Some(&team));
    }
    Ok(view)
}

/// Adds what a setup file lists (the page sends one record at a time): everything is checked
/// first, then added in one transaction with one audit entry; a record that exists already, or an
/// invalid one, changes nothing and the error names each problem, one per line.
#[server(prefix = "/api", endpoint = "setup-apply", input = Json)]
pub async fn apply_setup(file: SetupFile) -> Result<SetupReport, ApiError> {
    write(file, false).await
}

/// Changes the records a setup file lists to what it says (and adds those that are new): the
/// Setup page's Save. Checked and applied as `apply_setup` does.
#[server(prefix = "/api", endpoint = "setup-save", input = Json)]
pub async fn save_setup(file: SetupFile) -> Result<SetupReport, ApiError> {
    write(file, true).await
}

/// Removes a brand, market, team, person or account that nothing refers to; otherwise refuses
/// with what refers to it and what to do instead (archive an account, mark a person as left).
#[server(prefix = "/api", endpoint = "setup-remove", input = Json)]
pub async fn remove_setup(key: SetupKey) -> Result<String, ApiError> {
    use crate::auth::Action;
    use crate::server::{auth, state};
    let needed = match key {
        SetupKey::Brand(_) => Action::EditBrands,
        SetupKey::Account { .. } => Action::EditAccounts,
        SetupKey::Market(_) | SetupKey::Team(_) | SetupKey::Person(_) => Action::EditWorkspace,
    };
    let caller = auth::authorize(needed)?;
    let team = team_scope(&caller)?;
    let store = state::store()?;
    let audit = caller.audit("setup.removed");
    state::respond(super::service::remove(&store, &key, team.as_deref(), audit).await)
}

#[cfg(feature = "ssr")]
async fn write(file: SetupFile, edit: bool) -> Result<SetupReport, ApiError> {
    use crate::auth::Action;
    use crate::server::{auth, state};
    let mut caller = None;
    for action in super::service::actions_needed(&file) {
        caller = Some(auth::authorize(action)?);
    }
    let caller = match caller {
        Some(c) => c,
        None => auth::authorize(Action::EditAccounts)?,
    };
    let team = team_scope(&caller)?;
    let store = state::store()?;
    let audit = caller.audit(if edit { "setup.saved" } else { "setup.applied" });
    state::respond(super::service::from_page(&store, &file, edit, team.as_deref(), audit).await)
}

/// The team a team lead's changes are limited to (`None` for roles that are not team-scoped).
#[cfg(feature = "ssr")]
fn team_scope(caller: &crate::server::auth::Authorized) -> Result<Option<String>, ApiError> {
    if !caller.user.role.team_scoped() {
        return Ok(None);
    }
    match &caller.user.team {
        Some(team) => Ok(Some(team.clone())),
        None => Err(ApiError::Forbidden(
            "Your user belongs to no team, so there are no accounts you may change; an admin sets your team on the Users page.".into(),
        )),
    }
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<GetSetup>();
    register_explicit::<ApplySetup>();
    register_explicit::<SaveSetup>();
    register_explicit::<RemoveSetup>();
}
