//! Store tests on a temporary SQLite file: rollups agree with the raw rows, hand-computed
//! sums, determinism of the demo, and refusals.
#![cfg(feature = "ssr")]

mod common;

use chrono::NaiveDate;
use common::{demo_db, empty_db, raw, until};
use resonance::kpi::{RateCardEntry, RateMetric, SentimentCounts};
use resonance::model::{DateRange, OverviewFilter, Preset, Sentiment};
use resonance::server::overview;
use resonance::server::store::{
    self, AccountRow, AccountStatus, AuthorRow, BrandRow, NewMention, NewPost, ReferenceData,
    SentimentSource, Slice, StoreError,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn mention(id: &str, brand: i64, author: i64, followers: i64, day: &str, s: Sentiment) -> NewMention {
    NewMention {
        brand_id: brand,
        platform: "x",
        external_id: id.into(),
        author_id: author,
        author_followers: followers,
        published_at: 0,
        day: d(day),
        market: "DE",
        language: Some("en"),
        text: "text".into(),
        sentiment: s,
        sentiment_score: None,
        sentiment_source: SentimentSource::Imported,
        generated_label: None,
        reach: 1000,
        likes: 10,
        comments: 2,
        shares: 1,
        campaign_id: None,
        is_inquiry: false,
        first_response_secs: None,
    }
}

fn tiny_reference() -> ReferenceData {
    ReferenceData {
        platforms: vec![("x".into(), "X".into())],
        markets: vec![("DE".into(), "Germany".into())],
        brands: vec![
            BrandRow { id: 1, name: "Own".into(), is_own: true, keywords: String::new() },
            BrandRow { id: 2, name: "Rival".into(), is_own: false, keywords: String::new() },
        ],
        accounts: vec![AccountRow {
            id: 1,
            brand_id: 1,
            platform: "x".into(),
            handle: "own".into(),
            url: "https://x.example/own".into(),
            market: Some("DE".into()),
            team_id: None,
            owner_id: None,
            backup_owner_id: None,
            custodian_id: None,
            status: AccountStatus::Official,
            created_on: d("2020-01-01"),
            last_reviewed_on: None,
            followers: 100,
        }],
        rate_card: vec![RateCardEntry {
            platform: "x".into(),
            metric: RateMetric::Cpm,
            value: 5.0,
            valid_from: d("2020-01-01"),
        }],
        currency: "EUR".into(),
        authors: (1..=3)
            .map(|id| AuthorRow { id, platform: "x".into(), handle: format!("a{id}"), followers: 0 })
            .collect(),
        ..Default::default()
    }
}

#[tokio::test]
async fn hand_computed_sums_from_a_tiny_dataset() {
    let db = empty_db().await;
    db.store.insert_reference(&tiny_reference()).await.expect("reference");
    let mentions = vec![
        mention("m1", 1, 1, 500, "2026-03-01", Sentiment::Positive),
        mention("m2", 1, 1, 500, "2026-03-02", Sentiment::Negative),
        mention("m3", 1, 2, 200, "2026-03-02", Sentiment::Positive),
        mention("m4", 2, 3, 900, "2026-03-02", Sentiment::Neutral),
        mention("m5", 1, 3, 900, "2026-04-01", Sentiment::Positive), // outside the range
    ];
    let post = NewPost {
        brand_id: 1,
        account_id: 1,
        campaign_id: None,
        platform: "x".into(),
        external_id: "p1".into(),
        published_at: 0,
        day: d("2026-03-01"),
        market: "DE".into(),
        text: String::new(),
        impressions: 2000,
        reach: 1000,
        reactions: 30,
        comments: 5,
        shares: 3,
        saves: 0,
        clicks: 2,
        video_views: 0,
    };
    db.store.insert_activity(&mentions, &[post]).await.expect("activity");
    let slice = Slice {
        range: DateRange { from: d("2026-03-01"), to: d("2026-03-31") },
        brand_id: 1,
        platform: None,
        market: None,
    };
    let sums = db.store.period_sums(&slice).await.expect("sums");
    assert_eq!(sums.sentiment, SentimentCounts { positive: 2, neutral: 0, negative: 1 });
    assert_eq!(sums.all_brands_mentions, 4);
    // author 1 twice (500 once) + author 2 (200)
    assert_eq!(sums.earned_reach, 700);
    assert_eq!(sums.posts.engagements(), 40);
    assert_eq!(sums.posts.engagement_rate_reach(), Some(4.0));
    // 3 mentions × 1000 reach at CPM 5 = 15
    let (card, _) = db.store.rate_card().await.expect("card");
    assert!((resonance::kpi::earned_media_value(&sums.earned_days, &card) - 15.0).abs() < 1e-9);
    let other_market = Slice { market: Some("FR".into()), ..slice };
    assert_eq!(db.store.period_sums(&other_market).await.expect("sums").sentiment.total(), 0);
}

#[tokio::test]
async fn earned_reach_counts_each_author_once_whatever_the_range_and_insert_order() {
    let db = empty_db().await;
    db.store.insert_reference(&tiny_reference()).await.expect("reference");
    let mut fr = mention("m2", 1, 1, 500, "2026-03-02", Sentiment::Positive);
    fr.market = "FR";
    let mut fr_later = mention("m3", 1, 1, 500, "2026-03-05", Sentiment::Neutral);
    fr_later.market = "FR";
    let all = [
        mention("m1", 1, 1, 500, "2026-03-02", Sentiment::Positive),
        fr,
        fr_later,
        mention("m4", 1, 2, 200, "2026-03-10", Sentiment::Negative),
        mention("m5", 1, 2, 200, "2026-03-10", Sentiment::Negative),
        mention("m6", 1, 3, 40, "2026-03-07", Sentiment::Negative),
        mention("m7", 1, 1, 500, "2026-03-08", Sentiment::Positive),
    ];
    // later days first, then earlier ones: the links of existing rows must follow
    db.store.insert_activity(&all[2..], &[]).await.expect("late days");
    db.store.insert_activity(&all[..2], &[]).await.expect("early days");
    let days: Vec<NaiveDate> = DateRange { from: d("2026-03-01"), to: d("2026-03-11") }.iter_days().collect();
    for (i, from) in days.iter().enumerate() {
        for to in &days[i..] {
            for market in [None, Some("DE"), Some("FR")] {
                let expected = resonance::kpi::earned_reach(
                    all.iter()
                        .filter(|m| m.day >= *from && m.day <= *to && market.is_none_or(|mk| mk == m.market))
                        .map(|m| (m.author_id, m.author_followers)),
                );
                let slice = Slice {
                    range: DateRange { from: *from, to: *to },
                    brand_id: 1,
                    platform: None,
                    market: market.map(str::to_string),
                };
                let got = db.store.period_sums(&slice).await.expect("sums").earned_reach;
                assert_eq!(got, expected, "{from}..{to} market {market:?}");
            }
        }
    }
}

#[tokio::test]
async fn a_failed_batch_writes_nothing() {
    let db = empty_db().await;
    db.store.insert_reference(&tiny_reference()).await.expect("reference");
    let dup = vec![
        mention("same", 1, 1, 10, "2026-03-01", Sentiment::Positive),
        mention("same", 1, 1, 10, "2026-03-01", Sentiment::Positive),
    ];
    assert!(db.store.insert_activity(&dup, &[]).await.is_err());
    assert_eq!(db.store.counts().await.expect("counts"), (0, 0));
    let rollup_rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mention_daily")
        .fetch_one(&raw(&db).await)
        .await
        .expect("count");
    assert_eq!(rollup_rows, 0);
}

#[tokio::test]
async fn rollups_agree_with_the_raw_rows() {
    let db = demo_db(20_000, 7).await;
    assert_eq!(db.store.counts().await.expect("counts").0, 20_000);
    let pool = raw(&db).await;
    let (from, to) = ("2026-05-01", "2026-06-30");
    for (platform, market) in
        [(None, None), (Some("instagram"), None), (None, Some("DE")), (Some("x"), Some("UK"))]
    {
        let slice = Slice {
            range: DateRange { from: d(from), to: d(to) },
            brand_id: 1,
            platform: platform.map(str::to_string),
            market: market.map(str::to_string),
        };
        let sums = db.store.period_sums(&slice).await.expect("sums");
        let filter =
            "day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR platform = ?3) AND (?4 IS NULL OR market = ?4)";
        let (pos, neu, neg): (i64, i64, i64) = sqlx::query_as(&format!(
            "SELECT COALESCE(SUM(sentiment_label = 'positive'), 0), COALESCE(SUM(sentiment_label = 'neutral'), 0),
                    COALESCE(SUM(sentiment_label = 'negative'), 0) FROM mentions WHERE brand_id = 1 AND {filter}"
        ))
        .bind(from).bind(to).bind(platform).bind(market)
        .fetch_one(&pool).await.expect("raw sentiment");
        assert_eq!(sums.sentiment, SentimentCounts { positive: pos, neutral: neu, negative: neg });
        let all: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM mentions WHERE {filter}"))
            .bind(from)
            .bind(to)
            .bind(platform)
            .bind(market)
            .fetch_one(&pool)
            .await
            .expect("raw all");
        assert_eq!(sums.all_brands_mentions, all);
        let reach: i64 = sqlx::query_scalar(&format!(
            "SELECT COALESCE(SUM(f), 0) FROM (SELECT MAX(author_followers) f FROM mentions WHERE brand_id = 1 AND {filter} GROUP BY author_id)"
        ))
        .bind(from).bind(to).bind(platform).bind(market)
        .fetch_one(&pool).await.expect("raw reach");
        assert_eq!(sums.earned_reach, reach);
        let eng: i64 = sqlx::query_scalar(&format!(
            "SELECT COALESCE(SUM(reactions + comments + shares + saves + clicks), 0) FROM posts WHERE brand_id = 1 AND {filter}"
        ))
        .bind(from).bind(to).bind(platform).bind(market)
        .fetch_one(&pool).await.expect("raw engagements");
        assert_eq!(sums.posts.engagements(), eng);
    }
    // a rebuild from scratch gives the same rollups
    let before: i64 =
        sqlx::query_scalar("SELECT SUM(mentions * (brand_id + 7) * length(day)) FROM mention_daily")
            .fetch_one(&pool)
            .await
            .expect("checksum");
    db.store.rebuild_rollups().await.expect("rebuild");
    let after: i64 =
        sqlx::query_scalar("SELECT SUM(mentions * (brand_id + 7) * length(day)) FROM mention_daily")
            .fetch_one(&pool)
            .await
            .expect("checksum");
    assert_eq!(before, after);
}

#[tokio::test]
async fn demo_is_deterministic_and_realistic() {
    let a = demo_db(8_000, 11).await;
    let b = demo_db(8_000, 11).await;
    let c = demo_db(8_000, 12).await;
    let filter = OverviewFilter { preset: Preset::Last90Days, ..Default::default() };
    let oa = overview::overview(&a.store, &filter, until()).await.expect("a");
    let ob = overview::overview(&b.store, &filter, until()).await.expect("b");
    let oc = overview::overview(&c.store, &filter, until()).await.expect("c");
    assert_eq!(oa, ob);
    assert_ne!(oa.tiles, oc.tiles);

    let pool = raw(&a).await;
    let (impressions_ok, reach_ok): (bool, bool) = sqlx::query_as(
        "SELECT MIN(impressions >= reach), MIN(reach >= reactions + comments + shares + saves + clicks) FROM posts",
    )
    .fetch_one(&pool).await.expect("invariants");
    assert!(impressions_ok && reach_ok, "impressions ≥ reach ≥ engagements");
    let languages: Vec<String> = sqlx::query_scalar("SELECT DISTINCT language FROM mentions ORDER BY 1")
        .fetch_all(&pool)
        .await
        .expect("languages");
    assert_eq!(languages, vec!["de".to_string(), "en".to_string()]);
    // the planted crisis: the DE negatives of the worst 3-day window dwarf a normal week's
    let worst: i64 = sqlx::query_scalar(
        "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM mentions WHERE brand_id = 1 AND market = 'DE'
         AND sentiment_label = 'negative' GROUP BY day)",
    )
    .fetch_one(&pool)
    .await
    .expect("crisis");
    let typical: f64 = sqlx::query_scalar(
        "SELECT AVG(n) FROM (SELECT COUNT(*) n FROM mentions WHERE brand_id = 1 AND market = 'DE'
         AND sentiment_label = 'negative' GROUP BY day)",
    )
    .fetch_one(&pool)
    .await
    .expect("typical");
    assert!(worst as f64 > 5.0 * typical, "crisis {worst} vs typical {typical}");
    let orphaned: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts a JOIN people p ON p.id = a.owner_id WHERE p.status = 'left'",
    )
    .fetch_one(&pool)
    .await
    .expect("orphaned");
    assert!(orphaned > 0);
}

#[tokio::test]
async fn refusals_are_clear() {
    let err = store::open("mysql://nope").await.err().expect("refused");
    assert!(err.to_string().contains("Unsupported database URL"), "{err}");
    let db = empty_db().await;
    db.store.migrate().await.expect("migrating twice is a no-op");
    let missing = db.store.brand(None).await.expect_err("no brand yet");
    assert!(matches!(missing, StoreError::NotFound(_)));
    let pool = raw(&db).await;
    sqlx::query("INSERT INTO audit_log (at, action) VALUES (1, 'test')")
        .execute(&pool)
        .await
        .expect("insert");
    let update = sqlx::query("UPDATE audit_log SET action = 'changed'").execute(&pool).await;
    assert!(update.is_err(), "the audit log is append-only");
}

#[tokio::test]
async fn overview_refuses_bad_filters() {
    let db = demo_db(2_000, 1).await;
    let inverted = OverviewFilter {
        preset: Preset::Custom,
        from: Some(d("2026-05-01")),
        to: Some(d("2026-01-01")),
        ..Default::default()
    };
    assert!(matches!(overview::overview(&db.store, &inverted, until()).await, Err(StoreError::Invalid(_))));
    let half = OverviewFilter { preset: Preset::Custom, from: Some(d("2026-05-01")), ..Default::default() };
    assert!(matches!(overview::overview(&db.store, &half, until()).await, Err(StoreError::Invalid(_))));
    let injected = OverviewFilter { platform: Some("x' OR 1=1 --".into()), ..Default::default() };
    assert!(matches!(overview::overview(&db.store, &injected, until()).await, Err(StoreError::Invalid(_))));
    let unknown_brand = OverviewFilter { brand: Some(999), ..Default::default() };
    assert!(matches!(
        overview::overview(&db.store, &unknown_brand, until()).await,
        Err(StoreError::NotFound(_))
    ));
    let empty_period = OverviewFilter {
        preset: Preset::Custom,
        from: Some(d("2015-01-01")),
        to: Some(d("2015-01-31")),
        ..Default::default()
    };
    let o = overview::overview(&db.store, &empty_period, until()).await.expect("empty is fine");
    assert_eq!(o.tiles[0].value, Some(0.0));
    assert_eq!(o.sentiment_series.len(), 31);
}
