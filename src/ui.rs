//! The Leptos client: router, pages and components. Filter state lives in the URL.

mod charts;
mod filters;
mod load;
mod overview;
mod tiles;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// The application shell: header and routes.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="app-header">
                <A href="/" attr:class="brand-mark">
                    <span class="brand-dot"></span>
                    "Resonance"
                </A>
                <nav class="app-nav">
                    <A href="/">"Overview"</A>
                </nav>
            </header>
            <main class="app-main">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=overview::OverviewPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// Shown for links to pages that do not exist.
#[component]
fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="state state-empty">
            <h1>"Page not found"</h1>
            <p>"This link does not lead to a Resonance page."</p>
            <A href="/">"Go to the overview"</A>
        </section>
    }
}
