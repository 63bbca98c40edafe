-- orgkit schema, version 3, for PostgreSQL: the outbox of invitation mails.
-- One delivery per invitation, written in the invitation's transaction; a dispatcher claims a due
-- delivery with one conditional UPDATE (claim_id, claimed_until), so two dispatchers never make the
-- same attempt. No token is ever stored here: it is minted when the mail is dispatched.
-- (Version 2 is left to another change; migrations apply in version order, whatever is missing.)

CREATE TABLE orgkit_invitation_deliveries (
    account_id      VARCHAR(64)   COLLATE "C" NOT NULL,
    invitation_id   VARCHAR(64)   COLLATE "C" NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_attempt_at TIMESTAMP(6) WITH TIME ZONE,
    last_error      VARCHAR(1000),
    claim_id        VARCHAR(64)   COLLATE "C",
    claimed_until   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT orgkit_invitation_deliveries_pk PRIMARY KEY (account_id, invitation_id),
    CONSTRAINT orgkit_invitation_deliveries_invitation FOREIGN KEY (account_id, invitation_id)
        REFERENCES orgkit_invitations (account_id, invitation_id),
    CONSTRAINT orgkit_invitation_deliveries_status CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'GIVEN_UP')),
    CONSTRAINT orgkit_invitation_deliveries_attempts CHECK (attempts >= 0)
);
CREATE UNIQUE INDEX orgkit_invitation_deliveries_by_invitation ON orgkit_invitation_deliveries (invitation_id);
-- The deliveries a dispatcher looks for: waiting ones, by due time.
CREATE INDEX orgkit_invitation_deliveries_due ON orgkit_invitation_deliveries (next_attempt_at)
    WHERE status IN ('PENDING', 'FAILED');
