//! HTTP wiring: the built client (precompressed where present, index.html for deep links),
//! `/healthz`, and the server functions under `/api/` — each call checked for a same-origin
//! request and its caller identified before the function runs. Security headers on every answer.

use std::net::SocketAddr;
use std::path::Path;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderName, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::provide_context;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::error::ApiError;
use crate::server::auth::{self, RequestInfo};
use crate::server::import;
use crate::server::state::AppState;

/// The largest request body a server function accepts.
pub const API_BODY_LIMIT: usize = 64 * 1024;

/// The whole application router. `dist` is the folder Trunk built the client into.
pub fn router(state: AppState, dist: &Path) -> Router {
    crate::features::register_server_fns();
    let index_path = dist.join("index.html");
    let index_html = std::fs::read_to_string(&index_path).unwrap_or_default();
    let csp = auth::content_security_policy(&index_html);
    let shared =
        crate::features::summary::share::routes(crate::features::summary::share::stylesheets(&index_html));
    let static_files =
        ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(ServeFile::new(index_path));
    let api = Router::new()
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .layer(RequestBodyLimitLayer::new(API_BODY_LIMIT));
    // uploads are streamed to disk under their own limit (`ImportConfig::max_upload_bytes`)
    let imports = Router::new()
        .route("/api/import-upload", post(import::http::upload))
        .route("/api/import-rejects", get(import::http::rejects_csv))
        .layer(axum::extract::DefaultBodyLimit::disable());
    let headers: [(HeaderName, &str); 5] = [
        (header::CONTENT_SECURITY_POLICY, &csp),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .merge(api)
        .merge(imports)
        .merge(crate::features::summary::api::routes())
        .merge(crate::features::governance::api::routes())
        .merge(shared)
        .fallback_service(static_files)
        .layer(CompressionLayer::new());
    for (name, value) in headers {
        match HeaderValue::from_str(value) {
            Ok(value) => router = router.layer(SetResponseHeaderLayer::overriding(name, value)),
            Err(e) => tracing::error!(%name, error = %e, "security header left out"),
        }
    }
    catch_panics(router).layer(TraceLayer::new_for_http()).with_state(state)
}

/// A panic anywhere in a handler ends that request only: it is logged with a reference and
/// answered 500 with that reference, and the server goes on.
pub fn catch_panics<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.layer(tower_http::catch_panic::CatchPanicLayer::custom(|panic: Box<dyn std::any::Any + Send>| {
        let what = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".into());
        let reference = format!("{:08x}", crate::error::rand_reference());
        tracing::error!(reference, panic = %what, "a request panicked; answered 500");
        (StatusCode::INTERNAL_SERVER_ERROR, Json(ApiError::Internal(reference))).into_response()
    }))
}

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> Response {
    if let Err(reason) = auth::same_origin(req.method(), req.headers()) {
        tracing::warn!(uri = %req.uri(), reason, "cross-site request refused");
        return (StatusCode::FORBIDDEN, Json(ApiError::Forbidden(reason))).into_response();
    }
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let info = RequestInfo::read(req.headers(), peer, false, &state.auth);
    let caller = match auth::identify(&state.store, &state.auth, info).await {
        Ok(caller) => caller,
        Err(e) => {
            let err = ApiError::from(e);
            return (StatusCode::INTERNAL_SERVER_ERROR, Json(err)).into_response();
        }
    };
    // Identity before any work, even reading the arguments; each function then checks its role.
    if caller.user.is_none() && !crate::features::PUBLIC_ENDPOINTS.contains(&req.uri().path()) {
        return (StatusCode::UNAUTHORIZED, Json(ApiError::Unauthenticated)).into_response();
    }
    let response = leptos_axum::handle_server_fns_with_context(
        move || {
            provide_context(state.clone());
            provide_context(caller.clone());
        },
        req,
    )
    .await
    .into_response();
    with_error_status(response).await
}

/// The largest error body read back to find its status (an `ApiError` is a sentence or two).
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// A server function that failed answers 500 whatever its error (server_fn's default): the
/// error's variant decides the status instead (`ApiError::status`), so `?` is right everywhere.
async fn with_error_status(response: Response) -> Response {
    let failed = response.headers().contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER);
    if !failed || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, ERROR_BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "server function error body unreadable");
            return (StatusCode::INTERNAL_SERVER_ERROR, Json(ApiError::Internal("error-body".into())))
                .into_response();
        }
    };
    if let Ok(error) = serde_json::from_slice::<ApiError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
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

#[cfg(test)]
mod panic_tests {
    use tower::ServiceExt;

    use super::*;

    #[tokio::test]
    async fn a_panicking_handler_answers_500_and_the_next_request_is_served() {
        async fn boom() -> &'static str {
            panic!("boom")
        }
        let app = catch_panics(Router::new().route("/boom", get(boom)).route("/ok", get(|| async { "ok" })));
        let answer = app
            .clone()
            .oneshot(Request::get("/boom").body(Body::empty()).expect("request"))
            .await
            .expect("answer");
        assert_eq!(answer.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(answer.into_body(), 1 << 16).await.expect("body");
        let err: ApiError = serde_json::from_slice(&body).expect("an ApiError");
        assert!(err.to_string().contains("reference"), "{err}");
        let answer =
            app.oneshot(Request::get("/ok").body(Body::empty()).expect("request")).await.expect("answer");
        assert_eq!(answer.status(), StatusCode::OK);
    }
}
