-- Resonance schema, SQLite dialect. The whole data model of DESIGN.md; never edit once landed,
-- add a new migration instead. Large tables carry brand_id first (the Citus distribution key on
-- PostgreSQL). Days are ISO dates ('YYYY-MM-DD') in the reporting time zone; instants are unix
-- seconds UTC.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE platforms (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE markets (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE brands (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    is_own INTEGER NOT NULL CHECK (is_own IN (0, 1)),
    keywords TEXT NOT NULL DEFAULT ''
);

CREATE TABLE teams (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    market TEXT REFERENCES markets (code),
    region TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('hub', 'spoke'))
);

CREATE TABLE people (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    email   TEXT NOT NULL UNIQUE,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    status  TEXT NOT NULL CHECK (status IN ('active', 'left')),
    left_on TEXT,
    CHECK ((status = 'left') = (left_on IS NOT NULL))
);
CREATE INDEX people_team ON people (team_id);

CREATE TABLE accounts (
    id               INTEGER PRIMARY KEY,
    brand_id         INTEGER NOT NULL REFERENCES brands (id),
    platform         TEXT NOT NULL REFERENCES platforms (code),
    handle           TEXT NOT NULL,
    url              TEXT NOT NULL,
    market           TEXT REFERENCES markets (code),
    team_id          INTEGER REFERENCES teams (id),
    owner_id         INTEGER REFERENCES people (id),
    backup_owner_id  INTEGER REFERENCES people (id),
    custodian_id     INTEGER REFERENCES people (id),
    status           TEXT NOT NULL CHECK (status IN ('official', 'unofficial', 'dormant', 'archived')),
    created_on       TEXT NOT NULL,
    last_reviewed_on TEXT,
    followers        INTEGER NOT NULL DEFAULT 0 CHECK (followers >= 0),
    UNIQUE (platform, handle)
);
CREATE INDEX accounts_brand ON accounts (brand_id, platform, market);
CREATE INDEX accounts_team ON accounts (team_id);

CREATE TABLE account_events (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    at         INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('created', 'owner', 'backup_owner', 'custodian', 'team', 'status', 'reviewed')),
    from_value TEXT,
    to_value   TEXT,
    reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX account_events_account ON account_events (account_id, at);
CREATE TRIGGER account_events_append_only_u BEFORE UPDATE ON account_events
BEGIN SELECT RAISE(ABORT, 'account_events is append-only'); END;
CREATE TRIGGER account_events_append_only_d BEFORE DELETE ON account_events
BEGIN SELECT RAISE(ABORT, 'account_events is append-only'); END;

CREATE TABLE campaigns (
    id        INTEGER PRIMARY KEY,
    brand_id  INTEGER NOT NULL REFERENCES brands (id),
    name      TEXT NOT NULL,
    objective TEXT NOT NULL,
    start_on  TEXT NOT NULL,
    end_on    TEXT NOT NULL,
    spend     REAL NOT NULL DEFAULT 0 CHECK (spend >= 0),
    currency  TEXT NOT NULL,
    hashtags  TEXT NOT NULL DEFAULT '',
    CHECK (end_on >= start_on),
    UNIQUE (brand_id, name)
);

CREATE TABLE campaign_markets (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    market      TEXT NOT NULL REFERENCES markets (code),
    PRIMARY KEY (campaign_id, market)
);

CREATE TABLE campaign_results (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    market      TEXT NOT NULL REFERENCES markets (code),
    leads       INTEGER,
    sales       INTEGER,
    revenue     REAL,
    currency    TEXT NOT NULL,
    PRIMARY KEY (campaign_id, market)
);

CREATE TABLE import_batches (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    format        TEXT NOT NULL,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    rows_read     INTEGER NOT NULL DEFAULT 0,
    rows_inserted INTEGER NOT NULL DEFAULT 0,
    rows_updated  INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    user_id       INTEGER
);

CREATE TABLE import_rejects (
    batch_id INTEGER NOT NULL REFERENCES import_batches (id),
    line     INTEGER NOT NULL,
    col      TEXT,
    reason   TEXT NOT NULL,
    raw      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (batch_id, line)
);

CREATE TABLE posts (
    id             INTEGER PRIMARY KEY,
    brand_id       INTEGER NOT NULL REFERENCES brands (id),
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    campaign_id    INTEGER REFERENCES campaigns (id),
    platform       TEXT NOT NULL REFERENCES platforms (code),
    external_id    TEXT NOT NULL,
    published_at   INTEGER NOT NULL,
    day            TEXT NOT NULL,
    market         TEXT NOT NULL DEFAULT '',
    text           TEXT NOT NULL DEFAULT '',
    impressions    INTEGER NOT NULL DEFAULT 0 CHECK (impressions >= 0),
    reach          INTEGER NOT NULL DEFAULT 0 CHECK (reach >= 0),
    reactions      INTEGER NOT NULL DEFAULT 0 CHECK (reactions >= 0),
    comments       INTEGER NOT NULL DEFAULT 0 CHECK (comments >= 0),
    shares         INTEGER NOT NULL DEFAULT 0 CHECK (shares >= 0),
    saves          INTEGER NOT NULL DEFAULT 0 CHECK (saves >= 0),
    clicks         INTEGER NOT NULL DEFAULT 0 CHECK (clicks >= 0),
    video_views    INTEGER NOT NULL DEFAULT 0 CHECK (video_views >= 0),
    import_batch_id INTEGER REFERENCES import_batches (id),
    -- a post or mention is one row per brand it concerns; re-imports upsert on this key
    UNIQUE (brand_id, platform, external_id)
);
CREATE INDEX posts_brand_day ON posts (brand_id, day);
CREATE INDEX posts_day ON posts (day);
CREATE INDEX posts_account ON posts (account_id, day);
CREATE INDEX posts_campaign ON posts (campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE authors (
    id        INTEGER PRIMARY KEY,
    platform  TEXT NOT NULL REFERENCES platforms (code),
    handle    TEXT NOT NULL,
    followers INTEGER NOT NULL DEFAULT 0 CHECK (followers >= 0),
    UNIQUE (platform, handle)
);

CREATE TABLE mentions (
    id                 INTEGER PRIMARY KEY,
    brand_id           INTEGER NOT NULL REFERENCES brands (id),
    platform           TEXT NOT NULL REFERENCES platforms (code),
    external_id        TEXT NOT NULL,
    author_id          INTEGER NOT NULL REFERENCES authors (id),
    author_followers   INTEGER NOT NULL DEFAULT 0 CHECK (author_followers >= 0),
    published_at       INTEGER NOT NULL,
    day                TEXT NOT NULL,
    market             TEXT NOT NULL DEFAULT '',
    language           TEXT,
    text               TEXT NOT NULL,
    -- effective sentiment, by precedence manual > imported > computed (> generated for demo data)
    sentiment_label    TEXT NOT NULL CHECK (sentiment_label IN ('positive', 'neutral', 'negative')),
    sentiment_score    REAL,
    sentiment_source   TEXT NOT NULL CHECK (sentiment_source IN ('computed', 'imported', 'manual', 'generated')),
    computed_score     REAL,
    computed_label     TEXT CHECK (computed_label IN ('positive', 'neutral', 'negative')),
    unscored_reason    TEXT,
    imported_label     TEXT CHECK (imported_label IN ('positive', 'neutral', 'negative')),
    manual_label       TEXT CHECK (manual_label IN ('positive', 'neutral', 'negative')),
    generated_label    TEXT CHECK (generated_label IN ('positive', 'neutral', 'negative')),
    reach              INTEGER NOT NULL DEFAULT 0 CHECK (reach >= 0),
    likes              INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0),
    comments           INTEGER NOT NULL DEFAULT 0 CHECK (comments >= 0),
    shares             INTEGER NOT NULL DEFAULT 0 CHECK (shares >= 0),
    campaign_id        INTEGER REFERENCES campaigns (id),
    is_inquiry         INTEGER NOT NULL DEFAULT 0 CHECK (is_inquiry IN (0, 1)),
    first_response_secs INTEGER CHECK (first_response_secs >= 0),
    import_batch_id    INTEGER REFERENCES import_batches (id),
    UNIQUE (brand_id, platform, external_id)
);
CREATE INDEX mentions_brand_day ON mentions (brand_id, day, platform, market);
CREATE INDEX mentions_day ON mentions (day);
CREATE INDEX mentions_campaign ON mentions (campaign_id, day) WHERE campaign_id IS NOT NULL;
CREATE INDEX mentions_author ON mentions (author_id);

CREATE TABLE rate_cards (
    id         INTEGER PRIMARY KEY,
    platform   TEXT NOT NULL REFERENCES platforms (code),
    metric     TEXT NOT NULL CHECK (metric IN ('cpm', 'like', 'comment', 'share')),
    value      REAL NOT NULL CHECK (value >= 0),
    currency   TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    UNIQUE (platform, metric, valid_from)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'executive', 'team_lead', 'viewer')),
    team_id       INTEGER REFERENCES teams (id),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    is_demo       INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at    INTEGER NOT NULL,
    CHECK (role <> 'team_lead' OR team_id IS NOT NULL)
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    ip           TEXT,
    user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE sign_in_failures (
    key     TEXT NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    user_id     INTEGER REFERENCES users (id),
    action      TEXT NOT NULL,
    target_kind TEXT,
    target_id   TEXT,
    detail      TEXT NOT NULL DEFAULT '{}',
    ip          TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_append_only_u BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_d BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Daily rollups: what the dashboards read, so no overview query scans raw mentions or posts.
-- campaign_id 0 stands for "no campaign" so that it can be part of the key.

CREATE TABLE mention_daily (
    brand_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    platform    TEXT NOT NULL,
    market      TEXT NOT NULL,
    campaign_id INTEGER NOT NULL,
    sentiment   TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    reach       INTEGER NOT NULL,
    likes       INTEGER NOT NULL,
    comments    INTEGER NOT NULL,
    shares      INTEGER NOT NULL,
    inquiries   INTEGER NOT NULL,
    PRIMARY KEY (brand_id, day, platform, market, campaign_id, sentiment)
) WITHOUT ROWID;
CREATE INDEX mention_daily_day ON mention_daily (day);

-- One row per author per day and slice: earned audience reach counts each author once per
-- period, which a plain daily sum cannot do. prev_author is the author's previous active day
-- (the same day for a second row on one day), prev_market the same within the row's market;
-- the rows of [a, b] whose prev is before a are then exactly one per distinct author, so the
-- reach of any range is one indexed SUM without a GROUP BY.
CREATE TABLE mention_author_daily (
    brand_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    platform    TEXT NOT NULL,
    market      TEXT NOT NULL,
    author_id   INTEGER NOT NULL,
    followers   INTEGER NOT NULL,
    prev_author TEXT,
    prev_market TEXT,
    PRIMARY KEY (brand_id, day, platform, market, author_id)
) WITHOUT ROWID;
CREATE INDEX mention_author_daily_author ON mention_author_daily (brand_id, author_id, day);

CREATE TABLE post_daily (
    brand_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    platform    TEXT NOT NULL,
    market      TEXT NOT NULL,
    team_id     INTEGER NOT NULL,
    account_id  INTEGER NOT NULL,
    campaign_id INTEGER NOT NULL,
    posts       INTEGER NOT NULL,
    impressions INTEGER NOT NULL,
    reach       INTEGER NOT NULL,
    reactions   INTEGER NOT NULL,
    comments    INTEGER NOT NULL,
    shares      INTEGER NOT NULL,
    saves       INTEGER NOT NULL,
    clicks      INTEGER NOT NULL,
    video_views INTEGER NOT NULL,
    PRIMARY KEY (brand_id, day, platform, market, team_id, account_id, campaign_id)
) WITHOUT ROWID;
CREATE INDEX post_daily_day ON post_daily (day);
