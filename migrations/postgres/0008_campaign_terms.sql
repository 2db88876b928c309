-- A row's campaign came from its campaign's hashtags and keywords (TRUE) or from its import
-- (FALSE): saving a campaign re-attributes the former and never touches the latter.
ALTER TABLE mentions ADD COLUMN campaign_by_terms BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE posts ADD COLUMN campaign_by_terms BOOLEAN NOT NULL DEFAULT FALSE;
