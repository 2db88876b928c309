//! The store contract: every store operation, run against SQLite always and against
//! PostgreSQL whenever `RESONANCE_TEST_POSTGRES` names a server (each test on a fresh database
//! or schema). Rollups agree with the raw rows, hand-computed sums, exact earned reach,
//! determinism of the demo, refusals — and the same figures on both stores.

use crate::common;
use crate::common::{demo_db, empty_db, period_sums, raw, until, Backend};
use chrono::NaiveDate;
use resonance::features::overview::service as overview;
use resonance::kpi::{RateCardEntry, RateMetric, SentimentCounts};
use resonance::model::{DateRange, OverviewFilter, Preset, Sentiment};
use resonance::server::store::{
    AccountRow, AccountStatus, AuthorRow, BrandRow, ImportChunk, ImportCounts, ImportMention, NewImportBatch,
    NewMention, NewPost, ReferenceData, SentimentSource, Slice, StoreError,
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
        language: Some("en".into()),
        text: "text".into(),
        sentiment: s,
        sentiment_score: None,
        sentiment_source: SentimentSource::Imported,
        computed_score: None,
        computed_label: None,
        unscored_reason: None,
        imported_label: Some(s),
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

async fn hand_computed_sums_from_a_tiny_dataset(backend: &Backend) {
    let db = empty_db(backend).await;
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
        campaign_by_terms: false,
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
        campaign_id: None,
    };
    let sums = period_sums(&db, &slice).await.expect("sums");
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
    assert_eq!(period_sums(&db, &other_market).await.expect("sums").sentiment.total(), 0);
}

async fn earned_reach_counts_each_author_once_whatever_the_range_and_insert_order(backend: &Backend) {
    let db = empty_db(backend).await;
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
                    campaign_id: None,
                };
                let got = period_sums(&db, &slice).await.expect("sums").earned_reach;
                assert_eq!(got, expected, "{from}..{to} market {market:?}");
            }
        }
    }
    // a custom range too long to list its days reads the whole range: the same figure
    let long = DateRange { from: d("2024-01-01"), to: d("2029-12-31") };
    for (from, expected) in [(long.from, 740), (d("2026-03-03"), 740), (d("2026-03-09"), 200)] {
        let slice = Slice {
            range: DateRange { from, ..long },
            brand_id: 1,
            platform: None,
            market: None,
            campaign_id: None,
        };
        assert_eq!(period_sums(&db, &slice).await.expect("sums").earned_reach, expected, "from {from}");
    }
}

async fn a_failed_batch_writes_nothing(backend: &Backend) {
    let db = empty_db(backend).await;
    db.store.insert_reference(&tiny_reference()).await.expect("reference");
    let dup = [
        mention("same", 1, 1, 10, "2026-03-01", Sentiment::Positive),
        mention("same", 1, 1, 10, "2026-03-01", Sentiment::Positive),
    ];
    assert!(db.store.insert_activity(&dup, &[]).await.is_err());
    assert_eq!(db.store.counts().await.expect("counts"), (0, 0));
    assert_eq!(raw(&db).await.int("SELECT COUNT(*) FROM mention_daily").await, 0);
}

async fn rollups_agree_with_the_raw_rows(backend: &Backend) {
    let db = demo_db(backend, 20_000, 7).await;
    assert_eq!(db.store.counts().await.expect("counts").0, 20_000);
    let raw = raw(&db).await;
    let (from, to) = ("2026-05-01", "2026-06-30");
    for (platform, market) in
        [(None, None), (Some("instagram"), None), (None, Some("DE")), (Some("x"), Some("UK"))]
    {
        let slice = Slice {
            range: DateRange { from: d(from), to: d(to) },
            brand_id: 1,
            platform: platform.map(str::to_string),
            market: market.map(str::to_string),
            campaign_id: None,
        };
        let sums = period_sums(&db, &slice).await.expect("sums");
        let mut filter = format!("day BETWEEN '{from}' AND '{to}'");
        if let Some(p) = platform {
            filter.push_str(&format!(" AND platform = '{p}'"));
        }
        if let Some(m) = market {
            filter.push_str(&format!(" AND market = '{m}'"));
        }
        let count = |label: &str| {
            format!("SELECT COUNT(*) FROM mentions WHERE brand_id = 1 AND {filter} AND sentiment_label = '{label}'")
        };
        let expected = SentimentCounts {
            positive: raw.int(&count("positive")).await,
            neutral: raw.int(&count("neutral")).await,
            negative: raw.int(&count("negative")).await,
        };
        assert_eq!(sums.sentiment, expected, "{platform:?} {market:?}");
        assert_eq!(
            sums.all_brands_mentions,
            raw.int(&format!("SELECT COUNT(*) FROM mentions WHERE {filter}")).await
        );
        let reach = raw
            .int(&format!(
                "SELECT COALESCE(SUM(f), 0) FROM (SELECT MAX(author_followers) AS f FROM mentions
                 WHERE brand_id = 1 AND {filter} GROUP BY author_id) AS authors"
            ))
            .await;
        assert_eq!(sums.earned_reach, reach);
        let engagements = raw
            .int(&format!(
                "SELECT COALESCE(SUM(reactions + comments + shares + saves + clicks), 0) FROM posts WHERE brand_id = 1 AND {filter}"
            ))
            .await;
        assert_eq!(sums.posts.engagements(), engagements);
        // the sentiment trend: one entry per day with mentions, in order, each day's counts as counted
        let days = &sums.sentiment_days;
        assert!(days.windows(2).all(|w| w[0].0 < w[1].0), "days in order, once each");
        let series_total: i64 = days.iter().map(|(_, c)| c.total()).sum();
        assert_eq!(series_total, sums.sentiment.total());
        if let Some((day, counts)) = days.get(days.len() / 2) {
            let on_day = |label: &str| {
                format!("SELECT COUNT(*) FROM mentions WHERE brand_id = 1 AND {filter} AND day = '{day}' AND sentiment_label = '{label}'")
            };
            assert_eq!(counts.negative, raw.int(&on_day("negative")).await, "{day}");
            assert_eq!(counts.positive, raw.int(&on_day("positive")).await, "{day}");
        }
        let posts = &sums.post_days;
        let series_engagements: i64 = posts.iter().map(|(_, p)| p.engagements()).sum();
        assert_eq!(series_engagements, engagements);
    }
    // a rebuild from scratch gives the same rollups
    let checksum = "SELECT SUM(mentions * (brand_id + 7) + reach % 1000) FROM mention_daily";
    let before = raw.int(checksum).await;
    let reach_before =
        raw.int("SELECT SUM(followers) FROM mention_author_daily WHERE prev_author = '0001-01-01'").await;
    db.store.rebuild_rollups().await.expect("rebuild");
    assert_eq!(raw.int(checksum).await, before);
    assert_eq!(
        raw.int("SELECT SUM(followers) FROM mention_author_daily WHERE prev_author = '0001-01-01'").await,
        reach_before
    );
}

async fn demo_is_deterministic_and_realistic(backend: &Backend) {
    let a = demo_db(backend, 8_000, 11).await;
    let b = demo_db(backend, 8_000, 11).await;
    let c = demo_db(backend, 8_000, 12).await;
    let filter = OverviewFilter { preset: Preset::Last90Days, ..Default::default() };
    let oa = overview::overview(&a.store, &filter, until()).await.expect("a");
    let ob = overview::overview(&b.store, &filter, until()).await.expect("b");
    let oc = overview::overview(&c.store, &filter, until()).await.expect("c");
    assert_eq!(oa, ob);
    assert_ne!(oa.tiles, oc.tiles);

    let raw = raw(&a).await;
    assert_eq!(
        raw.int("SELECT COUNT(*) FROM posts WHERE impressions < reach").await,
        0,
        "impressions ≥ reach"
    );
    assert_eq!(
        raw.int("SELECT COUNT(*) FROM posts WHERE reach < reactions + comments + shares + saves + clicks")
            .await,
        0,
        "reach ≥ engagements"
    );
    assert_eq!(raw.int("SELECT COUNT(DISTINCT language) FROM mentions").await, 2);
    assert_eq!(raw.int("SELECT COUNT(*) FROM mentions WHERE language NOT IN ('en', 'de')").await, 0);
    // the planted crisis: the worst day of DE negatives dwarfs a typical day
    let per_day = "SELECT COUNT(*) AS n FROM mentions WHERE brand_id = 1 AND market = 'DE'
                   AND sentiment_label = 'negative' GROUP BY day";
    let worst = raw.int(&format!("SELECT MAX(n) FROM ({per_day}) AS days")).await;
    let total = raw.int(&format!("SELECT SUM(n) FROM ({per_day}) AS days")).await;
    let days = raw.int(&format!("SELECT COUNT(*) FROM ({per_day}) AS days")).await;
    let typical = total as f64 / days as f64;
    assert!(worst as f64 > 5.0 * typical, "crisis {worst} vs typical {typical}");
    let orphaned = raw
        .int("SELECT COUNT(*) FROM accounts a JOIN people p ON p.id = a.owner_id WHERE p.status = 'left'")
        .await;
    assert!(orphaned > 0);
}

async fn refusals_are_clear(backend: &Backend) {
    let db = empty_db(backend).await;
    db.store.migrate().await.expect("migrating twice is a no-op");
    let missing = db.store.brand(None).await.expect_err("no brand yet");
    assert!(matches!(missing, StoreError::NotFound(_)));
    let raw = raw(&db).await;
    raw.execute("INSERT INTO audit_log (at, action) VALUES (1, 'test')").await.expect("insert");
    assert!(
        raw.execute("UPDATE audit_log SET action = 'changed'").await.is_err(),
        "the audit log is append-only"
    );
    assert!(raw.execute("DELETE FROM audit_log").await.is_err(), "the audit log is append-only");
}

/// A mention's label and source take only their known values, on both stores; on SQLite the
/// rules are comparisons, not `IN` lists (migration 0005), so that an INSERT builds no temporary
/// index per row.
async fn mention_labels_are_checked(backend: &Backend) {
    let db = demo_db(backend, 200, 5).await;
    let raw = raw(&db).await;
    let one = "(SELECT MIN(id) FROM mentions)";
    for (column, bad) in [
        ("sentiment_label", "'great'"),
        ("sentiment_source", "'guessed'"),
        ("computed_label", "'meh'"),
        ("imported_label", "'Positive'"),
        ("manual_label", "''"),
        ("generated_label", "'mixed'"),
    ] {
        let sql = format!("UPDATE mentions SET {column} = {bad} WHERE id = {one}");
        assert!(raw.execute(&sql).await.is_err(), "{sql} must be refused");
    }
    for sql in [
        "UPDATE mentions SET computed_label = NULL, imported_label = 'negative', manual_label = 'neutral'",
        "UPDATE mentions SET sentiment_label = 'negative', sentiment_source = 'manual'",
    ] {
        assert!(raw.execute(&format!("{sql} WHERE id = {one}")).await.is_ok(), "{sql}");
    }
    if let common::Raw::Sqlite(pool) = &raw {
        use sqlx::Row;
        let plan = sqlx::query(
            "EXPLAIN INSERT INTO mentions (brand_id, platform, external_id, author_id, published_at, day,
                 text, sentiment_label, sentiment_source, computed_label, imported_label)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .fetch_all(pool)
        .await
        .expect("explain");
        let opcodes: Vec<String> = plan.iter().map(|r| r.get::<String, _>("opcode")).collect();
        assert!(opcodes.iter().any(|o| o == "Insert"), "{opcodes:?}");
        assert!(!opcodes.iter().any(|o| o == "OpenEphemeral"), "a temporary index per row: {opcodes:?}");
    }
}

async fn settings_options_and_refills(backend: &Backend) {
    let db = demo_db(backend, 3_000, 3).await;
    assert_eq!(db.store.setting("reporting_time_zone").await.expect("tz").as_deref(), Some("UTC"));
    db.store.set_setting("reporting_time_zone", "Europe/Berlin").await.expect("set");
    db.store.set_setting("reporting_time_zone", "Europe/Zurich").await.expect("overwrite");
    assert_eq!(db.store.setting("reporting_time_zone").await.expect("tz").as_deref(), Some("Europe/Zurich"));
    assert_eq!(db.store.setting("no such key").await.expect("none"), None);

    let options = db.store.filter_options().await.expect("options");
    assert_eq!(options.brands.len(), 4);
    assert!(options.brands[0].is_own, "own brand first");
    assert_eq!(options.platforms.len(), 6);
    assert_eq!(options.markets.len(), 6);
    let extent = options.data_extent.expect("extent");
    assert_eq!(extent.to, until());
    assert_eq!(extent.days(), 365);
    assert_eq!(options.time_zone, "Europe/Zurich");

    let (card, currency) = db.store.rate_card().await.expect("card");
    assert_eq!(currency, "EUR");
    assert_eq!(card.len(), 25);

    // a refill replaces the data and keeps users
    let raw = raw(&db).await;
    raw.execute(
        "INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('a@example.com', 'A', 'x', 'admin', 1)",
    )
    .await
    .expect("user");
    resonance::server::demo::generate(
        &db.store,
        &resonance::server::demo::DemoOptions {
            mentions: 2_000,
            seed: 3,
            until: until(),
            time_zone: chrono_tz::Tz::UTC,
            thresholds: Default::default(),
        },
    )
    .await
    .expect("refill");
    assert_eq!(db.store.counts().await.expect("counts").0, 2_000);
    // the five demo users (added once) and the one added by hand
    assert_eq!(raw.int("SELECT COUNT(*) FROM users").await, 6);
    assert_eq!(raw.int("SELECT COUNT(*) FROM users WHERE email = 'a@example.com'").await, 1);
    assert_eq!(raw.int("SELECT SUM(mentions) FROM mention_daily").await, 2_000);
}

async fn overview_refuses_bad_filters(backend: &Backend) {
    let db = demo_db(backend, 2_000, 1).await;
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

#[tokio::test]
async fn unsupported_urls_are_refused_with_the_accepted_forms() {
    let err = resonance::server::store::open("mysql://nope").await.err().expect("refused");
    assert!(err.to_string().contains("expected sqlite://PATH or postgres://"), "{err}");
    let err = resonance::server::store::open("postgres://u@h/db?schema=x;drop").await.err().expect("refused");
    assert!(err.to_string().contains("letters, digits and _"), "{err}");
}

/// The same seed gives exactly the same overview on SQLite and PostgreSQL.
#[tokio::test]
#[ignore = "PostgreSQL: `make test` runs it (cargo test -- --include-ignored with RESONANCE_TEST_POSTGRES set)"]
async fn same_figures_on_both_stores() {
    let pg = Backend::required_postgres();
    let lite = demo_db(&Backend::Sqlite, 20_000, 21).await;
    let post = demo_db(&pg, 20_000, 21).await;
    let filters = resonance::server::bench::demo_filters();
    assert!(filters.len() >= 8);
    for (name, filter) in filters {
        let a = overview::overview(&lite.store, &filter, until()).await.expect("sqlite");
        let b = overview::overview(&post.store, &filter, until()).await.expect("postgres");
        assert_eq!(a, b, "{name}");
    }
    assert_eq!(lite.store.filter_options().await.expect("a"), post.store.filter_options().await.expect("b"));
}

/// Users, sessions, sign-in failures, the audit log and governance edits: every write carries
/// its audit entry in the same transaction; the audit log cannot be changed.
async fn users_sessions_audit_and_governance(backend: &Backend) {
    use resonance::auth::{AuditFilter, Role};
    use resonance::features::governance::types::AccountUpdate;
    use resonance::server::store::{Audit, NewUser, SessionRecord};
    let db = demo_db(backend, 3_000, 3).await;
    let store = &db.store;
    assert_eq!(store.count_users().await.expect("count"), 5, "one demo user per role");
    let new = NewUser {
        email: "kim@example.com".into(),
        name: "Kim".into(),
        password_hash: "$argon2id$stub".into(),
        role: Role::TeamLead,
        team_id: Some(2),
        is_demo: false,
        must_change_password: true,
        created_at: 1_700_000_000,
    };
    let id =
        store.create_user(&new, Audit::new(1_700_000_000, None, "user.created", None)).await.expect("create");
    let dup = store.create_user(&new, Audit::new(1_700_000_000, None, "user.created", None)).await;
    assert!(matches!(dup, Err(StoreError::Invalid(m)) if m.contains("already exists")));
    let kim = store.user_by_email(" KIM@example.com ").await.expect("lookup").expect("found");
    assert_eq!(
        (kim.id, kim.role, kim.team.as_deref(), kim.must_change_password),
        (id, Role::TeamLead, Some("Germany Team"), true)
    );

    let session = SessionRecord {
        token_hash: "h1".into(),
        user_id: id,
        created_at: 100,
        last_seen_at: 100,
        expires_at: 1_000,
        ip: Some("10.0.0.1".into()),
        user_agent: None,
    };
    store
        .create_session(&session, "account:kim@example.com", Audit::new(100, Some(id), "sign_in", None))
        .await
        .expect("session");
    let (found, user) = store.session("h1").await.expect("session").expect("exists");
    assert_eq!((found, user.id), (session.clone(), id));
    store.touch_session("h1", 500).await.expect("touch");
    assert_eq!(store.purge_sessions(600, 200).await.expect("purge"), 0);
    assert_eq!(store.purge_sessions(701, 200).await.expect("purge idle"), 1);
    assert!(store.session("h1").await.expect("session").is_none());

    let keys = ["account:kim@example.com".to_string(), "address:10.0.0.1".to_string()];
    for at in [10, 20, 30] {
        store.record_failure(&keys, Audit::new(at, Some(id), "sign_in.failed", None)).await.expect("failure");
    }
    assert_eq!(store.failures_since(&keys[0], 15).await.expect("failures"), 2);

    store
        .set_role(id, Role::Viewer, None, Audit::new(40, None, "user.role_changed", None))
        .await
        .expect("role");
    store
        .set_password(id, "$argon2id$other", false, None, Audit::new(41, None, "user.password_reset", None))
        .await
        .expect("pw");
    store.set_active(id, false, Audit::new(42, None, "user.deactivated", None)).await.expect("deactivate");
    assert!(matches!(
        store.set_active(999_999, false, Audit::new(43, None, "x", None)).await,
        Err(StoreError::NotFound(_))
    ));
    let kim = store.user(id).await.expect("user").expect("kim");
    assert_eq!(
        (kim.role, kim.team_id, kim.active, kim.password_hash.as_str()),
        (Role::Viewer, None, false, "$argon2id$other")
    );

    let (accounts, people) =
        (store.registry(until()).await.expect("accounts"), store.registry_people().await.expect("people"));
    let accounts: Vec<_> = accounts.into_iter().filter(|a| a.team_id == Some(2)).collect();
    assert!(!accounts.is_empty());
    let owner_before = accounts[0].owner.as_ref().map(|p| p.id);
    let others: Vec<_> = people.iter().filter(|p| Some(p.id) != owner_before).collect();
    let update = AccountUpdate {
        account_id: accounts[0].id,
        owner_id: Some(others[0].id),
        backup_owner_id: Some(others[1].id),
        custodian_id: None,
        status: AccountStatus::Dormant,
        reason: "handover".into(),
    };
    store
        .update_account(
            &update,
            "kim@example.com",
            until(),
            Audit::new(50, Some(id), "account.updated", None),
        )
        .await
        .expect("update");
    let after = store.registry(until()).await.expect("accounts");
    let a = after.iter().find(|a| a.id == update.account_id).expect("account");
    assert_eq!(
        (
            a.owner.as_ref().map(|p| p.id),
            a.backup.as_ref().map(|p| p.id),
            a.custodian.as_ref(),
            a.status,
            a.last_reviewed_on
        ),
        (update.owner_id, update.backup_owner_id, None, AccountStatus::Dormant, Some(until()))
    );
    // people are written by email in the history, with the reason
    let history = store.account_history(update.account_id).await.expect("history");
    let owner = history.iter().find(|e| e.kind == "owner").expect("owner event");
    assert_eq!((owner.to.as_deref(), owner.reason.as_str()), (Some(others[0].email.as_str()), "handover"));
    assert!(history.iter().any(|e| e.kind == "reviewed" && e.to == Some(until().to_string())));
    let bad = AccountUpdate { owner_id: Some(999_999), ..update.clone() };
    assert!(matches!(
        store.update_account(&bad, "kim", until(), Audit::new(51, None, "account.updated", None)).await,
        Err(StoreError::Invalid(_))
    ));
    let mine = store
        .audit_log(&AuditFilter { user_id: Some(id), ..AuditFilter::default() }, 100)
        .await
        .expect("audit");
    let actions: Vec<&str> = mine.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["account.updated", "sign_in.failed", "sign_in.failed", "sign_in.failed", "sign_in"]);
    let created = store
        .audit_log(&AuditFilter { action: Some("user.created".into()), ..AuditFilter::default() }, 100)
        .await
        .expect("audit");
    assert_eq!(created.len(), 6);
    let page = store.audit_log(&AuditFilter::default(), 3).await.expect("audit");
    let older = store
        .audit_log(&AuditFilter { before_id: Some(page[2].id), ..AuditFilter::default() }, 3)
        .await
        .expect("audit");
    assert!(older.iter().all(|e| e.id < page[2].id));
    let raw = raw(&db).await;
    assert!(raw.execute("UPDATE audit_log SET action = 'forged'").await.is_err(), "append-only");
    assert!(raw.execute("DELETE FROM audit_log").await.is_err(), "append-only");
}

/// Scored at insert, listed, overridden by hand (audited, rollups follow), kept through a
/// rescore, cleared again; precedence manual > imported > computed throughout.
async fn sentiment_scoring_overrides_and_rollups(backend: &Backend) {
    use resonance::sentiment::Thresholds;
    use resonance::server::store::Audit;
    let db = empty_db(backend).await;
    let store = &db.store;
    store.insert_reference(&tiny_reference()).await.expect("reference");
    let scored = |id: &str, text: &str, imported: Option<Sentiment>| {
        let mut m = mention(id, 1, 1, 500, "2026-03-02", Sentiment::Neutral);
        m.language = None;
        m.text = text.into();
        m.imported_label = imported;
        m.score(&Thresholds::default());
        m
    };
    let mentions = vec![
        scored("en", "I absolutely love my new bike, the battery is great!", None),
        scored("de", "Der Service ist leider eine Katastrophe, total enttäuscht.", None),
        scored("imp", "I absolutely love it", Some(Sentiment::Negative)),
        scored("fr", "Le vélo est arrivé ce matin chez nous avec le livreur", None),
    ];
    store.insert_activity(&mentions, &[]).await.expect("activity");
    let slice = Slice {
        range: DateRange { from: d("2026-03-01"), to: d("2026-03-31") },
        brand_id: 1,
        platform: None,
        market: None,
        campaign_id: None,
    };
    let (rows, total) = store.mention_page(&slice, None, 0, 50).await.expect("page");
    assert_eq!(total, 4);
    let by_id = |rows: &[resonance::features::mentions::types::MentionRow], ext: usize| {
        rows.iter().find(|r| r.id == ext as i64).cloned().expect("row")
    };
    use resonance::features::mentions::types::SentimentOrigin as O;
    let en = by_id(&rows, 1);
    assert_eq!(
        (en.sentiment, en.origin, en.language.as_deref()),
        (Sentiment::Positive, O::Computed, Some("en"))
    );
    assert!(en.computed_score.expect("score") > 0.5);
    let de = by_id(&rows, 2);
    assert_eq!((de.sentiment, de.language.as_deref()), (Sentiment::Negative, Some("de")));
    let imp = by_id(&rows, 3);
    assert_eq!(
        (imp.sentiment, imp.origin, imp.computed_label),
        (Sentiment::Negative, O::Imported, Some(Sentiment::Positive))
    );
    let fr = by_id(&rows, 4);
    assert_eq!(
        (fr.sentiment, fr.computed_score, fr.language.as_deref()),
        (Sentiment::Neutral, None, Some("fra"))
    );
    assert!(fr.unscored_reason.as_deref().unwrap_or("").contains("French"));
    let counts = |store: &resonance::server::store::DynStore| {
        let slice = slice.clone();
        let store = store.clone();
        async move {
            resonance::stats::run::period_sums(store.as_ref(), &(&slice).into())
                .await
                .expect("sums")
                .sentiment
        }
    };
    assert_eq!(counts(store).await, SentimentCounts { positive: 1, neutral: 1, negative: 2 });
    let (negatives, n) = store.mention_page(&slice, Some(Sentiment::Negative), 0, 50).await.expect("page");
    assert_eq!((n, negatives.len()), (2, 2));

    // a manager's override wins, is audited and moves the rollup
    let audit = || Audit::new(1, None, "mention.sentiment", None);
    let row = store
        .set_manual_sentiment(1, Some(Sentiment::Negative), audit().target("mention", 1))
        .await
        .expect("override");
    assert_eq!(
        (row.sentiment, row.origin, row.manual_label),
        (Sentiment::Negative, O::Manual, Some(Sentiment::Negative))
    );
    assert_eq!(counts(store).await, SentimentCounts { positive: 0, neutral: 1, negative: 3 });
    let over = store
        .set_manual_sentiment(3, Some(Sentiment::Positive), audit().target("mention", 3))
        .await
        .expect("override");
    assert_eq!((over.sentiment, over.origin), (Sentiment::Positive, O::Manual), "manual beats imported");

    // rescoring recomputes computed scores only
    let done = resonance::features::mentions::scoring::rescore(
        store,
        &Thresholds::new(0.99, -0.99).expect("t"),
        |_| {},
    )
    .await
    .expect("rescore");
    assert_eq!(done, 4);
    let (rows, _) = store.mention_page(&slice, None, 0, 50).await.expect("page");
    assert_eq!((by_id(&rows, 1).sentiment, by_id(&rows, 1).origin), (Sentiment::Negative, O::Manual));
    assert_eq!(by_id(&rows, 2).sentiment, Sentiment::Neutral, "the stricter thresholds took effect");
    assert_eq!(counts(store).await, SentimentCounts { positive: 1, neutral: 2, negative: 1 });

    // clearing the override falls back to imported, then computed
    let back = store.set_manual_sentiment(3, None, audit().target("mention", 3)).await.expect("clear");
    assert_eq!((back.sentiment, back.origin), (Sentiment::Negative, O::Imported));
    let back = store.set_manual_sentiment(1, None, audit().target("mention", 1)).await.expect("clear");
    assert_eq!((back.origin, back.manual_label), (O::Computed, None));

    // an unknown mention: refused, nothing written
    let before = store.audit_log(&Default::default(), 100).await.expect("audit").len();
    assert!(matches!(
        store.set_manual_sentiment(999, Some(Sentiment::Positive), audit()).await,
        Err(StoreError::NotFound(_))
    ));
    let entries = store.audit_log(&Default::default(), 100).await.expect("audit");
    assert_eq!(entries.len(), before);
    assert_eq!(entries.iter().filter(|e| e.action == "mention.sentiment").count(), 4);
}

/// Every row of both mention rollups, as text, in a fixed order.
async fn mention_rollups(raw: &common::Raw) -> (Vec<String>, Vec<String>) {
    let daily = raw
        .texts(
            "SELECT CAST(brand_id AS TEXT) || ' ' || CAST(day AS TEXT) || ' ' || platform || ' ' || market || ' '
                 || CAST(campaign_id AS TEXT) || ' ' || sentiment || ' ' || CAST(mentions AS TEXT) || ' '
                 || CAST(reach AS TEXT) || ' ' || CAST(likes AS TEXT) || ' ' || CAST(comments AS TEXT) || ' '
                 || CAST(shares AS TEXT) || ' ' || CAST(inquiries AS TEXT) AS r
             FROM mention_daily ORDER BY r",
        )
        .await;
    let authors = raw
        .texts(
            "SELECT CAST(brand_id AS TEXT) || ' ' || CAST(day AS TEXT) || ' ' || platform || ' ' || market || ' '
                 || CAST(author_id AS TEXT) || ' ' || CAST(followers AS TEXT) || ' '
                 || COALESCE(CAST(prev_author AS TEXT), '-') || ' ' || COALESCE(CAST(prev_market AS TEXT), '-') AS r
             FROM mention_author_daily ORDER BY r",
        )
        .await;
    (daily, authors)
}

/// One file's worth of mentions through `import_batch`, as the importer hands them over.
async fn import_mentions(db: &common::TestDb, mentions: Vec<ImportMention>) -> ImportCounts {
    import_mentions_gathering(db, mentions, resonance::server::store::imports::AUTHOR_DAYS_IN_MEMORY).await
}

/// The same, gathering at most `author_days_in_memory` author-days in memory.
async fn import_mentions_gathering(
    db: &common::TestDb,
    mentions: Vec<ImportMention>,
    author_days_in_memory: usize,
) -> ImportCounts {
    let (sender, receiver) = tokio::sync::mpsc::channel(2);
    let rows = mentions.len() as u64;
    // two chunks, so the rollups follow more than one statement's rows
    let (first, second) = mentions.split_at(mentions.len() / 2);
    for part in [first, second] {
        let chunk =
            ImportChunk { mentions: part.to_vec(), rows_read: part.len() as u64, ..Default::default() };
        sender.send(Ok(chunk)).await.expect("send");
    }
    drop(sender);
    let batch = NewImportBatch {
        file_name: "test.csv".into(),
        sha256: format!("{rows}"),
        format: "generic-mentions".into(),
        user_id: None,
        started_at: 0,
        author_days_in_memory,
    };
    db.store.import_batch(batch, receiver).await.expect("import")
}

/// An import of new mentions adds to the rollups exactly what a rebuild from the raw rows makes:
/// days before, between and after an author's stored days, a second row on one day, new
/// authors, campaigns and imported labels; and a batch that changes stored rows rebuilds.
async fn imports_keep_the_rollups_a_rebuild_makes(backend: &Backend) {
    let db = demo_db(backend, 3_000, 11).await;
    let raw = raw(&db).await;
    let known: Vec<(String, String)> = raw
        .texts("SELECT platform || ' ' || handle FROM authors WHERE id IN (SELECT author_id FROM mentions) ORDER BY id")
        .await
        .into_iter()
        .take(8)
        .map(|r| {
            let (p, h) = r.split_once(' ').expect("platform handle");
            (p.to_string(), h.to_string())
        })
        .collect();
    let campaign = raw.int("SELECT MIN(id) FROM campaigns").await;
    let days = raw.texts("SELECT CAST(MIN(day) AS TEXT) FROM mentions").await;
    let first = d(&days[0]);
    let mention = |n: usize, (platform, author): (&str, &str), day: i64, market: &str| ImportMention {
        brand_id: 1,
        platform: platform.into(),
        external_id: format!("t-{n}"),
        author: author.into(),
        author_followers: 1_000 + (n as i64 * 37) % 500,
        published_at: 0,
        day: first + chrono::Days::new(day as u64),
        market: market.into(),
        language: "en".into(),
        text: "text".into(),
        computed_score: Some(0.4),
        computed_label: Some([Sentiment::Positive, Sentiment::Neutral, Sentiment::Negative][n % 3]),
        unscored_reason: None,
        imported_label: (n % 4 == 0).then_some(Sentiment::Negative),
        reach: 100 + n as i64,
        likes: n as i64 % 7,
        comments: n as i64 % 3,
        shares: n as i64 % 2,
        campaign_id: (n % 5 == 0).then_some(campaign),
        campaign_by_terms: false,
    };
    let mut batch = Vec::new();
    for (i, (platform, author)) in known.iter().enumerate() {
        for (day, market) in
            [(0, "DE"), (3, "DE"), (3, "AT"), (43 + i as i64, "FR"), (203, "DE"), (403, "UK")]
        {
            let n = batch.len();
            batch.push(mention(n, (platform, author), day, market));
        }
    }
    // new authors: a second row on one day and market (the larger follower count stays)
    let new_days = [(5, "DE"), (5, "DE"), (5, "CH"), (9, "DE"), (2, "DE"), (9, "DE"), (9, "DE")];
    for (n, (day, market)) in new_days.into_iter().enumerate() {
        let at = batch.len();
        batch.push(mention(at, ("instagram", &format!("new_author_{}", n % 2)), day, market));
    }
    let counts = import_mentions(&db, batch.clone()).await;
    assert_eq!((counts.inserted, counts.updated), (batch.len() as u64, 0));
    let incremental = mention_rollups(&raw).await;
    db.store.rebuild_rollups().await.expect("rebuild");
    assert_eq!(mention_rollups(&raw).await, incremental, "new mentions: the rollups a rebuild makes");
    assert_eq!(
        raw.int("SELECT SUM(mentions) FROM mention_daily").await,
        raw.int("SELECT COUNT(*) FROM mentions").await
    );

    // changed rows (a day moved, a label) and new ones in one batch
    let mut again = vec![batch[1].clone(), batch[7].clone()];
    again[0].day = again[0].day + chrono::Days::new(30);
    again[1].imported_label = Some(Sentiment::Positive);
    again.push(mention(9_000, ("instagram", "new_author_2"), 12, "DE"));
    let counts = import_mentions(&db, again).await;
    assert_eq!((counts.inserted, counts.updated), (1, 2));
    let after = mention_rollups(&raw).await;
    db.store.rebuild_rollups().await.expect("rebuild");
    assert_eq!(mention_rollups(&raw).await, after, "changed mentions: the rollups a rebuild makes");

    // past the in-memory cap, the author-days are gathered and linked in SQL: the same rollups
    let mut more: Vec<ImportMention> = known
        .iter()
        .enumerate()
        .map(|(i, (platform, author))| mention(20_000 + i, (platform, author), 100 + i as i64, "DE"))
        .collect();
    more.push(mention(20_100, ("x", "new_author_9"), 7, "AT"));
    more.push(mention(20_101, ("x", "new_author_9"), 8, "AT"));
    let counts = import_mentions_gathering(&db, more.clone(), 1).await;
    assert_eq!((counts.inserted, counts.updated), (more.len() as u64, 0));
    let gathered_in_sql = mention_rollups(&raw).await;
    db.store.rebuild_rollups().await.expect("rebuild");
    assert_eq!(mention_rollups(&raw).await, gathered_in_sql, "gathered in SQL: the rollups a rebuild makes");
}

contract_tests!(
    imports_keep_the_rollups_a_rebuild_makes,
    sentiment_scoring_overrides_and_rollups,
    users_sessions_audit_and_governance,
    hand_computed_sums_from_a_tiny_dataset,
    earned_reach_counts_each_author_once_whatever_the_range_and_insert_order,
    a_failed_batch_writes_nothing,
    rollups_agree_with_the_raw_rows,
    demo_is_deterministic_and_realistic,
    refusals_are_clear,
    mention_labels_are_checked,
    settings_options_and_refills,
    overview_refuses_bad_filters,
);
