//! The export formats Resonance reads. Each is defined by its columns: the fields it fills, the
//! header names (and localised or older names) each field goes by, and which of them must be there.
//! A file's format is the one whose required columns its header holds (the one matching the most
//! columns when several do); `--format` narrows the choice to one code.

/// What a column means, whichever format it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Platform,
    Published,
    Author,
    Followers,
    Text,
    Market,
    Language,
    Sentiment,
    Reach,
    Impressions,
    Likes,
    Comments,
    Shares,
    Saves,
    Clicks,
    VideoViews,
    /// The owned account a post was published by.
    Account,
}

/// Number of fields (the length of a column map).
pub const FIELDS: usize = 18;

/// What rows of a format become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Earned mentions of a brand.
    Mentions,
    /// The brand's own posts, each published by an account.
    Posts,
}

/// How a format writes dates with slashes or dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// 03/01/2026 is 1 March (US English exports).
    MonthFirst,
    /// 01/03/2026 and 01.03.2026 are 1 March (German and French exports).
    DayFirst,
}

/// One column of a format: the field, its header names in order of preference, required or not.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub field: Field,
    pub names: &'static [&'static str],
    pub required: bool,
}

const fn req(field: Field, names: &'static [&'static str]) -> Column {
    Column { field, names, required: true }
}

const fn opt(field: Field, names: &'static [&'static str]) -> Column {
    Column { field, names, required: false }
}

/// An export format.
#[derive(Debug)]
pub struct Format {
    /// The `--format` value (several variants of one export share it).
    pub code: &'static str,
    /// What users call it.
    pub name: &'static str,
    pub target: Target,
    /// The platform every row is on, when the export is a single platform's.
    pub platform: Option<&'static str>,
    pub dates: DateOrder,
    pub columns: &'static [Column],
}

use Field::*;

/// Every format, most specific first.
pub static FORMATS: &[Format] = &[
    Format {
        code: "brandwatch",
        name: "Brandwatch mention export",
        target: Target::Mentions,
        platform: None,
        dates: DateOrder::MonthFirst,
        columns: &[
            req(Id, &["resource_id", "mention_id", "url"]),
            req(Published, &["date"]),
            req(Platform, &["page_type", "content_source", "domain"]),
            req(Text, &["full_text", "snippet", "title"]),
            opt(Author, &["author", "full_name", "domain"]),
            opt(Followers, &["twitter_followers", "instagram_followers", "facebook_followers", "followers"]),
            opt(Market, &["country_code", "country"]),
            opt(Language, &["language"]),
            opt(Sentiment, &["sentiment"]),
            opt(Reach, &["reach_(new)", "reach", "potential_audience"]),
            opt(Impressions, &["impressions"]),
            opt(Likes, &["likes", "twitter_likes", "facebook_likes"]),
            opt(Comments, &["twitter_reply_count", "facebook_comments", "comments"]),
            opt(Shares, &["twitter_retweets", "facebook_shares", "shares"]),
        ],
    },
    Format {
        code: "talkwalker",
        name: "Talkwalker export",
        target: Target::Mentions,
        platform: None,
        dates: DateOrder::MonthFirst,
        columns: &[
            req(Id, &["url"]),
            req(Published, &["published"]),
            req(Platform, &["source_type", "domain_url", "host_url"]),
            req(Text, &["content", "content_snippet", "title", "title_snippet"]),
            opt(
                Author,
                &[
                    "extra_author_attributes.short_name",
                    "extra_author_attributes.name",
                    "host_url",
                    "domain_url",
                ],
            ),
            opt(
                Followers,
                &[
                    "article_extended_attributes.twitter_followers",
                    "extra_author_attributes.followers",
                    "followers",
                ],
            ),
            opt(
                Market,
                &[
                    "extra_source_attributes.world_data.country_code",
                    "extra_article_attributes.world_data.country_code",
                ],
            ),
            opt(Language, &["lang"]),
            opt(Sentiment, &["sentiment"]),
            opt(Reach, &["reach"]),
            opt(
                Likes,
                &["article_extended_attributes.twitter_likes", "article_extended_attributes.facebook_likes"],
            ),
            opt(Comments, &["article_extended_attributes.num_comments"]),
            opt(
                Shares,
                &[
                    "article_extended_attributes.twitter_retweets",
                    "article_extended_attributes.facebook_shares",
                ],
            ),
        ],
    },
    Format {
        code: "x-archive",
        name: "X/Twitter archive (tweets.js)",
        target: Target::Posts,
        platform: Some("x"),
        dates: DateOrder::MonthFirst,
        columns: &[
            req(Id, &["id_str", "id"]),
            req(Text, &["full_text", "text"]),
            req(Published, &["created_at"]),
            opt(Likes, &["favorite_count"]),
            opt(Shares, &["retweet_count"]),
            opt(Comments, &["reply_count"]),
            opt(Impressions, &["impression_count"]),
            opt(Language, &["lang"]),
        ],
    },
    Format {
        code: "meta",
        name: "Meta Business Suite Facebook post export",
        target: Target::Posts,
        platform: Some("facebook"),
        dates: DateOrder::MonthFirst,
        columns: &[
            req(Id, &["post_id"]),
            req(Account, &["page_name", "page_id"]),
            req(Published, &["publish_time"]),
            opt(Text, &["description", "title"]),
            opt(Impressions, &["impressions", "views"]),
            opt(Reach, &["reach"]),
            opt(Likes, &["reactions"]),
            opt(Comments, &["comments"]),
            opt(Shares, &["shares"]),
            opt(Clicks, &["total_clicks", "link_clicks"]),
            opt(VideoViews, &["3_second_video_views", "video_views"]),
        ],
    },
    Format {
        code: "meta",
        name: "Meta Business Suite Instagram post export",
        target: Target::Posts,
        platform: Some("instagram"),
        dates: DateOrder::MonthFirst,
        columns: &[
            req(Id, &["post_id"]),
            req(Account, &["account_username", "account_name", "account_id"]),
            req(Published, &["publish_time"]),
            opt(Text, &["description"]),
            opt(Impressions, &["impressions", "views"]),
            opt(Reach, &["reach"]),
            opt(Likes, &["likes"]),
            opt(Comments, &["comments"]),
            opt(Shares, &["shares"]),
            opt(Saves, &["saves"]),
            opt(VideoViews, &["plays"]),
        ],
    },
    Format {
        code: "linkedin",
        name: "LinkedIn page posts export",
        target: Target::Posts,
        platform: Some("linkedin"),
        dates: DateOrder::MonthFirst,
        columns: &[
            req(Id, &["post_link"]),
            req(Published, &["created_date"]),
            req(Impressions, &["impressions"]),
            opt(Text, &["post_title"]),
            opt(Clicks, &["clicks"]),
            opt(Likes, &["likes", "reactions"]),
            opt(Comments, &["comments"]),
            opt(Shares, &["reposts", "shares"]),
            opt(VideoViews, &["views_(excluding_off_site_video_views)", "views"]),
        ],
    },
    Format {
        code: "linkedin",
        name: "LinkedIn page posts export (German)",
        target: Target::Posts,
        platform: Some("linkedin"),
        dates: DateOrder::DayFirst,
        columns: &[
            req(Id, &["beitragslink", "link_zum_beitrag"]),
            req(Published, &["erstellungsdatum", "erstellt_am"]),
            req(Impressions, &["impressionen"]),
            opt(Text, &["beitragstitel", "titel_des_beitrags"]),
            opt(Clicks, &["klicks"]),
            opt(Likes, &["likes", "reaktionen", "gefällt_mir"]),
            opt(Comments, &["kommentare"]),
            opt(Shares, &["reposts", "geteilte_inhalte", "teilen"]),
            opt(VideoViews, &["aufrufe_(ohne_off_site_videoaufrufe)", "aufrufe"]),
        ],
    },
    Format {
        code: "linkedin",
        name: "LinkedIn page posts export (French)",
        target: Target::Posts,
        platform: Some("linkedin"),
        dates: DateOrder::DayFirst,
        columns: &[
            req(Id, &["lien_du_post", "lien_de_la_publication"]),
            req(Published, &["date_de_création", "date_de_publication"]),
            req(Impressions, &["impressions"]),
            opt(Text, &["titre_du_post", "titre_de_la_publication"]),
            opt(Clicks, &["clics"]),
            opt(Likes, &["j'aime", "réactions"]),
            opt(Comments, &["commentaires"]),
            opt(Shares, &["republications", "partages"]),
            opt(VideoViews, &["vues_(hors_vues_de_vidéos_hors_site)", "vues"]),
        ],
    },
    Format {
        code: "generic-posts",
        name: "generic owned-posts file",
        target: Target::Posts,
        platform: None,
        dates: DateOrder::MonthFirst,
        columns: &[
            req(Id, &["id", "external_id", "post_id"]),
            req(Platform, &["platform", "network"]),
            req(Account, &["account", "account_handle", "page"]),
            req(Published, &["published_at", "date", "created_at", "timestamp", "published"]),
            opt(Text, &["text", "content", "message", "caption"]),
            opt(Market, &["market", "country"]),
            opt(Impressions, &["impressions"]),
            opt(Reach, &["reach"]),
            opt(Likes, &["reactions", "likes"]),
            opt(Comments, &["comments"]),
            opt(Shares, &["shares"]),
            opt(Saves, &["saves"]),
            opt(Clicks, &["clicks"]),
            opt(VideoViews, &["video_views"]),
        ],
    },
    Format {
        code: "generic-mentions",
        name: "generic mentions file",
        target: Target::Mentions,
        platform: None,
        dates: DateOrder::MonthFirst,
        columns: &[
            req(Id, &["id", "external_id", "mention_id", "post_id"]),
            req(Platform, &["platform", "network", "source"]),
            req(Published, &["published_at", "date", "created_at", "timestamp", "published"]),
            req(Author, &["author", "author_handle", "handle", "username", "user"]),
            req(Text, &["text", "content", "message", "body", "snippet"]),
            opt(Followers, &["author_followers", "followers"]),
            opt(Market, &["market", "country"]),
            opt(Language, &["language", "lang"]),
            opt(Sentiment, &["sentiment", "sentiment_label"]),
            opt(Reach, &["reach"]),
            opt(Likes, &["likes"]),
            opt(Comments, &["comments"]),
            opt(Shares, &["shares"]),
        ],
    },
];

/// The `--format` codes, for messages and the CLI's help.
pub fn codes() -> Vec<&'static str> {
    let mut codes: Vec<&str> = FORMATS.iter().map(|f| f.code).collect();
    codes.dedup();
    codes
}

/// A header name as formats spell it: lower case, no byte-order mark, spaces and dashes as `_`,
/// typographic apostrophes plain.
pub fn normalise(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .trim()
        .trim_matches('"')
        .to_lowercase()
        .replace([' ', '-'], "_")
        .replace(['\u{2019}', '\u{2018}'], "'")
}

/// Where each field's values are: candidate column positions, in order of preference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    pub at: Vec<Vec<usize>>,
    /// The format's name of each field's column (its first), for a record that lacks it.
    pub names: Vec<&'static str>,
}

impl ColumnMap {
    pub fn positions(&self, field: Field) -> &[usize] {
        self.at.get(field as usize).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The format's name of a field's column (empty for a field the format does not read).
    pub fn format_name(&self, field: Field) -> &'static str {
        self.names.get(field as usize).copied().unwrap_or("")
    }
}

/// Required columns a record of `format` may still lack: Talkwalker's news, forum and review
/// documents often have no link, and are kept under an id derived from their date and text.
pub fn may_lack(format: &Format) -> &'static [Field] {
    if format.code == "talkwalker" {
        &[Field::Id]
    } else {
        &[]
    }
}

/// Maps a (normalised) header onto a format: `None` when a required column is missing.
pub fn map(format: &Format, header: &[String]) -> Option<(ColumnMap, usize)> {
    let mut at = vec![Vec::new(); FIELDS];
    let mut names = vec![""; FIELDS];
    let mut matched = 0;
    for column in format.columns {
        if names[column.field as usize].is_empty() {
            names[column.field as usize] = column.names.first().copied().unwrap_or("");
        }
        let found: Vec<usize> =
            column.names.iter().filter_map(|n| header.iter().position(|h| h == n)).collect();
        if found.is_empty() && column.required && !may_lack(format).contains(&column.field) {
            return None;
        }
        matched += usize::from(!found.is_empty());
        at[column.field as usize].extend(found);
    }
    Some((ColumnMap { at, names }, matched))
}

/// The format of a header (normalised names): the one whose required columns are all there,
/// most columns matched; only formats with code `only` when given.
pub fn detect(header: &[String], only: Option<&str>) -> Option<(&'static Format, ColumnMap)> {
    FORMATS
        .iter()
        .filter(|f| only.is_none_or(|o| f.code == o))
        .filter_map(|f| map(f, header).map(|(m, n)| (f, m, n)))
        .max_by_key(|(f, _, n)| (*n, f.columns.len()))
        .map(|(f, m, _)| (f, m))
}

/// The required columns of `format` that `header` (normalised) lacks.
pub fn missing(format: &Format, header: &[String]) -> Vec<&'static str> {
    format
        .columns
        .iter()
        .filter(|c| c.required && !may_lack(format).contains(&c.field))
        .filter(|c| !c.names.iter().any(|n| header.iter().any(|h| h == n)))
        .map(|c| c.names[0])
        .collect()
}

/// Why a header is none of the formats: the closest one and what it lacks.
pub fn explain_unknown(header: &[String], only: Option<&str>) -> String {
    let closest = FORMATS
        .iter()
        .filter(|f| only.is_none_or(|o| f.code == o))
        .map(|f| (f, missing(f, header)))
        .min_by_key(|(_, missing)| missing.len());
    let found = if header.iter().all(String::is_empty) {
        "no header".to_string()
    } else {
        header.iter().filter(|h| !h.is_empty()).take(12).cloned().collect::<Vec<_>>().join(", ")
    };
    match closest {
        Some((f, missing)) => format!(
            "this is not a file Resonance can import: no known header (found: {found}); the closest format, \
             the {}, lacks the column{} {}",
            f.name,
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ),
        None => format!("there is no format {:?}; formats: {}", only.unwrap_or(""), codes().join(", ")),
    }
}

/// The platforms imports know: (code, name, words that name it in exports).
pub const PLATFORMS: &[(&str, &str, &[&str])] = &[
    ("x", "X", &["x", "twitter", "tweet", "tweets"]),
    ("facebook", "Facebook", &["facebook", "fb"]),
    ("instagram", "Instagram", &["instagram", "ig"]),
    ("linkedin", "LinkedIn", &["linkedin"]),
    ("youtube", "YouTube", &["youtube"]),
    ("tiktok", "TikTok", &["tiktok"]),
    ("reddit", "Reddit", &["reddit"]),
    ("news", "News", &["news", "onlinenews", "online_news", "print"]),
    ("blogs", "Blogs", &["blog", "blogs"]),
    ("forums", "Forums", &["forum", "forums", "messageboard"]),
    ("reviews", "Reviews", &["review", "reviews"]),
];

/// The platform a value names (`Twitter`, `SOCIAL_TWITTER`, `[SOCIAL, SOCIAL_INSTAGRAM]`,
/// `https://www.reddit.com/`, `ONLINENEWS_OTHER`…).
pub fn platform_code(value: &str) -> Option<&'static str> {
    let lower = value.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    PLATFORMS.iter().find(|(_, _, names)| words.iter().any(|w| names.contains(w))).map(|(code, _, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| normalise(n)).collect()
    }

    #[test]
    fn each_format_is_told_from_its_header() {
        let cases: [(&[&str], &str); 7] = [
            (
                &[
                    "Query Id",
                    "Query Name",
                    "Date",
                    "Title",
                    "Url",
                    "Page Type",
                    "Full Text",
                    "Author",
                    "Resource Id",
                ],
                "Brandwatch mention export",
            ),
            (
                &["url", "published", "title", "content", "lang", "sentiment", "source_type", "reach"],
                "Talkwalker export",
            ),
            (
                &["id_str", "full_text", "created_at", "favorite_count", "retweet_count"],
                "X/Twitter archive (tweets.js)",
            ),
            (
                &[
                    "\u{feff}Post ID",
                    "Page ID",
                    "Page name",
                    "Title",
                    "Description",
                    "Publish time",
                    "Reactions",
                ],
                "Meta Business Suite Facebook post export",
            ),
            (
                &["Beitragstitel", "Beitragslink", "Erstellungsdatum", "Impressionen", "Klicks"],
                "LinkedIn page posts export (German)",
            ),
            (
                &["Titre du post", "Lien du post", "Date de création", "Impressions", "J’aime"],
                "LinkedIn page posts export (French)",
            ),
            (&["id", "platform", "published_at", "author", "text", "reach"], "generic mentions file"),
        ];
        for (names, expected) in cases {
            let (format, _) =
                detect(&header(names), None).unwrap_or_else(|| panic!("{expected} not detected"));
            assert_eq!(format.name, expected);
        }
        assert!(detect(&header(&["id", "platform", "published_at", "author", "text"]), Some("brandwatch"))
            .is_none());
    }

    #[test]
    fn preferred_columns_come_first_and_unknown_headers_are_explained() {
        let h = header(&["Snippet", "Full Text", "Date", "Url", "Page Type"]);
        let (_, map) = detect(&h, None).expect("brandwatch");
        assert_eq!(map.positions(Field::Text), &[1, 0]);
        let why = explain_unknown(&header(&["name", "price"]), None);
        assert!(why.contains("no known header (found: name, price)"), "{why}");
    }

    #[test]
    fn platforms_are_read_from_what_exports_write() {
        for (value, code) in [
            ("Twitter", Some("x")),
            ("[SOCIAL, SOCIAL_TWITTER]", Some("x")),
            ("SOCIAL_INSTAGRAM", Some("instagram")),
            ("ONLINENEWS_OTHER", Some("news")),
            ("https://www.reddit.com/r/ebikes", Some("reddit")),
            ("blog", Some("blogs")),
            ("myspace", None),
        ] {
            assert_eq!(platform_code(value), code, "{value}");
        }
    }
}
