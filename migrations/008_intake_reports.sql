-- Each article of a draft keeps what intake proposed for it (its headline, summary, date and why,
-- entities, kind, story tokens, the published event it alone would link to) and its language, so that
-- a draft is a function of its articles — the date they agree on, an English headline when there is
-- one — whatever order they arrived in, and a new report is compared with every report of a draft.
-- `seq` grows with every article added anywhere, so a process's story index catches up with articles
-- another process added to an older draft.
ALTER TABLE intake_draft_sources ADD COLUMN lang TEXT;
ALTER TABLE intake_draft_sources ADD COLUMN proposal TEXT CHECK (proposal IS NULL OR json_valid(proposal));
ALTER TABLE intake_draft_sources ADD COLUMN seq INTEGER;
CREATE INDEX intake_draft_sources_seq ON intake_draft_sources(seq) WHERE seq IS NOT NULL;

-- Why the draft is bloc news and not a passing mention ("0.97: bloc in headline, bloc words in lead").
ALTER TABLE intake_drafts ADD COLUMN relevance TEXT NOT NULL DEFAULT '';
