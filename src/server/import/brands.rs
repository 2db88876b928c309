//! Which brands a mention is about when its import names none (`resonance import` without
//! `--brand`, an upload without a brand): a listening export often covers the own brand and its
//! competitors at once.
//!
//! The rule: a mention belongs to every brand one of whose keywords its text contains as a whole
//! word, case aside — `voltaro` matches "Voltaro's", "#voltaro" and "@Voltaro", not "voltaroid"
//! or "@voltaro_de"; a keyword written with `#` or `@` matches only the hashtag or the handle; a
//! keyword of several words matches them in that order, as a phrase. A mention that matches
//! several brands counts once for each (share of voice needs it so). A mention that matches no
//! brand's keywords belongs to the own brand, as before brands had keywords.

/// A brand and the keywords that find its mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportBrand {
    pub id: i64,
    pub keywords: Vec<String>,
}

/// The keyword rule for one import.
#[derive(Debug, Clone)]
pub struct BrandMatcher {
    /// Each brand with its keywords, lower case.
    brands: Vec<(i64, Vec<String>)>,
    /// The own brand: for mentions no keyword matches.
    fallback: i64,
}

impl BrandMatcher {
    pub fn new(brands: &[ImportBrand], fallback: i64) -> BrandMatcher {
        let brands = brands
            .iter()
            .map(|b| {
                let words =
                    b.keywords.iter().map(|k| k.trim().to_lowercase()).filter(|k| !k.is_empty()).collect();
                (b.id, words)
            })
            .filter(|(_, words): &(i64, Vec<String>)| !words.is_empty())
            .collect();
        BrandMatcher { brands, fallback }
    }

    /// The brands `text` is about, in the order brands were set up; never empty.
    pub fn brands_of(&self, text: &str) -> Vec<i64> {
        let text = text.to_lowercase();
        let found: Vec<i64> = self
            .brands
            .iter()
            .filter(|(_, words)| words.iter().any(|w| contains_word(&text, w)))
            .map(|(id, _)| *id)
            .collect();
        if found.is_empty() {
            vec![self.fallback]
        } else {
            found
        }
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text` holds `word` with no word character right before or after it (both lower case).
pub(crate) fn contains_word(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(at) = text[from..].find(word) {
        let start = from + at;
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        // "#voltaro" holds the word "voltaro"; a keyword that ends in a symbol needs no boundary there
        let starts_clean = before.is_none_or(|c| !is_word(c)) || !word.starts_with(is_word);
        let ends_clean = after.is_none_or(|c| !is_word(c)) || !word.ends_with(is_word);
        if starts_clean && ends_clean {
            return true;
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> BrandMatcher {
        let brand =
            |id, words: &[&str]| ImportBrand { id, keywords: words.iter().map(|w| w.to_string()).collect() };
        BrandMatcher::new(
            &[
                brand(1, &["voltaro", "#voltaroride"]),
                brand(2, &["Rivex"]),
                brand(3, &["pedal ia", "@pedalia"]),
                brand(4, &[]),
            ],
            1,
        )
    }

    #[test]
    fn whole_words_case_aside() {
        let m = matcher();
        assert_eq!(m.brands_of("Love my Voltaro's battery"), vec![1]);
        assert_eq!(m.brands_of("#voltaro all the way"), vec![1]);
        assert_eq!(m.brands_of("RIVEX, again!"), vec![2]);
        assert_eq!(m.brands_of("voltaroid is a different thing"), vec![1], "no match: the own brand");
        assert_eq!(m.brands_of("rivexx"), vec![1]);
        assert_eq!(m.brands_of("my_rivex"), vec![1], "an underscore joins words");
    }

    #[test]
    fn hashtags_handles_and_phrases() {
        let m = matcher();
        assert_eq!(m.brands_of("ride with #VoltaroRide today"), vec![1]);
        assert_eq!(
            m.brands_of("voltaroride"),
            vec![1],
            "without # it is not the hashtag (and not the word voltaro)"
        );
        assert_eq!(m.brands_of("asked @Pedalia about it"), vec![3]);
        assert_eq!(m.brands_of("the Pedal IA team"), vec![3]);
        assert_eq!(m.brands_of("pedal and ia"), vec![1]);
    }

    #[test]
    fn a_mention_of_several_brands_counts_for_each() {
        assert_eq!(matcher().brands_of("Voltaro vs Rivex: which one?"), vec![1, 2]);
    }

    #[test]
    fn non_ascii_text_is_matched_by_characters() {
        let brand = |id, w: &str| ImportBrand { id, keywords: vec![w.to_string()] };
        let m = BrandMatcher::new(&[brand(7, "Süßwerk"), brand(8, "ÉCLAIR")], 9);
        assert_eq!(m.brands_of("Das SÜSSWERK? nein: süßwerk!"), vec![7]);
        assert_eq!(m.brands_of("un éclair au café"), vec![8]);
        assert_eq!(m.brands_of("éclairage"), vec![9]);
        assert_eq!(m.brands_of("🚲süßwerk🚲"), vec![7]);
    }

    #[test]
    fn without_keywords_everything_is_the_own_brand() {
        let m = BrandMatcher::new(&[ImportBrand { id: 2, keywords: vec![" ".into()] }], 5);
        assert_eq!(m.brands_of("anything at all"), vec![5]);
    }
}
