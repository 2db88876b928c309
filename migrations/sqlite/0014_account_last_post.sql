-- Each account's latest owned post day, kept by every refresh of the post rollups
-- (server/store/shared.rs `refresh_rollups`): the governance page reads it for every account
-- instead of seeking `posts` once per account.
ALTER TABLE accounts ADD COLUMN last_post_on TEXT;
UPDATE accounts SET last_post_on = (SELECT MAX(p.day) FROM posts p WHERE p.account_id = accounts.id);
