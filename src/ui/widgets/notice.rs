//! The line a page shows after an action: done (a status) or failed (an alert).

use leptos::prelude::*;

/// What an action said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeText {
    Done(String),
    Failed(String),
}

/// Shows `notice`, when there is one.
#[component]
pub fn Notice(
    /// The last action's notice.
    #[prop(into)]
    notice: Signal<Option<NoticeText>>,
    /// `data-testid` of a failure.
    #[prop(optional)]
    error_testid: &'static str,
) -> impl IntoView {
    move || {
        notice.get().map(|n| match n {
            NoticeText::Done(text) => {
                view! { <p class="notice notice-ok" role="status">{text}</p> }.into_any()
            }
            NoticeText::Failed(text) => {
                view! { <p class="notice notice-error" role="alert" data-testid=error_testid>{text}</p> }
                    .into_any()
            }
        })
    }
}
