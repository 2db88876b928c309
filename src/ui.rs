//! The Leptos client: router, pages and components. Filter state lives in the URL; every page
//! but sign-in lives in the signed-in `Shell`.

mod accounts;
mod admin;
mod charts;
mod filters;
mod imports;
mod load;
mod mentions;
mod overview;
mod session;
mod tiles;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::path;

/// The application: the sign-in page, and the signed-in pages inside the shell.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <main class="app-main"><NotFoundPage/></main> }>
                <Route path=path!("/sign-in") view=session::SignInPage/>
                <ParentRoute path=path!("") view=session::Shell>
                    <Route path=path!("") view=overview::OverviewPage/>
                    <Route path=path!("mentions") view=mentions::MentionsPage/>
                    <Route path=path!("accounts") view=accounts::AccountsPage/>
                    <Route path=path!("imports") view=imports::ImportsPage/>
                    <Route path=path!("admin/users") view=admin::UsersPage/>
                    <Route path=path!("admin/audit") view=admin::AuditPageView/>
                    <Route path=path!("password") view=session::PasswordPage/>
                </ParentRoute>
            </Routes>
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
