-- Identifiers are hashed in a canonical spelling from this version on (NFKC, IDNA ASCII domain, no trailing dot, lower
-- case). Entries recorded before were hashed as written, trimmed and lower-cased; the raw identifier was never kept,
-- so they cannot be re-hashed. They are marked as form 1, and lookups of an e-mail address also try the spellings that
-- the old form could have stored for it (the Unicode domain, a trailing dot). New rows get form 2.
ALTER TABLE suppressions ADD COLUMN identifier_form SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE suppressions ALTER COLUMN identifier_form SET DEFAULT 2;
COMMENT ON COLUMN suppressions.identifier_form IS '1: hashed as written (trimmed, lower case), before canonical spelling; 2: canonical spelling';
