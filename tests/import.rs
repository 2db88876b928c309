//! Importing the generic mentions CSV with `resonance import`, on SQLite and PostgreSQL: one
//! batch per file, rejects with line, column and reason, the raw file kept, re-imports update in
//! place and keep a person's override, files that are not mentions change nothing.
#![cfg(feature = "ssr")]

mod common;

use std::process::{Command, Output};

use common::{demo_db, Backend};
use resonance::mentions::SentimentOrigin;
use resonance::model::{DateRange, Sentiment};
use resonance::server::store::{Audit, Slice};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn import(url: &str, raw_dir: &std::path::Path, file: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resonance"))
        .args(["import", &format!("{FIXTURES}/{file}"), "--database", url, "--raw-dir"])
        .arg(raw_dir)
        .output()
        .expect("run resonance import")
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
    };
    let demo_in_range = db.store.period_sums(&slice).await.expect("sums").sentiment.total();

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
    let find = |rows: &[resonance::mentions::MentionRow], text: &str| {
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
    let sums = db.store.period_sums(&slice).await.expect("sums");
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
    assert_eq!(db.store.period_sums(&slice).await.expect("sums").sentiment.total(), demo_in_range + 5);

    // files that are not generic mentions change nothing and say why
    for (file, message) in [("not_mentions.csv", "lacks the columns"), ("empty.csv", "the file is empty")] {
        let out = import(&db.url, raw.path(), file);
        assert!(!out.status.success(), "{file} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message) && err.contains("nothing was imported"), "{file}: {err}");
    }
    assert_eq!(db.store.counts().await.expect("counts").0, before + 5);
}

contract_tests!(generic_csv_imports_as_one_batch_and_reimports_in_place);
