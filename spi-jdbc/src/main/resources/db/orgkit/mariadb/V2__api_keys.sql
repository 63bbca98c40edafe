-- orgkit schema, version 2, for MariaDB/MySQL: API keys and their daily usage.
-- Both tables lead their primary key with account_id. A key is found by the SHA-256 of its secret
-- (never the secret) through a unique index: verification is one index lookup. Instants are
-- DATETIME(6) in UTC, as in version 1.

CREATE TABLE orgkit_api_keys (
    account_id   VARCHAR(64)  NOT NULL,
    key_id       VARCHAR(64)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    environment  VARCHAR(8)   NOT NULL,
    hint         VARCHAR(64)  NOT NULL,
    created_by   VARCHAR(128) NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    last_used_at DATETIME(6),
    expires_at   DATETIME(6),
    revoked_at   DATETIME(6),
    rolled_to    VARCHAR(64),
    key_hash     CHAR(64)     NOT NULL,
    CONSTRAINT orgkit_api_keys_pk PRIMARY KEY (account_id, key_id),
    CONSTRAINT orgkit_api_keys_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_api_keys_environment CHECK (environment IN ('LIVE', 'TEST')),
    UNIQUE KEY orgkit_api_keys_by_id (key_id),
    UNIQUE KEY orgkit_api_keys_by_hash (key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE orgkit_api_key_usage (
    account_id VARCHAR(64) NOT NULL,
    usage_day  DATE        NOT NULL,
    key_id     VARCHAR(64) NOT NULL,
    requests   BIGINT      NOT NULL,
    CONSTRAINT orgkit_api_key_usage_pk PRIMARY KEY (account_id, usage_day, key_id),
    CONSTRAINT orgkit_api_key_usage_key FOREIGN KEY (account_id, key_id)
        REFERENCES orgkit_api_keys (account_id, key_id),
    CONSTRAINT orgkit_api_key_usage_requests CHECK (requests > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
