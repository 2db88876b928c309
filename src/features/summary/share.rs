//! Share links: a read-only address of one executive summary for someone without an account.
//!
//! An executive or admin creates one for the summary on screen — pinned to its period, or
//! rolling (always the last full month or quarter) — with an expiry (default 14 days, at most
//! 90) and an optional password. The token is 256 random bits; the database keeps its SHA-256
//! and the password's argon2id hash. `/share/<token>` serves that summary as a page of its own:
//! the report and nothing else (no navigation, no script, no API). The token is no session: every
//! other endpoint refuses it. Every open is audited (`share.opened`); ten wrong passwords within
//! 15 minutes close the link for the rest of that window. The creator (or an admin) revokes it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};

use super::html::escape;
use super::store::{NewShare, ShareRow};
use super::types::{PeriodKind, ReportSpec, SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS};
use crate::server::auth::{self, Authorized, RequestInfo};
use crate::server::state::AppState;
use crate::server::store::{Audit, DynStore, StoreError, StoreResult};

/// Wrong passwords a link takes within `LOCK_SECS` before it refuses more.
const MAX_FAILURES: i64 = 10;
const LOCK_SECS: i64 = 15 * 60;
const MIN_PASSWORD: usize = 8;

/// A share link as its creator's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLink {
    pub id: i64,
    /// What it shows: `Quarter 2026-Q3 against the previous period`, `the last full month (rolling) …`.
    pub label: String,
    pub owner: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// Revoked or expired.
    pub ended: bool,
    pub protected: bool,
    pub opens: i64,
}

/// A link just created: the only time its address (with the token) exists outside the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareCreated {
    pub link: ShareLink,
    /// `/share/<token>`: the page prefixes its own origin.
    pub path: String,
}

/// The report a query string names (`?period=quarter&of=2026-Q3`), as the page's URL carries it.
pub fn spec_of(query: &str) -> ReportSpec {
    let pairs: HashMap<String, String> = query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    ReportSpec::from_query(|k| pairs.get(k).cloned())
}

pub fn link(row: &ShareRow, now: i64) -> ShareLink {
    ShareLink {
        id: row.id,
        label: spec_of(&row.spec).describe(),
        owner: row.owner.clone(),
        created_at: row.created_at,
        expires_at: row.expires_at,
        ended: row.revoked_at.is_some() || row.expires_at <= now,
        protected: row.password_hash.is_some(),
        opens: row.opens,
    }
}

/// Creates a link for `caller`.
pub async fn create(
    store: &DynStore,
    caller: &Authorized,
    spec: &ReportSpec,
    rolling: bool,
    days: u32,
    password: &str,
    today: chrono::NaiveDate,
) -> StoreResult<ShareCreated> {
    let days = if days == 0 { SHARE_DEFAULT_DAYS } else { days };
    if days > SHARE_MAX_DAYS {
        return Err(StoreError::Invalid(format!("A share link lives at most {SHARE_MAX_DAYS} days.")));
    }
    let password = password.trim();
    if !password.is_empty() && password.chars().count() < MIN_PASSWORD {
        return Err(StoreError::Invalid(format!("A link's password needs at least {MIN_PASSWORD} characters.")));
    }
    let rolling = rolling && spec.kind != PeriodKind::Custom;
    let spec = if rolling {
        spec.resolve(today).map_err(StoreError::Invalid)?;
        ReportSpec { of: None, ..spec.clone() }
    } else {
        spec.fixed(today).map_err(StoreError::Invalid)?
    };
    let token = auth::new_token();
    let now = auth::now();
    let share = NewShare {
        token_hash: auth::token_hash(&token),
        user_id: caller.user.id,
        spec: spec.to_query_string(),
        password_hash: (!password.is_empty()).then(|| auth::hash_password(password)),
        created_at: now,
        expires_at: now + i64::from(days) * 86_400,
    };
    let mut audit = caller.audit("share.created");
    audit.detail = serde_json::json!({ "spec": share.spec, "days": days, "password": share.password_hash.is_some() }).to_string();
    let id = store.create_share(&share, audit).await?;
    let row = ShareRow {
        id,
        user_id: share.user_id,
        owner: caller.user.name.clone(),
        spec: share.spec,
        password_hash: share.password_hash,
        created_at: share.created_at,
        expires_at: share.expires_at,
        revoked_at: None,
        opens: 0,
    };
    Ok(ShareCreated { link: link(&row, now), path: format!("/share/{token}") })
}

/// The caller's links as a table, each live one with its revoke button.
pub fn list_html(links: &[ShareLink]) -> String {
    if links.is_empty() {
        return "<p class=\"report-note\" data-testid=\"share-links\">No links yet.</p>".into();
    }
    let mut out = String::from(
        "<table class=\"data-table share-links\" data-testid=\"share-links\"><thead><tr><th>Shows</th><th>By</th><th>Created</th><th>Valid until</th><th>Password</th><th class=\"num\">Opens</th><th></th></tr></thead><tbody>",
    );
    for l in links {
        let action = if l.ended {
            "<span class=\"report-note\">ended</span>".to_string()
        } else {
            format!("<button class=\"button button-small\" type=\"button\" data-testid=\"share-revoke\" data-share-revoke=\"{}\">Revoke</button>", l.id)
        };
        out.push_str(&format!(
            "<tr data-testid=\"share-link\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{action}</td></tr>",
            escape(&l.label),
            escape(&l.owner),
            escape(&crate::format::timestamp(l.created_at)),
            escape(&crate::format::timestamp(l.expires_at)),
            if l.protected { "yes" } else { "no" },
            l.opens
        ));
    }
    out.push_str("</tbody></table>");
    out
}

/// The stylesheets the built client's `index.html` links (Trunk names them by their hash).
pub fn stylesheets(index_html: &str) -> Vec<String> {
    index_html
        .split("<link")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .filter(|tag| tag.contains("stylesheet"))
        .filter_map(|tag| tag.split("href=\"").nth(1)?.split('"').next().map(str::to_string))
        .collect()
}

/// The routes of the shared page; `css` are the client's stylesheets.
pub fn routes(css: Vec<String>) -> axum::Router<AppState> {
    axum::Router::new()
        .route("/share/{token}", axum::routing::get(open).post(open_with_password))
        .layer(Extension(Arc::new(css)))
}

/// A page of its own: the stylesheet, a title, the body. No script.
fn page(status: StatusCode, css: &[String], title: &str, body: &str) -> Response {
    let links: String =
        css.iter().map(|href| format!("<link rel=\"stylesheet\" href=\"{}\">", escape(href))).collect();
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{}</title>{links}</head><body class=\"share-body\"><main class=\"app-main share-main\">{body}</main></body></html>",
        escape(title)
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::HeaderName::from_static("x-robots-tag"), "noindex"),
        ],
        html,
    )
        .into_response()
}

fn message(status: StatusCode, css: &[String], title: &str, text: &str) -> Response {
    page(
        status,
        css,
        title,
        &format!(
            "<section class=\"state state-empty share-state\" data-testid=\"share-state\"><h1>{}</h1><p>{}</p></section>",
            escape(title),
            escape(text)
        ),
    )
}

fn gate(css: &[String], error: Option<&str>) -> Response {
    let error = error.map_or_else(String::new, |e| format!("<p class=\"form-error\" role=\"alert\">{}</p>", escape(e)));
    page(
        if error.is_empty() { StatusCode::OK } else { StatusCode::UNAUTHORIZED },
        css,
        "Executive summary",
        &format!(
            "<section class=\"state share-state\" data-testid=\"share-gate\"><h1>This summary is protected</h1><p>Enter the password you were given with the link.</p>\
             <form method=\"post\" class=\"share-form\"><label class=\"field\">Password<input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>\
             <button class=\"button button-primary\" type=\"submit\">Open the summary</button></form>{error}</section>"
        ),
    )
}

/// The link behind `token` if it is live, or the page that says why not.
async fn live(state: &AppState, css: &[String], token: &str) -> Result<ShareRow, Response> {
    let found = state.store.share_by_token(&auth::token_hash(token)).await.map_err(|e| {
        tracing::error!(error = %e, "share link lookup failed");
        message(StatusCode::INTERNAL_SERVER_ERROR, css, "The summary cannot be shown", "Try again in a moment.")
    })?;
    let gone = |title: &str| {
        message(
            StatusCode::GONE,
            css,
            title,
            "Ask the person who shared it with you for a new link.",
        )
    };
    match found {
        None => Err(message(
            StatusCode::NOT_FOUND,
            css,
            "No such summary link",
            "Check that the address is complete, or ask the person who shared it with you for a new link.",
        )),
        Some(row) if row.revoked_at.is_some() => Err(gone("This summary link was revoked")),
        Some(row) if row.expires_at <= auth::now() => Err(gone("This summary link has expired")),
        Some(row) => Ok(row),
    }
}

/// The shared summary, audited.
async fn show(state: &AppState, css: &[String], row: &ShareRow, ip: Option<String>) -> Response {
    let audit = Audit::new(auth::now(), None, "share.opened", ip).target("share_link", row.id);
    if let Err(e) = state.store.audit(audit).await {
        tracing::error!(error = %e, "share open not audited");
        return message(StatusCode::INTERNAL_SERVER_ERROR, css, "The summary cannot be shown", "Try again in a moment.");
    }
    let spec = spec_of(&row.spec);
    let result = async {
        let tz = crate::server::calendar::time_zone(&state.store).await?;
        super::service::report(&state.store, &spec, crate::server::calendar::today_in(tz)).await
    };
    match result.await {
        Ok(report) => {
            let expires = chrono::DateTime::from_timestamp(row.expires_at, 0).map(|t| t.date_naive());
            let note = format!(
                "<p class=\"share-note\" data-testid=\"share-note\">Shared by {} · read-only · {} · link valid until {}.</p>",
                escape(&row.owner),
                escape(&spec.describe()),
                expires.map_or_else(String::new, |d| escape(&crate::format::day_long(d)))
            );
            let title = format!("{} · Executive summary · {}", report.workspace, report.period());
            page(StatusCode::OK, css, &title, &format!("{}{note}", super::html::render(&report)))
        }
        Err(e) => {
            tracing::warn!(error = %e, link = row.id, "shared summary failed");
            message(StatusCode::BAD_REQUEST, css, "The summary cannot be shown", &e.to_string())
        }
    }
}

fn ip(state: &AppState, parts: &Parts) -> Option<String> {
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    RequestInfo::read(&parts.headers, peer, false, &state.auth).ip
}

async fn open(
    State(state): State<AppState>,
    Extension(css): Extension<Arc<Vec<String>>>,
    Path(token): Path<String>,
    parts: Parts,
) -> Response {
    let row = match live(&state, &css, &token).await {
        Ok(row) => row,
        Err(response) => return response,
    };
    if row.password_hash.is_some() {
        return gate(&css, None);
    }
    show(&state, &css, &row, ip(&state, &parts)).await
}

async fn open_with_password(
    State(state): State<AppState>,
    Extension(css): Extension<Arc<Vec<String>>>,
    Path(token): Path<String>,
    parts: Parts,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if let Err(reason) = auth::same_origin(&Method::POST, &parts.headers) {
        return message(StatusCode::FORBIDDEN, &css, "Not allowed", &reason);
    }
    let row = match live(&state, &css, &token).await {
        Ok(row) => row,
        Err(response) => return response,
    };
    let address = ip(&state, &parts);
    let Some(hash) = &row.password_hash else {
        return show(&state, &css, &row, address).await;
    };
    let key = format!("share:{}", row.id);
    let now = auth::now();
    match state.store.failures_since(&key, now - LOCK_SECS).await {
        Ok(n) if n >= MAX_FAILURES => {
            return message(
                StatusCode::TOO_MANY_REQUESTS,
                &css,
                "Too many wrong passwords",
                "This link refuses passwords for 15 minutes. Try again later.",
            )
        }
        Ok(_) => {}
        Err(e) => {
            tracing::error!(error = %e, "share failures unread");
            return message(StatusCode::INTERNAL_SERVER_ERROR, &css, "The summary cannot be shown", "Try again in a moment.");
        }
    }
    let given = form.get("password").map(String::as_str).unwrap_or_default();
    if !auth::verify_password(given, hash) {
        let audit = Audit::new(now, None, "share.password_failed", address).target("share_link", row.id);
        if let Err(e) = state.store.record_failure(&[key], audit).await {
            tracing::error!(error = %e, "share failure not recorded");
        }
        return gate(&css, Some("That password is not right."));
    }
    show(&state, &css, &row, address).await
}
