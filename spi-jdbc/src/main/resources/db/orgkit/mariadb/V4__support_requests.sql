-- orgkit schema, version 4, for MariaDB and MySQL: support requests, and indexes for the audit trail's filters.
-- (Versions 2 and 3 belong to other features; the runner applies whatever is missing, in order.)

CREATE TABLE orgkit_support_requests (
    account_id     VARCHAR(64)  NOT NULL,
    request_id     VARCHAR(64)  NOT NULL,
    action         VARCHAR(32)  NOT NULL,
    target_user_id VARCHAR(128) NOT NULL,
    requested_by   VARCHAR(128) NOT NULL,
    reason         VARCHAR(500) NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    expires_at     DATETIME(6)  NOT NULL,
    decided_by     VARCHAR(128),
    decided_at     DATETIME(6),
    ticket         VARCHAR(100),
    why            VARCHAR(500),
    -- The target while the request is pending, NULL otherwise: one pending request per (organization, target, action).
    pending_target VARCHAR(128) AS (CASE WHEN status = 'PENDING' THEN target_user_id END) STORED,
    CONSTRAINT orgkit_support_requests_pk PRIMARY KEY (account_id, request_id),
    CONSTRAINT orgkit_support_requests_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_support_requests_action CHECK (action IN ('DEMOTE_ADMIN', 'REMOVE_ADMIN')),
    CONSTRAINT orgkit_support_requests_status CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
    UNIQUE INDEX orgkit_support_requests_by_id (request_id),
    UNIQUE INDEX orgkit_support_requests_one_pending (account_id, pending_target, action),
    INDEX orgkit_support_requests_queue (status, request_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX orgkit_audit_events_by_action ON orgkit_audit_events (account_id, action, event_id);
CREATE INDEX orgkit_audit_events_by_actor ON orgkit_audit_events (account_id, actor_id, event_id);
