-- orgkit schema, version 7, for H2 (2.x, regular mode): deleting, restoring and purging accounts (R13).
-- An account is ACTIVE, DELETED (restorable until restore_until, then purgeable) or PURGED: a
-- tombstone whose rows are gone but for its audit trail, which still refers to it.

ALTER TABLE orgkit_accounts ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE orgkit_accounts ADD COLUMN deleted_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE orgkit_accounts ADD COLUMN restore_until TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE orgkit_accounts ADD CONSTRAINT orgkit_accounts_status CHECK (status IN ('ACTIVE', 'DELETED', 'PURGED'));
ALTER TABLE orgkit_accounts ADD CONSTRAINT orgkit_accounts_deletion CHECK (
    (status = 'ACTIVE' AND deleted_at IS NULL AND restore_until IS NULL)
    OR (status <> 'ACTIVE' AND deleted_at IS NOT NULL AND restore_until IS NOT NULL));
-- What a purge looks for: deleted accounts by the end of their window.
CREATE INDEX orgkit_accounts_purgeable ON orgkit_accounts (status, restore_until);

-- Deleting an organization forgets it as every member's active account in one statement.
CREATE INDEX orgkit_active_accounts_by_account ON orgkit_active_accounts (account_id);

-- An admin may ask support to delete the organization.
ALTER TABLE orgkit_support_requests DROP CONSTRAINT orgkit_support_requests_action;
ALTER TABLE orgkit_support_requests ADD CONSTRAINT orgkit_support_requests_action
    CHECK (action IN ('DEMOTE_ADMIN', 'REMOVE_ADMIN', 'DELETE_ORGANIZATION'));
