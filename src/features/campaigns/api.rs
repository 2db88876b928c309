//! The campaigns' server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use super::types::{CampaignComparison, CampaignList, CampaignSaved, CampaignSpec};
use crate::error::ApiError;

/// Every campaign with its headline figures.
#[server(prefix = "/api", endpoint = "campaigns", input = GetUrl)]
pub async fn get_campaigns() -> Result<CampaignList, ApiError> {
    crate::server::auth::authorize(crate::auth::Action::ReadDashboards)?;
    let store = crate::server::state::store()?;
    let result = async {
        let tz = crate::server::calendar::time_zone(&store).await?;
        super::service::list(store.as_ref(), crate::server::calendar::today_in(tz)).await
    };
    crate::server::state::respond(result.await)
}

/// The comparison of the campaigns `ids` names: 2–6 distinct ids, comma-separated.
#[server(prefix = "/api", endpoint = "campaign-compare", input = GetUrl)]
pub async fn get_campaign_comparison(ids: String) -> Result<CampaignComparison, ApiError> {
    crate::server::auth::authorize(crate::auth::Action::ReadDashboards)?;
    let store = crate::server::state::store()?;
    let result = async {
        let tz = crate::server::calendar::time_zone(&store).await?;
        super::service::compare(store.as_ref(), &ids, crate::server::calendar::today_in(tz)).await
    };
    crate::server::state::respond(result.await)
}

/// Adds a campaign (no id) or changes one, for managers and admins: every field is checked and
/// each problem named (400, nothing written); the rows its hashtags and keywords match are
/// attributed to it and the rollups updated in the same transaction, with an audit entry.
#[server(prefix = "/api", endpoint = "campaign-save", input = Json)]
pub async fn save_campaign(campaign: CampaignSpec) -> Result<CampaignSaved, ApiError> {
    let caller = crate::server::auth::authorize(crate::auth::Action::EditCampaigns)?;
    let store = crate::server::state::store()?;
    let audit = caller.audit("campaign.saved");
    crate::server::state::respond(super::service::save(store.as_ref(), &campaign, audit).await)
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<GetCampaigns>();
    register_explicit::<GetCampaignComparison>();
    register_explicit::<SaveCampaign>();
}
