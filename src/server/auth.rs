//! Sign-in, sessions and the check every server function makes before it does any work.
//!
//! - Passwords: argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes), PHC strings.
//! - Sessions: a random 256-bit token in an HttpOnly, SameSite=Strict cookie (Secure over TLS);
//!   the database keeps only its SHA-256, with idle and absolute expiry.
//! - Failed sign-ins are counted per account and per address; past the limit the account or
//!   address is locked for the rest of the window.
//! - `authorize` reads the caller the HTTP layer identified and checks the role (`crate::auth`).

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::http::{header, HeaderMap, Method, StatusCode};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::auth::{limits, Action, CurrentUser};
use crate::error::ApiError;
use crate::server::store::{Audit, DynStore, SessionRecord, StoreResult, UserRecord};

/// The session cookie's name.
pub const COOKIE: &str = "resonance_session";

/// Failed sign-ins that lock an account, and an address, for the rest of the window.
pub const ACCOUNT_FAILURE_LIMIT: i64 = 5;
pub const ADDRESS_FAILURE_LIMIT: i64 = 20;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;

/// Session lifetimes and how requests are read.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// A session unused this long ends.
    pub idle_secs: i64,
    /// A session ends this long after sign-in, however busy.
    pub absolute_secs: i64,
    /// Behind a reverse proxy: take the client address from `X-Forwarded-For` and TLS from
    /// `X-Forwarded-Proto`.
    pub trust_proxy: bool,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig { idle_secs: 60 * 60, absolute_secs: 12 * 60 * 60, trust_proxy: false }
    }
}

/// What the HTTP layer reads off a request for sign-in, sessions and the audit log.
#[derive(Debug, Clone, Default)]
pub struct RequestInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Served over TLS (directly or, with `trust_proxy`, as the proxy reports).
    pub https: bool,
    /// The session token from the cookie.
    pub token: Option<String>,
}

impl RequestInfo {
    pub fn read(
        headers: &HeaderMap,
        peer: Option<std::net::SocketAddr>,
        https: bool,
        config: &AuthConfig,
    ) -> Self {
        let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        let forwarded = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let ip = match forwarded("x-forwarded-for").filter(|_| config.trust_proxy) {
            Some(list) => list.split(',').next().map(|s| s.trim().to_string()),
            None => peer.map(|p| p.ip().to_string()),
        };
        let https = https || (config.trust_proxy && forwarded("x-forwarded-proto") == Some("https"));
        let token = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == COOKIE)
            .map(|(_, value)| value.to_string())
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()));
        RequestInfo {
            ip,
            user_agent: text(header::USER_AGENT).map(|s| s.chars().take(300).collect()),
            https,
            token,
        }
    }
}

/// The caller of a server function: who (if anyone) and from where.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    pub user: Option<UserRecord>,
    /// The hash of the caller's session token.
    pub session: Option<String>,
    pub info: RequestInfo,
}

/// A caller who passed `authorize`.
#[derive(Debug, Clone)]
pub struct Authorized {
    pub user: UserRecord,
    pub session: String,
    pub info: RequestInfo,
}

impl Authorized {
    /// An audit entry for a change this caller makes now.
    pub fn audit(&self, action: &str) -> Audit {
        Audit::new(now(), Some(self.user.id), action, self.info.ip.clone())
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Sets the response status of the current server function call.
pub fn set_status(status: StatusCode) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

/// Fails with `status` and `err`.
pub fn refuse<T>(status: StatusCode, err: ApiError) -> Result<T, ApiError> {
    set_status(status);
    Err(err)
}

/// The check every server function makes first: a signed-in caller whose role allows `action`.
/// 401 without a session, 403 when the role does not allow it (or a new password is due).
pub fn authorize(action: Action) -> Result<Authorized, ApiError> {
    let caller = leptos::prelude::use_context::<Caller>().unwrap_or_default();
    authorize_caller(caller, action).or_else(|(status, error)| refuse(status, error))
}

/// `authorize` for a caller at hand (plain HTTP routes): the status and error of a refusal.
pub fn authorize_caller(caller: Caller, action: Action) -> Result<Authorized, (StatusCode, ApiError)> {
    let (Some(user), Some(session)) = (caller.user, caller.session) else {
        return Err((StatusCode::UNAUTHORIZED, ApiError::Unauthenticated));
    };
    if user.must_change_password && action != Action::OwnAccount {
        return Err((
            StatusCode::FORBIDDEN,
            ApiError::Forbidden("Choose your own password before you go on.".into()),
        ));
    }
    if !user.role.may(action) {
        return Err((
            StatusCode::FORBIDDEN,
            ApiError::Forbidden(format!("Your role ({}) does not allow this.", user.role.label())),
        ));
    }
    Ok(Authorized { user, session, info: caller.info })
}

/// A refusal of a plain HTTP route: its status and the error as JSON.
pub fn refusal(status: StatusCode, error: ApiError) -> axum::response::Response {
    use axum::response::IntoResponse;
    (status, axum::Json(error)).into_response()
}

/// The caller of a plain HTTP route (a download, an upload), checked like a server function's:
/// same origin, a session, a role that may `action`.
pub async fn authorize_route(
    state: &crate::server::state::AppState,
    req: &axum::http::request::Parts,
    action: Action,
) -> Result<Authorized, axum::response::Response> {
    if let Err(reason) = same_origin(&req.method, &req.headers) {
        return Err(refusal(StatusCode::FORBIDDEN, ApiError::Forbidden(reason)));
    }
    let peer = req.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0);
    let info = RequestInfo::read(&req.headers, peer, false, &state.auth);
    let caller = identify(&state.store, &state.auth, info)
        .await
        .map_err(|e| refusal(StatusCode::INTERNAL_SERVER_ERROR, ApiError::from(e)))?;
    authorize_caller(caller, action).map_err(|(status, error)| refusal(status, error))
}

/// Looks up the session of a request. Expired sessions (idle or absolute) are ended; sessions
/// of deactivated users count as none. Touches the session at most once a minute.
pub async fn identify(store: &DynStore, config: &AuthConfig, info: RequestInfo) -> StoreResult<Caller> {
    let Some(token) = &info.token else { return Ok(Caller { info, ..Caller::default() }) };
    let hash = token_hash(token);
    let Some((session, user)) = store.session(&hash).await? else {
        return Ok(Caller { info, ..Caller::default() });
    };
    let now = now();
    if now >= session.expires_at || now - session.last_seen_at >= config.idle_secs || !user.active {
        store.end_session(&hash, None).await?;
        return Ok(Caller { info, ..Caller::default() });
    }
    if now - session.last_seen_at >= 60 {
        store.touch_session(&hash, now).await?;
    }
    Ok(Caller { user: Some(user), session: Some(hash), info })
}

/// Why a sign-in failed, as the user reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInRefusal {
    Invalid(String),
    WrongCredentials,
    Locked(String),
}

impl From<SignInRefusal> for (StatusCode, ApiError) {
    fn from(r: SignInRefusal) -> Self {
        match r {
            SignInRefusal::Invalid(msg) => (StatusCode::BAD_REQUEST, ApiError::Invalid(msg)),
            SignInRefusal::WrongCredentials => {
                (StatusCode::UNAUTHORIZED, ApiError::Invalid("The email or password is not right.".into()))
            }
            SignInRefusal::Locked(msg) => (StatusCode::TOO_MANY_REQUESTS, ApiError::TooManyAttempts(msg)),
        }
    }
}

/// Checks the credentials and starts a session. Returns the user and the new session's token.
pub async fn sign_in(
    store: &DynStore,
    config: &AuthConfig,
    email: &str,
    password: &str,
    info: &RequestInfo,
) -> Result<Result<(UserRecord, String), SignInRefusal>, crate::server::store::StoreError> {
    let email = email.trim().to_lowercase();
    if email.is_empty() || password.is_empty() {
        return Ok(Err(SignInRefusal::Invalid("Enter your email and password.".into())));
    }
    if email.len() > limits::EMAIL_MAX || password.len() > limits::PASSWORD_MAX {
        return Ok(Err(SignInRefusal::WrongCredentials));
    }
    let now = now();
    let account_key = format!("account:{email}");
    let address_key = format!("address:{}", info.ip.as_deref().unwrap_or("unknown"));
    let since = now - FAILURE_WINDOW_SECS;
    if store.failures_since(&account_key, since).await? >= ACCOUNT_FAILURE_LIMIT {
        return Ok(Err(SignInRefusal::Locked(format!(
            "Too many failed sign-ins for this account. Try again in {} minutes, or ask an admin to reset the password.",
            FAILURE_WINDOW_SECS / 60
        ))));
    }
    if store.failures_since(&address_key, since).await? >= ADDRESS_FAILURE_LIMIT {
        return Ok(Err(SignInRefusal::Locked(format!(
            "Too many failed sign-ins from this address. Try again in {} minutes.",
            FAILURE_WINDOW_SECS / 60
        ))));
    }
    let user = store.user_by_email(&email).await?;
    // Verify against a dummy hash when there is no such user, so timing does not tell.
    let verified =
        verify_password(password, user.as_ref().map_or_else(|| dummy_hash(), |u| u.password_hash.as_str()));
    let user = match user {
        Some(user) if verified && user.active => user,
        other => {
            let reason = match &other {
                None => "unknown email",
                Some(u) if !u.active => "deactivated",
                Some(_) => "wrong password",
            };
            let audit = Audit::new(now, other.as_ref().map(|u| u.id), "sign_in.failed", info.ip.clone())
                .detail(serde_json::json!({ "email": email, "reason": reason }));
            store.record_failure(&[account_key, address_key], audit).await?;
            return Ok(Err(SignInRefusal::WrongCredentials));
        }
    };
    let token = new_token();
    let session = SessionRecord {
        token_hash: token_hash(&token),
        user_id: user.id,
        created_at: now,
        last_seen_at: now,
        expires_at: now + config.absolute_secs,
        ip: info.ip.clone(),
        user_agent: info.user_agent.clone(),
    };
    let audit = Audit::new(now, Some(user.id), "sign_in", info.ip.clone()).target("user", user.id);
    store.create_session(&session, &account_key, audit).await?;
    store.purge_sessions(now, config.idle_secs).await?;
    Ok(Ok((user, token)))
}

/// The `Set-Cookie` value that carries a new session.
pub fn session_cookie(token: &str, config: &AuthConfig, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}", config.absolute_secs)
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn cleared_cookie(https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}

pub fn current_user(user: &UserRecord) -> CurrentUser {
    user.summary()
}

/// An argon2id hash of `password` as a PHC string.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    match Argon2::default().hash_password(password.as_bytes(), &salt) {
        Ok(hash) => hash.to_string(),
        // Only over-long salts or parameters fail; ours are the library's defaults.
        Err(e) => unreachable!("argon2 with default parameters failed: {e}"),
    }
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("resonance-timing-equaliser"))
}

/// The rules a new password must meet; `Err` says which it breaks.
pub fn check_new_password(password: &str, email: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < limits::PASSWORD_MIN {
        return Err(format!("Choose a password of at least {} characters.", limits::PASSWORD_MIN));
    }
    if password.len() > limits::PASSWORD_MAX {
        return Err(format!("A password can be at most {} characters long.", limits::PASSWORD_MAX));
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err("The password must not be your email address.".into());
    }
    Ok(())
}

/// A one-time password: 20 characters of an alphabet without look-alikes (100 bits), in groups.
pub fn generate_password() -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz23456789-";
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    let letters: Vec<char> = bytes.iter().map(|b| ALPHABET[(*b % 31) as usize] as char).collect();
    letters.chunks(5).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// A random 256-bit token, as hex (sessions, share links).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What the database keeps of a session token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Bytes as lower-case hex (tokens, hashes).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Refuses cross-site requests to server functions: a browser's `Sec-Fetch-Site` must not say
/// another site, an `Origin` must be this host, and a request that changes anything (not GET)
/// must carry either a matching `Origin` or the `X-Resonance-Client` header, which a page on
/// another site cannot send without a CORS preflight this server never grants.
pub fn same_origin(method: &Method, headers: &HeaderMap) -> Result<(), String> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if matches!(get("sec-fetch-site"), Some("cross-site" | "same-site")) {
        return Err("Requests from other sites are refused.".into());
    }
    let host = get("host");
    match get("origin") {
        Some(origin) => {
            let origin_host = origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/'));
            if origin_host.is_none() || origin_host != host {
                return Err("Requests from other origins are refused.".into());
            }
        }
        None if method != Method::GET && method != Method::HEAD && get("x-resonance-client").is_none() => {
            return Err("A request that changes data must come from the Resonance app.".into());
        }
        None => {}
    }
    Ok(())
}

/// The Content-Security-Policy for the built client: its own files, the WASM it compiles, the
/// inline start-up script Trunk writes into `index.html` (by hash) and nothing else.
pub fn content_security_policy(index_html: &str) -> String {
    use base64::Engine;
    let hashes: Vec<String> = inline_scripts(index_html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}{}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'",
        if hashes.is_empty() { "" } else { " " },
        hashes.join(" ")
    )
}

/// The contents of `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attrs, body) = rest.split_once('>')?;
        if attrs.contains("src=") {
            return None;
        }
        body.split_once("</script>").map(|(script, _)| script)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let hash = hash_password("correct horse battery");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn generated_passwords_are_long_and_different() {
        let (a, b) = (generate_password(), generate_password());
        assert_ne!(a, b);
        assert_eq!(a.len(), 23);
        assert!(check_new_password(&a, "x@y.z").is_ok());
    }

    #[test]
    fn new_passwords_follow_the_rules() {
        assert!(check_new_password("short", "a@b.c").expect_err("refused").contains("at least 12"));
        assert!(check_new_password(&"x".repeat(300), "a@b.c").expect_err("refused").contains("at most"));
        assert!(check_new_password("someone@example.com", "someone@example.com").is_err());
        assert!(check_new_password("a fine long passphrase", "a@b.c").is_ok());
    }

    #[test]
    fn the_cookie_token_is_read_only_when_well_formed() {
        let config = AuthConfig::default();
        let token = "ab".repeat(32);
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, format!("theme=dark; {COOKIE}={token}").parse().expect("header"));
        assert_eq!(RequestInfo::read(&headers, None, false, &config).token.as_deref(), Some(token.as_str()));
        headers.insert(header::COOKIE, format!("{COOKIE}=../../etc").parse().expect("header"));
        assert_eq!(RequestInfo::read(&headers, None, false, &config).token, None);
    }

    #[test]
    fn cookies_are_http_only_strict_and_secure_over_tls() {
        let config = AuthConfig::default();
        let plain = session_cookie("t", &config, false);
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Strict") && !plain.contains("Secure"));
        assert!(session_cookie("t", &config, true).ends_with("; Secure"));
        assert!(cleared_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn cross_site_requests_are_refused() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, v.parse().expect("header"));
            }
            h
        };
        let host = ("host", "127.0.0.1:3000");
        assert!(same_origin(&Method::POST, &headers(&[host, ("origin", "http://127.0.0.1:3000")])).is_ok());
        assert!(same_origin(&Method::POST, &headers(&[host, ("origin", "https://evil.example")])).is_err());
        assert!(same_origin(&Method::POST, &headers(&[host, ("origin", "null")])).is_err());
        assert!(same_origin(&Method::POST, &headers(&[host])).is_err());
        assert!(same_origin(&Method::POST, &headers(&[host, ("x-resonance-client", "1")])).is_ok());
        assert!(same_origin(&Method::GET, &headers(&[host])).is_ok());
        assert!(same_origin(&Method::GET, &headers(&[host, ("sec-fetch-site", "cross-site")])).is_err());
        assert!(same_origin(&Method::GET, &headers(&[host, ("sec-fetch-site", "same-origin")])).is_ok());
    }

    #[test]
    fn the_policy_allows_trunks_inline_start_script_by_hash_only() {
        let html = r#"<html><head><script type="module">import init from '/app.js';</script>
            <script src="/other.js"></script></head></html>"#;
        let csp = content_security_policy(html);
        let expected = {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import init from '/app.js';"))
        };
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    }
}
