//! Signing in and out, who is signed in, and changing one's own password.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use crate::error::ApiError;
use crate::auth::CurrentUser;

/// Checks the credentials and starts a session (sets the session cookie). The one server
/// function open to callers who are not signed in.
#[server(prefix = "/api", endpoint = "sign-in", input = Json)]
pub async fn sign_in(email: String, password: String) -> Result<CurrentUser, ApiError> {
    use crate::server::{auth, state};
    use axum::http::{header, HeaderValue, StatusCode};
    let app = state::app_state()?;
    let info = use_context::<auth::Caller>().unwrap_or_default().info;
    match auth::sign_in(&app.store, &app.auth, &email, &password, &info).await {
        Ok(Ok((user, token))) => {
            let cookie = auth::session_cookie(&token, &app.auth, info.https);
            if let (Some(response), Ok(value)) =
                (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&cookie))
            {
                response.insert_header(header::SET_COOKIE, value);
            }
            Ok(auth::current_user(&user))
        }
        Ok(Err(refusal)) => {
            let (status, err): (StatusCode, ApiError) = refusal.into();
            auth::refuse(status, err)
        }
        Err(e) => state::respond(Err(e)),
    }
}

/// Ends the caller's session and removes the cookie.
#[server(prefix = "/api", endpoint = "sign-out", input = Json)]
pub async fn sign_out() -> Result<(), ApiError> {
    use crate::auth::Action;
    use crate::server::{auth, state};
    use axum::http::{header, HeaderValue};
    let caller = auth::authorize(Action::OwnAccount)?;
    let store = state::store()?;
    state::respond(store.end_session(&caller.session, Some(caller.audit("sign_out"))).await)?;
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&auth::cleared_cookie(caller.info.https)),
    ) {
        response.insert_header(header::SET_COOKIE, value);
    }
    Ok(())
}

/// The signed-in user; 401 without a session.
#[server(prefix = "/api", endpoint = "me", input = GetUrl)]
pub async fn who_am_i() -> Result<CurrentUser, ApiError> {
    use crate::auth::Action;
    use crate::server::auth;
    let caller = auth::authorize(Action::OwnAccount)?;
    Ok(auth::current_user(&caller.user))
}

/// Changes the caller's own password (required after a one-time password). Other sessions of
/// the user end.
#[server(prefix = "/api", endpoint = "change-password", input = Json)]
pub async fn change_password(current: String, new: String) -> Result<CurrentUser, ApiError> {
    use crate::auth::Action;
    use crate::server::{auth, state};
    let caller = auth::authorize(Action::OwnAccount)?;
    if !auth::verify_password(&current, &caller.user.password_hash) {
        return Err(ApiError::Invalid("Your current password is not right.".into()));
    }
    if current == new {
        return Err(ApiError::Invalid("Choose a password different from the current one.".into()));
    }
    if let Err(msg) = auth::check_new_password(&new, &caller.user.email) {
        return Err(ApiError::Invalid(msg));
    }
    let store = state::store()?;
    let hash = auth::hash_password(&new);
    let audit = caller.audit("user.password_changed").target("user", caller.user.id);
    state::respond(store.set_password(caller.user.id, &hash, false, Some(&caller.session), audit).await)?;
    let mut user = caller.user;
    user.must_change_password = false;
    Ok(auth::current_user(&user))
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<SignIn>();
    register_explicit::<SignOut>();
    register_explicit::<WhoAmI>();
    register_explicit::<ChangePassword>();
}
