//! The executive summary against brute force over the raw rows on both stores, and its
//! downloads through the router: the PDF read back with poppler (`pdfinfo`, `pdftotext`), the
//! CSV, and who may have them.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use resonance::features::summary::report::Headline;
use resonance::features::summary::types::{PeriodKind, ReportSpec};
use resonance::features::summary::{html, narrative, service};
use resonance::model::Comparison;
use resonance::spikes::{self, SpikeRule};

use crate::common::http::app;
use crate::common::{demo_db, raw, until, Backend};

fn quarter() -> ReportSpec {
    ReportSpec {
        kind: PeriodKind::Quarter,
        of: Some("2026-Q2".into()),
        from: None,
        to: None,
        comparison: Comparison::PreviousPeriod,
    }
}

fn tile(r: &resonance::features::summary::report::Report, h: Headline) -> Option<f64> {
    r.tile(h).and_then(|t| t.value)
}

async fn the_summary_equals_sums_over_the_raw_rows(backend: &Backend) {
    let db = demo_db(backend, 12_000, 9).await;
    let raw = raw(&db).await;
    let r = service::report(&db.store, &quarter(), until()).await.expect("report");
    assert_eq!((r.range.from, r.range.to), (d("2026-04-01"), d("2026-06-30")));
    assert_eq!((r.comparison_range.from, r.comparison_range.to), (d("2026-01-01"), d("2026-03-31")));
    let within = "day BETWEEN '2026-04-01' AND '2026-06-30'";
    let own = raw.int("SELECT id FROM brands WHERE is_own = TRUE ORDER BY id LIMIT 1").await;
    let count = |sql: String| {
        let raw = &raw;
        async move { raw.int(&sql).await }
    };
    let pos = count(format!(
        "SELECT COUNT(*) FROM mentions WHERE brand_id = {own} AND {within} AND sentiment_label = 'positive'"
    ))
    .await;
    let neg = count(format!(
        "SELECT COUNT(*) FROM mentions WHERE brand_id = {own} AND {within} AND sentiment_label = 'negative'"
    ))
    .await;
    let net = (pos - neg) as f64 / (pos + neg) as f64 * 100.0;
    assert!((tile(&r, Headline::NetSentiment).expect("net") - net).abs() < 1e-9);
    let mine = count(format!("SELECT COUNT(*) FROM mentions WHERE brand_id = {own} AND {within}")).await;
    let all = count(format!("SELECT COUNT(*) FROM mentions WHERE {within}")).await;
    assert!((tile(&r, Headline::ShareOfVoice).expect("sov") - mine as f64 / all as f64 * 100.0).abs() < 1e-9);
    let engaged = count(format!(
        "SELECT COALESCE(SUM(reactions + comments + shares + saves + clicks), 0) FROM posts WHERE brand_id = {own} AND {within}"
    ))
    .await;
    assert_eq!(tile(&r, Headline::Engagements), Some(engaged as f64));
    assert_eq!(r.voices.iter().map(|v| v.mentions).sum::<i64>(), all, "every brand's mentions");

    // spend: each campaign's spend spread over its days, the days in the quarter counted
    let rows = raw
        .texts(&format!(
            "SELECT CAST(start_on AS TEXT) || '|' || CAST(end_on AS TEXT) || '|' || CAST(spend AS TEXT) FROM campaigns WHERE brand_id = {own}"
        ))
        .await;
    let mut spend = 0.0;
    let mut ran = 0;
    for row in rows {
        let p: Vec<&str> = row.split('|').collect();
        let (start, end, total) = (d(&p[0][..10]), d(&p[1][..10]), p[2].parse::<f64>().expect("spend"));
        let (from, to) = (start.max(r.range.from), end.min(r.range.to));
        if from <= to {
            ran += 1;
            spend += total * ((to - from).num_days() + 1) as f64 / ((end - start).num_days() + 1) as f64;
        }
    }
    assert!(ran > 0, "the demo runs campaigns in the quarter");
    assert_eq!(r.campaigns.len(), ran);
    assert!((tile(&r, Headline::Spend).expect("spend") - spend).abs() < 1e-6);
    let rois: Vec<f64> = r.campaigns.iter().filter_map(|c| c.roi).collect();
    assert!(rois.windows(2).all(|w| w[0] >= w[1]), "ranked by ROI: {rois:?}");

    // crises: the rule over each market's raw negative counts per day, from a week before
    let from = r.range.from - Days::new(7);
    let lines = raw
        .texts(&format!(
            "SELECT market || '|' || CAST(day AS TEXT) FROM mentions WHERE brand_id = {own} AND sentiment_label = 'negative'
             AND day BETWEEN '{from}' AND '2026-06-30'"
        ))
        .await;
    let mut series: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let len = (r.range.to - from).num_days() as usize + 1;
    for l in lines {
        let (market, day) = l.split_once('|').expect("pair");
        let i = (d(&day[..10]) - from).num_days() as usize;
        series.entry(market.to_string()).or_insert_with(|| vec![0; len])[i] += 1;
    }
    let mut peaks: Vec<(i64, NaiveDate)> = series
        .values()
        .flat_map(|counts| spikes::moments(from, counts, &SpikeRule::DEFAULT))
        .map(|m| (m.peak, m.peak_day))
        .collect();
    peaks.sort();
    let mut got: Vec<(i64, NaiveDate)> = r.crises.iter().map(|c| (c.negative, c.peak_day)).collect();
    got.sort();
    assert!(!got.is_empty(), "the demo's planted crisis is found");
    assert!(got.iter().all(|g| peaks.contains(g)), "{got:?} within {peaks:?}");
    let planted = until() - Days::new(resonance::server::demo::CRISIS_DAYS_BEFORE_END);
    assert!(
        r.crises.iter().any(|c| c.market == "Germany" && c.peak_day >= planted),
        "the planted crisis in Germany: {:?}",
        r.crises
    );

    // markets: the brand's mentions per market, ranked by net sentiment, at least 30 mentions
    let mut by_market: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for l in raw
        .texts(&format!(
            "SELECT market || '|' || sentiment_label FROM mentions WHERE brand_id = {own} AND {within}"
        ))
        .await
    {
        let (market, label) = l.split_once('|').expect("pair");
        let m = by_market.entry(market.to_string()).or_default();
        m.0 += 1;
        m.1 += i64::from(label == "positive");
        m.2 += i64::from(label == "negative");
    }
    let mut expected: Vec<(f64, i64)> = by_market
        .values()
        .filter(|(n, p, q)| *n >= resonance::features::summary::report::MIN_MARKET_MENTIONS && p + q > 0)
        .map(|(n, p, q)| ((p - q) as f64 / (p + q) as f64 * 100.0, *n))
        .collect();
    expected.sort_by(|a, b| b.0.total_cmp(&a.0));
    let got: Vec<(f64, i64)> =
        r.markets.iter().map(|m| (m.net_sentiment.expect("net"), m.mentions)).collect();
    assert_eq!(got.len(), expected.len(), "{got:?} vs {expected:?}");
    for (g, e) in got.iter().zip(&expected) {
        assert!((g.0 - e.0).abs() < 1e-9 && g.1 == e.1, "{got:?} vs {expected:?}");
    }

    // the text: 3 to 6 sentences, every number on the page
    let text = narrative::narrative(&r);
    assert!((3..=6).contains(&text.len()), "{text:?}");
    let page = html::render(&r);
    assert!(text.iter().all(|s| page.contains(&html::escape(s))));
}

async fn a_workspace_without_data_says_so(backend: &Backend) {
    let db = crate::common::empty_db(backend).await;
    let err = service::report(&db.store, &quarter(), until()).await.expect_err("no brand");
    assert!(err.to_string().to_lowercase().contains("brand"), "{err}");
}

async fn targets_are_set_changed_and_cleared_and_each_tile_shows_its_progress(backend: &Backend) {
    use resonance::server::store::Audit;
    let db = demo_db(backend, 3_000, 5).await;
    let set = |rows: Vec<(&str, Option<f64>)>| {
        let rows: Vec<(String, Option<f64>)> = rows.into_iter().map(|(t, v)| (t.to_string(), v)).collect();
        let store = db.store.clone();
        async move { store.set_summary_targets(&rows, Audit::new(1, None, "summary.targets_set", None)).await }
    };
    set(vec![("net-sentiment", Some(40.0)), ("earned-media-value", Some(1_000_000.0)), ("spend", Some(5.0))])
        .await
        .expect("set");
    set(vec![("spend", None), ("net-sentiment", Some(35.5))]).await.expect("change and clear");
    let stored = db.store.summary_targets().await.expect("targets");
    assert_eq!(
        stored,
        vec![("earned-media-value".to_string(), 1_000_000.0), ("net-sentiment".to_string(), 35.5)]
    );

    let r = service::report(&db.store, &quarter(), until()).await.expect("report");
    let net = r.tile(Headline::NetSentiment).expect("tile");
    let p = net.progress.expect("net sentiment has a target");
    assert_eq!(p.target, 35.5);
    assert!((p.gap.expect("a rate's gap") - (net.value.expect("value") - 35.5)).abs() < 1e-9);
    // an amount's target for 2026-Q2 is its 91 days' share of the year's
    let emv = r.tile(Headline::EarnedMediaValue).expect("tile");
    let p = emv.progress.expect("EMV has a target");
    assert!((p.target - 1_000_000.0 * 91.0 / 365.0).abs() < 1e-6, "{}", p.target);
    assert!((p.percent.expect("percent") - emv.value.expect("value") / p.target * 100.0).abs() < 1e-9);
    assert!(r.tile(Headline::Spend).expect("tile").progress.is_none(), "cleared");
    let page = html::render(&r);
    assert!(page.contains(&html::escape(&r.target_text(net).expect("text"))), "{page}");
}

contract_tests!(
    the_summary_equals_sums_over_the_raw_rows,
    a_workspace_without_data_says_so,
    targets_are_set_changed_and_cleared_and_each_tile_shows_its_progress
);

#[tokio::test]
async fn only_admins_set_targets_a_wrong_value_changes_nothing_and_every_rendering_shows_them() {
    let app = app().await;
    let raw = raw(&app.db).await;
    let admin = app.sign_in_as("admin").await;
    let body = |form: &str| serde_json::json!({ "form": form }).to_string();
    for role in ["executive", "manager", "team_lead", "viewer"] {
        let cookie = app.sign_in_as(role).await;
        let answer = app.post("/api/summary-targets", &body("net-sentiment=40"), Some(&cookie)).await;
        assert_eq!(answer.status, 403, "{role}: {}", answer.text());
    }
    let ok = app
        .post(
            "/api/summary-targets",
            &body("net-sentiment=40&earned-reach=12%20000%20000&roi="),
            Some(&admin),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(raw.int("SELECT COUNT(*) FROM summary_targets").await, 2);
    // refused whole: one bad value, one unknown name; the stored targets stay as they were
    for (form, says) in [
        ("net-sentiment=10&roi=abc", "is not a number"),
        ("net-sentiment=400", "outside"),
        ("reach=5", "not a headline"),
        ("", "No target"),
    ] {
        let bad = app.post("/api/summary-targets", &body(form), Some(&admin)).await;
        assert_eq!(bad.status, 400, "{form}: {}", bad.text());
        assert!(bad.text().contains(says), "{form}: {}", bad.text());
    }
    assert_eq!(
        raw.int("SELECT COUNT(*) FROM summary_targets WHERE headline = 'net-sentiment' AND value = 40").await,
        1
    );
    let audited = raw.texts("SELECT detail FROM audit_log WHERE action = 'summary.targets_set'").await;
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert!(audited[0].contains("\"net-sentiment\":{\"from\":null,\"to\":40.0}"), "{}", audited[0]);

    let r =
        service::report(&app.db.store, &quarter(), chrono::Utc::now().date_naive()).await.expect("report");
    let net = r.target_text(r.tile(Headline::NetSentiment).expect("tile")).expect("target");
    let reach = r.target_text(r.tile(Headline::EarnedReach).expect("tile")).expect("target");
    let q = "?period=quarter&of=2026-Q2";
    let page = app.get("/api/summary?query=%3Fperiod%3Dquarter%26of%3D2026-Q2", Some(&admin)).await.text();
    assert!(
        page.contains("targets-panel") && page.contains("target-input-net-sentiment"),
        "the admin's form"
    );
    assert!(page.contains(&html::escape(&net)), "{net} in {page}");
    let exec = app.sign_in_as("executive").await;
    let seen = app.get("/api/summary?query=%3Fperiod%3Dquarter%26of%3D2026-Q2", Some(&exec)).await.text();
    assert!(!seen.contains("targets-panel"), "no form for executives");
    assert!(seen.contains("target-net-sentiment"), "but the progress");
    let pdf = words(&poppler("pdftotext", &app.get(&format!("/api/summary.pdf{q}"), Some(&exec)).await.body));
    assert!(pdf.contains(&words(&net)) && pdf.contains(&words(&reach)), "{net} and {reach} in {pdf}");
    let csv = app.get(&format!("/api/summary.csv{q}"), Some(&exec)).await.text();
    assert!(csv.contains("target for the period,Net sentiment,40,"), "{csv}");
    assert!(csv.contains("progress to target,Earned audience reach,"), "{csv}");
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn poppler(tool: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("summary.pdf");
    std::fs::write(&path, bytes).expect("write");
    let mut cmd = std::process::Command::new(tool);
    cmd.arg(&path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils; .ci/install.sh test installs it): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_pdf_is_one_a4_page_with_the_pages_figures_and_text() {
    let app = app().await;
    let cookie = app.sign_in_as("executive").await;
    let q = "?period=quarter&of=2026-Q2";
    let answer = app.get(&format!("/api/summary.pdf{q}"), Some(&cookie)).await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.headers["content-type"], "application/pdf");
    assert!(answer.headers["content-disposition"]
        .to_str()
        .expect("ascii")
        .contains("-summary-2026-04-01-2026-06-30.pdf"));
    assert!(answer.body.len() < 300 * 1024, "{} bytes", answer.body.len());
    let info = poppler("pdfinfo", &answer.body);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");
    let text = words(&poppler("pdftotext", &answer.body));

    let r =
        service::report(&app.db.store, &quarter(), chrono::Utc::now().date_naive()).await.expect("report");
    for part in [r.workspace.clone(), r.period(), format!("Compared with {}", r.compared())] {
        assert!(text.contains(&part), "{part:?} in {text}");
    }
    let sentences = narrative::narrative(&r);
    assert!(text.contains(&words(&sentences[0])), "{:?} in {text}", sentences[0]);
    for t in &r.tiles {
        assert!(text.contains(t.headline.label()), "{}", t.headline.label());
        assert!(text.contains(&r.value_text(t)), "{} of {}", r.value_text(t), t.headline.label());
    }
    for c in &r.campaigns {
        assert!(text.contains(&c.name), "{}", c.name);
    }

    let csv = app.get(&format!("/api/summary.csv{q}"), Some(&cookie)).await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-type"].to_str().expect("ascii").starts_with("text/csv"));
    let body = csv.text();
    assert!(body.starts_with("section,item,value,previous,unit,period,compared with"), "{body}");
    assert!(body.contains("headline,Net sentiment,") && body.contains("narrative,1,"), "{body}");
}

#[tokio::test]
async fn only_executives_managers_and_admins_read_the_summary() {
    let app = app().await;
    let q = "?period=quarter&of=2026-Q2";
    for (role, status) in
        [("executive", 200), ("manager", 200), ("admin", 200), ("team_lead", 403), ("viewer", 403)]
    {
        let cookie = app.sign_in_as(role).await;
        for path in ["/api/summary.pdf", "/api/summary.csv", "/api/summary"] {
            let uri = if path == "/api/summary" {
                format!("{path}?query=%3Fperiod%3Dquarter%26of%3D2026-Q2")
            } else {
                format!("{path}{q}")
            };
            let answer = app.get(&uri, Some(&cookie)).await;
            assert_eq!(answer.status, status, "{role} {path}: {}", answer.text());
        }
    }
    assert_eq!(app.get(&format!("/api/summary.pdf{q}"), None).await.status, 401);
    let cookie = app.sign_in_as("executive").await;
    let bad = app.get("/api/summary.pdf?period=quarter&of=2026-Q9", Some(&cookie)).await;
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("2026-Q9"), "{}", bad.text());
}

fn share_body(password: &str, days: u32) -> String {
    serde_json::json!({ "query": "?period=quarter&of=2026-Q2", "rolling": false, "days": days, "password": password }).to_string()
}

#[tokio::test]
async fn a_share_link_shows_its_one_summary_and_opens_nothing_else() {
    use axum::http::Method;
    let app = app().await;
    let exec = app.sign_in_as("executive").await;
    let created = app.post("/api/summary-share", &share_body("", 14), Some(&exec)).await;
    assert_eq!(created.status, 200, "{}", created.text());
    let path: String = created.json();
    assert!(path.starts_with("/share/") && path.len() == "/share/".len() + 64, "{path}");
    let raw = crate::common::raw(&app.db).await;
    assert_eq!(raw.int("SELECT MAX(expires_at - created_at) / 86400 FROM share_links").await, 14);

    // a fresh visitor without an account sees the report, and nothing of the app
    let page = app.get(&path, None).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(html.contains("data-testid=\"report\"") && html.contains("1 Apr – 30 Jun 2026"), "{html}");
    assert!(!html.contains("<script") && !html.contains("app-nav"), "no app, no navigation");
    let opens = "SELECT COUNT(*) FROM audit_log WHERE action = 'share.opened'";
    assert_eq!(raw.int(opens).await, 1, "every open is audited");
    let token = path.trim_start_matches("/share/").to_string();
    assert_eq!(
        raw.int(&format!("SELECT COUNT(*) FROM share_links WHERE token_hash = '{token}'")).await,
        0,
        "only a hash is kept"
    );

    // the token is no credential anywhere else
    let cookie = format!("resonance_session={token}");
    let bearer = format!("Bearer {token}");
    let mut refused = 0;
    for endpoint in
        crate::api::ENDPOINTS.iter().chain(&["/api/summary.pdf", "/api/summary.csv", "/api/import-rejects"])
    {
        if *endpoint == "/api/sign-in" {
            continue;
        }
        for headers in [
            vec![("host", "resonance.test"), ("cookie", cookie.as_str())],
            vec![("host", "resonance.test"), ("authorization", bearer.as_str())],
        ] {
            // the downloads are GET routes; server functions answer either method
            let methods = if endpoint.contains('.') || endpoint.ends_with("rejects") {
                vec![Method::GET]
            } else {
                vec![Method::GET, Method::POST]
            };
            for method in methods {
                let mut h = headers.clone();
                if method == Method::POST {
                    h.extend([("origin", "http://resonance.test"), ("content-type", "application/json")]);
                }
                let uri = format!("{endpoint}?batch=1&token={token}");
                let answer =
                    app.raw(method.clone(), &uri, Some("{}").filter(|_| method == Method::POST), &h).await;
                assert_eq!(
                    answer.status,
                    401,
                    "{method} {endpoint} with the link's token: {}",
                    answer.text()
                );
                refused += 1;
            }
        }
    }
    assert!(refused >= 90, "{refused}");

    // the creator lists and revokes it; then it is refused
    let shares = |cookie: String| {
        let app = &app;
        async move {
            app.get("/api/summary?query=%3Fperiod%3Dquarter%26of%3D2026-Q2", Some(&cookie))
                .await
                .json::<String>()
        }
    };
    let list = shares(exec.clone()).await;
    assert_eq!(list.matches("data-testid=\"share-link\"").count(), 1, "{list}");
    assert!(
        list.contains("Quarter 2026-Q2 against the previous period")
            && list.contains("<td class=\"num\">1</td>"),
        "{list}"
    );
    let id = raw.int("SELECT MAX(id) FROM share_links").await;
    assert!(list.contains(&format!("data-share-revoke=\"{id}\"")), "{list}");
    let revoke = app.post("/api/summary-share-revoke", &format!("{{\"id\":{id}}}"), Some(&exec)).await;
    assert_eq!(revoke.status, 200, "{}", revoke.text());
    let list = shares(exec.clone()).await;
    assert!(list.contains("ended") && !list.contains("data-share-revoke"), "{list}");
    let gone = app.get(&path, None).await;
    assert_eq!(gone.status, 410);
    assert!(gone.text().contains("revoked"));
    assert_eq!(app.get("/share/not-a-token", None).await.status, 404);
    assert_eq!(
        raw.int("SELECT COUNT(*) FROM audit_log WHERE action IN ('share.created', 'share.revoked')").await,
        2
    );
}

#[tokio::test]
async fn a_protected_link_asks_for_its_password_and_only_its_creators_may_make_one() {
    use axum::http::Method;
    let app = app().await;
    let exec = app.sign_in_as("executive").await;
    let path: String =
        app.post("/api/summary-share", &share_body("board-only-2026", 30), Some(&exec)).await.json();
    let gate = app.get(&path, None).await;
    assert_eq!(gate.status, 200);
    assert!(gate.text().contains("share-gate") && !gate.text().contains("data-testid=\"report\""));
    let form = |password: &str| format!("password={password}");
    let headers = [
        ("host", "resonance.test"),
        ("origin", "http://resonance.test"),
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    let wrong = app.raw(Method::POST, &path, Some(&form("guess")), &headers).await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.text().contains("not right") && !wrong.text().contains("data-testid=\"report\""));
    let right = app.raw(Method::POST, &path, Some(&form("board-only-2026")), &headers).await;
    assert_eq!(right.status, 200, "{}", right.text());
    assert!(right.text().contains("data-testid=\"report\""));
    // from another site: refused
    let cross = [
        ("host", "resonance.test"),
        ("origin", "http://evil.example"),
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    assert_eq!(app.raw(Method::POST, &path, Some(&form("board-only-2026")), &cross).await.status, 403);

    let too_long = app.post("/api/summary-share", &share_body("", 91), Some(&exec)).await;
    assert_eq!(too_long.status, 400);
    assert!(too_long.text().contains("90 days"), "{}", too_long.text());
    let short = app.post("/api/summary-share", &share_body("short", 14), Some(&exec)).await;
    assert_eq!(short.status, 400);
    for role in ["manager", "team_lead", "viewer"] {
        let cookie = app.sign_in_as(role).await;
        assert_eq!(
            app.post("/api/summary-share", &share_body("", 14), Some(&cookie)).await.status,
            403,
            "{role}"
        );
        let page = app.get("/api/summary?query=%3Fperiod%3Dquarter%26of%3D2026-Q2", Some(&cookie)).await;
        if role == "manager" {
            assert!(
                !page.text().contains("share-panel"),
                "a manager reads the summary but gets no share form"
            );
        }
    }
    let admin = app.sign_in_as("admin").await;
    assert_eq!(app.post("/api/summary-share", &share_body("", 14), Some(&admin)).await.status, 200);
}
