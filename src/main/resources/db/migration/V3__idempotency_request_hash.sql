-- A key is bound to the request it first answered: a reuse with another request is refused, not answered.
ALTER TABLE idempotency_keys ADD COLUMN request_hash TEXT NOT NULL DEFAULT '';
