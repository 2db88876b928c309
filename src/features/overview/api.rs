//! The overview's server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::Overview;
use crate::error::ApiError;
use crate::model::{FilterOptions, OverviewFilter};

/// The overview for one filter: KPI tiles for the period and its comparison, and the series of
/// the mentions and engagement charts.
#[server(prefix = "/api", endpoint = "overview", input = GetUrl)]
pub async fn get_overview(filter: OverviewFilter) -> Result<Overview, ApiError> {
    use super::service;
    crate::server::auth::authorize(crate::auth::Action::ReadDashboards)?;
    let store = crate::server::state::store()?;
    let result = async {
        let tz = crate::server::calendar::time_zone(&store).await?;
        service::overview(&store, &filter, crate::server::calendar::today_in(tz)).await
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

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<GetOverview>();
    register_explicit::<GetFilterOptions>();
}
