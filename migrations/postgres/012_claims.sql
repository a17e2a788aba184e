-- Work claimed row by row (as migrations/sqlite/012_claims.sql). Digest subscriptions and intake sources
-- are claimed as alert subscriptions already are: claimed_by names the worker, claimed_until is when the
-- claim lapses unless renewed. Workers take rows with FOR UPDATE SKIP LOCKED (src/store/claims.ts).
ALTER TABLE digest_subscriptions ADD COLUMN claimed_by text COLLATE "C";
ALTER TABLE digest_subscriptions ADD COLUMN claimed_until text COLLATE "C";
ALTER TABLE intake_sources ADD COLUMN claimed_by text COLLATE "C";
ALTER TABLE intake_sources ADD COLUMN claimed_until text COLLATE "C";

-- Live claims by owner: how many workers share the platforms' global rate limits right now.
CREATE INDEX digest_subscriptions_claimed ON digest_subscriptions(claimed_until, claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX alert_subscriptions_claimed ON alert_subscriptions(claimed_until, claimed_by) WHERE claimed_by IS NOT NULL;

-- Taking, renewing and releasing claims is no change to what anyone reads: it must not invalidate every
-- process's answer cache (notify_changed) several times a second while digests go out.
DROP TRIGGER digest_subscriptions_changed ON digest_subscriptions;
CREATE TRIGGER digest_subscriptions_changed AFTER INSERT OR DELETE OR UPDATE OF platform, space_id, channel_id, local_time, timezone,
  countries, blocs, cursor, next_date, next_due_at, last_date, last_delivered_at, last_event_count, disabled_at, disabled_reason,
  created_by, created_at, updated_at ON digest_subscriptions FOR EACH STATEMENT EXECUTE FUNCTION notify_changed();
DROP TRIGGER alert_subscriptions_changed ON alert_subscriptions;
CREATE TRIGGER alert_subscriptions_changed AFTER INSERT OR DELETE OR UPDATE OF platform, space_id, channel_id, countries, blocs, kinds,
  last_posted_at, disabled_at, disabled_reason, created_by, created_at, updated_at
  ON alert_subscriptions FOR EACH STATEMENT EXECUTE FUNCTION notify_changed();
DROP TRIGGER intake_sources_changed ON intake_sources;
CREATE TRIGGER intake_sources_changed AFTER INSERT OR DELETE OR UPDATE OF url, url_key, name, countries, blocs, keywords, backfill, primed,
  added_by, added_at, etag, last_modified, last_polled_at, last_ok_at, next_poll_at, failures, last_error, disabled_reason,
  disabled_at, disabled_notified ON intake_sources FOR EACH STATEMENT EXECUTE FUNCTION notify_changed();
