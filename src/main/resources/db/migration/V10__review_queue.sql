-- The legal page lists the REVIEW decisions that have no verdict yet, oldest first.
CREATE INDEX decision_records_review_queue ON decision_records (evaluated_at) WHERE outcome = 'REVIEW';
