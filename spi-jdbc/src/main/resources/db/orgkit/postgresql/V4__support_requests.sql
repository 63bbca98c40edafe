-- orgkit schema, version 4, for PostgreSQL: support requests, and indexes for the audit trail's filters.
-- (Versions 2 and 3 belong to other features; the runner applies whatever is missing, in order.)

CREATE TABLE orgkit_support_requests (
    account_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    request_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    action         VARCHAR(32)  NOT NULL,
    target_user_id VARCHAR(128) COLLATE "C" NOT NULL,
    requested_by   VARCHAR(128) COLLATE "C" NOT NULL,
    reason         VARCHAR(500) NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    decided_by     VARCHAR(128),
    decided_at     TIMESTAMP(6) WITH TIME ZONE,
    ticket         VARCHAR(100),
    why            VARCHAR(500),
    CONSTRAINT orgkit_support_requests_pk PRIMARY KEY (account_id, request_id),
    CONSTRAINT orgkit_support_requests_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_support_requests_action CHECK (action IN ('DEMOTE_ADMIN', 'REMOVE_ADMIN')),
    CONSTRAINT orgkit_support_requests_status CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'))
);
CREATE UNIQUE INDEX orgkit_support_requests_by_id ON orgkit_support_requests (request_id);
-- One pending request per (organization, target, action).
CREATE UNIQUE INDEX orgkit_support_requests_one_pending ON orgkit_support_requests (account_id, target_user_id, action)
    WHERE status = 'PENDING';
-- The support queue: every organization's requests of one status, oldest first.
CREATE INDEX orgkit_support_requests_queue ON orgkit_support_requests (status, request_id);

-- The audit trail filtered by action or by actor, newest first.
CREATE INDEX orgkit_audit_events_by_action ON orgkit_audit_events (account_id, action, event_id);
CREATE INDEX orgkit_audit_events_by_actor ON orgkit_audit_events (account_id, actor_id, event_id);
