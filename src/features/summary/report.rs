//! The executive summary's figures: one value per headline, the two trends, the campaigns by
//! ROI, the crisis moments, governance health and the markets — everything the page, its
//! print, the PDF and the CSV show, computed once (`service.rs`) and rendered four ways.

use chrono::NaiveDate;

use crate::format;
use crate::kpi::{Change, Kpi, Unit};
use crate::model::{Bucket, Comparison, DateRange};

/// A headline tile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Headline {
    NetSentiment,
    ShareOfVoice,
    EarnedReach,
    EarnedMediaValue,
    Engagements,
    EngagementRate,
    Spend,
    Roi,
}

impl Headline {
    pub const ALL: [Headline; 8] = [
        Headline::NetSentiment,
        Headline::ShareOfVoice,
        Headline::EarnedReach,
        Headline::EarnedMediaValue,
        Headline::Engagements,
        Headline::EngagementRate,
        Headline::Spend,
        Headline::Roi,
    ];

    /// The overview KPI it is, for those that are one.
    pub fn kpi(self) -> Option<Kpi> {
        match self {
            Headline::NetSentiment => Some(Kpi::NetSentiment),
            Headline::ShareOfVoice => Some(Kpi::ShareOfVoice),
            Headline::EarnedReach => Some(Kpi::EarnedReach),
            Headline::EarnedMediaValue => Some(Kpi::EarnedMediaValue),
            Headline::Engagements => Some(Kpi::Engagements),
            Headline::EngagementRate => Some(Kpi::EngagementRateReach),
            Headline::Spend | Headline::Roi => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Headline::Spend => "Campaign spend",
            Headline::Roi => "Campaign ROI",
            Headline::EngagementRate => "Engagement rate",
            h => h.kpi().map_or("", Kpi::label),
        }
    }

    pub fn definition(self) -> &'static str {
        match self {
            Headline::Spend => {
                "Spend of the own brand's campaigns that ran in the period, each spread evenly over its days and counted for the days in the period."
            }
            Headline::Roi => {
                "(earned media value of the campaigns' mentions in the period + revenue − spend) ÷ spend × 100, over the campaigns that report revenue; revenue and spend spread evenly over each campaign's days."
            }
            h => h.kpi().map_or("", Kpi::definition),
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            Headline::Spend => Unit::Money,
            Headline::Roi => Unit::Percent,
            h => h.kpi().map_or(Unit::Count, Kpi::unit),
        }
    }

    pub fn token(self) -> &'static str {
        match self {
            Headline::Spend => "spend",
            Headline::Roi => "roi",
            Headline::EngagementRate => "engagement-rate",
            h => h.kpi().map_or("", Kpi::token),
        }
    }
}

/// One headline tile's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub headline: Headline,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    pub change: Option<Change>,
    /// Where an admin set a target: the period's target and the progress to it.
    pub progress: Option<super::targets::Progress>,
}

/// One brand's share of the voice in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct BrandVoice {
    pub name: String,
    pub own: bool,
    pub mentions: i64,
    pub share: Option<f64>,
    pub net_sentiment: Option<f64>,
}

/// A campaign that ran in the period, its figures counted for the period's days.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignRoi {
    pub name: String,
    /// The days of the period it ran.
    pub days: DateRange,
    pub spend: f64,
    pub emv: f64,
    pub revenue: Option<f64>,
    /// `None` without revenue, spend, or in another currency.
    pub roi: Option<f64>,
}

/// A negative spike in one market.
#[derive(Debug, Clone, PartialEq)]
pub struct Crisis {
    pub market: String,
    pub peak_day: NaiveDate,
    pub days: u32,
    /// Negative mentions on the peak day, and the mean of the week before it.
    pub negative: i64,
    pub expected: f64,
}

/// Accounts at risk as of the period's end, by risk (an account can have several).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Governance {
    /// Registered accounts that are not archived.
    pub accounts: i64,
    /// No owner, or the owner has left.
    pub orphaned: i64,
    /// No real backup owner (none, one who left, or the owner again).
    pub no_backup: i64,
    /// No owned post in the `dormant_days` days to the period's end.
    pub dormant: i64,
    /// Never reviewed, or last reviewed more than `review_days` days before the period's end.
    pub review_overdue: i64,
    /// The governance rules' days (the governance page sets them).
    pub dormant_days: u32,
    pub review_days: u32,
}

/// One market's net sentiment.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketSentiment {
    pub name: String,
    pub mentions: i64,
    pub net_sentiment: Option<f64>,
    pub change: Option<f64>,
}

/// Markets with fewer mentions are not ranked (their net sentiment swings on a handful).
pub const MIN_MARKET_MENTIONS: i64 = 30;
/// Markets shown at the top and at the bottom.
pub const MARKETS_SHOWN: usize = 3;
/// Crisis moments shown, largest first.
pub const CRISES_SHOWN: usize = 5;

/// Everything one summary shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The workspace's name (the own brand's, unless set).
    pub workspace: String,
    pub brand: String,
    pub currency: String,
    pub time_zone: String,
    pub range: DateRange,
    pub comparison: Comparison,
    pub comparison_range: DateRange,
    pub tiles: Vec<Tile>,
    pub bucket: Bucket,
    /// Net sentiment per bucket (`None`: no positive or negative mention in it).
    pub sentiment_trend: Vec<(NaiveDate, Option<f64>)>,
    /// Every tracked brand, own first, then by mentions.
    pub voices: Vec<BrandVoice>,
    /// Share of voice per bucket, one value per brand of `voices`, in %.
    pub voice_trend: Vec<(NaiveDate, Vec<Option<f64>>)>,
    /// Campaigns of the period, highest ROI first (those without ROI last).
    pub campaigns: Vec<CampaignRoi>,
    pub crises: Vec<Crisis>,
    pub governance: Governance,
    /// Ranked markets, highest net sentiment first.
    pub markets: Vec<MarketSentiment>,
    /// Markets without any imported mention or post in the period.
    pub gaps: Vec<String>,
}

impl Report {
    /// No mention and no owned post in the period: there is nothing to summarise.
    pub fn is_empty(&self) -> bool {
        self.voices.iter().all(|v| v.mentions == 0)
            && self.tile(Headline::Engagements).and_then(|t| t.value).unwrap_or(0.0) == 0.0
    }

    pub fn tile(&self, h: Headline) -> Option<&Tile> {
        self.tiles.iter().find(|t| t.headline == h)
    }

    /// `1–30 Nov 2026`, `1 Jul – 30 Sep 2026`, `15 Dec 2025 – 14 Jan 2026`.
    pub fn dates(range: &DateRange) -> String {
        use chrono::Datelike;
        let (f, t) = (range.from, range.to);
        if f == t {
            format::day_long(f)
        } else if f.year() == t.year() && f.month() == t.month() {
            format!("{}–{}", f.day(), format::day_long(t))
        } else if f.year() == t.year() {
            format!("{} – {}", format::day_short(f), format::day_long(t))
        } else {
            format!("{} – {}", format::day_long(f), format::day_long(t))
        }
    }

    pub fn period(&self) -> String {
        Report::dates(&self.range)
    }

    pub fn compared(&self) -> String {
        Report::dates(&self.comparison_range)
    }

    /// The tile's value as shown.
    pub fn value_text(&self, t: &Tile) -> String {
        format::kpi_value(t.value, t.headline.unit(), &self.currency)
    }

    /// The tile's target line as shown (`Target EUR 1.2 M · 72.0 % of it`), where one is set.
    pub fn target_text(&self, t: &Tile) -> Option<String> {
        t.progress.map(|p| p.text(t.headline, &self.currency))
    }

    /// The tile's change in its unit, 0 where it is shown as zero (`0.0 pp`): what its colour
    /// follows.
    pub fn change_direction(&self, t: &Tile) -> Option<f64> {
        let c = t.change?;
        Some(if self.change_text(t).starts_with("0.0 ") { 0.0 } else { c.absolute })
    }

    /// The tile's change as shown.
    pub fn change_text(&self, t: &Tile) -> String {
        format::kpi_change(t.change, t.headline.unit())
    }

    /// A money amount as the report shows it.
    pub fn money(&self, v: f64) -> String {
        format::kpi_value(Some(v), Unit::Money, &self.currency)
    }

    /// The markets ranked at the top, and those at the bottom (no market in both).
    pub fn top_and_bottom(&self) -> (&[MarketSentiment], &[MarketSentiment]) {
        let n = self.markets.len();
        let top = MARKETS_SHOWN.min(n);
        let bottom = MARKETS_SHOWN.min(n - top);
        (&self.markets[..top], &self.markets[n - bottom..])
    }
}

/// A score with its sign, as net sentiment reads: `+41.3`, `−12.0`.
pub fn signed_score(v: f64) -> String {
    if v > 0.0 {
        format!("+{v:.1}")
    } else {
        format!("{v:.1}").replace('-', "−")
    }
}

/// A count in full with separators.
pub fn count(v: i64) -> String {
    format::thousands(v)
}
