-- A mention's label and source CHECKs were written `x IN ('positive', 'neutral', 'negative')`.
-- SQLite evaluates such a list by building a temporary index of its values for every row an
-- INSERT adds (six of them per mention: EXPLAIN shows six OpenEphemeral), which cost an import
-- more than writing the row itself (the 200,000-row import benchmark: 3.8 s of statements, 1.4 s
-- with the checks as comparisons). The same rules, written as comparisons, cost nothing; SQLite
-- cannot change a CHECK in place, so the table is rebuilt as 0003 rebuilt mention_author_daily.
-- Nothing references mentions; its indexes are made again (those 0004 dropped stay dropped).
CREATE TABLE mentions_new (
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
    sentiment_label    TEXT NOT NULL CHECK (sentiment_label = 'positive' OR sentiment_label = 'neutral' OR sentiment_label = 'negative'),
    sentiment_score    REAL,
    sentiment_source   TEXT NOT NULL CHECK (sentiment_source = 'computed' OR sentiment_source = 'imported' OR sentiment_source = 'manual' OR sentiment_source = 'generated'),
    computed_score     REAL,
    computed_label     TEXT CHECK (computed_label = 'positive' OR computed_label = 'neutral' OR computed_label = 'negative'),
    unscored_reason    TEXT,
    imported_label     TEXT CHECK (imported_label = 'positive' OR imported_label = 'neutral' OR imported_label = 'negative'),
    manual_label       TEXT CHECK (manual_label = 'positive' OR manual_label = 'neutral' OR manual_label = 'negative'),
    generated_label    TEXT CHECK (generated_label = 'positive' OR generated_label = 'neutral' OR generated_label = 'negative'),
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
INSERT INTO mentions_new SELECT * FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_new RENAME TO mentions;
CREATE INDEX mentions_brand_day ON mentions (brand_id, day, platform, market);
CREATE INDEX mentions_campaign ON mentions (campaign_id, day) WHERE campaign_id IS NOT NULL;
