-- SQLite's 0005 rewrites the mention label CHECKs from `IN` lists to comparisons, because SQLite
-- builds a temporary index for such a list on every row a single-row INSERT adds. PostgreSQL
-- checks an `IN` list as one array comparison: nothing to change. This file keeps both stores'
-- migrations version for version.
SELECT 1;
