// Brings a database seeded from an older curated dataset up to the current one, in place. Operators
// run databases seeded by earlier releases; a correction to the dataset must reach them the way an
// editor's correction would: through the event store, as a new revision with an audit row, so that
// every subscriber's next digest lists it as corrected. Rows are matched by seed key. An event an
// editor changed or deleted by hand is the editor's now: it is left alone and reported.
import { CURATED, type CuratedDataset } from '../dataset/curated.ts';
import type { EventRecord } from '../domain/event-record.ts';
import type { ValidEvent } from '../domain/event-input.ts';
import { datasetVersion, recordDatasetVersion } from './dataset-version.ts';
import { EntityDirectory } from './entities.ts';
import { EventStore } from './events.ts';
import { addEntities, curatedEventInput, membershipRow, recordedByEditor, SEED_ACTOR } from './seed.ts';
import type { Sql } from './sql.ts';

export const DATASET_ACTOR = 'blocwatch:dataset';

export interface DatasetUpdateResult {
  from: number;
  to: number;
  /** Seed keys of curated events corrected in place (a new revision each). */
  edited: string[];
  /** Seed keys of curated events this database did not have. */
  added: string[];
  /** New curated events an editor had already recorded from the same report: not added twice. */
  alreadyRecorded: { key: string; eventId: number }[];
  /** Curated events an editor changed or deleted by hand: left as the editor made them. */
  keptByEditors: { key: string; eventId: number; by: string; deleted: boolean }[];
  memberships: { upserted: number; removed: number };
  entities: number;
  aliases: number;
}

/**
 * Applies the curated dataset to a database that holds an older version of it; a no-op (undefined)
 * when it is current. `force` compares everything even so (the comparison itself is idempotent).
 */
export async function updateDataset(
  sql: Sql,
  now: Date,
  opts: { dataset?: CuratedDataset; force?: boolean } = {},
): Promise<DatasetUpdateResult | undefined> {
  const dataset = opts.dataset ?? CURATED;
  const from = await datasetVersion(sql);
  if (from >= dataset.version && !opts.force) return undefined;
  return sql.transaction(async () => {
    const result: DatasetUpdateResult = {
      from,
      to: Math.max(from, dataset.version),
      edited: [],
      added: [],
      alreadyRecorded: [],
      keptByEditors: [],
      memberships: { upserted: 0, removed: 0 },
      entities: 0,
      aliases: 0,
    };
    const added = await addEntities(sql, dataset);
    result.entities = added.entities;
    result.aliases = added.aliases;
    const events = new EventStore(sql, await EntityDirectory.load(sql));
    for (const curated of dataset.events) {
      const input = curatedEventInput(curated);
      const row = await sql.get<{ id: number; revision: number; updated_by: string; deleted_at: string | null }>(
        'SELECT id, revision, updated_by, deleted_at FROM events WHERE seed_key = ?',
        [curated.key],
      );
      if (!row) {
        // An operator may have recorded one of the new events by hand before this release: same report, same event.
        const recorded = await recordedByEditor(
          sql,
          curated.sources.map((s) => s.url),
        );
        if (recorded !== undefined) {
          result.alreadyRecorded.push({ key: curated.key, eventId: recorded });
          continue;
        }
        await events.add(input, DATASET_ACTOR, now, { seedKey: curated.key, action: 'seed' });
        result.added.push(curated.key);
        continue;
      }
      const current = (await events.get(row.id, { includeDeleted: true }))!;
      if (sameContent(current, input)) continue;
      if (row.deleted_at || (row.updated_by !== SEED_ACTOR && row.updated_by !== DATASET_ACTOR)) {
        result.keptByEditors.push({ key: curated.key, eventId: row.id, by: row.updated_by, deleted: row.deleted_at !== null });
        continue;
      }
      await events.edit(row.id, input, DATASET_ACTOR, now, row.revision);
      result.edited.push(curated.key);
    }
    result.memberships = await syncMemberships(sql, dataset);
    if (dataset.version > from) await recordDatasetVersion(sql, dataset.version, now);
    return result;
  });
}

function sameContent(e: EventRecord, v: ValidEvent): boolean {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    e.title === v.title &&
    e.summary === v.summary &&
    e.kind === v.kind &&
    e.date.text === v.date.text &&
    e.date.precision === v.date.precision &&
    same(
      e.countries.map((c) => c.id),
      v.countryIds,
    ) &&
    same(
      e.blocs.map((b) => b.id),
      v.blocIds,
    ) &&
    same(
      e.sources.map((s) => `${s.url}\n${s.publisher}`),
      v.sources.map((s) => `${s.url}\n${s.publisher}`),
    )
  );
}

/** Membership rows are curated only (no command edits them): the curated set replaces the seeded one. */
async function syncMemberships(sql: Sql, dataset: CuratedDataset): Promise<{ upserted: number; removed: number }> {
  // A row changes only when a field does (IS DISTINCT FROM for the nullable ones: SQLite 3.39+ and PostgreSQL both read it).
  const UPSERT = `INSERT INTO memberships (seed_key, country_id, bloc_id, status, since, precision, since_start, basis_event_id,
                              source_url, source_publisher, note)
     VALUES (@key, @country, @bloc, @status, @since, @precision, @start,
             (SELECT id FROM events WHERE seed_key = @basis), @url, @publisher, @note)
     ON CONFLICT(seed_key) DO UPDATE SET
       country_id = excluded.country_id, bloc_id = excluded.bloc_id, status = excluded.status, since = excluded.since,
       precision = excluded.precision, since_start = excluded.since_start, basis_event_id = excluded.basis_event_id,
       source_url = excluded.source_url, source_publisher = excluded.source_publisher, note = excluded.note
     WHERE memberships.country_id <> excluded.country_id OR memberships.bloc_id <> excluded.bloc_id
        OR memberships.status <> excluded.status OR memberships.since <> excluded.since OR memberships.precision <> excluded.precision
        OR memberships.since_start <> excluded.since_start OR memberships.source_url <> excluded.source_url
        OR memberships.source_publisher <> excluded.source_publisher
        OR memberships.basis_event_id IS DISTINCT FROM excluded.basis_event_id OR memberships.note IS DISTINCT FROM excluded.note`;
  let upserted = 0;
  for (const m of dataset.memberships) upserted += await sql.run(UPSERT, membershipRow(m));
  const keep = new Set(dataset.memberships.map((m) => m.key));
  let removed = 0;
  for (const { seed_key } of await sql.all<{ seed_key: string }>(
    'SELECT seed_key FROM memberships WHERE seed_key IS NOT NULL ORDER BY id',
  )) {
    if (!keep.has(seed_key)) removed += await sql.run('DELETE FROM memberships WHERE seed_key = ?', [seed_key]);
  }
  return { upserted, removed };
}
