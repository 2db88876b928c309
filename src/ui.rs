//! The Leptos client: the router over the features' pages (`crate::features::*::page`) and the
//! widgets they share (`widgets`). Filter state lives in the URL; every page
//! but sign-in lives in the signed-in `Shell`.

pub mod widgets;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::path;

use crate::features::{campaigns, governance, imports, mentions, overview, session, setup, summary, users};

/// The application: the sign-in page, and the signed-in pages inside the shell.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <main class="app-main"><NotFoundPage/></main> }>
                <Route path=path!("/sign-in") view=session::page::SignInPage/>
                <ParentRoute path=path!("") view=session::page::Shell>
                    <Route path=path!("") view=overview::page::OverviewPage/>
                    <Route path=path!("summary") view=summary::page::SummaryPage/>
                    <Route path=path!("mentions") view=mentions::page::MentionsPage/>
                    <Route path=path!("campaigns") view=campaigns::page::CampaignsPage/>
                    <Route path=path!("governance") view=governance::page::GovernancePage/>
                    <Route path=path!("accounts") view=governance::page::GovernancePage/>
                    <Route path=path!("imports") view=imports::page::ImportsPage/>
                    <Route path=path!("setup") view=setup::page::SetupPage/>
                    <Route path=path!("admin/users") view=users::page::UsersPage/>
                    <Route path=path!("admin/audit") view=users::page::AuditPageView/>
                    <Route path=path!("password") view=session::page::PasswordPage/>
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
