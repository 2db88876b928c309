//! The mention list behind the overview's charts, and sentiment overrides by hand.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use crate::error::ApiError;
use crate::features::mentions::types::{MentionPage, MentionQuery, MentionRow, SentimentOverride};

/// Longest range the list accepts, in days.
pub const MAX_LIST_DAYS: i64 = 400;

/// One page of a brand's mentions in a date range (default: the last 30 days), optionally of
/// one platform, market and effective sentiment; newest first.
#[server(prefix = "/api", endpoint = "mentions", input = GetUrl)]
pub async fn list_mentions(query: MentionQuery) -> Result<MentionPage, ApiError> {
    use crate::auth::Action;
    use crate::features::mentions::types::PAGE_SIZE;
    use crate::model::DateRange;
    use crate::server::store::Slice;
    use crate::server::{auth, calendar, state};
    let caller = auth::authorize(Action::ReadDashboards)?;
    let invalid = |msg: String| Err(ApiError::Invalid(msg));
    let store = state::store()?;
    let today = calendar::today_in(state::respond(calendar::time_zone(&store).await)?);
    let to = query.to.unwrap_or(today);
    // checked: a date near the calendar's limits is refused, not a panic
    let from = match query.from.or_else(|| to.checked_sub_days(chrono::Days::new(29))) {
        Some(from) => from,
        None => return invalid(format!("{to} is outside the dates Resonance can list.")),
    };
    let range = match DateRange::new(from, to) {
        Ok(range) if range.days() <= MAX_LIST_DAYS => range,
        Ok(_) => return invalid(format!("List at most {MAX_LIST_DAYS} days of mentions at a time.")),
        Err(msg) => return invalid(msg),
    };
    if query.page > 100_000 {
        return invalid("That page is beyond the end of the list.".into());
    }
    for code in [&query.platform, &query.market].into_iter().flatten() {
        if code.len() > 32 {
            return invalid(format!("Unknown platform or market {code:?}."));
        }
    }
    let brand = state::respond(store.brand(query.brand).await)?;
    let campaign = match query.campaign {
        None => None,
        Some(id) => match state::respond(store.campaigns().await)?.into_iter().find(|c| c.row.id == id) {
            Some(c) => Some(c.row.name),
            None => return invalid(format!("There is no campaign {id}: choose one on the Campaigns page.")),
        },
    };
    let slice =
        Slice { range, brand_id: brand.id, platform: query.platform, market: query.market, campaign_id: query.campaign };
    let (mut rows, total) =
        state::respond(store.mention_page(&slice, query.sentiment, query.page, PAGE_SIZE).await)?;
    // why each text scored as it did (scoring one page again takes well under a millisecond)
    for row in rows.iter_mut().filter(|r| r.computed_score.is_some()) {
        let language = crate::sentiment::Language::from_code(row.language.as_deref().unwrap_or("en"));
        row.explanation = crate::sentiment::explain(&row.text, &language).into_iter().take(4).collect();
    }
    Ok(MentionPage {
        rows,
        total,
        page: query.page,
        page_size: PAGE_SIZE,
        brand: brand.name,
        campaign,
        can_override: caller.user.role.may(Action::OverrideSentiment),
    })
}

/// Sets or clears a person's sentiment for one mention. The override wins over imported and
/// computed sentiment, survives re-imports and rescoring, and is written to the audit log.
#[server(prefix = "/api", endpoint = "mention-sentiment", input = Json)]
pub async fn override_sentiment(change: SentimentOverride) -> Result<MentionRow, ApiError> {
    use crate::auth::Action;
    use crate::server::{auth, state};
    let caller = auth::authorize(Action::OverrideSentiment)?;
    let store = state::store()?;
    let audit = caller
        .audit("mention.sentiment")
        .target("mention", change.mention_id)
        .detail(serde_json::json!({ "sentiment": change.sentiment.map(|s| s.token()) }));
    state::respond(store.set_manual_sentiment(change.mention_id, change.sentiment, audit).await)
}

/// Registers this feature's server functions with the router.
#[cfg(feature = "ssr")]
pub fn register() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<ListMentions>();
    register_explicit::<OverrideSentiment>();
}
