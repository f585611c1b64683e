-- The register of legitimate-interest assessments (contract v1.1). Legal writes versions; a version is never changed
-- or deleted, so a decision that relied on one can always show what it relied on.
CREATE TABLE assessments (
    id           TEXT PRIMARY KEY,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    created_by   TEXT NOT NULL
);
CREATE TABLE assessment_versions (
    assessment_id  TEXT NOT NULL REFERENCES assessments (id),
    version        INT NOT NULL CHECK (version >= 1),
    assessed_at    DATE NOT NULL,
    body           JSONB NOT NULL,
    recorded_by    TEXT NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (assessment_id, version)
);

CREATE OR REPLACE FUNCTION assessments_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: an assessment gets a new version, never a changed or deleted one', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER assessments_no_change BEFORE UPDATE OR DELETE ON assessments
    FOR EACH ROW EXECUTE FUNCTION assessments_immutable();
CREATE TRIGGER assessment_versions_no_change BEFORE UPDATE OR DELETE ON assessment_versions
    FOR EACH ROW EXECUTE FUNCTION assessments_immutable();

-- The legal page counts the decisions that relied on each version (kept in the record's resolved facts).
CREATE INDEX decision_records_assessment ON decision_records ((facts_masked -> 'resolved' -> 'assessment' ->> 'id'));
