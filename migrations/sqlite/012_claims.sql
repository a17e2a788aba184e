-- Work claimed row by row. Digest subscriptions and intake sources are claimed as alert subscriptions
-- already are (009): claimed_by names the worker, claimed_until is when the claim lapses unless renewed.
-- One process on SQLite claims everything it finds, behind the digest and intake leases as before; on
-- PostgreSQL any number of workers take rows with FOR UPDATE SKIP LOCKED (src/store/claims.ts).
ALTER TABLE digest_subscriptions ADD COLUMN claimed_by TEXT;
ALTER TABLE digest_subscriptions ADD COLUMN claimed_until TEXT;
ALTER TABLE intake_sources ADD COLUMN claimed_by TEXT;
ALTER TABLE intake_sources ADD COLUMN claimed_until TEXT;
