// The version of the curated dataset a database holds (migration 007).
import type { Sql } from './sql.ts';

/** A database seeded before versions were recorded holds version 1. */
export async function datasetVersion(sql: Sql): Promise<number> {
  const row = await sql.get<{ version: number }>('SELECT version FROM dataset_state WHERE id = 1');
  return row?.version ?? 1;
}

export async function recordDatasetVersion(sql: Sql, version: number, now: Date): Promise<void> {
  await sql.run(
    `INSERT INTO dataset_state (id, version, updated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
    [version, now.toISOString()],
  );
}
