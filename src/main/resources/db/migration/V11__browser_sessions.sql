-- Sign-ins to the legal page from a browser: a legal or admin key exchanged for a session cookie. Only a hash of
-- the cookie's value is kept, so a copy of this table signs nobody in; every instance sharing the store knows
-- every session.
CREATE TABLE browser_sessions (
    id_hash      BYTEA PRIMARY KEY,
    role         TEXT NOT NULL CHECK (role IN ('LEGAL', 'ADMIN')),
    name         TEXT NOT NULL,
    key_id       TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX browser_sessions_expiry ON browser_sessions (expires_at);
