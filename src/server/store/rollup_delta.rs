//! Rollups kept up to date by what an import adds, instead of rebuilt from the raw rows.
//!
//! A batch of new mentions changes `mention_daily` by a sum per key, gathered here for the whole
//! batch (its size bounded by days × platforms × markets × campaigns × sentiments, not by rows) and
//! added at the end. `mention_author_daily` gets the batch's author-days gathered here too
//! (`AuthorDays`, up to a cap that keeps memory bounded on huge files): the links of authors the
//! batch created (`prev_author`, `prev_market`) are worked out here, since all their days are in
//! the batch; authors who had days before are linked again in SQL (`add_author_day_rows` in
//! `shared.rs`). Past the cap, the store gathers and links the batch's author-days in SQL
//! (`add_author_days`). The store tests compare all of it with a rebuild from the raw rows. A
//! batch that changes existing rows (or imports posts) rebuilds its span.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::ImportMention;

/// `mention_daily`'s key: brand, day, platform, market (both as indexes into `DailyDelta::names`,
/// so adding a row copies no string), campaign (0: none), sentiment.
type DailyKey = (i64, NaiveDate, u32, u32, i64, &'static str);

/// What a key gains: mentions, reach, likes, comments, shares, inquiries.
pub type DailySums = [i64; 6];

/// Platform and market codes seen (a few dozen at most), so a key holds an index, not a string.
#[derive(Debug, Default)]
struct Names(Vec<String>);

impl Names {
    fn index(&mut self, code: &str) -> u32 {
        match self.0.iter().position(|n| n == code) {
            Some(at) => at as u32,
            None => {
                self.0.push(code.to_string());
                (self.0.len() - 1) as u32
            }
        }
    }

    fn get(&self, at: u32) -> &str {
        &self.0[at as usize]
    }
}

/// The additions to `mention_daily` of a batch of new mentions.
#[derive(Debug, Default)]
pub struct DailyDelta {
    sums: FxHashMap<DailyKey, DailySums>,
    names: Names,
}

/// One `mention_daily` key and what it gains.
pub struct DailyRow<'a> {
    pub brand_id: i64,
    pub day: NaiveDate,
    pub platform: &'a str,
    pub market: &'a str,
    pub campaign_id: i64,
    pub sentiment: &'static str,
    pub sums: DailySums,
}

impl DailyDelta {
    /// Adds one new mention with its effective sentiment (an import sets no inquiry flag: new
    /// rows have none).
    pub fn add(&mut self, m: &ImportMention, sentiment: &'static str) {
        let key = (
            m.brand_id,
            m.day,
            self.names.index(&m.platform),
            self.names.index(&m.market),
            m.campaign_id.unwrap_or(0),
            sentiment,
        );
        let s = self.sums.entry(key).or_default();
        s[0] += 1;
        s[1] += m.reach;
        s[2] += m.likes;
        s[3] += m.comments;
        s[4] += m.shares;
    }

    /// Every key with its sums.
    pub fn rows(&self) -> Vec<DailyRow<'_>> {
        self.sums
            .iter()
            .map(|(&(brand_id, day, platform, market, campaign_id, sentiment), &sums)| DailyRow {
                brand_id,
                day,
                platform: self.names.get(platform),
                market: self.names.get(market),
                campaign_id,
                sentiment,
                sums,
            })
            .collect()
    }
}

/// `mention_author_daily`'s key: brand, author, day, platform, market (names as in `DailyKey`).
type AuthorDayKey = (i64, i64, NaiveDate, u32, u32);

/// The day before every day: the link of an author's first row (as in `SET_PREV`).
pub const NO_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// The author-days of a batch of new mentions, each with the author's largest follower count that
/// day, while there are at most `cap` of them; past it `add` says so and the store turns to SQL.
#[derive(Debug)]
pub struct AuthorDays {
    followers: FxHashMap<AuthorDayKey, i64>,
    names: Names,
    cap: usize,
}

/// One `mention_author_daily` row to add, linked when its author is new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorDayRow<'a> {
    pub brand_id: i64,
    pub day: NaiveDate,
    pub platform: &'a str,
    pub market: &'a str,
    pub author_id: i64,
    pub followers: i64,
    pub prev_author: NaiveDate,
    pub prev_market: NaiveDate,
}

impl AuthorDays {
    pub fn new(cap: usize) -> AuthorDays {
        AuthorDays { followers: FxHashMap::default(), names: Names::default(), cap }
    }

    /// Adds one new mention by its stored author; false once the batch has more author-days than
    /// the cap (the caller then drops this and gathers them in SQL).
    #[must_use]
    pub fn add(&mut self, m: &ImportMention, author_id: i64) -> bool {
        let key = (m.brand_id, author_id, m.day, self.names.index(&m.platform), self.names.index(&m.market));
        let followers = self.followers.entry(key).or_insert(m.author_followers);
        *followers = (*followers).max(m.author_followers);
        self.followers.len() <= self.cap
    }

    /// Every row, in the table's key order. The rows of authors with an id above `known` (created
    /// by this batch: all their days are here) are linked as `SET_PREV` links them: `prev_author`
    /// is the author's previous row's day in (day, platform, market) order, `prev_market` the
    /// previous in that market by (day, platform); `NO_DAY` for a first. The other rows get
    /// `NO_DAY` and must be linked in SQL (`known_authors`).
    pub fn rows(&self, known: i64) -> Vec<AuthorDayRow<'_>> {
        let mut rows: Vec<AuthorDayRow<'_>> = self
            .followers
            .iter()
            .map(|(&(brand_id, author_id, day, platform, market), &followers)| AuthorDayRow {
                brand_id,
                day,
                platform: self.names.get(platform),
                market: self.names.get(market),
                author_id,
                followers,
                prev_author: NO_DAY,
                prev_market: NO_DAY,
            })
            .collect();
        let by_author = |r: &AuthorDayRow<'_>| (r.brand_id, r.author_id);
        rows.sort_unstable_by(|a, b| {
            (by_author(a), a.day, a.platform, a.market).cmp(&(by_author(b), b.day, b.platform, b.market))
        });
        for i in 1..rows.len() {
            if rows[i].author_id > known && by_author(&rows[i]) == by_author(&rows[i - 1]) {
                rows[i].prev_author = rows[i - 1].day;
            }
        }
        rows.sort_unstable_by(|a, b| {
            (by_author(a), a.market, a.day, a.platform).cmp(&(by_author(b), b.market, b.day, b.platform))
        });
        for i in 1..rows.len() {
            let (a, b) = (&rows[i - 1], &rows[i]);
            if b.author_id > known && by_author(a) == by_author(b) && a.market == b.market {
                rows[i].prev_market = rows[i - 1].day;
            }
        }
        rows.sort_unstable_by(|a, b| {
            (a.brand_id, a.day, a.platform, a.market, a.author_id).cmp(&(
                b.brand_id,
                b.day,
                b.platform,
                b.market,
                b.author_id,
            ))
        });
        rows
    }

    /// The authors with an id up to `known` (they may have days before the batch), by brand.
    pub fn known_authors(&self, known: i64) -> Vec<(i64, Vec<i64>)> {
        let mut pairs: Vec<(i64, i64)> = self
            .followers
            .keys()
            .filter(|k| k.1 <= known)
            .map(|&(brand_id, author_id, ..)| (brand_id, author_id))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut out: Vec<(i64, Vec<i64>)> = Vec::new();
        for (brand_id, author_id) in pairs {
            match out.last_mut() {
                Some((b, ids)) if *b == brand_id => ids.push(author_id),
                _ => out.push((brand_id, vec![author_id])),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn mention(
        platform: &str,
        campaign_id: Option<i64>,
        [reach, likes, comments, shares]: [i64; 4],
    ) -> ImportMention {
        ImportMention {
            brand_id: 1,
            platform: platform.into(),
            external_id: String::new(),
            author: String::new(),
            author_followers: 0,
            published_at: 0,
            day: d("2026-01-01"),
            market: "DE".into(),
            language: String::new(),
            text: String::new(),
            computed_score: None,
            computed_label: None,
            unscored_reason: None,
            imported_label: None,
            reach,
            likes,
            comments,
            shares,
            campaign_id,
            campaign_by_terms: false,
        }
    }

    #[test]
    fn daily_sums_add_up_per_key() {
        let mut delta = DailyDelta::default();
        delta.add(&mention("x", None, [100, 1, 2, 3]), "positive");
        delta.add(&mention("x", None, [50, 0, 0, 1]), "positive");
        delta.add(&mention("x", Some(4), [7, 0, 0, 0]), "positive");
        delta.add(&mention("instagram", None, [9, 0, 0, 0]), "negative");
        let mut rows: Vec<(&str, &str, i64, &str, DailySums)> = delta
            .rows()
            .into_iter()
            .map(|r| (r.platform, r.market, r.campaign_id, r.sentiment, r.sums))
            .collect();
        rows.sort_unstable();
        assert_eq!(
            rows,
            vec![
                ("instagram", "DE", 0, "negative", [1, 9, 0, 0, 0, 0]),
                ("x", "DE", 0, "positive", [2, 150, 1, 2, 4, 0]),
                ("x", "DE", 4, "positive", [1, 7, 0, 0, 0, 0]),
            ]
        );
    }

    #[test]
    fn new_authors_are_linked_as_set_prev_links_them_and_known_ones_are_left_to_sql() {
        let mut days = AuthorDays::new(100);
        // author 7 is known (id ≤ 10), 11 and 12 are new; same day in two markets, a repeat
        let rows = [
            (11, "x", "DE", "2026-01-05", 10),
            (11, "x", "AT", "2026-01-05", 30),
            (11, "x", "DE", "2026-01-02", 20),
            (11, "x", "DE", "2026-01-02", 25),
            (11, "x", "AT", "2026-01-09", 5),
            (12, "instagram", "", "2026-01-03", 1),
            (7, "x", "DE", "2026-01-04", 2),
            (7, "x", "DE", "2026-01-01", 3),
        ];
        for (author, platform, market, day, followers) in rows {
            let mut m = mention(platform, None, [0; 4]);
            m.market = market.into();
            m.day = d(day);
            m.author_followers = followers;
            assert!(days.add(&m, author));
        }
        let got = days.rows(10);
        // the reference: SET_PREV's definition, row by row
        let before = |a: &AuthorDayRow<'_>, b: &AuthorDayRow<'_>| {
            (a.day, a.platform, a.market) < (b.day, b.platform, b.market)
        };
        for r in &got {
            let same = got.iter().filter(|o| o.brand_id == r.brand_id && o.author_id == r.author_id);
            let prev_author = same.clone().filter(|o| before(o, r)).map(|o| o.day).max().unwrap_or(NO_DAY);
            let prev_market = same
                .filter(|o| o.market == r.market && (o.day, o.platform) < (r.day, r.platform))
                .map(|o| o.day)
                .max()
                .unwrap_or(NO_DAY);
            if r.author_id > 10 {
                assert_eq!((r.prev_author, r.prev_market), (prev_author, prev_market), "{r:?}");
            } else {
                assert_eq!((r.prev_author, r.prev_market), (NO_DAY, NO_DAY), "{r:?}");
            }
        }
        assert_eq!(got.len(), 7, "the repeated author-day is one row: {got:?}");
        assert!(got.iter().any(|r| r.author_id == 11 && r.day == d("2026-01-02") && r.followers == 25));
        // in the table's key order
        let keys: Vec<_> = got.iter().map(|r| (r.day, r.platform, r.market, r.author_id)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        // one row of 11 on 2026-01-05 sees the other (AT before DE)
        let at = got
            .iter()
            .find(|r| r.author_id == 11 && r.market == "AT" && r.day == d("2026-01-05"))
            .expect("row");
        let de = got
            .iter()
            .find(|r| r.author_id == 11 && r.market == "DE" && r.day == d("2026-01-05"))
            .expect("row");
        assert_eq!((at.prev_author, at.prev_market), (d("2026-01-02"), NO_DAY));
        assert_eq!((de.prev_author, de.prev_market), (d("2026-01-05"), d("2026-01-02")));
        assert_eq!(days.known_authors(10), vec![(1, vec![7])]);
    }

    #[test]
    fn past_the_cap_add_says_so() {
        let mut days = AuthorDays::new(2);
        let m = mention("x", None, [0; 4]);
        assert!(days.add(&m, 1));
        assert!(days.add(&m, 1), "the same author-day again");
        assert!(days.add(&m, 2));
        assert!(!days.add(&m, 3));
    }
}
