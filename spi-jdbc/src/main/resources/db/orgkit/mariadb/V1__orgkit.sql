-- orgkit schema, version 1, for MariaDB (10.6+) and MySQL (8.0.13+).
-- Every table scoped to an account leads its primary key with account_id.
-- Every text column uses utf8mb4_bin: keyset order is code-point order and nothing compares
-- case-insensitively (user ids "u-Ana" and "u-ana" are two users).
-- Timestamps are DATETIME(6) holding UTC, written and read without any session time zone.

CREATE TABLE orgkit_accounts (
    account_id      VARCHAR(64)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    owner_id        VARCHAR(128),
    account_name    VARCHAR(100),
    legal_name      VARCHAR(200),
    alerting_email  VARCHAR(254),
    invoicing_email VARCHAR(254),
    created_by      VARCHAR(128),
    created_at      DATETIME(6)  NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT orgkit_accounts_pk PRIMARY KEY (account_id),
    CONSTRAINT orgkit_accounts_kind CHECK (kind IN ('PERSONAL', 'ORGANIZATION')),
    CONSTRAINT orgkit_accounts_shape CHECK (
        (kind = 'PERSONAL' AND owner_id IS NOT NULL)
        OR (kind = 'ORGANIZATION' AND account_name IS NOT NULL AND legal_name IS NOT NULL
            AND alerting_email IS NOT NULL AND invoicing_email IS NOT NULL AND created_by IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE orgkit_personal_accounts (
    owner_id   VARCHAR(128) NOT NULL,
    account_id VARCHAR(64)  NOT NULL,
    CONSTRAINT orgkit_personal_accounts_pk PRIMARY KEY (owner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE orgkit_memberships (
    account_id VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    email      VARCHAR(254) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    joined_at  DATETIME(6)  NOT NULL,
    CONSTRAINT orgkit_memberships_pk PRIMARY KEY (account_id, user_id),
    CONSTRAINT orgkit_memberships_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_memberships_role CHECK (role IN ('ADMIN', 'MEMBER')),
    INDEX orgkit_memberships_by_user (user_id),
    INDEX orgkit_memberships_by_email (account_id, email),
    INDEX orgkit_memberships_by_role (account_id, role)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE orgkit_invitations (
    account_id    VARCHAR(64)  NOT NULL,
    invitation_id VARCHAR(64)  NOT NULL,
    email         VARCHAR(254) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    invited_by    VARCHAR(128) NOT NULL,
    inviter_email VARCHAR(254) NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    expires_at    DATETIME(6)  NOT NULL,
    token_hash    CHAR(64)     NOT NULL,
    -- The email while the invitation is pending, NULL otherwise: unique per organization.
    pending_email VARCHAR(254) AS (CASE WHEN status = 'PENDING' THEN email END) STORED,
    CONSTRAINT orgkit_invitations_pk PRIMARY KEY (account_id, invitation_id),
    CONSTRAINT orgkit_invitations_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_invitations_role CHECK (role IN ('ADMIN', 'MEMBER')),
    CONSTRAINT orgkit_invitations_status CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED')),
    UNIQUE INDEX orgkit_invitations_by_id (invitation_id),
    UNIQUE INDEX orgkit_invitations_by_token (token_hash),
    UNIQUE INDEX orgkit_invitations_one_pending (account_id, pending_email),
    INDEX orgkit_invitations_by_email (account_id, email),
    INDEX orgkit_invitations_pending (account_id, status, invitation_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE orgkit_audit_events (
    account_id   VARCHAR(64)  NOT NULL,
    event_id     VARCHAR(64)  NOT NULL,
    actor_kind   VARCHAR(16)  NOT NULL,
    actor_id     VARCHAR(128) NOT NULL,
    actor_ticket VARCHAR(300),
    action       VARCHAR(64)  NOT NULL,
    target       VARCHAR(128) NOT NULL,
    details      TEXT         NOT NULL,
    at           DATETIME(6)  NOT NULL,
    CONSTRAINT orgkit_audit_events_pk PRIMARY KEY (account_id, event_id),
    CONSTRAINT orgkit_audit_events_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE orgkit_active_accounts (
    user_id    VARCHAR(128) NOT NULL,
    account_id VARCHAR(64)  NOT NULL,
    CONSTRAINT orgkit_active_accounts_pk PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
