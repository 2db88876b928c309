-- Access review rounds (features/governance): a round asks each account's owner, or their team
-- lead, to confirm the account's owner, backup owner, custodian and status by its due day. An
-- account is confirmed in a round when it was reviewed on or after the round opened; `accounts`
-- is how many accounts were in scope when it opened. Possibly unofficial accounts found in the
-- mentions and dismissed are remembered by platform and handle.
CREATE TABLE review_rounds (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    opened_on TEXT NOT NULL,
    due_on    TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    accounts  INTEGER NOT NULL,
    CHECK (due_on >= opened_on)
);
CREATE INDEX account_events_kind_at ON account_events (kind, at);

CREATE TABLE unofficial_dismissed (
    platform     TEXT NOT NULL REFERENCES platforms (code),
    handle       TEXT NOT NULL,
    dismissed_by TEXT NOT NULL,
    dismissed_at INTEGER NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (platform, handle)
);
