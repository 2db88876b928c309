//! Sentiment: every mention's text scored in English or German, and the rules that decide
//! which sentiment a mention shows.
//!
//! - `vader`: English, VADER as in vaderSentiment 3.3.2 (proven against it by `tests/sentiment.rs`)
//! - `german`: German lexicon scorer on the same scale
//! - `language`: which of the two a text is in (other languages stay unscored, with the reason)
//!
//! Labels come from the compound score and [`Thresholds`] (default ±0.05, VADER's own). A
//! mention's effective sentiment follows [`effective`]: manual override > imported > computed.

pub mod german;
pub mod language;
pub mod vader;

use crate::model::Sentiment;
pub use language::Language;

/// Compound ≥ `positive` is positive, ≤ `negative` negative, anything between neutral.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub positive: f64,
    pub negative: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { positive: 0.05, negative: -0.05 }
    }
}

impl Thresholds {
    /// Checked thresholds: within [-1, 1], negative ≤ positive.
    pub fn new(positive: f64, negative: f64) -> Result<Thresholds, String> {
        if !(-1.0..=1.0).contains(&positive) || !(-1.0..=1.0).contains(&negative) {
            return Err("sentiment thresholds must lie between -1 and 1".into());
        }
        if negative > positive {
            return Err(format!(
                "the negative threshold ({negative}) must not be above the positive one ({positive})"
            ));
        }
        Ok(Thresholds { positive, negative })
    }

    pub fn label(&self, compound: f64) -> Sentiment {
        if compound >= self.positive {
            Sentiment::Positive
        } else if compound <= self.negative {
            Sentiment::Negative
        } else {
            Sentiment::Neutral
        }
    }
}

/// What the scorer made of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub language: Language,
    /// Compound score in [-1, 1]; `None` when the text was not scored.
    pub compound: Option<f64>,
    pub label: Option<Sentiment>,
    /// Why the text was not scored, for people to read.
    pub unscored_reason: Option<String>,
}

/// Scores a text: detects its language (unless `language` is given, e.g. by an import) and
/// scores English and German; texts without words are scored on their emoji and emoticons.
pub fn score(text: &str, language: Option<Language>, thresholds: &Thresholds) -> Scored {
    let language = language.unwrap_or_else(|| language::detect(text));
    let compound = match language {
        Language::English | Language::NoWords => vader::Vader::get().polarity_scores(text).compound,
        Language::German => german::German::get().compound(text),
        Language::Other(_) => {
            let reason = format!(
                "Not scored: written in {} ({}); Resonance scores English and German",
                language.name(),
                language.code()
            );
            return Scored { language, compound: None, label: None, unscored_reason: Some(reason) };
        }
    };
    Scored {
        language,
        compound: Some(compound),
        label: Some(thresholds.label(compound)),
        unscored_reason: None,
    }
}

/// The words that carry a text's score and their valence after the rules (negation,
/// boosters, caps, contrast), strongest first: what a person reads to see why a text scored
/// as it did. Empty for a language Resonance does not score.
pub fn explain(text: &str, language: &Language) -> Vec<(String, f64)> {
    let mut words = match language {
        Language::English | Language::NoWords => vader::Vader::get().explain(text),
        Language::German => german::German::get().explain(text),
        Language::Other(_) => Vec::new(),
    };
    words.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    words
}

/// The sentiment a mention shows: a person's override, else what its import brought, else
/// the computed label; a mention with none of these (unscored) counts as neutral.
pub fn effective(
    manual: Option<Sentiment>,
    imported: Option<Sentiment>,
    computed: Option<Sentiment>,
) -> (Sentiment, Source) {
    match (manual, imported, computed) {
        (Some(s), _, _) => (s, Source::Manual),
        (None, Some(s), _) => (s, Source::Imported),
        (None, None, Some(s)) => (s, Source::Computed),
        (None, None, None) => (Sentiment::Neutral, Source::Computed),
    }
}

pub use crate::server::store::SentimentSource as Source;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_label_and_refuse_nonsense() {
        let t = Thresholds::default();
        assert_eq!(t.label(0.05), Sentiment::Positive);
        assert_eq!(t.label(0.0499), Sentiment::Neutral);
        assert_eq!(t.label(-0.05), Sentiment::Negative);
        let wide = Thresholds::new(0.5, -0.5).expect("valid");
        assert_eq!(wide.label(0.3), Sentiment::Neutral);
        assert!(Thresholds::new(-0.2, 0.2).is_err() && Thresholds::new(2.0, 0.0).is_err());
    }

    #[test]
    fn precedence_manual_then_imported_then_computed() {
        use Sentiment::*;
        assert_eq!(effective(Some(Negative), Some(Positive), Some(Positive)), (Negative, Source::Manual));
        assert_eq!(effective(None, Some(Positive), Some(Negative)), (Positive, Source::Imported));
        assert_eq!(effective(None, None, Some(Negative)), (Negative, Source::Computed));
        assert_eq!(effective(None, None, None), (Neutral, Source::Computed));
    }

    #[test]
    fn explanations_name_the_words_that_count() {
        let words = explain("The battery is great but the app is terrible", &Language::English);
        assert_eq!(words.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>(), ["terrible", "great"]);
        assert!(words[0].1 < 0.0 && words[1].1 > 0.0);
        let words = explain("Der Service ist nicht gut", &Language::German);
        assert_eq!(words.len(), 1);
        assert!(words[0].0 == "gut" && words[0].1 < 0.0, "{words:?}");
    }

    #[test]
    fn languages_are_routed() {
        let t = Thresholds::default();
        assert_eq!(score("I love this bike, it is great", None, &t).label, Some(Sentiment::Positive));
        assert_eq!(
            score("Das Rad ist leider kaputt und der Service schlecht", None, &t).label,
            Some(Sentiment::Negative)
        );
        let french = score("Le service client était vraiment très lent aujourd'hui", None, &t);
        assert_eq!((french.compound, french.label), (None, None));
        assert!(french.unscored_reason.expect("reason").contains("French"));
        // a text no language claims is read by VADER, as vaderSentiment reads it
        let handle = score("@someone :) :) :)", None, &t);
        assert_eq!(handle.label, Some(Sentiment::Positive), "{handle:?}");
        assert_eq!(handle.compound, Some(vader::Vader::get().polarity_scores("@someone :) :) :)").compound));
        assert_eq!(score("Pizza time.", None, &t).label, Some(Sentiment::Neutral));
    }
}

/// Accuracy and macro-F1 of labels against a labelled set.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub items: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    /// Items whose label was wrong: (expected, got, text).
    pub misses: Vec<(Sentiment, Sentiment, String)>,
}

/// Scores every `(expected, text)` and compares (texts the scorer leaves unscored count as
/// neutral, as they do on the dashboards).
pub fn evaluate<'a>(
    items: impl IntoIterator<Item = (Sentiment, &'a str)>,
    language: Option<Language>,
    thresholds: &Thresholds,
) -> Evaluation {
    let mut confusion = [[0usize; 3]; 3];
    let mut misses = Vec::new();
    let index = |s: Sentiment| Sentiment::ALL.iter().position(|x| *x == s).unwrap_or(1);
    for (expected, text) in items {
        let got = score(text, language.clone(), thresholds).label.unwrap_or(Sentiment::Neutral);
        confusion[index(expected)][index(got)] += 1;
        if got != expected {
            misses.push((expected, got, text.to_string()));
        }
    }
    let items: usize = confusion.iter().flatten().sum();
    let correct: usize = (0..3).map(|k| confusion[k][k]).sum();
    let f1 = |k: usize| {
        let predicted: usize = (0..3).map(|e| confusion[e][k]).sum();
        let actual: usize = confusion[k].iter().sum();
        let (p, r) = (ratio(confusion[k][k], predicted), ratio(confusion[k][k], actual));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    Evaluation { items, accuracy: ratio(correct, items), macro_f1: (0..3).map(f1).sum::<f64>() / 3.0, misses }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The German dev set (`tests/fixtures/sentiment/german_dev.tsv`): items written for
/// Resonance in the style of social posts, labelled by hand.
pub const GERMAN_DEV_SET: &str = include_str!("../../tests/fixtures/sentiment/german_dev.tsv");

/// `label<TAB>text` lines after a header.
pub fn labelled(tsv: &str) -> Vec<(Sentiment, &str)> {
    tsv.lines()
        .skip(1)
        .filter_map(|line| line.split_once('\t'))
        .filter_map(|(label, text)| Some((Sentiment::from_token(label)?, text)))
        .collect()
}
