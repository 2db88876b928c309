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
        // top posts: sorted here from every attributed post of the window
        let mut all: Vec<(i64, i64, i64, i64)> = raw
            .texts(&format!(
                "SELECT CAST(reactions + comments + shares + saves + clicks AS TEXT) || '|' || CAST(published_at AS TEXT)
                     || '|' || CAST(id AS TEXT) || '|' || CAST(impressions AS TEXT) FROM posts WHERE {within}"
            ))
            .await
            .iter()
            .map(|l| {
                let v: Vec<i64> = l.split('|').map(|x| x.parse().expect("number")).collect();
                (-v[0], v[1], v[2], v[3])
            })
            .collect();
        all.sort_unstable();
        let expected: Vec<(i64, i64)> = all.iter().take(5).map(|r| (-r.0, r.3)).collect();
        let top: Vec<(i64, i64)> = got
            .top_posts
            .iter()
            .filter(|p| p.campaign == i)
            .map(|p| (p.engagements, p.impressions))
            .collect();
        assert_eq!(top, expected, "{}: top posts", c.name);
        assert!(got.top_posts.iter().all(|p| p.text.chars().count() <= 201 && !p.account.is_empty()));
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

/// The ids of the rows the rule attributes to a campaign of brand 1, computed here from the raw rows on its own.
fn brute_force(
    rows: &[String],
    terms: &[&str],
    markets: &[(&str, &str)],
    (start, end): (&str, &str),
) -> Vec<i64> {
    let whole = |text: &str, term: &str| {
        text.match_indices(term).any(|(at, _)| {
            let before = text[..at].chars().last();
            let after = text[at + term.len()..].chars().next();
            let word = |c: char| c.is_alphanumeric() || c == '_';
            (term.starts_with('#') || !before.is_some_and(word)) && !after.is_some_and(word)
        })
    };
    let mut ids = Vec::new();
    for row in rows {
        let f: Vec<&str> = row.splitn(6, '|').collect();
        let [id, brand, day, market, current, text] = f[..] else { panic!("row {row}") };
        let explicit = current.starts_with('i');
        if explicit {
            continue;
        }
        let in_window = match market {
            "" => start <= day && day <= end,
            m => markets.iter().any(|(mm, launch)| *mm == m && *launch <= day && day <= end),
        };
        let text = text.to_lowercase();
        if brand == "1" && in_window && terms.iter().any(|t| whole(&text, t)) {
            ids.push(id.parse().expect("id"));
        }
    }
    ids.sort();
    ids
}

/// Rows as `id|brand|day|market|i<campaign> (import) or t<campaign> (terms) or -|text`.
async fn rows_of(raw: &crate::common::Raw, table: &str) -> Vec<String> {
    raw.texts(&format!(
        "SELECT CAST(id AS TEXT) || '|' || CAST(brand_id AS TEXT) || '|' || CAST(day AS TEXT) || '|' || market || '|' ||
             CASE WHEN campaign_id IS NULL THEN '-' WHEN campaign_by_terms = {t} THEN 't' || CAST(campaign_id AS TEXT)
                  ELSE 'i' || CAST(campaign_id AS TEXT) END || '|' || text FROM {table} ORDER BY id",
        t = raw.true_literal()
    ))
    .await
}

async fn saving_a_campaign_attributes_by_its_terms_as_brute_force_does(backend: &Backend) {
    use resonance::features::campaigns::types::{CampaignSpec, MarketSpec};
    use resonance::server::store::Audit;
    let db = demo_db(backend, 6_000, 3).await;
    let raw = raw(&db).await;
    let (brands, _) = db.store.campaign_choices().await.expect("choices");
    let brand = brands.iter().find(|b| b.2).expect("own brand").1.clone();
    let explicit_before = raw.int("SELECT COUNT(*) FROM mentions WHERE campaign_id IS NOT NULL").await;
    let market = |m: &str, launch: &str| MarketSpec {
        market: m.into(),
        launch_on: launch.into(),
        ..Default::default()
    };
    let mut spec = CampaignSpec {
        id: None,
        brand: brand.clone(),
        name: "Cargo Weeks".into(),
        objective: "awareness".into(),
        start_on: "2026-03-01".into(),
        end_on: "2026-05-31".into(),
        spend: "10000".into(),
        currency: "EUR".into(),
        terms: "Cargo One, #SpringRide, trek PRO".into(),
        markets: vec![
            market("DE", ""),
            market("AT", "2026-04-01"),
            MarketSpec { revenue: "5000".into(), ..market("UK", "") },
        ],
    };
    let audit = || Audit::new(1, None, "test", None);
    let saved = service::save(db.store.as_ref(), &spec, audit()).await.expect("saved");
    let terms = ["cargo one", "#springride", "trek pro"];
    let markets = [("DE", "2026-03-01"), ("AT", "2026-04-01"), ("UK", "2026-03-01")];
    for (table, moved) in [("mentions", saved.mentions_changed), ("posts", saved.posts_changed)] {
        let expected =
            brute_force(&rows_of(&raw, table).await, &terms, &markets, ("2026-03-01", "2026-05-31"));
        let got: Vec<i64> = raw
            .texts(&format!(
                "SELECT CAST(id AS TEXT) FROM {table} WHERE campaign_id = {} ORDER BY id",
                saved.id
            ))
            .await
            .iter()
            .map(|t| t.parse().expect("id"))
            .collect();
        assert_eq!(got, expected, "{table}");
        assert_eq!(moved, expected.len() as i64, "{table}: what moved is reported");
        if table == "mentions" {
            assert!(expected.len() > 20, "the demo has mentions of the terms: {}", expected.len());
        }
    }
    assert_eq!(
        raw.int(&format!(
            "SELECT COUNT(*) FROM mentions WHERE campaign_id IS NOT NULL AND campaign_by_terms <> {}",
            raw.true_literal()
        ))
        .await,
        explicit_before,
        "rows an import attributed keep their campaign"
    );
    let in_rollup = raw
        .int(&format!(
            "SELECT COALESCE(SUM(mentions), 0) FROM mention_daily WHERE campaign_id = {}",
            saved.id
        ))
        .await;
    assert_eq!(in_rollup, saved.mentions_changed, "the rollups are updated in the same transaction");
    assert_eq!(
        raw.int("SELECT SUM(mentions) FROM mention_daily").await,
        raw.int("SELECT COUNT(*) FROM mentions").await
    );
    let list = service::list(db.store.as_ref(), until()).await.expect("list");
    let listed = list.campaigns.iter().find(|c| c.id == saved.id).expect("listed");
    assert_eq!(listed.mentions, saved.mentions_changed);
    assert_eq!(listed.hashtags, "cargo one, #springride, trek pro");
    assert_eq!(raw.int("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign.added'").await, 1);

    // narrower: AT leaves, it ends earlier; the rows it no longer matches are released
    spec.id = Some(saved.id);
    spec.end_on = "2026-04-15".into();
    spec.markets.remove(1);
    let changed = service::save(db.store.as_ref(), &spec, audit()).await.expect("changed");
    assert!(changed.mentions_changed > 0);
    let markets = [("DE", "2026-03-01"), ("UK", "2026-03-01")];
    let expected =
        brute_force(&rows_of(&raw, "mentions").await, &terms, &markets, ("2026-03-01", "2026-04-15"));
    let now = raw.int(&format!("SELECT COUNT(*) FROM mentions WHERE campaign_id = {}", saved.id)).await;
    assert_eq!(now, expected.len() as i64);
    assert_eq!(
        raw.int(&format!("SELECT COUNT(*) FROM mentions WHERE campaign_by_terms = {}", raw.true_literal()))
            .await,
        now
    );
    assert_eq!(
        raw.int(&format!(
            "SELECT COALESCE(SUM(mentions), 0) FROM mention_daily WHERE campaign_id = {}",
            saved.id
        ))
        .await,
        now
    );

    // a second campaign with the same name for the brand, or bad input: refused, nothing written
    let audits = raw.int("SELECT COUNT(*) FROM audit_log").await;
    let mut twice = spec.clone();
    twice.id = None;
    let err = service::save(db.store.as_ref(), &twice, audit()).await.expect_err("same name");
    assert!(err.to_string().contains("already has a campaign called"), "{err}");
    twice.name = "Other".into();
    twice.end_on = "2026-01-01".into();
    twice.spend = "-5".into();
    let err = service::save(db.store.as_ref(), &twice, audit()).await.expect_err("bad");
    assert!(matches!(err, resonance::server::store::StoreError::Invalid(_)), "{err}");
    assert!(err.to_string().contains("End:") && err.to_string().contains("Spend:"), "{err}");
    assert_eq!(raw.int("SELECT COUNT(*) FROM campaigns").await, 5);
    assert_eq!(raw.int("SELECT COUNT(*) FROM audit_log").await, audits);

    // an import attributes its rows by the same rule; a re-import naming a campaign takes precedence
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("cargo.csv");
    std::fs::write(
        &file,
        "id,platform,published_at,author,author_followers,market,language,sentiment,text,reach,likes,comments,shares\n\
         cw-1,x,2026-03-10T09:00:00Z,@rider_a,100,DE,en,,Test ride on the Cargo One today,100,1,0,0\n\
         cw-2,x,2026-03-10T10:00:00Z,@rider_b,100,FR,en,,My Cargo One arrived,100,1,0,0\n\
         cw-3,x,2026-03-11T10:00:00Z,@rider_c,100,DE,en,,A cargo bike is one thing,100,1,0,0\n",
    )
    .expect("write");
    let import = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_resonance"))
            .arg("import")
            .arg(&file)
            .args(["--database", &db.url, "--raw-dir"])
            .arg(dir.path().join("raw"))
            .args(args)
            .output()
            .expect("run resonance import");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    import(&[]);
    let campaign_of = |id: &'static str| {
        let raw = &raw;
        async move {
            raw.texts(&format!(
                "SELECT COALESCE(CAST(campaign_id AS TEXT), '-') FROM mentions WHERE external_id = '{id}'"
            ))
            .await
            .join("")
        }
    };
    assert_eq!(campaign_of("cw-1").await, saved.id.to_string(), "DE, in its window, carries a keyword");
    assert_eq!(campaign_of("cw-2").await, "-", "FR is not one of its markets");
    assert_eq!(campaign_of("cw-3").await, "-", "the words, but not the phrase");
    assert_eq!(
        raw.int(&format!(
            "SELECT COALESCE(SUM(mentions), 0) FROM mention_daily WHERE campaign_id = {}",
            saved.id
        ))
        .await,
        raw.int(&format!("SELECT COUNT(*) FROM mentions WHERE campaign_id = {}", saved.id)).await,
        "the import's rollups count the attribution"
    );
    import(&["--campaign", "Spring Ride"]);
    assert_eq!(campaign_of("cw-1").await, "1", "the import named a campaign");
    assert_eq!(campaign_of("cw-2").await, "1");
    // the same file again without --campaign: what an import named stays, terms do not take it over
    import(&[]);
    assert_eq!(campaign_of("cw-1").await, "1", "a campaign an import named is kept");
    assert_eq!(campaign_of("cw-3").await, "1");
    assert_eq!(
        raw.int("SELECT COUNT(*) FROM mentions WHERE campaign_by_terms = TRUE AND external_id LIKE 'cw-%'")
            .await,
        0,
        "none of them is counted as attributed by terms"
    );
    for id in 1..=saved.id {
        // each author's first mention per campaign, kept through saves and re-imports
        let authors = raw
            .texts(&format!(
                "SELECT CAST(author_id AS TEXT) || '|' || CAST(author_followers AS TEXT) FROM mentions
                 WHERE campaign_id = {id} ORDER BY published_at, id"
            ))
            .await;
        let reach = resonance::kpi::earned_reach(authors.iter().map(|l| {
            let (a, f) = l.split_once('|').expect("pair");
            (a.parse::<i64>().expect("id"), f.parse::<i64>().expect("followers"))
        }));
        let kept =
            format!("SELECT COALESCE(SUM(followers), 0) FROM campaign_reach_firsts WHERE campaign_id = {id}");
        assert_eq!(raw.int(&kept).await, reach, "campaign {id}: the first mentions kept equal the raw rows'");
    }
    for id in [1, saved.id] {
        assert_eq!(
            raw.int(&format!(
                "SELECT COALESCE(SUM(mentions), 0) FROM mention_daily WHERE campaign_id = {id}"
            ))
            .await,
            raw.int(&format!("SELECT COUNT(*) FROM mentions WHERE campaign_id = {id}")).await,
            "the rollups of campaign {id} after the re-imports"
        );
    }
}

contract_tests!(
    saving_a_campaign_attributes_by_its_terms_as_brute_force_does,
    the_comparison_equals_sums_over_the_raw_rows,
    the_list_has_every_campaign_with_its_headline_figures,
    a_new_workspace_has_no_campaigns_and_says_what_to_choose
);
