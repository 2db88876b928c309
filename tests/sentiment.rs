//! The sentiment scorers against their references: English against vaderSentiment 3.3.2
//! (the oracle fixture computed on CPython 3.12 by `make sentiment-oracle`), German against the
//! hand-labelled dev set.
#![cfg(feature = "ssr")]

use resonance::sentiment::{self, vader::Vader, Language, Thresholds};

#[test]
fn english_matches_vadersentiment_on_every_oracle_sentence() {
    let fixture = include_str!("fixtures/sentiment/vader_oracle.jsonl");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in fixture.lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("fixture line is JSON");
        let text = row["text"].as_str().expect("text");
        let got = Vader::get().polarity_scores(text);
        let field = |name: &str| row[name].as_f64().expect("score");
        let pairs = [
            ("neg", got.neg, field("neg")),
            ("neu", got.neu, field("neu")),
            ("pos", got.pos, field("pos")),
            ("compound", got.compound, field("compound")),
        ];
        for (name, ours, theirs) in pairs {
            if (ours - theirs).abs() > 1e-4 {
                wrong.push(format!("{text:?}: {name} {ours} vs vaderSentiment {theirs}"));
            }
        }
        checked += 1;
    }
    assert!(checked >= 2000, "the oracle holds only {checked} sentences");
    assert!(wrong.is_empty(), "{} scores differ from vaderSentiment:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn german_dev_set_accuracy_is_at_least_80_percent() {
    let items = sentiment::labelled(sentiment::GERMAN_DEV_SET);
    assert!(items.len() >= 300, "the dev set holds only {} items", items.len());
    let result = sentiment::evaluate(items.iter().copied(), Some(Language::German), &Thresholds::default());
    let misses: Vec<String> =
        result.misses.iter().map(|(e, g, t)| format!("{} → {}: {t}", e.token(), g.token())).collect();
    println!(
        "German dev set: {} items, accuracy {:.3}, macro-F1 {:.3}; misses:\n{}",
        result.items,
        result.accuracy,
        result.macro_f1,
        misses.join("\n")
    );
    assert!(
        result.accuracy >= 0.80,
        "accuracy {:.3}, macro-F1 {:.3}; misses:\n{}",
        result.accuracy,
        result.macro_f1,
        misses.join("\n")
    );
}

#[test]
fn the_dev_set_is_detected_as_german() {
    let items = sentiment::labelled(sentiment::GERMAN_DEV_SET);
    let other: Vec<&str> = items
        .iter()
        .map(|(_, t)| *t)
        .filter(|t| !matches!(sentiment::language::detect(t), Language::German | Language::NoWords))
        .collect();
    assert!(
        other.len() * 50 <= items.len(),
        "{} German items detected as another language: {other:#?}",
        other.len()
    );
}
