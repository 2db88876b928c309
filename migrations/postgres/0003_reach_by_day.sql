-- Earned reach reads, for each day of a period, only the author-days whose author had no row
-- earlier in the period (prev < period start): one index range per day instead of every
-- author-day of the period. For that, prev_* are never NULL: '0001-01-01' stands for "no earlier
-- row", so the condition is a single range of the index.
UPDATE mention_author_daily SET prev_author = DATE '0001-01-01' WHERE prev_author IS NULL;
UPDATE mention_author_daily SET prev_market = DATE '0001-01-01' WHERE prev_market IS NULL;
ALTER TABLE mention_author_daily
    ALTER COLUMN prev_author SET DEFAULT DATE '0001-01-01',
    ALTER COLUMN prev_author SET NOT NULL,
    ALTER COLUMN prev_market SET DEFAULT DATE '0001-01-01',
    ALTER COLUMN prev_market SET NOT NULL;
DROP INDEX mention_author_daily_reach;
CREATE INDEX mention_author_daily_reach ON mention_author_daily (brand_id, day, prev_author)
    INCLUDE (platform, market, prev_market, followers);
