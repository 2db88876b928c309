//! Rows the store writes, as plain structs. Ids are chosen by the writer (the demo generator
//! or, later, the importer) so that related rows can be written in one pass.

use chrono::NaiveDate;

use crate::kpi::RateCardEntry;
use crate::model::Sentiment;

#[derive(Debug, Clone)]
pub struct BrandRow {
    pub id: i64,
    pub name: String,
    pub is_own: bool,
    pub keywords: String,
}

#[derive(Debug, Clone)]
pub struct TeamRow {
    pub id: i64,
    pub name: String,
    pub market: Option<String>,
    pub region: String,
    pub is_hub: bool,
}

#[derive(Debug, Clone)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub team_id: i64,
    /// The day the person left, if they have.
    pub left_on: Option<NaiveDate>,
}

pub use crate::accounts::AccountStatus;

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: i64,
    pub brand_id: i64,
    pub platform: String,
    pub handle: String,
    pub url: String,
    pub market: Option<String>,
    pub team_id: Option<i64>,
    pub owner_id: Option<i64>,
    pub backup_owner_id: Option<i64>,
    pub custodian_id: Option<i64>,
    pub status: AccountStatus,
    pub created_on: NaiveDate,
    pub last_reviewed_on: Option<NaiveDate>,
    pub followers: i64,
}

#[derive(Debug, Clone)]
pub struct AccountEventRow {
    pub account_id: i64,
    pub at: i64,
    pub actor: String,
    pub kind: String,
    pub from_value: Option<String>,
    pub to_value: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct CampaignRow {
    pub id: i64,
    pub brand_id: i64,
    pub name: String,
    pub objective: String,
    pub start_on: NaiveDate,
    pub end_on: NaiveDate,
    pub spend: f64,
    pub currency: String,
    pub hashtags: String,
    pub markets: Vec<CampaignMarket>,
}

/// One market of a campaign and the day the campaign launched there (day 0 of its timeline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignMarket {
    pub market: String,
    pub launch_on: NaiveDate,
}

impl CampaignRow {
    /// The campaign's launch day in `market`, when the campaign runs there.
    pub fn launch_in(&self, market: &str) -> Option<NaiveDate> {
        self.markets.iter().find(|m| m.market == market).map(|m| m.launch_on)
    }

    /// Whether the campaign is live in `market` on `day`: launched there and not yet ended.
    pub fn live_in(&self, market: &str, day: NaiveDate) -> bool {
        self.launch_in(market).is_some_and(|launch| launch <= day && day <= self.end_on)
    }
}

#[derive(Debug, Clone)]
pub struct CampaignResultRow {
    pub campaign_id: i64,
    pub market: String,
    pub leads: Option<i64>,
    pub sales: Option<i64>,
    pub revenue: Option<f64>,
    pub currency: String,
}

#[derive(Debug, Clone)]
pub struct AuthorRow {
    pub id: i64,
    pub platform: String,
    pub handle: String,
    pub followers: i64,
}

/// Everything a dashboard needs besides the activity itself.
#[derive(Debug, Clone, Default)]
pub struct ReferenceData {
    /// (code, name)
    pub platforms: Vec<(String, String)>,
    /// (code, name)
    pub markets: Vec<(String, String)>,
    pub brands: Vec<BrandRow>,
    pub teams: Vec<TeamRow>,
    pub people: Vec<PersonRow>,
    pub accounts: Vec<AccountRow>,
    pub account_events: Vec<AccountEventRow>,
    pub campaigns: Vec<CampaignRow>,
    pub campaign_results: Vec<CampaignResultRow>,
    pub rate_card: Vec<RateCardEntry>,
    pub currency: String,
    pub authors: Vec<AuthorRow>,
}

/// Where a mention's effective sentiment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentimentSource {
    Computed,
    Imported,
    Manual,
    /// Demo data: the sentiment the generator wrote the text to express.
    Generated,
}

impl SentimentSource {
    pub fn token(self) -> &'static str {
        match self {
            SentimentSource::Computed => "computed",
            SentimentSource::Imported => "imported",
            SentimentSource::Manual => "manual",
            SentimentSource::Generated => "generated",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewMention {
    pub brand_id: i64,
    pub platform: &'static str,
    pub external_id: String,
    pub author_id: i64,
    pub author_followers: i64,
    pub published_at: i64,
    pub day: NaiveDate,
    pub market: &'static str,
    pub language: Option<String>,
    pub text: String,
    /// Effective sentiment, by [`crate::sentiment::effective`].
    pub sentiment: Sentiment,
    pub sentiment_score: Option<f64>,
    pub sentiment_source: SentimentSource,
    pub computed_score: Option<f64>,
    pub computed_label: Option<Sentiment>,
    pub unscored_reason: Option<String>,
    /// The label a listening tool's export brought along.
    pub imported_label: Option<Sentiment>,
    pub generated_label: Option<Sentiment>,
    pub reach: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
    pub campaign_id: Option<i64>,
    pub is_inquiry: bool,
    pub first_response_secs: Option<i64>,
}

impl NewMention {
    /// Scores the text (detecting its language unless it is known) and sets the computed and
    /// effective sentiment.
    pub fn score(&mut self, thresholds: &crate::sentiment::Thresholds) {
        let language = self.language.as_deref().map(crate::sentiment::Language::from_code);
        let scored = crate::sentiment::score(&self.text, language, thresholds);
        self.language = Some(scored.language.code().to_string());
        self.computed_score = scored.compound;
        self.computed_label = scored.label;
        self.unscored_reason = scored.unscored_reason;
        let (label, source) = crate::sentiment::effective(None, self.imported_label, self.computed_label);
        self.sentiment = label;
        self.sentiment_source = source;
        self.sentiment_score = if source == SentimentSource::Computed { self.computed_score } else { None };
    }
}

/// The columns of `posts` a `NewPost` fills, in the order `push_post!` binds them.
pub const POST_COLUMNS: &str =
    "brand_id, account_id, campaign_id, campaign_by_terms, platform, external_id, published_at, day, \
     market, text, impressions, reach, reactions, comments, shares, saves, clicks, video_views";

/// Binds a `NewPost`'s values in the order of `POST_COLUMNS` (a multi-row insert's separated list).
macro_rules! push_post {
    ($b:expr, $p:expr) => {
        $b.push_bind($p.brand_id)
            .push_bind($p.account_id)
            .push_bind($p.campaign_id)
            .push_bind($p.campaign_by_terms)
            .push_bind(&$p.platform)
            .push_bind(&$p.external_id)
            .push_bind($p.published_at)
            .push_bind($p.day)
            .push_bind(&$p.market)
            .push_bind(&$p.text)
            .push_bind($p.impressions)
            .push_bind($p.reach)
            .push_bind($p.reactions)
            .push_bind($p.comments)
            .push_bind($p.shares)
            .push_bind($p.saves)
            .push_bind($p.clicks)
            .push_bind($p.video_views)
    };
}
pub(crate) use push_post;

#[derive(Debug, Clone, PartialEq)]
pub struct NewPost {
    pub brand_id: i64,
    pub account_id: i64,
    pub campaign_id: Option<i64>,
    /// `campaign_id` came from the campaign's hashtags or keywords (`ImportMention`'s field).
    pub campaign_by_terms: bool,
    pub platform: String,
    pub external_id: String,
    pub published_at: i64,
    pub day: NaiveDate,
    pub market: String,
    pub text: String,
    pub impressions: i64,
    pub reach: i64,
    pub reactions: i64,
    pub comments: i64,
    pub shares: i64,
    pub saves: i64,
    pub clicks: i64,
    pub video_views: i64,
}
