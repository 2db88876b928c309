-- A row's campaign came from its campaign's hashtags and keywords (1) or from its import (0):
-- saving a campaign re-attributes the former and never touches the latter.
ALTER TABLE mentions ADD COLUMN campaign_by_terms INTEGER NOT NULL DEFAULT 0 CHECK (campaign_by_terms IN (0, 1));
ALTER TABLE posts ADD COLUMN campaign_by_terms INTEGER NOT NULL DEFAULT 0 CHECK (campaign_by_terms IN (0, 1));
