-- What a company describes of itself when it sets up its workspace (`resonance setup`, the
-- setup commands): a brand's colour in charts, a market's time zone, and an account's name and
-- id as the platform shows them (a Meta export names the page by "Page name" and "Page ID").
ALTER TABLE brands ADD COLUMN colour TEXT NOT NULL DEFAULT '';
ALTER TABLE markets ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE accounts ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN platform_id TEXT;
CREATE UNIQUE INDEX accounts_platform_id ON accounts (platform, platform_id) WHERE platform_id IS NOT NULL;
