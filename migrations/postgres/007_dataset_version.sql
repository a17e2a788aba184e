-- Which version of the curated dataset this database holds (as migrations/sqlite/007_dataset_version.sql).
CREATE TABLE dataset_state (
  id          integer PRIMARY KEY CHECK (id = 1),
  version     integer NOT NULL,
  updated_at  text COLLATE "C" NOT NULL
);

CREATE INDEX events_occurred_live ON events(occurred_start) WHERE deleted_at IS NULL;

CREATE TRIGGER dataset_state_changed AFTER INSERT OR UPDATE OR DELETE ON dataset_state FOR EACH STATEMENT EXECUTE FUNCTION notify_changed();
