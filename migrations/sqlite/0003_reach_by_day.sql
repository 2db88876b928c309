-- Earned reach reads, for each day of a period, only the author-days whose author had no row
-- earlier in the period (prev < period start): one index range per day instead of every
-- author-day of the period. For that, prev_* are never NULL: '0001-01-01' stands for "no earlier
-- row", so the condition is a single range of an index. SQLite cannot add NOT NULL to a column,
-- so the table is rebuilt. SQLite reads the days through the primary key (brand_id, day, …): a
-- separate reach index would cost every import more than it saves the overview here.
CREATE TABLE mention_author_daily_new (
    brand_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    platform    TEXT NOT NULL,
    market      TEXT NOT NULL,
    author_id   INTEGER NOT NULL,
    followers   INTEGER NOT NULL,
    prev_author TEXT NOT NULL DEFAULT '0001-01-01',
    prev_market TEXT NOT NULL DEFAULT '0001-01-01',
    PRIMARY KEY (brand_id, day, platform, market, author_id)
) WITHOUT ROWID;
INSERT INTO mention_author_daily_new
SELECT brand_id, day, platform, market, author_id, followers,
       COALESCE(prev_author, '0001-01-01'), COALESCE(prev_market, '0001-01-01')
FROM mention_author_daily;
DROP TABLE mention_author_daily;
ALTER TABLE mention_author_daily_new RENAME TO mention_author_daily;
CREATE INDEX mention_author_daily_author ON mention_author_daily (brand_id, author_id, day);
