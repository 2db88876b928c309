//! Types that cross the wire between the server functions and the WASM client.
//!
//! Everything here is plain data: filters as the URL carries them, resolved date ranges and the
//! KPI DTOs the overview renders. No `usize`, no server types.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::kpi::KpiTile;
pub use crate::period::{Bucket, Comparison, DateRange, Preset, MAX_RANGE_DAYS};

/// The filter as the URL carries it. Unknown or missing values fall back to defaults, so a
/// hand-edited link still shows something sensible; invalid combinations are refused by the
/// server with a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct OverviewFilter {
    pub preset: Preset,
    /// Start of a custom range (only with `Preset::Custom`).
    pub from: Option<NaiveDate>,
    /// End of a custom range (only with `Preset::Custom`).
    pub to: Option<NaiveDate>,
    pub comparison: Comparison,
    /// Brand id; `None` is the own brand.
    pub brand: Option<i64>,
    /// Platform code such as `instagram`; `None` is every platform.
    pub platform: Option<String>,
    /// Market code such as `DE`; `None` is every market.
    pub market: Option<String>,
}

impl OverviewFilter {
    /// Query-string pairs for this filter, defaults left out, in a stable order.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.preset != Preset::default() {
            pairs.push(("range", self.preset.token().to_string()));
        }
        if self.preset == Preset::Custom {
            if let Some(from) = self.from {
                pairs.push(("from", from.to_string()));
            }
            if let Some(to) = self.to {
                pairs.push(("to", to.to_string()));
            }
        }
        if self.comparison != Comparison::default() {
            pairs.push(("compare", self.comparison.token().to_string()));
        }
        if let Some(brand) = self.brand {
            pairs.push(("brand", brand.to_string()));
        }
        if let Some(platform) = &self.platform {
            pairs.push(("platform", platform.clone()));
        }
        if let Some(market) = &self.market {
            pairs.push(("market", market.clone()));
        }
        pairs
    }

    /// Reads a filter from query-string values (`get` answers one key).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> OverviewFilter {
        let date = |key: &str| get(key).and_then(|v| v.parse::<NaiveDate>().ok());
        let text = |key: &str| get(key).filter(|v| !v.is_empty());
        let from = date("from");
        let to = date("to");
        let preset = match get("range").and_then(|t| Preset::from_token(&t)) {
            Some(p) => p,
            None if from.is_some() && to.is_some() => Preset::Custom,
            None => Preset::default(),
        };
        OverviewFilter {
            preset,
            from: if preset == Preset::Custom { from } else { None },
            to: if preset == Preset::Custom { to } else { None },
            comparison: get("compare").and_then(|c| Comparison::from_token(&c)).unwrap_or_default(),
            brand: get("brand").and_then(|b| b.parse().ok()),
            platform: text("platform"),
            market: text("market"),
        }
    }

    /// `?a=b&c=d` for links; empty when every value is the default.
    pub fn to_query_string(&self) -> String {
        query_string(&self.to_query_pairs())
    }
}

/// Which mentions to list: a brand's mentions in a date range, optionally narrowed like the
/// overview (platform, market) and to one effective sentiment. Carried in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MentionQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub brand: Option<i64>,
    pub platform: Option<String>,
    pub market: Option<String>,
    pub sentiment: Option<Sentiment>,
    /// Only the mentions attributed to this campaign (the campaigns page's drill-down).
    pub campaign: Option<i64>,
    /// Zero-based page.
    pub page: u32,
}

impl MentionQuery {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> MentionQuery {
        let date = |key: &str| get(key).and_then(|v| v.parse::<NaiveDate>().ok());
        let text = |key: &str| get(key).filter(|v| !v.is_empty());
        MentionQuery {
            from: date("from"),
            to: date("to"),
            brand: get("brand").and_then(|b| b.parse().ok()),
            platform: text("platform"),
            market: text("market"),
            sentiment: get("sentiment").and_then(|s| Sentiment::from_token(&s)),
            campaign: get("campaign").and_then(|c| c.parse().ok()),
            page: get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        }
    }

    /// `?a=b&…` for links (defaults left out).
    pub fn to_query_string(&self) -> String {
        let pairs: Vec<(&str, String)> = [
            ("from", self.from.map(|d| d.to_string())),
            ("to", self.to.map(|d| d.to_string())),
            ("brand", self.brand.map(|b| b.to_string())),
            ("platform", self.platform.clone()),
            ("market", self.market.clone()),
            ("sentiment", self.sentiment.map(|s| s.token().to_string())),
            ("campaign", self.campaign.map(|c| c.to_string())),
            ("page", (self.page > 0).then(|| self.page.to_string())),
        ]
        .into_iter()
        .filter_map(|(key, value)| Some((key, value?)))
        .collect();
        query_string(&pairs)
    }
}

/// `?a=b&c=d` from pairs, values encoded; empty for no pairs.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode_query_value(v))).collect();
    format!("?{}", body.join("&"))
}

/// Percent-encodes the few characters that matter in our query values.
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The effective sentiment label of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sentiment {
    Positive,
    Neutral,
    Negative,
}

impl Sentiment {
    pub const ALL: [Sentiment; 3] = [Sentiment::Positive, Sentiment::Neutral, Sentiment::Negative];

    /// The token stored in the database.
    pub fn token(self) -> &'static str {
        match self {
            Sentiment::Positive => "positive",
            Sentiment::Neutral => "neutral",
            Sentiment::Negative => "negative",
        }
    }

    pub fn from_token(token: &str) -> Option<Sentiment> {
        Sentiment::ALL.into_iter().find(|s| s.token() == token)
    }

    pub fn label(self) -> &'static str {
        match self {
            Sentiment::Positive => "Positive",
            Sentiment::Neutral => "Neutral",
            Sentiment::Negative => "Negative",
        }
    }
}

/// A named option in a filter drop-down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice<K> {
    pub key: K,
    pub label: String,
}

/// What the filter bar offers: brands, platforms, markets, and the days that hold data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilterOptions {
    pub brands: Vec<BrandChoice>,
    pub platforms: Vec<Choice<String>>,
    pub markets: Vec<Choice<String>>,
    /// First and last day with mentions, if any.
    pub data_extent: Option<DateRange>,
    pub time_zone: String,
}

/// A brand in the brand drop-down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandChoice {
    pub id: i64,
    pub name: String,
    pub is_own: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn presets_resolve_inclusive_ranges() {
        let today = d("2026-11-22");
        let r = Preset::Last7Days.resolve(today).expect("range");
        assert_eq!((r.from, r.to, r.days()), (d("2026-11-16"), today, 7));
        let q = Preset::ThisQuarter.resolve(today).expect("range");
        assert_eq!(q.from, d("2026-10-01"));
        assert_eq!(Preset::Last12Months.resolve(today).expect("range").days(), 365);
        assert_eq!(Preset::Custom.resolve(today), None);
    }

    #[test]
    fn filter_round_trips_through_the_query_string() {
        let f = OverviewFilter {
            preset: Preset::Custom,
            from: Some(d("2026-01-01")),
            to: Some(d("2026-01-31")),
            comparison: Comparison::LastYear,
            brand: Some(2),
            platform: Some("instagram".into()),
            market: Some("DE".into()),
        };
        let qs = f.to_query_string();
        assert_eq!(
            qs,
            "?range=custom&from=2026-01-01&to=2026-01-31&compare=year&brand=2&platform=instagram&market=DE"
        );
        let pairs: Vec<(String, String)> = qs[1..]
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').expect("pair");
                (k.to_string(), v.to_string())
            })
            .collect();
        let back =
            OverviewFilter::from_query(|k| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()));
        assert_eq!(back, f);
    }

    #[test]
    fn defaults_leave_the_url_clean_and_junk_falls_back() {
        assert_eq!(OverviewFilter::default().to_query_string(), "");
        let f = OverviewFilter::from_query(|k| match k {
            "range" => Some("fortnight".into()),
            "from" => Some("not-a-date".into()),
            "brand" => Some("x".into()),
            _ => None,
        });
        assert_eq!(f, OverviewFilter::default());
    }

    #[test]
    fn ranges_refuse_inverted_or_huge_spans() {
        assert!(DateRange::new(d("2026-02-01"), d("2026-01-01")).is_err());
        assert!(DateRange::new(d("2000-01-01"), d("2026-01-01")).is_err());
        assert_eq!(DateRange::new(d("2026-01-01"), d("2026-01-01")).map(|r| r.days()), Ok(1));
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(Bucket::Week.start_of(d("2026-11-22")), d("2026-11-16"));
        assert_eq!(Bucket::Week.start_of(d("2026-11-16")), d("2026-11-16"));
        assert_eq!(Bucket::Day.start_of(d("2026-11-22")), d("2026-11-22"));
    }
}
