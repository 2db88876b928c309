//! Which language a text is in: English, German, something else, or no words at all.
//!
//! Social posts are short, so the evidence is counted, not guessed: function words of each
//! language weigh 2, words of each language's sentiment lexicon 1, umlauts and ß 1 for German.
//! A clear lead decides. Without one, whatlang's trigram model (70 languages) decides, and a
//! text it reliably places in another language is left unscored.

use whatlang::Lang;

use super::german::{canon, German};
use super::vader::Vader;

/// A text's language as Resonance stores it (ISO 639-1 for the two it scores).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Language {
    English,
    German,
    /// No words: only emoji, emoticons, numbers, links or punctuation (ISO 639-2 "zxx").
    NoWords,
    /// Another language, as whatlang tells it reliably (ISO 639-3 code).
    Other(String),
}

impl Language {
    pub fn code(&self) -> &str {
        match self {
            Language::English => "en",
            Language::German => "de",
            Language::NoWords => "zxx",
            Language::Other(code) => code,
        }
    }

    pub fn name(&self) -> String {
        match self {
            Language::English => "English".into(),
            Language::German => "German".into(),
            Language::NoWords => "no words".into(),
            Language::Other(code) if code == "und" => "undetermined".into(),
            Language::Other(code) => {
                Lang::from_code(code).map(|l| l.eng_name().to_string()).unwrap_or_else(|| code.clone())
            }
        }
    }

    /// A stored language code back (an import may also bring one along).
    pub fn from_code(code: &str) -> Language {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "en-gb" | "en-us" => Language::English,
            "de" | "deu" | "ger" | "de-de" | "de-at" | "de-ch" => Language::German,
            "zxx" => Language::NoWords,
            other => Language::Other(other.to_string()),
        }
    }
}

const EN_FUNCTION: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "is", "are", "was", "were", "be", "been", "have", "has", "had",
    "do", "does", "did", "i", "you", "he", "she", "it", "we", "they", "my", "your", "our", "their", "this",
    "that", "these", "with", "for", "of", "to", "in", "on", "at", "from", "by", "not", "no", "can't",
    "don't", "it's", "i'm", "just", "so", "very", "what", "when", "why", "how", "who", "will", "would",
    "can", "could", "should", "there", "here", "after", "again", "me", "its", "about", "anyone", "any",
    "all", "than", "then", "too", "still", "now", "if",
];
const DE_FUNCTION: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder",
    "aber", "ist", "sind", "war", "waren", "bin", "bist", "hat", "habe", "hab", "haben", "ich", "du", "er",
    "sie", "es", "wir", "ihr", "mein", "meine", "dein", "unser", "euer", "euch", "nicht", "kein", "keine",
    "mit", "für", "von", "zu", "zum", "zur", "im", "auf", "bei", "nach", "aus", "auch", "noch", "schon",
    "sehr", "wie", "was", "wann", "warum", "wer", "wo", "wird", "werden", "kann", "können", "mal", "jetzt",
    "heute", "doch", "dass", "weil", "wenn", "nur", "mir", "mich", "dich", "sich", "uns", "gibt", "seit",
    "immer", "wieder", "leider", "endlich", "des", "is", "net", "ned", "nöd", "isch", "gsi", "hoid", "oba",
    "grüezi", "servus", "um", "am", "an", "in", "vom", "beim", "ins", "über", "unter", "vor", "bis", "ab",
    "sein", "ihre", "diese", "dieser", "dieses", "kommt", "geht", "macht", "alle", "alles", "morgen",
    "gestern", "uhr", "mehr", "man", "ob", "hier", "dort", "welche", "welcher", "bitte", "danke",
];

pub fn detect(text: &str) -> Language {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Language::NoWords;
    }
    let (mut en, mut de) = (0.0f64, 0.0f64);
    let (vader, german) = (Vader::get(), German::get());
    for w in &words {
        if EN_FUNCTION.contains(&w.as_str()) {
            en += 2.0;
        }
        if DE_FUNCTION.contains(&w.as_str()) {
            de += 2.0;
        }
        if w.len() > 2 && vader.lexicon_value(w).is_some() {
            en += 1.0;
        }
        if w.len() > 2 && german.knows(&canon(w)) {
            de += 1.0;
        }
        if w.contains(['ä', 'ö', 'ü', 'ß']) {
            de += 1.0;
        }
    }
    let lead = if en >= 2.0 * de.max(1.0) {
        Some(Language::English)
    } else if de >= 2.0 * en.max(1.0) {
        Some(Language::German)
    } else {
        None
    };
    // a clear lead that includes function words decides without the trigram model
    if let Some(lang) = lead.clone().filter(|_| en.max(de) >= 4.0) {
        return lang;
    }
    let guess = whatlang::detect(text);
    let reliable_other = guess
        .as_ref()
        .filter(|g| g.is_reliable() && !matches!(g.lang(), Lang::Eng | Lang::Deu))
        .map(|g| g.lang());
    match (lead, reliable_other) {
        (_, Some(other)) => Language::Other(other.code().to_string()),
        (Some(lang), None) => lang,
        (None, None) => match guess.map(|g| g.lang()) {
            Some(Lang::Eng) => Language::English,
            Some(Lang::Deu) => Language::German,
            _ if en > de => Language::English,
            _ if de > en => Language::German,
            // words both lexicons know ("Top!", "Super"): either scorer reads them alike
            _ if en > 0.0 => Language::English,
            // no word either language claims and no other language told reliably ("Pizza time.",
            // "@someone :) :)", names): VADER reads it, as vaderSentiment reads every text — its
            // emoticons and emoji are its cues; words it does not know are neutral
            _ => Language::English,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn social_posts() {
        let cases = [
            ("Just picked up my new bike and wow, the battery is incredible", "en"),
            ("Endlich mein neues Rad abgeholt und ich bin total begeistert!", "de"),
            ("Totaler Schrott!", "de"),
            ("Huere guet, das neue Menü!", "de"),
            ("Great service 👍", "en"),
            ("C'est vraiment une belle journée pour faire du vélo en ville", "fra"),
            ("El servicio al cliente fue muy amable y rápido, gracias", "spa"),
            ("😍😍😍", "zxx"),
            ("Super!", "en"),
            ("Mega!", "de"),
            ("Die Filiale in Linz schließt um 18 Uhr.", "de"),
            // nothing either language claims: read by VADER (emoticons, emoji), never left unscored
            ("@someone :) :) :)", "en"),
            ("Pizza time.", "en"),
            ("Baylor may finally beat Mack Brown.", "en"),
        ];
        for (text, code) in cases {
            assert_eq!(detect(text).code(), code, "{text}");
        }
    }
}
