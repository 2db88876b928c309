//! Who is signed in, on the client: the sign-in page, the signed-in shell (header, navigation
//! by role, sign-out) that every other page lives in, and the change-password page.
//!
//! The server is the authority: when any server function answers 401, the page goes to the
//! sign-in page with the link it was on preserved (`/sign-in?next=…`).

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::api::{change_password, sign_in, sign_out, who_am_i};
use crate::error::ApiError;
use crate::ui::widgets::access::{go_to_sign_in, use_session, Session};
use crate::ui::widgets::load::{ErrorState, LoadingState};
use crate::auth::{limits, Action, CurrentUser};
use crate::markup::{encode_component, safe_next};

/// The frame of every signed-in page: checks the session first, then shows the header and
/// the page. Without a session it goes to the sign-in page.
#[component]
pub fn Shell() -> impl IntoView {
    let me = LocalResource::new(who_am_i);
    view! {
        <Suspense fallback=|| view! { <main class="app-main"><LoadingState/></main> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(user) => EitherOf3::A(view! { <SignedIn user/> }),
                    Err(ApiError::Unauthenticated) => {
                        go_to_sign_in();
                        EitherOf3::B(view! { <main class="app-main"><LoadingState/></main> })
                    }
                    Err(error) => EitherOf3::C(view! { <main class="app-main"><ErrorState error/></main> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SignedIn(user: CurrentUser) -> impl IntoView {
    let session: Session = RwSignal::new(user);
    provide_context(session);
    let location = use_location();
    let navigate = use_navigate();
    // One-time passwords must be replaced before anything else.
    Effect::new(move |_| {
        let path = location.pathname.get();
        if session.with(|u| u.must_change_password) && path != "/password" {
            let next = format!("{}{}", path, location.search.get_untracked());
            navigate(&format!("/password?next={}", encode_component(&next)), NavigateOptions::default());
        }
    });
    let may = move |action: Action| session.with(|u| u.may(action));
    let sign_out_click = move |_| {
        spawn_local(async move {
            let _ = sign_out().await;
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_href("/sign-in");
            }
        });
    };
    view! {
        <header class="app-header">
            <A href="/" attr:class="brand-mark">
                <span class="brand-dot"></span>
                "Resonance"
            </A>
            <nav class="app-nav" aria-label="Main">
                {crate::features::nav()
                    .into_iter()
                    .map(|entry| {
                        view! {
                            <Show when=move || may(entry.action)>
                                <A href=entry.href exact=entry.exact>{entry.label}</A>
                            </Show>
                        }
                    })
                    .collect_view()}
            </nav>
            <div class="user-menu" data-testid="user-menu">
                <span class="user-name">{move || session.with(|u| u.name.clone())}</span>
                <span class="role-badge" data-testid="role">{move || session.with(|u| u.role.label())}</span>
                <A href="/password" attr:class="header-link">"Password"</A>
                <button class="button button-quiet" data-testid="sign-out" on:click=sign_out_click>"Sign out"</button>
            </div>
        </header>
        <main class="app-main">
            <Outlet/>
        </main>
    }
}

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let next = safe_next(query.with_untracked(|q| q.get("next")));
        spawn_local(async move {
            match sign_in(email.get_untracked(), password.get_untracked()).await {
                Ok(user) => {
                    let next = if next == "/" { user.role.landing_page().to_string() } else { next };
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_href(&next);
                    }
                }
                Err(e) => {
                    password.set(String::new());
                    error.set(Some(e.to_string()));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <main class="auth-page">
            <form class="auth-card" on:submit=submit data-testid="sign-in-form">
                <div class="brand-mark auth-brand"><span class="brand-dot"></span>"Resonance"</div>
                <h1>"Sign in"</h1>
                <Show when=move || query.with(|q| q.get("next").is_some())>
                    <p class="auth-note">"Your session has ended or you are not signed in. Sign in to continue."</p>
                </Show>
                <label class="field field-wide">
                    "Email"
                    <input type="email" name="email" autocomplete="username" required autofocus
                        maxlength=limits::EMAIL_MAX.to_string()
                        prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                </label>
                <label class="field field-wide">
                    "Password"
                    <input type="password" name="password" autocomplete="current-password" required
                        maxlength=limits::PASSWORD_MAX.to_string()
                        prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                </label>
                {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="sign-in-error">{e}</p> })}
                <button class="button button-primary" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}

/// Change one's own password; required after a one-time password.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let required = move || session.is_some_and(|s| s.with(|u| u.must_change_password));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if new.get_untracked() != confirm.get_untracked() {
            message.set(Some(Err("The two new passwords differ.".into())));
            return;
        }
        let next = safe_next(query.with_untracked(|q| q.get("next")));
        let was_required = required();
        spawn_local(async move {
            match change_password(current.get_untracked(), new.get_untracked()).await {
                Ok(user) => {
                    if let Some(s) = session {
                        s.set(user);
                    }
                    [current, new, confirm].iter().for_each(|s| s.set(String::new()));
                    message.set(Some(Ok("Your password is changed.".into())));
                    if was_required {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().set_href(&next);
                        }
                    }
                }
                Err(e) => message.set(Some(Err(e.to_string()))),
            }
        });
    };
    view! {
        <div class="page narrow-page">
            <header class="page-header">
                <h1>"Change your password"</h1>
                <p class="page-subtitle">
                    {move || if required() {
                        "You signed in with a one-time password. Choose your own to continue."
                    } else {
                        "Your other sessions end when you change it."
                    }}
                </p>
            </header>
            <form class="panel form-panel" on:submit=submit data-testid="password-form">
                <label class="field field-wide">"Current password"
                    <input type="password" autocomplete="current-password" required prop:value=current
                        on:input=move |ev| current.set(event_target_value(&ev))/>
                </label>
                <label class="field field-wide">{format!("New password (at least {} characters)", limits::PASSWORD_MIN)}
                    <input type="password" autocomplete="new-password" required
                        minlength=limits::PASSWORD_MIN.to_string() maxlength=limits::PASSWORD_MAX.to_string()
                        prop:value=new on:input=move |ev| new.set(event_target_value(&ev))/>
                </label>
                <label class="field field-wide">"New password again"
                    <input type="password" autocomplete="new-password" required prop:value=confirm
                        on:input=move |ev| confirm.set(event_target_value(&ev))/>
                </label>
                {move || message.get().map(|m| match m {
                    Ok(text) => view! { <p class="form-ok" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
                })}
                <button class="button button-primary" type="submit">"Change password"</button>
            </form>
        </div>
    }
}
