-- Each author's first mention attributed to each campaign (by time, then id), with the followers
-- then: a campaign's earned audience reach is the sum of these over its window, read without
-- touching its mentions. Kept by `refresh_campaign_firsts` wherever the rollups are refreshed.
CREATE TABLE campaign_reach_firsts (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL,
    day DATE NOT NULL,
    followers BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, author_id)
);
CREATE INDEX campaign_reach_firsts_day ON campaign_reach_firsts (campaign_id, day, followers);
INSERT INTO campaign_reach_firsts (campaign_id, author_id, day, followers)
SELECT campaign_id, author_id, day, author_followers FROM (
    SELECT campaign_id, author_id, day, author_followers,
        ROW_NUMBER() OVER (PARTITION BY campaign_id, author_id ORDER BY published_at, id) AS nth
    FROM mentions WHERE campaign_id IS NOT NULL) firsts
WHERE nth = 1;
