-- orgkit schema, version 8, for MariaDB and MySQL: the ids of the API key usage batches applied, so
-- that a flush retried after a commit whose acknowledgement was lost adds nothing: a batch counts once.
-- (Version 7 belongs to another feature; the runner applies whatever is missing, in order.)

-- Not scoped to an account: one batch holds the usage of several accounts. The usage flusher
-- inserts a batch's id in the transaction that adds its usage, and deletes ids applied more than
-- seven days ago (by applied_at), so the table holds about a week of flushes.
CREATE TABLE orgkit_usage_flushes (
    batch_id   VARCHAR(64) NOT NULL,
    applied_at DATETIME(6) NOT NULL,
    CONSTRAINT orgkit_usage_flushes_pk PRIMARY KEY (batch_id),
    INDEX orgkit_usage_flushes_applied (applied_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
