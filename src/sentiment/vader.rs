//! English sentiment: VADER as in vaderSentiment 3.3.2 (MIT), ported rule for rule.
//!
//! The lexicons are the package's own files (`lexicon/`), read once. Every quirk of the Python
//! code is kept on purpose, because the oracle test (`tests/sentiment.rs`) compares all four
//! scores with vaderSentiment 3.3.2 on CPython 3.12 to 1e-4 over 2,400 sentences: Python's
//! whitespace and case rules, `but` rescaling through `list.index` (the first *equal* value),
//! Python 3.12's compensated `sum()`, and `round()`'s correctly rounded half-even decimals.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

const LEXICON: &str = include_str!("lexicon/vader_lexicon.txt");
const EMOJI_LEXICON: &str = include_str!("lexicon/emoji_utf8_lexicon.txt");

/// Empirically derived mean rating increase (or decrease) for a booster (dampener) word.
pub(super) const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
/// Mean rating increase for a word in ALL CAPS among words that are not.
pub(super) const C_INCR: f64 = 0.733;
/// Negation flips and dampens.
pub(super) const N_SCALAR: f64 = -0.74;

const NEGATE: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

const BOOSTERS: &[(&str, f64)] = &[
    ("absolutely", B_INCR),
    ("amazingly", B_INCR),
    ("awfully", B_INCR),
    ("completely", B_INCR),
    ("considerable", B_INCR),
    ("considerably", B_INCR),
    ("decidedly", B_INCR),
    ("deeply", B_INCR),
    ("effing", B_INCR),
    ("enormous", B_INCR),
    ("enormously", B_INCR),
    ("entirely", B_INCR),
    ("especially", B_INCR),
    ("exceptional", B_INCR),
    ("exceptionally", B_INCR),
    ("extreme", B_INCR),
    ("extremely", B_INCR),
    ("fabulously", B_INCR),
    ("flipping", B_INCR),
    ("flippin", B_INCR),
    ("frackin", B_INCR),
    ("fracking", B_INCR),
    ("fricking", B_INCR),
    ("frickin", B_INCR),
    ("frigging", B_INCR),
    ("friggin", B_INCR),
    ("fully", B_INCR),
    ("fuckin", B_INCR),
    ("fucking", B_INCR),
    ("fuggin", B_INCR),
    ("fugging", B_INCR),
    ("greatly", B_INCR),
    ("hella", B_INCR),
    ("highly", B_INCR),
    ("hugely", B_INCR),
    ("incredible", B_INCR),
    ("incredibly", B_INCR),
    ("intensely", B_INCR),
    ("major", B_INCR),
    ("majorly", B_INCR),
    ("more", B_INCR),
    ("most", B_INCR),
    ("particularly", B_INCR),
    ("purely", B_INCR),
    ("quite", B_INCR),
    ("really", B_INCR),
    ("remarkably", B_INCR),
    ("so", B_INCR),
    ("substantially", B_INCR),
    ("thoroughly", B_INCR),
    ("total", B_INCR),
    ("totally", B_INCR),
    ("tremendous", B_INCR),
    ("tremendously", B_INCR),
    ("uber", B_INCR),
    ("unbelievably", B_INCR),
    ("unusually", B_INCR),
    ("utter", B_INCR),
    ("utterly", B_INCR),
    ("very", B_INCR),
    ("almost", B_DECR),
    ("barely", B_DECR),
    ("hardly", B_DECR),
    ("just enough", B_DECR),
    ("kind of", B_DECR),
    ("kinda", B_DECR),
    ("kindof", B_DECR),
    ("kind-of", B_DECR),
    ("less", B_DECR),
    ("little", B_DECR),
    ("marginal", B_DECR),
    ("marginally", B_DECR),
    ("occasional", B_DECR),
    ("occasionally", B_DECR),
    ("partly", B_DECR),
    ("scarce", B_DECR),
    ("scarcely", B_DECR),
    ("slight", B_DECR),
    ("slightly", B_DECR),
    ("somewhat", B_DECR),
    ("sort of", B_DECR),
    ("sorta", B_DECR),
    ("sortof", B_DECR),
    ("sort-of", B_DECR),
];

/// Idioms and phrases that contain lexicon words and replace their valence.
const SPECIAL_CASES: &[(&str, f64)] = &[
    ("the shit", 3.0),
    ("the bomb", 3.0),
    ("bad ass", 1.5),
    ("badass", 1.5),
    ("bus stop", 0.0),
    ("yeah right", -2.0),
    ("kiss of death", -1.5),
    ("to die for", 3.0),
    ("beating heart", 3.5),
];

/// VADER's four scores for one text, rounded as vaderSentiment rounds them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Polarity {
    pub neg: f64,
    pub neu: f64,
    pub pos: f64,
    pub compound: f64,
}

/// The English analyzer: lexicon, emoji descriptions, boosters.
pub struct Vader {
    /// Lower-case word → (lexicon valence, booster increment): one lookup per word.
    words: FxHashMap<String, (Option<f64>, Option<f64>)>,
    emojis: FxHashMap<char, String>,
    negations: FxHashSet<&'static str>,
    /// SPECIAL_CASES split into words.
    special: Vec<(Vec<&'static str>, f64)>,
}

/// One word of a text with what the rules ask about it, looked up once.
struct Word {
    /// Range of its lower-case form in the text's lower-case buffer.
    lower: (usize, usize),
    lexicon: Option<f64>,
    booster: Option<f64>,
    upper: bool,
}

impl Vader {
    /// The shared analyzer (the lexicons are parsed on first use).
    pub fn get() -> &'static Vader {
        static VADER: OnceLock<Vader> = OnceLock::new();
        VADER.get_or_init(Vader::new)
    }

    fn new() -> Vader {
        // As make_lex_dict / make_emoji_dict: later lines win; only single code points can
        // match, because the text is read one code point at a time.
        let mut lexicon = FxHashMap::default();
        for line in LEXICON.trim_end_matches('\n').split('\n').filter(|l| !l.is_empty()) {
            let mut fields = line.trim_matches(py_space).split('\t');
            if let (Some(word), Some(measure)) = (fields.next(), fields.next()) {
                if let Ok(value) = measure.parse::<f64>() {
                    lexicon.insert(word.to_string(), value);
                }
            }
        }
        let mut emojis = FxHashMap::default();
        for line in EMOJI_LEXICON.trim_end_matches('\n').split('\n') {
            let mut fields = line.trim_matches(py_space).split('\t');
            if let (Some(emoji), Some(description)) = (fields.next(), fields.next()) {
                let mut chars = emoji.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    emojis.insert(c, description.to_string());
                }
            }
        }
        let mut words: FxHashMap<String, (Option<f64>, Option<f64>)> =
            lexicon.into_iter().map(|(w, v)| (w, (Some(v), None))).collect();
        for (w, b) in BOOSTERS {
            words.entry(w.to_string()).or_default().1 = Some(*b);
        }
        Vader {
            words,
            emojis,
            negations: NEGATE.iter().copied().collect(),
            special: SPECIAL_CASES.iter().map(|(k, v)| (k.split(' ').collect(), *v)).collect(),
        }
    }

    /// A lexicon word's (or emoticon's) valence.
    pub(super) fn lexicon_value(&self, lower: &str) -> Option<f64> {
        self.words.get(lower).and_then(|(v, _)| *v)
    }

    /// The emoji VADER knows, with their English descriptions.
    pub(super) fn emoji_descriptions(&self) -> impl Iterator<Item = (char, &str)> {
        self.emojis.iter().map(|(c, d)| (*c, d.as_str()))
    }

    /// `SentimentIntensityAnalyzer.polarity_scores`.
    pub fn polarity_scores(&self, text: &str) -> Polarity {
        self.analyse(text, |_, sentiments, text| score_valence(sentiments, text))
    }

    /// The words that carry the score, with their valence after every rule.
    pub fn explain(&self, text: &str) -> Vec<(String, f64)> {
        self.analyse(text, |words, sentiments, _| {
            words
                .iter()
                .zip(sentiments)
                .filter(|(_, v)| **v != 0.0)
                .map(|(w, v)| (w.to_string(), *v))
                .collect()
        })
    }

    /// Runs the rules over `text` and hands the lower-case words, their sentiments and the
    /// text as scored (emoji described) to `finish`.
    fn analyse<R>(&self, text: &str, finish: impl FnOnce(&[&str], &[f64], &str) -> R) -> R {
        // emoji become their descriptions (nothing to do for ASCII text)
        let described;
        let text = if text.is_ascii() {
            text
        } else {
            let mut out = String::with_capacity(text.len() + 32);
            let mut prev_space = true;
            for c in text.chars() {
                match self.emojis.get(&c).filter(|_| !c.is_ascii()) {
                    Some(description) => {
                        if !prev_space {
                            out.push(' ');
                        }
                        out.push_str(description);
                        prev_space = false;
                    }
                    None => {
                        out.push(c);
                        prev_space = c == ' ';
                    }
                }
            }
            described = out;
            described.as_str()
        };
        let text = text.trim_matches(py_space);
        let mut buffer = String::with_capacity(text.len());
        let mut words: Vec<Word> = Vec::with_capacity(text.len() / 4 + 1);
        for raw in text.split(py_space).filter(|w| !w.is_empty()).map(strip_punc_if_word) {
            let start = buffer.len();
            if raw.is_ascii() {
                buffer.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                buffer.push_str(&raw.to_lowercase());
            }
            let lower = &buffer[start..];
            let (lexicon, booster) = self.words.get(lower).copied().unwrap_or_default();
            words.push(Word { lower: (start, buffer.len()), lexicon, booster, upper: is_upper(raw) });
        }
        let lower: Vec<&str> = words.iter().map(|w| &buffer[w.lower.0..w.lower.1]).collect();
        let upper = words.iter().filter(|w| w.upper).count();
        let cap_diff = 0 < words.len() - upper && words.len() - upper < words.len();

        let mut sentiments = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            let modifier = words[i].booster.is_some()
                || (i + 1 < words.len() && lower[i] == "kind" && lower[i + 1] == "of");
            sentiments.push(if modifier { 0.0 } else { self.sentiment_valence(&words, &lower, i, cap_diff) });
        }
        but_check(&lower, &mut sentiments);
        finish(&lower, &sentiments, text)
    }

    fn sentiment_valence(&self, words: &[Word], lower: &[&str], i: usize, cap_diff: bool) -> f64 {
        let Some(lexicon_valence) = words[i].lexicon else {
            return 0.0;
        };
        let mut valence = lexicon_valence;
        // "no" before another lexicon word negates it rather than counting itself
        if lower[i] == "no" && i + 1 != words.len() && words[i + 1].lexicon.is_some() {
            valence = 0.0;
        }
        if (i > 0 && lower[i - 1] == "no")
            || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && matches!(lower[i - 1], "or" | "nor"))
        {
            valence = lexicon_valence * N_SCALAR;
        }
        if words[i].upper && cap_diff {
            if valence > 0.0 {
                valence += C_INCR;
            } else {
                valence -= C_INCR;
            }
        }
        for start_i in 0..3 {
            // boosters up to three words back, dampened with distance; negations; idioms
            if i > start_i && words[i - (start_i + 1)].lexicon.is_none() {
                let mut s = scalar_inc_dec(&words[i - (start_i + 1)], valence, cap_diff);
                if start_i == 1 && s != 0.0 {
                    s *= 0.95;
                }
                if start_i == 2 && s != 0.0 {
                    s *= 0.9;
                }
                valence += s;
                valence = self.negation_check(valence, lower, start_i, i);
                if start_i == 2 {
                    valence = self.special_idioms_check(valence, lower, i);
                }
            }
        }
        least_check(valence, words, lower, i)
    }

    /// Called with i ≥ 3. The Python joins words with spaces and looks the phrase up; words
    /// hold no whitespace, so comparing word by word is the same.
    fn special_idioms_check(&self, mut valence: f64, w: &[&str], i: usize) -> f64 {
        let special = |seq: &[&str]| self.special.iter().find(|(k, _)| k.as_slice() == seq).map(|(_, v)| *v);
        let sequences: [&[&str]; 5] =
            [&w[i - 1..=i], &w[i - 2..=i], &w[i - 2..i], &w[i - 3..i], &w[i - 3..i - 1]];
        if let Some(v) = sequences.into_iter().find_map(special) {
            valence = v;
        }
        if w.len() - 1 > i {
            if let Some(v) = special(&w[i..=i + 1]) {
                valence = v;
            }
        }
        if w.len() - 1 > i + 1 {
            if let Some(v) = special(&w[i..=i + 2]) {
                valence = v;
            }
        }
        // booster bi-grams ("kind of", "sort of", "just enough"); a three-word phrase can
        // never equal one of them
        for pair in [&w[i - 3..i - 1], &w[i - 2..i]] {
            if let ["kind", "of"] | ["sort", "of"] | ["just", "enough"] = pair {
                valence += B_DECR;
            }
        }
        valence
    }

    fn negated(&self, lower: &str) -> bool {
        self.negations.contains(lower) || lower.contains("n't")
    }

    fn negation_check(&self, valence: f64, w: &[&str], start_i: usize, i: usize) -> f64 {
        let so_or_this = |k: usize| matches!(w[k], "so" | "this");
        match start_i {
            0 if self.negated(w[i - 1]) => valence * N_SCALAR,
            1 if w[i - 2] == "never" && so_or_this(i - 1) => valence * 1.25,
            1 if w[i - 2] == "without" && w[i - 1] == "doubt" => valence,
            1 if self.negated(w[i - 2]) => valence * N_SCALAR,
            2 if (w[i - 3] == "never" && so_or_this(i - 2)) || so_or_this(i - 1) => valence * 1.25,
            2 if w[i - 3] == "without" && (w[i - 2] == "doubt" || w[i - 1] == "doubt") => valence,
            2 if self.negated(w[i - 3]) => valence * N_SCALAR,
            _ => valence,
        }
    }
}

fn scalar_inc_dec(word: &Word, valence: f64, cap_diff: bool) -> f64 {
    let Some(booster) = word.booster else {
        return 0.0;
    };
    let mut scalar = if valence < 0.0 { -booster } else { booster };
    if word.upper && cap_diff {
        if valence > 0.0 {
            scalar += C_INCR;
        } else {
            scalar -= C_INCR;
        }
    }
    scalar
}

fn least_check(valence: f64, words: &[Word], lower: &[&str], i: usize) -> f64 {
    if i > 1 && words[i - 1].lexicon.is_none() && lower[i - 1] == "least" {
        if lower[i - 2] != "at" && lower[i - 2] != "very" {
            return valence * N_SCALAR;
        }
    } else if i > 0 && words[i - 1].lexicon.is_none() && lower[i - 1] == "least" {
        return valence * N_SCALAR;
    }
    valence
}

/// `_but_check`, including its use of `list.index`: each value rescales the *first* entry equal
/// to it, which is not always its own position.
fn but_check(lower: &[&str], sentiments: &mut [f64]) {
    let Some(bi) = lower.iter().position(|w| *w == "but") else {
        return;
    };
    for k in 0..sentiments.len() {
        let sentiment = sentiments[k];
        let Some(si) = sentiments.iter().position(|&x| x == sentiment) else {
            continue;
        };
        if si < bi {
            sentiments[si] = sentiment * 0.5;
        } else if si > bi {
            sentiments[si] = sentiment * 1.5;
        }
    }
}

fn score_valence(sentiments: &[f64], text: &str) -> Polarity {
    if sentiments.is_empty() {
        return Polarity { neg: 0.0, neu: 0.0, pos: 0.0, compound: 0.0 };
    }
    let mut sum_s = python_sum(sentiments);
    let punct = amplify_ep(text) + amplify_qm(text);
    if sum_s > 0.0 {
        sum_s += punct;
    } else if sum_s < 0.0 {
        sum_s -= punct;
    }
    let compound = normalize(sum_s);
    let (mut pos_sum, mut neg_sum, mut neu_count) = (0.0, 0.0, 0u32);
    for &s in sentiments {
        if s > 0.0 {
            pos_sum += s + 1.0;
        }
        if s < 0.0 {
            neg_sum += s - 1.0;
        }
        if s == 0.0 {
            neu_count += 1;
        }
    }
    if pos_sum > neg_sum.abs() {
        pos_sum += punct;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= punct;
    }
    let total = pos_sum + neg_sum.abs() + f64::from(neu_count);
    Polarity {
        neg: round(neg_sum.abs() / total, 3),
        neu: round(f64::from(neu_count) / total, 3),
        pos: round(pos_sum.abs() / total, 3),
        compound: round(compound, 4),
    }
}

/// Python 3.12's `sum()` over floats: Neumaier's compensated summation.
pub(super) fn python_sum(values: &[f64]) -> f64 {
    let (mut sum, mut c) = (0.0f64, 0.0f64);
    for &x in values {
        let t = sum + x;
        if sum.abs() >= x.abs() {
            c += (sum - t) + x;
        } else {
            c += (x - t) + sum;
        }
        sum = t;
    }
    if c != 0.0 && c.is_finite() {
        sum += c;
    }
    sum
}

pub(super) fn amplify_ep(text: &str) -> f64 {
    let count = text.matches('!').count().min(4);
    count as f64 * 0.292
}

pub(super) fn amplify_qm(text: &str) -> f64 {
    match text.matches('?').count() {
        0 | 1 => 0.0,
        n @ 2..=3 => n as f64 * 0.18,
        _ => 0.96,
    }
}

pub(super) fn normalize(score: f64) -> f64 {
    (score / (score * score + 15.0).sqrt()).clamp(-1.0, 1.0)
}

/// Python's `round(x, digits)`: the double nearest the correctly rounded decimal (half-even on
/// exact ties). Scaling and rounding gives the same decimal unless the scaled value is within
/// a hair of a half (where the scaling's own rounding could tip it); those few go through
/// Rust's fixed-precision formatting, which rounds the exact binary value like Python does.
pub(super) fn round(x: f64, digits: usize) -> f64 {
    let scale = [1.0, 10.0, 100.0, 1_000.0, 10_000.0][digits.min(4)];
    let scaled = x * scale;
    let fraction = scaled - scaled.trunc();
    if digits <= 4 && scaled.abs() < 1e12 && (fraction.abs() - 0.5).abs() > 1e-6 {
        // k / scale is correctly rounded, so it is the double nearest the decimal k·10^-digits
        scaled.round() / scale
    } else {
        format!("{x:.digits$}").parse().unwrap_or(x)
    }
}

/// Python's `str.isspace` (wider than Unicode White_Space: it includes U+001C–U+001F).
pub(crate) fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `_strip_punc_if_word`: strip ASCII punctuation from both ends unless that leaves ≤ 2 chars
/// (then it was probably an emoticon).
pub(super) fn strip_punc_if_word(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    if stripped.chars().count() <= 2 {
        token
    } else {
        stripped
    }
}

/// Python's `str.isupper`: at least one cased character and none lower or title case.
pub(crate) fn is_upper(word: &str) -> bool {
    let mut cased = false;
    for c in word.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// The 31 characters of Unicode category Lt.
fn is_titlecase(c: char) -> bool {
    matches!(c, '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}' | '\u{1f88}'..='\u{1f8f}'
        | '\u{1f98}'..='\u{1f9f}' | '\u{1fa8}'..='\u{1faf}' | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}')
}

pub(super) fn allcap_differential(words: &[&str]) -> bool {
    let upper = words.iter().filter(|w| is_upper(w)).count();
    let differential = words.len() - upper;
    0 < differential && differential < words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compound(text: &str) -> f64 {
        Vader::get().polarity_scores(text).compound
    }

    #[test]
    fn the_packages_own_examples() {
        // printed by vaderSentiment 3.3.2's __main__ demo
        assert_eq!(compound("VADER is smart, handsome, and funny."), 0.8316);
        assert_eq!(compound("VADER is not smart, handsome, nor funny."), -0.7424);
        assert_eq!(compound("Not bad at all"), 0.431);
        assert_eq!(compound(""), 0.0);
    }

    #[test]
    fn rules_move_the_score_the_documented_way() {
        let base = compound("The book was good.");
        assert!(compound("The book was very good.") > base, "booster");
        assert!(compound("The book was GOOD.") > base, "caps among lower case");
        assert!(compound("The book was good!!!") > base, "exclamation");
        assert!(compound("The book was kind of good.") < base, "dampener");
        assert!(compound("The book was not good.") < 0.0, "negation");
        assert!(compound("The book was good, but the ending was bad.") < 0.0, "but");
        assert!(compound("that movie was the shit") > 0.5, "idiom");
        assert!(compound("I 😍 it") > 0.0, "emoji");
    }

    #[test]
    fn python_string_rules() {
        assert!(is_upper("GOOD!") && !is_upper("Good") && !is_upper("123") && !is_upper("ǅEMAL"));
        assert!(py_space('\u{1f}') && py_space('\u{a0}') && !py_space('x'));
        assert_eq!(strip_punc_if_word(":)"), ":)");
        assert_eq!(strip_punc_if_word("(great!)"), "great");
        assert_eq!(round(0.0625, 3), 0.062);
        assert_eq!(round(0.0635, 3), 0.064);
        assert_eq!(round(-0.74215, 4), -0.7421, "the double just above -0.74215");
        for k in 0..20_000 {
            let x = f64::from(k) / 7919.0 - 1.3;
            assert_eq!(round(x, 3), format!("{x:.3}").parse::<f64>().expect("float"), "{x}");
            assert_eq!(round(x, 4), format!("{x:.4}").parse::<f64>().expect("float"), "{x}");
        }
        assert_eq!(python_sum(&[0.1; 10]), 1.0);
    }
}
