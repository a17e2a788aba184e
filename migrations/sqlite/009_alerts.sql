-- Instant alerts. A subscription is one channel's filters (countries, blocs, event kinds). A post is one
-- event for one subscription: written in the same transaction as the event it announces (an outbox),
-- so a process that dies after the write loses nothing; drawn into a body and nonce before its first
-- send (then it is journaled exactly like a digest part); sent once.
--
-- Due work is claimed a channel at a time: a worker sets claimed_by and claimed_until on the
-- subscription and renews them while it sends, so one channel's posts (and its hourly cap) are counted
-- in one place, and a dead worker's claim lapses. On PostgreSQL the same claim is a
-- SELECT … FOR UPDATE SKIP LOCKED over these rows.
CREATE TABLE alert_subscriptions (
  -- AUTOINCREMENT: an id is never reused, because post nonces and Slack metadata are derived from it.
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  platform        TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  space_id        TEXT NOT NULL,
  channel_id      TEXT NOT NULL,
  countries       TEXT NOT NULL DEFAULT '[]',
  blocs           TEXT NOT NULL DEFAULT '[]',
  kinds           TEXT NOT NULL DEFAULT '["status_change"]',
  last_posted_at  TEXT,
  disabled_at     TEXT,
  disabled_reason TEXT,
  claimed_by      TEXT,
  claimed_until   TEXT,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (platform, channel_id)
) STRICT;
CREATE INDEX alert_subscriptions_space ON alert_subscriptions(platform, space_id, channel_id);

-- The id orders posts by publication: a channel's alerts go out oldest first.
CREATE TABLE alert_posts (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES alert_subscriptions(id) ON DELETE CASCADE,
  event_id        INTEGER NOT NULL REFERENCES events(id),
  -- queued: recorded with the event, not drawn yet; pending: drawn, not sent; sending: handed to the
  -- platform, fate unknown until recorded; sent; held: over the hourly cap, left to the channel's daily
  -- digest; dropped: the event was deleted before its alert went out; abandoned: the subscription stopped.
  state           TEXT NOT NULL CHECK (state IN ('queued', 'pending', 'sending', 'sent', 'held', 'dropped', 'abandoned')),
  body            TEXT,
  nonce           TEXT,
  -- The event's revision drawn into the body: a later correction shows in the digest, not as a new alert.
  revision        INTEGER,
  message_id      TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  -- Not before: a retry's wait, or when the hourly cap lets the post go.
  retry_at        TEXT,
  sending_since   TEXT,
  sent_at         TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (subscription_id, event_id)
) STRICT;
CREATE INDEX alert_posts_open ON alert_posts(subscription_id, id) WHERE state IN ('queued', 'pending', 'sending');
CREATE INDEX alert_posts_sent ON alert_posts(subscription_id, sent_at) WHERE state = 'sent';
