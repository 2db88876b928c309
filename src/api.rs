//! Server functions: the public API of Resonance. Each is thin — validate, call the store,
//! return a DTO — and has a stable endpoint under `/api/`.

pub mod error;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

pub use error::ApiError;

use crate::model::{FilterOptions, Overview, OverviewFilter};

/// Every endpoint, as `/api/<name>`. A test proves each one is registered and answers.
pub const ENDPOINTS: [&str; 2] = ["/api/overview", "/api/filter-options"];

/// The overview for one filter: KPI tiles for the period and its comparison, and the series of
/// the mentions and engagement charts.
#[server(prefix = "/api", endpoint = "overview", input = GetUrl)]
pub async fn get_overview(filter: OverviewFilter) -> Result<Overview, ApiError> {
    use crate::server::overview;
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
    let store = crate::server::state::store()?;
    crate::server::state::respond(store.filter_options().await)
}

/// Registers every server function with the router, explicitly, so none can silently go missing.
#[cfg(feature = "ssr")]
pub fn register_all() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<GetOverview>();
    register_explicit::<GetFilterOptions>();
}
