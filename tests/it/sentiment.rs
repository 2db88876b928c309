//! The sentiment scorers against their references: English against vaderSentiment 3.3.2
//! (the oracle fixture computed on CPython 3.12 by `make sentiment-oracle`), German against the
//! hand-labelled dev set.

use resonance::sentiment::{self, vader::Vader, Language, Thresholds};

#[test]
fn english_matches_vadersentiment_on_every_oracle_sentence() {
    let fixture = include_str!("../fixtures/sentiment/vader_oracle.jsonl");
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

/// The `score` and `rescore` commands, as a user runs them.
#[test]
fn score_and_rescore_commands() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let bin = env!("CARGO_BIN_EXE_resonance");
    let run_score = |input: &str, args: &[&str]| {
        let mut child = Command::new(bin)
            .arg("score")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
        child.wait_with_output().expect("run")
    };
    let out = run_score("a1\tWhat a great ride, I love it!\nb2\tDer Akku ist leider kaputt.\n", &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!((lines[0][0], lines[0][1], lines[0][3]), ("a1", "en", "positive"));
    assert_eq!((lines[1][0], lines[1][1], lines[1][3]), ("b2", "de", "negative"));
    assert!(lines[0][2].parse::<f64>().expect("compound") > 0.5);
    // thresholds move the label; malformed lines are named and fail the run
    let out = run_score("x\tThe ride was fine\n", &["--positive-threshold", "0.9"]);
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("\tneutral\n"));
    let out = run_score("no tab on this line\nok\tfine\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1: expected id<TAB>text"));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1, "the good line is still scored");
    let out = run_score("", &["--positive-threshold", "-0.5", "--negative-threshold", "0.5"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("must not be above"));

    // rescore a small demo database with strict thresholds: fewer positives afterwards
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("r.db").display());
    let demo =
        Command::new(bin).args(["demo", "--mentions", "2000", "--database", &url]).output().expect("demo");
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    assert!(String::from_utf8_lossy(&demo.stdout).contains("sentiment scorer agrees"));
    let rescore = Command::new(bin)
        .args([
            "rescore",
            "--database",
            &url,
            "--positive-threshold",
            "0.99",
            "--negative-threshold",
            "-0.99",
        ])
        .output()
        .expect("rescore");
    assert!(rescore.status.success(), "{}", String::from_utf8_lossy(&rescore.stderr));
    assert!(String::from_utf8_lossy(&rescore.stdout).contains("rescore: 2000 mentions scored"));
}

mod no_input_breaks_a_scorer {
    use proptest::prelude::*;
    use resonance::sentiment::{self, german::German, vader::Vader, Language, Thresholds};

    /// Text made of the pieces the rules look at: words of both lexicons, negations, boosters,
    /// "but", emoji, emoticons, odd whitespace and punctuation, capitals.
    fn social_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "good",
            "BAD",
            "not",
            "very",
            "but",
            "kind",
            "of",
            "least",
            "no",
            "never",
            "so",
            "the",
            "shit",
            "nicht",
            "kein",
            "sehr",
            "aber",
            "obwohl",
            "gut",
            "SCHLECHT",
            "schön",
            "schoen",
            "Lieblingsrad",
            "😍",
            "🙄",
            "❤️",
            ":)",
            ":-(",
            "<3",
            "!!!",
            "???",
            ",",
            ".",
            "\t",
            "\u{a0}",
            "\u{1f}",
            "ǅ",
            "İ",
            "ß",
            "",
            " ",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|p| p.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn scores_stay_in_range_for_rule_shaped_text(text in social_text()) {
            let p = Vader::get().polarity_scores(&text);
            prop_assert!((-1.0..=1.0).contains(&p.compound));
            prop_assert!(p.neg >= 0.0 && p.neu >= 0.0 && p.pos >= 0.0);
            prop_assert!(p.neg + p.neu + p.pos <= 1.0011 || (p.neg + p.neu + p.pos) == 0.0);
            prop_assert!((-1.0..=1.0).contains(&German::get().compound(&text)));
        }

        #[test]
        fn any_string_is_scored_without_a_panic(text in any::<String>()) {
            let scored = sentiment::score(&text, None, &Thresholds::default());
            prop_assert_eq!(scored.compound.is_some(), scored.label.is_some());
            prop_assert_eq!(scored.compound.is_none(), scored.unscored_reason.is_some());
            let _ = sentiment::explain(&text, &Language::German);
            let _ = sentiment::explain(&text, &Language::English);
        }
    }
}
