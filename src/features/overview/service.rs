//! The overview: resolves a filter against "today" in the reporting time zone, reads both
//! periods from the store and turns the sums into tiles and chart series with `kpi`.

use chrono::NaiveDate;

use super::types::{EngagementPoint, Overview, SentimentPoint};
use crate::kpi;
use crate::model::{Bucket, DateRange, OverviewFilter};
use crate::server::calendar::{resolve_range, time_zone};
use crate::server::store::{DynStore, StoreError, StoreResult};
use crate::stats::{run as stats, Slice};

/// Longest accepted platform or market code.
const MAX_CODE_LEN: usize = 32;

/// Computes the overview for `filter` as of `today`.
pub async fn overview(store: &DynStore, filter: &OverviewFilter, today: NaiveDate) -> StoreResult<Overview> {
    for code in [&filter.platform, &filter.market].into_iter().flatten() {
        if code.len() > MAX_CODE_LEN
            || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(StoreError::Invalid(format!("{code:?} is not a platform or market code.")));
        }
    }
    let range = resolve_range(filter, today)?;
    let comparison_range = kpi::comparison_range(&range, filter.comparison);
    let brand = store.brand(filter.brand).await?;
    let slice = |range: DateRange| Slice {
        platform: filter.platform.clone(),
        market: filter.market.clone(),
        ..Slice::brand(range, brand.id)
    };
    let (current_slice, previous_slice) = (slice(range), slice(comparison_range));
    let (mut current, previous, card, tz) = futures::try_join!(
        stats::period_sums(store.as_ref(), &current_slice),
        stats::period_sums(store.as_ref(), &previous_slice),
        store.rate_card(),
        time_zone(store),
    )?;
    let (card, currency) = card;
    let bucket = Bucket::for_range(&range);
    let sentiment_series = kpi::bucketize(&range, bucket, std::mem::take(&mut current.sentiment_days))
        .into_iter()
        .map(|(day, c)| SentimentPoint {
            day,
            positive: c.positive,
            neutral: c.neutral,
            negative: c.negative,
        })
        .collect();
    let engagement_series = kpi::bucketize(&range, bucket, std::mem::take(&mut current.post_days))
        .into_iter()
        .map(|(day, p)| EngagementPoint {
            day,
            reactions: p.reactions,
            comments: p.comments,
            shares: p.shares,
            other: p.saves + p.clicks,
        })
        .collect();
    Ok(Overview {
        range,
        comparison: filter.comparison,
        comparison_range,
        brand,
        time_zone: tz.name().to_string(),
        bucket,
        tiles: kpi::tiles(&current, &previous, &card),
        sentiment_series,
        engagement_series,
        currency,
    })
}
