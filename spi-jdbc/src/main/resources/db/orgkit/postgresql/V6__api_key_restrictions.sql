-- orgkit schema, version 6, for PostgreSQL: what an API key is restricted to, and the change
-- counter that tells other instances' verification caches that a key was revoked or rolled.
-- (Version 5 belongs to another feature; the runner applies whatever is missing, in order.)

-- Scopes and networks are space-separated (neither may contain a space); NULL is none, which
-- restricts nothing. The rate limit is NULL or both of its columns.
ALTER TABLE orgkit_api_keys ADD COLUMN scopes VARCHAR(2100) COLLATE "C";
ALTER TABLE orgkit_api_keys ADD COLUMN rate_limit_requests INTEGER;
ALTER TABLE orgkit_api_keys ADD COLUMN rate_limit_window_ms BIGINT;
ALTER TABLE orgkit_api_keys ADD COLUMN allowed_networks VARCHAR(1600) COLLATE "C";
ALTER TABLE orgkit_api_keys ADD CONSTRAINT orgkit_api_keys_rate_limit CHECK
    ((rate_limit_requests IS NULL) = (rate_limit_window_ms IS NULL));

-- One row, not scoped to an account (a reference table when distributed): every transaction that
-- revokes a key or changes its expiry adds one to version before it commits.
CREATE TABLE orgkit_api_key_changes (
    id      INTEGER NOT NULL,
    version BIGINT  NOT NULL,
    CONSTRAINT orgkit_api_key_changes_pk PRIMARY KEY (id),
    CONSTRAINT orgkit_api_key_changes_one_row CHECK (id = 1)
);
INSERT INTO orgkit_api_key_changes (id, version) VALUES (1, 0);
