-- Daily digests. A subscription is one channel's schedule and filters; its cursor is the last audit_log
-- id its digests have covered, so "recorded since the last digest" is an exact range of writes (adds,
-- corrections, deletions), immune to clock skew. The journal records every part of every digest before
-- it is sent, so that a crash at any point can be resumed without losing or repeating a part.
CREATE TABLE digest_subscriptions (
  -- AUTOINCREMENT: an id is never reused, because part nonces and Slack metadata are derived from it.
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  platform        TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  space_id        TEXT NOT NULL,
  channel_id      TEXT NOT NULL,
  local_time      TEXT NOT NULL CHECK (local_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  timezone        TEXT NOT NULL,
  countries       TEXT NOT NULL DEFAULT '[]',
  blocs           TEXT NOT NULL DEFAULT '[]',
  cursor          INTEGER NOT NULL,
  -- The next scheduled digest: its local date and the UTC instant it is due.
  next_date       TEXT NOT NULL,
  next_due_at     TEXT NOT NULL,
  last_date       TEXT,
  last_delivered_at TEXT,
  last_event_count INTEGER,
  disabled_at     TEXT,
  disabled_reason TEXT,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (platform, channel_id)
) STRICT;
CREATE INDEX digest_subscriptions_due ON digest_subscriptions(next_due_at) WHERE disabled_at IS NULL;
CREATE INDEX digest_subscriptions_space ON digest_subscriptions(platform, space_id, channel_id);

-- One row per part of a digest. `digest_key` is the local date of a scheduled digest, or 'run:<instant>'
-- for `digest run --all`. The body is drawn when the digest is composed, so a retry after a restart
-- sends exactly the same part.
CREATE TABLE digest_parts (
  subscription_id INTEGER NOT NULL REFERENCES digest_subscriptions(id) ON DELETE CASCADE,
  digest_key      TEXT NOT NULL,
  part            INTEGER NOT NULL,
  parts           INTEGER NOT NULL,
  cursor_to       INTEGER NOT NULL,
  event_count     INTEGER NOT NULL,
  body            TEXT NOT NULL,
  nonce           TEXT NOT NULL,
  -- pending: not sent; sending: handed to the platform, fate unknown until recorded; sent; abandoned.
  state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'abandoned')),
  message_id      TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  retry_at        TEXT,
  sending_since   TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (subscription_id, digest_key, part)
) STRICT;
CREATE INDEX digest_parts_open ON digest_parts(subscription_id, state) WHERE state IN ('pending', 'sending');

-- Who may deliver digests: one row per job, held until expires_at (epoch ms) and renewed while working.
CREATE TABLE leases (
  name       TEXT PRIMARY KEY,
  owner      TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

-- /digest preview in a channel without a subscription shows the last day's changes: found by time.
CREATE INDEX audit_log_at ON audit_log(at);
