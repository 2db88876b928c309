//! The reporting calendar: the time zone stored with the data, "today" in it, and the range a
//! filter's preset means on a given day.

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;

use crate::model::{DateRange, OverviewFilter, Preset};
use crate::server::store::{DynStore, StoreError, StoreResult};

/// The reporting time zone stored with the data (UTC when unset or unknown).
pub async fn time_zone(store: &DynStore) -> StoreResult<Tz> {
    Ok(store.setting("reporting_time_zone").await?.and_then(|name| name.parse().ok()).unwrap_or(Tz::UTC))
}

/// Today in `tz`.
pub fn today_in(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

/// The date range a filter means on `today`.
pub fn resolve_range(filter: &OverviewFilter, today: NaiveDate) -> StoreResult<DateRange> {
    match filter.preset {
        Preset::Custom => match (filter.from, filter.to) {
            (Some(from), Some(to)) => DateRange::new(from, to).map_err(StoreError::Invalid),
            _ => Err(StoreError::Invalid("A custom range needs both a start and an end date.".into())),
        },
        preset => preset
            .resolve(today)
            .ok_or_else(|| StoreError::Invalid("That date range cannot be resolved.".into())),
    }
}
