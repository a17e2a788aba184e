-- Slack requests already answered, by their signature and timestamp, shared by every process on this
-- database: a signed request replayed to another process (behind a load balancer) is refused there too.
-- A row is useless once Slack's five-minute window has closed on its timestamp; expires_at (epoch ms)
-- says when, and rows past it are pruned. No notify_changed trigger: no answer depends on this table.
CREATE TABLE slack_replays (
  signature  text COLLATE "C" NOT NULL,
  timestamp  bigint NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (signature, timestamp)
);
CREATE INDEX slack_replays_expiry ON slack_replays(expires_at);
