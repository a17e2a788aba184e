// Loads the curated dataset. Every row carries a stable seed key, so seeding twice changes nothing,
// and an event an admin deleted (soft-deleted, key kept) is not brought back.
import { CURATED, type CuratedDataset } from '../dataset/curated.ts';
import { parsePartialDate } from '../domain/dates.ts';
import { normalizeAlias } from '../domain/entities.ts';
import type { ValidEvent } from '../domain/event-input.ts';
import type { SeedEvent, SeedMembership } from '../domain/types.ts';
import { EntityDirectory } from './entities.ts';
import { EventStore } from './events.ts';
import { recordDatasetVersion } from './dataset-version.ts';
import type { Sql } from './sql.ts';

export const SEED_ACTOR = 'blocwatch:seed';

/**
 * The live event an editor recorded by hand from one of these reports, if any: a curated event added
 * to a database in use must not duplicate what an editor already recorded from the same source.
 */
export async function recordedByEditor(sql: Sql, urls: readonly string[]): Promise<number | undefined> {
  for (const url of urls) {
    const hit = await sql.get<{ id: number }>(
      `SELECT e.id FROM event_sources s JOIN events e ON e.id = s.event_id
       WHERE s.url = ? AND e.seed_key IS NULL AND e.deleted_at IS NULL ORDER BY e.id LIMIT 1`,
      [url],
    );
    if (hit) return hit.id;
  }
  return undefined;
}

export const INSERT_ENTITY =
  'INSERT INTO entities (id, kind, name, full_name, iso2, iso3) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING';
export const INSERT_ALIAS = 'INSERT INTO entity_aliases (alias, entity_id, display) VALUES (?, ?, ?) ON CONFLICT (alias) DO NOTHING';

/** Adds the dataset's entities and aliases a database lacks; counts what it added. */
export async function addEntities(sql: Sql, dataset: CuratedDataset): Promise<{ entities: number; aliases: number }> {
  const added = { entities: 0, aliases: 0 };
  for (const e of dataset.entities) {
    added.entities += await sql.run(INSERT_ENTITY, [e.id, e.kind, e.name, e.fullName ?? null, e.iso2 ?? null, e.iso3 ?? null]);
    const names = [e.id, e.name, e.fullName, e.iso2, e.iso3, ...e.aliases].filter((x): x is string => Boolean(x));
    for (const name of names) added.aliases += await sql.run(INSERT_ALIAS, [normalizeAlias(name), e.id, name]);
  }
  return added;
}

export interface SeedResult {
  entities: number;
  aliases: number;
  events: number;
  memberships: number;
}

/** `dataset` is the curated one; tests pass an older release to build the databases operators have. */
export function seed(sql: Sql, now: Date, dataset: CuratedDataset = CURATED): Promise<SeedResult> {
  const { events: EVENTS, memberships: MEMBERSHIPS } = dataset;
  return sql.transaction(async () => {
    // Only a database seeded from nothing is known to hold exactly this version; rows added to an
    // older one are completed (corrections included) by the dataset update at start.
    const fresh = !(await sql.get('SELECT 1 AS one FROM entities LIMIT 1'));
    const result: SeedResult = { entities: 0, aliases: 0, events: 0, memberships: 0 };
    Object.assign(result, await addEntities(sql, dataset));

    const events = new EventStore(sql, await EntityDirectory.load(sql));
    for (const e of EVENTS) {
      if (await sql.get('SELECT id FROM events WHERE seed_key = ?', [e.key])) continue;
      if (
        !fresh &&
        (await recordedByEditor(
          sql,
          e.sources.map((s) => s.url),
        )) !== undefined
      )
        continue;
      await events.add(curatedEventInput(e), SEED_ACTOR, now, { seedKey: e.key, action: 'seed' });
      result.events++;
    }

    for (const m of MEMBERSHIPS) {
      result.memberships += await sql.run(
        `INSERT INTO memberships (seed_key, country_id, bloc_id, status, since, precision, since_start, basis_event_id,
                                  source_url, source_publisher, note)
         VALUES (@key, @country, @bloc, @status, @since, @precision, @start,
                 (SELECT id FROM events WHERE seed_key = @basis), @url, @publisher, @note)
         ON CONFLICT (seed_key) DO NOTHING`,
        membershipRow(m),
      );
    }
    if (fresh) await recordDatasetVersion(sql, dataset.version, now);
    return result;
  });
}

/** First start: an empty database gets the dataset; anything else is left as the admins made it. */
export async function seedIfEmpty(sql: Sql, now: Date): Promise<SeedResult | undefined> {
  const any = await sql.get('SELECT 1 AS one FROM entities LIMIT 1');
  return any ? undefined : seed(sql, now);
}

/** A curated date, parsed and checked against the precision the dataset states for it. */
function curatedDate(text: string, precision: string, what: string) {
  const date = parsePartialDate(text);
  if (!date || date.precision !== precision) throw new Error(`${what}: bad date ${text}`);
  return date;
}

/** A curated event as the store's validated input (dates checked against their stated precision). */
export function curatedEventInput(e: SeedEvent): ValidEvent {
  const date = curatedDate(e.date, e.precision, `curated event ${e.key}`);
  return {
    title: e.title,
    summary: e.summary,
    kind: e.kind,
    date,
    countryIds: e.countries,
    blocIds: e.blocs,
    sources: e.sources.map(({ url, publisher }) => ({ url, publisher })),
  };
}

/** A curated membership as the parameters of a memberships row (its basis event named by seed key). */
export function membershipRow(m: SeedMembership) {
  const date = curatedDate(m.since, m.precision, `curated membership ${m.key}`);
  return {
    key: m.key,
    country: m.country,
    bloc: m.bloc,
    status: m.status,
    since: date.text,
    precision: date.precision,
    start: date.start,
    basis: m.basisEvent ?? null,
    url: m.source.url,
    publisher: m.source.publisher,
    note: m.note ?? null,
  };
}
