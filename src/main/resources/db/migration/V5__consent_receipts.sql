-- The register of consent receipts (contract v1.1). Identifiers are kept as keyed hashes, as the suppression list
-- keeps them; the receipt itself is sealed (AES-256-GCM) under the person's key, so erasing the person (destroying
-- the key) makes it unreadable. Receipts and withdrawals are never changed or deleted.
CREATE TABLE consent_receipts (
    id              TEXT PRIMARY KEY,
    subject_id      UUID NOT NULL,
    ref_hash        BYTEA NOT NULL,
    email_hash      BYTEA,
    phone_hash      BYTEA,
    key_id          TEXT NOT NULL,
    receipt_sealed  BYTEA NOT NULL,
    recorded_by     TEXT NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX consent_receipts_ref ON consent_receipts (ref_hash);

CREATE TABLE consent_withdrawals (
    consent_id    TEXT NOT NULL REFERENCES consent_receipts (id),
    withdrawn_at  TIMESTAMPTZ NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX consent_withdrawals_consent ON consent_withdrawals (consent_id);

CREATE OR REPLACE FUNCTION consent_receipts_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: a receipt is withdrawn, never changed or deleted', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consent_receipts_no_change BEFORE UPDATE OR DELETE ON consent_receipts
    FOR EACH ROW EXECUTE FUNCTION consent_receipts_immutable();
CREATE TRIGGER consent_withdrawals_no_change BEFORE UPDATE OR DELETE ON consent_withdrawals
    FOR EACH ROW EXECUTE FUNCTION consent_receipts_immutable();
