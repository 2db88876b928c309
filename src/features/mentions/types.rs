//! The mention list (drill-down from the overview) and sentiment overrides: wire types shared by
//! server and client.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::model::MentionQuery;
use crate::model::Sentiment;

/// Mentions per page of the list.
pub const PAGE_SIZE: u32 = 50;

/// Where a mention's effective sentiment comes from (precedence: manual > imported > computed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SentimentOrigin {
    Computed,
    Imported,
    Manual,
    /// Demo data not yet scored.
    Generated,
}

impl SentimentOrigin {
    pub fn from_token(token: &str) -> SentimentOrigin {
        match token {
            "imported" => SentimentOrigin::Imported,
            "manual" => SentimentOrigin::Manual,
            "generated" => SentimentOrigin::Generated,
            _ => SentimentOrigin::Computed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SentimentOrigin::Computed => "scored",
            SentimentOrigin::Imported => "from import",
            SentimentOrigin::Manual => "set by hand",
            SentimentOrigin::Generated => "demo label",
        }
    }
}

/// One mention in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRow {
    pub id: i64,
    pub day: NaiveDate,
    /// The platform's display name ("LinkedIn").
    pub platform: String,
    pub market: String,
    pub author: String,
    pub text: String,
    pub language: Option<String>,
    pub sentiment: Sentiment,
    pub origin: SentimentOrigin,
    pub computed_score: Option<f64>,
    pub computed_label: Option<Sentiment>,
    pub imported_label: Option<Sentiment>,
    pub manual_label: Option<Sentiment>,
    /// Why the text was not scored (another language), for people to read.
    pub unscored_reason: Option<String>,
    pub reach: i64,
    /// The words that carry the computed score and their valence, strongest first.
    #[serde(default)]
    pub explanation: Vec<(String, f64)>,
}

/// A page of the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionPage {
    pub rows: Vec<MentionRow>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
    pub brand: String,
    /// The name of the campaign the list is filtered to.
    pub campaign: Option<String>,
    /// Whether the caller may override sentiment.
    pub can_override: bool,
}

/// Sets (or, with `None`, removes) a person's sentiment override of one mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentimentOverride {
    pub mention_id: i64,
    pub sentiment: Option<Sentiment>,
}
