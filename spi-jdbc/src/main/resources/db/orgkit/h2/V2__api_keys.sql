-- orgkit schema, version 2, for H2 (2.x, regular mode): API keys and their daily usage.
-- Both tables lead their primary key with account_id. A key is found by the SHA-256 of its secret
-- (never the secret) through a unique index: verification is one index lookup.

CREATE TABLE orgkit_api_keys (
    account_id   VARCHAR(64)  NOT NULL,
    key_id       VARCHAR(64)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    environment  VARCHAR(8)   NOT NULL,
    hint         VARCHAR(64)  NOT NULL,
    created_by   VARCHAR(128) NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP(6) WITH TIME ZONE,
    expires_at   TIMESTAMP(6) WITH TIME ZONE,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE,
    rolled_to    VARCHAR(64),
    key_hash     CHAR(64)     NOT NULL,
    CONSTRAINT orgkit_api_keys_pk PRIMARY KEY (account_id, key_id),
    CONSTRAINT orgkit_api_keys_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_api_keys_environment CHECK (environment IN ('LIVE', 'TEST'))
);
CREATE UNIQUE INDEX orgkit_api_keys_by_id ON orgkit_api_keys (key_id);
CREATE UNIQUE INDEX orgkit_api_keys_by_hash ON orgkit_api_keys (key_hash);

CREATE TABLE orgkit_api_key_usage (
    account_id VARCHAR(64) NOT NULL,
    usage_day  DATE        NOT NULL,
    key_id     VARCHAR(64) NOT NULL,
    requests   BIGINT      NOT NULL,
    CONSTRAINT orgkit_api_key_usage_pk PRIMARY KEY (account_id, usage_day, key_id),
    CONSTRAINT orgkit_api_key_usage_key FOREIGN KEY (account_id, key_id)
        REFERENCES orgkit_api_keys (account_id, key_id),
    CONSTRAINT orgkit_api_key_usage_requests CHECK (requests > 0)
);
