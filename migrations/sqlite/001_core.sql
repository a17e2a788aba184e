-- Core schema: entities, events, sources, links, membership history, audit log, full-text index.
-- Dates are stored three ways on purpose: the text as entered ('2024-02'), its precision, and the
-- first and last day it covers, so that ordering and "as of" questions are plain index range scans.

CREATE TABLE entities (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('country', 'bloc')),
  name       TEXT NOT NULL,
  full_name  TEXT,
  iso2       TEXT,
  iso3       TEXT
) STRICT;

-- Every way to name an entity, normalised (lowercase, trimmed, folded). One alias, one entity.
CREATE TABLE entity_aliases (
  alias      TEXT PRIMARY KEY,
  entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  display    TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  seed_key       TEXT UNIQUE,
  title          TEXT NOT NULL,
  summary        TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL CHECK (kind IN ('status_change','diplomatic','military','statement','economic','legal','other')),
  occurred       TEXT NOT NULL,
  precision      TEXT NOT NULL CHECK (precision IN ('year','month','day')),
  occurred_start TEXT NOT NULL,
  occurred_end   TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  revision       INTEGER NOT NULL DEFAULT 1,
  deleted_at     TEXT,
  created_by     TEXT NOT NULL,
  updated_by     TEXT NOT NULL
) STRICT;
-- Digests read "recorded or corrected since": updated_at covers both.
CREATE INDEX events_updated ON events(updated_at, id);

CREATE TABLE event_sources (
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  url        TEXT NOT NULL,
  publisher  TEXT NOT NULL,
  PRIMARY KEY (event_id, position)
) STRICT, WITHOUT ROWID;

-- One row per (entity, event); occurred_start is copied here so that a timeline is one index range
-- scan in date order with no sort step.
CREATE TABLE event_entities (
  entity_id      TEXT NOT NULL REFERENCES entities(id),
  occurred_start TEXT NOT NULL,
  event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  PRIMARY KEY (entity_id, occurred_start, event_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX event_entities_by_event ON event_entities(event_id, entity_id);

-- Country–bloc pairs of every live event, kind included. "The latest status events of Armenia in the
-- CSTO" and "Belarus's SCO timeline" are then single index range scans, however rare the pair is
-- among a country's events. Derived from event_entities by the store; removed when an event is deleted.
CREATE TABLE event_pairs (
  country_id     TEXT NOT NULL,
  bloc_id        TEXT NOT NULL,
  occurred_start TEXT NOT NULL,
  event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL,
  PRIMARY KEY (country_id, bloc_id, occurred_start, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_pairs_by_kind ON event_pairs(country_id, bloc_id, kind, occurred_start, event_id);
CREATE INDEX event_pairs_by_event ON event_pairs(event_id);

CREATE TABLE memberships (
  id               INTEGER PRIMARY KEY,
  seed_key         TEXT UNIQUE,
  country_id       TEXT NOT NULL REFERENCES entities(id),
  bloc_id          TEXT NOT NULL REFERENCES entities(id),
  status           TEXT NOT NULL CHECK (status IN ('member','founding_member','observer','dialogue_partner','applicant','frozen','suspended','withdrawn')),
  since            TEXT NOT NULL,
  precision        TEXT NOT NULL CHECK (precision IN ('year','month','day')),
  since_start      TEXT NOT NULL,
  basis_event_id   INTEGER REFERENCES events(id),
  source_url       TEXT NOT NULL,
  source_publisher TEXT NOT NULL,
  note             TEXT
) STRICT;
CREATE UNIQUE INDEX memberships_history ON memberships(bloc_id, country_id, since_start, id);
CREATE INDEX memberships_by_country ON memberships(country_id, bloc_id, since_start);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('add','edit','delete','seed','import')),
  event_id  INTEGER REFERENCES events(id),
  revision  INTEGER,
  before    TEXT,
  after     TEXT
) STRICT;
CREATE INDEX audit_log_event ON audit_log(event_id, id);

-- Full-text index over live events only; external content keeps one copy of the text.
CREATE VIRTUAL TABLE events_fts USING fts5(
  title, summary,
  content = 'events', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER events_fts_insert AFTER INSERT ON events WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO events_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
-- One trigger with ordered statements: SQLite gives no order guarantee between separate triggers,
-- and removing the old text after indexing the new one would corrupt the index.
CREATE TRIGGER events_fts_update AFTER UPDATE OF title, summary, deleted_at ON events BEGIN
  INSERT INTO events_fts(events_fts, rowid, title, summary)
    SELECT 'delete', old.id, old.title, old.summary WHERE old.deleted_at IS NULL;
  INSERT INTO events_fts(rowid, title, summary)
    SELECT new.id, new.title, new.summary WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO events_fts(events_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
END;
