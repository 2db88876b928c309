//! The words of demo mentions: English and German posts written to express one sentiment each:
//! praise, complaints, questions, campaign reactions, irony. Placeholders: `{b}` brand,
//! `{p}` product, `{f}` feature, `{c}` city, `{h}` campaign hashtag.

use super::rng::Rng;
use crate::model::Sentiment;

pub const PRODUCTS: [&str; 6] = ["City 3", "Trail X", "Cargo One", "Urban S", "Fold 2", "Trek Pro"];
pub const FEATURES_EN: [&str; 8] =
    ["battery", "motor", "brake", "app", "frame", "display", "gear hub", "saddle"];
pub const FEATURES_DE: [&str; 8] =
    ["Akku", "Motor", "Rahmen", "Sattel", "Antrieb", "Lenker", "Gepäckträger", "Ständer"];
pub const CITIES_EN: [&str; 8] =
    ["London", "Amsterdam", "Paris", "Manchester", "Utrecht", "Lyon", "Bristol", "Rotterdam"];
pub const CITIES_DE: [&str; 8] = ["Berlin", "München", "Wien", "Zürich", "Hamburg", "Graz", "Basel", "Köln"];

const EN_POSITIVE: &[&str] = &[
    "Just picked up my new {b} {p} and wow, the {f} is incredible",
    "Third week commuting on the {b} {p}. Honestly the best purchase I made this year",
    "Shoutout to {b} support, fixed my {f} issue in one day. That's how it's done",
    "Rode 60 km through {c} today on my {p}, battery still at 40%. Love it",
    "The new {b} {p} looks SO good in matte green 😍",
    "Can't believe how smooth the {f} on the {b} {p} is. Worth every penny",
    "{b} just gets it. Quiet motor, clean design, no nonsense",
    "My dad (72) now rides to the market every morning thanks to his {b}. Made my week",
    "Test ride at the {b} store in {c} sold me instantly",
    "Swapped the car for a {b} {p} in January, haven't looked back 🚲",
    "Loving the {h} videos from {b}, finally a bike ad with real people",
    "{h} is the first campaign in ages that made me want to ride more. Nice one {b}",
];
const EN_NEUTRAL: &[&str] = &[
    "{b} announced a new {p} colour for spring",
    "Saw a whole row of {b} bikes outside the station in {c} this morning",
    "Anyone compared the {b} {p} with the competition? Looking at reviews",
    "{b} opens a showroom in {c} next month according to the local paper",
    "Reading the {b} {p} manual, the {f} settings are in the app",
    "{h} posters all over {c} right now",
    "Delivery of my {b} {p} is scheduled for Thursday",
    "Podcast this week: e-bikes in cities, with {b} among the brands discussed",
    "The {b} {p} is on the list of bikes the city of {c} subsidises",
    "Price of the {b} {p} is the same as last year",
];
const EN_NEGATIVE: &[&str] = &[
    "Second time the {f} on my {b} {p} failed. Three weeks waiting for a part",
    "{b} customer service has not answered in 10 days. Really disappointed",
    "The {f} on the {p} squeaks after a month. Not what you expect at that price",
    "Great, another software update and now the {f} doesn't connect. Thanks {b} 🙃",
    "Returned my {b} {p}. The {f} kept cutting out on hills",
    "Love paying premium prices to sit at the {b} service centre in {c} for 2 hours. Fantastic",
    "Why does the {b} app need my location 24/7? Deleted",
    "{b} {p} recall news is worrying, nobody has contacted me yet",
    "Oh sure, {h}, because my bike is 'ready for the city' while it sits in the workshop",
    "Avoid {b} in {c}, the dealer refused a warranty repair on the {f}",
];
const EN_QUESTION: &[&str] = &[
    "@{b} when will the {p} be back in stock in {c}?",
    "Hey {b}, is the {f} on the {p} covered by warranty after 2 years?",
    "@{b} my {p} shows error E07 on the display, what does that mean?",
    "Does anyone know if {b} ships spare {f} parts to {c}?",
    "@{b} can I upgrade the battery of my old {p}?",
];
const DE_POSITIVE: &[&str] = &[
    "Endlich mein neues {b} {p} abgeholt, der {f} ist der Wahnsinn",
    "Seit drei Wochen mit dem {b} {p} zur Arbeit. Beste Anschaffung des Jahres",
    "Danke an den {b} Support, {f}-Problem in einem Tag gelöst. So geht das!",
    "Heute 60 km durch {c} gefahren, Akku noch bei 40 %. Mega 😍",
    "Das {b} {p} in Mattgrün sieht einfach richtig gut aus",
    "Probefahrt bei {b} in {c} und sofort verliebt",
    "Mein Opa (74) fährt jetzt jeden Morgen mit seinem {b} zum Bäcker. Wie schön ist das bitte",
    "Auto verkauft, {b} {p} gekauft. Keine Sekunde bereut 🚲",
    "Die {h} Clips von {b} sind richtig gut gemacht, echte Leute statt Models",
    "Super leiser Motor, sauberes Design, {b} hat's einfach drauf",
    "Top Beratung im {b} Store {c}, danke an das Team!",
];
const DE_NEUTRAL: &[&str] = &[
    "{b} stellt eine neue Farbe für das {p} vor",
    "Heute früh standen fünf {b} Räder vor dem Bahnhof in {c}",
    "Hat jemand das {b} {p} mit anderen verglichen? Lese gerade Tests",
    "Laut Lokalzeitung eröffnet {b} nächsten Monat einen Laden in {c}",
    "{h} Plakate hängen gerade überall in {c}",
    "Lieferung meines {b} {p} ist für Donnerstag angekündigt",
    "Der Preis für das {b} {p} ist gleich geblieben",
    "Die Einstellungen für den {f} findet man beim {p} in der App",
];
const DE_NEGATIVE: &[&str] = &[
    "Zum zweiten Mal ist der {f} an meinem {b} {p} kaputt. Seit drei Wochen warte ich auf das Ersatzteil",
    "Der {b} Kundenservice antwortet seit 10 Tagen nicht. Echt enttäuschend",
    "Nach einem Monat quietscht der {f} am {p}. Für den Preis eine Frechheit",
    "Toll, wieder ein Update und jetzt verbindet sich der {f} nicht mehr. Danke {b} 🙃",
    "{b} {p} zurückgegeben, der {f} ist am Berg ständig ausgefallen",
    "Zwei Stunden in der {b} Werkstatt in {c} gewartet. Ganz großes Kino",
    "Finger weg von {b} in {c}, Garantie für den {f} wurde einfach abgelehnt",
    "Kein Wort von {b} zum Rückruf, das ist nicht okay",
    "Ja klar, {h}, mein Rad ist bereit für die Stadt, nur leider seit Wochen in der Werkstatt",
];
const DE_QUESTION: &[&str] = &[
    "@{b} wann ist das {p} in {c} wieder lieferbar?",
    "Hallo {b}, gilt die Garantie für den {f} auch nach zwei Jahren?",
    "@{b} mein {p} zeigt Fehler E07 im Display, was bedeutet das?",
    "Kann man beim alten {p} den Akku nachrüsten? @{b}",
];
const EN_TAILS: &[&str] = &["", "", "", " 👍", " #ebike", " #commute", "!", " 🚲", " …", " #cycling"];
const DE_TAILS: &[&str] = &["", "", "", " 👍", " #ebike", " #pendeln", "!", " 🚲", " …", " #radfahren"];

/// The language a demo mention is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

/// What kind of post to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Opinion(Sentiment),
    /// A customer question (an inquiry that expects an answer); neutral.
    Question,
}

/// Writes one post in `lang` of `kind` about `brand`, mentioning `hashtag` when it fits.
pub fn write(rng: &mut Rng, lang: Lang, kind: Kind, brand: &str, hashtag: Option<&str>) -> String {
    let pool = match (lang, kind) {
        (Lang::En, Kind::Opinion(Sentiment::Positive)) => EN_POSITIVE,
        (Lang::En, Kind::Opinion(Sentiment::Neutral)) => EN_NEUTRAL,
        (Lang::En, Kind::Opinion(Sentiment::Negative)) => EN_NEGATIVE,
        (Lang::En, Kind::Question) => EN_QUESTION,
        (Lang::De, Kind::Opinion(Sentiment::Positive)) => DE_POSITIVE,
        (Lang::De, Kind::Opinion(Sentiment::Neutral)) => DE_NEUTRAL,
        (Lang::De, Kind::Opinion(Sentiment::Negative)) => DE_NEGATIVE,
        (Lang::De, Kind::Question) => DE_QUESTION,
    };
    // Campaign templates only when there is a campaign to talk about.
    let template = loop {
        let t = *rng.pick(pool);
        if hashtag.is_some() || !t.contains("{h}") {
            break t;
        }
    };
    let (features, cities, tails) = match lang {
        Lang::En => (&FEATURES_EN[..], &CITIES_EN[..], EN_TAILS),
        Lang::De => (&FEATURES_DE[..], &CITIES_DE[..], DE_TAILS),
    };
    let mut text = template
        .replace("{b}", brand)
        .replace("{p}", rng.pick::<&str>(&PRODUCTS))
        .replace("{f}", rng.pick::<&str>(features))
        .replace("{c}", rng.pick::<&str>(cities))
        .replace("{h}", hashtag.unwrap_or(""));
    text.push_str(rng.pick::<&str>(tails));
    if let Some(tag) = hashtag {
        if !text.contains(tag) && rng.chance(0.5) {
            text.push(' ');
            text.push_str(tag);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_filled_text_without_placeholders() {
        let mut rng = Rng::new(3);
        for _ in 0..500 {
            for lang in [Lang::En, Lang::De] {
                for kind in
                    [Kind::Question, Kind::Opinion(Sentiment::Negative), Kind::Opinion(Sentiment::Positive)]
                {
                    let t = write(&mut rng, lang, kind, "Voltaro", None);
                    assert!(!t.contains('{'), "{t}");
                    assert!(!t.is_empty());
                }
            }
        }
        let t = write(&mut rng, Lang::En, Kind::Opinion(Sentiment::Neutral), "Voltaro", Some("#SpringRide"));
        assert!(!t.contains('{'));
    }
}
