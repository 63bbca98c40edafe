-- orgkit schema, version 9, for H2 (2.x, regular mode): an index of the expiries of API keys, for
-- the look that schedules expiry notices (once a minute per instance). Without it the look reads
-- every key. (H2 has no partial index: revoked and rolled keys are in it too.)
CREATE INDEX orgkit_api_keys_expiring ON orgkit_api_keys (expires_at);
