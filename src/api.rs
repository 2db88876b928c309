//! Server functions: the public API of Resonance. Each is thin — authorise, validate, call the
//! store, return a DTO — and has a stable endpoint under `/api/`. Each one's first line is
//! `authorize(Action::…)` (see `crate::auth` for the matrix), except `sign_in`.

pub mod governance;
pub mod imports;
pub mod mentions;
pub mod session;
pub mod users;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

pub use crate::error::ApiError;

use crate::model::{FilterOptions, Overview, OverviewFilter};

/// The endpoints open to callers who are not signed in.
pub const PUBLIC_ENDPOINTS: [&str; 1] = ["/api/sign-in"];

pub use governance::*;
pub use imports::*;
pub use mentions::*;
pub use session::*;
pub use users::*;

/// Every endpoint, as `/api/<name>`. A test proves each one is registered, refuses callers who
/// are not signed in (but `sign-in`) and answers each role as the matrix says.
pub const ENDPOINTS: [&str; 18] = [
    "/api/overview",
    "/api/filter-options",
    "/api/sign-in",
    "/api/sign-out",
    "/api/me",
    "/api/change-password",
    "/api/users",
    "/api/user-create",
    "/api/user-role",
    "/api/user-active",
    "/api/user-reset-password",
    "/api/audit",
    "/api/accounts",
    "/api/account-update",
    "/api/mentions",
    "/api/mention-sentiment",
    "/api/imports",
    "/api/import-status",
];

/// The overview for one filter: KPI tiles for the period and its comparison, and the series of
/// the mentions and engagement charts.
#[server(prefix = "/api", endpoint = "overview", input = GetUrl)]
pub async fn get_overview(filter: OverviewFilter) -> Result<Overview, ApiError> {
    use crate::server::overview;
    crate::server::auth::authorize(crate::auth::Action::ReadDashboards)?;
    let store = crate::server::state::store()?;
    let result = async {
        let tz = overview::time_zone(&store).await?;
        overview::overview(&store, &filter, overview::today_in(tz)).await
    };
    crate::server::state::respond(result.await)
}

/// What the filter bar offers.
#[server(prefix = "/api", endpoint = "filter-options", input = GetUrl)]
pub async fn get_filter_options() -> Result<FilterOptions, ApiError> {
    crate::server::auth::authorize(crate::auth::Action::ReadDashboards)?;
    let store = crate::server::state::store()?;
    crate::server::state::respond(store.filter_options().await)
}

/// Registers every server function with the router, explicitly, so none can silently go missing.
#[cfg(feature = "ssr")]
pub fn register_all() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<GetOverview>();
    register_explicit::<GetFilterOptions>();
    register_explicit::<SignIn>();
    register_explicit::<SignOut>();
    register_explicit::<WhoAmI>();
    register_explicit::<ChangePassword>();
    register_explicit::<ListUsers>();
    register_explicit::<CreateUser>();
    register_explicit::<SetUserRole>();
    register_explicit::<SetUserActive>();
    register_explicit::<ResetUserPassword>();
    register_explicit::<AuditLog>();
    register_explicit::<ListMentions>();
    register_explicit::<OverrideSentiment>();
    register_explicit::<GetAccounts>();
    register_explicit::<UpdateAccount>();
    register_explicit::<ListImports>();
    register_explicit::<ImportStatus>();
}
