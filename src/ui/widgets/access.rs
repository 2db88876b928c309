//! Who is signed in, as every page sees it: the session the shell provides, the role check
//! pages make before they render, the way to the sign-in page, and the "not allowed" state.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::{Action, CurrentUser};
use crate::markup::encode_component;

/// The signed-in user, provided by `Shell` to every page inside it.
pub type Session = RwSignal<CurrentUser>;

/// The signed-in user; only inside `Shell`.
pub fn use_session() -> Option<Session> {
    use_context::<Session>()
}

/// Whether the signed-in user's role allows `action` (pages check it before they render).
pub fn allowed(action: Action) -> bool {
    use_session().is_some_and(|s| s.with_untracked(|u| u.may(action)))
}

/// Leaves for the sign-in page, keeping the current link to come back to.
pub fn go_to_sign_in() {
    if let Some(w) = web_sys::window() {
        let loc = w.location();
        let here = format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
        let _ = loc.set_href(&format!("/sign-in?next={}", encode_component(&here)));
    }
}

/// Shown in place of a page the signed-in user's role does not allow.
#[component]
pub fn NotAllowed() -> impl IntoView {
    view! {
        <section class="state state-empty" data-testid="not-allowed" role="alert">
            <h1>"You do not have access to this page"</h1>
            <p>"Your role does not include it. Ask an admin if you need it."</p>
            <A href="/">"Go to the overview"</A>
        </section>
    }
}
