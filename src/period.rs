//! Periods: date presets, comparisons, inclusive day ranges and chart buckets — the calendar
//! every page and KPI shares. Plain data, no server types.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// A date preset of the filter bar. Presets are resolved on the server against "today" in the
/// reporting time zone, so a shared link always means the same relative window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Preset {
    #[serde(rename = "7d")]
    Last7Days,
    #[default]
    #[serde(rename = "30d")]
    Last30Days,
    #[serde(rename = "90d")]
    Last90Days,
    #[serde(rename = "quarter")]
    ThisQuarter,
    #[serde(rename = "12m")]
    Last12Months,
    #[serde(rename = "custom")]
    Custom,
}

impl Preset {
    /// Every preset in the order the filter bar shows them.
    pub const ALL: [Preset; 6] = [
        Preset::Last7Days,
        Preset::Last30Days,
        Preset::Last90Days,
        Preset::ThisQuarter,
        Preset::Last12Months,
        Preset::Custom,
    ];

    /// The token used in URLs.
    pub fn token(self) -> &'static str {
        match self {
            Preset::Last7Days => "7d",
            Preset::Last30Days => "30d",
            Preset::Last90Days => "90d",
            Preset::ThisQuarter => "quarter",
            Preset::Last12Months => "12m",
            Preset::Custom => "custom",
        }
    }

    /// Parses a URL token; unknown tokens are `None`.
    pub fn from_token(token: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.token() == token)
    }

    /// What a person reads in the filter bar.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Last7Days => "Last 7 days",
            Preset::Last30Days => "Last 30 days",
            Preset::Last90Days => "Last 90 days",
            Preset::ThisQuarter => "This quarter",
            Preset::Last12Months => "Last 12 months",
            Preset::Custom => "Custom",
        }
    }

    /// Resolves the preset to an inclusive range ending `today`. `Custom` has no range of its own.
    pub fn resolve(self, today: NaiveDate) -> Option<DateRange> {
        let back =
            |days: u64| today.checked_sub_days(Days::new(days - 1)).map(|from| DateRange { from, to: today });
        match self {
            Preset::Last7Days => back(7),
            Preset::Last30Days => back(30),
            Preset::Last90Days => back(90),
            Preset::ThisQuarter => {
                let first_month = (today.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(today.year(), first_month, 1)
                    .map(|from| DateRange { from, to: today })
            }
            Preset::Last12Months => back(365),
            Preset::Custom => None,
        }
    }
}

/// What the current period is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Comparison {
    /// The period of equal length that ends the day before the current one starts.
    #[default]
    #[serde(rename = "previous")]
    PreviousPeriod,
    /// The same dates one year earlier.
    #[serde(rename = "year")]
    LastYear,
}

impl Comparison {
    pub const ALL: [Comparison; 2] = [Comparison::PreviousPeriod, Comparison::LastYear];

    pub fn token(self) -> &'static str {
        match self {
            Comparison::PreviousPeriod => "previous",
            Comparison::LastYear => "year",
        }
    }

    pub fn from_token(token: &str) -> Option<Comparison> {
        Comparison::ALL.into_iter().find(|c| c.token() == token)
    }

    pub fn label(self) -> &'static str {
        match self {
            Comparison::PreviousPeriod => "Previous period",
            Comparison::LastYear => "Same period last year",
        }
    }
}

/// An inclusive range of calendar days in the reporting time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The longest range the overview accepts (about five years).
pub const MAX_RANGE_DAYS: i64 = 366 * 5;

impl DateRange {
    /// Parses a range, refusing one that ends before it starts or spans more than five years.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<DateRange, String> {
        if to < from {
            return Err(format!("The range ends ({to}) before it starts ({from})."));
        }
        let range = DateRange { from, to };
        if range.days() > MAX_RANGE_DAYS {
            return Err(format!(
                "The range spans {} days; at most {MAX_RANGE_DAYS} are allowed.",
                range.days()
            ));
        }
        Ok(range)
    }

    /// Number of days in the range, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Every day of the range in order.
    pub fn iter_days(&self) -> impl Iterator<Item = NaiveDate> {
        let to = self.to;
        self.from.iter_days().take_while(move |d| *d <= to)
    }
}

/// Width of a chart bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bucket {
    Day,
    Week,
}

impl Bucket {
    /// Days for ranges up to two months, ISO weeks (starting Monday) beyond, so bars stay
    /// wide enough to read and to point at.
    pub fn for_range(range: &DateRange) -> Bucket {
        if range.days() > 62 {
            Bucket::Week
        } else {
            Bucket::Day
        }
    }

    /// The first day of the bucket that holds `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Bucket::Day => day,
            Bucket::Week => {
                let back = u64::from(day.weekday().num_days_from_monday());
                day.checked_sub_days(Days::new(back)).unwrap_or(day)
            }
        }
    }
}
