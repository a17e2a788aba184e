-- Each article of a draft ("report") keeps what intake proposed for it (headline, summary, date and
-- why, entities, kind, story tokens, the published events it may tell), so that a draft is a function
-- of its reports — the date they agree on, an English headline when there is one — whatever order they
-- arrived in, and a new article is compared with every report of a draft. `seq` grows with every report
-- added anywhere, so a process's story index catches up with reports another process added to an
-- older draft. A table of its own: proposals are kilobytes, and intake_draft_sources is WITHOUT ROWID.
CREATE TABLE intake_draft_reports (
  seq          INTEGER PRIMARY KEY,
  draft_id     INTEGER NOT NULL REFERENCES intake_drafts(id) ON DELETE CASCADE,
  url_key      TEXT NOT NULL,
  published_at TEXT,
  lang         TEXT NOT NULL,
  -- Apart from the tokens: a draft is re-read whole each time a report joins it, without them.
  proposal     TEXT NOT NULL,
  tokens       TEXT NOT NULL
) STRICT;
CREATE INDEX intake_draft_reports_draft ON intake_draft_reports(draft_id);

-- The language of each source, shown on the review card beside its outlet.
ALTER TABLE intake_draft_sources ADD COLUMN lang TEXT;

-- Why the draft is bloc news and not a passing mention ("0.97: bloc in headline, bloc words in lead").
ALTER TABLE intake_drafts ADD COLUMN relevance TEXT NOT NULL DEFAULT '';
