// The version of the curated dataset a database holds (migration 007).
import type { Db } from './db.ts';

/** A database seeded before versions were recorded holds version 1. */
export function datasetVersion(db: Db): number {
  const row = db.prepare<[], { version: number }>('SELECT version FROM dataset_state WHERE id = 1').get();
  return row?.version ?? 1;
}

export function recordDatasetVersion(db: Db, version: number, now: Date): void {
  db.prepare(
    `INSERT INTO dataset_state (id, version, updated_at) VALUES (1, ?, ?)
     ON CONFLICT(id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
  ).run(version, now.toISOString());
}
