//! The summary's narrative: three to six sentences written from the figures by fixed rules, no
//! language model. Each rule reads only figures the report shows and formats them as the page
//! does, so every number in the text is on the page; a rule whose inputs are missing writes
//! nothing rather than guess. The rules, in reading order:
//!
//! 1. **Sentiment**: net sentiment, its change in points with both periods' dates, and the shown
//!    market whose change went furthest the same way (the driver).
//! 2. **Voice**: share of voice with its change, and the largest competitor's share.
//! 3. **Gaps**: markets without any imported data in the period, named (always kept).
//! 4. **Campaigns**: the campaign with the highest ROI, its ROI and spend in the period — or,
//!    when none reports revenue, that ROI cannot be shown.
//! 5. **Crisis**: the largest negative spike (market, day, negative mentions against expected),
//!    or that none met the rule.
//! 6. **Earned**: earned media value with its change, and earned audience reach.
//! 7. **Engagement**: owned-post engagements with their change, and the engagement rate.
//!
//! At most six are kept, in that order of priority (engagement is left out first), and written
//! in the order of the page.

use super::report::{signed_score, Headline, Report};
use crate::format;

/// At most this many sentences.
pub const MAX_SENTENCES: usize = 6;

/// A rule: the sentence it writes from a report, if its inputs are there.
type Rule = fn(&Report) -> Option<String>;

/// The rules in priority order, each with its place in the text.
const RULES: [(Rule, u8); 7] = [
    (sentiment, 0),
    (voice, 1),
    (gaps, 6),
    (campaigns, 4),
    (crisis, 5),
    (earned, 2),
    (engagement, 3),
];

/// The narrative of `report`.
pub fn narrative(report: &Report) -> Vec<String> {
    // nothing imported: the page says so instead (and names the Imports page)
    if report.is_empty() {
        return Vec::new();
    }
    let mut kept: Vec<(u8, String)> =
        RULES.iter().filter_map(|(rule, place)| rule(report).map(|s| (*place, s))).take(MAX_SENTENCES).collect();
    kept.sort_by_key(|(place, _)| *place);
    kept.into_iter().map(|(_, s)| s).collect()
}

/// `rose 6.1 pts`, `fell 2.0 pts`, `held steady`.
fn moved(absolute: f64, unit: &str) -> String {
    let text = format!("{:.1}", absolute.abs());
    if text == "0.0" {
        "held steady".into()
    } else if absolute > 0.0 {
        format!("rose {text} {unit}")
    } else {
        format!("fell {text} {unit}")
    }
}

/// Joins names as a person would: `A`, `A and B`, `A, B and C`.
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub fn sentiment(r: &Report) -> Option<String> {
    let t = r.tile(Headline::NetSentiment)?;
    let value = t.value?;
    let Some(change) = t.change else {
        return Some(format!(
            "Net sentiment was {} in {}; {} has no data to compare with.",
            signed_score(value),
            r.period(),
            r.compared()
        ));
    };
    let mut s = format!(
        "Net sentiment {} to {} ({} vs {})",
        moved(change.absolute, "pts"),
        signed_score(value),
        r.period(),
        r.compared()
    );
    let (top, bottom) = r.top_and_bottom();
    let driver = top
        .iter()
        .chain(bottom)
        .filter_map(|m| m.change.map(|c| (m, c)))
        .filter(|(_, c)| c * change.absolute > 0.0 && format!("{:.1}", c.abs()) != "0.0")
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    if let Some((m, c)) = driver {
        s.push_str(&format!(", driven by {} ({} pts)", m.name, signed_score(c)));
    }
    s.push('.');
    Some(s)
}

pub fn voice(r: &Report) -> Option<String> {
    let t = r.tile(Headline::ShareOfVoice)?;
    t.value?;
    let mut s = format!("Share of voice was {}", r.value_text(t));
    if t.change.is_some() {
        s.push_str(&format!(" ({})", r.change_text(t)));
    }
    let rival = r.voices.iter().filter(|v| !v.own).max_by_key(|v| v.mentions);
    if let Some((v, share)) = rival.and_then(|v| v.share.map(|s| (v, s))) {
        s.push_str(&format!("; the largest competitor, {}, held {}", v.name, format::percent(share)));
    }
    s.push('.');
    Some(s)
}

pub fn gaps(r: &Report) -> Option<String> {
    (!r.gaps.is_empty()).then(|| format!("No data was imported for {} in {}.", and_list(&r.gaps), r.period()))
}

pub fn campaigns(r: &Report) -> Option<String> {
    if r.campaigns.is_empty() {
        return None;
    }
    let best = r.campaigns.iter().filter_map(|c| c.roi.map(|roi| (c, roi))).max_by(|a, b| a.1.total_cmp(&b.1));
    let n = r.campaigns.len();
    Some(match best {
        Some((c, roi)) if n == 1 => format!(
            "{}, the one campaign in the period, returned an ROI of {} on {} spend in the period.",
            c.name,
            format::percent(roi),
            r.money(c.spend)
        ),
        Some((c, roi)) => format!(
            "Of {n} campaigns in the period, {} returned the highest ROI, {} on {} spend in the period.",
            c.name,
            format::percent(roi),
            r.money(c.spend)
        ),
        None if n == 1 => format!("{} ran in the period but reports no revenue, so its ROI is not shown.", r.campaigns[0].name),
        None => format!("{n} campaigns ran in the period; none reports revenue, so their ROI is not shown."),
    })
}

pub fn crisis(r: &Report) -> Option<String> {
    // only when there were mentions to judge
    r.tile(Headline::NetSentiment)?.value?;
    Some(match r.crises.first() {
        Some(c) => format!(
            "The largest negative spike was in {} on {}: {} negative mentions against {} expected.",
            c.market,
            format::day_long(c.peak_day),
            format::thousands(c.negative),
            format::thousands(c.expected.round() as i64)
        ),
        None => "No negative spike met the crisis rule in the period.".into(),
    })
}

pub fn earned(r: &Report) -> Option<String> {
    let emv = r.tile(Headline::EarnedMediaValue)?;
    emv.value.filter(|v| *v > 0.0)?;
    let mut s = format!("Earned media value was an estimated {}", r.value_text(emv));
    if emv.change.is_some() {
        s.push_str(&format!(" ({})", r.change_text(emv)));
    }
    if let Some(reach) = r.tile(Headline::EarnedReach).filter(|t| t.value.is_some_and(|v| v > 0.0)) {
        s.push_str(&format!(", from an earned audience reach of {}", r.value_text(reach)));
    }
    s.push('.');
    Some(s)
}

pub fn engagement(r: &Report) -> Option<String> {
    let e = r.tile(Headline::Engagements)?;
    e.value.filter(|v| *v > 0.0)?;
    let mut s = format!("Owned posts earned {} engagements", r.value_text(e));
    if e.change.is_some() {
        s.push_str(&format!(" ({})", r.change_text(e)));
    }
    if let Some(rate) = r.tile(Headline::EngagementRate).filter(|t| t.value.is_some()) {
        s.push_str(&format!(" at an engagement rate of {} of reach", r.value_text(rate)));
    }
    s.push('.');
    Some(s)
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::NaiveDate;

    use super::super::report::*;
    use super::*;
    use crate::model::{Bucket, Comparison, DateRange};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn tile(headline: Headline, value: Option<f64>, previous: Option<f64>) -> Tile {
        Tile { headline, value, previous, change: crate::kpi::change(value, previous), progress: None }
    }

    /// A quarter of a brand with a competitor, two markets, a campaign and a crisis.
    pub(crate) fn report() -> Report {
        Report {
            workspace: "Voltaro".into(),
            brand: "Voltaro".into(),
            currency: "EUR".into(),
            time_zone: "Europe/Berlin".into(),
            range: DateRange { from: d("2026-07-01"), to: d("2026-09-30") },
            comparison: Comparison::PreviousPeriod,
            comparison_range: DateRange { from: d("2026-04-01"), to: d("2026-06-30") },
            tiles: vec![
                tile(Headline::NetSentiment, Some(41.3), Some(35.2)),
                tile(Headline::ShareOfVoice, Some(40.1), Some(38.9)),
                tile(Headline::EarnedReach, Some(3_400_000.0), Some(3_000_000.0)),
                tile(Headline::EarnedMediaValue, Some(1_200_000.0), Some(1_000_000.0)),
                tile(Headline::Engagements, Some(45_300.0), Some(44_000.0)),
                tile(Headline::EngagementRate, Some(3.2), Some(3.6)),
                tile(Headline::Spend, Some(50_000.0), None),
                tile(Headline::Roi, Some(212.0), None),
            ],
            bucket: Bucket::Week,
            sentiment_trend: vec![(d("2026-06-29"), Some(40.0))],
            voices: vec![
                BrandVoice { name: "Voltaro".into(), own: true, mentions: 401, share: Some(40.1), net_sentiment: Some(41.3) },
                BrandVoice { name: "Rivex".into(), own: false, mentions: 269, share: Some(26.9), net_sentiment: Some(20.0) },
            ],
            voice_trend: vec![],
            campaigns: vec![CampaignRoi {
                name: "Winter Deals".into(),
                days: DateRange { from: d("2026-08-01"), to: d("2026-09-30") },
                spend: 50_000.0,
                emv: 140_000.0,
                revenue: Some(16_000.0),
                roi: Some(212.0),
            }],
            crises: vec![Crisis { market: "Germany".into(), peak_day: d("2026-08-18"), days: 2, negative: 340, expected: 41.2 }],
            governance: Governance::default(),
            markets: vec![
                MarketSentiment { name: "Germany".into(), mentions: 900, net_sentiment: Some(50.0), change: Some(12.4) },
                MarketSentiment { name: "France".into(), mentions: 400, net_sentiment: Some(30.0), change: Some(-2.0) },
            ],
            gaps: vec![],
        }
    }

    #[test]
    fn sentiment_names_both_periods_and_the_driver() {
        let s = sentiment(&report()).expect("sentence");
        assert_eq!(
            s,
            "Net sentiment rose 6.1 pts to +41.3 (1 Jul – 30 Sep 2026 vs 1 Apr – 30 Jun 2026), driven by Germany (+12.4 pts)."
        );
        let mut r = report();
        r.tiles[0] = tile(Headline::NetSentiment, Some(30.0), Some(35.0));
        let s = sentiment(&r).expect("fell");
        assert!(s.starts_with("Net sentiment fell 5.0 pts to +30.0") && s.contains("driven by France (−2.0 pts)"), "{s}");
        r.tiles[0] = tile(Headline::NetSentiment, Some(30.0), None);
        let s = sentiment(&r).expect("no comparison");
        assert!(s.contains("has no data to compare with") && !s.contains("driven"), "{s}");
        r.tiles[0] = tile(Headline::NetSentiment, None, Some(30.0));
        assert_eq!(sentiment(&r), None, "no sentiment, no sentence");
    }

    #[test]
    fn voice_names_the_largest_competitor() {
        assert_eq!(
            voice(&report()).expect("sentence"),
            "Share of voice was 40.1 % (+1.2 pp); the largest competitor, Rivex, held 26.9 %."
        );
        let mut r = report();
        r.voices.truncate(1);
        r.tiles[1] = tile(Headline::ShareOfVoice, Some(100.0), None);
        assert_eq!(voice(&r).expect("alone"), "Share of voice was 100.0 %.");
    }

    #[test]
    fn a_period_without_any_data_has_no_narrative() {
        let mut r = report();
        for v in r.voices.iter_mut() {
            v.mentions = 0;
        }
        r.gaps = vec!["Germany".into(), "France".into()];
        assert!(!narrative(&r).is_empty(), "owned posts alone are something to summarise");
        r.tiles[4] = tile(Headline::Engagements, Some(0.0), Some(44_000.0));
        assert!(r.is_empty() && narrative(&r).is_empty(), "{:?}", narrative(&r));
    }

    #[test]
    fn gaps_are_named_or_nothing_is_said() {
        assert_eq!(gaps(&report()), None);
        let mut r = report();
        r.gaps = vec!["Italy".into(), "Spain".into(), "Poland".into()];
        assert_eq!(gaps(&r).expect("gaps"), "No data was imported for Italy, Spain and Poland in 1 Jul – 30 Sep 2026.");
    }

    #[test]
    fn campaigns_name_the_best_roi_or_say_why_there_is_none() {
        assert_eq!(
            campaigns(&report()).expect("one"),
            "Winter Deals, the one campaign in the period, returned an ROI of 212.0 % on EUR 50.0 k spend in the period."
        );
        let mut r = report();
        let mut second = r.campaigns[0].clone();
        second.name = "Spring".into();
        second.roi = Some(300.0);
        second.spend = 20_000.0;
        r.campaigns.push(second);
        assert!(campaigns(&r).expect("two").starts_with("Of 2 campaigns in the period, Spring returned the highest ROI, 300.0 %"));
        for c in &mut r.campaigns {
            c.roi = None;
        }
        assert_eq!(
            campaigns(&r).expect("none"),
            "2 campaigns ran in the period; none reports revenue, so their ROI is not shown."
        );
        r.campaigns.clear();
        assert_eq!(campaigns(&r), None);
    }

    #[test]
    fn crisis_states_the_largest_spike_or_its_absence() {
        assert_eq!(
            crisis(&report()).expect("spike"),
            "The largest negative spike was in Germany on 18 Aug 2026: 340 negative mentions against 41 expected."
        );
        let mut r = report();
        r.crises.clear();
        assert_eq!(crisis(&r).expect("calm"), "No negative spike met the crisis rule in the period.");
        r.tiles[0] = tile(Headline::NetSentiment, None, None);
        assert_eq!(crisis(&r), None, "no mentions: nothing to judge");
    }

    #[test]
    fn earned_and_engagement_leave_out_missing_parts() {
        assert_eq!(
            earned(&report()).expect("earned"),
            "Earned media value was an estimated EUR 1.2 M (+20.0 %), from an earned audience reach of 3.4 M."
        );
        assert_eq!(
            engagement(&report()).expect("engagement"),
            "Owned posts earned 45.3 k engagements (+3.0 %) at an engagement rate of 3.2 % of reach."
        );
        let mut r = report();
        r.tiles[4] = tile(Headline::Engagements, Some(0.0), Some(10.0));
        assert_eq!(engagement(&r), None, "no engagement: no sentence");
        r.tiles[3] = tile(Headline::EarnedMediaValue, Some(10.0), None);
        assert_eq!(earned(&r).expect("no change"), "Earned media value was an estimated EUR 10.00, from an earned audience reach of 3.4 M.");
    }

    #[test]
    fn at_most_six_sentences_in_page_order_engagement_dropped_first() {
        let mut r = report();
        r.gaps = vec!["Italy".into()];
        let text = narrative(&r);
        assert_eq!(text.len(), MAX_SENTENCES);
        assert!(text[0].starts_with("Net sentiment") && text[5].starts_with("No data was imported"), "{text:?}");
        assert!(!text.iter().any(|s| s.starts_with("Owned posts")), "{text:?}");
        r.gaps.clear();
        assert_eq!(narrative(&r).len(), 6, "without gaps the engagement sentence fits");
        // an empty period says nothing it cannot back
        let mut empty = report();
        for t in &mut empty.tiles {
            *t = tile(t.headline, None, None);
        }
        empty.campaigns.clear();
        assert!(narrative(&empty).is_empty());
    }
}
