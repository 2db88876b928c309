//! Account governance on both stores — the registry's risks against the raw rows, a leaver's
//! handover in one transaction (or refused whole), the rules' days — and through the router:
//! the page's views, bad filters, a team lead's limits and the CSVs.

use resonance::accounts::{Risk, RiskRules};
use resonance::features::governance::service;
use resonance::features::governance::spec::Spec;
use resonance::features::governance::types::{Duty, Handover};
use resonance::server::store::{Audit, StoreError};

use crate::common::http::app;
use crate::common::{demo_db, raw, until, Backend};

async fn risks_agree_with_the_raw_rows_and_a_handover_is_all_or_nothing(backend: &Backend) {
    let db = demo_db(backend, 2_000, 7).await;
    let raw = raw(&db).await;
    let reg = service::registry(&*db.store, until()).await.expect("registry");
    let count = |r: Risk| reg.counts().into_iter().find(|(k, _)| *k == r).map_or(0, |(_, n)| n as i64);
    let live = "a.status NOT IN ('unofficial', 'archived')";
    let gone =
        |col: &str| format!("(a.{col} IS NULL OR a.{col} IN (SELECT id FROM people WHERE status = 'left'))");
    let sql = |cond: String| format!("SELECT COUNT(*) FROM accounts a WHERE {live} AND {cond}");
    assert_eq!(count(Risk::Orphaned), raw.int(&sql(gone("owner_id"))).await);
    assert_eq!(count(Risk::NoCustodian), raw.int(&sql(gone("custodian_id"))).await);
    let no_backup = format!("({} OR a.backup_owner_id = a.owner_id)", gone("backup_owner_id"));
    assert_eq!(count(Risk::NoBackup), raw.int(&sql(no_backup)).await);
    assert_eq!(
        count(Risk::Unofficial),
        raw.int("SELECT COUNT(*) FROM accounts WHERE status = 'unofficial'").await
    );
    assert!(count(Risk::Orphaned) > 0 && count(Risk::Dormant) > 0, "the demo plants both");
    // dormant: no post in the 90 days to today, by the raw posts
    let quiet = raw
        .int(&format!(
            "SELECT COUNT(*) FROM accounts a WHERE {live} AND NOT EXISTS
               (SELECT 1 FROM posts p WHERE p.account_id = a.id AND p.day > '{}')",
            until() - chrono::Days::new(90)
        ))
        .await;
    assert_eq!(count(Risk::Dormant), quiet);
    // each account's latest post is the raw rows'
    for x in &reg.accounts {
        let sql = format!(
            "SELECT COALESCE(CAST(MAX(day) AS TEXT), '') FROM posts WHERE account_id = {}",
            x.account.id
        );
        let latest = raw.texts(&sql).await;
        assert_eq!(
            x.account.last_post_on.map(|d| d.to_string()).unwrap_or_default(),
            latest[0],
            "{}",
            x.account.handle
        );
    }

    // someone with duties hands them over
    let leaver =
        reg.people.iter().find(|p| !p.left() && !reg.duties(p.id).is_empty()).expect("a person with duties");
    let duties: Vec<(i64, Duty)> = reg.duties(leaver.id).iter().map(|(x, d)| (x.account.id, *d)).collect();
    let successor = reg.people.iter().find(|p| !p.left() && p.id != leaver.id).expect("a successor").id;
    let gone_person = reg.people.iter().find(|p| p.left()).expect("someone who left").id;
    let events = "SELECT COUNT(*) FROM account_events";
    let before = raw.int(events).await;
    // refused whole: the second duty goes to someone who left
    let mut reassign: Vec<(i64, Duty, i64)> = duties.iter().map(|(a, d)| (*a, *d, successor)).collect();
    reassign.push((duties[0].0, duties[0].1, gone_person));
    let bad = Handover { person_id: leaver.id, left_on: until(), reason: "left".into(), reassign };
    let refused = db.store.hand_over(&bad, "test", Audit::new(1, None, "person.handed_over", None)).await;
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
    assert_eq!(raw.int(events).await, before, "nothing written");
    let still =
        raw.int(&format!("SELECT COUNT(*) FROM people WHERE id = {} AND status = 'active'", leaver.id)).await;
    assert_eq!(still, 1, "not marked as left either");

    // all but the first duty handed over: that one keeps the leaver and shows the risk
    let h = Handover {
        person_id: leaver.id,
        left_on: until(),
        reason: "Left the company".into(),
        reassign: duties.iter().skip(1).map(|(a, d)| (*a, *d, successor)).collect(),
    };
    let moved = db
        .store
        .hand_over(
            &h,
            "manager@example.com",
            Audit::new(resonance::server::auth::now(), None, "person.handed_over", None),
        )
        .await;
    assert_eq!(moved.expect("handover"), duties.len() - 1);
    assert_eq!(raw.int(events).await, before + duties.len() as i64 - 1, "one event per duty moved");
    let after = service::registry(&*db.store, until()).await.expect("registry");
    assert!(after.person(leaver.id).expect("leaver").left());
    assert_eq!(after.duties(leaver.id).len(), 1, "the kept duty");
    assert_eq!(after.duties(successor).len(), reg.duties(successor).len() + duties.len() - 1);
    let kept = after.account(duties[0].0).expect("account");
    let expected = match duties[0].1 {
        Duty::Owner => Risk::Orphaned,
        Duty::Backup => Risk::NoBackup,
        Duty::Custodian => Risk::NoCustodian,
    };
    assert!(kept.risks.contains(&expected), "{:?}", kept.risks);
    let history =
        db.store.account_history(duties.get(1).map_or(duties[0].0, |d| d.0)).await.expect("history");
    if duties.len() > 1 {
        assert_eq!(history[0].reason, "Left the company");
        assert_eq!(history[0].from.as_deref(), Some(leaver.email.as_str()));
    }

    // possibly unofficial accounts: authors carrying the brand's name, but not registered ones
    let found = db.store.unofficial_candidates(100).await.expect("candidates");
    let handles: Vec<&str> = found.iter().map(|c| c.handle.as_str()).collect();
    assert!(handles.contains(&"voltaro_deals") && handles.contains(&"voltaro_ebikes_uk"), "{handles:?}");
    assert!(!handles.contains(&"voltaro_fans_nl"), "registered already");
    assert!(found.iter().all(|c| c.handle.to_lowercase().contains("voltaro") && c.mentions > 0));
    let deals = found.iter().find(|c| c.handle == "voltaro_deals").expect("deals");
    let raw_mentions = raw
        .int(
            "SELECT COUNT(*) FROM mentions m JOIN authors au ON au.id = m.author_id
             WHERE au.handle = 'voltaro_deals' AND m.brand_id = (SELECT id FROM brands WHERE is_own = TRUE ORDER BY id LIMIT 1)",
        )
        .await;
    assert_eq!(deals.mentions, raw_mentions);
    let id = db
        .store
        .register_unofficial(
            "x",
            "voltaro_deals",
            "test",
            "found",
            until(),
            Audit::new(4, None, "account.registered_unofficial", None),
        )
        .await
        .expect("register");
    let again = db
        .store
        .register_unofficial("x", "voltaro_deals", "test", "", until(), Audit::new(5, None, "x", None))
        .await;
    assert!(matches!(again, Err(StoreError::Invalid(_))), "registered once");
    db.store
        .dismiss_candidate(
            "tiktok",
            "voltaro_ebikes_uk",
            "test",
            "a reseller",
            Audit::new(6, None, "x", None),
        )
        .await
        .expect("dismiss");
    let left: Vec<String> = db
        .store
        .unofficial_candidates(100)
        .await
        .expect("candidates")
        .into_iter()
        .map(|c| c.handle)
        .collect();
    assert!(
        !left.contains(&"voltaro_deals".to_string()) && !left.contains(&"voltaro_ebikes_uk".to_string()),
        "{left:?}"
    );
    let reg = service::registry(&*db.store, until()).await.expect("registry");
    let registered = reg.account(id).expect("the new account");
    assert_eq!(registered.risks, [Risk::Unofficial]);

    // a review round: nobody confirmed at first, then one account
    let round = resonance::features::governance::types::NewRound {
        name: "Q2 review".into(),
        opened_at: resonance::server::auth::now() - 10,
        opened_on: until(),
        due_on: until() + chrono::Days::new(30),
        opened_by: "test".into(),
        accounts: reg.in_scope().count() as i64,
    };
    db.store
        .open_review_round(&round, Audit::new(7, None, "governance.round_opened", None))
        .await
        .expect("round");
    let reg = service::registry(&*db.store, until()).await.expect("registry");
    assert_eq!(reg.rules.round, Some((until(), until() + chrono::Days::new(30))));
    let confirmed = |reg: &service::Registry| {
        reg.round_progress().map(|(_, t)| t.iter().map(|t| t.confirmed).sum::<usize>())
    };
    let before = confirmed(&reg).expect("progress");
    let target =
        reg.in_scope().find(|x| x.account.last_reviewed_on != Some(until())).expect("an unconfirmed account");
    let a = &target.account;
    let update = resonance::features::governance::types::AccountUpdate {
        account_id: a.id,
        owner_id: a.owner.as_ref().map(|p| p.id),
        backup_owner_id: a
            .backup
            .as_ref()
            .map(|p| p.id)
            .filter(|b| Some(*b) != a.owner.as_ref().map(|p| p.id)),
        custodian_id: a.custodian.as_ref().map(|p| p.id),
        status: a.status,
        reason: "confirmed".into(),
    };
    db.store
        .update_account(
            &update,
            "test",
            until(),
            Audit::new(resonance::server::auth::now(), None, "account.updated", None),
        )
        .await
        .expect("confirm");
    let reg = service::registry(&*db.store, until()).await.expect("registry");
    assert_eq!(confirmed(&reg), Some(before + 1));
    let rounds = db.store.review_rounds().await.expect("rounds");
    assert_eq!((rounds.len(), rounds[0].confirmed), (1, 1), "the events in the round");

    // the rules' days are kept
    let rules = RiskRules { dormant_days: 30, review_days: 365, round: None };
    db.store.set_risk_rules(&rules, Audit::new(3, None, "governance.rules_set", None)).await.expect("rules");
    let stored = service::rules(&*db.store).await.expect("rules");
    assert_eq!((stored.dormant_days, stored.review_days), (30, 365));
}

contract_tests!(risks_agree_with_the_raw_rows_and_a_handover_is_all_or_nothing);

#[tokio::test]
async fn the_page_its_csvs_and_a_team_leads_limits_through_the_router() {
    let app = app().await;
    let manager = app.sign_in_as("manager").await;
    let reg = service::registry(&*app.db.store, resonance::server::calendar::today_in(chrono_tz::Tz::UTC))
        .await
        .expect("registry");
    let html: String = app.get("/api/governance?query=", Some(&manager)).await.json();
    assert!(html.contains("data-testid=\"matrix\""), "the matrix is the default view");
    let cells = (reg.markets.len() + 1) * 6;
    let filled: std::collections::HashSet<(Option<String>, String)> =
        reg.accounts.iter().map(|x| (x.account.market.clone(), x.account.platform.clone())).collect();
    assert_eq!(html.matches("data-testid=\"matrix-gap\"").count(), cells - filled.len());
    // a filter the page cannot read is refused with what it accepts
    let bad = app.get("/api/governance?query=%3Frisk%3Dlost", Some(&manager)).await;
    assert_eq!(bad.status, axum::http::StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("orphaned"), "{}", bad.text());
    // the register's CSV has a row per risk, the matrix's a row per cell
    let csv = app.get("/api/governance.csv?table=register", Some(&manager)).await.text();
    assert_eq!(csv.lines().count(), 1 + reg.register(&Spec::default()).len());
    assert!(csv.starts_with("severity,risk,platform,handle"));
    let csv = app.get("/api/governance.csv?table=matrix&risk=orphaned", Some(&manager)).await.text();
    assert_eq!(csv.lines().count(), 1 + cells);

    // a team lead cannot hand over someone whose accounts are another team's
    let lead = app.sign_in_as("team_lead").await;
    let lead_team = reg.teams.iter().find(|t| t.name == "Germany Team").expect("team").id;
    let other = reg
        .people
        .iter()
        .find(|p| !p.left() && reg.duties(p.id).iter().any(|(x, _)| x.account.team_id != Some(lead_team)))
        .expect("someone of another team with duties");
    let form = format!("person={}&left_on=2026-11-30&reason=test", other.id);
    let answer = app
        .post("/api/governance-handover", &serde_json::json!({ "form": form }).to_string(), Some(&lead))
        .await;
    assert_eq!(answer.status, axum::http::StatusCode::FORBIDDEN, "{}", answer.text());
    // a manager can, and it is audited
    let answer = app
        .post("/api/governance-handover", &serde_json::json!({ "form": form }).to_string(), Some(&manager))
        .await;
    assert!(answer.status.is_success(), "{}", answer.text());
    assert!(answer.json::<String>().contains("marked as left"));
    let audited = crate::common::raw(&app.db)
        .await
        .int("SELECT COUNT(*) FROM audit_log WHERE action = 'person.handed_over'")
        .await;
    assert_eq!(audited, 1);

    // a team lead may not register a found account (it belongs to no team); a manager may
    let form = serde_json::json!({ "form": "platform=x&handle=voltaro_deals&reason=found" }).to_string();
    assert_eq!(
        app.post("/api/governance-register", &form, Some(&lead)).await.status,
        axum::http::StatusCode::FORBIDDEN
    );
    let found: String = app.get("/api/governance?query=%3Fview%3Dfound", Some(&manager)).await.json();
    assert!(found.contains("data-handle=\"voltaro_deals\""), "listed before");
    let answer = app.post("/api/governance-register", &form, Some(&manager)).await;
    assert!(answer.status.is_success(), "{}", answer.text());
    let found: String = app.get("/api/governance?query=%3Fview%3Dfound", Some(&manager)).await.json();
    assert!(!found.contains("data-handle=\"voltaro_deals\""), "not listed once registered");
    let matrix: String = app.get("/api/governance?query=", Some(&manager)).await.json();
    assert!(matrix.contains("@voltaro_deals"), "in the matrix");
    // a round opened by a manager shows its progress
    let round = serde_json::json!({ "form": "name=Q4%20review&due_on=2099-12-31" }).to_string();
    assert_eq!(
        app.post("/api/governance-round", &round, Some(&lead)).await.status,
        axum::http::StatusCode::FORBIDDEN
    );
    assert!(app.post("/api/governance-round", &round, Some(&manager)).await.status.is_success());
    let reviews: String = app.get("/api/governance?query=%3Fview%3Dreviews", Some(&lead)).await.json();
    assert!(
        reviews.contains("Q4 review") && reviews.contains("data-testid=\"round-team\""),
        "the round per team"
    );
}
