-- The store of the outreach policy service. PostgreSQL 15; the embedded default runs the same migrations.

-- Global suppression list. Identifiers are kept only as keyed hashes (HMAC-SHA256), so the list can be
-- kept after a person's data is erased; key_id names the key that made the hash.
CREATE TABLE suppressions (
    id              UUID PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('REF', 'EMAIL', 'DOMAIN', 'PHONE')),
    identifier_hash BYTEA NOT NULL,
    key_id          TEXT NOT NULL,
    masked          TEXT NOT NULL,
    scope           TEXT NOT NULL,
    source          TEXT,
    opted_out_at    TIMESTAMPTZ NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (kind, identifier_hash, key_id, scope)
);
CREATE INDEX suppressions_lookup ON suppressions (identifier_hash);

-- Idempotency-Key: a retry within 24 hours gets the first answer and records nothing twice.
CREATE TABLE idempotency_keys (
    endpoint     TEXT NOT NULL,
    key          TEXT NOT NULL,
    status       INT NOT NULL,
    response     TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (endpoint, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

-- TPS and CTPS register files as imported (one number per line), each with the register's own date.
CREATE TABLE register_imports (
    id           BIGSERIAL PRIMARY KEY,
    register     TEXT NOT NULL CHECK (register IN ('TPS', 'CTPS')),
    file_date    DATE NOT NULL,
    numbers      INT NOT NULL,
    imported_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE register_numbers (
    import_id    BIGINT NOT NULL REFERENCES register_imports (id) ON DELETE CASCADE,
    e164         TEXT NOT NULL,
    PRIMARY KEY (import_id, e164)
);
CREATE INDEX register_numbers_e164 ON register_numbers (e164);

-- One key per person: the facts of their decisions are encrypted under it; destroying it erases them.
CREATE TABLE subject_keys (
    subject_id   UUID PRIMARY KEY,
    ref_hash     BYTEA NOT NULL UNIQUE,
    wrapped_key  BYTEA NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE erased_subjects (
    ref_hash     BYTEA PRIMARY KEY,
    subject_id   UUID NOT NULL,
    erased_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- Every decision, append-only: what was decided, by which ruleset, on which facts.
CREATE TABLE decision_records (
    id               TEXT PRIMARY KEY,
    evaluated_at     TIMESTAMPTZ NOT NULL,
    as_of            TIMESTAMPTZ NOT NULL,
    ruleset_version  TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    step             TEXT NOT NULL,
    channel          TEXT,
    campaign         TEXT,
    purpose          TEXT,
    subject_id       UUID NOT NULL,
    ref_hash         BYTEA NOT NULL,
    response         JSONB NOT NULL,
    facts_masked     JSONB NOT NULL,
    facts_sealed     BYTEA NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX decision_records_ref ON decision_records (ref_hash, evaluated_at);
CREATE INDEX decision_records_campaign ON decision_records (campaign, evaluated_at);
CREATE INDEX decision_records_time ON decision_records (evaluated_at);

CREATE OR REPLACE FUNCTION decision_records_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'decision_records is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER decision_records_no_update BEFORE UPDATE ON decision_records
    FOR EACH ROW EXECUTE FUNCTION decision_records_append_only();

-- A REVIEW is not a dead end: a legal reviewer's verdict against a decision.
CREATE TABLE decision_reviews (
    id           UUID PRIMARY KEY,
    decision_id  TEXT NOT NULL REFERENCES decision_records (id) ON DELETE CASCADE,
    reviewer     TEXT NOT NULL,
    verdict      TEXT NOT NULL CHECK (verdict IN ('PERMIT', 'DENY')),
    rationale    TEXT NOT NULL,
    reviewed_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX decision_reviews_decision ON decision_reviews (decision_id);

-- Every ruleset version that was loaded, when, and from which files.
CREATE TABLE ruleset_versions (
    version      TEXT NOT NULL,
    loaded_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    files        JSONB NOT NULL,
    rules        INT NOT NULL,
    PRIMARY KEY (version, loaded_at)
);
