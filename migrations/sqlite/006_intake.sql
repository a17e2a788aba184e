-- News intake: the feeds blocwatch reads, the items it has seen (so a restarted process never drafts
-- an item twice), and the draft events editors review. Nothing here is visible to /timeline, /search,
-- /csto status or digests: those read `events` only, which a draft reaches through approval alone.
CREATE TABLE intake_sources (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  url               TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
  -- The normalised form (no tracking parameters, fragment, scheme or trailing slash): one source per feed.
  url_key           TEXT NOT NULL UNIQUE,
  name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- Entity ids; an empty list means every tracked country or bloc.
  countries         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(countries) AND json_type(countries) = 'array'),
  blocs             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(blocs) AND json_type(blocs) = 'array'),
  keywords          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords) AND json_type(keywords) = 'array'),
  -- How many of the newest items the first poll drafts; the rest are marked seen.
  backfill          INTEGER NOT NULL DEFAULT 0 CHECK (backfill BETWEEN 0 AND 100),
  -- 1 once the first successful poll has marked the back catalogue seen.
  primed            INTEGER NOT NULL DEFAULT 0 CHECK (primed IN (0, 1)),
  added_by          TEXT NOT NULL,
  added_at          TEXT NOT NULL,
  etag              TEXT,
  last_modified     TEXT,
  last_polled_at    TEXT,
  last_ok_at        TEXT,
  next_poll_at      TEXT NOT NULL,
  failures          INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_error        TEXT,
  disabled_reason   TEXT,
  disabled_at       TEXT,
  -- Editors are told once that a source stopped; 1 once that message has gone out.
  disabled_notified INTEGER NOT NULL DEFAULT 0 CHECK (disabled_notified IN (0, 1)),
  CHECK ((disabled_reason IS NULL) = (disabled_at IS NULL))
) STRICT;
CREATE INDEX intake_sources_due ON intake_sources(next_poll_at, id) WHERE disabled_at IS NULL;
CREATE INDEX intake_sources_untold ON intake_sources(id) WHERE disabled_at IS NOT NULL AND disabled_notified = 0;

-- Every item a source has shown, by GUID and by normalised URL, whether it became a draft or not.
CREATE TABLE intake_seen (
  id         INTEGER PRIMARY KEY,
  source_id  INTEGER NOT NULL REFERENCES intake_sources(id) ON DELETE CASCADE,
  guid       TEXT,
  url_key    TEXT,
  seen_at    TEXT NOT NULL,
  CHECK (guid IS NOT NULL OR url_key IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX intake_seen_guid ON intake_seen(source_id, guid) WHERE guid IS NOT NULL;
CREATE UNIQUE INDEX intake_seen_url ON intake_seen(source_id, url_key) WHERE url_key IS NOT NULL;

CREATE TABLE intake_drafts (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  title              TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  summary            TEXT NOT NULL CHECK (length(summary) <= 1500),
  occurred           TEXT NOT NULL,
  precision          TEXT NOT NULL CHECK (precision IN ('year', 'month', 'day')),
  occurred_start     TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('status_change','diplomatic','military','statement','economic','legal','other')),
  language           TEXT NOT NULL,
  matched_because    TEXT NOT NULL,
  date_reason        TEXT NOT NULL,
  -- The published event this article would become a further source of, or NULL for a new event.
  event_id           INTEGER REFERENCES events(id),
  -- The feed it came from; NULL for /event import and import-article.
  source_id          INTEGER REFERENCES intake_sources(id) ON DELETE SET NULL,
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  decided_by         TEXT,
  decided_at         TEXT,
  resulting_event_id INTEGER REFERENCES events(id),
  CHECK ((status = 'pending') = (decided_at IS NULL AND decided_by IS NULL)),
  CHECK ((status = 'approved') = (resulting_event_id IS NOT NULL))
) STRICT;
-- The review queue, oldest first, and "pending drafts of the last few days" for merging.
CREATE INDEX intake_drafts_pending ON intake_drafts(id) WHERE status = 'pending';
CREATE INDEX intake_drafts_pending_recent ON intake_drafts(created_at) WHERE status = 'pending';

CREATE TABLE intake_draft_sources (
  draft_id     INTEGER NOT NULL REFERENCES intake_drafts(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL CHECK (position >= 0),
  url          TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
  url_key      TEXT NOT NULL,
  publisher    TEXT NOT NULL,
  published_at TEXT,
  PRIMARY KEY (draft_id, position)
) STRICT, WITHOUT ROWID;
-- "Is this article already in a draft?" and no article twice in one draft.
CREATE UNIQUE INDEX intake_draft_sources_url ON intake_draft_sources(url_key, draft_id);

CREATE TABLE intake_draft_entities (
  draft_id  INTEGER NOT NULL REFERENCES intake_drafts(id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL REFERENCES entities(id),
  position  INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (draft_id, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX intake_draft_entities_entity ON intake_draft_entities(entity_id, draft_id);
