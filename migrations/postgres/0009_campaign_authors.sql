-- A campaign's earned audience reach reads each author's first attributed mention: this index
-- holds a campaign's mentions by author and time with what the sum needs, so it is read in order
-- without touching the table. Partial: only attributed mentions are in it.
CREATE INDEX mentions_campaign_authors ON mentions (campaign_id, author_id, published_at, id)
    INCLUDE (day, author_followers) WHERE campaign_id IS NOT NULL;
