-- Which version of the curated dataset (src/dataset) this database holds, so that corrections to it
-- reach databases seeded by an older release (src/store/dataset-update.ts). No row means version 1:
-- every database seeded before this table existed.
CREATE TABLE dataset_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  version     INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

-- "Data to <date>": the newest live event is one step down this index.
CREATE INDEX events_occurred_live ON events(occurred_start) WHERE deleted_at IS NULL;
