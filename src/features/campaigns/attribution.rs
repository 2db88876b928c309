//! Which campaign a post or mention belongs to.
//!
//! The rule, as the Campaigns page states it: a row belongs to a campaign when its import named
//! the campaign (`resonance import --campaign`, kept as is), or else when its text carries one of
//! the campaign's hashtags or keywords (whole words, case aside, as brand keywords match), it is
//! about the campaign's brand, and it is dated within the campaign's window in its market: from
//! the campaign's launch there to its end. A row without a market (a global account's post, a
//! mention whose export names none) counts within the campaign's whole window. When several
//! campaigns match, the one created first (lowest id) takes the row.

use chrono::NaiveDate;

use crate::server::import::brands::contains_word;
use crate::server::store::CampaignRow;

/// The most hashtags and keywords one campaign has.
pub const MAX_TERMS: usize = 30;

/// Reads a campaign's hashtags and keywords, comma- or line-separated: trimmed, lower case,
/// inner spaces collapsed, each once; an error names the first that cannot be one.
pub fn normalise_terms(text: &str) -> Result<Vec<String>, String> {
    let mut terms: Vec<String> = Vec::new();
    for raw in text.split([',', '\n', ';']) {
        let term = raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if term.is_empty() {
            continue;
        }
        if term.chars().count() > 60 {
            return Err(format!("{:?}… is longer than 60 characters.", term.chars().take(30).collect::<String>()));
        }
        if let Some(tag) = term.strip_prefix('#') {
            if tag.is_empty() || !tag.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Err(format!(
                    "{term:?} is not a hashtag: after # come letters, digits or _ only (no spaces); write keywords without #."
                ));
            }
        } else if !term.chars().any(char::is_alphanumeric) {
            return Err(format!("{term:?} is not a keyword: it has no letter or digit."));
        }
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    if terms.len() > MAX_TERMS {
        return Err(format!("{} hashtags and keywords: a campaign has at most {MAX_TERMS}.", terms.len()));
    }
    Ok(terms)
}

/// One campaign's matching rule.
#[derive(Debug, Clone)]
struct Rule {
    id: i64,
    campaign: CampaignRow,
    terms: Vec<String>,
}

/// The rules of every campaign that has hashtags or keywords.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    rules: Vec<Rule>,
}

impl Attribution {
    pub fn new(campaigns: &[CampaignRow]) -> Attribution {
        let mut rules: Vec<Rule> = campaigns
            .iter()
            .filter_map(|c| {
                // stored terms were normalised when saved; older rows (the demo's) are read leniently
                let terms = normalise_terms(&c.hashtags).unwrap_or_else(|_| {
                    c.hashtags.split(',').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect()
                });
                (!terms.is_empty()).then(|| Rule { id: c.id, campaign: c.clone(), terms })
            })
            .collect();
        rules.sort_by_key(|r| r.id);
        Attribution { rules }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The campaign a row of `brand_id` from `market` on `day` with `text` belongs to by its terms.
    pub fn campaign_for(&self, brand_id: i64, market: &str, day: NaiveDate, text: &str) -> Option<i64> {
        let mut lower: Option<String> = None;
        for r in &self.rules {
            let c = &r.campaign;
            if c.brand_id != brand_id {
                continue;
            }
            let in_window = if market.is_empty() {
                c.start_on <= day && day <= c.end_on
            } else {
                c.live_in(market, day)
            };
            if !in_window {
                continue;
            }
            let text = lower.get_or_insert_with(|| text.to_lowercase());
            if r.terms.iter().any(|t| contains_word(text, t)) {
                return Some(r.id);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::store::CampaignMarket;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("day")
    }

    fn campaign(id: i64, terms: &str, markets: &[(&str, u32)]) -> CampaignRow {
        CampaignRow {
            id,
            brand_id: 1,
            name: format!("c{id}"),
            objective: "awareness".into(),
            start_on: day(5),
            end_on: day(20),
            spend: 0.0,
            currency: "EUR".into(),
            hashtags: terms.into(),
            markets: markets.iter().map(|(m, d)| CampaignMarket { market: m.to_string(), launch_on: day(*d) }).collect(),
        }
    }

    #[test]
    fn terms_are_normalised_and_checked() {
        assert_eq!(normalise_terms(" #SpringRide, Spring  Ride ,#springride\n e-bike "), Ok(vec![
            "#springride".to_string(),
            "spring ride".into(),
            "e-bike".into()
        ]));
        assert!(normalise_terms("#spring ride").expect_err("space").contains("not a hashtag"));
        assert!(normalise_terms("#").is_err());
        assert!(normalise_terms("!!").expect_err("no letter").contains("not a keyword"));
        assert_eq!(normalise_terms(" , "), Ok(vec![]));
    }

    #[test]
    fn a_row_needs_a_term_the_brand_and_the_window_in_its_market() {
        let a = Attribution::new(&[campaign(1, "#SpringRide", &[("DE", 5), ("AT", 10)])]);
        assert_eq!(a.campaign_for(1, "DE", day(5), "Love #springride!"), Some(1));
        assert_eq!(a.campaign_for(1, "AT", day(9), "Love #springride!"), None, "before the AT launch");
        assert_eq!(a.campaign_for(1, "AT", day(10), "#SPRINGRIDE"), Some(1));
        assert_eq!(a.campaign_for(1, "DE", day(21), "#springride"), None, "after the end");
        assert_eq!(a.campaign_for(1, "FR", day(12), "#springride"), None, "not one of its markets");
        assert_eq!(a.campaign_for(2, "DE", day(12), "#springride"), None, "another brand");
        assert_eq!(a.campaign_for(1, "", day(12), "#springride"), Some(1), "no market: the whole window");
        assert_eq!(a.campaign_for(1, "DE", day(12), "#springrides and springride"), None, "whole words only");
    }

    #[test]
    fn the_first_created_campaign_takes_a_row_both_match() {
        let a = Attribution::new(&[campaign(4, "ride", &[("DE", 5)]), campaign(2, "city ride", &[("DE", 5)])]);
        assert_eq!(a.campaign_for(1, "DE", day(6), "a city ride"), Some(2));
        assert_eq!(a.campaign_for(1, "DE", day(6), "a ride"), Some(4));
        assert!(Attribution::new(&[campaign(1, "", &[("DE", 5)])]).is_empty());
    }
}
