//! The executive summary's endpoints: the server function the page calls, and the PDF and CSV
//! downloads (plain GET routes: a file, not a value). Each checks `ReadExecutiveSummary` first.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use crate::error::ApiError;

/// The summary the report query string names (`?period=quarter&of=2026-Q3&compare=year`, as the
/// page's URL carries it), rendered as HTML.
#[server(prefix = "/api", endpoint = "summary", input = GetUrl)]
pub async fn get_summary(query: String) -> Result<String, ApiError> {
    let caller = crate::server::auth::authorize(crate::auth::Action::ReadExecutiveSummary)?;
    let store = crate::server::state::store()?;
    let spec = super::share::spec_of(&query);
    let result = async {
        let tz = crate::server::calendar::time_zone(&store).await?;
        let today = crate::server::calendar::today_in(tz);
        let shares = if caller.user.role.may(crate::auth::Action::ShareExecutiveSummary) {
            let mine = (caller.user.role != crate::auth::Role::Admin).then_some(caller.user.id);
            let now = crate::server::auth::now();
            Some(store.shares(mine).await?.iter().map(|r| super::share::link(r, now)).collect::<Vec<_>>())
        } else {
            None
        };
        let targets = if caller.user.role.may(crate::auth::Action::SetSummaryTargets) {
            Some(store.summary_targets().await?)
        } else {
            None
        };
        // a period that cannot be shown still gets its controls, to choose another
        let (report, range, currency) = match super::service::report(&store, &spec, today).await {
            Ok(r) => (super::html::render(&r), Some((r.range.from, r.range.to)), Some(r.currency)),
            Err(crate::server::store::StoreError::Invalid(reason)) => (
                format!(
                    "<section class=\"state state-error\" data-testid=\"error-state\" role=\"alert\"><h2>This summary cannot be shown</h2><p class=\"state-detail\">{}</p><p class=\"state-hint\">Choose another period above.</p></section>",
                    super::html::escape(&reason)
                ),
                None,
                None,
            ),
            Err(e) => return Err(e),
        };
        let controls = super::controls::Controls {
            shares: shares.as_deref(),
            targets: targets.as_deref().zip(currency.as_deref()),
        };
        Ok(format!("{}{report}", controls.render(&spec, range, today)))
    };
    crate::server::state::respond(result.await)
}

/// Creates a read-only link to the summary `query` names (`share.rs`): pinned to its period or
/// rolling, living `days` days (0: the default), with an optional password. The answer is its
/// address (`/share/<token>`), shown this once.
#[server(prefix = "/api", endpoint = "summary-share", input = Json)]
pub async fn share_summary(query: String, rolling: bool, days: u32, password: String) -> Result<String, ApiError> {
    let caller = crate::server::auth::authorize(crate::auth::Action::ShareExecutiveSummary)?;
    let store = crate::server::state::store()?;
    let result = async {
        let tz = crate::server::calendar::time_zone(&store).await?;
        let spec = super::share::spec_of(&query);
        let today = crate::server::calendar::today_in(tz);
        super::share::create(&store, &caller, &spec, rolling, days, &password, today).await.map(|c| c.path)
    };
    crate::server::state::respond(result.await)
}

/// Revokes one of the caller's links (an admin: anyone's).
#[server(prefix = "/api", endpoint = "summary-share-revoke", input = Json)]
pub async fn revoke_summary_share(id: i64) -> Result<(), ApiError> {
    let caller = crate::server::auth::authorize(crate::auth::Action::ShareExecutiveSummary)?;
    let store = crate::server::state::store()?;
    let mine = (caller.user.role != crate::auth::Role::Admin).then_some(caller.user.id);
    let audit = caller.audit("share.revoked");
    crate::server::state::respond(store.revoke_share(id, mine, crate::server::auth::now(), audit).await)
}

/// Sets or clears the headline targets (admins): `form` is `token=value&…` as the page's targets
/// form sends it (an empty value clears that target; the values per year for amounts). Refused
/// whole when any value is wrong; audited with the values before and after.
#[server(prefix = "/api", endpoint = "summary-targets", input = Json)]
pub async fn set_summary_targets(form: String) -> Result<(), ApiError> {
    let caller = crate::server::auth::authorize(crate::auth::Action::SetSummaryTargets)?;
    let store = crate::server::state::store()?;
    let result = async {
        let parsed = super::targets::parse_form(&form).map_err(crate::server::store::StoreError::Invalid)?;
        if parsed.is_empty() {
            return Err(crate::server::store::StoreError::Invalid("No target was given.".into()));
        }
        let before = store.summary_targets().await?;
        let detail: serde_json::Map<String, serde_json::Value> = parsed
            .iter()
            .map(|(h, v)| {
                let was = before.iter().find(|(t, _)| t == h.token()).map(|(_, v)| *v);
                (h.token().to_string(), serde_json::json!({ "from": was, "to": v }))
            })
            .collect();
        let rows: Vec<(String, Option<f64>)> = parsed.iter().map(|(h, v)| (h.token().to_string(), *v)).collect();
        let audit = caller.audit("summary.targets_set").detail(serde_json::Value::Object(detail));
        store.set_summary_targets(&rows, audit).await
    };
    crate::server::state::respond(result.await)
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<GetSummary>();
    register_explicit::<ShareSummary>();
    register_explicit::<RevokeSummaryShare>();
    register_explicit::<SetSummaryTargets>();
}

/// The downloads: `/api/summary.pdf` and `/api/summary.csv`, with the page's query.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::server::state::AppState> {
    axum::Router::new()
        .route("/api/summary.pdf", axum::routing::get(download::pdf))
        .route("/api/summary.csv", axum::routing::get(download::csv))
}

#[cfg(feature = "ssr")]
mod download {
    use std::collections::HashMap;

    use axum::body::Body;
    use axum::extract::{Query, State};
    use axum::http::{header, Request, StatusCode};
    use axum::response::{IntoResponse, Response};

    use super::super::report::Report;
    use super::super::types::ReportSpec;
    use crate::auth::Action;
    use crate::error::ApiError;
    use crate::server::auth::{authorize_route, refusal};
    use crate::server::state::AppState;

    async fn report(state: &AppState, query: &HashMap<String, String>, req: Request<Body>) -> Result<Report, Response> {
        authorize_route(state, &req.into_parts().0, Action::ReadExecutiveSummary).await?;
        let spec = ReportSpec::from_query(|k| query.get(k).cloned());
        let result = async {
            let tz = crate::server::calendar::time_zone(&state.store).await?;
            super::super::service::report(&state.store, &spec, crate::server::calendar::today_in(tz)).await
        };
        result.await.map_err(|e| {
            let e = ApiError::from(e);
            refusal(StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), e)
        })
    }

    /// `voltaro-summary-2026-11-01-2026-11-30.pdf`
    fn file_name(r: &Report, ext: &str) -> String {
        let slug: String = r
            .workspace
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        format!("{}-summary-{}-{}.{ext}", slug.trim_matches('-'), r.range.from, r.range.to)
    }

    fn file(content_type: &str, name: String, bytes: Vec<u8>) -> Response {
        (
            [
                (header::CONTENT_TYPE, content_type.to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response()
    }

    /// A download: the report the query names, rendered by `render` (on a blocking thread: the
    /// PDF is CPU work) as a file of `content_type` named with `ext`.
    async fn download(
        state: AppState,
        query: HashMap<String, String>,
        req: Request<Body>,
        content_type: &'static str,
        ext: &'static str,
        render: fn(&Report) -> Result<Vec<u8>, String>,
    ) -> Response {
        let r = match report(&state, &query, req).await {
            Ok(r) => r,
            Err(response) => return response,
        };
        match tokio::task::spawn_blocking(move || render(&r).map(|b| (b, r))).await {
            Ok(Ok((bytes, r))) => file(content_type, file_name(&r, ext), bytes),
            Ok(Err(e)) => refusal(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Internal(format!("{ext}: {e}"))),
            Err(e) => refusal(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Internal(format!("{ext} task: {e}"))),
        }
    }

    pub async fn pdf(
        State(state): State<AppState>,
        Query(query): Query<HashMap<String, String>>,
        req: Request<Body>,
    ) -> Response {
        download(state, query, req, "application/pdf", "pdf", super::super::pdf::render).await
    }

    pub async fn csv(
        State(state): State<AppState>,
        Query(query): Query<HashMap<String, String>>,
        req: Request<Body>,
    ) -> Response {
        let render = |r: &Report| super::super::csv::render(r).map_err(|e| e.to_string());
        download(state, query, req, "text/csv; charset=utf-8", "csv", render).await
    }
}
