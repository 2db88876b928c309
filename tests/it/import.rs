//! Importing the generic mentions CSV with `resonance import`, on SQLite and PostgreSQL: one
//! batch per file, rejects with line, column and reason, the raw file kept, re-imports update in
//! place and keep a person's override, files that are not mentions change nothing.

use crate::common;
use std::process::{Command, Output};

use crate::common::{demo_db, Backend};
use resonance::features::mentions::types::SentimentOrigin;
use resonance::model::{DateRange, Sentiment};
use resonance::server::store::{Audit, Slice};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn import(url: &str, raw_dir: &std::path::Path, file: &str) -> Output {
    import_with(url, raw_dir, file, &[])
}

fn import_with(url: &str, raw_dir: &std::path::Path, file: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resonance"))
        .args(["import", &format!("{FIXTURES}/{file}"), "--database", url, "--raw-dir"])
        .arg(raw_dir)
        .args(args)
        .output()
        .expect("run resonance import")
}

/// Imports a file that must succeed and returns its summary and reject lines.
fn imported(url: &str, raw_dir: &std::path::Path, file: &str, args: &[&str], summary: &str) -> String {
    let out = import_with(url, raw_dir, file, args);
    let text = stdout(&out);
    assert!(out.status.success(), "{file}: {}{text}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains(summary), "{file}: expected {summary:?} in:\n{text}");
    text
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

async fn generic_csv_imports_as_one_batch_and_reimports_in_place(backend: &Backend) {
    let db = demo_db(backend, 2_000, 9).await;
    let raw = tempfile::tempdir().expect("dir");
    let before = db.store.counts().await.expect("counts").0;

    let brand = db.store.brand(None).await.expect("brand");
    let slice = Slice {
        range: DateRange { from: "2026-03-01".parse().expect("d"), to: "2026-03-03".parse().expect("d") },
        brand_id: brand.id,
        platform: None,
        market: None,
        campaign_id: None,
    };
    let demo_in_range = crate::common::period_sums(&db, &slice).await.expect("sums").sentiment.total();

    let first = import(&db.url, raw.path(), "generic_mentions.csv");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let out = stdout(&first);
    assert!(out.contains("10 rows read, 5 inserted, 1 updated, 4 rejected"), "{out}");
    for reject in [
        "line 6, published_at: \"not a date\" is not a date",
        "line 7, author_followers: \"abc\" is not a whole number",
        "line 8, author: author is empty",
        "line 9, sentiment: \"ecstatic\" is not positive, neutral or negative",
    ] {
        assert!(out.contains(reject), "{reject} missing in:\n{out}");
    }
    assert_eq!(db.store.counts().await.expect("counts").0, before + 5);
    assert_eq!(std::fs::read_dir(raw.path()).expect("raw dir").count(), 1, "the raw file is kept once");

    let rows = |db: &common::TestDb| {
        let (store, slice) = (db.store.clone(), slice.clone());
        async move { store.mention_page(&slice, None, 0, 50).await.expect("page").0 }
    };
    let imported = rows(&db).await;
    let find = |rows: &[resonance::features::mentions::types::MentionRow], text: &str| {
        rows.iter()
            .find(|r| r.text.starts_with(text))
            .cloned()
            .unwrap_or_else(|| panic!("{text} not imported"))
    };
    let akku = find(&imported, "Der neue Akku");
    assert_eq!(
        (akku.sentiment, akku.origin, akku.language.as_deref()),
        (Sentiment::Positive, SentimentOrigin::Computed, Some("de"))
    );
    assert_eq!((akku.author.as_str(), akku.reach), ("anna_rides", 1600), "a repeated row: the last one wins");
    let broken = find(&imported, "Worst delivery");
    assert_eq!((broken.sentiment, broken.language.as_deref()), (Sentiment::Negative, Some("en")));
    let french = find(&imported, "Le vélo");
    assert_eq!(
        (french.sentiment, french.origin),
        (Sentiment::Negative, SentimentOrigin::Imported),
        "the export's label wins"
    );
    let latin1 = find(&imported, "Schöne Grüße aus München");
    assert_eq!(latin1.author, "jürgen", "a Windows-1252 row is read as such");
    let sums = crate::common::period_sums(&db, &slice).await.expect("sums");
    assert_eq!(sums.sentiment.total(), demo_in_range + 5, "the rollups include the batch");

    // a person's override survives the re-import, which updates the rest in place
    let question = find(&imported, "Is the shop in Leeds");
    db.store
        .set_manual_sentiment(
            question.id,
            Some(Sentiment::Negative),
            Audit::new(1, None, "mention.sentiment", None),
        )
        .await
        .expect("override");
    let second = import(&db.url, raw.path(), "generic_mentions.csv");
    assert!(
        stdout(&second).contains("10 rows read, 0 inserted, 6 updated, 4 rejected"),
        "{}",
        stdout(&second)
    );
    assert_eq!(db.store.counts().await.expect("counts").0, before + 5, "nothing added twice");
    let again = find(&rows(&db).await, "Is the shop in Leeds");
    assert_eq!((again.sentiment, again.origin), (Sentiment::Negative, SentimentOrigin::Manual));
    assert_eq!(
        crate::common::period_sums(&db, &slice).await.expect("sums").sentiment.total(),
        demo_in_range + 5
    );

    // files that are not generic mentions change nothing and say why
    for (file, message) in [("not_mentions.csv", "lacks the columns"), ("empty.csv", "the file is empty")] {
        let out = import(&db.url, raw.path(), file);
        assert!(!out.status.success(), "{file} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message) && err.contains("nothing was imported"), "{file}: {err}");
    }
    assert_eq!(db.store.counts().await.expect("counts").0, before + 5);
}

/// Every export format, told from its header: what lands where, what is rejected and why,
/// lifetime totals replaced on re-import, rollups in step, and files that cannot be read change
/// nothing.
async fn every_export_format_imports_with_its_rejects(backend: &Backend) {
    let db = demo_db(backend, 2_000, 9).await;
    let raw_dir = tempfile::tempdir().expect("dir");
    let raw = common::raw(&db).await;
    let url = db.url.as_str();
    let dir = raw_dir.path();

    let out = imported(
        url,
        dir,
        "brandwatch_mentions.csv",
        &[],
        "(Brandwatch mention export): 5 rows read, 3 inserted, 0 updated, 2 rejected",
    );
    assert!(out.contains("line 12, Date: \"31/31/2026\" is not a date"), "{out}");
    assert!(out.contains("line 13, Page Type: \"myspace\" is not a platform Resonance knows"), "{out}");
    let q = "SELECT COUNT(*) FROM mentions WHERE platform = 'news' AND author_id IN (SELECT id FROM authors WHERE handle = 'spiegel.example') AND market = 'DE' AND reach = 250000 AND sentiment_label = 'negative' AND sentiment_source = 'imported'";
    assert_eq!(raw.int(q).await, 1, "a news mention without an author is the site's");
    assert_eq!(
        raw.int("SELECT COUNT(*) FROM mentions WHERE platform = 'reddit' AND market = 'UK' AND likes = 17")
            .await,
        1
    );
    assert_eq!(
        raw.int(
            "SELECT COUNT(*) FROM platforms WHERE code IN ('news', 'reddit') AND name IN ('News', 'Reddit')"
        )
        .await,
        2
    );

    let out = imported(
        url,
        dir,
        "talkwalker_mentions.csv",
        &[],
        "(Talkwalker export): 4 rows read, 3 inserted, 0 updated, 1 rejected",
    );
    assert!(out.contains("line 5, published: \"last tuesday\" is not a date"), "{out}");
    let q = "SELECT COUNT(*) FROM mentions WHERE platform = 'blogs' AND market = 'CH' AND sentiment_label = 'negative' AND author_id IN (SELECT id FROM authors WHERE handle = 'Velo Blog')";
    assert_eq!(raw.int(q).await, 1, "Talkwalker's -2 is negative; a blog without a handle is named");
    imported(
        url,
        dir,
        "talkwalker_mentions.json",
        &[],
        "(Talkwalker export): 3 rows read, 2 inserted, 0 updated, 1 rejected",
    );
    let q = "SELECT COUNT(*) FROM mentions WHERE platform = 'facebook' AND market = 'AT' AND likes = 25 AND shares = 1 AND comments = 4";
    assert_eq!(raw.int(q).await, 1, "nested Talkwalker JSON is flattened");

    let out = imported(
        url,
        dir,
        "generic_mentions.json",
        &[],
        "(generic mentions file): 4 rows read, 2 inserted, 0 updated, 2 rejected",
    );
    assert!(
        out.contains("line 3, author: author is empty")
            && out.contains("line 4: the record is not an object"),
        "{out}"
    );
    assert_eq!(raw.int("SELECT COUNT(*) FROM mentions WHERE external_id = 'gj-2' AND author_followers = 120000 AND likes = 900").await, 1);

    let out = imported(url, dir, "utf16_mentions.txt", &[], "2 rows read, 2 inserted");
    assert!(!out.contains("rejected)") || out.contains("0 rejected"), "{out}");
    assert_eq!(raw.int("SELECT COUNT(*) FROM mentions WHERE text = 'Grüße aus Zürich, das Voltaro ist großartig!' AND language = 'de'").await, 1);
    let out = imported(url, dir, "long_field.csv", &[], "2 rows read, 1 inserted, 0 updated, 1 rejected");
    assert!(out.contains("line 2, text: the text is longer than 20000 bytes"), "{out}");

    // owned posts: accounts by handle, by --account, by the archive's account.js
    let posts_before = db.store.counts().await.expect("counts").1;
    let out = imported(
        url,
        dir,
        "generic_posts.csv",
        &[],
        "(generic owned-posts file): 3 rows read, 2 inserted, 0 updated, 1 rejected",
    );
    assert!(out.contains("line 4, account: there is no tiktok account \"voltaro_nowhere\""), "{out}");
    let out =
        imported(url, dir, "meta_facebook_posts.csv", &[], "3 rows read, 0 inserted, 0 updated, 3 rejected");
    assert!(
        out.contains(
            "there is no facebook account \"Voltaro Deutschland\": add it on the Setup page or with `resonance account add facebook HANDLE --brand B --name NAME`, or give the account (Account (posts) on the Imports page, --account)"
        ),
        "{out}"
    );
    let out = imported(
        url,
        dir,
        "meta_facebook_posts.csv",
        &["--account", "facebook:voltaro_de"],
        "(Meta Business Suite Facebook post export): 3 rows read, 2 inserted, 0 updated, 1 rejected",
    );
    assert!(out.contains("line 4, Impressions: \"lots\" is not a whole number"), "{out}");
    let fb = "SELECT impressions FROM posts WHERE external_id = '101000000000001_201000000000001'";
    assert_eq!(raw.int(fb).await, 15_400);
    imported(
        url,
        dir,
        "meta_facebook_posts_later.csv",
        &["--account", "facebook:voltaro_de"],
        "2 rows read, 0 inserted, 2 updated, 0 rejected",
    );
    assert_eq!(raw.int(fb).await, 18_100, "lifetime totals are replaced, never added");
    imported(
        url,
        dir,
        "meta_instagram_posts.csv",
        &["--campaign", "Spring Ride"],
        "(Meta Business Suite Instagram post export): 2 rows read, 2 inserted, 0 updated, 0 rejected",
    );
    let q = "SELECT COUNT(*) FROM posts p JOIN accounts a ON a.id = p.account_id JOIN campaigns c ON c.id = p.campaign_id WHERE a.handle = 'voltaro_nl' AND p.video_views = 28800 AND c.name = 'Spring Ride'";
    assert_eq!(raw.int(q).await, 1);
    let out = imported(
        url,
        dir,
        "x_archive.zip",
        &[],
        "(X/Twitter archive (tweets.js)): 3 rows read, 2 inserted, 0 updated, 1 rejected",
    );
    assert!(out.contains("line 3, favorite_count: \"many\" is not a whole number"), "{out}");
    let q = "SELECT COUNT(*) FROM posts p JOIN accounts a ON a.id = p.account_id WHERE a.platform = 'x' AND a.handle = 'voltaro_uk' AND p.external_id = '1900000000000000101' AND p.reactions = 57 AND p.shares = 9";
    assert_eq!(raw.int(q).await, 1, "the archive's account.js names the account");
    let ambiguous = import_with(url, dir, "tweets.js", &["--account", "voltaro_uk"]);
    assert!(
        String::from_utf8_lossy(&ambiguous.stderr).contains("names 3 accounts"),
        "{}",
        String::from_utf8_lossy(&ambiguous.stderr)
    );
    imported(
        url,
        dir,
        "tweets.js",
        &["--account", "x:voltaro_uk"],
        "3 rows read, 0 inserted, 2 updated, 1 rejected",
    );
    for (file, format) in [
        ("linkedin_posts_en.xlsx", "LinkedIn page posts export"),
        ("linkedin_posts_de.xlsx", "LinkedIn page posts export (German)"),
        ("linkedin_posts_fr.xls", "LinkedIn page posts export (French)"),
    ] {
        let out = imported(
            url,
            dir,
            file,
            &["--account", "linkedin:voltaro"],
            &format!("({format}): 3 rows read, 2 inserted, 0 updated, 1 rejected"),
        );
        assert!(out.contains("line 5") && out.contains("\"someday\" is not a date"), "{file}: {out}");
    }
    let q = "SELECT COUNT(*) FROM posts WHERE platform = 'linkedin' AND external_id LIKE 'urn:li:activity:71600000000000002%' AND impressions IN (4200, 6100) AND shares IN (11, 30)";
    assert_eq!(raw.int(q).await, 2, "the French .xls: ids from both link shapes, counts");
    assert_eq!(db.store.counts().await.expect("counts").1, posts_before + 2 + 2 + 2 + 2 + 6);

    // rollups follow every batch
    assert_eq!(
        raw.int("SELECT SUM(posts) FROM post_daily").await,
        raw.int("SELECT COUNT(*) FROM posts").await
    );
    assert_eq!(
        raw.int("SELECT SUM(impressions) FROM post_daily").await,
        raw.int("SELECT SUM(impressions) FROM posts").await
    );
    assert_eq!(
        raw.int("SELECT SUM(mentions) FROM mention_daily").await,
        raw.int("SELECT COUNT(*) FROM mentions").await
    );

    // files that cannot be read change nothing
    let (mentions, posts) = db.store.counts().await.expect("counts");
    let batches = raw.int("SELECT COUNT(*) FROM import_batches").await;
    for (file, args, message) in [
        ("truncated.json", &[][..], "the file ends in the middle of record 3"),
        ("truncated.zip", &[], "the zip archive cannot be read"),
        ("zip_bomb.zip", &[], "refused as a zip bomb"),
        (
            "generic_mentions.csv",
            &["--format", "brandwatch"],
            "the Brandwatch mention export, lacks the columns",
        ),
        ("generic_mentions.csv", &["--format", "excel"], "there is no format \"excel\""),
    ] {
        let out = import_with(url, dir, file, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(message), "{file}: {err}");
    }
    assert_eq!(db.store.counts().await.expect("counts"), (mentions, posts));
    assert_eq!(raw.int("SELECT COUNT(*) FROM import_batches").await, batches, "no batch is left behind");
}

/// A process killed in the middle of an import leaves no batch, no row and no rollup behind.
async fn a_killed_import_leaves_nothing_behind(backend: &Backend) {
    let db = demo_db(backend, 2_000, 9).await;
    let raw = common::raw(&db).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("big.csv");
    let mut text = String::from("id,platform,published_at,author,text,reach\n");
    for i in 0..150_000 {
        text.push_str(&format!(
            "big-{i},x,2026-03-02T10:{:02}:00Z,user{},Das Voltaro ist super Nummer {i},{i}\n",
            i % 60,
            i % 997
        ));
    }
    std::fs::write(&file, text).expect("write");
    let before =
        (db.store.counts().await.expect("counts"), raw.int("SELECT COUNT(*) FROM import_batches").await);
    let rollup = raw.int("SELECT SUM(mentions) FROM mention_daily").await;
    let raw_dir = dir.path().join("raw");
    let mut child = Command::new(env!("CARGO_BIN_EXE_resonance"))
        .args(["import"])
        .arg(&file)
        .args(["--database", &db.url, "--raw-dir"])
        .arg(&raw_dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // the raw file is kept before the first row is read; then let it write for a while
    while std::fs::read_dir(&raw_dir).map(|d| d.count()).unwrap_or(0) == 0 {
        assert!(child.try_wait().expect("wait").is_none(), "the import ended before it could be killed");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(700));
    assert!(child.try_wait().expect("wait").is_none(), "the import ended before it could be killed");
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert_eq!(
        (db.store.counts().await.expect("counts"), raw.int("SELECT COUNT(*) FROM import_batches").await),
        before
    );
    assert_eq!(raw.int("SELECT SUM(mentions) FROM mention_daily").await, rollup);
    // and the database takes the next import
    imported(&db.url, dir.path(), "generic_mentions.csv", &[], "5 inserted");
}

contract_tests!(
    generic_csv_imports_as_one_batch_and_reimports_in_place,
    every_export_format_imports_with_its_rejects,
    a_killed_import_leaves_nothing_behind
);
