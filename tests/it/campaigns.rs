//! The campaign comparison against brute force over the raw `mentions` and `posts` rows, on
//! both stores: the side-by-side figures, the timeline by day since launch and the lift series.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use resonance::features::campaigns::service;
use resonance::features::campaigns::types::{CampaignStatus, CompareMetric};

use crate::common::{demo_db, empty_db, raw, until, Backend};

fn value(
    c: &resonance::features::campaigns::types::CampaignComparison,
    metric: CompareMetric,
    i: usize,
) -> Option<f64> {
    let row = CompareMetric::ALL.iter().position(|m| *m == metric).expect("row");
    c.values[row][i]
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

async fn the_comparison_equals_sums_over_the_raw_rows(backend: &Backend) {
    let db = demo_db(backend, 12_000, 9).await;
    let raw = raw(&db).await;
    // in flight: the last campaign has run 11 of its 21 days
    let today = until() - Days::new(24);
    let got = service::compare(db.store.as_ref(), "1,2,3,4", today).await.expect("comparison");
    assert_eq!(got.campaigns.len(), 4);
    for (i, c) in got.campaigns.iter().enumerate() {
        let first = c.launches.iter().map(|l| l.1).min().expect("markets");
        let to = c.end_on.min(today);
        let within = format!("campaign_id = {} AND day BETWEEN '{first}' AND '{to}'", c.id);
        let mentions = raw.int(&format!("SELECT COUNT(*) FROM mentions WHERE {within}")).await;
        assert!(mentions > 20, "{}: the demo attributes mentions", c.name);
        assert_eq!(value(&got, CompareMetric::Mentions, i), Some(mentions as f64), "{}", c.name);
        let pos = raw
            .int(&format!("SELECT COUNT(*) FROM mentions WHERE {within} AND sentiment_label = 'positive'"))
            .await;
        let neg = raw
            .int(&format!("SELECT COUNT(*) FROM mentions WHERE {within} AND sentiment_label = 'negative'"))
            .await;
        let net = (pos - neg) as f64 / (pos + neg) as f64 * 100.0;
        assert!((value(&got, CompareMetric::NetSentiment, i).expect("net") - net).abs() < 1e-9, "{}", c.name);
        let authors = raw
            .texts(&format!(
                "SELECT CAST(author_id AS TEXT) || '|' || CAST(author_followers AS TEXT) FROM mentions
                 WHERE {within} ORDER BY published_at, id"
            ))
            .await;
        let reach = resonance::kpi::earned_reach(authors.iter().map(|l| {
            let (a, f) = l.split_once('|').expect("pair");
            (a.parse::<i64>().expect("id"), f.parse::<i64>().expect("followers"))
        }));
        assert_eq!(value(&got, CompareMetric::EarnedReach, i), Some(reach as f64), "{}", c.name);
        let posts = raw.int(&format!("SELECT COUNT(*) FROM posts WHERE {within}")).await;
        let engaged = raw
            .int(&format!("SELECT COALESCE(SUM(reactions + comments + shares + saves + clicks), 0) FROM posts WHERE {within}"))
            .await;
        assert_eq!(value(&got, CompareMetric::Posts, i), Some(posts as f64), "{}", c.name);
        assert_eq!(value(&got, CompareMetric::Engagements, i), Some(engaged as f64), "{}", c.name);
        let (hub, local) = got.hub_local[i];
        assert_eq!(hub + local, engaged, "{}: hub and local engagements add up", c.name);
        // every attributed mention of the demo is dated from its market's launch on
        assert_eq!(got.mentions_by_day[i].iter().sum::<i64>(), mentions, "{}", c.name);
        assert_eq!(got.mentions_by_day[i].len() as i64, c.days_run, "{}", c.name);
        assert_eq!(c.days_run, (to - first).num_days() + 1);
        let spend = value(&got, CompareMetric::Spend, i).expect("spend");
        let cpe = value(&got, CompareMetric::CostPerEngagement, i).expect("cost per engagement");
        assert!((cpe - spend / engaged as f64).abs() < 1e-9);

        // the lift series: each market's brand mentions from D−n to D+n−1 (n its days run)
        let lift = &got.lift[i];
        let mut expected = vec![0i64; (lift.days * 2) as usize];
        let rows = raw
            .texts(&format!(
                "SELECT market || '|' || CAST(day AS TEXT) || '|' || CAST(COUNT(*) AS TEXT) FROM mentions
                 WHERE brand_id = 1 AND day BETWEEN '{}' AND '{to}' GROUP BY market, day",
                first - Days::new(lift.days as u64)
            ))
            .await;
        let launches: HashMap<&str, NaiveDate> = c.launches.iter().map(|(m, l)| (m.as_str(), *l)).collect();
        for row in rows {
            let parts: Vec<&str> = row.split('|').collect();
            let Some(launch) = launches.get(parts[0]) else { continue };
            let n = (to - *launch).num_days() + 1;
            let at = (d(parts[1]) - *launch).num_days();
            if at >= -n && at < n {
                expected[(at + lift.days) as usize] += parts[2].parse::<i64>().expect("count");
            }
        }
        assert_eq!(lift.mentions, expected, "{}", c.name);
        assert_eq!(lift.windows.len(), c.launches.len());
    }
    assert_eq!(got.campaigns[3].status, CampaignStatus::Running);
    assert_eq!(got.campaigns[3].days_run, 11);
    assert_eq!(got.campaigns[0].status, CampaignStatus::Ended);
    // awareness campaigns report no results: revenue and ROI are missing, not zero
    assert_eq!(value(&got, CompareMetric::Revenue, 0), None);
    assert_eq!(value(&got, CompareMetric::Roi, 0), None);
    let roi = |i| value(&got, CompareMetric::Roi, i).expect("roi");
    assert!(roi(3) > roi(1), "Winter Deals wins on ROI");

    for bad in ["1", "1,1", "1,x", "1,2,3,4,5,6,7", "1,999"] {
        let err = service::compare(db.store.as_ref(), bad, today).await.expect_err(bad);
        assert!(matches!(err, resonance::server::store::StoreError::Invalid(_)), "{bad}: {err}");
    }
}

async fn the_list_has_every_campaign_with_its_headline_figures(backend: &Backend) {
    let db = demo_db(backend, 4_000, 2).await;
    let raw = raw(&db).await;
    let list = service::list(db.store.as_ref(), until()).await.expect("list");
    assert_eq!(list.campaigns.len(), 4);
    assert_eq!(list.currency, "EUR");
    for c in &list.campaigns {
        let first = c.launches.iter().map(|l| l.1).min().expect("markets");
        let mentions = raw
            .int(&format!(
                "SELECT COUNT(*) FROM mentions WHERE campaign_id = {} AND day BETWEEN '{first}' AND '{}'",
                c.id, c.end_on
            ))
            .await;
        assert_eq!(c.mentions, mentions, "{}", c.name);
        assert_eq!(c.status, CampaignStatus::Ended);
    }
    let spring = &list.campaigns[0];
    assert_eq!(spring.name, "Spring Ride");
    assert_eq!(spring.launches.len(), 3, "staggered over three markets");
    assert!(spring.launches[0].1 < spring.launches[2].1);
}

async fn a_new_workspace_has_no_campaigns_and_says_what_to_choose(backend: &Backend) {
    let db = empty_db(backend).await;
    let list = service::list(db.store.as_ref(), until()).await.expect("list");
    assert!(list.campaigns.is_empty());
    let err = service::compare(db.store.as_ref(), "1,2", until()).await.expect_err("no campaigns");
    assert!(err.to_string().contains("There is no campaign 1"), "{err}");
}

contract_tests!(
    the_comparison_equals_sums_over_the_raw_rows,
    the_list_has_every_campaign_with_its_headline_figures,
    a_new_workspace_has_no_campaigns_and_says_what_to_choose
);
