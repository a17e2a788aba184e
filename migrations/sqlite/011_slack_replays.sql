-- Slack requests already answered, by their signature and timestamp, shared by every process on this
-- database: a signed request replayed to another process (behind a load balancer) is refused there too.
-- A row is useless once Slack's five-minute window has closed on its timestamp; expires_at (epoch ms)
-- says when, and rows past it are pruned.
CREATE TABLE slack_replays (
  signature  TEXT NOT NULL,
  timestamp  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (signature, timestamp)
) STRICT, WITHOUT ROWID;
CREATE INDEX slack_replays_expiry ON slack_replays(expires_at);
