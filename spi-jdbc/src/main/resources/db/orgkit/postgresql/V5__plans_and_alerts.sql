-- orgkit schema, version 5, for PostgreSQL: plans, usage alert settings, and the outbox of account notices.
-- Every table leads its primary key with account_id (distributable by account). A notice's key
-- (account, kind, subject) is also the mark that it was decided: one usage alert per threshold and
-- month, one statement per month, one expiry notice per key, whatever the number of instances.

CREATE TABLE orgkit_plans (
    account_id    VARCHAR(64) COLLATE "C" NOT NULL,
    monthly_calls BIGINT,
    enforcement   VARCHAR(8)  NOT NULL,
    seats         INTEGER,
    CONSTRAINT orgkit_plans_pk PRIMARY KEY (account_id),
    CONSTRAINT orgkit_plans_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_plans_enforcement CHECK (enforcement IN ('SOFT', 'HARD')),
    CONSTRAINT orgkit_plans_limits CHECK ((monthly_calls IS NULL OR monthly_calls > 0) AND (seats IS NULL OR seats > 0))
);

-- thresholds: the percentages in ascending order, comma-separated (at most ten of 1 to 1000).
CREATE TABLE orgkit_usage_alerts (
    account_id  VARCHAR(64)  COLLATE "C" NOT NULL,
    thresholds  VARCHAR(64)  NOT NULL,
    owner_email VARCHAR(254) COLLATE "C",
    CONSTRAINT orgkit_usage_alerts_pk PRIMARY KEY (account_id),
    CONSTRAINT orgkit_usage_alerts_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id)
);

CREATE TABLE orgkit_notices (
    account_id      VARCHAR(64)   COLLATE "C" NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    subject         VARCHAR(100)  COLLATE "C" NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_attempt_at TIMESTAMP(6) WITH TIME ZONE,
    last_error      VARCHAR(1000),
    claim_id        VARCHAR(64)   COLLATE "C",
    claimed_until   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT orgkit_notices_pk PRIMARY KEY (account_id, kind, subject),
    CONSTRAINT orgkit_notices_account FOREIGN KEY (account_id) REFERENCES orgkit_accounts (account_id),
    CONSTRAINT orgkit_notices_kind CHECK (kind IN ('USAGE_ALERT', 'USAGE_STATEMENT', 'KEY_EXPIRY')),
    CONSTRAINT orgkit_notices_status CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'GIVEN_UP')),
    CONSTRAINT orgkit_notices_attempts CHECK (attempts >= 0)
);
-- The notices a dispatcher looks for: waiting ones, by due time.
CREATE INDEX orgkit_notices_due ON orgkit_notices (next_attempt_at)
    WHERE status IN ('PENDING', 'FAILED');
