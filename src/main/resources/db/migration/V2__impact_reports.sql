-- Impact reports: what a candidate ruleset would change in recorded decisions; the newest is shown to legal readers.
CREATE TABLE impact_reports (
    id          BIGSERIAL PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    candidate   TEXT NOT NULL,
    report      JSONB NOT NULL
);
