//! A workspace from an empty database: a setup file applied (and applied again, changing
//! nothing), refused files changing nothing, changes evented, the setup commands, and real
//! exports imported into the set-up workspace — on both stores.

use std::process::{Command, Output};

use resonance::features::setup::service;
use resonance::features::setup::types::SetupFile;
use resonance::server::store::{Audit, StoreError};

use crate::common::{empty_db, raw, Backend, TestDb};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/setup.toml");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn example() -> SetupFile {
    service::read(std::path::Path::new(EXAMPLE)).expect("the example setup file reads")
}

fn audit() -> Audit {
    Audit::new(1_700_000_000, None, "setup.applied", None)
}

async fn count(db: &TestDb, sql: &str) -> i64 {
    raw(db).await.int(sql).await
}

fn cli(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resonance"))
        .args(args)
        .args(["--database", url])
        .output()
        .expect("run resonance")
}

fn ok(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{}{text}", String::from_utf8_lossy(&out.stderr));
    text
}

async fn a_setup_file_applied_twice_changes_nothing_the_second_time(backend: &Backend) {
    let db = empty_db(backend).await;
    let report = service::apply(&db.store, &example(), "example", false, audit()).await.expect("apply");
    assert_eq!(report.added.len(), 12, "{report:?}");
    assert!(report.added.contains(&"account facebook:voltaro_de".to_string()));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, 3);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM account_events WHERE kind = 'created'").await, 3);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM people WHERE status = 'left'").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM brands WHERE is_own").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'setup.applied'").await, 1);
    let tz = db.store.setting("reporting_time_zone").await.expect("setting");
    assert_eq!(tz.as_deref(), Some("Europe/Berlin"));

    let before = db.store.setup_snapshot().await.expect("snapshot");
    let again = service::apply(&db.store, &example(), "example", false, audit()).await.expect("again");
    assert!(again.added.is_empty() && again.changed.is_empty(), "{again:?}");
    assert_eq!(again.unchanged, 14);
    assert_eq!(db.store.setup_snapshot().await.expect("snapshot"), before);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'setup.applied'").await,
        1,
        "no write, no entry"
    );
    // the workspace as a file is the workspace: applying it changes nothing either
    let file = service::as_file(&before);
    let same = service::apply(&db.store, &file, "snapshot", false, audit()).await.expect("snapshot file");
    assert!(same.added.is_empty() && same.changed.is_empty(), "{same:?}");
}

async fn an_invalid_file_changes_nothing_and_names_each_problem(backend: &Backend) {
    let db = empty_db(backend).await;
    let mut file = example();
    file.teams[1].market = Some("FR".into());
    file.people[0].email = "not-an-email".into();
    file.brands[1].colour = "blue".into();
    file.accounts[1].platform = "myspace".into();
    file.accounts[2].owner = Some("nobody@voltaro.example".into());
    let err = service::apply(&db.store, &file, "bad.toml", false, audit()).await.expect_err("refused");
    let StoreError::Invalid(message) = err else { panic!("not a user error: {err}") };
    for expected in [
        "bad.toml: nothing was changed",
        "teams[1].market: there is no market FR (markets: DE, UK)",
        "people[0].email: \"not-an-email\" is not an email address",
        "brands[1].colour: \"blue\" is not a colour",
        "accounts[1].platform: \"myspace\" is not a platform",
        "accounts[2].owner: there is no person with the email nobody@voltaro.example",
    ] {
        assert!(message.contains(expected), "{expected:?} in:\n{message}");
    }
    for table in ["markets", "brands", "teams", "people", "accounts", "audit_log"] {
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM {table}")).await, 0, "{table}");
    }
}

async fn changes_are_written_and_evented(backend: &Backend) {
    let db = empty_db(backend).await;
    service::apply(&db.store, &example(), "example", false, audit()).await.expect("apply");
    let mut file = example();
    file.accounts[0].owner = Some("tom.hughes@voltaro.example".into());
    file.accounts[0].status = Some("unofficial".into());
    file.brands[0].keywords.push("#voltarolove".into());
    let report = service::apply(&db.store, &file, "edit", false, audit()).await.expect("apply edit");
    assert_eq!(report.changed, vec!["brand Voltaro".to_string(), "account facebook:voltaro_de".to_string()]);
    let events = raw(&db)
        .await
        .texts(
            "SELECT kind || ':' || COALESCE(from_value, '') || '>' || COALESCE(to_value, '') FROM account_events
             WHERE kind <> 'created' ORDER BY id",
        )
        .await;
    assert_eq!(
        events,
        vec![
            "owner:hanna.weber@voltaro.example>tom.hughes@voltaro.example".to_string(),
            "status:official>unofficial".to_string()
        ]
    );
    let keywords = raw(&db).await.texts("SELECT keywords FROM brands WHERE name = 'Voltaro'").await;
    assert_eq!(keywords, vec!["voltaro,#voltaro,voltaro bikes,#voltarolove".to_string()]);
}

async fn the_reporting_time_zone_is_fixed_once_data_is_imported(backend: &Backend) {
    let db = empty_db(backend).await;
    service::apply(&db.store, &example(), "example", false, audit()).await.expect("apply");
    let raw_dir = tempfile::tempdir().expect("dir");
    let dir = raw_dir.path().to_string_lossy().into_owned();
    ok(&cli(&db.url, &["import", &format!("{FIXTURES}/generic_mentions.csv"), "--raw-dir", &dir]));
    let mut file = example();
    if let Some(w) = &mut file.workspace {
        w.reporting_time_zone = Some("America/New_York".into());
    }
    let err = service::apply(&db.store, &file, "tz", false, audit()).await.expect_err("refused");
    assert!(err.to_string().contains("cannot change once data is imported"), "{err}");
}

/// The issue's first run, as a new company does it: commands and a setup file on an empty
/// database, then real exports, then the overview shows them.
async fn from_an_empty_database_to_an_overview_with_the_commands(backend: &Backend) {
    let db = empty_db(backend).await;
    let url = db.url.as_str();
    let out = ok(&cli(url, &["brand", "add", "Voltaro", "--own", "--keywords", "voltaro,#voltaro"]));
    assert!(out.contains("added brand Voltaro"), "{out}");
    ok(&cli(url, &["market", "add", "DE", "--name", "Germany", "--time-zone", "Europe/Berlin"]));
    ok(&cli(url, &["team", "add", "Germany Team", "--kind", "spoke", "--market", "DE"]));
    ok(&cli(
        url,
        &[
            "person",
            "add",
            "--name",
            "Hanna Weber",
            "--email",
            "hanna.weber@voltaro.example",
            "--team",
            "Germany Team",
        ],
    ));
    ok(&cli(
        url,
        &[
            "account",
            "add",
            "facebook",
            "voltaro_de",
            "--brand",
            "Voltaro",
            "--name",
            "Voltaro Deutschland",
            "--platform-id",
            "101000000000001",
            "--market",
            "DE",
            "--team",
            "Germany Team",
            "--owner",
            "hanna.weber@voltaro.example",
        ],
    ));
    // adding what exists is refused with the way to change it
    let again = cli(url, &["brand", "add", "voltaro"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already; change it with a setup file"));
    // a wrong reference names what exists
    let wrong =
        cli(url, &["person", "add", "--name", "X", "--email", "x@voltaro.example", "--team", "Nowhere"]);
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("there is no team \"Nowhere\" (teams: Germany Team)")
    );
    // the rest from the example file: the records above are found by their keys
    let out = ok(&cli(url, &["setup", EXAMPLE]));
    assert!(out.contains("changed account facebook:voltaro_de"), "{out}");
    let listed = ok(&cli(url, &["account", "list"]));
    assert!(listed.contains("facebook:voltaro_de  Voltaro Deutschland"), "{listed}");

    let raw_dir = tempfile::tempdir().expect("dir");
    let dir = raw_dir.path().to_string_lossy().into_owned();
    for file in [
        "generic_mentions.csv",
        "brandwatch_mentions.csv",
        "talkwalker_mentions.csv",
        "talkwalker_mentions.json",
    ] {
        ok(&cli(url, &["import", &format!("{FIXTURES}/{file}"), "--raw-dir", &dir]));
    }
    // a Meta export names its page: found by the page's name, without --account
    let out = ok(&cli(url, &["import", &format!("{FIXTURES}/meta_facebook_posts.csv"), "--raw-dir", &dir]));
    assert!(out.contains("2 inserted"), "{out}");
    // the governance registry knows the page's latest post from the import
    let latest = crate::common::raw(&db).await.texts("SELECT CAST(MAX(day) AS TEXT) FROM posts").await;
    let page = db.store.registry(chrono::NaiveDate::MAX).await.expect("registry");
    let page = page.iter().find(|a| a.handle == "voltaro_de" && a.platform == "facebook").expect("the page");
    assert_eq!(page.last_post_on.map(|d| d.to_string()), latest.first().cloned());

    // Talkwalker documents without a link or an author are kept under an id derived from their date
    // and text (the same on every import); a row without its date names the column it lacks
    let tw = raw_dir.path().join("talkwalker_without_links.json");
    std::fs::write(
        &tw,
        concat!(
            r#"{"url": "https://example.com/first", "published": 1772950000000, "content": "Voltaro on tour", "source_type": ["NEWS"], "extra_author_attributes": {"name": "Desk"}}"#, "\n",
            r#"{"published": 1772956800000, "content": "Voltaro wins the city bike test", "source_type": ["NEWS", "ONLINENEWS"]}"#, "\n",
            r#"{"url": "https://example.com/a", "content": "Voltaro again", "source_type": ["NEWS"], "extra_author_attributes": {"name": "Desk"}}"#, "\n",
        ),
    )
    .expect("write");
    let tw = tw.to_string_lossy().into_owned();
    let out = ok(&cli(url, &["import", &tw, "--format", "talkwalker", "--raw-dir", &dir]));
    assert!(out.contains("3 rows read, 2 inserted, 0 updated, 1 rejected"), "{out}");
    assert!(out.contains("published: the record lacks published (a Talkwalker export needs it)"), "{out}");
    let out = ok(&cli(url, &["import", &tw, "--format", "talkwalker", "--raw-dir", &dir]));
    assert!(out.contains("0 inserted"), "{out}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM mentions WHERE external_id LIKE 'derived:%'").await, 1);

    let mentions = count(&db, "SELECT COUNT(*) FROM mentions").await;
    assert!(mentions > 5, "{mentions}");
    let (first, last) = {
        let days = raw(&db).await.texts("SELECT CAST(MIN(day) AS TEXT) FROM mentions UNION ALL SELECT CAST(MAX(day) AS TEXT) FROM mentions").await;
        (days[0].clone(), days[1].clone())
    };
    let filter = resonance::model::OverviewFilter {
        preset: resonance::model::Preset::Custom,
        from: first.parse().ok(),
        to: last.parse().ok(),
        ..Default::default()
    };
    let today = last.parse().expect("day");
    let o =
        resonance::features::overview::service::overview(&db.store, &filter, today).await.expect("overview");
    assert_eq!(o.brand.name, "Voltaro");
    assert_eq!(o.time_zone, "Europe/Berlin");
    let tile = o.tiles.iter().find(|t| t.kpi == resonance::kpi::Kpi::Mentions).expect("mentions tile");
    assert_eq!(tile.value, Some(mentions as f64));
}

/// A listening export imported without --brand: each mention goes to every brand whose keywords
/// it contains, the own brand when it contains none; with --brand, all to that brand.
async fn mentions_are_assigned_to_brands_by_their_keywords(backend: &Backend) {
    let db = empty_db(backend).await;
    service::apply(&db.store, &example(), "example", false, audit()).await.expect("apply");
    let raw_dir = tempfile::tempdir().expect("dir");
    let file = raw_dir.path().join("listening.csv");
    std::fs::write(
        &file,
        concat!(
            "id,platform,published_at,author,text\n",
            "k-1,x,2026-03-01T09:00:00Z,@a,My Voltaro is great\n",
            "k-2,x,2026-03-01T10:00:00Z,@b,Rivex support never answers #rivex\n",
            "k-3,x,2026-03-01T11:00:00Z,@c,\"Voltaro or Rivex, which one?\"\n",
            "k-4,x,2026-03-01T12:00:00Z,@d,Nice weather for a ride\n",
            "k-5,x,2026-03-01T13:00:00Z,@e,rivexx is not a brand\n",
        ),
    )
    .expect("write");
    let (file, dir) = (file.to_string_lossy().into_owned(), raw_dir.path().to_string_lossy().into_owned());
    let out = ok(&cli(&db.url, &["import", &file, "--raw-dir", &dir]));
    assert!(out.contains("5 rows read, 6 inserted"), "{out}");
    let ids = |brand: &str| {
        format!("SELECT COUNT(*) FROM mentions m JOIN brands b ON b.id = m.brand_id WHERE b.name = '{brand}'")
    };
    assert_eq!(count(&db, &ids("Voltaro")).await, 4, "k-1, k-3, and k-4, k-5 that match no brand");
    assert_eq!(count(&db, &ids("Rivex")).await, 2, "k-2 and k-3");
    let both = "SELECT COUNT(*) FROM mentions WHERE external_id = 'k-3'";
    assert_eq!(count(&db, both).await, 2);
    // the rollups follow: the overview's share of voice sees both brands
    let rolled = "SELECT CAST(COALESCE(SUM(mentions), 0) AS BIGINT) FROM mention_daily";
    assert_eq!(count(&db, rolled).await, 6);

    // named brand: every mention is that brand's, keywords aside
    let again = raw_dir.path().join("again.csv");
    std::fs::write(
        &again,
        "id,platform,published_at,author,text\nk-9,x,2026-03-02T09:00:00Z,@z,Rivex only\n",
    )
    .expect("write");
    let again = again.to_string_lossy().into_owned();
    ok(&cli(&db.url, &["import", &again, "--brand", "Voltaro", "--raw-dir", &dir]));
    let k9 = "SELECT COUNT(*) FROM mentions m JOIN brands b ON b.id = m.brand_id WHERE m.external_id = 'k-9' AND b.name = 'Voltaro'";
    assert_eq!(count(&db, k9).await, 1);
}

/// Removing a record: refused with what refers to it while anything does (nothing removed),
/// removed and audited when nothing does.
async fn a_record_data_refers_to_is_not_removed(backend: &Backend) {
    use resonance::features::setup::types::SetupKey;
    let db = empty_db(backend).await;
    service::apply(&db.store, &example(), "example", false, audit()).await.expect("apply");
    let remove = |key: SetupKey| {
        let store = db.store.clone();
        async move {
            service::remove(&store, &key, None, Audit::new(1_700_000_000, None, "setup.removed", None)).await
        }
    };
    let refused = |r: Result<String, StoreError>| match r {
        Err(StoreError::Invalid(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let m = refused(remove(SetupKey::Brand("voltaro".into())).await);
    assert!(m.starts_with("brand voltaro cannot be removed: 3 accounts refer to it;"), "{m}");
    let m = refused(remove(SetupKey::Person("hanna.weber@voltaro.example".into())).await);
    assert!(m.contains("1 account refers to it") && m.contains("mark them as left instead"), "{m}");
    let m = refused(remove(SetupKey::Team("Germany Team".into())).await);
    assert!(m.contains("2 people and 1 account refer to it"), "{m}");
    let m = refused(remove(SetupKey::Market("de".into())).await);
    assert!(m.contains("1 team and 1 account refer to it"), "{m}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM brands").await, 2);

    // an account with posts: archive it instead
    let raw_dir = tempfile::tempdir().expect("dir");
    let dir = raw_dir.path().to_string_lossy().into_owned();
    ok(&cli(&db.url, &["import", &format!("{FIXTURES}/meta_facebook_posts.csv"), "--raw-dir", &dir]));
    let key = || SetupKey::Account { platform: "facebook".into(), handle: "Voltaro_DE".into() };
    let m = refused(remove(key()).await);
    assert!(
        m.contains("2 posts and 1 history event refer to it;") && m.contains("archive it instead"),
        "{m}"
    );
    // an account's history (append-only) always refers to it
    let m = refused(remove(SetupKey::Account { platform: "x".into(), handle: "voltaro_uk".into() }).await);
    assert!(m.contains("1 history event refers to it"), "{m}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, 3);

    // nothing refers to these: removed
    let said = remove(SetupKey::Brand("Rivex".into())).await.expect("a brand without data");
    assert_eq!(said, "Removed brand Rivex.");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM brands").await, 1);
    let pia = resonance::features::setup::types::PersonSpec {
        name: "Pia Neu".into(),
        email: "pia.neu@voltaro.example".into(),
        team: "Global Hub".into(),
        left_on: None,
    };
    let file = SetupFile { people: vec![pia], ..SetupFile::default() };
    service::add(&db.store, &file, "test", audit()).await.expect("add");
    remove(SetupKey::Person("Pia.Neu@voltaro.example".into())).await.expect("a person without accounts");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM people WHERE email = 'pia.neu@voltaro.example'").await, 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'setup.removed'").await, 2);
    match remove(SetupKey::Brand("Rivex".into())).await {
        Err(StoreError::NotFound(m)) => assert!(m.starts_with("brand Rivex"), "{m}"),
        other => panic!("{other:?}"),
    }
    // the commands say the same
    let out = cli(&db.url, &["team", "remove", "Germany Team"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("team Germany Team cannot be removed"));
}

/// The Setup page's edits: a record changed to what the page sends (an account's change
/// evented), messages in the page's words, a team lead kept to their own team's accounts.
async fn the_page_edits_records_and_keeps_team_leads_to_their_team(backend: &Backend) {
    use resonance::features::setup::types::AccountSpec;
    let db = empty_db(backend).await;
    service::apply(&db.store, &example(), "example", false, audit()).await.expect("apply");
    let now = db.store.setup_snapshot().await.expect("snapshot");
    let mut account = now.accounts.iter().find(|a| a.handle == "voltaro_de").cloned().expect("account");
    account.owner = Some("tom.hughes@voltaro.example".into());
    account.backup = Some("hanna.weber@voltaro.example".into());
    let one = |a: AccountSpec| SetupFile { accounts: vec![a], ..SetupFile::default() };
    let report = service::from_page(&db.store, &one(account.clone()), true, Some("germany team"), audit())
        .await
        .expect("save");
    assert_eq!(report.changed, vec!["account facebook:voltaro_de".to_string()]);
    let events = "SELECT COUNT(*) FROM account_events WHERE kind IN ('owner', 'backup_owner')";
    assert_eq!(count(&db, events).await, 2);

    // adding an existing record is refused with the page's way to change it
    match service::from_page(&db.store, &one(account.clone()), false, None, audit()).await {
        Err(StoreError::Invalid(m)) => {
            assert!(m.contains("exists already; change it with Edit in its row"), "{m}")
        }
        other => panic!("{other:?}"),
    }
    // wrong input in the page's words
    let mut wrong = account.clone();
    wrong.url = Some("ftp://nowhere".into());
    wrong.team = Some("Germany Team".into());
    wrong.custodian = Some("nobody@voltaro.example".into());
    match service::from_page(&db.store, &one(wrong), true, None, audit()).await {
        Err(StoreError::Invalid(m)) => {
            assert!(m.contains("Link: \"ftp://nowhere\" is not a link"), "{m}");
            assert!(m.contains("Credential custodian: there is no person with the email nobody@voltaro.example; add them under People on this page"), "{m}");
            assert!(!m.contains("accounts[0]"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    // a team lead: not another team's account, not moved to another team, not a brand
    let hub = now.accounts.iter().find(|a| a.handle == "voltaro").cloned().expect("hub account");
    let forbidden = |r: Result<_, StoreError>| match r {
        Err(StoreError::Forbidden(m)) => m,
        other => panic!("expected forbidden, got {other:?}"),
    };
    let m = forbidden(service::from_page(&db.store, &one(hub), true, Some("Germany Team"), audit()).await);
    assert!(m.contains("only their own team's accounts (Germany Team)"), "{m}");
    let mut moved = account.clone();
    moved.team = Some("Global Hub".into());
    forbidden(service::from_page(&db.store, &one(moved), true, Some("Germany Team"), audit()).await);
    let mut new = account.clone();
    new.handle = "voltaro_at".into();
    new.platform_id = None;
    let added = service::from_page(&db.store, &one(new), false, Some("Germany Team"), audit())
        .await
        .expect("own team");
    assert_eq!(added.added, vec!["account facebook:voltaro_at".to_string()]);
    let brand = SetupFile { brands: vec![now.brands[0].clone()], ..SetupFile::default() };
    forbidden(service::from_page(&db.store, &brand, true, Some("Germany Team"), audit()).await);
}

contract_tests!(
    mentions_are_assigned_to_brands_by_their_keywords,
    a_record_data_refers_to_is_not_removed,
    the_page_edits_records_and_keeps_team_leads_to_their_team,
    a_setup_file_applied_twice_changes_nothing_the_second_time,
    an_invalid_file_changes_nothing_and_names_each_problem,
    changes_are_written_and_evented,
    the_reporting_time_zone_is_fixed_once_data_is_imported,
    from_an_empty_database_to_an_overview_with_the_commands,
);

#[test]
fn setup_files_read_as_toml_yaml_and_an_accounts_csv() {
    let dir = tempfile::tempdir().expect("dir");
    let yaml = dir.path().join("setup.yaml");
    std::fs::write(&yaml, "brands:\n  - name: Voltaro\n    own: true\n    keywords: [voltaro]\n")
        .expect("write");
    let file = service::read(&yaml).expect("yaml");
    assert_eq!(file.brands[0].keywords, vec!["voltaro".to_string()]);
    let csv = dir.path().join("accounts.csv");
    std::fs::write(&csv, "platform,handle,brand,name,status\nx,@voltaro,Voltaro,Voltaro,official\ninstagram,voltaro_de,Voltaro,,\n")
        .expect("write");
    let file = service::read(&csv).expect("csv");
    assert_eq!(file.accounts.len(), 2);
    assert_eq!(file.accounts[1].name, None);
    let typo = dir.path().join("typo.toml");
    std::fs::write(&typo, "[[brands]]\nname = \"Voltaro\"\nkeyword = [\"voltaro\"]\n").expect("write");
    let err = service::read(&typo).expect_err("unknown field");
    assert!(err.contains("unknown field `keyword`"), "{err}");
    let other = dir.path().join("setup.json");
    std::fs::write(&other, "{}").expect("write");
    assert!(service::read(&other).expect_err("json").contains("ends in .toml, .yaml, .yml or .csv"));
}
