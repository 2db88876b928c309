//! HTTP wiring: the built client (precompressed where present, index.html for deep links),
//! `/healthz`, and the server functions under `/api/`.

use std::path::Path;

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

use crate::server::state::AppState;

/// The whole application router. `dist` is the folder Trunk built the client into.
pub fn router(state: AppState, dist: &Path) -> Router {
    crate::api::register_all();
    let index = ServeFile::new(dist.join("index.html"));
    let static_files = ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(index);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .fallback_service(static_files)
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

/// Answers 200 when the store answers.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.counts().await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "store unavailable")
        }
    }
}
