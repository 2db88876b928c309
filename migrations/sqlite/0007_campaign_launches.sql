-- A campaign's launch date in each of its markets (staggered launches): day 0 of the market's
-- timeline in the campaign comparison. NULL: the market launched on the campaign's start date.
ALTER TABLE campaign_markets ADD COLUMN launch_on TEXT;
