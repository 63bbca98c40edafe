-- orgkit schema, version 8, for H2 (2.x, regular mode): the ids of the API key usage batches
-- applied, so that a flush retried after a commit whose acknowledgement was lost adds nothing: a
-- batch counts once.
-- (Version 7 belongs to another feature; the runner applies whatever is missing, in order.)

-- Not scoped to an account: one batch holds the usage of several accounts. The usage flusher
-- inserts a batch's id in the transaction that adds its usage, and deletes ids applied more than
-- seven days ago (by applied_at), so the table holds about a week of flushes.
CREATE TABLE orgkit_usage_flushes (
    batch_id   VARCHAR(64) NOT NULL,
    applied_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT orgkit_usage_flushes_pk PRIMARY KEY (batch_id)
);
CREATE INDEX orgkit_usage_flushes_applied ON orgkit_usage_flushes (applied_at);
