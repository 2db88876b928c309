//! The governance page (`/governance`): the server renders each view — the matrix, the risk
//! register, people and handovers, an account — as HTML (`html.rs`); this page fetches it for
//! the URL and sends its forms to the server functions that change the registry.

use leptos::prelude::*;

use super::api::{
    get_governance, governance_dismiss, governance_hand_over, governance_register, governance_round, governance_rules,
    governance_update,
};
use crate::error::ApiError;
use crate::ui::widgets::server_page::server_page;

/// The form named `act`, sent.
async fn act(act: String, form: String) -> Result<String, ApiError> {
    match act.as_str() {
        "update" => governance_update(form).await,
        "handover" => governance_hand_over(form).await,
        "rules" => governance_rules(form).await,
        "round" => governance_round(form).await,
        "register" => governance_register(form).await,
        "dismiss" => governance_dismiss(form).await,
        other => Err(ApiError::Invalid(format!("This page has no form {other:?}."))),
    }
}

#[component]
pub fn GovernancePage() -> impl IntoView {
    server_page(get_governance, act)
}
