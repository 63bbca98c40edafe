-- orgkit schema, version 1, for PostgreSQL.
-- Every table scoped to an account leads its primary key with account_id, so that it can be
-- distributed by account (Citus: create_distributed_table('<table>', 'account_id')).
-- Identifiers use the "C" collation: keyset order is byte order, as Java's String.compareTo.

CREATE TABLE orgkit_accounts (
    account_id      VARCHAR(64)  COLLATE "C" NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    owner_id        VARCHAR(128) COLLATE "C",
    account_name    VARCHAR(100),
    legal_name      VARCHAR(200),
    alerting_email  VARCHAR(254) COLLATE "C",
    invoicing_email VARCHAR(254) COLLATE "C",
    created_by      VARCHAR(128) COLLATE "C",
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT orgkit_accounts_pk PRIMARY KEY (account_id),
    CONSTRAINT orgkit_accounts_kind CHECK (kind IN ('PERSONAL', 'ORGANIZATION')),
    CONSTRAINT orgkit_accounts_shape CHECK (
        (kind = 'PERSONAL' AND owner_id IS NOT NULL)
        OR (kind = 'ORGANIZATION' AND account_name IS NOT NULL AND legal_name IS NOT NULL
            AND alerting_email IS NOT NULL AND invoicing_email IS NOT NULL AND created_by IS NOT NULL))
);

-- Global: one personal account per user, looked up by its owner.
CREATE TABLE orgkit_personal_accounts (
    owner_id   VARCHAR(128) COLLATE "C" NOT NULL,
    account_id VARCHAR(64)  COLLATE "C" NOT NULL,
    CONSTRAINT orgkit_personal_accounts_pk PRIMARY KEY (owner_id)
);

CREATE TABLE orgkit_memberships (
    account_id VARCHAR(64)  COLLATE "C" NOT NULL,
    user_id    VARCHAR(128) COLLATE "C" NOT NULL,
    email      VARCHAR(254) COLLATE "C" NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    joined_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT orgkit_memberships_pk PRIMARY KEY (account_id, user_id),
    CONSTRAINT orgkit_memberships_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_memberships_role CHECK (role IN ('ADMIN', 'MEMBER'))
);
CREATE INDEX orgkit_memberships_by_user ON orgkit_memberships (user_id);
CREATE INDEX orgkit_memberships_by_email ON orgkit_memberships (account_id, email);
CREATE INDEX orgkit_memberships_by_role ON orgkit_memberships (account_id, role);

CREATE TABLE orgkit_invitations (
    account_id    VARCHAR(64)  COLLATE "C" NOT NULL,
    invitation_id VARCHAR(64)  COLLATE "C" NOT NULL,
    email         VARCHAR(254) COLLATE "C" NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    invited_by    VARCHAR(128) COLLATE "C" NOT NULL,
    inviter_email VARCHAR(254) COLLATE "C" NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    token_hash    CHAR(64)     COLLATE "C" NOT NULL,
    CONSTRAINT orgkit_invitations_pk PRIMARY KEY (account_id, invitation_id),
    CONSTRAINT orgkit_invitations_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_invitations_role CHECK (role IN ('ADMIN', 'MEMBER')),
    CONSTRAINT orgkit_invitations_status CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED'))
);
CREATE UNIQUE INDEX orgkit_invitations_by_id ON orgkit_invitations (invitation_id);
CREATE UNIQUE INDEX orgkit_invitations_by_token ON orgkit_invitations (token_hash);
-- One pending invitation per (organization, email), and the keyset of pending invitations.
CREATE UNIQUE INDEX orgkit_invitations_one_pending ON orgkit_invitations (account_id, email)
    WHERE status = 'PENDING';
CREATE INDEX orgkit_invitations_pending ON orgkit_invitations (account_id, invitation_id)
    WHERE status = 'PENDING';

CREATE TABLE orgkit_audit_events (
    account_id   VARCHAR(64)  COLLATE "C" NOT NULL,
    event_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    actor_kind   VARCHAR(16)  NOT NULL,
    actor_id     VARCHAR(128) COLLATE "C" NOT NULL,
    actor_ticket VARCHAR(300),
    action       VARCHAR(64)  NOT NULL,
    target       VARCHAR(128) COLLATE "C" NOT NULL,
    details      TEXT         NOT NULL,
    at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT orgkit_audit_events_pk PRIMARY KEY (account_id, event_id),
    CONSTRAINT orgkit_audit_events_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id)
);

-- Global: the account each user last switched to.
CREATE TABLE orgkit_active_accounts (
    user_id    VARCHAR(128) COLLATE "C" NOT NULL,
    account_id VARCHAR(64)  COLLATE "C" NOT NULL,
    CONSTRAINT orgkit_active_accounts_pk PRIMARY KEY (user_id)
);
