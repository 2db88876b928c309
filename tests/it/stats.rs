//! The stats query layer against brute force: group-by and series queries on a demo database,
//! on both stores, each compared with sums over the raw `mentions` and `posts` rows.

use chrono::{Datelike, NaiveDate};
use resonance::model::{Bucket, DateRange};
use resonance::stats::{run, Dimension, GroupKey, Metric, Slice, StatsQuery, StatsRow};

use crate::common::{demo_db, raw, Backend, Raw, TestDb};

const FROM: &str = "2026-04-01";
const TO: &str = "2026-06-30";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn range() -> DateRange {
    DateRange { from: d(FROM), to: d(TO) }
}

/// A row as `key|bucket|v1|v2…` (`0` for "no campaign / no team", as the raw SQL writes it).
fn lines(rows: &[StatsRow], metrics: &[Metric]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            let mut parts = vec![match &r.group {
                None => String::new(),
                Some(GroupKey::Id(id)) => id.unwrap_or(0).to_string(),
                Some(GroupKey::Code(code)) => code.clone(),
            }];
            parts.push(r.bucket.map(|b| b.to_string()).unwrap_or_default());
            parts.extend(metrics.iter().map(|m| r.values.of(*m).to_string()));
            parts.join("|")
        })
        .collect()
}

async fn answer(db: &TestDb, query: &StatsQuery) -> Vec<String> {
    let rows = run::run(db.store.as_ref(), query).await.expect("stats");
    lines(&rows, &query.metrics)
}

/// Brute force: `SELECT key, '', sums… FROM … GROUP BY key ORDER BY key` written by the caller,
/// read as the same `key|bucket|v…` lines.
async fn brute(raw: &Raw, select: &str) -> Vec<String> {
    raw.texts(select).await
}

const SENTIMENT: &str = "CAST(COUNT(*) AS TEXT) || '|' || CAST(SUM(CASE WHEN sentiment_label = 'positive' THEN 1 ELSE 0 END) AS TEXT) || '|' || CAST(SUM(CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END) AS TEXT) || '|' || CAST(SUM(CASE WHEN is_inquiry THEN 1 ELSE 0 END) AS TEXT)";

async fn mentions_and_net_sentiment_by_market_brand_and_campaign(backend: &Backend) {
    let db = demo_db(backend, 8_000, 5).await;
    let raw = raw(&db).await;
    let metrics = vec![Metric::Mentions, Metric::Positive, Metric::Negative, Metric::Inquiries];
    let within = format!("day BETWEEN '{FROM}' AND '{TO}'");
    for (dim, column, brand) in [
        (Dimension::Market, "market", Some(1)),
        (Dimension::Brand, "CAST(brand_id AS TEXT)", None),
        (Dimension::Campaign, "CAST(COALESCE(campaign_id, 0) AS TEXT)", Some(1)),
        (Dimension::Platform, "platform", Some(1)),
    ] {
        let slice = Slice { brand_id: brand, ..Slice::brand(range(), 1) };
        let query = StatsQuery { slice, metrics: metrics.clone(), group_by: Some(dim), series: None };
        let brand_filter =
            brand.map_or("brand_id IN (SELECT id FROM brands)".to_string(), |b| format!("brand_id = {b}"));
        let expected = brute(
            &raw,
            &format!(
                "SELECT {column} || '||' || {SENTIMENT} FROM mentions WHERE {brand_filter} AND {within}
                 GROUP BY {column} ORDER BY {column}"
            ),
        )
        .await;
        let mut got = answer(&db, &query).await;
        // the builder orders ids as numbers, the brute force as text
        got.sort();
        let mut expected = expected;
        expected.sort();
        assert!(expected.len() > 1, "{dim:?}: the demo spreads mentions over several values");
        assert_eq!(got, expected, "{dim:?}");
    }

    // a campaign's mentions in one market, totals only
    let campaign = raw.int("SELECT MIN(campaign_id) FROM mentions WHERE campaign_id IS NOT NULL").await;
    let slice = Slice { campaign_id: Some(campaign), market: Some("DE".into()), ..Slice::brand(range(), 1) };
    let got = answer(&db, &StatsQuery::totals(slice, &[Metric::Mentions])).await;
    let expected = raw
        .int(&format!(
            "SELECT COUNT(*) FROM mentions WHERE brand_id = 1 AND {within} AND campaign_id = {campaign} AND market = 'DE'"
        ))
        .await;
    assert_eq!(got, vec![format!("||{expected}")]);
}

async fn weekly_series_of_each_group_sum_its_days(backend: &Backend) {
    let db = demo_db(backend, 8_000, 6).await;
    let raw = raw(&db).await;
    let query = StatsQuery {
        slice: Slice::brand(range(), 1),
        metrics: vec![Metric::Mentions, Metric::Negative],
        group_by: Some(Dimension::Market),
        series: Some(Bucket::Week),
    };
    let rows = run::run(db.store.as_ref(), &query).await.expect("stats");
    let days = raw
        .texts(&format!(
            "SELECT market || '|' || CAST(day AS TEXT) || '|' || CAST(COUNT(*) AS TEXT) || '|' ||
                 CAST(SUM(CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END) AS TEXT)
             FROM mentions WHERE brand_id = 1 AND day BETWEEN '{FROM}' AND '{TO}' GROUP BY market, day"
        ))
        .await;
    let mut expected: std::collections::BTreeMap<(String, NaiveDate), (i64, i64)> = Default::default();
    for line in &days {
        let p: Vec<&str> = line.split('|').collect();
        let week = Bucket::Week.start_of(d(p[1]));
        let e = expected.entry((p[0].to_string(), week)).or_default();
        e.0 += p[2].parse::<i64>().expect("count");
        e.1 += p[3].parse::<i64>().expect("count");
    }
    let expected: Vec<String> =
        expected.into_iter().map(|((m, w), (n, neg))| format!("{m}|{w}|{n}|{neg}")).collect();
    assert!(expected.len() > 20);
    assert_eq!(lines(&rows, &query.metrics), expected);
    assert!(rows.iter().all(|r| r.bucket.is_some_and(|b| b.weekday() == chrono::Weekday::Mon)));
}

async fn posts_by_team_and_account(backend: &Backend) {
    let db = demo_db(backend, 3_000, 8).await;
    let raw = raw(&db).await;
    let metrics = vec![Metric::Posts, Metric::Reactions, Metric::Impressions, Metric::VideoViews];
    let sums = "CAST(COUNT(*) AS TEXT) || '|' || CAST(SUM(p.reactions) AS TEXT) || '|' || CAST(SUM(p.impressions) AS TEXT) || '|' || CAST(SUM(p.video_views) AS TEXT)";
    for (dim, column) in [
        (Dimension::Team, "CAST(COALESCE(a.team_id, 0) AS TEXT)"),
        (Dimension::Account, "CAST(p.account_id AS TEXT)"),
    ] {
        let query = StatsQuery {
            slice: Slice::brand(range(), 1),
            metrics: metrics.clone(),
            group_by: Some(dim),
            series: None,
        };
        let mut expected = brute(
            &raw,
            &format!(
                "SELECT {column} || '||' || {sums} FROM posts p JOIN accounts a ON a.id = p.account_id
                 WHERE p.brand_id = 1 AND p.day BETWEEN '{FROM}' AND '{TO}' GROUP BY {column}"
            ),
        )
        .await;
        let mut got = answer(&db, &query).await;
        got.sort();
        expected.sort();
        assert!(expected.len() > 1, "{dim:?}");
        assert_eq!(got, expected, "{dim:?}");
    }
    // one team's posts by day
    let team = raw.int("SELECT MIN(team_id) FROM accounts WHERE team_id IS NOT NULL").await;
    let query = StatsQuery {
        slice: Slice { team_id: Some(team), ..Slice::brand(range(), 1) },
        metrics: vec![Metric::Posts],
        group_by: None,
        series: Some(Bucket::Day),
    };
    let expected = brute(
        &raw,
        &format!(
            "SELECT '|' || CAST(p.day AS TEXT) || '|' || CAST(COUNT(*) AS TEXT) FROM posts p JOIN accounts a ON a.id = p.account_id
             WHERE p.brand_id = 1 AND a.team_id = {team} AND p.day BETWEEN '{FROM}' AND '{TO}' GROUP BY p.day ORDER BY p.day"
        ),
    )
    .await;
    assert!(!expected.is_empty());
    assert_eq!(answer(&db, &query).await, expected);
}

async fn earned_reach_by_market_platform_brand_and_day(backend: &Backend) {
    let db = demo_db(backend, 8_000, 9).await;
    let raw = raw(&db).await;
    let within = format!("day BETWEEN '{FROM}' AND '{TO}'");
    // each author once per group: the followers of the author (constant in the demo) summed
    for (dim, column, brand) in [
        (Dimension::Market, "market", Some(1)),
        (Dimension::Platform, "platform", Some(1)),
        (Dimension::Brand, "CAST(brand_id AS TEXT)", None),
    ] {
        let brand_filter =
            brand.map_or("brand_id IN (SELECT id FROM brands)".to_string(), |b| format!("brand_id = {b}"));
        let mut expected = brute(
            &raw,
            &format!(
                "SELECT k || '||' || CAST(SUM(f) AS TEXT) FROM (
                     SELECT {column} AS k, author_id, MAX(author_followers) AS f FROM mentions
                     WHERE {brand_filter} AND {within} GROUP BY {column}, author_id) AS authors
                 GROUP BY k"
            ),
        )
        .await;
        let query = StatsQuery {
            slice: Slice { brand_id: brand, ..Slice::brand(range(), 1) },
            metrics: vec![Metric::EarnedReach],
            group_by: Some(dim),
            series: None,
        };
        let mut got = answer(&db, &query).await;
        got.sort();
        expected.sort();
        assert!(expected.len() > 1, "{dim:?}");
        assert_eq!(got, expected, "{dim:?}");
    }
    // per day: each author once per day
    let expected = brute(
        &raw,
        &format!(
            "SELECT '|' || CAST(day AS TEXT) || '|' || CAST(SUM(f) AS TEXT) FROM (
                 SELECT day, author_id, MAX(author_followers) AS f FROM mentions
                 WHERE brand_id = 1 AND market = 'DE' AND {within} GROUP BY day, author_id) AS authors
             GROUP BY day ORDER BY day"
        ),
    )
    .await;
    let query = StatsQuery {
        slice: Slice { market: Some("DE".into()), ..Slice::brand(range(), 1) },
        metrics: vec![Metric::EarnedReach],
        group_by: None,
        series: Some(Bucket::Day),
    };
    assert!(expected.len() > 30);
    assert_eq!(answer(&db, &query).await, expected);
}

async fn a_query_that_cannot_be_answered_is_refused_with_the_reason(backend: &Backend) {
    let db = demo_db(backend, 500, 3).await;
    let query = StatsQuery {
        slice: Slice { account_id: Some(1), ..Slice::brand(range(), 1) },
        metrics: vec![Metric::Mentions, Metric::Posts],
        group_by: None,
        series: None,
    };
    let err = run::run(db.store.as_ref(), &query).await.expect_err("mentions of an account");
    assert!(matches!(err, resonance::server::store::StoreError::Invalid(_)), "{err}");
    assert!(err.to_string().contains("account"), "{err}");
}

contract_tests!(
    mentions_and_net_sentiment_by_market_brand_and_campaign,
    weekly_series_of_each_group_sum_its_days,
    posts_by_team_and_account,
    earned_reach_by_market_platform_brand_and_day,
    a_query_that_cannot_be_answered_is_refused_with_the_reason,
);
