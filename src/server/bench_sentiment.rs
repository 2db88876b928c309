//! `resonance bench-sentiment`: the sentiment figures the README reports, measured in one run —
//! scoring throughput on one core beside Python vaderSentiment's on the same texts, accuracy and
//! macro-F1 on the German dev set, and agreement with the demo generator's intended labels.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::Context;

use crate::model::Sentiment;
use crate::sentiment::{self, german::German, vader::Vader, Language, Thresholds};
use crate::server::demo::rng::Rng;
use crate::server::demo::text::{self, Kind, Lang};

/// Python that times vaderSentiment over a file of texts (one per line) and prints texts/s.
const PYTHON_TIMER: &str = r#"
import sys, time
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
texts = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
a = SentimentIntensityAnalyzer()
start = time.perf_counter()
for t in texts:
    a.polarity_scores(t)
print(len(texts) / (time.perf_counter() - start))
"#;

/// Demo-style posts, each with the sentiment it was written to express.
fn demo_texts(n: usize, seed: u64) -> Vec<(Lang, Sentiment, String)> {
    let mut rng = Rng::stream(seed, "bench-sentiment");
    (0..n)
        .map(|i| {
            let lang = if i % 5 < 3 { Lang::En } else { Lang::De };
            let question = rng.chance(0.06);
            let sentiment = if question { Sentiment::Neutral } else { *rng.pick(&Sentiment::ALL) };
            let kind = if question { Kind::Question } else { Kind::Opinion(sentiment) };
            let hashtag = rng.chance(0.2).then_some("#ReadyForTheCity");
            (lang, sentiment, text::write(&mut rng, lang, kind, "Voltaro", hashtag))
        })
        .collect()
}

/// Texts per second of `f` over `texts`, best of three rounds.
fn rate(texts: &[&str], mut f: impl FnMut(&str) -> f64) -> f64 {
    let mut best = 0.0f64;
    let mut sink = 0.0;
    for _ in 0..3 {
        let start = Instant::now();
        for t in texts {
            sink += f(t);
        }
        best = best.max(texts.len() as f64 / start.elapsed().as_secs_f64());
    }
    std::hint::black_box(sink);
    best
}

pub fn run(texts_n: usize, python: &Path) -> anyhow::Result<()> {
    let thresholds = Thresholds::default();
    let sample = demo_texts(texts_n, 7);
    let english: Vec<&str> =
        sample.iter().filter(|(l, _, _)| *l == Lang::En).map(|(_, _, t)| t.as_str()).collect();
    let german: Vec<&str> =
        sample.iter().filter(|(l, _, _)| *l == Lang::De).map(|(_, _, t)| t.as_str()).collect();
    let all: Vec<&str> = sample.iter().map(|(_, _, t)| t.as_str()).collect();
    // warm the lexicons
    Vader::get();
    German::get();

    let ours = rate(&english, |t| Vader::get().polarity_scores(t).compound);
    let file = std::env::temp_dir().join(format!("resonance-bench-sentiment-{}.txt", std::process::id()));
    {
        let mut out = std::fs::File::create(&file)?;
        for t in &english {
            writeln!(out, "{}", t.replace('\n', " "))?;
        }
    }
    let python_rate = Command::new(python)
        .arg("-c")
        .arg(PYTHON_TIMER)
        .arg(&file)
        .output()
        .with_context(|| format!("cannot run {} (make bench-sentiment installs it)", python.display()))
        .and_then(|out| {
            anyhow::ensure!(
                out.status.success(),
                "Python vaderSentiment failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            Ok(String::from_utf8_lossy(&out.stdout).trim().parse::<f64>()?)
        });
    let _ = std::fs::remove_file(&file);
    let python_rate = python_rate?;

    println!("sentiment scoring on one core, {} English demo texts:", english.len());
    println!("  Resonance VADER port      {ours:>12.0} texts/s");
    println!("  Python vaderSentiment     {python_rate:>12.0} texts/s   (same texts, same run)");
    println!("  ratio                     {:>12.1}×   (goal ≥ 20×)", ours / python_rate);
    let de = rate(&german, |t| German::get().compound(t));
    let detect = rate(&all, |t| sentiment::language::detect(t).code().len() as f64);
    let full = rate(&all, |t| sentiment::score(t, None, &thresholds).compound.unwrap_or(0.0));
    println!("  German scorer             {de:>12.0} texts/s   ({} German demo texts)", german.len());
    println!("  language detection        {detect:>12.0} texts/s");
    println!("  detect + score (import)   {full:>12.0} texts/s   (all {} texts)", all.len());

    let dev = sentiment::labelled(sentiment::GERMAN_DEV_SET);
    let eval = sentiment::evaluate(dev.iter().copied(), Some(Language::German), &thresholds);
    println!(
        "German dev set ({} items): accuracy {:.3}, macro-F1 {:.3}",
        eval.items, eval.accuracy, eval.macro_f1
    );
    for (lang, name) in [(Lang::En, "English"), (Lang::De, "German")] {
        let items = sample.iter().filter(|(l, _, _)| *l == lang).map(|(_, s, t)| (*s, t.as_str()));
        let eval = sentiment::evaluate(items, None, &thresholds);
        println!(
            "demo ground truth, {name} ({} texts): agreement {:.3}, macro-F1 {:.3}",
            eval.items, eval.accuracy, eval.macro_f1
        );
    }
    Ok(())
}
