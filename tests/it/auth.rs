//! Sign-in, sessions, roles and request checks, through the real router on a real database.

use crate::common;
use axum::http::{header, Method, StatusCode};
use resonance::auth::{AuditPage, CurrentUser, OneTimePassword, Role, UserDirectory};
use resonance::error::ApiError;
use resonance::features::imports::types::{ImportBatchView, ImportJobState, UploadAccepted};
use resonance::server::store::{Audit, NewUser};

use crate::common::http::{app, demo_login, App};

async fn count(app: &App, sql: &str) -> i64 {
    common::raw(&app.db).await.int(sql).await
}

/// A user to act on, created directly in the store.
async fn scratch_user(app: &App, email: &str) -> i64 {
    let user = NewUser {
        email: email.into(),
        name: "Scratch".into(),
        password_hash: resonance::server::auth::hash_password("scratch password 1"),
        role: Role::Viewer,
        team_id: None,
        is_demo: false,
        must_change_password: false,
        created_at: 0,
    };
    app.db.store.create_user(&user, Audit::new(0, None, "test.setup", None)).await.expect("scratch user")
}

/// The accounts of the German team and of another team.
async fn accounts(app: &App) -> (i64, i64) {
    let all = app.db.store.registry(chrono::NaiveDate::MAX).await.expect("accounts");
    let own = all.iter().find(|a| a.team.as_deref() == Some("Germany Team")).expect("a German account");
    let other = all.iter().find(|a| a.team.is_some() && a.team != own.team).expect("another team's account");
    (own.id, other.id)
}

#[tokio::test]
async fn every_server_function_but_sign_in_refuses_callers_who_are_not_signed_in() {
    let app = app().await;
    let registered: Vec<(String, Method)> =
        leptos::server_fn::axum::server_fn_paths().map(|(p, m)| (p.to_string(), m)).collect();
    assert!(registered.len() >= crate::api::ENDPOINTS.len());
    let writes_before = count(&app, "SELECT COUNT(*) FROM audit_log").await;
    for (path, method) in registered {
        if path == "/api/sign-in" {
            continue;
        }
        let body = (method != Method::GET).then_some("{}");
        for cookie in
            [None, Some("resonance_session=0000000000000000000000000000000000000000000000000000000000000000")]
        {
            let answer = app.call(method.clone(), &path, body, cookie).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{method} {path}: {}", answer.text());
            assert_eq!(answer.json::<ApiError>(), ApiError::Unauthenticated, "{path}");
        }
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log").await, writes_before, "nothing written");
}

/// Which roles each server function lets through (2xx); all others get 403.
#[tokio::test]
async fn role_by_endpoint_matrix() {
    let app = app().await;
    let target = scratch_user(&app, "target@example.com").await;
    let (own_account, other_account) = accounts(&app).await;
    let people = app.db.store.registry_people().await.expect("people");
    let person = people.iter().find(|p| !p.left()).expect("someone with the company").id;
    let account_update = |account: i64| {
        let form = format!(
            "account={account}&owner={person}&backup=&custodian={person}&status=official&reason=matrix"
        );
        serde_json::json!({ "form": form }).to_string()
    };
    let roles = ["viewer", "team_lead", "executive", "manager", "admin"];
    // (method, uri, body, roles allowed)
    let cases: Vec<(Method, String, Option<String>, Vec<&str>)> = vec![
        (Method::GET, "/api/overview?filter[preset]=30d".into(), None, roles.to_vec()),
        (Method::GET, "/api/filter-options".into(), None, roles.to_vec()),
        (Method::GET, "/api/me".into(), None, roles.to_vec()),
        (Method::GET, "/api/campaigns".into(), None, roles.to_vec()),
        (Method::GET, "/api/campaign-compare?ids=1,2".into(), None, roles.to_vec()),
        (
            Method::POST,
            "/api/campaign-save".into(),
            Some(
                serde_json::json!({"campaign": {"id": 4, "brand": "Voltaro", "name": "Matrix Deals",
                    "objective": "conversion", "start_on": "2026-01-01", "end_on": "2026-01-31", "spend": "1000",
                    "currency": "EUR", "terms": "#matrixdeals", "markets": [{"market": "DE", "launch_on": "",
                    "leads": "", "sales": "", "revenue": ""}]}})
                .to_string(),
            ),
            vec!["manager", "admin"],
        ),
        (Method::GET, "/api/governance?query=%3Fview%3Dregister".into(), None, roles.to_vec()),
        (Method::GET, "/api/governance.csv?table=matrix".into(), None, roles.to_vec()),
        (
            Method::POST,
            "/api/governance-rules".into(),
            Some(r#"{"form":"dormant_days=90&review_days=180"}"#.into()),
            vec!["admin"],
        ),
        (
            Method::POST,
            "/api/governance-round".into(),
            Some(r#"{"form":"name=Matrix%20review&due_on=2099-12-31"}"#.into()),
            vec!["manager", "admin"],
        ),
        (
            Method::POST,
            "/api/governance-dismiss".into(),
            Some(r#"{"form":"platform=x&handle=voltaro_deals&reason=matrix"}"#.into()),
            vec!["manager", "admin"],
        ),
        (Method::GET, "/api/mentions?query[sentiment]=Negative".into(), None, roles.to_vec()),
        (
            Method::POST,
            "/api/mention-sentiment".into(),
            Some(r#"{"change":{"mention_id":1,"sentiment":"Positive"}}"#.into()),
            vec!["manager", "admin"],
        ),
        (Method::GET, "/api/imports".into(), None, vec!["manager", "admin"]),
        (Method::GET, "/api/summary?query=%3Fperiod%3Dquarter%26of%3D2026-Q2".into(), None, vec!["executive", "manager", "admin"]),
        (Method::GET, "/api/summary.pdf?period=quarter&of=2026-Q2".into(), None, vec!["executive", "manager", "admin"]),
        (Method::GET, "/api/summary.csv?period=quarter&of=2026-Q2".into(), None, vec!["executive", "manager", "admin"]),
        (
            Method::POST,
            "/api/summary-targets".into(),
            Some(r#"{"form":"net-sentiment=40"}"#.into()),
            vec!["admin"],
        ),
        (Method::GET, "/api/setup".into(), None, vec!["manager", "admin", "team_lead"]),
        (Method::GET, "/api/import-rejects?batch=1".into(), None, vec!["manager", "admin"]),
        (Method::GET, "/api/users".into(), None, vec!["admin"]),
        (Method::GET, "/api/audit?filter[action]=sign_in".into(), None, vec!["admin"]),
        (
            Method::POST,
            "/api/user-create".into(),
            Some(
                r#"{"form":{"email":"new@example.com","name":"New","role":"viewer","team_id":null}}"#.into(),
            ),
            vec!["admin"],
        ),
        (
            Method::POST,
            "/api/user-role".into(),
            Some(format!(r#"{{"user_id":{target},"role":"executive","team_id":null}}"#)),
            vec!["admin"],
        ),
        (
            Method::POST,
            "/api/user-reset-password".into(),
            Some(format!(r#"{{"user_id":{target}}}"#)),
            vec!["admin"],
        ),
        (
            Method::POST,
            "/api/user-active".into(),
            Some(format!(r#"{{"user_id":{target},"active":false}}"#)),
            vec!["admin"],
        ),
        (
            Method::POST,
            "/api/governance-update".into(),
            Some(account_update(own_account)),
            vec!["team_lead", "manager", "admin"],
        ),
        (
            Method::POST,
            "/api/governance-update".into(),
            Some(account_update(other_account)),
            vec!["manager", "admin"],
        ),
    ];
    for role in roles {
        let cookie = app.sign_in_as(role).await;
        for (method, uri, body, allowed) in &cases {
            let writes_before = count(&app, "SELECT COUNT(*) FROM audit_log").await;
            let answer = app.call(method.clone(), uri, body.as_deref(), Some(&cookie)).await;
            let writes = count(&app, "SELECT COUNT(*) FROM audit_log").await - writes_before;
            if allowed.contains(&role) {
                assert!(answer.status.is_success(), "{role} {uri}: {} {}", answer.status, answer.text());
                // every write is traceable: exactly one audit entry per successful change
                assert_eq!(writes, i64::from(*method == Method::POST), "{role} {uri}");
            } else {
                assert_eq!(answer.status, StatusCode::FORBIDDEN, "{role} {uri}: {}", answer.text());
                assert!(matches!(answer.json::<ApiError>(), ApiError::Forbidden(_)), "{role} {uri}");
                assert_eq!(writes, 0, "{role} {uri}: a refused call writes nothing");
            }
        }
        // every role may change its own password: with a wrong current password that is a 400, not a 403
        let answer = app
            .post(
                "/api/change-password",
                r#"{"current":"not it","new":"a brand new passphrase"}"#,
                Some(&cookie),
            )
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{role}: {}", answer.text());
        // the setup adds only what is new, so each role sends a brand of its own
        let body = format!(r#"{{"file":{{"brands":[{{"name":"Matrix {role}","keywords":["matrix"]}}]}}}}"#);
        let writes_before = count(&app, "SELECT COUNT(*) FROM audit_log").await;
        let answer = app.call(Method::POST, "/api/setup-apply", Some(&body), Some(&cookie)).await;
        let writes = count(&app, "SELECT COUNT(*) FROM audit_log").await - writes_before;
        if ["manager", "admin"].contains(&role) {
            assert!(answer.status.is_success(), "{role}: {} {}", answer.status, answer.text());
            assert_eq!(writes, 1, "{role}: one audit entry");
        } else {
            assert_eq!(answer.status, StatusCode::FORBIDDEN, "{role}: {}", answer.text());
            assert_eq!(writes, 0, "{role}: nothing written");
        }
        // markets, teams, people and the settings are the admin's
        let market = r#"{"file":{"markets":[{"code":"ZZ","name":"Matrix","time_zone":"UTC"}]}}"#;
        let answer = app.call(Method::POST, "/api/setup-save", Some(market), Some(&cookie)).await;
        let expected = if role == "admin" { StatusCode::OK } else { StatusCode::FORBIDDEN };
        assert_eq!(answer.status, expected, "{role}: {}", answer.text());
        // removing: brands are the managers' and admins' (this one does not exist: 404)
        let brand = r#"{"key":{"Brand":"No such brand"}}"#;
        let answer = app.call(Method::POST, "/api/setup-remove", Some(brand), Some(&cookie)).await;
        let expected =
            if ["manager", "admin"].contains(&role) { StatusCode::NOT_FOUND } else { StatusCode::FORBIDDEN };
        assert_eq!(answer.status, expected, "{role}: {}", answer.text());
    }
    // the admin's changes happened
    let user = app.db.store.user(target).await.expect("user").expect("exists");
    assert_eq!((user.role, user.active, user.must_change_password), (Role::Executive, false, true));
    assert!(app.db.store.user_by_email("new@example.com").await.expect("lookup").is_some());
    let events = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM account_events WHERE account_id = {own_account} AND reason = 'matrix'"
        ),
    )
    .await;
    assert!(events >= 1, "ownership history written");
}

#[tokio::test]
async fn sign_in_sessions_and_sign_out() {
    let app = app().await;
    let (email, password) = demo_login("manager");
    // wrong password: a clear message, a 401, an audit entry
    let answer = app
        .post("/api/sign-in", &serde_json::json!({"email": email, "password": "wrong"}).to_string(), None)
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.json::<ApiError>().to_string(), "The email or password is not right.");
    assert!(answer.headers.get(header::SET_COOKIE).is_none());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.failed'").await, 1);
    // the same message for an unknown email
    let answer = app
        .post("/api/sign-in", r#"{"email":"nobody@example.com","password":"whatever you like"}"#, None)
        .await;
    assert_eq!(answer.json::<ApiError>().to_string(), "The email or password is not right.");

    let answer = app
        .post(
            "/api/sign-in",
            &serde_json::json!({"email": email.to_uppercase(), "password": password}).to_string(),
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let set_cookie =
        answer.headers.get(header::SET_COOKIE).expect("cookie").to_str().expect("ascii").to_string();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain HTTP: no Secure flag");
    let cookie = set_cookie.split(';').next().expect("pair").to_string();
    let me: CurrentUser = app.get("/api/me", Some(&cookie)).await.json();
    assert_eq!((me.email.as_str(), me.role), (email, Role::Manager));
    // the database keeps only the token's hash
    let token = cookie.split_once('=').expect("pair").1;
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM sessions WHERE token_hash = '{token}'")).await, 0);

    // sign out ends the session for good
    let answer = app.post("/api/sign-out", "{}", Some(&cookie)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert!(answer
        .headers
        .get(header::SET_COOKIE)
        .expect("cleared")
        .to_str()
        .expect("ascii")
        .contains("Max-Age=0"));
    assert_eq!(app.get("/api/me", Some(&cookie)).await.status, StatusCode::UNAUTHORIZED);
    let actions = app.db.store.audit_actions().await.expect("actions");
    for action in ["sign_in", "sign_in.failed", "sign_out"] {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
}

#[tokio::test]
async fn sessions_expire_when_idle_and_at_their_absolute_end() {
    let app = app().await;
    let raw = common::raw(&app.db).await;
    let idle = app.sign_in_as("viewer").await;
    let config = resonance::server::auth::AuthConfig::default();
    raw.execute(&format!("UPDATE sessions SET last_seen_at = last_seen_at - {}", config.idle_secs + 1))
        .await
        .expect("age the session");
    assert_eq!(app.get("/api/me", Some(&idle)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0, "the expired session is deleted");

    let busy = app.sign_in_as("viewer").await;
    raw.execute("UPDATE sessions SET expires_at = created_at").await.expect("end the session");
    assert_eq!(app.get("/api/me", Some(&busy)).await.status, StatusCode::UNAUTHORIZED);

    // a deactivated user's sessions end at once
    let admin = app.sign_in_as("admin").await;
    let viewer = app.sign_in_as("viewer").await;
    let me: CurrentUser = app.get("/api/me", Some(&viewer)).await.json();
    let answer = app
        .post("/api/user-active", &format!(r#"{{"user_id":{},"active":false}}"#, me.id), Some(&admin))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(app.get("/api/me", Some(&viewer)).await.status, StatusCode::UNAUTHORIZED);
    let (email, password) = demo_login("viewer");
    let answer = app
        .post("/api/sign-in", &serde_json::json!({"email": email, "password": password}).to_string(), None)
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "deactivated users cannot sign in");
}

#[tokio::test]
async fn repeated_failures_lock_the_account() {
    let app = app().await;
    let (email, password) = demo_login("executive");
    let wrong = serde_json::json!({"email": email, "password": "guess guess guess"}).to_string();
    for _ in 0..resonance::server::auth::ACCOUNT_FAILURE_LIMIT {
        assert_eq!(app.post("/api/sign-in", &wrong, None).await.status, StatusCode::UNAUTHORIZED);
    }
    let right = serde_json::json!({"email": email, "password": password}).to_string();
    let answer = app.post("/api/sign-in", &right, None).await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS, "{}", answer.text());
    assert!(answer.json::<ApiError>().to_string().contains("Too many failed sign-ins for this account"));
    // other accounts are not locked by it
    app.sign_in_as("viewer").await;
}

#[tokio::test]
async fn one_time_passwords_must_be_replaced_first() {
    let app = app().await;
    let admin = app.sign_in_as("admin").await;
    let otp: OneTimePassword = app
        .post(
            "/api/user-create",
            r#"{"form":{"email":"Lead.FR@Example.com","name":"Fran","role":"team_lead","team_id":3}}"#,
            Some(&admin),
        )
        .await
        .json();
    assert_eq!(otp.email, "lead.fr@example.com");
    let cookie = app.sign_in(&otp.email, &otp.password).await;
    let me: CurrentUser = app.get("/api/me", Some(&cookie)).await.json();
    assert!(me.must_change_password);
    let answer = app.get("/api/overview?filter[preset]=30d", Some(&cookie)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.text());
    let short = app
        .post(
            "/api/change-password",
            &serde_json::json!({"current": otp.password, "new": "short"}).to_string(),
            Some(&cookie),
        )
        .await;
    assert!(short.json::<ApiError>().to_string().contains("at least 12"));
    let body = serde_json::json!({"current": otp.password, "new": "my own long passphrase"}).to_string();
    let answer = app.post("/api/change-password", &body, Some(&cookie)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(app.get("/api/overview?filter[preset]=30d", Some(&cookie)).await.status, StatusCode::OK);
    app.sign_in(&otp.email, "my own long passphrase").await;
}

#[tokio::test]
async fn cross_site_requests_are_refused_and_write_nothing() {
    let app = app().await;
    let admin = app.sign_in_as("admin").await;
    let users_before = count(&app, "SELECT COUNT(*) FROM users").await;
    let body = r#"{"form":{"email":"evil@example.com","name":"Evil","role":"admin","team_id":null}}"#;
    let cases: [&[(&str, &str)]; 3] = [
        &[("origin", "https://evil.example"), ("content-type", "application/json")],
        &[("content-type", "application/json")],
        &[
            ("sec-fetch-site", "cross-site"),
            ("x-resonance-client", "1"),
            ("content-type", "application/json"),
        ],
    ];
    for extra in cases {
        let mut headers = vec![("host", "resonance.test"), ("cookie", admin.as_str())];
        headers.extend_from_slice(extra);
        let answer = app.raw(Method::POST, "/api/user-create", Some(body), &headers).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{extra:?}: {}", answer.text());
        assert!(matches!(answer.json::<ApiError>(), ApiError::Forbidden(_)));
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, users_before);
    // the same request from the app's own origin works
    assert_eq!(app.post("/api/user-create", body, Some(&admin)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let app = app().await;
    for uri in ["/", "/accounts", "/app.js", "/healthz", "/api/me"] {
        let answer = app.get(uri, None).await;
        let h = |name: &str| {
            answer.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
        };
        let csp = h("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"), "{uri}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert!(csp.contains("'sha256-"), "{uri}: the inline start script is allowed by hash: {csp}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(h("referrer-policy"), "same-origin", "{uri}");
    }
}

#[tokio::test]
async fn bad_input_gets_a_clear_error_and_writes_nothing() {
    let app = app().await;
    let admin = app.sign_in_as("admin").await;
    let before = (
        count(&app, "SELECT COUNT(*) FROM users").await,
        count(&app, "SELECT COUNT(*) FROM audit_log").await,
    );
    let long = "x".repeat(10_000);
    let posts = [
        "/api/user-create",
        "/api/user-role",
        "/api/user-active",
        "/api/user-reset-password",
        "/api/governance-update",
        "/api/governance-handover",
        "/api/governance-rules",
        "/api/governance-round",
        "/api/governance-register",
        "/api/governance-dismiss",
        "/api/mention-sentiment",
        "/api/change-password",
        "/api/setup-apply",
        "/api/setup-save",
        "/api/setup-remove",
    ];
    for path in posts {
        for body in ["{not json", "[]", r#"{"user_id":"seven","form":3,"update":"x","current":1}"#, ""] {
            let answer = app.post(path, body, Some(&admin)).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path} {body:?}: {}", answer.text());
            assert!(matches!(answer.json::<ApiError>(), ApiError::Invalid(_)), "{path}: {}", answer.text());
        }
    }
    let over_long = [
        (
            "/api/user-create",
            serde_json::json!({"form": {"email": format!("{long}@x.io"), "name": "N", "role": "viewer", "team_id": null}}),
        ),
        (
            "/api/user-create",
            serde_json::json!({"form": {"email": "ok@x.io", "name": long, "role": "viewer", "team_id": null}}),
        ),
        (
            "/api/user-create",
            serde_json::json!({"form": {"email": "ok@x.io", "name": "N", "role": "root", "team_id": null}}),
        ),
        (
            "/api/user-create",
            serde_json::json!({"form": {"email": "ok@x.io", "name": "N", "role": "team_lead", "team_id": 999}}),
        ),
        (
            "/api/governance-update",
            serde_json::json!({"form": format!("account=1&status=official&reason={long}")}),
        ),
        ("/api/governance-update", serde_json::json!({"form": "account=1&owner=999999&status=official"})),
        ("/api/governance-update", serde_json::json!({"form": "account=1&owner=seven&status=official"})),
        ("/api/governance-update", serde_json::json!({"form": "account=1&status=gone"})),
        ("/api/governance-handover", serde_json::json!({"form": "person=1&left_on=yesterday&reason=x"})),
        ("/api/governance-handover", serde_json::json!({"form": "person=1&left_on=2026-11-30&reason="})),
        (
            "/api/governance-handover",
            serde_json::json!({"form": "person=1&left_on=2026-11-30&reason=x&1.owner=999999"}),
        ),
        ("/api/governance-rules", serde_json::json!({"form": "dormant_days=0&review_days=180"})),
        ("/api/governance-rules", serde_json::json!({"form": "dormant_days=90"})),
        ("/api/governance-round", serde_json::json!({"form": "name=&due_on=2099-01-01"})),
        ("/api/governance-round", serde_json::json!({"form": "name=Late&due_on=2001-01-01"})),
        ("/api/governance-register", serde_json::json!({"form": "platform=myspace&handle=x"})),
        ("/api/governance-register", serde_json::json!({"form": "platform=x&handle=nobody_at_all"})),
        ("/api/governance-dismiss", serde_json::json!({"form": "platform=x&handle="})),
        (
            "/api/mention-sentiment",
            serde_json::json!({"change": {"mention_id": 999_999_999, "sentiment": "Positive"}}),
        ),
        ("/api/mention-sentiment", serde_json::json!({"change": {"mention_id": 1, "sentiment": "ecstatic"}})),
        ("/api/change-password", serde_json::json!({"current": "demo-admin-pass", "new": long})),
        ("/api/setup-apply", serde_json::json!({"file": {"brands": [{"name": long, "colour": long}]}})),
        (
            "/api/setup-apply",
            serde_json::json!({"file": {"accounts": [{"platform": long, "handle": "ok", "brand": "Voltaro"}]}}),
        ),
        (
            "/api/setup-apply",
            serde_json::json!({"file": {"brands": [{"name": "Voltaro", "keywords": ["voltaro"]}]}}),
        ),
        ("/api/sign-in", serde_json::json!({"email": long, "password": "x"})),
        (
            "/api/campaign-save",
            serde_json::json!({"campaign": {"id": 999_999, "brand": "Voltaro", "markets": []}}),
        ),
        (
            "/api/campaign-save",
            serde_json::json!({"campaign": {"brand": "Voltaro", "name": long, "objective": "awareness",
            "start_on": "2026-02-01", "end_on": "2026-01-01", "spend": long, "currency": long, "terms": long,
            "markets": [{"market": "DE", "launch_on": "", "leads": "", "sales": "", "revenue": ""}]}}),
        ),
        (
            "/api/campaign-save",
            serde_json::json!({"campaign": {"brand": "Voltaro", "name": "Bad", "objective": "awareness",
            "start_on": "2026-01-01", "end_on": "2026-02-01", "spend": "", "currency": "", "terms": "#two words",
            "markets": [{"market": "ZZ", "launch_on": "x", "leads": "1.5", "sales": "", "revenue": ""}]}}),
        ),
        (
            "/api/campaign-save",
            serde_json::json!({"campaign": {"brand": "Voltaro", "name": "Spring Ride",
            "objective": "awareness", "start_on": "2026-02-01", "end_on": "2026-03-01", "spend": "", "currency": "",
            "terms": "", "markets": [{"market": "DE", "launch_on": "", "leads": "", "sales": "", "revenue": ""}]}}),
        ),
        ("/api/campaign-save", serde_json::json!({"campaign": {"brand": 7, "markets": "DE"}})),
    ];
    for (path, body) in over_long {
        let answer = app.post(path, &body.to_string(), Some(&admin)).await;
        assert!(answer.status.is_client_error(), "{path}: {} {}", answer.status, answer.text());
        let message = answer.json::<ApiError>().to_string();
        // one line per problem (a form names each), each short: the value typed is not echoed whole
        let lines_short = message.lines().all(|l| l.len() < 400) && message.lines().count() <= 12;
        assert!(!message.is_empty() && lines_short, "{path}: {message}");
    }
    // a comparison of campaigns that do not exist, too few or too many, twice the same, or ids
    // that are not ids
    for query in
        ["", "?ids=", "?ids=1", "?ids=1,1", "?ids=1,abc", "?ids=1,2,3,4,5,6,7", "?ids=1,999999", "?ids=-3,2"]
    {
        let uri = format!("/api/campaign-compare{query}");
        let answer = app.call(Method::GET, &uri, None, Some(&admin)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}: {}", answer.text());
        let message = answer.json::<ApiError>().to_string();
        assert!(!message.is_empty() && message.len() < 400, "{uri}: {message}");
    }
    // a body beyond the limit is refused before it is read
    let huge = format!(r#"{{"email":"{}","password":"x"}}"#, "a".repeat(200_000));
    assert_eq!(app.post("/api/sign-in", &huge, None).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    let after = (
        count(&app, "SELECT COUNT(*) FROM users").await,
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action <> 'sign_in.failed'").await,
    );
    assert_eq!(after.0, before.0, "no user written");
    assert_eq!(after.1, before.1, "no change written");
}

#[tokio::test]
async fn admins_see_users_and_a_filtered_audit_log() {
    let app = app().await;
    let admin = app.sign_in_as("admin").await;
    let directory: UserDirectory = app.get("/api/users", Some(&admin)).await.json();
    assert_eq!(directory.users.len(), 5);
    assert!(directory.users.iter().all(|u| u.is_demo));
    let lead = directory.users.iter().find(|u| u.role == Role::TeamLead).expect("lead");
    assert_eq!(lead.team.as_deref(), Some("Germany Team"));
    // the admin cannot lock themselves out
    let me: CurrentUser = app.get("/api/me", Some(&admin)).await.json();
    let answer = app
        .post("/api/user-active", &format!(r#"{{"user_id":{},"active":false}}"#, me.id), Some(&admin))
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let page: AuditPage = app.get("/api/audit?filter[action]=sign_in", Some(&admin)).await.json();
    assert!(!page.entries.is_empty() && page.entries.iter().all(|e| e.action == "sign_in"));
    assert!(page.actions.contains(&"demo.generated".to_string()));
    let page: AuditPage =
        app.get(&format!("/api/audit?filter[user_id]={}", me.id), Some(&admin)).await.json();
    assert!(page.entries.iter().all(|e| e.user_id == Some(me.id)));
    let page: AuditPage =
        app.get("/api/audit?filter[from]=2001-01-01&filter[to]=2001-01-02", Some(&admin)).await.json();
    assert!(page.entries.is_empty());
    // team leads see every account but may edit only their own team's
    let lead_cookie = app.sign_in_as("team_lead").await;
    for account in app.db.store.registry(chrono::NaiveDate::MAX).await.expect("accounts") {
        let uri = format!("/api/governance?query=%3Faccount%3D{}", account.id);
        let html: String = app.get(&uri, Some(&lead_cookie)).await.json();
        assert!(html.contains(&format!("@{}", account.handle)), "{uri}");
        let editable = html.contains("data-testid=\"account-save\">");
        assert_eq!(editable, account.team.as_deref() == Some("Germany Team"), "{}", account.handle);
    }
}

#[tokio::test]
async fn first_start_creates_an_admin_and_demo_passwords_block_production() {
    use resonance::server::cli::prepare_accounts;
    let empty = common::empty_db(&common::Backend::Sqlite).await;
    prepare_accounts(&empty.store).await.expect("first start");
    let users = empty.store.users().await.expect("users");
    assert_eq!(users.len(), 1);
    assert!(users[0].role == Role::Admin && users[0].must_change_password && !users[0].is_demo);
    prepare_accounts(&empty.store).await.expect("second start creates nobody");
    assert_eq!(empty.store.count_users().await.expect("count"), 1);

    let app = app().await;
    prepare_accounts(&app.db.store).await.expect("a demo database may keep demo passwords");
    app.db.store.set_setting("demo", "false").await.expect("no longer a demo");
    let err = prepare_accounts(&app.db.store).await.expect_err("refused").to_string();
    assert!(err.contains("demo passwords") && err.contains("admin@demo.resonance"), "{err}");
}

#[tokio::test]
async fn the_user_command_line() {
    use clap::Parser;
    use resonance::server::cli::{run, Cli};
    let db = common::empty_db(&common::Backend::Sqlite).await;
    let cli = |args: &[&str]| {
        let mut all = vec!["resonance", "user", "--database", db.url.as_str()];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).expect("arguments")
    };
    run(cli(&["add", "--email", "ana@example.com", "--name", "Ana", "--role", "manager"]))
        .await
        .expect("add");
    assert!(Cli::try_parse_from([
        "resonance",
        "user",
        "add",
        "--email",
        "a@b.c",
        "--name",
        "A",
        "--role",
        "root"
    ])
    .is_err());
    run(cli(&["set-role", "ana@example.com", "viewer"])).await.expect("set-role");
    run(cli(&["reset-password", "ana@example.com"])).await.expect("reset");
    let err = run(cli(&["set-role", "ana@example.com", "team_lead"])).await.expect_err("lead needs a team");
    assert!(err.to_string().contains("needs a team"), "{err}");
    run(cli(&["deactivate", "ana@example.com"])).await.expect("deactivate");
    run(cli(&["list"])).await.expect("list");
    let ana = db.store.user_by_email("ana@example.com").await.expect("lookup").expect("ana");
    assert_eq!((ana.role, ana.active, ana.must_change_password), (Role::Viewer, false, true));
    let actions = db.store.audit_actions().await.expect("actions");
    for action in ["user.created", "user.role_changed", "user.password_reset", "user.deactivated"] {
        assert!(actions.iter().any(|a| a == action), "{action}");
    }
}

/// Uploads a fixture as the import page does; returns the answer.
async fn upload(app: &App, file: &str, query: &str, headers: &[(&str, &str)]) -> common::http::Answer {
    let bytes = std::fs::read(format!("{}/tests/fixtures/import/{file}", env!("CARGO_MANIFEST_DIR")))
        .expect("fixture");
    let body = String::from_utf8_lossy(&bytes).into_owned();
    let mut all = vec![
        ("host", "resonance.test"),
        ("x-resonance-client", "1"),
        ("content-type", "application/octet-stream"),
    ];
    all.extend_from_slice(headers);
    app.raw(Method::POST, &format!("/api/import-upload?name={file}{query}"), Some(&body), &all).await
}

/// Follows an import job until it ends.
async fn finished(app: &App, job: u64, cookie: &str) -> ImportJobState {
    for _ in 0..600 {
        let answer = app.get(&format!("/api/import-status?job={job}"), Some(cookie)).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
        match answer.json::<ImportJobState>() {
            ImportJobState::Running { .. } => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            done => return done,
        }
    }
    panic!("import {job} did not end");
}

#[tokio::test]
async fn the_import_page_uploads_follows_and_downloads_rejects() {
    let app = app().await;
    let manager = app.sign_in_as("manager").await;
    let viewer = app.sign_in_as("viewer").await;
    let mentions = count(&app, "SELECT COUNT(*) FROM mentions").await;

    // who may upload: a signed-in manager or admin, from the app's own origin
    let refused: [(&[(&str, &str)], StatusCode); 3] = [
        (&[], StatusCode::UNAUTHORIZED),
        (&[("cookie", viewer.as_str())], StatusCode::FORBIDDEN),
        (&[("cookie", manager.as_str()), ("origin", "https://evil.example")], StatusCode::FORBIDDEN),
    ];
    for (headers, status) in refused {
        let answer = upload(&app, "generic_mentions.csv", "", headers).await;
        assert_eq!(answer.status, status, "{headers:?}: {}", answer.text());
    }
    assert_eq!(app.get("/api/import-rejects?batch=1", Some(&viewer)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/import-rejects?batch=1", None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentions").await, mentions, "refused uploads write nothing");

    // a manager's upload: accepted, followed to its end, listed, its rejects downloadable
    let answer = upload(&app, "generic_mentions.csv", "", &[("cookie", manager.as_str())]).await;
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.text());
    let job = answer.json::<UploadAccepted>().job;
    let ImportJobState::Done { batch, same_file_as } = finished(&app, job, &manager).await else {
        panic!("the import failed")
    };
    assert_eq!((batch.rows_read, batch.inserted, batch.updated, batch.rejected), (10, 5, 1, 4));
    assert_eq!(
        (batch.file_name.as_str(), batch.format.as_str(), same_file_as),
        ("generic_mentions.csv", "generic-mentions", None)
    );
    assert_eq!(batch.user.as_deref(), Some(demo_login("manager").0));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentions").await, mentions + 5);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'import'").await, 1);
    let listed = app.get("/api/imports", Some(&manager)).await.json::<Vec<ImportBatchView>>();
    assert_eq!(listed.first().map(|b| b.id), Some(batch.id));
    let csv = app.get(&format!("/api/import-rejects?batch={}", batch.id), Some(&manager)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_DISPOSITION].to_str().expect("ascii").contains("rejects-batch-"));
    let text = csv.text();
    assert_eq!(text.lines().count(), 5, "{text}");
    assert!(
        text.starts_with("line,column,reason,row\n6,published_at,\"\"\"not a date\"\" is not a date"),
        "{text}"
    );

    // the same file again: nothing added, the earlier batch named
    let job = upload(&app, "generic_mentions.csv", "", &[("cookie", manager.as_str())])
        .await
        .json::<UploadAccepted>()
        .job;
    let ImportJobState::Done { batch: again, same_file_as } = finished(&app, job, &manager).await else {
        panic!("failed")
    };
    assert_eq!((again.inserted, same_file_as), (0, Some(batch.id)));
    // a file of the wrong kind: the job says why, nothing is written
    let job = upload(&app, "not_mentions.csv", "", &[("cookie", manager.as_str())])
        .await
        .json::<UploadAccepted>()
        .job;
    let ImportJobState::Failed { message } = finished(&app, job, &manager).await else { panic!("accepted") };
    assert!(message.contains("no known header") && message.contains("nothing was imported"), "{message}");
    // an unknown account is refused before anything is read
    let job = upload(&app, "meta_facebook_posts.csv", "&account=nobody", &[("cookie", manager.as_str())])
        .await
        .json::<UploadAccepted>()
        .job;
    let ImportJobState::Failed { message } = finished(&app, job, &manager).await else { panic!("accepted") };
    assert!(message.contains("there is no account \"nobody\""), "{message}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentions").await, mentions + 5);
    let unknown = app.get("/api/import-status?job=999", Some(&manager)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // uploads leave no temporary files behind
    let incoming = std::fs::read_dir(app.raw_dir.path().join("incoming")).expect("incoming").count();
    assert_eq!(incoming, 0);
}

#[tokio::test]
async fn uploads_over_the_limit_or_empty_are_refused() {
    let app = common::http::app_with(|state| state.import.max_upload_bytes = 100).await;
    let admin = app.sign_in_as("admin").await;
    let answer = upload(&app, "generic_mentions.csv", "", &[("cookie", admin.as_str())]).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", answer.text());
    assert!(answer.text().contains("larger than"), "{}", answer.text());
    let answer = upload(&app, "empty.csv", "", &[("cookie", admin.as_str())]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM import_batches").await, 0);
}
