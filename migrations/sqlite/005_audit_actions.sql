-- Widen the audit log's actions: restores of deleted events, and approvals and rejections from the
-- review queue. SQLite cannot alter a CHECK constraint, so the table is rebuilt with every row and id
-- kept as it was (digest cursors are audit ids).
CREATE TABLE audit_log_new (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('add','edit','delete','seed','import','restore','approve','reject')),
  event_id  INTEGER REFERENCES events(id),
  revision  INTEGER,
  before    TEXT,
  after     TEXT
) STRICT;
INSERT INTO audit_log_new (id, at, actor, action, event_id, revision, before, after)
  SELECT id, at, actor, action, event_id, revision, before, after FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_event ON audit_log(event_id, id);
CREATE INDEX audit_log_at ON audit_log(at);
