//! German sentiment: a lexicon scorer in VADER's manner, on the German Polarity Lexicon
//! (`lexicon/de-sentiment.xml`, Apache-2.0) plus Resonance's social-media additions
//! (`lexicon/de_social.tsv`).
//!
//! Rules: negation before the word (nicht, kein, nie, ohne …) or after it at the end of the
//! clause ("Ich empfehle das nicht"); intensifiers and diminishers up to two words back;
//! contrast (aber, jedoch, trotzdem … weigh what follows; obwohl-clauses weigh less); emoji
//! and emoticons; ALL CAPS; repeated ! and ?; umlauts and ae/oe/ue/ss spellings alike (which
//! also covers Swiss spelling); inflected forms by suffix stripping; compounds by their last
//! part ("Kundenservicekatastrophe") and by sentiment prefixes ("Lieblingsrad", "Mistding").
//! The compound score and its scale are VADER's, so thresholds mean the same in both languages.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::vader::{self, Vader, B_INCR, C_INCR, N_SCALAR};

const POLARITY_LEXICON: &str = include_str!("lexicon/de-sentiment.xml");
const SOCIAL_LEXICON: &str = include_str!("lexicon/de_social.tsv");
/// The Polarity Lexicon's -1 … 1 on VADER's valence scale.
const POLARITY_SCALE: f64 = 2.0;
const NOUN_SCALE: f64 = 1.0;
/// Compounds are read by their last part only when that part is strongly polar.
const COMPOUND_MIN: f64 = 1.5;

const NEGATORS: &[&str] = &[
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "ohne", "nichts",
    "weder", "kaum", "niemand", "nirgends", "net", "ned", "nöd", "nid",
];
const INTENSIFIERS: &[&str] = &[
    "sehr",
    "total",
    "totaler",
    "totale",
    "extrem",
    "richtig",
    "echt",
    "mega",
    "super",
    "voll",
    "absolut",
    "wirklich",
    "besonders",
    "unglaublich",
    "äusserst",
    "höchst",
    "tierisch",
    "sau",
    "verdammt",
    "krass",
    "übelst",
    "so",
    "zu",
    "viel",
    "ur",
    "huere",
    "urmäßig",
    "komplett",
    "völlig",
    "vollkommen",
    "ganz",
    "riesig",
    "enorm",
    "derart",
    "wahnsinnig",
    "ziemlich",
    "stark",
    "ständig",
    "dauernd",
    "dermassen",
    "schaurig",
    "höllisch",
    "irre",
    "einfach",
    "maßlos",
    "massiv",
];
const DIMINISHERS: &[&str] = &[
    "etwas",
    "bisschen",
    "wenig",
    "eher",
    "relativ",
    "leicht",
    "halbwegs",
    "einigermassen",
    "fast",
    "teilweise",
];
/// What follows these weighs 1.5×, what precedes 0.5× (as VADER's "but").
const CONTRAST: &[&str] = &["aber", "jedoch", "allerdings", "trotzdem", "dennoch", "sondern"];
/// The clause these open weighs 0.5× (a concession).
const CONCESSIVE: &[&str] = &["obwohl", "obgleich", "wenngleich", "zwar"];
/// Word-initial parts of compounds that carry sentiment ("Lieblingsrad", "Schrottteil").
const PREFIXES: &[(&str, f64)] = &[
    ("lieblings", 2.0),
    ("traum", 1.8),
    ("spitzen", 2.0),
    ("super", 1.8),
    ("mega", 1.6),
    ("top", 1.6),
    ("hammer", 1.8),
    ("klasse", 1.8),
    ("bomben", 1.8),
    ("mist", -2.0),
    ("scheiss", -2.6),
    ("schrott", -2.4),
    ("horror", -2.4),
    ("katastrophen", -2.6),
    ("pannen", -1.8),
    ("ärger", -1.6),
    ("müll", -2.2),
    ("billig", -1.2),
];
/// Inflection endings tried, longest first, when a word is not in the lexicon as written.
const SUFFIXES: &[&str] = &["sten", "ster", "stes", "stem", "ste", "en", "er", "es", "em", "st", "e", "t"];
/// Two-word expressions: the second word takes this valence ("schon wieder", "Finger weg").
const PHRASES: &[(&str, &str, f64)] = &[
    ("schon", "wieder", -0.8),
    ("nie", "wieder", -1.5),
    ("nase", "voll", -2.2),
    ("keine", "lust", -1.6),
    ("finger", "weg", -2.4),
    ("daumen", "hoch", 2.0),
    ("daumen", "runter", -2.0),
    ("weiter", "so", 1.8),
    ("geht", "gar", -0.5),
    ("zu", "lange", -1.4),
    ("zu", "spät", -1.6),
    ("na", "toll", -1.8),
    ("na", "super", -1.8),
    ("der", "wahnsinn", 2.4),
    ("reicht", "es", -1.2),
];
/// Emoji that mark a post as ironic.
const IRONY: [char; 3] = ['🙄', '🙃', '😒'];
/// Emoji Resonance scores itself; other emoji are scored by VADER's description of them.
const EMOJI: &[(char, f64)] = &[
    ('😍', 2.8),
    ('🥰', 2.8),
    ('😊', 2.2),
    ('😄', 2.2),
    ('😃', 2.2),
    ('😀', 2.0),
    ('😁', 2.0),
    ('😂', 1.6),
    ('🤣', 1.6),
    ('😎', 1.8),
    ('❤', 2.6),
    ('💚', 2.4),
    ('💙', 2.4),
    ('💕', 2.4),
    ('👍', 2.0),
    ('👏', 2.0),
    ('🙏', 1.6),
    ('🎉', 2.2),
    ('🥳', 2.4),
    ('💪', 1.6),
    ('🔥', 1.4),
    ('✨', 1.0),
    ('🤩', 2.8),
    ('😘', 2.2),
    ('☺', 2.0),
    ('🙂', 1.2),
    ('😉', 1.2),
    ('⭐', 1.4),
    ('👎', -2.2),
    ('😡', -2.8),
    ('😠', -2.6),
    ('🤬', -3.0),
    ('😤', -2.2),
    ('😭', -2.4),
    ('😢', -2.2),
    ('😞', -2.0),
    ('😔', -1.8),
    ('😒', -1.8),
    ('🙄', -1.8),
    ('💩', -2.4),
    ('🤮', -2.8),
    ('🤢', -2.2),
    ('😩', -2.0),
    ('😫', -2.0),
    ('😱', -1.6),
    ('💔', -2.4),
    ('😕', -1.4),
    ('🙁', -1.6),
    ('☹', -1.8),
    ('🤦', -1.8),
    ('😑', -1.0),
    ('😐', -0.6),
];

/// The German analyzer.
pub struct German {
    words: HashMap<String, f64>,
    emoji: HashMap<char, f64>,
    roles: HashMap<String, Role>,
    prefixes: Vec<(String, f64)>,
    phrases: Vec<(String, String, f64)>,
}

/// What a function word does to the sentiment words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Negator,
    Intensifier,
    Diminisher,
    Contrast,
    Concessive,
}

/// One scored piece of a text.
struct Token<'a> {
    raw: &'a str,
    canon: String,
    valence: f64,
    clause: usize,
}

impl German {
    pub fn get() -> &'static German {
        static GERMAN: OnceLock<German> = OnceLock::new();
        GERMAN.get_or_init(German::new)
    }

    fn new() -> German {
        let mut words: HashMap<String, f64> = HashMap::new();
        for line in POLARITY_LEXICON.lines().filter(|l| l.trim_start().starts_with("<word ")) {
            let (Some(form), Some(polarity)) = (attribute(line, "form"), attribute(line, "polarity")) else {
                continue;
            };
            let Ok(polarity) = polarity.parse::<f64>() else { continue };
            // nouns carry sentiment less often in posts than adjectives and verbs do, and the
            // lexicon's weak nouns ("Antrieb" 0.7) mostly name things
            let noun = attribute(line, "pos") == Some("NN");
            if noun && polarity.abs() < 1.0 {
                continue;
            }
            let scale = if noun { NOUN_SCALE } else { POLARITY_SCALE };
            // a form listed twice (noun and verb) keeps its stronger reading
            let entry = words.entry(canon(form)).or_insert(0.0);
            if (polarity * scale).abs() > entry.abs() {
                *entry = polarity * scale;
            }
        }
        for line in SOCIAL_LEXICON.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            if let Some((word, valence)) = line.split_once('\t') {
                if let Ok(valence) = valence.trim().parse::<f64>() {
                    words.insert(canon(word), valence);
                }
            }
        }
        let vader = Vader::get();
        let mut emoji: HashMap<char, f64> = vader
            .emoji_descriptions()
            .filter_map(|(c, description)| {
                let v: f64 =
                    description.split(' ').filter_map(|w| vader.lexicon_value(&w.to_lowercase())).sum();
                (v != 0.0).then_some((c, v))
            })
            .collect();
        emoji.extend(EMOJI.iter().copied());
        let mut roles = HashMap::new();
        for (list, role) in [
            (INTENSIFIERS, Role::Intensifier),
            (DIMINISHERS, Role::Diminisher),
            (CONTRAST, Role::Contrast),
            (CONCESSIVE, Role::Concessive),
            (NEGATORS, Role::Negator),
        ] {
            roles.extend(list.iter().map(|w| (canon(w), role)));
        }
        let prefixes = PREFIXES.iter().map(|(p, v)| (canon(p), *v)).collect();
        let phrases = PHRASES.iter().map(|(a, b, v)| (canon(a), canon(b), *v)).collect();
        German { words, emoji, roles, prefixes, phrases }
    }

    /// Valence of a word (canonical form), trying inflections and, for a noun (capitalised),
    /// compound parts.
    fn lookup(&self, word: &str, noun: bool) -> Option<f64> {
        if let Some(v) = self.stem_lookup(word) {
            return Some(v);
        }
        if !noun {
            return None;
        }
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() >= 7 {
            // the longest strongly polar last part of a compound, at least 5 letters
            for &(start, _) in &chars[3..chars.len() - 4] {
                if let Some(v) = self.words.get(&word[start..]).copied().filter(|v| v.abs() >= COMPOUND_MIN) {
                    return Some(v);
                }
            }
        }
        self.prefixes
            .iter()
            .find(|(p, _)| word.len() >= p.len() + 3 && word.starts_with(p.as_str()))
            .map(|(_, v)| *v)
    }

    /// Whether a word (canonical form) is German the lexicon knows.
    pub(super) fn knows(&self, word: &str) -> bool {
        self.stem_lookup(word).is_some()
    }

    fn stem_lookup(&self, word: &str) -> Option<f64> {
        if let Some(v) = self.words.get(word) {
            return Some(*v);
        }
        let mut infinitive = String::with_capacity(word.len() + 2);
        for suffix in SUFFIXES {
            if let Some(stem) = word.strip_suffix(suffix) {
                if stem.chars().count() >= 3 {
                    if let Some(v) = self.words.get(stem) {
                        return Some(*v);
                    }
                    // finite verb → infinitive ("funktioniert" → "funktionieren")
                    infinitive.clear();
                    infinitive.push_str(stem);
                    infinitive.push_str("en");
                    if let Some(v) = self.words.get(&infinitive) {
                        return Some(*v);
                    }
                }
            }
        }
        None
    }

    fn tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        let vader = Vader::get();
        let mut tokens = Vec::new();
        let mut clause = 0;
        for raw in text.split(vader::py_space).filter(|w| !w.is_empty()) {
            // an emoticon as a whole token (":)", "<3", ":-(")
            let bare = raw.trim_end_matches(['.', ',', '!', '?']);
            if let Some(v) = vader
                .lexicon_value(&bare.to_lowercase())
                .filter(|_| !bare.chars().all(char::is_alphanumeric) && bare.chars().count() >= 2)
            {
                tokens.push(Token { raw, canon: String::new(), valence: v, clause });
            } else {
                let mut word = String::new();
                let mut emoji = Vec::new();
                for c in raw.chars() {
                    if let Some(v) = self.emoji.get(&c) {
                        emoji.push(*v);
                    } else {
                        word.push(c);
                    }
                }
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                if !word.is_empty() {
                    let canon = canon(word);
                    let noun = word.chars().next().is_some_and(char::is_uppercase);
                    let valence = self.lookup(&canon, noun).unwrap_or(0.0);
                    // the word as written, without the punctuation around it (when it holds no emoji)
                    let raw =
                        if emoji.is_empty() { raw.trim_matches(|c: char| !c.is_alphanumeric()) } else { raw };
                    tokens.push(Token { raw, canon, valence, clause });
                }
                for v in emoji {
                    tokens.push(Token { raw: "", canon: String::new(), valence: v, clause });
                }
            }
            if raw.ends_with([',', '.', '!', '?', ';', ':']) || raw == "-" || raw == "–" {
                clause += 1;
            }
        }
        tokens
    }

    /// VADER-style compound score in [-1, 1].
    pub fn compound(&self, text: &str) -> f64 {
        let (_, valence) = self.valences(text);
        let mut sum: f64 = valence.iter().sum();
        let punct = vader::amplify_ep(text) + vader::amplify_qm(text);
        if sum > 0.0 {
            sum += punct;
        } else if sum < 0.0 {
            sum -= punct;
        }
        vader::round(vader::normalize(sum), 4)
    }

    /// The words that carry the score, with their valence after every rule.
    pub fn explain(&self, text: &str) -> Vec<(String, f64)> {
        let (tokens, valence) = self.valences(text);
        tokens
            .iter()
            .zip(valence)
            .filter(|(_, v)| *v != 0.0)
            .map(|(t, v)| (if t.raw.is_empty() { "emoji".to_string() } else { t.raw.to_string() }, v))
            .collect()
    }

    /// Each token and its valence after negation, modifiers, caps and contrast.
    fn valences<'a>(&self, text: &'a str) -> (Vec<Token<'a>>, Vec<f64>) {
        let mut tokens = self.tokens(text);
        let raws: Vec<&str> = tokens.iter().map(|t| t.raw).filter(|r| !r.is_empty()).collect();
        let cap_diff = vader::allcap_differential(&raws);
        let is = |t: &Token, role: Role| self.roles.get(&t.canon) == Some(&role);
        let n = tokens.len();
        let mut negated = vec![false; n];
        // modifiers carry no sentiment of their own when they modify a sentiment word
        for i in 0..n {
            let modifies =
                tokens[i + 1..].iter().take(2).any(|t| t.valence != 0.0 && t.clause == tokens[i].clause);
            if (is(&tokens[i], Role::Intensifier) || is(&tokens[i], Role::Diminisher)) && modifies {
                tokens[i].valence = 0.0;
            }
        }
        for i in 1..n {
            let (first, second) = (tokens[i - 1].canon.as_str(), tokens[i].canon.as_str());
            if let Some((_, _, v)) = self.phrases.iter().find(|(a, b, _)| a == first && b == second) {
                tokens[i].valence = *v;
                tokens[i - 1].valence = 0.0;
            }
        }
        let mut valence: Vec<f64> = tokens.iter().map(|t| t.valence).collect();
        for i in 0..n {
            if valence[i] == 0.0 || is(&tokens[i], Role::Negator) {
                continue;
            }
            if cap_diff && tokens[i].raw.chars().count() > 1 && vader::is_upper(tokens[i].raw) {
                valence[i] += valence[i].signum() * C_INCR;
            }
            for back in 1..=3 {
                let Some(j) = i.checked_sub(back) else { break };
                if tokens[j].clause != tokens[i].clause {
                    break;
                }
                let damp = [1.0, 0.95, 0.9][back - 1];
                let sign = valence[i].signum();
                if back <= 2 && is(&tokens[j], Role::Intensifier) {
                    valence[i] += sign * B_INCR * damp;
                } else if back <= 2 && is(&tokens[j], Role::Diminisher) {
                    valence[i] -= sign * B_INCR * damp;
                } else if is(&tokens[j], Role::Negator) && !negated[i] {
                    valence[i] *= N_SCALAR;
                    negated[i] = true;
                }
            }
        }
        // a negation closing the clause negates the sentiment word before it
        for j in 0..n {
            if !is(&tokens[j], Role::Negator) {
                continue;
            }
            let clause = tokens[j].clause;
            let ahead = tokens[j + 1..].iter().take(3).any(|t| t.clause == clause && t.valence != 0.0);
            if ahead {
                continue;
            }
            if let Some(i) = (j.saturating_sub(4)..j)
                .rev()
                .find(|&i| tokens[i].clause == clause && valence[i] != 0.0 && !is(&tokens[i], Role::Negator))
            {
                if !negated[i] {
                    valence[i] *= N_SCALAR;
                    negated[i] = true;
                }
            }
        }
        // irony: with an eye-roll or upside-down face, praise is not meant ("Toll gemacht 🙄")
        if text.contains(IRONY) {
            for v in valence.iter_mut().filter(|v| **v > 0.0) {
                *v *= -0.5;
            }
        }
        // contrast and concession
        if let Some(c) = tokens.iter().position(|t| is(t, Role::Contrast)) {
            for (i, v) in valence.iter_mut().enumerate() {
                *v *= if i < c { 0.5 } else { 1.5 };
            }
        }
        for c in (0..n).filter(|&c| is(&tokens[c], Role::Concessive)) {
            let clause = tokens[c].clause;
            for i in (c..n).filter(|&i| tokens[i].clause == clause) {
                valence[i] *= 0.5;
            }
        }
        (tokens, valence)
    }
}

/// Lower case with umlauts and ß spelled out, so "schön", "schoen" and "SCHÖN" meet.
pub(super) fn canon(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            _ => out.push(c),
        }
    }
    out
}

fn attribute<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = line[start..].find('"')?;
    Some(&line[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(text: &str) -> f64 {
        German::get().compound(text)
    }

    #[test]
    fn spellings_meet() {
        assert_eq!(canon("Schöne Grüße"), "schoene gruesse");
        assert_eq!(score("Das ist schön"), score("Das ist schoen"));
        assert!(score("Grossartig") > 0.3 && score("Großartig") > 0.3);
    }

    #[test]
    fn rules() {
        assert!(score("Das ist gut") > 0.05);
        assert!(score("Das ist nicht gut") < -0.05, "negation before");
        assert!(score("Ich empfehle das nicht") < -0.05, "negation at the end of the clause");
        assert!(score("Das ist nicht schlecht") > 0.05, "negated negative");
        assert!(score("Das ist sehr gut") > score("Das ist gut"), "intensifier");
        assert!(score("Das ist etwas gut") < score("Das ist gut"), "diminisher");
        assert!(score("Das ist GUT und so") > score("Das ist gut und so"), "caps");
        assert!(score("Das ist gut!!!") > score("Das ist gut"), "exclamation");
        assert!(score("Das Rad ist schön, aber der Service ist schlecht") < -0.05, "contrast");
        assert!(score("Obwohl es teuer ist, bin ich zufrieden") > 0.05, "concession");
        assert!(score("Mein neues Rad 😍") > 0.05 && score("Schon wieder 😡") < -0.05, "emoji");
        assert!(score("Heute :)") > 0.05 && score("Heute :(") < -0.05, "emoticons");
        assert!(score("Lieblingsrad") > 0.05 && score("Kundenservicekatastrophe") < -0.05, "compounds");
        assert!(score("Huere guet!") > 0.05 && score("Des is a Schas") < -0.05, "Swiss and Austrian");
        assert!(score("Gestern gekauft, heute schon kaputt. Toll gemacht 🙄") < -0.05, "irony");
        assert!(score("Die Lieferung kam viel zu spät") < -0.05, "phrase with an umlaut");
        assert_eq!(score("Der Zug fährt um 8 Uhr."), 0.0);
    }
}
