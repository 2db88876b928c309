-- Every imported mention is written into each index of mentions; these two were read by nothing
-- but the rollup refresh (a day range across brands), which now reads mentions_brand_day brand by
-- brand. No query looks mentions up by author (authors are never deleted).
DROP INDEX mentions_day;
DROP INDEX mentions_author;
