//! One way every widget loads: a loading state, the error state, then the content. While a new
//! filter loads, the previous content stays visible and dimmed.

use leptos::either::Either;
use leptos::prelude::*;

use crate::error::ApiError;

/// Renders `resource` with `render`, or the shared loading and error states.
pub fn loadable<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + Send + 'static,
{
    let pending = RwSignal::new(false);
    view! {
        <div class="loadable" class:is-pending=move || pending.get() aria-busy=move || pending.get().to_string()>
            <Transition fallback=|| view! { <LoadingState/> } set_pending=pending>
                {move || {
                    let render = render.clone();
                    Suspend::new(async move {
                        match resource.await {
                            Ok(value) => Either::Left(render(value)),
                            Err(error) => Either::Right(view! { <ErrorState error/> }),
                        }
                    })
                }}
            </Transition>
        </div>
    }
}

/// Skeleton shown before the first answer.
#[component]
pub fn LoadingState() -> impl IntoView {
    view! {
        <div class="state state-loading" data-testid="loading" role="status">
            <div class="skeleton-row">
                {(0..4).map(|_| view! { <div class="skeleton skeleton-tile"></div> }).collect_view()}
            </div>
            <div class="skeleton skeleton-chart"></div>
            <span class="sr-only">"Loading…"</span>
        </div>
    }
}

/// What a failed request looks like: what happened and what to do.
#[component]
pub fn ErrorState(error: ApiError) -> impl IntoView {
    let (title, hint) = match &error {
        ApiError::Invalid(_) => ("This view cannot be shown", "Change the filters above and try again."),
        ApiError::NotFound(_) => ("Nothing to show", "The brand or data this link asks for does not exist."),
        ApiError::Internal(_) => (
            "The server could not answer",
            "Try again in a moment; if it persists, tell your administrator the reference.",
        ),
        ApiError::Transport(_) => {
            ("The server could not be reached", "Check your connection and reload the page.")
        }
        ApiError::Unauthenticated => {
            super::access::go_to_sign_in();
            ("Your session has ended", "Taking you to the sign-in page…")
        }
        ApiError::Forbidden(_) => {
            ("Not allowed", "Your role does not include this; ask an admin if you need it.")
        }
        ApiError::TooManyAttempts(_) => ("Too many attempts", "Wait a few minutes and try again."),
    };
    view! {
        <div class="state state-error" data-testid="error-state" role="alert">
            <h2>{title}</h2>
            <p class="state-detail">{error.to_string()}</p>
            <p class="state-hint">{hint}</p>
            <button class="button" on:click=|_| {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }>"Reload"</button>
        </div>
    }
}
