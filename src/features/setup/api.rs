//! The setup's server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use super::types::{SetupFile, SetupReport, SetupView};
use crate::error::ApiError;

/// The workspace's brands, markets, teams, people and accounts, as the Setup page lists them.
#[server(prefix = "/api", endpoint = "setup", input = GetUrl)]
pub async fn get_setup() -> Result<SetupView, ApiError> {
    use crate::server::{auth, state};
    auth::authorize(crate::auth::Action::EditSetup)?;
    let store = state::store()?;
    let now = state::respond(store.setup_snapshot().await)?;
    Ok(super::service::as_view(&now))
}

/// Adds what a setup file lists (the page sends one record at a time): everything is checked
/// first, then added in one transaction with one audit entry; a record that exists already, or an
/// invalid one, changes nothing and the error names each problem, one per line.
#[server(prefix = "/api", endpoint = "setup-apply", input = Json)]
pub async fn apply_setup(file: SetupFile) -> Result<SetupReport, ApiError> {
    use crate::server::{auth, state};
    let caller = auth::authorize(crate::auth::Action::EditSetup)?;
    let store = state::store()?;
    let audit = caller.audit("setup.applied");
    state::respond(super::service::add(&store, &file, "the setup page", audit).await)
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<GetSetup>();
    register_explicit::<ApplySetup>();
}
