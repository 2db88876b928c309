-- Sign-in: a user given a one-time password (first admin, admin reset) must choose their own.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
