-- What a user typed into a Discord form that failed validation, so that "Reopen the form" can show it
-- again. Kept in the database (not in memory) so any process behind a load balancer can reopen it.
CREATE TABLE form_drafts (
  id         INTEGER PRIMARY KEY,
  form       TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX form_drafts_created ON form_drafts(created_at);
