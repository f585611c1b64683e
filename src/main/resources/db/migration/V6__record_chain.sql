-- Tamper-evident decision records. Records are written in groups (one transaction per group); each group is a
-- row of record_batches that lists its records' ids and hashes and is chained by hash to the group written before
-- it by the same writer. Every instance writes its own chain, so instances never wait on one another's row.
-- A record's hash is computed by PostgreSQL from the record as stored (decision_record_hash), so the verifier
-- recomputes it from the same columns and finds an edited, an inserted or a deleted record and names it.

ALTER TABLE decision_records ADD COLUMN chain_id UUID;
ALTER TABLE decision_records ADD COLUMN chain_seq BIGINT;
CREATE INDEX decision_records_chain ON decision_records (chain_id, chain_seq);

CREATE TABLE record_batches (
    chain_id       UUID NOT NULL,
    seq            BIGINT NOT NULL,
    prev_hash      BYTEA NOT NULL,
    batch_hash     BYTEA NOT NULL,
    record_ids     TEXT[] NOT NULL,
    record_hashes  BYTEA[] NOT NULL,
    record_times   TIMESTAMPTZ[] NOT NULL,
    written_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (chain_id, seq)
);

-- Every retention purge, so that the verifier can tell a purged record from a deleted one.
CREATE TABLE record_purges (
    purged_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    cutoff     TIMESTAMPTZ NOT NULL,
    records    INT NOT NULL
);

-- The hash of one record: every column but ref_hash (a lookup key, not part of what was decided), with the
-- times as microseconds since the epoch so that the session's time zone does not matter.
CREATE FUNCTION decision_record_hash(r decision_records) RETURNS BYTEA LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT sha256(convert_to(concat_ws(E'\x1f', r.id,
        (extract(epoch FROM r.evaluated_at) * 1000000)::bigint::text,
        (extract(epoch FROM r.as_of) * 1000000)::bigint::text,
        r.ruleset_version, r.outcome, r.step,
        coalesce(r.channel, E'\x1e'), coalesce(r.campaign, E'\x1e'), coalesce(r.purpose, E'\x1e'),
        r.subject_id::text, r.response::text, r.facts_masked::text,
        (extract(epoch FROM r.recorded_at) * 1000000)::bigint::text,
        coalesce(r.chain_id::text, E'\x1e'), coalesce(r.chain_seq::text, E'\x1e')), 'UTF8') || r.facts_sealed)
$$;

-- Records written before the chain existed become its first link: one group on a chain of their own.
ALTER TABLE decision_records DISABLE TRIGGER decision_records_no_update;
UPDATE decision_records SET chain_id = '00000000-0000-0000-0000-000000000000', chain_seq = 1;
ALTER TABLE decision_records ENABLE TRIGGER decision_records_no_update;
INSERT INTO record_batches (chain_id, seq, prev_hash, batch_hash, record_ids, record_hashes, record_times)
SELECT '00000000-0000-0000-0000-000000000000', 1, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea,
       sha256('\x0000000000000000000000000000000000000000000000000000000000000000'::bytea || string_agg(h, ''::bytea ORDER BY id)),
       array_agg(id ORDER BY id), array_agg(h ORDER BY id), array_agg(evaluated_at ORDER BY id)
FROM (SELECT d.id, d.evaluated_at, decision_record_hash(d) AS h FROM decision_records d) legacy
HAVING count(*) > 0;
