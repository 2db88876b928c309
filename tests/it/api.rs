//! Server-function and HTTP tests through the real router (no network, no mocks of our code).

use axum::http::{header, StatusCode};
use resonance::error::ApiError;
use resonance::features::overview::types::Overview;
use resonance::model::FilterOptions;

use crate::common::http::{app, App};

/// Every endpoint the features register, as `/api/<name>`. The test below proves the registry
/// holds exactly these; `auth.rs` proves each refuses callers who are not signed in (but
/// `sign-in`) and answers each role as the matrix says.
pub const ENDPOINTS: [&str; 34] = [
    "/api/overview",
    "/api/summary",
    "/api/summary-share",
    "/api/summary-share-revoke",
    "/api/summary-targets",
    "/api/filter-options",
    "/api/campaigns",
    "/api/campaign-compare",
    "/api/campaign-save",
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
    "/api/governance",
    "/api/governance-update",
    "/api/governance-handover",
    "/api/governance-rules",
    "/api/governance-round",
    "/api/governance-register",
    "/api/governance-dismiss",
    "/api/mentions",
    "/api/mention-sentiment",
    "/api/imports",
    "/api/import-status",
    "/api/setup",
    "/api/setup-apply",
    "/api/setup-save",
    "/api/setup-remove",
];

async fn get(app: &App, uri: &str, headers: &[(&str, &str)]) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let cookie = app.sign_in_as("viewer").await;
    let mut all = vec![("cookie", cookie.as_str())];
    all.extend_from_slice(headers);
    let a = app.raw(axum::http::Method::GET, uri, None, &all).await;
    (a.status, a.headers, a.body)
}

#[tokio::test]
async fn every_registered_endpoint_answers() {
    let app = app().await;
    let registered: Vec<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    for endpoint in ENDPOINTS {
        assert!(registered.iter().any(|p| p == endpoint), "{endpoint} is not registered: {registered:?}");
    }
    for path in &registered {
        assert!(
            ENDPOINTS.contains(&path.as_str()),
            "{path} is registered but not listed in this test's ENDPOINTS"
        );
    }
    let (status, _, body) = get(&app, "/api/overview?filter[preset]=30d", &[]).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let overview: Overview = serde_json::from_slice(&body).expect("overview JSON");
    assert_eq!(overview.brand.name, "Voltaro");
    assert_eq!(overview.tiles.len(), resonance::kpi::Kpi::OVERVIEW.len());
    let (status, _, body) = get(&app, "/api/filter-options", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let options: FilterOptions = serde_json::from_slice(&body).expect("options JSON");
    assert_eq!(options.brands.len(), 4);
    assert_eq!(options.markets.len(), 6);
}

#[tokio::test]
async fn bad_input_gets_a_clear_error_and_the_right_status() {
    let app = app().await;
    let cases = [
        (
            "/api/overview?filter[preset]=custom&filter[from]=2026-05-01&filter[to]=2026-01-01",
            StatusCode::BAD_REQUEST,
            "before it starts",
        ),
        (
            "/api/overview?filter[preset]=custom&filter[from]=2026-05-01",
            StatusCode::BAD_REQUEST,
            "needs both",
        ),
        ("/api/overview?filter[brand]=999", StatusCode::NOT_FOUND, "brand 999"),
        ("/api/mentions?query[campaign]=999", StatusCode::BAD_REQUEST, "no campaign 999"),
        // a day at the calendar's limit is refused, not a panic that drops the connection
        ("/api/mentions?query[to]=-262143-01-05", StatusCode::BAD_REQUEST, "outside the dates"),
        ("/api/governance?query=%3Fview%3Dchart", StatusCode::BAD_REQUEST, "not a view"),
        (
            "/api/overview?filter[platform]=%27%3B%20DROP%20TABLE%20mentions",
            StatusCode::BAD_REQUEST,
            "not a platform",
        ),
    ];
    for (uri, expected, text) in cases {
        let (status, _, body) = get(&app, uri, &[]).await;
        assert_eq!(status, expected, "{uri}: {}", String::from_utf8_lossy(&body));
        let err: ApiError = serde_json::from_slice(&body).expect("ApiError JSON");
        assert!(err.to_string().contains(text), "{uri}: {err}");
    }
    // malformed arguments never panic: a clear 4xx/5xx with an ApiError body
    for uri in [
        "/api/overview?filter[preset]=fortnight",
        "/api/overview?filter[from]=yesterday",
        "/api/overview?filter[brand]=x",
    ] {
        let (status, _, body) = get(&app, uri, &[]).await;
        assert!(status.is_client_error() || status.is_server_error(), "{uri}: {status}");
        let err: ApiError = serde_json::from_slice(&body).expect("ApiError JSON");
        assert!(matches!(err, ApiError::Invalid(_)), "{uri}: {err:?}");
    }
    let (status, _, _) = get(&app, "/api/no-such-function", &[]).await;
    assert!(status.is_client_error());
}

#[tokio::test]
async fn serves_the_app_health_and_compressed_files() {
    let app = app().await;
    let (status, _, body) = get(&app, "/healthz", &[]).await;
    assert_eq!((status, body.as_slice()), (StatusCode::OK, b"ok".as_slice()));
    // deep links get the app
    let (status, _, body) = get(&app, "/some/deep/link?range=7d", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&body).contains("<title>Resonance</title>"));
    // precompressed files where present
    let (status, headers, body) = get(&app, "/app.js", &[("accept-encoding", "gzip")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(header::CONTENT_ENCODING).map(|v| v.as_bytes()), Some(b"gzip".as_slice()));
    assert_eq!(body, b"\x1f\x8bprecompressed");
    // API answers are compressed on the fly
    let (_, headers, _) = get(&app, "/api/overview?filter[preset]=90d", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers.get(header::CONTENT_ENCODING).map(|v| v.as_bytes()), Some(b"gzip".as_slice()));
}
