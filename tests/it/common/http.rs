//! The real router over a fresh demo database, called without a network.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use resonance::server::http::router;
use resonance::server::state::AppState;
use tower::ServiceExt;

use super::{demo_db, Backend, TestDb};

pub struct App {
    pub router: axum::Router,
    pub db: TestDb,
    _dist: tempfile::TempDir,
    /// Where imports keep raw files.
    pub raw_dir: tempfile::TempDir,
}

/// The answer to a request.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

/// The demo passwords of the demo users, by role token.
pub fn demo_login(role: &str) -> (&'static str, &'static str) {
    let (email, _, _, _, password) = resonance::features::users::service::DEMO_USERS
        .into_iter()
        .find(|u| u.2.token() == role)
        .unwrap_or_else(|| panic!("no demo user for {role}"));
    (email, password)
}

pub async fn app() -> App {
    app_with(|_| {}).await
}

/// The app with its state changed by `change` first (e.g. a smaller upload limit).
pub async fn app_with(change: impl FnOnce(&mut AppState)) -> App {
    let db = demo_db(&Backend::Sqlite, 3_000, 5).await;
    let dist = tempfile::tempdir().expect("dist");
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>Resonance</title><script type=\"module\">import init from '/app.js';</script>",
    )
    .expect("index");
    std::fs::write(dist.path().join("app.js"), "console.log('plain')").expect("js");
    std::fs::write(dist.path().join("app.js.gz"), b"\x1f\x8bprecompressed").expect("gz");
    let raw_dir = tempfile::tempdir().expect("raw dir");
    let mut state = AppState::new(db.store.clone());
    state.import.raw_dir = raw_dir.path().to_path_buf();
    change(&mut state);
    let router = router(state, dist.path());
    App { router, db, _dist: dist, raw_dir }
}

impl App {
    /// A request as the Resonance app sends it (same origin), with `cookie` when given.
    pub async fn call(&self, method: Method, uri: &str, body: Option<&str>, cookie: Option<&str>) -> Answer {
        let mut headers = vec![("host", "resonance.test")];
        if method != Method::GET {
            headers.push(("origin", "http://resonance.test"));
            headers.push(("content-type", "application/json"));
        }
        let length = body.map(|b| b.len().to_string());
        if let Some(length) = &length {
            headers.push(("content-length", length.as_str()));
        }
        let cookie_header = cookie.map(|c| c.to_string());
        if let Some(c) = &cookie_header {
            headers.push(("cookie", c.as_str()));
        }
        self.raw(method, uri, body, &headers).await
    }

    /// A request with exactly these headers.
    pub async fn raw(
        &self,
        method: Method,
        uri: &str,
        body: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut req = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        let res = self.router.clone().oneshot(req.body(body).expect("request")).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.expect("body").to_bytes().to_vec();
        Answer { status, headers, body }
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> Answer {
        self.call(Method::GET, uri, None, cookie).await
    }

    pub async fn post(&self, uri: &str, body: &str, cookie: Option<&str>) -> Answer {
        self.call(Method::POST, uri, Some(body), cookie).await
    }

    /// Signs in; returns the `Cookie` header value of the new session.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let body = serde_json::json!({ "email": email, "password": password }).to_string();
        let answer = self.post("/api/sign-in", &body, None).await;
        assert_eq!(answer.status, StatusCode::OK, "sign-in as {email}: {}", answer.text());
        let set_cookie = answer.headers.get(header::SET_COOKIE).expect("Set-Cookie").to_str().expect("ascii");
        set_cookie.split(';').next().expect("cookie pair").to_string()
    }

    /// Signs in as the demo user of `role`.
    pub async fn sign_in_as(&self, role: &str) -> String {
        let (email, password) = demo_login(role);
        self.sign_in(email, password).await
    }
}
