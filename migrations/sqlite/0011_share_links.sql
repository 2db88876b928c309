-- Read-only links to one executive summary (features/summary/share.rs): the token is random and
-- only its SHA-256 is kept; a link expires, can carry a password (argon2id) and can be revoked.
-- `spec` is the report's query string (`?period=quarter&of=2026-Q3`; without `of`, rolling).
CREATE TABLE share_links (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    spec          TEXT NOT NULL,
    password_hash TEXT,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    revoked_at    INTEGER
);
CREATE INDEX share_links_user ON share_links (user_id, created_at);
