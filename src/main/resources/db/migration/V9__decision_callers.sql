-- Who asked for a decision: the caller's identity (the role and a fingerprint of its API key, never the key), so
-- that an agent reads back only the records of its own decisions. Kept beside the append-only records.
CREATE TABLE decision_callers (
    decision_id  TEXT PRIMARY KEY REFERENCES decision_records (id) ON DELETE CASCADE,
    caller       TEXT NOT NULL
);
CREATE INDEX decision_reviews_latest ON decision_reviews (decision_id, reviewed_at DESC);
